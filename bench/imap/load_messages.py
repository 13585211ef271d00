#!/usr/bin/env python3
"""Fill a mailbox with N generated messages: over IMAP APPEND, or written straight into a Maildir.

The messages are deterministic: message i depends only on --seed and i, so the first 10,000 of a 100,000-message
load are the same 10,000 messages as a 10,000-message load, on every server. They are realistic and varied:
2-20 KB, about 60% text/plain, 25% multipart/alternative (text + HTML) and 15% multipart/mixed with a small
base64 attachment (PDF/PNG/CSV-like), one or two Received lines, a Message-ID, some Cc and In-Reply-To, some
RFC 2047 UTF-8 subjects, a Date spread over two years, and about a third marked \\Seen, a tenth \\Flagged.

SEARCH terms (see TERMS): From and Subject values are drawn so each server has a selective match (well under 1%)
and a broad one (a third or more). The script prints the expected hit count of each term over the loaded range
and, with --manifest FILE, writes them as JSON for imap_bench.py --expect to check.

  load_messages.py --count 10000 --maildir DIR/Maildir              # the fast path (Dovecot; any Maildir reader)
  load_messages.py --count 10000 --host 127.0.0.1 --port 8993 --tls implicit --insecure --user U --password-env P
"""

import argparse
import base64
import email.header
import email.utils
import json
import os
import random
import sys
import time

from imap_wire import Connection, Failure, quote

SEED = 20261204
BASE_TIME = 1733300000  # 2024-12-04; dates go back two years from here

# Search terms the benchmark uses, each with the header it matches. The generator guarantees the selective ones
# stay rare and the broad ones common; the counts are computed from the generated headers, never assumed.
TERMS = {
    "from_selective": ("From", "ada.lovelace"),
    "from_broad": ("From", "example.com"),
    "subject_selective": ("Subject", "quarterly"),
    "subject_broad": ("Subject", "update"),
}

FIRST = ["Alice", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ivan", "Julia", "Kenji", "Lena",
         "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yusuf",
         "Zoe", "Marta", "Pierre", "Ingrid", "Rahul", "Sofia"]
LAST = ["Moreau", "Silva", "Nakamura", "Okafor", "Kowalski", "Haddad", "Novak", "Jensen", "Rossi", "Ivanova",
        "Schmidt", "Garcia", "Kim", "Dubois", "Larsen", "Costa", "Petrov", "Meyer", "Singh", "Tanaka"]
DOMAINS_BROAD = ["example.com"]
DOMAINS_OTHER = ["example.org", "mail.example.net", "corp.example", "lists.example.io", "university.example.edu",
                 "shop.example", "news.example.co.uk"]
SUBJECT_TOPICS = ["budget", "roadmap", "offsite", "hiring plan", "release 4.2", "invoice 1184", "server migration",
                  "design review", "customer feedback", "travel booking", "board meeting", "security audit",
                  "onboarding", "API deprecation", "support ticket", "newsletter", "conference talk", "lunch"]
SUBJECT_FORMS = ["{t}", "Re: {t}", "Fwd: {t}", "Question about the {t}", "{t}: notes from today", "Re: Re: {t}",
                 "Update on the {t}", "[team] {t}", "Action needed: {t}", "Weekly update: {t}", "{t} (draft)"]
UTF8_SUBJECTS = ["Réunion de l'équipe", "Grüße aus München", "Пятничный отчёт", "会議の議事録", "Café ☕ demain ?",
                 "Ñandú: presupuesto"]
WORDS = ("the of and to in is for on that with as this be are by it from at we will you our or an have not can "
         "all more your which their has new would been its also about team project plan meeting review draft week "
         "customer release server data report budget schedule next last please thanks attached see below agreed "
         "issue change status question follow up note call time today tomorrow monday friday quarter number "
         "results figure estimate cost travel contract support ticket account access update deploy test build "
         "feature design spec version latest final approve sign comment feedback idea option risk").split()
