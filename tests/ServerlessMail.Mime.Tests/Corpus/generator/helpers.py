"""Building blocks for the corpus generator.

Everything here is deterministic: pseudo-random payloads come from SHA-256 in counter mode keyed by a
string seed, so the bytes do not depend on the Python version or on `random`'s implementation.
"""

from __future__ import annotations

import base64
import hashlib
import struct
import zlib

CRLF = b"\r\n"
LF = b"\n"


def blob(seed: str, size: int) -> bytes:
    """`size` pseudo-random bytes derived from `seed` (SHA-256 counter mode)."""
    out = bytearray()
    counter = 0
    key = seed.encode("utf-8")
    while len(out) < size:
        out += hashlib.sha256(key + counter.to_bytes(8, "big")).digest()
        counter += 1
    return bytes(out[:size])


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(seed: str, size: int, width: int = 64, height: int = 48) -> bytes:
    """A PNG-shaped blob: signature, IHDR, one IDAT of noise and IEND, with correct chunk CRCs."""
    head = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    tail = _png_chunk(b"IEND", b"")
    idat_len = max(0, size - len(head) - len(tail) - 12)
    return head + _png_chunk(b"IDAT", blob(seed, idat_len)) + tail


def jpeg(seed: str, size: int) -> bytes:
    """A JPEG-shaped blob: SOI, a JFIF APP0 segment, noise and EOI."""
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"
    tail = b"\xff\xd9"
    return head + blob(seed, max(0, size - len(head) - len(tail))) + tail


def gif(seed: str, size: int) -> bytes:
    head = b"GIF89a\x01\x00\x01\x00\x80\x00\x00"
    return head + blob(seed, max(0, size - len(head) - 1)) + b";"


def pdf(seed: str, size: int) -> bytes:
    """A PDF-shaped blob: header with a binary comment, a noise stream object and a trailer."""
    tail = b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    body_len = max(0, size - 80 - len(tail))
    head = b"%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % body_len
    data = head + blob(seed, body_len) + tail
    return data[:size] if len(data) > size else data + b"\n" * (size - len(data))


def zipish(seed: str, size: int) -> bytes:
    """A ZIP-shaped blob (local file header magic, noise, end-of-central-directory magic), like .docx/.xlsx."""
    head = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"
    tail = b"PK\x05\x06" + b"\x00" * 18
    return head + blob(seed, max(0, size - len(head) - len(tail))) + tail


def tnef(seed: str, size: int) -> bytes:
    """A TNEF-shaped blob (winmail.dat): the TNEF signature 0x223E9F78 little-endian, a key, then noise."""
    head = b"\x78\x9f\x3e\x22" + b"\x4d\x2a" + b"\x01\x06\x90\x08\x00\x04\x00\x00\x00\x00\x00\x01\x00\x01\x00"
    return head + blob(seed, max(0, size - len(head)))


def b64(data: bytes, width: int = 76) -> str:
    """Base64 wrapped at `width` characters, lines joined with '\\n', no trailing line break."""
    enc = base64.b64encode(data).decode("ascii")
    return "\n".join(enc[i:i + width] for i in range(0, len(enc), width))


_QP_SAFE = set(range(33, 127)) - {ord("=")}


def qp(data: bytes | str, charset: str = "utf-8", width: int = 76, encode_dots: bool = False) -> str:
    """Quoted-printable (RFC 2045 §6.7) of text: line breaks become hard breaks ('\\n'), long lines get
    soft breaks, trailing whitespace is encoded. No trailing line break is added."""
    if isinstance(data, str):
        data = data.encode(charset)
    out_lines = []
    for raw_line in data.split(b"\n"):
        if raw_line.endswith(b"\r"):
            raw_line = raw_line[:-1]
        tokens = []
        for i, byte in enumerate(raw_line):
            last = i == len(raw_line) - 1
            if byte in _QP_SAFE and not (encode_dots and byte == 0x2E and i == 0):
                tokens.append(chr(byte))
            elif byte in (0x20, 0x09) and not last:
                tokens.append(chr(byte))
            else:
                tokens.append("=%02X" % byte)
        line = ""
        for tok in tokens:
            if len(line) + len(tok) > width - 1:
                out_lines.append(line + "=")
                line = ""
            line += tok
        out_lines.append(line)
    return "\n".join(out_lines)


