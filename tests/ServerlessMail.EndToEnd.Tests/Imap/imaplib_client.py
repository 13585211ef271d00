#!/usr/bin/env python3
"""A real IMAP client session with Python's imaplib, step by step; exits 1 at the first deviation.

  imaplib_client.py HOST PORT USER PASSWORD --cafile CA.pem [--mode tls|starttls] [--expect-logindisabled]

PASSWORD "-" reads the password from the IMAP_TEST_PASSWORD environment variable (argv is visible to other users).
--mode tls (default) connects with IMAP4_SSL (implicit TLS, port 993/8993); --mode starttls connects in cleartext
with IMAP4 and upgrades with starttls() (port 143/1143). The certificate must verify against --cafile; with
--no-check-hostname the chain is still verified but the name is not (a self-signed certificate without an IP SAN).

What the server must offer (what this script checks, in order; one "ok STEP ..." line per step on stdout):
  capability  IMAP4rev1, IDLE, MOVE and UIDPLUS; under starttls, STARTTLS before TLS (and LOGINDISABLED before TLS
              with --expect-logindisabled) and no STARTTLS after it
  login       LOGIN USER PASSWORD over TLS
  list        LIST "" "*" includes INBOX; CREATE of a scratch folder (imaplib-<random>) shows up in LIST
  append      three APPENDs to INBOX, each answered with [APPENDUID validity uid] (UIDPLUS, RFC 4315)
  select      SELECT INBOX: EXISTS and UIDVALIDITY (the APPENDUIDs' validity)
  search      SEARCH SUBJECT <marker> finds exactly the three; UID SEARCH gives the APPENDUIDs; UNSEEN includes them
  fetch       UID FETCH BODY.PEEK[] returns the appended bytes exactly, RFC822.SIZE matches, ENVELOPE carries the
              subject, BODYSTRUCTURE is text/plain, BODY.PEEK[HEADER.FIELDS (SUBJECT)] is the Subject line, and
              PEEK leaves \\Seen unset
  store       UID STORE +FLAGS (\\Flagged \\Seen), -FLAGS (\\Flagged): FETCH FLAGS shows each change
  copy        UID COPY to the scratch folder, with [COPYUID ...]; STATUS MESSAGES 1
  move        UID MOVE to the scratch folder, with [COPYUID ...] (RFC 6851); INBOX keeps two, the folder has two
  expunge     \\Deleted then EXPUNGE: one untagged EXPUNGE; INBOX keeps one
  idle        IDLE, a second connection APPENDs to INBOX, and an untagged EXISTS arrives within --idle-timeout (default
              10 s); DONE ends it with a tagged OK
  cleanup     the test's messages are expunged from INBOX and the scratch folder is deleted; LOGOUT
"""

import argparse
import email.message
import email.policy
import email.utils
import imaplib
import os
import re
import secrets
import socket
import ssl
import sys
import time

STEP = "connect"


def fail(message):
    print(f"FAIL {STEP}: {message}", flush=True)
    sys.exit(1)


def ok(detail=""):
    print(f"ok {STEP}" + (f": {detail}" if detail else ""), flush=True)


def step(name):
    global STEP
    STEP = name


def expect_ok(result, what):
    typ, data = result
    if typ != "OK":
        fail(f"{what} answered {typ} {data!r}")
    return data


def code(conn, name):
    """The last response code NAME (e.g. APPENDUID) the server sent with a tagged reply, as its text."""
    values = conn.untagged_responses.pop(name, None)
    if not values:
        return None
    value = values[-1]
    return value.decode() if isinstance(value, bytes) else str(value)


def expect_copyuid(conn, uid, what):
    """RFC 4315 §3: [COPYUID uidvalidity source-uids destination-uids]; here the source set is the one UID sent."""
    copyuid = code(conn, "COPYUID")
    parts = copyuid.split() if copyuid else []
    if len(parts) != 3 or parts[1] != str(uid) or not parts[2].isdigit():
        fail(f"{what} of UID {uid} without [COPYUID validity {uid} destination-uid]: {copyuid!r}")
    return copyuid


def capabilities(conn):
    typ, data = conn.capability()
    if typ != "OK":
        fail(f"CAPABILITY answered {typ}")
    return set(data[-1].decode().upper().split())


def make_message(marker, n, user):
    message = email.message.EmailMessage(policy=email.policy.SMTP)
    message["From"] = "Imaplib Test <imaplib.test@example.test>"
    message["To"] = user
    message["Subject"] = f"{marker} message {n}"
    message["Date"] = email.utils.formatdate(localtime=False)
    message["Message-ID"] = email.utils.make_msgid(domain="example.test")
    message.set_content(f"Body of test message {n} for {marker}.\nSecond line.\n")
    return message.as_bytes()