ATTACHMENTS = [("report.pdf", "application/pdf", b"%PDF-1.4\n"), ("chart.png", "image/png", b"\x89PNG\r\n\x1a\n"),
               ("figures.csv", "text/csv", b"date,amount,account\n"), ("notes.txt", "text/plain", b"Notes\n")]


def sender(rng):
    """(display name, address): a Zipf-like pool, example.com about 40%, Ada Lovelace about 0.4%."""
    if rng.random() < 0.004:
        return "Ada Lovelace", "ada.lovelace@analytical.example"
    first, last = FIRST[int(rng.paretovariate(1.2)) % len(FIRST)], rng.choice(LAST)
    domain = DOMAINS_BROAD[0] if rng.random() < 0.4 else rng.choice(DOMAINS_OTHER)
    return f"{first} {last}", f"{first.lower()}.{last.lower()}@{domain}"


def subject(rng):
    if rng.random() < 0.06:
        text = rng.choice(UTF8_SUBJECTS)
        return text, email.header.Header(text, "utf-8").encode()
    if rng.random() < 0.008:
        text = rng.choice(["Quarterly results", "Re: quarterly planning", "Draft of the Quarterly report"])
    else:
        text = rng.choice(SUBJECT_FORMS).format(t=rng.choice(SUBJECT_TOPICS))
    return text, text


def paragraphs(rng, size):
    """Plain-text paragraphs of about SIZE bytes, lines under 76 characters."""
    lines, line, total = [], [], 0
    while total < size:
        word = rng.choice(WORDS)
        if sum(len(w) + 1 for w in line) + len(word) > 72:
            lines.append(" ".join(line))
            total += len(lines[-1]) + 2
            line = []
            if rng.random() < 0.15:
                lines.append("")
        line.append(word)
    lines.append(" ".join(line).capitalize() + ".")
    return "\r\n".join(lines) + "\r\n"


def blob(rng, magic, size):
    return magic + rng.randbytes(size - len(magic))


def b64_lines(data):
    text = base64.b64encode(data).decode()
    return "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76)) + "\r\n"


