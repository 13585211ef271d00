"""Malformed and truncated messages a lenient parser must survive, plus address and date oddities."""

from __future__ import annotations

from helpers import CRLF, LF, b64, blob, jpeg, png, render
from registry import eml


def head(subject: str, mid: str, extra: str = "") -> str:
    return ("From: Broken Mail <broken@example.com>\nTo: parser@example.com\nSubject: %s\n"
            "Date: Mon, 28 Oct 2024 09:00:00 +0000\nMessage-ID: <%s@example.com>\nMIME-Version: 1.0\n%s") % (subject, mid, extra)


@eml("051-missing-final-boundary", "multipart/mixed whose close delimiter is missing: the last part runs to end of input (RFC 2046 §5.1.1 violation).")
def missing_final() -> bytes:
    return render(head("Missing close delimiter", "missing-final") + """\
Content-Type: multipart/mixed; boundary="no-end"

--no-end
Content-Type: text/plain

first part
--no-end
Content-Type: application/octet-stream; name="data.bin"
Content-Disposition: attachment; filename="data.bin"
Content-Transfer-Encoding: base64

{{data}}
""", data=b64(blob("051", 300)))


@eml("052-boundary-trailing-whitespace", "Delimiter lines with transport padding (spaces and tabs, RFC 2046 §5.1.1) after the boundary and after the close delimiter '--'.")
def boundary_ws() -> bytes:
    return render(head("Boundary with trailing whitespace", "boundary-ws") + """\
Content-Type: multipart/mixed; boundary="pad"

--pad   
Content-Type: text/plain

spaces after the first delimiter
--pad\t
Content-Type: text/plain

tab after the second delimiter
--pad \t 
Content-Type: text/plain

mixed padding
--pad--  \t
epilogue after a padded close delimiter
""")


@eml("053-nested-boundary-prefix-b", "Outer boundary 'b' and inner boundary 'b-1': '--b-1' lines must not be taken as the outer delimiter, and '--b' must end the inner part.")
def prefix_b() -> bytes:
    return render(head("Nested boundaries b and b-1", "prefix-b") + """\
Content-Type: multipart/mixed; boundary=b

--b
Content-Type: multipart/alternative; boundary="b-1"

--b-1
Content-Type: text/plain

inner plain
--b-1
Content-Type: text/html

<p>inner html</p>
--b-1--
--b
Content-Type: text/plain; name="b.txt"

outer second part
--b--
""")


@eml("054-nested-boundary-prefix-abc", "Outer boundary 'abc' and inner 'abc--x': the inner delimiter '--abc--x' starts like the outer close delimiter '--abc--' but is not one.")
def prefix_abc() -> bytes:
    return render(head("Nested boundaries abc and abc--x", "prefix-abc") + """\
Content-Type: multipart/mixed; boundary="abc"

--abc
Content-Type: multipart/mixed; boundary="abc--x"

--abc--x
Content-Type: text/plain

inner one
--abc--x
Content-Type: text/plain

inner two
--abc--x--
--abc
Content-Type: text/plain

outer two
--abc--
""")


@eml("055-boundary-quoted-specials", "Boundaries with odd quoting: quoted boundary containing ';', space and '=', a backslash-escaped quote inside the quoted boundary, and an unquoted boundary followed by a comment.")
def boundary_specials() -> bytes:
    return render(head("Boundaries with quoted specials", "boundary-specials") + """\
Content-Type: multipart/mixed; boundary="=_semi;colon and space=";
 charset="ignored"

--=_semi;colon and space=
Content-Type: multipart/alternative; boundary="quo\\"te"

--quo"te
Content-Type: text/plain

inside the escaped-quote boundary
--quo"te--
--=_semi;colon and space=
Content-Type: multipart/mixed; boundary=plain-token (a comment)

--plain-token
Content-Type: text/plain

inside the boundary followed by a comment
--plain-token--
--=_semi;colon and space=--
""")