def connect(args):
    context = ssl.create_default_context(cafile=args.cafile)
    if args.no_check_hostname:
        context.check_hostname = False
    if args.mode == "tls":
        return imaplib.IMAP4_SSL(args.host, args.port, ssl_context=context, timeout=args.timeout), context, None
    conn = imaplib.IMAP4(args.host, args.port, timeout=args.timeout)
    before = capabilities(conn)
    expect_ok(conn.starttls(ssl_context=context), "STARTTLS")
    return conn, context, before


def authenticate(args, conn):
    password = os.environ.get("IMAP_TEST_PASSWORD", "") if args.password == "-" else args.password
    try:
        conn.login(args.user, password)
    except imaplib.IMAP4.error as error:
        fail(f"LOGIN refused: {error}")


def login(args):
    conn, _, _ = connect(args)
    authenticate(args, conn)
    return conn


def uid_search(conn, *criteria):
    data = expect_ok(conn.uid("SEARCH", *criteria), f"UID SEARCH {' '.join(criteria)}")
    return [int(u) for u in data[0].split()] if data and data[0] else []


def fetch_flags(conn, uid):
    data = expect_ok(conn.uid("FETCH", str(uid), "(FLAGS)"), "UID FETCH FLAGS")
    for item in data:
        line = item[0] if isinstance(item, tuple) else item
        if line and re.search(rb"UID %d\b" % uid, line):
            return {flag.decode() for flag in imaplib.ParseFlags(line)}
    fail(f"no FLAGS for UID {uid}: {data!r}")


def status_messages(conn, mailbox):
    data = expect_ok(conn.status(quote(mailbox), "(MESSAGES)"), f"STATUS {mailbox}")
    match = re.search(rb"MESSAGES (\d+)", data[0])
    if not match:
        fail(f"STATUS {mailbox} without MESSAGES: {data!r}")
    return int(match.group(1))


