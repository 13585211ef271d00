#!/usr/bin/env bash
# Two-way sync of INBOX with mbsync (Debian isync 1.4), then a change on each side, then a second sync that must
# converge. Exits 0 with "PASS" when both sides hold the same messages with the same flags; non-zero otherwise.
#
#   mbsync_sync.sh HOST PORT USER PASSWORD CAFILE WORKDIR
#
# PASSWORD "-" reads IMAP_TEST_PASSWORD from the environment. The password reaches mbsync through its environment
# (PassCmd printenv), never through the mbsyncrc or argv. WORKDIR (created; should be empty) receives mbsyncrc, the
# local Maildir and mbsync's logs.
#
# What the server must offer:
#   - implicit TLS on PORT (SSLType IMAPS) with a certificate that CAFILE verifies (mbsync's CertificateFile);
#   - LOGIN (or AUTHENTICATE PLAIN) with USER and PASSWORD, and an INBOX the user may APPEND to and STORE flags in;
#   - what mbsync uses: UID FETCH of FLAGS, RFC822.SIZE, BODY.PEEK[] and BODY.PEEK[HEADER.FIELDS (...)], UID STORE,
#     APPEND with flags and an internal date, UIDPLUS's APPENDUID (or UID SEARCH HEADER X-TUID, mbsync's fallback),
#     and UIDVALIDITY that stays the same between the two syncs;
#   - INBOX may hold messages already: they are synced too and take part in the comparison.
# Steps, each printed as "ok STEP: ...":
#   seed      three messages APPENDed on the server with python imaplib (unique Message-IDs, a marker subject)
#   sync-1    mbsync -a (pull and push, Create Near, SyncState in WORKDIR); the three are in the local Maildir
#   change    locally: a new message in INBOX/new and \Seen on seed 2 (Maildir flag S); on the server, over imaplib:
#             \Flagged on seed 1 and a new message APPENDed
#   sync-2    mbsync -a again
#   converge  server and Maildir hold the same Message-IDs with the same flags (S F R D T = \Seen \Flagged
#             \Answered \Draft \Deleted); and each change arrived where it should
set -euo pipefail

