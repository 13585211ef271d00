#!/usr/bin/env bash
# Runs the real-client tests (tests/ServerlessMail.EndToEnd.Tests/Imap) against a private Dovecot over TLS, to show
# the scripts themselves are right before they meet our server: imaplib_client.py over implicit TLS and over
# STARTTLS, then mbsync_sync.sh. Exits non-zero if any of them fails.
#
#   bench/imap/prove_clients.sh [--keep]
set -euo pipefail

KEEP=
[[ ${1:-} != --keep ]] || KEEP=1

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
TESTS=$REPO/tests/ServerlessMail.EndToEnd.Tests/Imap
# shellcheck source-path=SCRIPTDIR source=../smtp/common.sh
source "$REPO/bench/smtp/common.sh"
# shellcheck source-path=SCRIPTDIR source=dovecot.sh
source "$HERE/dovecot.sh"
need dovecot "sudo apt-get install dovecot-imapd"
need mbsync "sudo apt-get install isync"
need openssl "sudo apt-get install openssl"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/imapclients.XXXXXX")
DOVECOT_PID=''
cleanup() {
    stop_dovecot
    if [[ -n $KEEP ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

make_cert "$WORK/tls"
IMAP_PORT=$(free_port) IMAPS_PORT=$(free_port)
export IMAP_TEST_PASSWORD
IMAP_TEST_PASSWORD=$(openssl rand -hex 16)
USER_ADDRESS=client@bench.localhost
start_dovecot 0 "$IMAP_PORT" "$IMAPS_PORT" "$USER_ADDRESS" "$IMAP_TEST_PASSWORD" "$WORK/tls"

say "imaplib_client.py over implicit TLS (port $IMAPS_PORT)"
timeout 120 python3 "$TESTS/imaplib_client.py" 127.0.0.1 "$IMAPS_PORT" "$USER_ADDRESS" - --cafile "$WORK/tls/cert.pem"
say "imaplib_client.py over STARTTLS (port $IMAP_PORT)"
timeout 120 python3 "$TESTS/imaplib_client.py" 127.0.0.1 "$IMAP_PORT" "$USER_ADDRESS" - --cafile "$WORK/tls/cert.pem" \
    --mode starttls
say "mbsync_sync.sh over implicit TLS (localhost:$IMAPS_PORT: mbsync matches the name against the certificate's DNS names)"
timeout 600 "$TESTS/mbsync_sync.sh" localhost "$IMAPS_PORT" "$USER_ADDRESS" - "$WORK/tls/cert.pem" "$WORK/mbsync"
say "all client tests passed against dovecot $(dovecot --version | cut -d' ' -f1)"
