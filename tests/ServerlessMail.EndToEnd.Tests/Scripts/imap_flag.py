"""Reads one message over IMAP with TLS (imaplib, as a mail client would) and flags it; prints one JSON line.

usage: imap_flag.py HOST PORT CAFILE USER TOKEN SUBJECT
Logs in, selects INBOX, fetches every message's UID, flags and Subject header without setting \\Seen, finds the
one with SUBJECT, sets \\Flagged on it with UID STORE, and prints {"uid", "subject", "flagsBefore", "flagsAfter"}.
"""
import imaplib
import json
import re
import ssl
import sys


def main():
    host, port, cafile, user, token, subject = sys.argv[1:7]
    context = ssl.create_default_context(cafile=cafile)
    imap = imaplib.IMAP4_SSL(host, int(port), ssl_context=context, timeout=30)
    try:
        imap.login(user, token)
        typ, _ = imap.select("INBOX")
        assert typ == "OK", typ
        typ, data = imap.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        assert typ == "OK", (typ, data)
        found = []
        for item in data:
            if not isinstance(item, tuple):
                continue
            header = item[1].decode().strip()
            if header.split(":", 1)[1].strip() == subject:
                found.append((re.search(rb"UID (\d+)", item[0]).group(1).decode(), header, imaplib.ParseFlags(item[0])))
        if len(found) != 1:
            raise SystemExit("expected one message with subject %r, found %r" % (subject, found))
        uid, header, before = found[0]
        typ, data = imap.uid("STORE", uid, "+FLAGS", r"(\Flagged)")
        assert typ == "OK", (typ, data)
        typ, data = imap.uid("FETCH", uid, "(FLAGS)")
        after = imaplib.ParseFlags(data[0])
        print(json.dumps({
            "uid": int(uid),
            "subject": header.split(":", 1)[1].strip(),
            "flagsBefore": [f.decode() for f in before],
            "flagsAfter": [f.decode() for f in after],
        }))
    finally:
        try:
            imap.logout()
        except imaplib.IMAP4.error:
            pass


main()