if (($# != 6)); then
    sed -n '2,8p' "$0" >&2
    exit 2
fi
HOST=$1 PORT=$2 USER_NAME=$3 PASSWORD=$4 CAFILE=$5 WORKDIR=$6
if [[ $PASSWORD == - ]]; then PASSWORD=${IMAP_TEST_PASSWORD:?IMAP_TEST_PASSWORD is not set}; fi
command -v mbsync >/dev/null || { echo "FAIL setup: mbsync is missing (apt-get install isync)"; exit 1; }
[[ -r $CAFILE ]] || { echo "FAIL setup: cannot read $CAFILE"; exit 1; }
mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
MAILDIR=$WORKDIR/maildir
mkdir -p "$MAILDIR"
export MBSYNC_TEST_PASSWORD=$PASSWORD
MARKER=mbsync-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')

fail() { echo "FAIL $1: $2"; exit 1; }

cat >"$WORKDIR/mbsyncrc" <<RC
# Written by mbsync_sync.sh for one test run.
IMAPAccount test
Host $HOST
Port $PORT
User $USER_NAME
PassCmd "printenv MBSYNC_TEST_PASSWORD"
SSLType IMAPS
CertificateFile $CAFILE
Timeout 30

IMAPStore remote
Account test

MaildirStore local
Path $MAILDIR/
Inbox $MAILDIR/INBOX
SubFolders Verbatim

Channel inbox
Far :remote:INBOX
Near :local:INBOX
Create Near
Sync All
Expunge None
CopyArrivalDate yes
SyncState *
RC

# server ACTION: the server side, through python imaplib over TLS with the same CA file.
#   seed | change | snapshot (prints "message-id<TAB>flag letters" per message)
server() {
    python3 - "$1" "$HOST" "$PORT" "$USER_NAME" "$CAFILE" "$MARKER" <<'PY'
import email.utils, imaplib, os, re, ssl, sys, time
action, host, port, user, cafile, marker = sys.argv[1:]
context = ssl.create_default_context(cafile=cafile)
context.check_hostname = False  # mbsync checks the name itself; here the chain is what matters
conn = imaplib.IMAP4_SSL(host, int(port), ssl_context=context, timeout=30)
conn.login(user, os.environ["MBSYNC_TEST_PASSWORD"])

def message(n):
    return (f"From: Mbsync Test <mbsync.test@example.test>\r\nTo: {user}\r\nSubject: {marker} server {n}\r\n"
            f"Date: {email.utils.formatdate()}\r\nMessage-ID: <{marker}.server.{n}@example.test>\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            f"Server-side message {n} of {marker}.\r\n").encode()

def check(result, what):
    if result[0] != "OK":
        sys.exit(f"{what}: {result!r}")
    return result[1]

def uid_of(n):
    check(conn.select("INBOX"), "SELECT")
    data = check(conn.uid("SEARCH", "HEADER", "Message-ID", f"<{marker}.server.{n}@example.test>"), "UID SEARCH")
    uids = data[0].split()
    if len(uids) != 1:
        sys.exit(f"server message {n}: {len(uids)} matches")
    return uids[0].decode()

if action == "seed":
    for n in (1, 2, 3):
        check(conn.append("INBOX", None, imaplib.Time2Internaldate(time.time()), message(n)), f"APPEND {n}")
elif action == "change":
    check(conn.uid("STORE", uid_of(1), "+FLAGS", r"(\Flagged)"), "STORE")
    check(conn.append("INBOX", None, imaplib.Time2Internaldate(time.time()), message(4)), "APPEND 4")
elif action == "snapshot":
    letters = {b"\\Seen": "S", b"\\Flagged": "F", b"\\Answered": "R", b"\\Draft": "D", b"\\Deleted": "T"}
    check(conn.select("INBOX", readonly=True), "EXAMINE")
    data = check(conn.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])"), "FETCH")
    # imaplib splits each FETCH response at its literal: (text before, literal), then the text after it. A server
    # may put FLAGS on either side, so each message's text is joined before it is read.
    records = []
    for item in data:
        if isinstance(item, tuple):
            records.append([item[0], item[1]])
        elif records and item:
            records[-1][0] += b" " + item
    for text, header in records:
        flags = re.search(rb"FLAGS \(([^)]*)\)", text, re.IGNORECASE)
        if not flags:
            sys.exit(f"FETCH response without FLAGS: {text[:200]!r}")
        letters_set = "".join(sorted(letters[f] for f in flags.group(1).split() if f in letters))
        match = re.search(rb"(?i)message-id:\s*(<[^>]*>)", header)
        ident = match.group(1).decode() if match else "no-id"
        print(f"{ident}\t{letters_set}")
conn.logout()
PY
}

# local_snapshot: the Maildir's messages as "message-id<TAB>flag letters" (new/ files have none yet)
local_snapshot() {
    python3 - "$MAILDIR/INBOX" <<'PY'
import os, re, sys
root = sys.argv[1]
for sub in ("cur", "new"):
    for name in sorted(os.listdir(os.path.join(root, sub))):
        with open(os.path.join(root, sub, name), "rb") as handle:
            head = handle.read(65536).split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
        match = re.search(rb"(?im)^message-id:\s*(<[^>]*>)", head)
        ident = match.group(1).decode() if match else "no-id"
        flags = name.split(":2,", 1)[1] if ":2," in name else ""
        print(f"{ident}\t{''.join(sorted(c for c in flags if c in 'SFRDT'))}")
PY
}

sync() { # sync NAME
    if ! timeout 300 mbsync -c "$WORKDIR/mbsyncrc" -a >"$WORKDIR/$1.log" 2>&1; then
        sed 's/^/    /' "$WORKDIR/$1.log"
        fail "$1" "mbsync exited non-zero (log above, also in $WORKDIR/$1.log)"
    fi
}

server seed >"$WORKDIR/seed.log" 2>&1 || { cat "$WORKDIR/seed.log"; fail seed "APPEND over imaplib failed"; }
echo "ok seed: three messages appended to INBOX ($MARKER)"

sync sync-1
LOCAL_COUNT=$(local_snapshot | grep -c "<$MARKER\.server\." || true)
((LOCAL_COUNT == 3)) || fail sync-1 "the local Maildir holds $LOCAL_COUNT of the three seeded messages"
echo "ok sync-1: $(local_snapshot | wc -l) messages in the Maildir, the three seeded among them"

# Local side: a new message delivered into new/ (as an MDA would), and seed 2 marked seen by renaming its file.
LOCAL_NEW="$MAILDIR/INBOX/new/$(date +%s).M1P$$.mbsync-test"
printf 'From: Local Test <local.test@example.test>\r\nTo: %s\r\nSubject: %s local 1\r\nDate: %s\r\nMessage-ID: <%s.local.1@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nA message written into the local Maildir.\r\n' \
    "$USER_NAME" "$MARKER" "$(date -R)" "$MARKER" >"$LOCAL_NEW"
SEED2=$(grep -l "^Message-ID: <$MARKER\.server\.2@" "$MAILDIR"/INBOX/cur/* "$MAILDIR"/INBOX/new/* 2>/dev/null | head -n1 || true)
[[ -n $SEED2 ]] || fail change "seed 2 is not in the local Maildir"
BASE=$(basename "$SEED2")
BASE=${BASE%%:2,*}
OLD_FLAGS=
if [[ $(basename "$SEED2") == *:2,* ]]; then OLD_FLAGS=${SEED2##*:2,}; fi
NEW_FLAGS=$(printf '%s' "${OLD_FLAGS}S" | fold -w1 | sort -u | tr -d '\n')
mv "$SEED2" "$MAILDIR/INBOX/cur/$BASE:2,$NEW_FLAGS"
server change >"$WORKDIR/change.log" 2>&1 || { cat "$WORKDIR/change.log"; fail change "the server-side change failed"; }
echo "ok change: local new message and \\Seen on seed 2; server \\Flagged on seed 1 and a new message 4"

sync sync-2
server snapshot 2>"$WORKDIR/snapshot.err" | sort >"$WORKDIR/server.txt" \
    || { cat "$WORKDIR/snapshot.err"; fail converge "could not read the server's INBOX"; }
local_snapshot | sort >"$WORKDIR/local.txt"
echo "ok sync-2: server $(wc -l <"$WORKDIR/server.txt") messages, Maildir $(wc -l <"$WORKDIR/local.txt")"

if ! diff -u "$WORKDIR/server.txt" "$WORKDIR/local.txt" >"$WORKDIR/diff.txt"; then
    sed 's/^/    /' "$WORKDIR/diff.txt"
    fail converge "server (-) and Maildir (+) differ after the second sync"
fi
expect_line() { # expect_line ID FLAGS WHAT
    grep -qxF "$1"$'\t'"$2" "$WORKDIR/server.txt" || fail converge "$3: expected '$1' with flags '$2' on both sides"
}
expect_line "<$MARKER.server.1@example.test>" F "the server's \\Flagged on seed 1 did not reach the Maildir"
expect_line "<$MARKER.server.2@example.test>" S "the local \\Seen on seed 2 did not reach the server"
expect_line "<$MARKER.server.3@example.test>" "" "seed 3 changed"
expect_line "<$MARKER.server.4@example.test>" "" "the server's new message did not reach the Maildir"
expect_line "<$MARKER.local.1@example.test>" "" "the local new message did not reach the server"
echo "ok converge: both sides hold the same $(wc -l <"$WORKDIR/server.txt") messages with the same flags"
echo PASS
