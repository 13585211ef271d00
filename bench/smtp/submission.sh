#!/usr/bin/env bash
# Submission throughput: `serverlessmail serve` (embedded store, fsync on, relay = local capture) pinned to one CPU,
# and the load client (bench/ServerlessMail.Smtp.LoadClient) on another, over STARTTLS + AUTH PLAIN with an API
# token as the password. A message counts when its 250 arrives, which the server sends only after the outbound
# record, the raw message and the Sent copy are committed. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/smtp/submission.sh [options]
  --messages N          messages per cell (default 2000)
  --sessions "1 10 50"  parallel authenticated sessions, space-separated
  --sizes "4096"        bytes per message, headers included, space-separated
  --warmup N            messages sent before measuring, at 10 sessions (default 3000, for the JIT; 0 = none)
  --server-cpu N        CPU for serve (default 0)
  --client-cpu N        CPU for the load client (default 1)
  --keep                keep the temp dir (logs, store) instead of deleting it
Needs: taskset, python3, dotnet.
USAGE
}

MESSAGES=2000 SESSIONS="1 10 50" SIZES=4096 WARMUP=3000 SERVER_CPU=0 CLIENT_CPU=1 KEEP=
while (($#)); do
    case $1 in
        --messages) MESSAGES=$2; shift 2 ;;
        --sessions) SESSIONS=$2; shift 2 ;;
        --sizes) SIZES=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --server-cpu) SERVER_CPU=$2; shift 2 ;;
        --client-cpu) CLIENT_CPU=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=common.sh
source "$HERE/common.sh"

need taskset "sudo apt-get install util-linux"
need python3 "sudo apt-get install python3"
need dotnet "the .NET 10 SDK (see global.json)"
check_cores "$SERVER_CPU" "$CLIENT_CPU"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/smtpbench-submission.XXXXXX")
SERVE_PID=
cleanup() {
    stop_serve
    if [[ -n $KEEP ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_cli
say "building the load client (Release)"
dotnet build "$REPO/bench/ServerlessMail.Smtp.LoadClient/ServerlessMail.Smtp.LoadClient.csproj" -c Release -nologo -v quiet \
    >"$WORK/build-client.log" 2>&1 || { cat "$WORK/build-client.log" >&2; die "the load client build failed"; }
LOAD_CLIENT="$REPO/bench/ServerlessMail.Smtp.LoadClient/bin/Release/net10.0/smtp-load"

SENDER=sender@bench.localhost
DATA=$WORK/data
"$CLI" inbox create "$SENDER" --data-dir "$DATA" >"$WORK/inbox.out"
# The secret is the first line of stdout (host contract); it goes to the client through the environment, not argv.
SMTP_LOAD_TOKEN=$("$CLI" token create --inbox "$SENDER" --permissions send --data-dir "$DATA" | head -n1)
export SMTP_LOAD_TOKEN
[[ -n $SMTP_LOAD_TOKEN ]] || die "token create printed no token"

# A new account may send 60 messages a minute and 1,000 recipients a day (QuotaLimits.AccountDefault): a benchmark
# would measure the 452 replies. Lift the send limits of this throwaway account and inbox.
"$CLI" account limits bench.localhost --sends-per-day none --sends-per-minute none --data-dir "$DATA" >/dev/null
"$CLI" inbox limits "$SENDER" --sends-per-day none --sends-per-minute none --data-dir "$DATA" >/dev/null

SUBMISSION_PORT=$(free_port)
start_serve "$SERVER_CPU" "$DATA" "$(free_port)" "$SUBMISSION_PORT" "$(free_port)"

RESULTS=$WORK/results.tsv
: >"$RESULTS"
load() { # load SESSIONS SIZE MESSAGES [OUT]
    local output
    output=$(taskset -c "$CLIENT_CPU" "$LOAD_CLIENT" --host 127.0.0.1 --port "$SUBMISSION_PORT" --insecure \
        --user "$SENDER" --to sink@example.net --sessions "$1" --size "$2" --messages "$3" --quiet) \
        || { echo "$output" >&2; die "the load client failed at $1 sessions, $2 bytes"; }
    grep -v '^result' <<<"$output" | sed 's/^/   /' >&2
    [[ -z ${4:-} ]] || grep '^result' <<<"$output" >>"$4"
}

say "load average before: $(load_average); $(nproc --all) CPUs; serve on CPU $SERVER_CPU, load client on CPU $CLIENT_CPU"
if ((WARMUP > 0)); then
    say "warm-up: $WARMUP messages of 4 KB at 10 sessions"
    load 10 4096 "$WARMUP"
fi
for size in $SIZES; do
    for sessions in $SESSIONS; do
        say "cell: $sessions sessions, $size bytes, $MESSAGES messages"
        load "$sessions" "$size" "$MESSAGES" "$RESULTS"
    done
done
say "load average after: $(load_average)"

echo
echo "Submission (STARTTLS + AUTH PLAIN, sessions reused, MAIL/RCPT/DATA pipelined): $MESSAGES messages per cell, serve pinned to CPU $SERVER_CPU, the client to CPU $CLIENT_CPU; latency = MAIL to the 250 after DATA."
echo
echo "| Sessions | Size | Msg/s | p50 ms | p95 ms | p99 ms |"
echo "|---:|---:|---:|---:|---:|---:|"
awk -F'\t' '{ printf "| %d | %g KB | %.0f | %.1f | %.1f | %.1f |\n", $2, $3 / 1024, $7, $8, $9, $10 }' "$RESULTS"
