"""Fetches an attachment with RFC 3516 BINARY through Python's imaplib over implicit TLS, as a real client would.

Arguments: host, port, cafile, user, token, message number. Prints one RESULT line per step; the attachment's octets
are reported as their SHA-256, for the test to compare with the original.
"""
import hashlib
import imaplib
import ssl
import sys


def result(*parts):
    print("RESULT", *parts, flush=True)


def main():
    host, port, cafile, user, token, number = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
    imap = imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(cafile=cafile))
    imap.login(user, token)
    result("capability-binary", "BINARY" in imap.capabilities)
    imap.select("INBOX")

    typ, data = imap.fetch(number, "(BINARY.SIZE[2])")
    result("binary-size", typ, data[0].decode())

    # imaplib reads a literal8 (~{n}) as it reads {n}: the line, then n octets.
    typ, data = imap.fetch(number, "(BINARY.PEEK[2])")
    head, octets = data[0]
    result("binary", typ, head.decode(), len(octets), hashlib.sha256(octets).hexdigest())

    typ, data = imap.fetch(number, "(FLAGS)")
    result("flags", typ, data[0].decode())
    imap.logout()


main()
