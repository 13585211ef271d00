#!/usr/bin/env bash
# REST API read throughput and wait-for latency against the real `serverlessmail serve` (embedded store, fsync on).
# One inbox is filled with N messages over SMTP inbound; then wrk, pinned to its own CPU, drives
# GET /v1/inboxes/{id}/messages and GET /v1/messages/{id} at the server pinned to another; then a long-poll client
# measures the time from the SMTP 250 to the wait-for's HTTP response. See bench/README.md ("REST API").
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/api/run.sh [options]
  --messages N      messages in the benchmark inbox (default 10000)
  --duration S      seconds per measured wrk run (default 20), after a warm-up run of S/2 on the same endpoint
  --connections C   wrk connections (default 32), over --threads T wrk threads (default 2)
  --tokens N        read tokens the requests rotate over (default 500; each token is limited to 50 requests/s)
  --rounds N        wait-for rounds (default 200)
  --server-cpu N    CPU for serve (default 0)
  --client-cpu N    CPU for wrk, the filler and the wait-for client (default 1)
  --keep            keep the temp dir (logs, store) instead of deleting it
Needs: wrk (sudo apt-get install wrk), taskset, curl, python3, dotnet.
USAGE
}

MESSAGES=10000 DURATION=20 CONNECTIONS=32 THREADS=2 TOKENS=500 ROUNDS=200 SERVER_CPU=0 CLIENT_CPU=1 KEEP=
while (($#)); do
    case $1 in
        --messages) MESSAGES=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --tokens) TOKENS=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --server-cpu) SERVER_CPU=$2; shift 2 ;;
        --client-cpu) CLIENT_CPU=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=../smtp/common.sh
source "$REPO/bench/smtp/common.sh"
need wrk "sudo apt-get install wrk"
need taskset "sudo apt-get install util-linux"
need curl "sudo apt-get install curl"
need python3 "sudo apt-get install python3"
need dotnet "the .NET 10 SDK (see global.json)"
check_cores "$SERVER_CPU" "$CLIENT_CPU"

WORK=$(mktemp -d /tmp/sm-api-bench.XXXXXX)
cleanup() {
    stop_serve
    if [[ -n $KEEP ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

build_cli
SMTP=$(free_port) SUB=$(free_port) SUBS=$(free_port) IMAP=$(free_port) IMAPS=$(free_port) API=$(free_port)
start_serve "$SERVER_CPU" "$WORK/data" "$SMTP" "$SUB" "$SUBS" --imap-port "$IMAP" --imaps-port "$IMAPS" --api-port "$API" --fsync true
BASE="http://127.0.0.1:$API"
ADMIN=$(cat "$WORK/data/admin.token")
client() { taskset -c "$CLIENT_CPU" "$@"; }

read -r BENCH_ADDRESS BENCH_ID WAITER_ADDRESS WAITER_ID < <(client python3 "$HERE/prepare.py" --api "$BASE" --admin-token "$ADMIN" --out "$WORK" inboxes)
say "filling $BENCH_ADDRESS with $MESSAGES messages over SMTP inbound (fsync on)"
client python3 "$HERE/fill.py" --port "$SMTP" --to "$BENCH_ADDRESS" --count "$MESSAGES"
client python3 "$HERE/prepare.py" --api "$BASE" --admin-token "$ADMIN" --out "$WORK" --count "$MESSAGES" wait
client python3 "$HERE/prepare.py" --api "$BASE" --admin-token "$ADMIN" --out "$WORK" --tokens "$TOKENS" tokens

run_wrk() { # run_wrk LABEL PATHS_FILE
    say "warm-up: $1"
    TOKENS_FILE="$WORK/tokens.txt" PATHS_FILE=$2 client wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((DURATION / 2))s" -s "$HERE/tokens.lua" "$BASE" >/dev/null
    # The warm-up spent the tokens' bursts; let the buckets refill so the measured run starts like a fresh one.
    sleep 5
    echo "### $1: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency (server on CPU $SERVER_CPU, wrk on CPU $CLIENT_CPU; load $(load_average))"
    TOKENS_FILE="$WORK/tokens.txt" PATHS_FILE=$2 client wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$HERE/tokens.lua" "$BASE"
}

run_wrk "GET /v1/inboxes/{id}/messages (first page of 50, $MESSAGES in INBOX)" "$WORK/list-paths.txt"
run_wrk "GET /v1/messages/{id} (1,000 distinct newest messages)" "$WORK/message-paths.txt"

WAIT_TOKEN=$(curl -fsS -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"waiter\",\"scope\":\"inbox\",\"inboxId\":\"$WAITER_ID\",\"permissions\":[\"read\"]}" "$BASE/v1/tokens" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
echo "### wait-for: $ROUNDS rounds on $WAITER_ADDRESS"
client python3 "$HERE/waitfor.py" --api "127.0.0.1:$API" --smtp "127.0.0.1:$SMTP" --token "$WAIT_TOKEN" \
    --inbox-id "$WAITER_ID" --address "$WAITER_ADDRESS" --count "$ROUNDS"