@eml("056-boundary-unbalanced-quote", "Content-Type boundary with an opening quote but no closing quote, then a second multipart whose boundary is single-quoted.")
def boundary_unbalanced() -> bytes:
    return render(head("Unbalanced quote in boundary", "boundary-unbalanced") + """\
Content-Type: multipart/mixed; boundary="unterminated-b

--unterminated-b
Content-Type: multipart/mixed; boundary='single-q'

--'single-q'
Content-Type: text/plain

delimited with the quotes kept
--single-q
Content-Type: text/plain

delimited with the quotes stripped
--single-q--
--'single-q'--
--unterminated-b--
""")


@eml("057-multipart-missing-boundary-param", "Top-level multipart/mixed without a boundary parameter: the body (which contains delimiter-looking lines) is one leaf.")
def missing_boundary() -> bytes:
    return render(head("Multipart without boundary", "missing-boundary") + """\
Content-Type: multipart/mixed

--whatever
Content-Type: text/plain

This looks like a part, but the boundary parameter is missing,
so the whole body is one leaf.
--whatever--
""")


@eml("058-empty-parts", "Empty parts: headers with empty body, consecutive delimiters (zero-byte part), a part that is only a blank line, and an empty preamble.")
def empty_parts() -> bytes:
    return render(head("Empty parts", "empty-parts") + """\
Content-Type: multipart/mixed; boundary="e"

--e
Content-Type: text/plain

--e
--e

--e
Content-Type: application/octet-stream; name="empty.bin"
Content-Disposition: attachment; filename="empty.bin"
Content-Transfer-Encoding: base64

--e
Content-Type: text/plain

last part has content
--e--
""")


@eml("059-part-without-headers", "Parts with no header block: body text directly after the delimiter line (no blank line), and a part that starts with a blank line (implicit text/plain).")
def part_no_headers() -> bytes:
    return render(head("Parts without headers", "part-no-headers") + """\
Content-Type: multipart/mixed; boundary="nh"

--nh
This part has no headers and no blank line; the first line is body text.
Second line of the same part.
--nh

This part has an empty header block; it is text/plain by default.
--nh
Content-Type: text/html

<p>a normal part</p>
--nh--
""")


@eml("060-no-blank-line-after-headers", "Missing header/body separator: top-level headers run straight into a delimiter, a part's headers run into body text without a colon, another part's headers run into the next delimiter.")
def no_blank_line() -> bytes:
    return render(head("No blank line after headers", "no-blank-line") + """\
Content-Type: multipart/mixed; boundary="nb"
--nb
Content-Type: text/plain
This line has no colon, so the header block ended without a blank line.
--nb
Content-Type: text/html; charset=us-ascii
--nb
Content-Type: text/plain

final part is well formed
--nb--
""")


@eml("061-header-line-without-colon", "Header block with a line that has no colon between valid fields; Python ends the header block there, a lenient parser keeps the following fields.")
def header_no_colon() -> bytes:
    return render("""\
From: Broken Mail <broken@example.com>
To: parser@example.com
This line is not a header field
Subject: Header after a line without a colon
Date: Mon, 28 Oct 2024 09:00:00 +0000
Message-ID: <header-no-colon@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

body
""")


@eml("062-very-long-header-lines", "Header lines over 998 octets (RFC 5322 §2.1.1): unfolded Subject of 1500 characters, References with 120 ids on one line, a 6000-character X- header, a folded To with 300 addresses.")
def long_headers() -> bytes:
    subject = " ".join("word%03d" % i for i in range(190))[:1500]
    refs = " ".join("<ref-%03d.%08x@lists.example.org>" % (i, i * 2654435761 % 2 ** 32) for i in range(120))
    xlong = ("A" * 60 + "b") * 98 + "Z" * 22
    to = ",\n ".join("user%03d@example.net" % i for i in range(300))
    return render("""\
From: Long Headers <long-headers@example.com>
To: {{to}}
Subject: {{subject}}
References: {{refs}}
X-Long-Token: {{xlong}}
Date: Mon, 28 Oct 2024 09:00:00 +0000
Message-ID: <long-headers@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

short body
""", to=to, subject=subject, refs=refs, xlong=xlong)


