#!/usr/bin/env python3
r"""Independent oracle for the MIME corpus: summarises each message with Python's `email` package.

Usage:
    python3 python_oracle.py FILE...                  # one JSON object per line (JSON Lines) on stdout
    python3 python_oracle.py --pretty FILE...         # indented JSON, one object per file
    python3 python_oracle.py --out-dir DIR FILE...    # write DIR/<file stem>.json (indented) per file

Per message it reports:
  * `tree`: the part tree from `BytesParser(policy=compat32)`, one node per entity, with the content type
    Python settled on, the raw Content-Type, charset, transfer encoding, disposition, Python's defects and
    `children`. A `message/*` node that Python parsed as an encapsulated message has a `message` summary
    (headers below) and its child tree.
  * for each leaf: `size` and `sha256` of `get_payload(decode=True)`, `filename` (compat32 `get_filename()`)
    and `filename_default` (the same call under `policy=default`, which also decodes RFC 2047 inside
    parameters); for text/* leaves, `text`: the payload decoded with the declared charset (errors replaced),
    as length, SHA-256 of its UTF-8 form and a short preview.
  * `headers` for the top-level message (and every encapsulated one): subject, from, to, cc, date and
    message-id, each raw (compat32, unfolded per RFC 5322 §2.2.3) and decoded (`policy=default`), plus the
    list of all fields in order with their decoded values. Addresses come from `policy=default`.

Every hash covers the decoded bytes exactly as Python returns them: line endings inside a text payload stay
as they were in the file (CRLF or LF), and the line break before a delimiter is not part of the payload.
Strings that carry raw 8-bit header bytes are shown as UTF-8 with U+FFFD for invalid sequences.

Node paths: the root is "", children of a multipart are "1", "2", ... ("1.2" is the second child of the
first child); the top entity of an encapsulated message is child "1" of its message/* node. This is a tree
position, not IMAP section numbering.

Where Python differs from what our parser is meant to do (compare with care; these are not our bugs):
  * Line endings: Python splits lines at CRLF, LF and bare CR alike. A bare CR inside a header value ends
    the field, so "one<CR>X-Injected-By-Cr: two" becomes two fields (063). Our parser treats only LF (with
    optional CR) as a line break, so a bare CR stays data (one field). In bodies the CR is kept either way.
  * Header block end: Python ends the header block at the first line that is neither a field, a
    continuation nor "From " (MissingHeaderBodySeparatorDefect); that line and everything after become the
    body. That includes a line without a colon (061) and a field name followed by a space before the colon
    (088, obs-field-name, which RFC 5322 §4.5.3 allows). Our parser records InvalidHeaderLine and continues.
  * A leading "From " envelope line (mbox, 087) is taken as the unix-from (`unixfrom`), not a field.
  * Duplicate fields: `msg[name]`, `get_content_type()` and `get_filename()` use the FIRST occurrence (080).
    Other parsers use the last Content-Type; the `fields` list shows every occurrence in order.
  * Delimiters: Python matches "--boundary" followed only by optional "--", then spaces/tabs, then the
    line break, so "--b-1" is not a delimiter of "b" and "--abc--x" does not close "abc" (053, 054). A
    nested multipart that never closes is ended by any ancestor's delimiter (089), and a nested multipart
    that reuses its parent's boundary gets an empty body (090). Python accepts boundaries of any length,
    including the empty boundary="" (096: delimiters are then "--" and "----"); our MaxBoundaryLength (256)
    turns the 300-character one in 096 into a leaf, and an empty boundary counts as missing.
  * Parameters: Python does not remove RFC 822 comments, so `boundary=plain-token (a comment)` is the
    whole string and that multipart becomes a leaf (055); a value with an unbalanced opening quote keeps
    the quote (056).
  * message/*: Python parses every message/* body as an embedded message except message/delivery-status,
    which it splits into blocks of fields (`delivery_status_blocks`, no payload hash). So
    message/disposition-notification (028) becomes a "message" whose header block is the MDN fields; our
    parser only encapsulates message/rfc822 and message/global. Python also parses a base64-encoded
    message/rfc822 as if it were not encoded (075: the base64 text becomes a header-less message); our
    parser keeps it as a leaf with EncodedEncapsulatedMessage. In a multipart/digest a part whose message
    headers sit directly under the delimiter (025, part 4) has those fields as part headers, and its body
    is parsed as a header-less message.
  * Transfer encodings: base64 decoding is lenient (characters outside the alphabet are dropped, missing
    padding is repaired, data after '=' padding is still decoded); quoted-printable uses binascii.a2b_qp
    (lowercase hex accepted, invalid escapes kept literally); x-uuencode/uuencode/uue/x-uue are decoded,
    but inline "begin 644" blocks in a text/plain body are not (076). The value is compared after
    lowercasing only: "base64 " with a trailing space, "base64 (comment)", "8-bit", "base-64" and
    "x-gzip64" all return the raw bytes (097). A Content-Transfer-Encoding on a multipart is ignored.
  * Content-Type: only a value without exactly one '/' falls back to text/plain (message/rfc822 inside
    multipart/digest); "text/", "/plain", "text / html", "text/plain (comment)" and "image/png name=x.png"
    are kept verbatim as the type (079).
  * Filenames: compat32 get_filename() decodes RFC 2231 (continuations sorted by index, gaps skipped) but
    not RFC 2047 encoded-words inside quoted values (006, 048, 049); it turns raw 8-bit bytes in a
    parameter into U+FFFD (040, 048); when both `filename` and `filename*` exist the plain one wins (047,
    RFC 6266 §4.3 prefers filename*); a duplicate parameter yields the first; it falls back to the
    Content-Type `name`. `filename_default` (policy=default) decodes encoded-words and raw UTF-8, stops at
    a gap in the sections (047), and unescapes backslashes in quoted strings ("C:\x\evil.exe" becomes
    "C:xevil.exe", 049). Neither sanitises anything.
  * Encoded-words: unstructured fields under policy=default join adjacent words before decoding, so a
    character split across two words survives in Subject (044), but in an address display name each word
    is decoded alone and the split character becomes U+FFFD. `decoded_compat` (email.header.decode_header
    + make_header) is given for Subject. Unknown charsets decode to U+FFFD.
  * Charsets: text is decoded with Python's codec for the declared label: gb2312 is strict GB 2312, so
    GBK-only characters become U+FFFD (038); ks_c_5601-1987 maps to cp949 (037); iso-8859-1 text with
    0x80-0x9F bytes stays C1 controls (033). Parts without a charset decode as US-ASCII (074).
  * Address and date parsing follow the running Python version (results for obsolete syntax changed
    between 3.11 and 3.13); every output records `python`.
"""

