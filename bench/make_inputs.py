#!/usr/bin/env python3
"""Writes the three benchmark messages into bench/data/, deterministically.

    python3 bench/make_inputs.py          # (re)write bench/data/*.eml
    python3 bench/make_inputs.py --check  # exit 1 if a checked-in file differs from what would be written

All pseudo-random content (words, ids, signatures, binary payloads) comes from SHA-256 in counter mode keyed
by a fixed seed, so the bytes are the same on every machine and Python version. Messages use CRLF.

  header-heavy-4k.eml     4,000-4,500 bytes: a mailing-list message as delivered to a Postfix + LMTP mailbox
                          (Received chain, ARC-*, DKIM-Signature, Authentication-Results, List-*, long
                          To/Cc lists with encoded display names, encoded Subject, References chain),
                          short QP text body.
  multipart-180k.eml      175-185 KB: mixed > alternative(QP text, QP html) + PDF-like, PNG-like and small
                          text attachments, all base64.
  newsletter-1_7m.eml     1.65-1.75 MB: related > alternative(QP text, large QP HTML) + many base64 inline
                          images referenced by cid:.
"""

from __future__ import annotations

import base64
import hashlib
import os
import struct
import sys
import zlib

SEED = "serverlessmail-bench-2024"
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")

WORDS = (
    "the of and to in is for on with that this as are be by from at it an or we will can our has have not "
    "release build cache runner latency storage bucket queue index shard replica quota policy tenant mailbox "
    "message header boundary parser stream buffer offset region cluster gateway relay bounce digest archive "
    "summer harbour meadow lantern copper signal valley ridge trail river garden market studio library "
    "quarterly budget review schedule planning roadmap feedback survey workshop keynote session venue "
    "café naïve résumé Zürich Åre São Paulo Kraków Øresund crème brûlée déjà vu façade jalapeño"
).split()