@eml("063-bare-cr", "Bare CR (0x0D not followed by LF) inside a header value (making a look-alike injected field), inside body lines, and right before a delimiter; the rest uses CRLF.")
def bare_cr() -> bytes:
    text = render(head("Bare carriage returns", "bare-cr") + """\
Content-Type: multipart/mixed; boundary="cr"
X-Has-Bare-Cr: one{{cr}}X-Injected-By-Cr: two

--cr
Content-Type: text/plain

line one{{cr}}still line one per CRLF rules
line two
--cr
Content-Type: text/plain

ends with a bare CR before the delimiter{{cr}}
--cr--
""", cr="\x00CR\x00")
    return text.replace(b"\x00CR\x00", b"\r")


@eml("064-bare-lf", "Multipart message with LF-only line endings throughout (common for files saved on Unix and for MTA-local delivery).")
def bare_lf() -> bytes:
    return render(head("LF line endings only", "bare-lf") + """\
Content-Type: multipart/alternative; boundary="lf-only"

--lf-only
Content-Type: text/plain; charset=us-ascii

plain text with LF endings
second line
--lf-only
Content-Type: text/html; charset=us-ascii

<p>html with LF endings</p>
--lf-only--
""", eol=LF)


@eml("065-mixed-line-endings", "Mixed line endings: CRLF headers, an LF-only part, a CRLF part, LF-terminated delimiter lines and a CR LF CR sequence.")
def mixed_eol() -> bytes:
    crlf_head = render(head("Mixed line endings", "mixed-eol") + 'Content-Type: multipart/mixed; boundary="mx"\n\n')
    return (crlf_head
            + b"--mx\nContent-Type: text/plain\n\nLF-only part\nsecond LF line\n"
            + b"--mx\r\nContent-Type: text/plain\r\n\r\nCRLF part\r\nsecond CRLF line\r\n"
            + b"--mx\r\nContent-Type: text/plain\n\r\nheader line ends in LF, separator in CRLF\r\r\nCR CR LF above\n"
            + b"--mx--\r\n")


@eml("066-base64-junk-padding-whitespace", "Broken base64 bodies: missing padding, junk characters, whitespace and tabs inside lines, padding mid-stream, text after the padding, uneven line lengths, a lone '=' line.")
def base64_broken() -> bytes:
    good = b64(blob("066-good", 900))
    uneven = "".join(b64(blob("066-uneven", 600), 1000).split("\n"))
    uneven_lines = "\n".join([uneven[0:60], uneven[60:137], uneven[137:140], uneven[140:400], uneven[400:]])
    parts = [
        ("missing-padding", "SGVsbG8gd29ybGQ"),
        ("junk-characters", "SGVs*bG8g!d29y#bGQ=\n~~~"),
        ("inner-whitespace", "SGVs bG8g\td29y bGQ=\n  SGVs\tbG8="),
        ("padding-mid-stream", "SGVsbG8=IHdvcmxk\nIQ=="),
        ("text-after-padding", "SGVsbG8=\n\n-- \nsignature appended by a list server"),
        ("uneven-lines", uneven_lines),
        ("lone-equals-line", "SGVsbG8g\n=\nd29ybGQ="),
        ("well-formed", good),
    ]
    out = []
    for label, body in parts:
        out.append('--b64\nContent-Type: application/octet-stream; name="%s.bin"\nContent-Transfer-Encoding: base64\n'
                   'Content-Disposition: attachment; filename="%s.bin"\n\n%s\n' % (label, label, body))
    return render(head("Broken base64", "base64-broken") + """\
Content-Type: multipart/mixed; boundary="b64"

{{parts}}--b64--
""", parts="".join(out))


