#!/usr/bin/env bash
# IMAP read path, side by side in one run: a private Dovecot and `serverlessmail serve`, each pinned to one CPU with
# the load client on another, the same generated messages in both (10,000 in INBOX; 100,000 in a folder "Big" for
# the SELECT line), the same certificate, implicit TLS. Prints one table with both servers and the ratio per line.
# If our server's IMAP port does not answer (the IMAP edge is not merged yet), the "ours" half is skipped with a
# message and the Dovecot half still runs. See bench/README.md (IMAP).
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/imap/compare.sh [options]
  --messages N      messages in INBOX for FETCH, SELECT and SEARCH (default 10000)
  --big N           messages in the folder Big, for the second SELECT line (default 100000; 0 = skip)
  --only WHICH      dovecot, ours or both (default both)
  --repeat N        measured FETCH runs per line after a cold one (default 3)
  --select-repeat N measured SELECTs (default 20)
  --search-repeat N measured runs per SEARCH (default 10)
  --server-cpu N    CPU for the server under test (default 0)
  --client-cpu N    CPU for the load client and the loaders (default 1)
  --serve-flags "F" extra flags for our serve, e.g. "--fsync false" to load 100,000 messages faster
  --serve-env "K=V" extra environment for our serve, e.g. "DOTNET_TieredCompilation=0" (see bench/README.md)
  --perf FILE       profile our server with perf during its INBOX measurements (perf.data to FILE; serve runs with
                    DOTNET_PerfMapEnabled=1 and W^X off so perf report can name the JIT-compiled methods)
  --keep            keep the temp dir (configs, logs, stores, Maildirs)
Needs: taskset, python3, openssl, dovecot (apt-get install dovecot-imapd), dotnet for "ours".
USAGE
}

