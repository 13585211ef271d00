#!/usr/bin/env bash
# Inbound SMTP throughput, side by side: ServerlessMail's inbound listener (embedded store, fsync on) and a private
# Postfix delivering to a Maildir, both driven by Postfix's smtp-source. Each server is pinned to one CPU and
# smtp-source to another. A cell's rate is messages / (time until every message is delivered): in the INBOX for us,
# in the Maildir for Postfix. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/smtp/inbound.sh [options]
  --messages N        messages per cell (default 2000; pick enough for >= ~5 s per cell)
  --sessions "1 10 50"  parallel smtp-source sessions (-s), space-separated
  --sizes "4096 102400" payload bytes per message (smtp-source -l), space-separated
  --warmup N          messages sent to each server before measuring, at 10 sessions (default 3000: the .NET JIT and its
                      dynamic PGO take a few thousand messages to reach steady state; 0 = none)
  --reuse             send all of a session's messages over one connection (smtp-source -d); default: one
                      connection per message, as MX traffic arrives
  --only ours|postfix measure one server only
  --server-cpu N      CPU for both servers (default 0)
  --client-cpu N      CPU for smtp-source (default 1)
  --keep              keep the temp dir (logs, store, Maildir) instead of deleting it
Needs: root (Postfix's master starts as root and drops to mail_owner), postfix (smtp-source), taskset, python3, dotnet.
USAGE
}

MESSAGES=2000 SESSIONS="1 10 50" SIZES="4096 102400" WARMUP=3000 REUSE= ONLY= SERVER_CPU=0 CLIENT_CPU=1 KEEP=
while (($#)); do
    case $1 in
        --messages) MESSAGES=$2; shift 2 ;;
        --sessions) SESSIONS=$2; shift 2 ;;
        --sizes) SIZES=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --reuse) REUSE=--reuse; shift ;;
        --only) ONLY=$2; shift 2 ;;
        --server-cpu) SERVER_CPU=$2; shift 2 ;;
        --client-cpu) CLIENT_CPU=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ -z $ONLY || $ONLY == ours || $ONLY == postfix ]] || { usage >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=common.sh
source "$HERE/common.sh"
# shellcheck source=postfix.sh
source "$HERE/postfix.sh"

SMTP_SOURCE=/usr/sbin/smtp-source
[[ -x $SMTP_SOURCE ]] || die "smtp-source is missing ($SMTP_SOURCE); install Postfix: sudo apt-get install postfix (then keep the system instance stopped: sudo systemctl disable --now postfix)"
need taskset "sudo apt-get install util-linux"
need python3 "sudo apt-get install python3"
need dotnet "the .NET 10 SDK (see global.json)"
if [[ $ONLY != ours ]]; then
    [[ $(id -u) == 0 ]] || die "the Postfix side needs root (master(8) starts as root); run with sudo, or --only ours"
    need postfix "sudo apt-get install postfix"
fi
check_cores "$SERVER_CPU" "$CLIENT_CPU"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/smtpbench-inbound.XXXXXX")
chmod 755 "$WORK" # Postfix's daemons run as postfix and nobody and must reach their directories below it
SERVE_PID= POSTFIX_PID=
cleanup() {
    stop_serve
    postfix_stop
    if [[ -n $KEEP ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

SENDER=sender@source.example
RECIPIENT=bench@bench.localhost
RESULTS=$WORK/results.tsv
: >"$RESULTS"

cell() { # cell NAME PORT COUNT_SPEC SESSIONS SIZE MESSAGES [OUT]
    local line
    line=$(python3 "$HERE/cells.py" run --name "$1" --port "$2" --count "$3" --sessions "$4" --size "$5" \
        --messages "$6" --sender "$SENDER" --recipient "$RECIPIENT" --client-cpu "$CLIENT_CPU" \
        --smtp-source "$SMTP_SOURCE" $REUSE) || die "cell $1 s=$4 l=$5 failed"
    [[ -z ${7:-} ]] || echo "$line" >>"$7"
    awk -F'\t' '{ printf "   %-8s s=%-3s %7d B: %5d msgs, accepted %.2f s, delivered %.2f s = %.0f msg/s\n", $1, $2, $3, $4, $5, $6, $4 / $6 }' \
        <<<"$line" >&2
}

if [[ $ONLY != postfix ]]; then
    build_cli
    OURS_DATA=$WORK/ours
    "$CLI" inbox create "$RECIPIENT" --data-dir "$OURS_DATA" >"$WORK/inbox.out"
    OURS_PORT=$(free_port)
    start_serve "$SERVER_CPU" "$OURS_DATA" "$OURS_PORT" "$(free_port)" "$(free_port)"
    OURS_COUNT="store:$OURS_DATA/mail.db:$RECIPIENT"
fi
if [[ $ONLY != ours ]]; then
    POSTFIX_PORT=$(free_port)
    postfix_configure "$POSTFIX_PORT" "$RECIPIENT"
    postfix_start "$SERVER_CPU" "$POSTFIX_PORT"
    POSTFIX_COUNT="maildir:$POSTFIX_MAILDIR"
fi

say "load average before: $(load_average); $(nproc --all) CPUs; servers on CPU $SERVER_CPU, smtp-source on CPU $CLIENT_CPU"
if ((WARMUP > 0)); then
    say "warm-up: $WARMUP messages of 4 KB at 10 sessions to each server"
    [[ $ONLY == postfix ]] || cell ours "$OURS_PORT" "$OURS_COUNT" 10 4096 "$WARMUP"
    [[ $ONLY == ours ]] || cell postfix "$POSTFIX_PORT" "$POSTFIX_COUNT" 10 4096 "$WARMUP"
fi

for size in $SIZES; do
    for sessions in $SESSIONS; do
        say "cell: $sessions sessions, $size-byte payload, $MESSAGES messages"
        [[ $ONLY == postfix ]] || cell ours "$OURS_PORT" "$OURS_COUNT" "$sessions" "$size" "$MESSAGES" "$RESULTS"
        [[ $ONLY == ours ]] || cell postfix "$POSTFIX_PORT" "$POSTFIX_COUNT" "$sessions" "$size" "$MESSAGES" "$RESULTS"
    done
done
say "load average after: $(load_average)"

echo
echo "Inbound: $MESSAGES messages per cell, $( [[ -n $REUSE ]] && echo "connections reused (-d)" || echo "one connection per message"), servers pinned to CPU $SERVER_CPU, smtp-source to CPU $CLIENT_CPU; msg/s = delivered (INBOX / Maildir)."
echo
python3 "$HERE/cells.py" table "$RESULTS"