@eml("067-qp-lowercase-invalid-escapes", "Broken quoted-printable: lowercase hex, invalid escapes (=ZZ, =4), '=' at end of input, soft break followed by trailing spaces, lines over 76, raw 8-bit bytes inside QP, '==' sequences.")
def qp_broken() -> bytes:
    body = ("caf=c3=a9 and na=C3=afve (lowercase hex)\n"
            "invalid escapes: =ZZ =4 =G0 and 100=\n"
            "soft break with trailing spaces =  \n"
            "continues here\n"
            + "x" * 120 + " (line over 76 characters)\n"
            "double equals == and =3D=3D\n"
            "raw 8-bit in QP: \xe9t\xe9\n"
            "ends with a soft break=")
    return render(head("Broken quoted-printable", "qp-broken") + """\
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{{body}}""", body=body.encode("latin-1"))


@eml("068-truncated-mid-header", "Input ends in the middle of a header field value, without a line break or body.")
def truncated_header() -> bytes:
    full = render(head("Truncated in the header block", "truncated-header") + "Content-Type: text/plain; charset=us-ascii\n\nbody\n")
    return full[:full.index(b"Content-Type: text/pl") + len(b"Content-Type: text/pl")]


@eml("069-truncated-mid-body", "Multipart cut off in the middle of a text part: no close delimiter, last line without a line break.")
def truncated_body() -> bytes:
    full = render(head("Truncated in a body part", "truncated-body") + """\
Content-Type: multipart/mixed; boundary="cut"

--cut
Content-Type: text/plain

complete first part
--cut
Content-Type: text/plain

the second part is cut off in the middle of this sentence and never ends
--cut--
""")
    return full[:full.index(b"in the middle") + len(b"in the mid")]


@eml("070-truncated-mid-base64", "Multipart cut off inside a base64 attachment, in the middle of a line (length not a multiple of 4).")
def truncated_b64() -> bytes:
    full = render(head("Truncated in base64", "truncated-base64") + """\
Content-Type: multipart/mixed; boundary="cut64"

--cut64
Content-Type: text/plain

see attachment
--cut64
Content-Type: image/png; name="cut.png"
Content-Disposition: attachment; filename="cut.png"
Content-Transfer-Encoding: base64

{{img}}
--cut64--
""", img=b64(png("070", 2000)))
    start = full.index(b"base64\r\n\r\n") + 10
    return full[:start + 78 * 12 + 41]


@eml("071-headers-only-no-body", "Only a header block: no empty line, no body, input ends right after the last header's CRLF.")
def headers_only() -> bytes:
    return render(head("Headers only", "headers-only") + "Content-Type: text/plain; charset=us-ascii\n")


@eml("072-empty-body", "Header block plus the empty separator line, then nothing: a zero-length body.")
def empty_body() -> bytes:
    return render(head("Empty body", "empty-body") + "Content-Type: text/plain; charset=us-ascii\n\n")


@eml("073-empty-file", "Zero-byte input.")
def empty_file() -> bytes:
    return b""


@eml("074-8bit-without-charset", "8bit bodies without a charset parameter: UTF-8 bytes in text/plain with no charset, Latin-1 bytes in another part, and no Content-Type at all in a third.")
def eightbit_no_charset() -> bytes:
    return render(head("8bit body without charset", "8bit-no-charset") + """\
Content-Type: multipart/mixed; boundary="nocs"

--nocs
Content-Type: text/plain
Content-Transfer-Encoding: 8bit

{{utf8}}
--nocs
Content-Type: text/plain
Content-Transfer-Encoding: 8bit

{{latin1}}
--nocs
Content-Transfer-Encoding: 8bit

{{mixed}}
--nocs--
""", utf8="Grüße, naïve café — UTF-8 bytes".encode("utf-8"), latin1="Grüße, naïve café — Latin-1 bytes".replace("—", "-").encode("latin-1"),
        mixed="UTF-8 ".encode() + "ü".encode("utf-8") + b" and Latin-1 " + "ü".encode("latin-1") + b" on one line")


