# A private Postfix instance for inbound.sh: its own config_directory, queue_directory and data_directory under
# $WORK/postfix, listening on 127.0.0.1 only, delivering one virtual recipient to a Maildir with virtual(8).
# Everything else is Postfix's default (fsync of queue files and of Maildir files included). Sourced, not run.

POSTFIX_DAEMONS=$(postconf -h daemon_directory 2>/dev/null || echo /usr/lib/postfix/sbin)
# virtual(8) delivers as this user; the Maildir belongs to it. Must be >= virtual_minimum_uid (100).
POSTFIX_MAILDIR_UID=$(id -u nobody)
POSTFIX_MAILDIR_GID=$(id -g nobody)

# postfix_configure PORT RECIPIENT: writes main.cf and master.cf; sets POSTFIX_MAILDIR.
postfix_configure() {
    local port=$1 recipient=$2 root=$WORK/postfix
    local domain=${recipient#*@}
    mkdir -p "$root/etc" "$root/spool" "$root/data" "$root/mail"
    chown postfix "$root/data"
    chown "$POSTFIX_MAILDIR_UID:$POSTFIX_MAILDIR_GID" "$root/mail"
    POSTFIX_MAILDIR=$root/mail/bench
    cat >"$root/etc/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $root/spool
data_directory = $root/data
mail_owner = postfix
setgid_group = postdrop
myhostname = postfix.bench.localhost
mydestination =
relayhost =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
virtual_mailbox_domains = $domain
virtual_mailbox_base = $root/mail
# The trailing slash makes it a Maildir.
virtual_mailbox_maps = inline:{ $recipient=bench/ }
virtual_uid_maps = static:$POSTFIX_MAILDIR_UID
virtual_gid_maps = static:$POSTFIX_MAILDIR_GID
# Its own log file (through postlogd), so nothing reaches the system's syslog.
maillog_file = $root/maillog
maillog_file_prefixes = $root
CONF
    # The stock services, with chroot off (column 5) and smtpd on our port only.
    cat >"$root/etc/master.cf" <<CONF
127.0.0.1:$port inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
CONF
    # Creates the queue directories with the right owners (post-install create-missing).
    postfix -c "$root/etc" check >"$root/check.log" 2>&1 || { cat "$root/check.log" >&2; die "postfix check failed"; }
}

# postfix_start CPU PORT: runs master(8) in the foreground of this script, pinned; every daemon it spawns inherits
# the affinity. Sets POSTFIX_PID.
postfix_start() {
    local cpu=$1 port=$2 root=$WORK/postfix
    # -s keeps stdout; without -w master does not fork, so $! is the master itself (it calls setsid, so its
    # children form a process group whose id is its pid).
    taskset -c "$cpu" "$POSTFIX_DAEMONS/master" -c "$root/etc" -s >"$root/master.out" 2>&1 &
    POSTFIX_PID=$!
    local deadline=$((SECONDS + 30))
    until python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $port), 1).close()" 2>/dev/null; do
        if ! kill -0 "$POSTFIX_PID" 2>/dev/null; then
            cat "$root/master.out" "$root/maillog" >&2 2>/dev/null
            die "postfix master exited at start"
        fi
        (( SECONDS < deadline )) || die "postfix did not listen on $port within 30 s"
        sleep 0.2
    done
    say "postfix: master pid $POSTFIX_PID on 127.0.0.1:$port, affinity $(taskset -pc "$POSTFIX_PID" | sed 's/.*: //')"
}

postfix_stop() { # SIGTERM makes master pass it on to its children (postfix abort); then the group, to be sure
    [[ -n ${POSTFIX_PID:-} ]] || return 0
    kill -TERM "$POSTFIX_PID" 2>/dev/null || true
    local deadline=$((SECONDS + 10))
    while kill -0 "$POSTFIX_PID" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
    kill -KILL -- "-$POSTFIX_PID" 2>/dev/null || true
    wait "$POSTFIX_PID" 2>/dev/null || true
    POSTFIX_PID=
}