class Det:
    """Deterministic byte/number stream: SHA-256 over (seed, label, counter)."""

    def __init__(self, label: str) -> None:
        self._key = (SEED + ":" + label).encode("utf-8")
        self._counter = 0
        self._buf = b""

    def bytes(self, n: int) -> bytes:
        while len(self._buf) < n:
            self._buf += hashlib.sha256(self._key + self._counter.to_bytes(8, "big")).digest()
            self._counter += 1
        out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def u32(self) -> int:
        return struct.unpack(">I", self.bytes(4))[0]

    def below(self, n: int) -> int:
        return self.u32() % n

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def hex(self, n: int) -> str:
        return self.bytes((n + 1) // 2).hex()[:n]

    def b64(self, n_bytes: int) -> str:
        return base64.b64encode(self.bytes(n_bytes)).decode("ascii")

    def words(self, n: int) -> str:
        return " ".join(self.choice(WORDS) for _ in range(n))

    def sentence(self, lo: int = 8, hi: int = 20) -> str:
        s = self.words(lo + self.below(hi - lo + 1))
        return s[0].upper() + s[1:] + "."


def b64_lines(data: bytes, width: int = 76) -> str:
    enc = base64.b64encode(data).decode("ascii")
    return "\r\n".join(enc[i:i + width] for i in range(0, len(enc), width))


def qp(text: str, width: int = 76) -> str:
    """Quoted-printable (RFC 2045 §6.7) of UTF-8 text with CRLF hard breaks and '=' soft breaks."""
    safe = set(range(33, 127)) - {ord("=")}
    out = []
    for line in text.split("\n"):
        data = line.encode("utf-8")
        cur = ""
        for i, b in enumerate(data):
            last = i == len(data) - 1
            if b in safe:
                tok = chr(b)
            elif b in (0x20, 0x09) and not last:
                tok = chr(b)
            else:
                tok = "=%02X" % b
            if len(cur) + len(tok) > width - 1:
                out.append(cur + "=")
                cur = ""
            cur += tok
        out.append(cur)
    return "\r\n".join(out)


def fold_b64_value(prefix: str, value: str, indent: str = "        ", width: int = 70) -> str:
    """A header ending in a long base64 value (DKIM/ARC 'b='), folded into `width`-character pieces the way
    signers do; `prefix` ends with 'b=' and the first piece continues on its line."""
    first = max(0, width - len(prefix.rsplit("\n", 1)[-1]))
    lines = [prefix + value[:first]]
    for i in range(first, len(value), width):
        lines.append(indent + value[i:i + width])
    return "\r\n".join(lines)


def ew_q(text: str) -> str:
    out = []
    for b in text.encode("utf-8"):
        if b == 0x20:
            out.append("_")
        elif chr(b).isalnum() and b < 128:
            out.append(chr(b))
        else:
            out.append("=%02X" % b)
    return "=?utf-8?Q?%s?=" % "".join(out)


def ew_b(text: str) -> str:
    return "=?UTF-8?B?%s?=" % base64.b64encode(text.encode("utf-8")).decode("ascii")


def png_blob(det: Det, size: int, width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
    tail = chunk(b"IEND", b"")
    return head + chunk(b"IDAT", det.bytes(max(0, size - len(head) - len(tail) - 12))) + tail


def jpeg_blob(det: Det, size: int) -> bytes:
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"
    return head + det.bytes(max(0, size - len(head) - 2)) + b"\xff\xd9"


def pdf_blob(det: Det, size: int) -> bytes:
    tail = b"\nendstream\nendobj\nxref\n0 2\n0000000000 65535 f \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
    body = max(0, size - 90 - len(tail))
    head = b"%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % body
    data = head + det.bytes(body) + tail
    return data[:size] if len(data) > size else data + b"\n" * (size - len(data))


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


# --- header-heavy-4k ----------------------------------------------------------------------------------

PEOPLE = [
    ("Renée Lefèvre", "renee.lefevre@example.com"), ("Marcus Chen", "marcus.chen@example.org"),
    ("Aoife Ní Bhriain", "aoife@example.ie"), ("Jürgen Weiß", "j.weiss@example.de"),
    ("Priya Natarajan", "priya.n@example.in"), ("Tomás Ortega", "tomas.ortega@example.es"),
    ("Ingrid Solberg", "ingrid@example.no"), ("Kwame Asante", "kwame.asante@example.gh"),
    ("Łucja Nowak", "lucja.nowak@example.pl"), ("Hiroshi Sato", "h.sato@example.jp"),
    ("Olga Ivanova", "olga.ivanova@example.ru"), ("Sam Taylor", "sam.taylor@example.co.uk"),
]


def display(name: str, addr: str) -> str:
    if all(ord(c) < 128 for c in name):
        return '"%s" <%s>' % (name, addr) if " " in name else "%s <%s>" % (name, addr)
    return "%s <%s>" % (ew_q(name), addr)


def header_heavy(body_chars: int) -> bytes:
    d = Det("header-heavy")
    ids = ["<%s.%s@%s>" % (d.hex(12), d.hex(8), d.choice(["mail.gmail.com", "example.com", "example.org"])) for _ in range(6)]
    mid = "<CAB%s%s@mail.gmail.com>" % (d.b64(18).replace("/", "_").replace("+", "-"), d.hex(6))
    to_list = ",\r\n ".join(display(n, a) for n, a in PEOPLE[1:7])
    cc_list = ",\r\n ".join(display(n, a) for n, a in PEOPLE[7:])
    subject = ew_b("Re: [dev] Build cache misses after the runner upgrade — proposal for Zürich meetup")
    body = "Hi all,\n\n" + d.sentence(10, 16) + " " + d.sentence(10, 16) + "\n\n"
    while len(body) < body_chars:
        body += d.sentence(6, 14) + " "
    body = body[:body_chars].rsplit(" ", 1)[0].rstrip(" .") + ".\n\nRenée\n"
    h = [
        "Return-Path: <dev-bounces+marcus.chen=example.org@lists.example.org>",
        "Delivered-To: marcus.chen@example.org",
        "Received: from mx1.example.org ([192.0.2.10])\r\n\tby imap1.example.org with LMTP id 2kQp%s\r\n\t(envelope-from <dev-bounces@lists.example.org>); Tue, 11 Jun 2024 09:14:08 +0000" % d.hex(8),
        "Received: from mail.lists.example.org (mail.lists.example.org [192.0.2.44])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n\tby mx1.example.org (Postfix) with ESMTPS id 4VzQ9%s\r\n\tfor <marcus.chen@example.org>; Tue, 11 Jun 2024 09:14:07 +0000 (UTC)" % d.hex(6).upper(),
        fold_b64_value("ARC-Seal: i=1; a=rsa-sha256; d=lists.example.org; s=arc1; t=1718097247; cv=none;\r\n\tb=", d.b64(128), "\t "),
        fold_b64_value("ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=lists.example.org;\r\n\ts=arc1; t=1718097247; h=From:To:Cc:Subject:Date:Message-ID:References;\r\n\tbh=%s;\r\n\tb=" % d.b64(32), d.b64(128), "\t "),
        "ARC-Authentication-Results: i=1; lists.example.org;\r\n\tdkim=pass header.d=example.com header.s=sel2024 header.b=%s;\r\n\tspf=pass smtp.mailfrom=example.com; dmarc=pass header.from=example.com" % d.b64(6),
        "Authentication-Results: mx1.example.org;\r\n\tdkim=pass header.d=example.com header.s=sel2024 header.b=%s;\r\n\tarc=pass (i=1) smtp.remote-ip=192.0.2.44; spf=pass smtp.mailfrom=lists.example.org;\r\n\tdmarc=pass (p=quarantine dis=none) header.from=example.com" % d.b64(6),
        "Received: from smtp.example.com (smtp.example.com [198.51.100.12])\r\n\tby mail.lists.example.org (Postfix) with ESMTPS id 4VzQ7%s\r\n\tfor <dev@lists.example.org>; Tue, 11 Jun 2024 09:14:04 +0000 (UTC)" % d.hex(6).upper(),
        fold_b64_value("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel2024;\r\n\tt=1718097243; bh=%s;\r\n\th=From:To:Cc:Subject:Date:Message-ID:In-Reply-To:References;\r\n\tb=" % d.b64(32), d.b64(128), "\t "),
        "From: %s" % display(*PEOPLE[0]),
        "To: %s" % to_list,
        "Cc: %s" % cc_list,
        "Subject: %s" % subject,
        "Date: Tue, 11 Jun 2024 11:14:02 +0200",
        "Message-ID: %s" % mid,
        "In-Reply-To: %s" % ids[-1],
        "References: %s" % "\r\n ".join(ids),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=\"UTF-8\"",
        "Content-Transfer-Encoding: quoted-printable",
        "List-Id: Developer discussion <dev.lists.example.org>",
        "List-Unsubscribe: <https://lists.example.org/mailman/options/dev>,\r\n <mailto:dev-request@lists.example.org?subject=unsubscribe>",
        "List-Archive: <https://lists.example.org/pipermail/dev/>",
        "List-Post: <mailto:dev@lists.example.org>",
        "List-Help: <mailto:dev-request@lists.example.org?subject=help>",
        "List-Subscribe: <https://lists.example.org/mailman/listinfo/dev>,\r\n <mailto:dev-request@lists.example.org?subject=subscribe>",
        "Precedence: list",
        "Sender: \"dev\" <dev-bounces@lists.example.org>",
    ]
    return ("\r\n".join(h) + "\r\n\r\n" + qp(body) + "\r\n").encode("ascii")


# --- multipart-180k -----------------------------------------------------------------------------------

def article_html(d: Det, paragraphs: int) -> str:
    return "".join("<p style=\"margin:0 0 12px 0\">%s %s %s</p>\n" % (d.sentence(), d.sentence(), d.sentence())
                   for _ in range(paragraphs))


def multipart(pdf_size: int) -> bytes:
    d = Det("multipart")
    outer, inner = "000000000000%s" % d.hex(16), "000000000000%s" % d.hex(16)
    text = "Hi Marcus,\n\n" + "\n\n".join(d.sentence(12, 24) + " " + d.sentence(12, 24) for _ in range(6)) + "\n\nRenée\n"
    html = ('<div dir="ltr"><div>Hi Marcus,</div><div><br></div>\n' + article_html(d, 6)
            + '<div>Renée</div><div><br></div><table style="border-collapse:collapse">'
            + "".join("<tr><td style=\"border:1px solid #ccc;padding:4px\">%s</td><td style=\"border:1px solid #ccc;padding:4px\">%d</td></tr>" % (d.words(3), d.below(10000)) for _ in range(20))
            + "</table></div>\n")
    notes = "".join("%s\n" % d.sentence(6, 12) for _ in range(30))
    pdf = pdf_blob(d, pdf_size)
    png = png_blob(d, 38000, 1280, 720)
    heads = "\r\n".join([
        "Delivered-To: marcus.chen@example.org",
        "Received: by 2002:a05:7300:5c14:b0:f2:1a3c:%s with SMTP id u20csp2817345dyl;\r\n        Tue, 11 Jun 2024 03:40:11 -0700 (PDT)" % d.hex(4),
        "X-Received: by 2002:a17:906:%s with SMTP id a640c23a62f3a.13.1718102411%s;\r\n        Tue, 11 Jun 2024 03:40:11 -0700 (PDT)" % (d.hex(4), d.hex(3)),
        fold_b64_value("ARC-Seal: i=1; a=rsa-sha256; t=1718102411; cv=none;\r\n        d=google.com; s=arc-20160816;\r\n        b=", d.b64(256)),
        "Return-Path: <renee.lefevre@example.com>",
        "Received: from smtp.example.com (smtp.example.com. [198.51.100.12])\r\n        by mx.google.com with ESMTPS id %s\r\n        for <marcus.chen@example.org>\r\n        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\r\n        Tue, 11 Jun 2024 03:40:11 -0700 (PDT)" % d.hex(20),
        "Authentication-Results: mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=sel2024 header.b=%s;\r\n       spf=pass smtp.mailfrom=renee.lefevre@example.com;\r\n       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=example.com" % d.b64(6),
        fold_b64_value("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel2024;\r\n\tt=1718102409; bh=%s;\r\n\th=From:To:Subject:Date:Message-ID:MIME-Version;\r\n\tb=" % d.b64(32), d.b64(256), "\t "),
        "MIME-Version: 1.0",
        "From: %s" % display(*PEOPLE[0]),
        "Date: Tue, 11 Jun 2024 12:40:08 +0200",
        "Message-ID: <CAB%s@mail.gmail.com>" % d.b64(24).replace("/", "_").replace("+", "-"),
        "Subject: %s" % ew_b("Q2 report, slides and notes — final versions"),
        "To: %s" % display(*PEOPLE[1]),
        "Cc: %s" % display(*PEOPLE[3]),
        'Content-Type: multipart/mixed; boundary="%s"' % outer,
    ])
    parts = [
        heads, "", "--" + outer,
        'Content-Type: multipart/alternative; boundary="%s"' % inner, "",
        "--" + inner,
        'Content-Type: text/plain; charset="UTF-8"', "Content-Transfer-Encoding: quoted-printable", "",
        qp(text), "",
        "--" + inner,
        'Content-Type: text/html; charset="UTF-8"', "Content-Transfer-Encoding: quoted-printable", "",
        qp(html), "",
        "--" + inner + "--",
        "--" + outer,
        'Content-Type: application/pdf; name="Q2-report-final.pdf"',
        'Content-Disposition: attachment; filename="Q2-report-final.pdf"',
        "Content-Transfer-Encoding: base64", "Content-ID: <f_%s0>" % d.hex(9), "X-Attachment-Id: f_%s0" % d.hex(9), "",
        b64_lines(pdf),
        "--" + outer,
        'Content-Type: image/png; name="dashboard.png"',
        'Content-Disposition: attachment; filename="dashboard.png"',
        "Content-Transfer-Encoding: base64", "Content-ID: <f_%s1>" % d.hex(9), "X-Attachment-Id: f_%s1" % d.hex(9), "",
        b64_lines(png),
        "--" + outer,
        'Content-Type: text/plain; charset="UTF-8"; name="notes.txt"',
        'Content-Disposition: attachment; filename="notes.txt"',
        "Content-Transfer-Encoding: base64", "Content-ID: <f_%s2>" % d.hex(9), "X-Attachment-Id: f_%s2" % d.hex(9), "",
        b64_lines(crlf(notes).encode("utf-8")),
        "--" + outer + "--", "",
    ]
    return "\r\n".join(parts).encode("ascii")


# --- newsletter-1_7m ----------------------------------------------------------------------------------

def newsletter(last_image: int) -> bytes:
    d = Det("newsletter")
    b_rel = "----=_Part_%d_%d.1718290800%03d" % (d.below(10 ** 7), d.below(10 ** 9), d.below(1000))
    b_alt = "----=_Part_%d_%d.1718290800%03d" % (d.below(10 ** 7), d.below(10 ** 9), d.below(1000))
    images = []
    for i in range(24):
        kind = "png" if i % 3 == 0 else "jpeg"
        size = 16000 + d.below(50000)
        images.append([kind, size, "img%02d.%s@news.example.com" % (i, d.hex(8))])
    images[-1][1] = last_image
    track = "https://click.news.example.com/ls/click?upn=%s" % d.b64(48).replace("+", "-").replace("/", "_")
    blocks = []
    text_blocks = []
    for i in range(48):
        title = d.words(4 + d.below(5)).title()
        paras = [d.sentence(14, 30) + " " + d.sentence(14, 30) + " " + d.sentence(10, 20) for _ in range(3 + d.below(3))]
        img = images[i % len(images)]
        link = "%s%s&amp;utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=2024-06&amp;utm_content=block%02d" % (track, d.hex(16), i)
        blocks.append(
            '<table role="presentation" width="100%%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;mso-table-lspace:0pt;mso-table-rspace:0pt">\n'
            '<tr><td class="block-img" style="padding:24px 32px 8px 32px"><a href="%s" target="_blank"><img src="cid:%s" width="536" alt="%s" style="display:block;width:100%%;max-width:536px;height:auto;border:0"></a></td></tr>\n'
            '<tr><td class="block-title" style="padding:8px 32px;font-family:Georgia,\'Times New Roman\',serif;font-size:24px;line-height:30px;color:#1d2b36">%s</td></tr>\n'
            '<tr><td class="block-body" style="padding:0 32px 16px 32px;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:24px;color:#3c4a55">%s</td></tr>\n'
            '<tr><td style="padding:0 32px 24px 32px"><a href="%s" style="display:inline-block;padding:10px 18px;background-color:#0b6e4f;color:#ffffff;text-decoration:none;border-radius:4px;font-family:Helvetica,Arial,sans-serif;font-size:15px">Read more &rarr;</a></td></tr>\n'
            "</table>\n" % (link, img[2], title, title, "".join("<p style=\"margin:0 0 12px 0\">%s</p>" % p for p in paras), link))
        text_blocks.append("%s\n%s\n\n%s\n" % (title, "=" * len(title), "\n\n".join(paras)))
    html = ("<!DOCTYPE html>\n<html lang=\"en\" xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">\n<head>\n"
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>Field Notes — June 2024</title>\n<style type=\"text/css\">\nbody{margin:0;padding:0;background:#f2f4f5}\n"
            "@media only screen and (max-width:600px){.block-img{padding:16px !important}.block-title{font-size:20px !important}}\n</style>\n</head>\n"
            "<body style=\"margin:0;padding:0;background:#f2f4f5\">\n<center>\n<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background:#ffffff\">\n<tr><td>\n"
            + "".join(blocks)
            + "</td></tr>\n<tr><td style=\"padding:24px 32px;font-family:Helvetica,Arial,sans-serif;font-size:12px;color:#7a868f\">You receive this newsletter because you subscribed at news.example.com. "
            "<a href=\"https://news.example.com/unsubscribe?u=%s\">Unsubscribe</a> · <a href=\"https://news.example.com/preferences?u=%s\">Preferences</a></td></tr>\n"
            "</table>\n</center>\n<img src=\"https://open.news.example.com/o/%s.gif\" width=\"1\" height=\"1\" alt=\"\">\n</body>\n</html>\n" % (d.hex(24), d.hex(24), d.hex(40)))
    text = "Field Notes — June 2024\n\n" + "\n".join(text_blocks) + "\nUnsubscribe: https://news.example.com/unsubscribe\n"
    heads = "\r\n".join([
        "Return-Path: <bounce-%s@bounces.news.example.com>" % d.hex(24),
        "Received: from mta-17.news.example.com (mta-17.news.example.com [203.0.113.17])\r\n\tby mx.example.org (Postfix) with ESMTPS id 4W0p%s\r\n\tfor <marcus.chen@example.org>; Thu, 13 Jun 2024 15:00:02 +0000 (UTC)" % d.hex(8).upper(),
        "Authentication-Results: mx.example.org; dkim=pass header.d=news.example.com header.s=nl1;\r\n\tspf=pass smtp.mailfrom=bounces.news.example.com; dmarc=pass header.from=news.example.com",
        fold_b64_value("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=news.example.com; s=nl1;\r\n\tt=1718290800; bh=%s;\r\n\th=From:To:Subject:Date:Message-ID:List-Unsubscribe:List-Unsubscribe-Post:MIME-Version:Content-Type;\r\n\tb=" % d.b64(32), d.b64(256), "\t "),
        "From: =?UTF-8?Q?Field_Notes?= <newsletter@news.example.com>",
        "To: marcus.chen@example.org",
        "Subject: %s" % ew_q("Field Notes — June 2024: 48 stories, one inbox"),
        "Date: Thu, 13 Jun 2024 15:00:00 +0000",
        "Message-ID: <%s.%s@news.example.com>" % (d.hex(24), d.hex(12)),
        "List-Unsubscribe: <https://news.example.com/unsubscribe?u=%s>, <mailto:unsubscribe-%s@news.example.com>" % (d.hex(24), d.hex(16)),
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
        "Feedback-ID: 2024-06:newsletter:fieldnotes:news.example.com",
        "Precedence: bulk",
        "MIME-Version: 1.0",
        'Content-Type: multipart/related; type="multipart/alternative";\r\n\tboundary="%s"' % b_rel,
    ])
    parts = [heads, "", "--" + b_rel,
             'Content-Type: multipart/alternative; boundary="%s"' % b_alt, "",
             "--" + b_alt,
             "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable", "",
             qp(text),
             "--" + b_alt,
             "Content-Type: text/html; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable", "",
             qp(html),
             "--" + b_alt + "--", ""]
    for i, (kind, size, cid) in enumerate(images):
        data = png_blob(d, size, 536, 300) if kind == "png" else jpeg_blob(d, size)
        name = "img%02d.%s" % (i, "png" if kind == "png" else "jpg")
        parts += ["--" + b_rel,
                  'Content-Type: image/%s; name="%s"' % (kind, name),
                  "Content-Transfer-Encoding: base64",
                  'Content-Disposition: inline; filename="%s"' % name,
                  "Content-ID: <%s>" % cid, "",
                  b64_lines(data)]
    parts += ["--" + b_rel + "--", ""]
    return "\r\n".join(parts).encode("ascii")


def fit(build, target: int, lo: int, hi: int) -> bytes:
    """The largest knob value in [lo, hi] whose output is at most `target` bytes (output grows with it)."""
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len(build(mid)) <= target:
            lo = mid
        else:
            hi = mid - 1
    data = build(lo)
    if len(data) > target:
        raise SystemExit("cannot fit %d bytes: the smallest output is %d" % (target, len(data)))
    return data


def build_all() -> dict[str, bytes]:
    files = {
        "header-heavy-4k.eml": fit(header_heavy, 4300, 50, 3000),
        "multipart-180k.eml": fit(multipart, 180_000, 1000, 200_000),
        "newsletter-1_7m.eml": fit(newsletter, 1_700_000, 1000, 600_000),
    }
    limits = {"header-heavy-4k.eml": (4000, 4500), "multipart-180k.eml": (175_000, 185_000),
              "newsletter-1_7m.eml": (1_650_000, 1_750_000)}
    for name, data in files.items():
        low, high = limits[name]
        if not low <= len(data) <= high:
            raise SystemExit("%s is %d bytes, outside %d-%d" % (name, len(data), low, high))
    return files


def main() -> int:
    check = "--check" in sys.argv[1:]
    files = build_all()
    stale = 0
    os.makedirs(DATA, exist_ok=True)
    for name, data in files.items():
        path = os.path.join(DATA, name)
        if check:
            try:
                with open(path, "rb") as handle:
                    same = handle.read() == data
            except FileNotFoundError:
                same = False
            if not same:
                print("differs: " + name)
                stale += 1
        else:
            with open(path, "wb") as handle:
                handle.write(data)
            print("%-22s %9d bytes  sha256 %s" % (name, len(data), hashlib.sha256(data).hexdigest()))
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