@eml("075-base64-message-rfc822", "message/rfc822 with Content-Transfer-Encoding: base64 (forbidden by RFC 2046 §5.2.1, sent by some gateways): keep as an encoded leaf or decode, never parse the base64 text as headers.")
def b64_rfc822() -> bytes:
    inner = render("""\
From: Inner <inner@example.com>
To: parser@example.com
Subject: I was base64-encoded
Date: Mon, 28 Oct 2024 08:00:00 +0000
Message-ID: <inner-b64@example.com>
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Encapsulated body with UTF-8: überall.
""")
    return render(head("Base64-encoded message/rfc822", "b64-rfc822") + """\
Content-Type: multipart/mixed; boundary="enc"

--enc
Content-Type: text/plain

The attached message was base64-encoded by a gateway.
--enc
Content-Type: message/rfc822; name="inner.eml"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="inner.eml"

{{inner}}
--enc--
""", inner=b64(inner))


@eml("076-uuencode-inline", "uuencode: a 'begin 644' block inline in a text/plain body (no MIME marking) and a part with Content-Transfer-Encoding: x-uuencode.")
def uuencode_inline() -> bytes:
    import binascii
    data = b"uuencoded payload line one\nline two of the payload\n" + bytes(range(32))
    lines = []
    for i in range(0, len(data), 45):
        lines.append(binascii.b2a_uu(data[i:i + 45]).decode("ascii").rstrip("\n"))
    uu = "begin 644 payload.bin\n" + "\n".join(lines) + "\n`\nend"
    return render(head("uuencoded content", "uuencode") + """\
Content-Type: multipart/mixed; boundary="uu"

--uu
Content-Type: text/plain; charset=us-ascii

Here is the file, uuencoded the old way:

{{uu}}

Thanks.
--uu
Content-Type: application/octet-stream; name="payload.bin"
Content-Transfer-Encoding: x-uuencode
Content-Disposition: attachment; filename="payload.bin"

{{uu}}
--uu--
""", uu=uu)


@eml("077-preamble-epilogue", "Long preamble and epilogue: the preamble holds lines that look like delimiters of other boundaries and the boundary with a suffix; the epilogue holds text and a repeated delimiter.")
def preamble_epilogue() -> bytes:
    return render(head("Preamble and epilogue", "preamble-epilogue") + """\
Content-Type: multipart/mixed; boundary="pe"

This is a multi-part message in MIME format.
If you can read this, your mail client does not understand MIME.
--not-the-boundary
--pe-but-longer
--pex
 --pe (indented, not a delimiter)

--pe
Content-Type: text/plain

the only real part
--pe--
Epilogue text after the close delimiter.
--pe
Content-Type: text/plain

this looks like a part but sits in the epilogue
--pe--
""")


@eml("078-nul-bytes", "NUL bytes in a header value, in an 8bit text body, and in a Content-Transfer-Encoding: binary part.")
def nul_bytes() -> bytes:
    return render(head("NUL bytes", "nul-bytes") + """\
X-Nul: before{{nul}}after
Content-Type: multipart/mixed; boundary="nul"

--nul
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 8bit

text with a NUL{{nul}}in the middle
--nul
Content-Type: application/octet-stream; name="raw.bin"
Content-Transfer-Encoding: binary

{{binary}}
--nul--
""", nul=b"\x00", binary=bytes(b for b in blob("078", 600) if b not in (10, 13)) + b"\x00\x00\x00")


@eml("079-content-type-garbage", "Unparseable Content-Type values: 'text/', '/plain', no slash, parameter without value, only semicolons, stray semicolons, comments, missing ';' before a parameter, spaces around '/', empty value, uppercase.")
def content_type_garbage() -> bytes:
    cases = [
        ("text/", "missing-subtype"),
        ("/plain", "missing-type"),
        ("garbage", "no-slash"),
        ("text/plain; charset", "param-without-value"),
        (";;;; charset=utf-8", "only-semicolons"),
        ('text/plain;; ;charset="utf-8;;";', "stray-semicolons"),
        ("text/plain (comment); charset=us-ascii (another)", "comments"),
        ("image/png name=x.png", "missing-semicolon"),
        ("text / html", "spaces-around-slash"),
        ("", "empty"),
        ("TEXT/HTML; CHARSET=UTF-8", "uppercase"),
        ("text/plain; charset=\"utf-8", "unterminated-quote"),
        ("multipart/mixed; boundary=\"inner-never\"", "multipart-leaf-no-delimiters"),
    ]
    out = []
    for ctype, label in cases:
        out.append("--gb\nContent-Type: %s\nX-Case: %s\n\n%s\n" % (ctype, label, label))
    return render(head("Content-Type garbage", "ct-garbage") + """\
Content-Type: multipart/mixed; boundary="gb"

{{parts}}--gb--
""", parts="".join(out))


