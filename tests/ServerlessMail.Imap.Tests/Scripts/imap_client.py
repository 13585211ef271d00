"""Drives our IMAP server with Python's imaplib over TLS, as a real client would. Prints one RESULT line per step.

Modes: "ssl" (IMAP4_SSL, implicit TLS) and "starttls" (IMAP4, then starttls()). The mailbox starts with two messages:
1 from carol (subject "Report"), 2 from dave (subject "Entwürfe", encoded). IDLE is driven by hand (imaplib has no
idle() before Python 3.14): after "RESULT idling" the test delivers a message, and the script waits for its EXISTS.
"""
import imaplib
import ssl
import sys
import time


def result(*parts):
    print("RESULT", *parts, flush=True)


def text(data):
    return " ".join(d.decode() if isinstance(d, bytes) else repr(d) for d in data if d is not None)


def main():
    mode, host, port, cafile, user, token = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
    context = ssl.create_default_context(cafile=cafile)
    if mode == "ssl":
        imap = imaplib.IMAP4_SSL(host, port, ssl_context=context)
    else:
        imap = imaplib.IMAP4(host, port)
        result("before-tls", "STARTTLS" in imap.capabilities, "LOGINDISABLED" in imap.capabilities)
        imap.starttls(ssl_context=context)
    result("capabilities", "IDLE" in imap.capabilities, "MOVE" in imap.capabilities)

    typ, _ = imap.login(user, token)
    result("login", typ)

    typ, data = imap.list()
    result("list", typ, text(data))

    # RFC 5819 LIST-STATUS: list() takes no RETURN options, so the extended LIST goes through xatom; imaplib files
    # the untagged LIST and STATUS responses apart.
    result("list-status-capabilities", "LIST-EXTENDED" in imap.capabilities, "LIST-STATUS" in imap.capabilities)
    typ, _ = imap.xatom("LIST", '""', '"*"', "RETURN", "(STATUS (MESSAGES UNSEEN))")
    _, lists = imap.response("LIST")
    _, statuses = imap.response("STATUS")
    inbox = [s.decode() for s in statuses if s.startswith(b'"INBOX" ')]
    result("list-status", typ, len(lists), len(statuses), *inbox)

    typ, data = imap.select("INBOX")
    result("select", typ, text(data))

    typ, data = imap.search(None, "FROM", '"carol"')
    result("search-from", typ, text(data))
    typ, data = imap.uid("SEARCH", "OR", "FROM", "dave", "SUBJECT", "nothing")
    result("uid-search", typ, text(data))
    imap.literal = "entwürfe".encode("utf-8")
    typ, data = imap.search("UTF-8", "SUBJECT")
    result("search-utf8", typ, text(data))

    typ, data = imap.fetch("1:*", "(UID FLAGS RFC822.SIZE ENVELOPE)")
    result("fetch-envelope", typ, len(data), text([data[0]]))
    typ, data = imap.fetch("1", "(BODY.PEEK[])")
    result("fetch-body", typ, data[0][0].decode(), b"Hello from carol." in data[0][1])
    typ, data = imap.fetch("1", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    result("fetch-header", typ, repr(data[0][1]))

    typ, data = imap.store("1", "+FLAGS", "(\\Flagged)")
    result("store", typ, text(data))

    typ, data = imap.copy("1", "Archive")
    result("copy", typ, text(data))
    imap.response("COPYUID")  # imaplib keeps response codes until asked; clear the copy's
    typ, _ = imap.uid("MOVE", "2", "Trash")
    # RFC 6851 §4.3: COPYUID comes in an untagged OK, before the EXPUNGE of the moved message.
    _, copyuid = imap.response("COPYUID")
    _, expunged = imap.response("EXPUNGE")
    result("move", typ, "COPYUID", text(copyuid), "EXPUNGE", text(expunged))

    imap.store("1", "+FLAGS.SILENT", "(\\Deleted)")
    typ, data = imap.expunge()
    result("expunge", typ, text(data))

    message = b"From: Alice <alice@hosted.test>\r\nTo: bob@hosted.test\r\nSubject: Draft from imaplib\r\n\r\nNot sent yet.\r\n"
    typ, data = imap.append("Drafts", "(\\Draft)", imaplib.Time2Internaldate(time.time()), message)
    result("append", typ, text(data))

    typ, data = imap.select("INBOX")
    result("reselect", typ, text(data))
    tag = imap._new_tag()
    imap.send(tag + b" IDLE\r\n")
    result("idle-start", imap.readline().decode().strip())
    result("idling")
    exists = None
    deadline = time.time() + 30
    while time.time() < deadline:
        line = imap.readline().decode().strip()
        if line.endswith("EXISTS"):
            exists = line
            break
    result("idle-exists", exists)
    imap.send(b"DONE\r\n")
    while True:
        line = imap.readline().decode().strip()
        if line.startswith(tag.decode() + " "):
            result("idle-done", line)
            break

    typ, _ = imap.logout()
    result("logout", typ)


main()