from __future__ import annotations

import argparse
import codecs
import email.header
import email.policy
import email.utils
import hashlib
import json
import os
import re
import sys
from email.message import Message
from email.parser import BytesParser

SUMMARY_HEADERS = ("subject", "from", "to", "cc", "date", "message-id")
ADDRESS_HEADERS = {"from", "to", "cc", "bcc", "reply-to", "sender"}
PREVIEW_CHARS = 80


def clean(value) -> str | None:
    """A header or payload string as readable UTF-8: surrogate-escaped raw bytes are decoded as UTF-8."""
    if value is None:
        return None
    text = str(value)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def unfold(value: str) -> str:
    # RFC 5322 §2.2.3: unfolding removes a CRLF that is followed by WSP; Python also splits at bare CR/LF.
    return re.sub(r"(\r\n|\r|\n)(?=[ \t])", "", value)


def raw_header(msg: Message, name: str) -> str | None:
    """The first field called `name`, as the parser stored it (compat32 would wrap 8-bit values in Header)."""
    for key, value in msg.raw_items():
        if key.lower() == name:
            return str(value)
    return None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def defects(msg: Message) -> list[str]:
    return [type(d).__name__ for d in getattr(msg, "defects", [])]


def safe(call, *args):
    try:
        return clean(call(*args))
    except Exception as exc:  # the oracle reports what Python does, including failures
        return "<%s: %s>" % (type(exc).__name__, exc)


def decoded_compat(raw: str) -> str:
    try:
        return clean(str(email.header.make_header(email.header.decode_header(raw))))
    except Exception as exc:
        return "<%s: %s>" % (type(exc).__name__, exc)


def addresses(header) -> list | str:
    try:
        groups = []
        for group in header.groups:
            groups.append({
                "group": clean(group.display_name),
                "mailboxes": [[clean(a.display_name), clean(a.addr_spec)] for a in group.addresses],
            })
        return groups
    except Exception as exc:
        return "<%s: %s>" % (type(exc).__name__, exc)


def header_summary(compat: Message, modern: Message | None) -> dict:
    out: dict = {}
    for name in SUMMARY_HEADERS:
        raw = raw_header(compat, name)
        if raw is None:
            continue
        raw_text = unfold(raw)
        entry: dict = {"raw": clean(raw_text)}
        if modern is not None:
            entry["decoded"] = safe(lambda: modern.get(name))
            if name in ADDRESS_HEADERS:
                try:
                    value = modern.get(name)
                    entry["addresses"] = addresses(value) if value is not None else None
                except Exception as exc:
                    entry["addresses"] = "<%s: %s>" % (type(exc).__name__, exc)
        if name == "subject":
            entry["decoded_compat"] = decoded_compat(raw_text)
        if name == "date":
            try:
                parsed = email.utils.parsedate_to_datetime(raw_text)
                entry["parsed"] = parsed.isoformat()
            except Exception as exc:
                entry["parsed"] = "<%s: %s>" % (type(exc).__name__, exc)
        out[name] = entry
    fields = []
    modern_raw = list(modern.raw_items()) if modern is not None else []
    for index, (name, value) in enumerate(compat.raw_items()):
        decoded = None
        if index < len(modern_raw):
            m_name, m_value = modern_raw[index]
            decoded = safe(modern.policy.header_fetch_parse, m_name, m_value)
        fields.append([clean(name), clean(unfold(str(value))), decoded])
    out["fields"] = fields
    if compat.get_unixfrom():
        out["unixfrom"] = clean(compat.get_unixfrom())
    return out


