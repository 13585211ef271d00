# Shared by inbound.sh and submission.sh: tool checks, the CLI build, free ports and a `serve` instance.
# Sourced, not run. Callers set REPO and WORK (a temp dir they own) and install their own EXIT trap.

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
say() { echo "== $*" >&2; }

need() { # need TOOL HOW-TO-INSTALL
    command -v "$1" >/dev/null 2>&1 || die "'$1' is missing; install it with: $2"
}

check_cores() { # check_cores SERVER_CPU CLIENT_CPU
    local cores
    cores=$(nproc --all)
    (( $1 < cores && $2 < cores )) || die "CPUs $1 and $2 requested, but this machine has $cores"
    [[ $1 != "$2" ]] || die "the server and the load generator need different CPUs"
}

free_port() { # prints a TCP port nothing listens on now (the kernel's pick; a race is possible but harmless here)
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

build_cli() { # sets CLI to the Release apphost
    say "building the CLI (Release)"
    dotnet build "$REPO/src/ServerlessMail.Cli/ServerlessMail.Cli.csproj" -c Release -nologo -v quiet >"$WORK/build.log" 2>&1 \
        || { cat "$WORK/build.log" >&2; die "the CLI build failed"; }
    CLI="$REPO/src/ServerlessMail.Cli/bin/Release/net10.0/serverlessmail"
    [[ -x $CLI ]] || die "no CLI at $CLI after the build"
}

# start_serve CPU DATA_DIR SMTP_PORT SUBMISSION_PORT SUBMISSIONS_PORT [extra serve flags...]
# Starts `serverlessmail serve` pinned to CPU and waits for its `ready ` line (host contract); sets SERVE_PID.
# All load comes from 127.0.0.1: like Postfix, which exempts $mynetworks from its per-client connection limit
# (smtpd_client_event_limit_exceptions), the per-address limit is raised above the 50 sessions of the largest cell.
start_serve() {
    local cpu=$1 data=$2 smtp=$3 submission=$4 submissions=$5
    shift 5
    taskset -c "$cpu" "$CLI" serve --data-dir "$data" --listen 127.0.0.1 --hostname bench.localhost \
        --smtp-port "$smtp" --submission-port "$submission" --submissions-port "$submissions" \
        --greeting-delay 0 --relay local \
        --max-connections-per-address 200 "$@" >"$WORK/serve.out" 2>"$WORK/serve.err" &
    SERVE_PID=$!
    local deadline=$((SECONDS + 60))
    until grep -q '^ready ' "$WORK/serve.out" 2>/dev/null; do
        if ! kill -0 "$SERVE_PID" 2>/dev/null; then
            cat "$WORK/serve.out" "$WORK/serve.err" >&2
            die "serve exited before it was ready"
        fi
        (( SECONDS < deadline )) || die "serve was not ready within 60 s (see $WORK/serve.err)"
        sleep 0.2
    done
    say "serve: $(grep -m1 '^ready ' "$WORK/serve.out")"
}

stop_serve() { # SIGTERM is a graceful shutdown (host contract); KILL only if it hangs
    [[ -n ${SERVE_PID:-} ]] || return 0
    kill -TERM "$SERVE_PID" 2>/dev/null || true
    local deadline=$((SECONDS + 20))
    while kill -0 "$SERVE_PID" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
    kill -KILL "$SERVE_PID" 2>/dev/null || true
    wait "$SERVE_PID" 2>/dev/null || true
    SERVE_PID=
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }
