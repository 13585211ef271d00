"""Enables IMAP4rev2 (RFC 9051) through Python's imaplib over implicit TLS and checks what changes after it.

Arguments: host, port, cafile, user, token. Prints one RESULT line per step: SEARCH answered as ESEARCH, no \\Recent
in FETCH FLAGS nor a RECENT response in SELECT, SEARCH RETURN (SAVE) then FETCH $, and a removed key refused.
"""
import imaplib
import ssl
import sys


def result(*parts):
    print("RESULT", *parts, flush=True)


def main():
    host, port, cafile, user, token = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
    imap = imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(cafile=cafile))
    imap.login(user, token)
    result("capability-rev2", "IMAP4REV2" in imap.capabilities, "SEARCHRES" in imap.capabilities)

    typ, data = imap.enable("IMAP4rev2")
    result("enabled", typ, imap.untagged_responses.get("ENABLED", [b"-"])[0].decode())

    typ, data = imap.select("INBOX")
    result("select", typ, "RECENT" in imap.untagged_responses, imap.untagged_responses.get("LIST", [b"-"])[0].decode())

    # imaplib's search() looks for an untagged SEARCH, which a rev2 server never sends; ask for ESEARCH directly.
    typ, data = imap._simple_command("SEARCH", "ALL")
    esearch = imap._untagged_response(typ, data, "ESEARCH")
    result("esearch", esearch[0], esearch[1][0].decode())

    typ, data = imap.fetch("1:*", "(FLAGS)")
    result("recent-flag", typ, any(b"\\Recent" in line for line in data if isinstance(line, bytes)))

    typ, data = imap._simple_command("SEARCH", "RETURN", "(SAVE)", "1")
    result("save", typ)
    typ, data = imap.fetch("$", "(UID)")
    result("fetch-saved", typ, data[0].decode())

    try:
        imap._simple_command("SEARCH", "NEW")
        result("search-new", "accepted")
    except imaplib.IMAP4.error as error:
        result("search-new", "BAD", str(error))
    imap.logout()


main()