def text_info(msg: Message, payload: bytes) -> dict:
    charset = msg.get_content_charset() or "us-ascii"
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        codec = None
    info: dict = {"charset": charset, "codec": codec}
    text = payload.decode(codec or "ascii", "replace")
    info["chars"] = len(text)
    info["sha256"] = sha256(text.encode("utf-8", "surrogatepass"))
    info["preview"] = text[:PREVIEW_CHARS]
    return info


def node(compat: Message, modern: Message | None, path: str) -> dict:
    out: dict = {
        "path": path,
        "content_type": compat.get_content_type(),
        "content_type_raw": clean(unfold(raw_header(compat, "content-type") or "")) if raw_header(compat, "content-type") is not None else None,
        "charset": safe(compat.get_content_charset),
        "cte": clean(raw_header(compat, "content-transfer-encoding")),
        "disposition": safe(compat.get_content_disposition),
        "defects": defects(compat),
    }
    modern_children = None
    if modern is not None and modern.is_multipart():
        modern_children = modern.get_payload()
    if compat.is_multipart():
        children = compat.get_payload()
        ctype = compat.get_content_type()
        if ctype == "message/delivery-status":
            out["kind"] = "delivery-status"
            out["delivery_status_blocks"] = [header_summary(block, None)["fields"] for block in children]
            out["children"] = []
            return out
        if compat.get_content_maintype() == "message":
            out["kind"] = "message"
            inner = children[0]
            inner_modern = modern_children[0] if modern_children else None
            out["message"] = header_summary(inner, inner_modern)
            out["children"] = [node(inner, inner_modern, path + ".1")]
            return out
        out["kind"] = "multipart"
        out["boundary"] = safe(compat.get_boundary)
        for label, value in (("preamble", compat.preamble), ("epilogue", compat.epilogue)):
            if value is not None:
                raw = value.encode("ascii", "surrogateescape") if isinstance(value, str) else bytes(value)
                out[label] = {"size": len(raw), "sha256": sha256(raw)}
        out["children"] = [
            node(child, modern_children[i] if modern_children and i < len(modern_children) else None,
                 "%s.%d" % (path, i + 1) if path else str(i + 1))
            for i, child in enumerate(children)
        ]
        return out
    out["kind"] = "leaf"
    try:
        payload = compat.get_payload(decode=True)
    except Exception as exc:
        out["payload_error"] = "<%s: %s>" % (type(exc).__name__, exc)
        payload = None
    if payload is None:
        payload = b""
    out["size"] = len(payload)
    out["sha256"] = sha256(payload)
    out["filename"] = safe(compat.get_filename)
    if modern is not None:
        out["filename_default"] = safe(modern.get_filename)
    if compat.get_content_maintype() == "text":
        out["text"] = text_info(compat, payload)
    return out


def summarize(path: str) -> dict:
    with open(path, "rb") as handle:
        data = handle.read()
    compat = BytesParser(policy=email.policy.compat32).parsebytes(data)
    try:
        modern = BytesParser(policy=email.policy.default).parsebytes(data)
    except Exception:
        modern = None
    return {
        "file": os.path.basename(path),
        "python": sys.version.split()[0],
        "bytes": len(data),
        "sha256": sha256(data),
        "headers": header_summary(compat, modern),
        "tree": node(compat, modern, ""),
    }


def dumps(value, indent: int = 0) -> str:
    """Indented JSON that keeps lists of scalars on one line, so dumps stay short and diff well."""
    pad = " " * min(indent, 24)  # deep trees (086) would otherwise be mostly indentation
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [pad + " " + json.dumps(k, ensure_ascii=False) + ": " + dumps(value[k], indent + 1) for k in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return json.dumps(value, ensure_ascii=False)
        items = [pad + " " + dumps(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--pretty", action="store_true", help="indented JSON")
    parser.add_argument("--out-dir", help="write one <stem>.json per input into this directory")
    args = parser.parse_args(argv)
    sys.setrecursionlimit(10000)
    for path in args.files:
        summary = summarize(path)
        if args.out_dir:
            os.makedirs(args.out_dir, exist_ok=True)
            target = os.path.join(args.out_dir, os.path.splitext(os.path.basename(path))[0] + ".json")
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(dumps(summary) + "\n")
        elif args.pretty:
            print(dumps(summary))
        else:
            print(json.dumps(summary, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