def message(i, seed=SEED, user="bench@bench.localhost"):
    """Message i: (raw bytes CRLF, flags tuple, internal date as a unix time, decoded From, decoded Subject)."""
    rng = random.Random(seed * 1_000_003 + i)
    name, address = sender(rng)
    subject_text, subject_header = subject(rng)
    when = BASE_TIME - rng.randrange(0, 2 * 365 * 86400)
    boundary = f"=_bench_{i:06d}_{rng.randrange(16**8):08x}"
    target = int(rng.triangular(2000, 20000, 6000))
    headers = [
        f"Return-Path: <{address}>",
        f"Received: from mx{rng.randrange(1, 9)}.{address.split('@')[1]} (mx.{address.split('@')[1]} "
        f"[192.0.2.{rng.randrange(1, 255)}])\r\n\tby bench.localhost with ESMTPS id {rng.randrange(16**10):010X}\r\n"
        f"\tfor <{user}>; {email.utils.formatdate(when + 2)}",
        f"Date: {email.utils.formatdate(when)}",
        f"From: {name} <{address}>",
        f"To: Bench User <{user}>",
    ]
    if rng.random() < 0.3:
        cname, caddress = sender(rng)
        headers.append(f"Cc: {cname} <{caddress}>")
    headers.append(f"Subject: {subject_header}")
    headers.append(f"Message-ID: <{i}.{rng.randrange(16**12):012x}@{address.split('@')[1]}>")
    if subject_text.startswith("Re:"):
        headers.append(f"In-Reply-To: <{max(i - rng.randrange(1, 50), 0)}.parent@{address.split('@')[1]}>")
    headers.append("MIME-Version: 1.0")
    kind = rng.random()
    if kind < 0.60:
        headers.append("Content-Type: text/plain; charset=utf-8")
        headers.append("Content-Transfer-Encoding: 8bit")
        body = paragraphs(rng, target - 900)
    elif kind < 0.85:
        text = paragraphs(rng, (target - 1200) // 2)
        html = "<html><body>\r\n" + "".join(f"<p>{p}</p>\r\n" for p in text.split("\r\n\r\n")) + "</body></html>\r\n"
        headers.append(f'Content-Type: multipart/alternative; boundary="{boundary}"')
        body = (f"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                f"{text}--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n"
                f"Content-Transfer-Encoding: 8bit\r\n\r\n{html}--{boundary}--\r\n")
    else:
        filename, content_type, magic = rng.choice(ATTACHMENTS)
        attachment = blob(rng, magic, rng.randrange(1000, min(8000, max(1200, target // 2))))
        text = paragraphs(rng, max(400, target - 1100 - len(attachment) * 4 // 3))
        headers.append(f'Content-Type: multipart/mixed; boundary="{boundary}"')
        body = (f"This is a multi-part message in MIME format.\r\n\r\n--{boundary}\r\n"
                f"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{text}"
                f"--{boundary}\r\nContent-Type: {content_type}; name=\"{filename}\"\r\n"
                f"Content-Disposition: attachment; filename=\"{filename}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                f"{b64_lines(attachment)}--{boundary}--\r\n")
    raw = ("\r\n".join(headers) + "\r\n\r\n" + body).encode()
    flags = []
    if rng.random() < 0.33:
        flags.append("\\Seen")
    if rng.random() < 0.1:
        flags.append("\\Flagged")
    return raw, tuple(flags), when, f"{name} <{address}>", subject_text


class Expectations:
    """Counts, over the generated headers, how many messages each search term matches (substring, any case)."""

    def __init__(self):
        self.counts = {key: 0 for key in TERMS}
        self.messages = 0
        self.bytes = 0

    def add(self, raw, from_value, subject_value):
        self.messages += 1
        self.bytes += len(raw)
        values = {"From": from_value.lower(), "Subject": subject_value.lower()}
        for key, (header, term) in TERMS.items():
            if term.lower() in values[header]:
                self.counts[key] += 1

    def manifest(self):
        return {"messages": self.messages, "bytes": self.bytes,
                "terms": {key: {"header": TERMS[key][0], "term": TERMS[key][1], "count": self.counts[key]}
                          for key in TERMS}}


def write_maildir(args, expect):
    """Maildir: cur/ files named with S= (size) and :2,FLAGS, mtime = the internal date (what Dovecot uses)."""
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(args.maildir, sub), exist_ok=True)
    letters = {"\\Seen": "S", "\\Flagged": "F"}
    started = time.monotonic()
    for i in range(args.start, args.start + args.count):
        raw, flags, when, from_value, subject_value = message(i, args.seed, args.to)
        info = "".join(sorted(letters[f] for f in flags))
        name = f"{BASE_TIME + i}.M{i}P{args.seed}.bench,S={len(raw)}:2,{info}"
        path = os.path.join(args.maildir, "cur", name)
        with open(path, "wb") as handle:
            handle.write(raw)
        os.utime(path, (when, when))
        expect.add(raw, from_value, subject_value)
        progress(args, i - args.start + 1, started)


def progress(args, done, started):
    if done % args.progress == 0 or done == args.count:
        rate = done / max(time.monotonic() - started, 1e-9)
        print(f"  {done}/{args.count} messages ({rate:.0f}/s)", file=sys.stderr, flush=True)


def append_all(args, expect):
    """IMAP APPEND over one connection. With LITERAL+ (RFC 7888) up to --window commands are in flight, each with a
    non-synchronizing literal; without it, each literal waits for the server's continuation (RFC 3501 §7.5)."""
    conn = Connection(args, prefix=b"L")
    caps = []
    conn.command(b"CAPABILITY", lambda response: caps.extend(bytes(response.text).upper().split()))
    literal_plus = b"LITERAL+" in caps and not args.no_literal_plus
    window = args.window if literal_plus else 1
    mode = f"LITERAL+, {window} in flight" if literal_plus else "synchronizing literals"
    print(f"load_messages: appending {args.count} messages to {args.mailbox} ({mode})", file=sys.stderr)
    mailbox = quote(args.mailbox)
    if args.mailbox.upper() != "INBOX":
        try:
            conn.command(b"CREATE " + mailbox)
        except Failure as failure:  # NO [ALREADYEXISTS] is fine; any other problem shows at the first APPEND
            print(f"load_messages: CREATE: {failure}", file=sys.stderr)
    pending = []
    started = time.monotonic()
    done = 0
    last = args.start + args.count - 1
    for i in range(args.start, last + 1):
        raw, flags, when, from_value, subject_value = message(i, args.seed, args.to)
        expect.add(raw, from_value, subject_value)
        date = time.strftime("%d-%b-%Y %H:%M:%S +0000", time.gmtime(when))
        head = b"APPEND " + mailbox + b" (" + " ".join(flags).encode() + b') "' + date.encode() + b'" '
        if literal_plus:
            pending.append(conn.start(head + b"{%d+}\r\n" % len(raw) + raw))
        else:
            tag = conn.start(head + b"{%d}" % len(raw))
            reply = conn.read_response()
            if not bytes(reply.text).startswith(b"+"):
                raise Failure(f"APPEND of message {i} refused: {bytes(reply.text).decode(errors='replace')}")
            conn.sock.sendall(raw + b"\r\n")
            pending.append(tag)
        while len(pending) >= window or (pending and i == last):
            conn.finish(pending.pop(0), shown=b"APPEND")
            done += 1
            progress(args, done, started)
    conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, required=True, help="how many messages")
    parser.add_argument("--start", type=int, default=0, help="index of the first message (default 0)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--to", default="bench@bench.localhost", help="the recipient written in To: and Received:")
    parser.add_argument("--maildir", help="write a Maildir here (cur/new/tmp) instead of using IMAP")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=143)
    parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    parser.add_argument("--cafile", help="CA file to verify the server certificate")
    parser.add_argument("--insecure", action="store_true", help="do not verify the certificate (self-signed)")
    parser.add_argument("--user")
    parser.add_argument("--password", help="prefer --password-env: argv is visible to other users")
    parser.add_argument("--password-env", help="name of the environment variable that holds the password")
    parser.add_argument("--mailbox", default="INBOX", help="APPEND target; created first unless it is INBOX")
    parser.add_argument("--window", type=int, default=32, help="APPENDs in flight with LITERAL+ (default 32)")
    parser.add_argument("--no-literal-plus", action="store_true", help="synchronizing literals even if offered")
    parser.add_argument("--timeout", type=float, default=120.0, help="socket timeout in seconds")
    parser.add_argument("--progress", type=int, default=1000, help="print progress every N messages")
    parser.add_argument("--manifest", help="write the expected counts (messages, bytes, search hits) as JSON here")
    args = parser.parse_args()
    if args.count <= 0 or args.window <= 0 or args.progress <= 0:
        parser.error("--count, --window and --progress must be positive")
    if not args.maildir and not (args.user and (args.password is not None or args.password_env)):
        parser.error("IMAP needs --user and --password or --password-env (or give --maildir)")

    expect = Expectations()
    started = time.monotonic()
    if args.maildir:
        print(f"load_messages: writing {args.count} messages to the Maildir {args.maildir}", file=sys.stderr)
        write_maildir(args, expect)
    else:
        try:
            append_all(args, expect)
        except Failure as failure:
            sys.exit(f"load_messages: FAILED: {failure}")
        except OSError as error:
            sys.exit(f"load_messages: connection error: {error}")
    elapsed = time.monotonic() - started
    manifest = expect.manifest()
    print(f"load_messages: {manifest['messages']} messages, {manifest['bytes'] / 1e6:.1f} MB in {elapsed:.1f} s; "
          "expected search hits: " + ", ".join(f"{v['header']} {v['term']!r} = {v['count']}"
                                                for v in manifest["terms"].values()), file=sys.stderr)
    if args.manifest:
        with open(args.manifest, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=2)


if __name__ == "__main__":
    main()