def quote(name):
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run(args):
    marker = "imaplib-" + secrets.token_hex(6)
    folder = marker
    step("capability")
    conn, _, before = connect(args)
    if before is not None:
        if "STARTTLS" not in before:
            fail(f"no STARTTLS before TLS: {sorted(before)}")
        if args.expect_logindisabled and "LOGINDISABLED" not in before:
            fail(f"no LOGINDISABLED before TLS: {sorted(before)}")
        ok("STARTTLS offered in cleartext" + (", with LOGINDISABLED" if "LOGINDISABLED" in before else "")
           + "; TLS negotiated")
    else:
        ok("implicit TLS negotiated")

    step("login")
    authenticate(args, conn)
    after = capabilities(conn)
    missing = {"IMAP4REV1", "IDLE", "MOVE", "UIDPLUS"} - after
    if missing:
        fail(f"missing after login: {sorted(missing)}")
    if "STARTTLS" in after:
        fail("STARTTLS still advertised after TLS")
    ok(f"{len(after)} capabilities after login, IMAP4rev1 IDLE MOVE UIDPLUS among them")

    step("list")
    data = expect_ok(conn.list('""', "*"), "LIST")
    names = [line.decode(errors="replace") for line in data if line]
    if not any(re.search(r'(?i)[ "]INBOX"?$', n) for n in names):
        fail(f"LIST has no INBOX: {names}")
    expect_ok(conn.create(quote(folder)), f"CREATE {folder}")
    data = expect_ok(conn.list('""', "*"), "LIST")
    if not any(folder in (line.decode(errors="replace") if line else "") for line in data):
        fail(f"LIST after CREATE lacks {folder}: {data!r}")
    ok(f"{len(names)} mailboxes, INBOX present; created {folder}")

    step("append")
    originals, appended = {}, []
    for n in (1, 2, 3):
        raw = make_message(marker, n, args.user)
        expect_ok(conn.append("INBOX", None, imaplib.Time2Internaldate(time.time()), raw), f"APPEND {n}")
        appenduid = code(conn, "APPENDUID")
        if not appenduid or len(appenduid.split()) != 2:
            fail(f"APPEND {n} without [APPENDUID validity uid] (UIDPLUS): {appenduid!r}")
        validity, uid = (int(x) for x in appenduid.split())
        originals[uid] = raw
        appended.append(uid)
    if appended != sorted(appended) or len(set(appended)) != 3:
        fail(f"APPENDUIDs do not strictly ascend: {appended}")
    ok(f"3 messages, APPENDUID {validity} {appended}")

    step("select")
    data = expect_ok(conn.select("INBOX"), "SELECT INBOX")
    exists = int(data[0])
    uidvalidity = code(conn, "UIDVALIDITY")
    if exists < 3:
        fail(f"EXISTS {exists} after three APPENDs")
    if uidvalidity is None or int(uidvalidity) != validity:
        fail(f"UIDVALIDITY {uidvalidity!r}, APPENDUID said {validity}")
    ok(f"EXISTS {exists}, UIDVALIDITY {uidvalidity}")

    step("search")
    data = expect_ok(conn.search(None, "SUBJECT", quote(marker)), "SEARCH SUBJECT")
    numbers = [int(n) for n in data[0].split()] if data[0] else []
    if len(numbers) != 3:
        fail(f"SEARCH SUBJECT {marker}: {numbers}, expected three")
    uids = uid_search(conn, "SUBJECT", quote(marker))
    if uids != appended:
        fail(f"UID SEARCH SUBJECT {marker}: {uids}, APPENDUIDs {appended}")
    unseen = set(uid_search(conn, "UNSEEN"))
    if not set(appended) <= unseen:
        fail(f"UNSEEN lacks appended UIDs: {sorted(set(appended) - unseen)}")
    ok(f"sequence numbers {numbers}, UIDs {uids}, all UNSEEN")

    step("fetch")
    for uid in appended:
        data = expect_ok(conn.uid("FETCH", str(uid), "(RFC822.SIZE BODY.PEEK[])"), f"UID FETCH {uid}")
        parts = [item for item in data if isinstance(item, tuple)]
        if len(parts) != 1:
            fail(f"UID FETCH {uid} BODY.PEEK[]: {len(parts)} literals: {data!r}")
        head, body = parts[0]
        if body != originals[uid]:
            fail(f"UID {uid}: BODY[] is {len(body)} bytes and differs from the {len(originals[uid])} appended")
        size = re.search(rb"RFC822\.SIZE (\d+)", head)
        if not size or int(size.group(1)) != len(body):
            fail(f"UID {uid}: RFC822.SIZE {size and size.group(1)!r}, BODY[] has {len(body)} bytes")
    first = appended[0]
    data = expect_ok(conn.uid("FETCH", str(first), "(ENVELOPE BODYSTRUCTURE)"), "UID FETCH ENVELOPE")
    text = b" ".join(x if isinstance(x, bytes) else b" ".join(x) for x in data)
    if f"{marker} message 1".encode() not in text:
        fail(f"ENVELOPE lacks the subject: {text[:300]!r}")
    if not re.search(rb'BODYSTRUCTURE \(\s*"TEXT"\s+"PLAIN"', text, re.IGNORECASE):
        fail(f"BODYSTRUCTURE is not text/plain: {text[:300]!r}")
    data = expect_ok(conn.uid("FETCH", str(first), "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])"), "HEADER.FIELDS")
    parts = [item for item in data if isinstance(item, tuple)]
    if not parts or parts[0][1].strip() != f"Subject: {marker} message 1".encode():
        fail(f"BODY.PEEK[HEADER.FIELDS (SUBJECT)]: {data!r}")
    if "\\Seen" in fetch_flags(conn, first):
        fail("BODY.PEEK set \\Seen")
    ok(f"3 bodies byte-exact, RFC822.SIZE, ENVELOPE, BODYSTRUCTURE, HEADER.FIELDS; \\Seen unset")

    step("store")
    expect_ok(conn.uid("STORE", str(first), "+FLAGS", r"(\Flagged \Seen)"), "UID STORE +FLAGS")
    flags = fetch_flags(conn, first)
    if not {"\\Flagged", "\\Seen"} <= flags:
        fail(f"after +FLAGS (\\Flagged \\Seen): {sorted(flags)}")
    expect_ok(conn.uid("STORE", str(first), "-FLAGS", r"(\Flagged)"), "UID STORE -FLAGS")
    flags = fetch_flags(conn, first)
    if "\\Flagged" in flags or "\\Seen" not in flags:
        fail(f"after -FLAGS (\\Flagged): {sorted(flags)}")
    ok(f"UID {first}: +\\Flagged +\\Seen, then -\\Flagged -> {sorted(flags)}")

    step("copy")
    expect_ok(conn.uid("COPY", str(first), quote(folder)), "UID COPY")
    copyuid = expect_copyuid(conn, first, "UID COPY")
    if status_messages(conn, folder) != 1:
        fail(f"{folder} does not hold one message after COPY")
    ok(f"COPYUID {copyuid}")

    step("move")
    second = appended[1]
    conn.untagged_responses.pop("EXPUNGE", None)
    expect_ok(conn.uid("MOVE", str(second), quote(folder)), "UID MOVE")
    copyuid = expect_copyuid(conn, second, "UID MOVE (RFC 6851 §4.3)")
    if not conn.untagged_responses.pop("EXPUNGE", None):
        fail("UID MOVE sent no untagged EXPUNGE for the moved message")
    left = uid_search(conn, "SUBJECT", quote(marker))
    if left != [first, appended[2]]:
        fail(f"INBOX after MOVE: {left}, expected {[first, appended[2]]}")
    if status_messages(conn, folder) != 2:
        fail(f"{folder} does not hold two messages after MOVE")
    ok(f"UID {second} moved, COPYUID {copyuid}")

    step("expunge")
    third = appended[2]
    expect_ok(conn.uid("STORE", str(third), "+FLAGS", r"(\Deleted)"), "UID STORE \\Deleted")
    conn.untagged_responses.pop("EXPUNGE", None)
    data = expect_ok(conn.expunge(), "EXPUNGE")
    expunged = [d for d in data if d]
    if len(expunged) != 1:
        fail(f"EXPUNGE reported {expunged!r}, expected one sequence number")
    left = uid_search(conn, "SUBJECT", quote(marker))
    if left != [first]:
        fail(f"INBOX after EXPUNGE: {left}, expected [{first}]")
    ok(f"UID {third} expunged (sequence number {expunged[0].decode()})")

    step("idle")
    idle(args, conn, marker)

    step("cleanup")
    uids = uid_search(conn, "SUBJECT", quote(marker))
    if uids:
        expect_ok(conn.uid("STORE", ",".join(map(str, uids)), "+FLAGS", r"(\Deleted)"), "STORE \\Deleted")
        expect_ok(conn.expunge(), "EXPUNGE")
    expect_ok(conn.close(), "CLOSE")
    expect_ok(conn.delete(quote(folder)), f"DELETE {folder}")
    conn.logout()
    ok(f"{len(uids)} test messages expunged, {folder} deleted, logged out")