@eml("080-duplicate-headers", "Duplicate fields: two Subject, two From, two Message-ID, two MIME-Version; top-level Content-Type multipart/mixed then text/plain; a part with two Content-Transfer-Encoding values.")
def duplicates() -> bytes:
    return render("""\
From: First Sender <first@example.com>
From: Second Sender <second@example.com>
To: parser@example.com
Subject: First subject
Subject: Second subject
Date: Mon, 28 Oct 2024 09:00:00 +0000
Message-ID: <dup-first@example.com>
Message-ID: <dup-second@example.com>
MIME-Version: 1.0
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="dup"
Content-Type: text/plain; charset=us-ascii

--dup
Content-Type: text/plain
Content-Transfer-Encoding: base64
Content-Transfer-Encoding: 7bit

SGVsbG8sIGR1cGxpY2F0ZSBDVEUh
--dup
Content-Type: text/plain
Content-Type: text/html

<p>two content types in one part</p>
--dup--
""")


@eml("081-obsolete-dates", "Date forms (RFC 5322 §4.3 obs-date and worse) in a multipart/digest of small messages: 2-digit year, obs-zone names, military zone, no weekday, no seconds, comments, extra spaces, '-0000', lowercase, garbage.")
def obsolete_dates() -> bytes:
    dates = [
        "Tue, 1 Jul 03 10:52:37 EDT",
        "Wed, 02 Jul 2003 10:52:37 GMT",
        "Thu, 3 Jul 2003 10:52:37 UT",
        "Fri, 4 Jul 2003 10:52:37 Z",
        "Sat, 5 Jul 2003 10:52:37 J",
        "6 Jul 2003 10:52:37 +0200",
        "Mon, 7 Jul 2003 10:52 -0700",
        "Tue, 8 Jul 2003 10:52:37 -0700 (PDT)",
        "  Wed ,  9   Jul   2003   10 : 52 : 37   +0100  ",
        "Thu, 10 Jul 2003 10:52:37 -0000",
        "fri, 11 jul 2003 10:52:37 pst",
        "Sat, 12 Jul 103 10:52:37 +0000",
        "2003-07-13T10:52:37Z",
        "Mon, 14 Jul 2003 25:61:61 +0000",
        "not a date at all",
        "Wed, 16 Jul 2003 10:52:37 +2400",
    ]
    out = []
    for i, d in enumerate(dates):
        out.append("--dates\n\nFrom: Date Test <dates@example.com>\nSubject: Date form %02d\nDate: %s\nMessage-ID: <date-%02d@example.com>\n\nDate: %s\n" % (i, d, i, d))
    return render("""\
From: Date Test <dates@example.com>
To: parser@example.com
Subject: Obsolete and broken Date forms
Date: 28 Oct 24 09:00 EST
Message-ID: <obsolete-dates@example.com>
MIME-Version: 1.0
Content-Type: multipart/digest; boundary="dates"

{{parts}}--dates--
""", parts="".join(out))