MESSAGES=10000 BIG=100000 ONLY=both REPEAT=3 SELECT_REPEAT=20 SEARCH_REPEAT=10 SERVER_CPU=0 CLIENT_CPU=1 KEEP='' SERVE_FLAGS='' PERF_OUT='' SERVE_ENV=''
while (($#)); do
    case $1 in
        --messages) MESSAGES=$2; shift 2 ;;
        --big) BIG=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --repeat) REPEAT=$2; shift 2 ;;
        --select-repeat) SELECT_REPEAT=$2; shift 2 ;;
        --search-repeat) SEARCH_REPEAT=$2; shift 2 ;;
        --server-cpu) SERVER_CPU=$2; shift 2 ;;
        --client-cpu) CLIENT_CPU=$2; shift 2 ;;
        --serve-flags) SERVE_FLAGS=$2; shift 2 ;;
        --perf) PERF_OUT=$2; shift 2 ;;
        --serve-env) SERVE_ENV=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ $ONLY == both || $ONLY == dovecot || $ONLY == ours ]] || { usage >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../smtp/common.sh
source "$REPO/bench/smtp/common.sh"
# shellcheck source-path=SCRIPTDIR source=dovecot.sh
source "$HERE/dovecot.sh"

need taskset "sudo apt-get install util-linux"
need python3 "sudo apt-get install python3"
need openssl "sudo apt-get install openssl"
[[ $ONLY == ours ]] || need dovecot "sudo apt-get install dovecot-imapd (then: sudo systemctl disable --now dovecot)"
[[ $ONLY == dovecot ]] || need dotnet "the .NET 10 SDK (see global.json)"
check_cores "$SERVER_CPU" "$CLIENT_CPU"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/imapbench.XXXXXX")
DOVECOT_PID='' SERVE_PID=''
cleanup() {
    stop_dovecot
    stop_serve
    if [[ -n $KEEP ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

USER_ADDRESS=bench@bench.localhost
CLIENT=(taskset -c "$CLIENT_CPU" python3)
RESULTS=$WORK/results
mkdir -p "$RESULTS"
make_cert "$WORK/tls"

bench() { # bench LABEL PORT MAILBOX MANIFEST TSV [extra imap_bench flags]: the load client, pinned
    local label=$1 port=$2 mailbox=$3 manifest=$4 tsv=$5
    shift 5
    "${CLIENT[@]}" "$HERE/imap_bench.py" --host 127.0.0.1 --port "$port" --tls implicit --cafile "$WORK/tls/cert.pem" \
        --user "$USER_ADDRESS" --password-env IMAP_BENCH_PASSWORD --mailbox "$mailbox" --expect "$manifest" \
        --repeat "$REPEAT" --select-repeat "$SELECT_REPEAT" --search-repeat "$SEARCH_REPEAT" \
        --label "$label" --tsv "$tsv" "$@"
}

run_dovecot() {
    export IMAP_BENCH_PASSWORD
    IMAP_BENCH_PASSWORD=$(openssl rand -hex 16)
    local port imaps
    port=$(free_port) imaps=$(free_port)
    start_dovecot "$SERVER_CPU" "$port" "$imaps" "$USER_ADDRESS" "$IMAP_BENCH_PASSWORD" "$WORK/tls"
    say "dovecot: writing $MESSAGES messages into INBOX (Maildir, directly)"
    "${CLIENT[@]}" "$HERE/load_messages.py" --count "$MESSAGES" --maildir "$DOVECOT_MAILDIR" --to "$USER_ADDRESS" \
        --progress 5000 --manifest "$WORK/inbox.json"
    if ((BIG > 0)); then
        say "dovecot: writing $BIG messages into Big (Maildir++ folder .Big)"
        "${CLIENT[@]}" "$HERE/load_messages.py" --count "$BIG" --maildir "$DOVECOT_MAILDIR/.Big" --to "$USER_ADDRESS" \
            --progress 20000 --manifest "$WORK/big.json"
    fi
    dovecot_fix_owner
    sync
    say "dovecot: measuring (load average $(load_average))"
    bench dovecot "$imaps" INBOX "$WORK/inbox.json" "$RESULTS/dovecot.tsv"
    ((BIG == 0)) || bench dovecot "$imaps" Big "$WORK/big.json" "$RESULTS/dovecot.tsv" --only select
    stop_dovecot
}

# Ours: returns non-zero, with a message, when serve does not start with the IMAP flags or its port does not answer.
start_ours() {
    local data=$1 imap=$2 imaps=$3
    # shellcheck disable=SC2086 # --serve-flags is a list of words on purpose
    local perf_env=()
    [[ -z $PERF_OUT ]] || perf_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
    # shellcheck disable=SC2206 # --serve-env is a list of words on purpose
    [[ -z $SERVE_ENV ]] || perf_env+=($SERVE_ENV)
    env "${perf_env[@]}" taskset -c "$SERVER_CPU" "$CLI" serve --data-dir "$data" --listen 127.0.0.1 --hostname localhost \
        --smtp-port "$(free_port)" --submission-port "$(free_port)" --submissions-port "$(free_port)" \
        --imap-port "$imap" --imaps-port "$imaps" --tls-cert "$WORK/tls/cert.pem" --tls-key "$WORK/tls/key.pem" \
        --greeting-delay 0 --relay local $SERVE_FLAGS >"$WORK/serve.out" 2>"$WORK/serve.err" &
    SERVE_PID=$!
    local deadline=$((SECONDS + 60))
    until grep -q '^ready ' "$WORK/serve.out" 2>/dev/null; do
        if ! kill -0 "$SERVE_PID" 2>/dev/null; then
            wait "$SERVE_PID" 2>/dev/null || true
            SERVE_PID=
            say "ours: serve did not start with --imap-port/--imaps-port: $(head -c 300 "$WORK/serve.err" | tr '\n' ' ')"
            return 1
        fi
        (( SECONDS < deadline )) || { say "ours: serve was not ready within 60 s"; return 1; }
        sleep 0.2
    done
    say "ours: $(grep -m1 '^ready ' "$WORK/serve.out")"
    python3 - "$imaps" "$WORK/tls/cert.pem" <<'PY' || { say "ours: the IMAPS port $imaps does not answer with '* OK'"; return 1; }
import socket, ssl, sys
context = ssl.create_default_context(cafile=sys.argv[2])
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5) as raw:
    with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        sys.exit(0 if tls.recv(100).startswith(b"* OK") else 1)
PY
}

run_ours() {
    build_cli
    local data=$WORK/ours imap imaps
    imap=$(free_port) imaps=$(free_port)
    "$CLI" inbox create "$USER_ADDRESS" --data-dir "$data" >"$WORK/inbox.out"
    export IMAP_BENCH_PASSWORD
    # The secret is the first stdout line (host contract); it reaches the clients through the environment only.
    IMAP_BENCH_PASSWORD=$("$CLI" token create --inbox "$USER_ADDRESS" --permissions read,send,delete --data-dir "$data" | head -n1)
    [[ -n $IMAP_BENCH_PASSWORD ]] || die "token create printed no token"
    # Lift the stored-bytes quotas of this throwaway account and inbox: 110,000 messages are about 1 GB.
    "$CLI" account limits "${USER_ADDRESS#*@}" --stored-bytes none --data-dir "$data" >/dev/null
    "$CLI" inbox limits "$USER_ADDRESS" --stored-bytes none --data-dir "$data" >/dev/null
    if ! start_ours "$data" "$imap" "$imaps"; then
        say "ours: SKIPPED (our IMAP server is not there yet); the table shows Dovecot alone"
        stop_serve
        return 0
    fi
    local load=("${CLIENT[@]}" "$HERE/load_messages.py" --host 127.0.0.1 --port "$imaps" --tls implicit
        --cafile "$WORK/tls/cert.pem" --user "$USER_ADDRESS" --password-env IMAP_BENCH_PASSWORD --to "$USER_ADDRESS")
    say "ours: appending $MESSAGES messages to INBOX"
    "${load[@]}" --count "$MESSAGES" --progress 2000 --manifest "$WORK/inbox.json"
    if ((BIG > 0)); then
        say "ours: appending $BIG messages to Big"
        "${load[@]}" --count "$BIG" --mailbox Big --progress 10000 --manifest "$WORK/big.json"
    fi
    say "ours: measuring (load average $(load_average))"
    local perf_pid=''
    if [[ -n $PERF_OUT ]]; then
        perf record -g -F 499 -o "$PERF_OUT" -p "$SERVE_PID" >"$WORK/perf.log" 2>&1 &
        perf_pid=$!
        sleep 1
    fi
    bench ours "$imaps" INBOX "$WORK/inbox.json" "$RESULTS/ours.tsv"
    if [[ -n $perf_pid ]]; then
        kill -INT "$perf_pid"
        wait "$perf_pid" || true
        say "ours: perf data in $PERF_OUT (perf report -i $PERF_OUT --no-children --sort symbol)"
    fi
    ((BIG == 0)) || bench ours "$imaps" Big "$WORK/big.json" "$RESULTS/ours.tsv" --only select
    stop_serve
}

say "load average before: $(load_average); $(nproc --all) CPUs; servers on CPU $SERVER_CPU, clients on CPU $CLIENT_CPU"
[[ $ONLY == ours ]] || run_dovecot
[[ $ONLY == dovecot ]] || run_ours
say "load average after: $(load_average)"

echo
echo "IMAP over implicit TLS (same certificate), one connection; $MESSAGES messages in INBOX$( ((BIG == 0)) || echo ", $BIG in Big"); servers on CPU $SERVER_CPU, the client on CPU $CLIENT_CPU."
echo "FETCH = median of $REPEAT runs after a cold one; SELECT = median/p95 of $SELECT_REPEAT; SEARCH = median/p95 of $SEARCH_REPEAT. Ratio > 1 = ours ahead."
[[ $ONLY == dovecot ]] || echo "Ours: serve ${SERVE_FLAGS:-with default flags (fsync on)}; runtime environment: ${SERVE_ENV:-the CLI runtimeconfig (tiered, quick JIT off)}."
echo
python3 "$HERE/side_by_side.py" "$RESULTS/dovecot.tsv" "$RESULTS/ours.tsv"