def idle(args, conn, marker):
    """RFC 2177. imaplib (before 3.14) has no idle(): the command is written and its responses read by hand."""
    if "IDLE" not in capabilities(conn):
        fail("IDLE not advertised")
    tag = conn._new_tag()  # pylint: disable=protected-access
    conn.send(tag + b" IDLE\r\n")
    line = conn.readline()
    if not line.startswith(b"+"):
        fail(f"IDLE not accepted: {line!r}")
    other = login(args)
    raw = make_message(marker, 4, args.user)
    expect_ok(other.append("INBOX", None, imaplib.Time2Internaldate(time.time()), raw), "APPEND from a second connection")
    appended_at = time.monotonic()
    other.logout()
    deadline = appended_at + args.idle_timeout
    exists = None
    conn.sock.settimeout(max(deadline - time.monotonic(), 0.1))
    try:
        while exists is None:
            line = conn.readline()
            if not line:
                fail("the server closed the connection during IDLE")
            match = re.match(rb"\* (\d+) EXISTS", line)
            if match:
                exists = int(match.group(1))
            elif time.monotonic() > deadline:
                break
            else:
                conn.sock.settimeout(max(deadline - time.monotonic(), 0.1))
    except (socket.timeout, TimeoutError):
        pass
    waited = time.monotonic() - appended_at
    if exists is None:
        fail(f"no untagged EXISTS within {args.idle_timeout:.0f} s of an APPEND by another connection")
    conn.sock.settimeout(args.timeout)
    conn.send(b"DONE\r\n")
    while True:
        line = conn.readline()
        if not line:
            fail("the server closed the connection after DONE")
        if line.startswith(tag + b" "):
            if not line[len(tag) + 1:].upper().startswith(b"OK"):
                fail(f"IDLE ended with {line!r}")
            break
    conn.tagged_commands.pop(tag, None)
    ok(f"EXISTS {exists} after {waited:.2f} s; DONE -> OK")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("user")
    parser.add_argument("password", help='the password or API token; "-" reads IMAP_TEST_PASSWORD')
    parser.add_argument("--cafile", required=True, help="CA file (or the self-signed certificate) to trust")
    parser.add_argument("--mode", choices=["tls", "starttls"], default="tls")
    parser.add_argument("--no-check-hostname", action="store_true", help="verify the chain but not the name")
    parser.add_argument("--expect-logindisabled", action="store_true", help="require LOGINDISABLED before TLS")
    parser.add_argument("--idle-timeout", type=float, default=10.0, help="seconds to wait for EXISTS in IDLE")
    parser.add_argument("--timeout", type=float, default=30.0, help="socket timeout for every other step")
    args = parser.parse_args()
    try:
        run(args)
    except (imaplib.IMAP4.error, OSError, ssl.SSLError) as error:
        fail(f"{type(error).__name__}: {error}")
    print("PASS", flush=True)


if __name__ == "__main__":
    main()