def ew_b(text: str, charset: str = "utf-8", label: str | None = None) -> str:
    """One RFC 2047 'B' encoded-word."""
    data = text.encode(charset)
    return "=?%s?B?%s?=" % (label or charset, base64.b64encode(data).decode("ascii"))


def ew_q(text: str | bytes, charset: str = "utf-8", label: str | None = None, letter: str = "Q") -> str:
    """One RFC 2047 'Q' encoded-word (RFC 2047 §4.2: space as '_', specials hex-escaped)."""
    data = text.encode(charset) if isinstance(text, str) else text
    out = []
    for byte in data:
        if byte == 0x20:
            out.append("_")
        elif (0x30 <= byte <= 0x39) or (0x41 <= byte <= 0x5A) or (0x61 <= byte <= 0x7A) or byte in b"!*+-/":
            out.append(chr(byte))
        else:
            out.append("=%02X" % byte)
    return "=?%s?%s?%s?=" % (label or charset, letter, "".join(out))


def pct(text: str | bytes, charset: str = "utf-8") -> str:
    """RFC 2231 §4 extended-value percent encoding (attribute-char kept, everything else %XX)."""
    data = text.encode(charset) if isinstance(text, str) else text
    keep = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~")
    return "".join(chr(b) if b in keep else "%%%02X" % b for b in data)


def enc_lines(text: str, codec: str) -> bytes:
    """Encode text line by line so stateful codecs (ISO-2022-JP) return to ASCII before every line break."""
    return b"\n".join(line.encode(codec) for line in text.split("\n"))


def render(template: str, eol: bytes | None = CRLF, **values: str | bytes) -> bytes:
    """Fill `{{name}}` slots and turn every '\\n' into `eol` (None keeps the bytes as they are).

    Templates and values use '\\n' only; the message's line endings are decided here, once.
    """
    out = template.encode("utf-8")
    for key, value in values.items():
        vb = value.encode("utf-8") if isinstance(value, str) else value
        slot = b"{{" + key.encode("ascii") + b"}}"
        if slot not in out:
            raise KeyError("template has no slot " + key)
        out = out.replace(slot, vb)
    if b"{{" in out and b"}}" in out:
        start = out.index(b"{{")
        raise KeyError("unfilled slot near " + out[start:start + 40].decode("latin-1"))
    if eol is not None and eol != LF:
        if b"\r\n" in out:
            raise ValueError("template or value already holds CRLF; build it with '\\n' only")
        out = out.replace(b"\n", eol)
    return out


def outlook_ids(seed: str) -> tuple[str, str]:
    """An Exchange Online style Message-ID and the boundary stem Outlook derives from it."""
    h = hashlib.sha256(seed.encode()).hexdigest().upper()
    host = "DM6PR%02dMB%04d" % (int(h[0:2], 16) % 20, int(h[2:6], 16) % 10000)
    local = host + h[6:30]
    domain = host + ".namprd%02d.prod.outlook.com" % (int(h[30:32], 16) % 20)
    stem = local + host + "namp"
    return "<%s@%s>" % (local, domain), stem


def thread_index(seed: str, replies: int = 0) -> str:
    """Outlook's Thread-Index: base64 of a 22-byte header block plus 5 bytes per reply."""
    return base64.b64encode(blob("thread-index:" + seed, 22 + 5 * replies)).decode("ascii")


def gmail_boundary(seed: str) -> str:
    """Gmail's boundary shape: twelve zeros and sixteen lowercase hex digits."""
    return "000000000000" + hashlib.sha256(seed.encode()).hexdigest()[:16]


def uuid_like(seed: str, upper: bool = True) -> str:
    h = hashlib.sha256(seed.encode()).hexdigest()
    u = "%s-%s-%s-%s-%s" % (h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])
    return u.upper() if upper else u