@eml("082-group-addresses", "Group syntax (RFC 5322 §3.4): empty 'undisclosed-recipients:;', a named group with members, a group with quoted and encoded display names, a group inside Cc with a comment, and an unterminated group.")
def groups() -> bytes:
    return render("""\
From: Board Secretary <secretary@example.org>
To: undisclosed-recipients:;
Cc: Board: chair@example.org, "Treasurer, Acting" <treasurer@example.org>,
 =?utf-8?Q?Ren=C3=A9e_Dubois?= <renee@example.org>;, observer@example.net
Bcc: (hidden list) Auditors: audit1@example.com, audit2@example.com (external);
Reply-To: Unterminated group: first@example.com, second@example.com
Subject: Group addresses
Date: Mon, 28 Oct 2024 09:00:00 +0000
Message-ID: <groups@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Address groups in the headers above.
""")


@eml("083-addresses-with-comments", "Address oddities: trailing and nested comments, comment-only display name, obs-route, quoted local part with dots and spaces, unquoted comma in display name, missing angle brackets, empty list elements, IP-literal domain.")
def address_comments() -> bytes:
    return render("""\
From: kai.nakamura@example.jp (Kai Nakamura (Tokyo office))
Sender: "Mail Robot" <robot@example.jp> (automated)
To: Mary Smith <@relay1.example,@relay2.example:mary@example.net>,
 , "john..doe"@example.com, "first last"@example.com,
 Doe, Jane <jane@example.com>
Cc: no-angle-brackets Bob bob@example.com, <bare@example.com>,
 "Quoted \\"inner\\" name" <quoted@example.com>, admin@[192.0.2.10]
Reply-To: (only a comment) <reply@example.com>
Subject: Addresses with comments and obsolete forms
Date: Mon, 28 Oct 2024 09:00:00 +0000
Message-ID: <address-comments@example.jp>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Unusual address syntax in the headers above.
""")


@eml("096-nested-missing-and-empty-boundary", "Inside a valid multipart: a multipart/alternative without boundary, a multipart/related with boundary=\"\", and a multipart with an over-long (300-char) boundary.")
def nested_bad_boundaries() -> bytes:
    long_b = ("x" * 299) + "y"
    return render(head("Nested multiparts with unusable boundaries", "nested-bad-boundaries") + """\
Content-Type: multipart/mixed; boundary="good"

--good
Content-Type: multipart/alternative

--anything
Content-Type: text/plain

leaf because the boundary parameter is missing
--good
Content-Type: multipart/related; boundary=""

--
Content-Type: text/plain

leaf because the boundary is empty
----
--good
Content-Type: multipart/mixed; boundary="{{longb}}"

--{{longb}}
Content-Type: text/plain

inside a 300-character boundary
--{{longb}}--
--good--
""", longb=long_b)


@eml("097-unknown-transfer-encodings", "Content-Transfer-Encoding values: uppercase BASE64, 'Quoted-Printable' mixed case, trailing space and comment, misspelled '8-bit' and 'base-64', unknown x-token, and a CTE on a multipart.")
def odd_cte() -> bytes:
    cases = [
        ("BASE64", "SGVsbG8sIHVwcGVyY2FzZSE=", "uppercase-base64"),
        ("Quoted-Printable", "caf=C3=A9 mixed case", "mixed-case-qp"),
        ("base64 ", "dHJhaWxpbmcgc3BhY2U=", "trailing-space"),
        ("base64 (comment)", "d2l0aCBjb21tZW50", "with-comment"),
        ("8-bit", "misspelled 8bit", "misspelled-8bit"),
        ("base-64", "YmFzZS02NA==", "misspelled-base64"),
        ("x-gzip64", "H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA==", "unknown-x-token"),
    ]
    out = []
    for cte, body, label in cases:
        out.append("--cte\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: %s\nX-Case: %s\n\n%s\n" % (cte, label, body))
    out.append("--cte\nContent-Type: multipart/alternative; boundary=\"inner-cte\"\nContent-Transfer-Encoding: base64\nX-Case: cte-on-multipart\n\n"
               "--inner-cte\nContent-Type: text/plain\n\nmultipart declared base64 but not encoded\n--inner-cte--\n")
    return render(head("Odd Content-Transfer-Encoding values", "odd-cte") + """\
Content-Type: multipart/mixed; boundary="cte"

{{parts}}--cte--
""", parts="".join(out))
