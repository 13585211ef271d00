"""Encapsulated messages, digests, reports, signed messages and other structural shapes."""

from __future__ import annotations

from helpers import LF, b64, blob, ew_q, gif, gmail_boundary, jpeg, outlook_ids, pdf, png, qp, render, uuid_like
from registry import eml

ORIGINAL_ALT = """\
From: Hana Kim <hana.kim@example.net>
To: Procurement <procurement@example.com>
Subject: Supplier shortlist
Date: Tue, 7 May 2024 16:20:41 +0900
Message-ID: <20240507072041.88213.hana@example.net>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="alt-7f3c2b"

--alt-7f3c2b
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{{text}}
--alt-7f3c2b
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{{html}}
--alt-7f3c2b--
"""


def original_alt() -> str:
    text = "Shortlist for the packaging tender:\n\n1. Northwind Packaging – strongest on price\n2. Tailspin Boxes – fastest lead time\n3. Adatum Paper – best sustainability score\n"
    html = "<p>Shortlist for the packaging tender:</p><ol><li>Northwind Packaging &ndash; strongest on price</li><li>Tailspin Boxes &ndash; fastest lead time</li><li>Adatum Paper &ndash; best sustainability score</li></ol>\n"
    return ORIGINAL_ALT.replace("{{text}}", qp(text)).replace("{{html}}", qp(html))


@eml("022-forward-rfc822-attachment", "Forward as attachment: mixed > text/plain + message/rfc822 (name=\"...eml\", attachment) whose message is itself multipart/alternative.")
def forward_attachment() -> bytes:
    b = "------------Fw8dK2pL0sQ4vX7zA1cE5gJ9"
    return render("""\
Message-ID: <e8b1c0d2-3f4a-4b5c-9d6e-7f8091a2b3c4@example.com>
Date: Wed, 8 May 2024 09:03:12 +0200
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
From: Procurement <procurement@example.com>
To: Legal <legal@example.com>
Subject: Fwd: Supplier shortlist
Content-Type: multipart/mixed; boundary="{{b}}"

This is a multi-part message in MIME format.
--{{b}}
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit

Forwarding Hana's shortlist for the contract review.

--{{b}}
Content-Type: message/rfc822; name="Supplier shortlist.eml"
Content-Disposition: attachment; filename="Supplier shortlist.eml"

{{orig}}
--{{b}}--
""", b=b, orig=original_alt())


@eml("023-forward-nested-twice", "message/rfc822 inside message/rfc822: each level multipart/mixed with its own text and attachment; innermost is multipart/alternative.")
def forward_nested() -> bytes:
    inner_doc = pdf("023-inner", 1500)
    level1 = """\
From: Procurement <procurement@example.com>
To: Legal <legal@example.com>
Subject: Fwd: Supplier shortlist
Date: Wed, 8 May 2024 09:03:12 +0200
Message-ID: <level1-0508@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="level1-mixed"

--level1-mixed
Content-Type: text/plain; charset=us-ascii

Level 1: forwarding the shortlist with the scoring sheet.

--level1-mixed
Content-Type: application/pdf; name="scoring.pdf"
Content-Disposition: attachment; filename="scoring.pdf"
Content-Transfer-Encoding: base64

{{doc}}

--level1-mixed
Content-Type: message/rfc822

{{orig}}
--level1-mixed--
""".replace("{{doc}}", b64(inner_doc)).replace("{{orig}}", original_alt())
    return render("""\
From: Legal <legal@example.com>
To: Compliance <compliance@example.com>
Subject: Fwd: Fwd: Supplier shortlist
Date: Thu, 9 May 2024 11:45:00 +0200
Message-ID: <level0-0509@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="level0-mixed"

--level0-mixed
Content-Type: text/plain; charset=us-ascii

Level 0: please archive the attached thread.

--level0-mixed
Content-Type: message/rfc822
Content-Disposition: attachment; filename="Fwd Supplier shortlist.eml"

{{level1}}
--level0-mixed--
""", level1=level1)


@eml("024-message-global-utf8", "message/global (RFC 6532 §3.5) attachment whose headers are raw UTF-8 and whose body is 8bit UTF-8.")
def message_global() -> bytes:
    return render("""\
From: Archive Bot <archive@example.com>
To: records@example.com
Subject: Archived message 2024-0612
Date: Wed, 12 Jun 2024 07:00:00 +0000
Message-ID: <archive-20240612-0001@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="glob-1"

--glob-1
Content-Type: text/plain; charset=us-ascii

The archived message is attached as message/global.

--glob-1
Content-Type: message/global
Content-Disposition: attachment; filename="archived.u8msg"

From: Σοφία Παπαδοπούλου <σοφία@παράδειγμα.ελ>
To: Håkon Ødegård <håkon@eksempel.no>
Subject: Συνάντηση την Πέμπτη — møte på torsdag
Date: Tue, 11 Jun 2024 13:22:09 +0300
Message-ID: <u8-0611-4412@παράδειγμα.ελ>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Γεια σου Håkon,

Η συνάντηση μεταφέρεται την Πέμπτη στις 14:00.

Σοφία

--glob-1--
""")


@eml("025-multipart-digest", "multipart/digest: parts without headers default to message/rfc822 (RFC 2046 §5.1.5), one explicit message/rfc822, one text/plain, one part whose embedded headers sit directly under the boundary.")
def digest() -> bytes:
    return render("""\
From: tools-list-request@lists.example.org
To: tools-list@lists.example.org
Subject: tools-list Digest, Vol 12, Issue 4
Date: Fri, 14 Jun 2024 12:00:03 +0000
Message-ID: <mailman.412.1718366403.3137.tools-list@lists.example.org>
MIME-Version: 1.0
Content-Type: multipart/digest; boundary="===============3188124518745211346=="
List-Id: Tools discussion <tools-list.lists.example.org>

Send tools-list mailing list submissions to
	tools-list@lists.example.org

Today's Topics:

   1. Build cache misses (Ravi Iyer)
   2. Re: Build cache misses (Elena Petrova)
   3. Release train dates (Marco Rossi)

--===============3188124518745211346==
Content-Type: text/plain; charset="us-ascii"
Content-Description: Today's Topics (3 messages)

Today's Topics:

   1. Build cache misses (Ravi Iyer)
   2. Re: Build cache misses (Elena Petrova)
   3. Release train dates (Marco Rossi)

--===============3188124518745211346==

From: Ravi Iyer <ravi@example.in>
To: tools-list@lists.example.org
Subject: Build cache misses
Date: Thu, 13 Jun 2024 21:14:50 +0530
Message-ID: <ravi-0613@example.in>
Content-Type: text/plain; charset="us-ascii"

Since Tuesday every CI run misses the remote cache. Anyone else?

--===============3188124518745211346==
Content-Type: message/rfc822

From: Elena Petrova <elena@example.bg>
To: tools-list@lists.example.org
Subject: Re: Build cache misses
Date: Thu, 13 Jun 2024 19:02:11 +0300
Message-ID: <elena-0613@example.bg>
In-Reply-To: <ravi-0613@example.in>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

The cache key now includes the compiler path =E2=80=94 runners have differe=
nt ones.

--===============3188124518745211346==
From: Marco Rossi <marco@example.it>
Subject: Release train dates
Date: Fri, 14 Jun 2024 08:30:00 +0200

Train 24.7 leaves on July 2nd.

--===============3188124518745211346==--
""")


@eml("026-dsn-postfix-bounce", "Postfix bounce: multipart/report; report-type=delivery-status with a quoted boundary containing '/', text/plain, message/delivery-status (two recipient blocks) and the 8bit message/rfc822 original.")
def dsn_postfix() -> bytes:
    b = "4W1cLk2QxPz1x9r.1718100033/mx1.example.net"
    return render("""\
Return-Path: <>
Received: by mx1.example.net (Postfix)
	id 4W1cLk2QxPz1x9r; Tue, 11 Jun 2024 10:00:33 +0000 (UTC)
Date: Tue, 11 Jun 2024 10:00:33 +0000 (UTC)
From: MAILER-DAEMON@mx1.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: newsletter@example.org
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="{{b}}"
Content-Transfer-Encoding: 8bit
Message-Id: <20240611100033.4W1cLk2QxPz1x9r@mx1.example.net>

This is a MIME-encapsulated message.

--{{b}}
Content-Description: Notification
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

This is the mail system at host mx1.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

                   The mail system

<no.such.user@example.com>: host mail.example.com[198.51.100.7] said: 550
    5.1.1 <no.such.user@example.com>: Recipient address rejected: User unknown
    in virtual mailbox table (in reply to RCPT TO command)

<full.mailbox@example.com>: host mail.example.com[198.51.100.7] said: 552
    5.2.2 Mailbox full (in reply to end of DATA command)

--{{b}}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.example.net
X-Postfix-Queue-ID: 4W1cLk2QxPz1x9r
X-Postfix-Sender: rfc822; newsletter@example.org
Arrival-Date: Tue, 11 Jun 2024 10:00:31 +0000 (UTC)

Final-Recipient: rfc822; no.such.user@example.com
Original-Recipient: rfc822;no.such.user@example.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; mail.example.com
Diagnostic-Code: smtp; 550 5.1.1 <no.such.user@example.com>: Recipient address
    rejected: User unknown in virtual mailbox table

Final-Recipient: rfc822; full.mailbox@example.com
Original-Recipient: rfc822;full.mailbox@example.com
Action: failed
Status: 5.2.2
Remote-MTA: dns; mail.example.com
Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

--{{b}}
Content-Description: Undelivered Message
Content-Type: message/rfc822
Content-Transfer-Encoding: 8bit

Return-Path: <newsletter@example.org>
Received: from app01.example.org (app01.example.org [203.0.113.20])
	by mx1.example.net (Postfix) with ESMTPS id 4W1cLk2QxPz1x9r;
	Tue, 11 Jun 2024 10:00:31 +0000 (UTC)
From: Example Newsletter <newsletter@example.org>
To: no.such.user@example.com, full.mailbox@example.com
Subject: June update – new features
Date: Tue, 11 Jun 2024 10:00:30 +0000
Message-ID: <june-update-2024@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

June update – three new features shipped this month.

--{{b}}--
""", b=b)


@eml("027-dsn-exchange-rfc822-headers", "Exchange-style NDR: multipart/report > alternative(text, html) + message/delivery-status + text/rfc822-headers (headers only, no body).")
def dsn_exchange() -> bytes:
    mid, stem = outlook_ids("027")
    return render("""\
From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.example>
To: <pat.nguyen@contoso.example>
Date: Mon, 17 Jun 2024 13:05:52 +0000
Content-Type: multipart/report; report-type=delivery-status;
	boundary="b0ae3c1e-4f2d-47a8-9b61-cc2d08e5a7f4"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: en-US
Message-ID: {{mid}}
In-Reply-To: <7d1f2e3a@contoso.example>
References: <7d1f2e3a@contoso.example>
Thread-Topic: Contract draft v3
Subject: Undeliverable: Contract draft v3
Auto-Submitted: auto-replied
MIME-Version: 1.0

--b0ae3c1e-4f2d-47a8-9b61-cc2d08e5a7f4
Content-Type: multipart/alternative; differences=Content-Type;
	boundary="ef87a3d5-91b0-4c6e-8a2f-3d4c5b6a7e8f"

--ef87a3d5-91b0-4c6e-8a2f-3d4c5b6a7e8f
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

Your message to r.alvarez@fabrikam.example couldn't be delivered.
r.alvarez wasn't found at fabrikam.example.
pat.nguyen        Office 365        r.alvarez
Action Required                   Recipient
Unknown To address

--ef87a3d5-91b0-4c6e-8a2f-3d4c5b6a7e8f
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

<html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=
=3Dus-ascii"></head><body><p>Your message to <a href=3D"mailto:r.alvarez@fa=
brikam.example">r.alvarez@fabrikam.example</a> couldn't be delivered.</p></=
body></html>

--ef87a3d5-91b0-4c6e-8a2f-3d4c5b6a7e8f--

--b0ae3c1e-4f2d-47a8-9b61-cc2d08e5a7f4
Content-Type: message/delivery-status

Reporting-MTA: dns;BN8PR05MB6001.namprd05.prod.outlook.com
Received-From-MTA: dns;BN8PR05MB6001.namprd05.prod.outlook.com
Arrival-Date: Mon, 17 Jun 2024 13:05:50 +0000

Original-Recipient: rfc822;r.alvarez@fabrikam.example
Final-Recipient: rfc822;r.alvarez@fabrikam.example
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient r.alvarez@fabrikam.example not found by SMTP address lookup
Remote-MTA: dns;mx.fabrikam.example
X-Display-Name: Rafael Alvarez


--b0ae3c1e-4f2d-47a8-9b61-cc2d08e5a7f4
Content-Type: text/rfc822-headers

Received: from BN8PR05MB6001.namprd05.prod.outlook.com
 ([fe80::1d2c:3b4a:5e6f:7081]) by BN8PR05MB6001.namprd05.prod.outlook.com
 ([fe80::1d2c:3b4a:5e6f:7081%6]) with mapi id 15.20.7677.030; Mon, 17 Jun 2024
 13:05:50 +0000
From: Pat Nguyen <pat.nguyen@contoso.example>
To: "r.alvarez@fabrikam.example" <r.alvarez@fabrikam.example>
Subject: Contract draft v3
Thread-Topic: Contract draft v3
Date: Mon, 17 Jun 2024 13:05:50 +0000
Message-ID: <7d1f2e3a@contoso.example>
Content-Language: en-US
X-MS-Has-Attach: yes
Content-Type: multipart/mixed;
	boundary="_004_7d1f2e3acontosoexample_"
MIME-Version: 1.0

--b0ae3c1e-4f2d-47a8-9b61-cc2d08e5a7f4--
""", mid=mid)


@eml("028-mdn-read-receipt", "Read receipt (RFC 8098 MDN): multipart/report; report-type=disposition-notification with text, message/disposition-notification and text/rfc822-headers.")
def mdn() -> bytes:
    b = "------------kX4mN8pQ2rT6vY0bD3fH7jL1"
    return render("""\
Content-Type: multipart/report; report-type=disposition-notification;
 boundary="{{b}}"
Message-ID: <mdn-5c3e1a7b-2d9f-4e81-b6a0-13c5e7f9a2d4@example.org>
Date: Tue, 18 Jun 2024 15:02:44 +0200
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
From: Elif Yilmaz <elif@example.org>
To: Project Office <pmo@example.com>
Subject: Return Receipt (displayed) - Milestone sign-off

This is a multi-part message in MIME format.
--{{b}}
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 7bit

This is a Return Receipt for the mail that you sent to elif@example.org.

Note: This Return Receipt only acknowledges that the message was displayed on the recipient's computer. There is no guarantee that the recipient has read or understood the message contents.
--{{b}}
Content-Type: message/disposition-notification; name="MDNPart2.txt"
Content-Disposition: inline
Content-Transfer-Encoding: 7bit

Reporting-UA: example.org; Mozilla Thunderbird
Final-Recipient: rfc822;elif@example.org
Original-Message-ID: <milestone-signoff-0618@example.com>
Disposition: manual-action/MDN-sent-manually; displayed

--{{b}}
Content-Type: text/rfc822-headers; name="MDNPart3.txt"
Content-Transfer-Encoding: 7bit
Content-Disposition: inline

From: Project Office <pmo@example.com>
To: elif@example.org
Subject: Milestone sign-off
Date: Tue, 18 Jun 2024 09:10:00 +0200
Message-ID: <milestone-signoff-0618@example.com>
Disposition-Notification-To: Project Office <pmo@example.com>


--{{b}}--

""", b=b)


@eml("084-multipart-signed-pgp", "OpenPGP/MIME (RFC 3156): multipart/signed; protocol=application/pgp-signature over a mixed part with protected headers; the signed part's bytes must stay exact.")
def pgp_signed() -> bytes:
    sig = b64(blob("084-sig", 566), 64)
    return render("""\
Message-ID: <c0ffee12-3456-4789-8abc-def012345678@example.org>
Date: Wed, 19 Jun 2024 22:10:31 +0200
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: en-US
To: security@example.com
From: Paul Weiss <paul.weiss@example.org>
Subject: Key rotation schedule
Content-Type: multipart/signed; micalg=pgp-sha256;
 protocol="application/pgp-signature";
 boundary="------------sIg9Q2w4E6r8T0y1U3i5O7p9"

This is an OpenPGP/MIME signed message (RFC 4880 and 3156)
--------------sIg9Q2w4E6r8T0y1U3i5O7p9
Content-Type: multipart/mixed; boundary="------------mIx1A3s5D7f9G2h4J6k8L0z2";
 protected-headers="v1"
From: Paul Weiss <paul.weiss@example.org>
To: security@example.com
Message-ID: <c0ffee12-3456-4789-8abc-def012345678@example.org>
Subject: Key rotation schedule

--------------mIx1A3s5D7f9G2h4J6k8L0z2
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: quoted-printable

Rotation happens on the first Monday of each quarter at 06:00 UTC.=20
Old keys stay valid for 14 days.

--=20
Paul

--------------mIx1A3s5D7f9G2h4J6k8L0z2--

--------------sIg9Q2w4E6r8T0y1U3i5O7p9
Content-Type: application/pgp-signature; name="OpenPGP_signature.asc"
Content-Description: OpenPGP digital signature
Content-Disposition: attachment; filename="OpenPGP_signature.asc"

-----BEGIN PGP SIGNATURE-----

{{sig}}
=Qm8r
-----END PGP SIGNATURE-----

--------------sIg9Q2w4E6r8T0y1U3i5O7p9--
""", sig=sig)


@eml("085-smime-signed-outlook", "Outlook S/MIME clear-signed: multipart/signed; protocol=\"application/x-pkcs7-signature\"; micalg=SHA1 with alternative inside and smime.p7s.")
def smime_signed() -> bytes:
    mid, stem = outlook_ids("085")
    return render("""\
From: Amara Nwosu <amara.nwosu@contoso.example>
To: Audit <audit@contoso.example>
Subject: Signed: quarterly attestation
Thread-Topic: quarterly attestation
Thread-Index: AdrCq1mWk3jT2Y0bQ+ePRcXv6f0h3g==
Date: Fri, 21 Jun 2024 16:30:00 +0000
Message-ID: {{mid}}
Accept-Language: en-US
Content-Language: en-US
X-MS-Has-Attach: yes
Content-Type: multipart/signed; protocol="application/x-pkcs7-signature";
	micalg=SHA1; boundary="_002_{{stem}}_"
MIME-Version: 1.0

--_002_{{stem}}_
Content-Type: multipart/alternative;
	boundary="_000_{{stem}}_"

--_000_{{stem}}_
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

I attest that the Q2 access review is complete.

Amara

--_000_{{stem}}_
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

<html><body><p>I attest that the Q2 access review is complete.</p><p>Amara<=
/p></body></html>

--_000_{{stem}}_--

--_002_{{stem}}_
Content-Type: application/x-pkcs7-signature; name="smime.p7s"
Content-Description: smime.p7s
Content-Disposition: attachment; filename="smime.p7s"; size=4102
Content-Transfer-Encoding: base64

{{sig}}

--_002_{{stem}}_--
""", mid=mid, stem=stem, sig=b64(b"\x30\x82\x10\x02\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02" + blob("085-sig", 4087)))


@eml("086-deep-nesting-80", "80 nested multipart/mixed levels (beyond MaxDepth 64) with a text leaf at the bottom and a sibling text part at every level.")
def deep_nesting() -> bytes:
    depth = 80
    out = []
    out.append("From: Depth Test <depth@example.com>\nTo: parser@example.com\nSubject: 80 levels of nesting\n"
               "Date: Sat, 22 Jun 2024 00:00:00 +0000\nMessage-ID: <deep-80@example.com>\nMIME-Version: 1.0\n")
    for level in range(depth):
        out.append('Content-Type: multipart/mixed; boundary="lvl-%02d-q"\n\n--lvl-%02d-q\n' % (level, level))
    out.append("Content-Type: text/plain; charset=us-ascii\n\nbottom of the stack\n")
    for level in reversed(range(depth)):
        out.append("--lvl-%02d-q\nContent-Type: text/plain\n\nsibling at level %d\n--lvl-%02d-q--\n" % (level, level, level))
    return render("".join(out))


@eml("087-mbox-from-line-lf", "Saved from an mbox: leading 'From sender date' envelope line, LF line endings, '>From ' quoted body lines, Status/X-Status headers.")
def mbox_from() -> bytes:
    return render("""\
From mira.holm@example.se Mon Jun 24 07:55:12 2024
Return-Path: <mira.holm@example.se>
Delivered-To: oskar@example.se
Received: from mail.example.se (localhost [127.0.0.1])
	by mail.example.se (Postfix) with ESMTP id 1C2D3E4F5A
	for <oskar@example.se>; Mon, 24 Jun 2024 07:55:12 +0200 (CEST)
From: Mira Holm <mira.holm@example.se>
To: Oskar Lind <oskar@example.se>
Subject: Midsummer photos
Date: Mon, 24 Jun 2024 07:55:10 +0200
Message-ID: <midsommar-0624@example.se>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Status: RO
X-Status: A

Hej Oskar,

>From the lake house: I uploaded the photos to the family album.
>From now on I will keep the originals on the NAS.

/Mira
""", eol=LF)


@eml("088-header-folding-quirks", "Header syntax edge cases: space before colon (obs-field-name), whitespace-only continuation line, tab folding, folded header name value starting on next line, empty value, lowercase names.")
def header_quirks() -> bytes:
    return render("""\
From: Folding Tests <fold@example.com>
To: parser@example.com
Subject:
 folded right after the colon
Date: Tue, 25 Jun 2024 10:00:00 +0000
Message-ID: <folding-quirks@example.com>
X-Whitespace-Only-Continuation: first line
 \t
 third line
X-Tab-Folded: alpha
\tbeta
\t\tgamma
X-Empty:
x-lowercase-name: lower
X-Trailing-Space-Name : value after a space before the colon
Comments: the header above uses obs-field-name syntax (RFC 5322 section 4.5.3)
MIME-Version: 1.0
Content-Type: text/plain;
 charset="us-ascii"

Body after quirky headers.
""")


@eml("089-nested-missing-inner-close", "Inner multipart/alternative has no close delimiter; the outer boundary ends it and the outer attachment still follows.")
def nested_missing_close() -> bytes:
    return render("""\
From: Nested <nested@example.com>
To: parser@example.com
Subject: Inner multipart without close delimiter
Date: Tue, 25 Jun 2024 10:05:00 +0000
Message-ID: <nested-missing-close@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer-42"

--outer-42
Content-Type: multipart/alternative; boundary="inner-42"

--inner-42
Content-Type: text/plain; charset=us-ascii

plain version
--inner-42
Content-Type: text/html; charset=us-ascii

<p>html version</p>
--outer-42
Content-Type: text/plain; charset=us-ascii; name="notes.txt"
Content-Disposition: attachment; filename="notes.txt"

attachment after the unclosed inner multipart
--outer-42--
""")


@eml("090-boundary-reused-by-nested", "A nested multipart declares the same boundary as its parent; every delimiter is ambiguous (real-world broken generator).")
def boundary_reused() -> bytes:
    return render("""\
From: Reuse <reuse@example.com>
To: parser@example.com
Subject: Nested multipart reuses the parent boundary
Date: Tue, 25 Jun 2024 10:10:00 +0000
Message-ID: <boundary-reused@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="same"

--same
Content-Type: multipart/alternative; boundary="same"

--same
Content-Type: text/plain

first
--same
Content-Type: text/html

<p>second</p>
--same--
--same
Content-Type: text/plain; name="third.txt"

third
--same--
""")


@eml("091-long-body-lines", "7bit text/plain body with lines far beyond 998 octets (RFC 5322 §2.1.1) and a CSV attachment with one 5000-character line, no encoding.")
def long_body_lines() -> bytes:
    words = ("lorem", "ipsum", "harbour", "kite", "meadow", "copper", "signal", "lantern")
    line = " ".join(words[(i * 5) % 8] for i in range(600))
    csv_line = ",".join("%d" % ((i * 7919) % 100000) for i in range(900))
    return render("""\
From: Long Lines <long@example.com>
To: parser@example.com
Subject: Very long body lines
Date: Tue, 25 Jun 2024 10:15:00 +0000
Message-ID: <long-body-lines@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="long-lines"

--long-lines
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

{{line}}
short line
{{line}}{{line}}
--long-lines
Content-Type: text/csv; name="wide.csv"
Content-Disposition: attachment; filename="wide.csv"

{{csv}}
--long-lines--
""", line=line, csv=csv_line[:5000])


@eml("092-newsletter-esp", "ESP newsletter: VERP Return-Path, List-Unsubscribe + List-Unsubscribe-Post, Feedback-ID, _----------=_ boundary, QP HTML with tracking pixel and 8-bit-safe entities.")
def newsletter_esp() -> bytes:
    b = "_----------=_MCPart_1904758213"
    html = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1.0"><title>Trail notes — June</title>
<style type="text/css">body{margin:0;padding:0}table,td{border-collapse:collapse}.mcnTextContent{font-size:16px;line-height:150%}</style></head>
<body><center><table align="center" border="0" cellpadding="0" cellspacing="0" height="100%" width="100%" id="bodyTable"><tr><td align="center" valign="top" id="bodyCell">
<h1 style="font-family:Georgia,serif">Trail notes — June</h1>
<p class="mcnTextContent">Three new routes opened this month, including the ridge loop above Lake Varen. Trail crews replaced 40 m of boardwalk.</p>
<p class="mcnTextContent"><a href="https://trails.example.org/track/click?u=4f1c2d&amp;id=9a8b7c&amp;e=0d1e2f" target="_blank">Read the full update</a></p>
<p style="font-size:12px;color:#666">You are receiving this because you subscribed at trails.example.org. <a href="https://trails.example.org/unsubscribe?u=4f1c2d&amp;id=0d1e2f">Unsubscribe</a></p>
</td></tr></table></center>
<img src="https://trails.example.org/track/open.php?u=4f1c2d&amp;id=9a8b7c&amp;e=0d1e2f" height="1" width="1" alt=""></body></html>
"""
    text = "Trail notes — June\n\nThree new routes opened this month, including the ridge loop above Lake Varen. Trail crews replaced 40 m of boardwalk.\n\nRead the full update: https://trails.example.org/track/click?u=4f1c2d&id=9a8b7c&e=0d1e2f\n\nUnsubscribe: https://trails.example.org/unsubscribe?u=4f1c2d&id=0d1e2f\n"
    return render("""\
Return-Path: <bounce-mc.us21_4f1c2d.9a8b7c-reader=example.net@mail212.suw41.mcdlv.example>
Received: from mail212.suw41.mcdlv.example (mail212.suw41.mcdlv.example [198.2.130.212])
	by mx.example.net with ESMTPS id r7s8t9u0v1w2
	for <reader@example.net>; Wed, 26 Jun 2024 15:00:12 +0000
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=trails.example.org;
	s=k1; t=1719414012; x=1719684012; i=@trails.example.org;
	h=Subject:From:Reply-To:To:Date:Message-ID:List-ID:List-Unsubscribe:
	 List-Unsubscribe-Post:Content-Type:MIME-Version:CC:Date:To:From:Subject:Message-ID;
	bh=4e3Vq2YqSfWm8cNwzYH5kY2o0b6u1xW7m9p0R3s4T5E=;
	b=Yx2B0r5TqW8m1Kp4Lc7Nd0Fs3Gh6Jv9Mb2Xa5Zc8Qe1Rt4Wy7Ui0Op3As6Df9Gh2Jk5Lz8Xc1Vb4Nm7Qw0Er3Ty6Ui9Op2As5Df8Gh1Jk4Lz7Xc0Vb3Nm6Qw9Er2Ty5Ui8Op1As4Df7Gh0Jk3Lz6Xc9Vb2Nm5Qw8Er1Ty4Ui7Op0As3Df6Gh9Jk2Lz5Xc8Vb1Nm4Qw7Er0Ty3Ui6Op9As2Df5Gh8Jk1Lz4Xc7Vb0Nm3Qw6Er9Ty2Ui5Op8As1Df4Gh7Jk0Lz3=
Subject: =?utf-8?Q?Trail_notes_=E2=80=94_June?=
From: =?utf-8?Q?Varen_Trails_Association?= <news@trails.example.org>
Reply-To: =?utf-8?Q?Varen_Trails_Association?= <hello@trails.example.org>
To: <reader@example.net>
Date: Wed, 26 Jun 2024 15:00:11 +0000
Message-ID: <9a8b7c6d5e4f.0d1e2f3a4b5c.20240626150011.e1f2a3b4c5@mail212.suw41.mcdlv.example>
X-Mailer: Mailchimp Mailer - **CID9a8b7c6d5e4f0d1e2f3a4b5c**
X-Campaign: mailchimp4f1c2d.9a8b7c
X-campaignid: mailchimp4f1c2d.9a8b7c
List-ID: 4f1c2d mailchimp list <4f1c2d.list-id.mcsv.example>
X-Accounttype: ff
List-Unsubscribe: <https://trails.example.org/unsubscribe?u=4f1c2d&id=0d1e2f&e=0d1e2f&c=9a8b7c>, <mailto:unsubscribe-mc.us21_4f1c2d.9a8b7c-0d1e2f@unsub.mcsv.example?subject=unsubscribe>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
Feedback-ID: 21:21.4f1c2d:us21:mc
Precedence: bulk
Content-Type: multipart/alternative; boundary="{{b}}"
MIME-Version: 1.0

This is a multi-part message in MIME format

--{{b}}
Content-Type: text/plain; charset="utf-8"; format="fixed"
Content-Transfer-Encoding: quoted-printable

{{text}}
--{{b}}
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

{{html}}

--{{b}}--
""", b=b, text=qp(text, encode_dots=True), html=qp(html, encode_dots=True))


@eml("093-multipart-zero-parts", "Two multiparts with no body parts: one with only a close delimiter, one with only preamble text and no delimiter at all.")
def zero_parts() -> bytes:
    return render("""\
From: Zero <zero@example.com>
To: parser@example.com
Subject: Multiparts without parts
Date: Tue, 25 Jun 2024 10:20:00 +0000
Message-ID: <zero-parts@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="top-0"

--top-0
Content-Type: multipart/mixed; boundary="only-close"

preamble of a multipart whose first line is its close delimiter
--only-close--
--top-0
Content-Type: multipart/alternative; boundary="never-used"

this multipart never uses its boundary, so all of this is preamble
--top-0--
""")


@eml("094-outer-boundary-inside-encapsulated", "An outer boundary line appears inside an encapsulated message/rfc822 body: the outer boundary ends the encapsulated message early (RFC 2046 §5.1.2).")
def outer_in_encapsulated() -> bytes:
    return render("""\
From: Quote <quote@example.com>
To: parser@example.com
Subject: Outer boundary inside an attached message
Date: Tue, 25 Jun 2024 10:25:00 +0000
Message-ID: <outer-in-encapsulated@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer-zz"

--outer-zz
Content-Type: text/plain

See the attached message.
--outer-zz
Content-Type: message/rfc822

From: Inner <inner@example.com>
Subject: I quote the outer boundary
Content-Type: text/plain

The next line looks like my body, but it closes the outer part:
--outer-zz
Content-Type: text/plain; name="after.txt"

part after the cut
--outer-zz--
""")


@eml("095-mhtml-chrome-snapshot", "MHTML web archive as saved by Chromium: From: <Saved by Blink>, Snapshot-Content-Location, related type=text/html, Content-Location on every part, QP HTML/CSS, base64 images.")
def mhtml() -> bytes:
    b = "----MultipartBoundary--Qx9Lm2Rw5Tz8Vb1Nc4Fg7Jk0Hs3Dp6Ay--"
    html = """<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><link rel="stylesheet" type="text/css" href="cid:css-1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b@mhtml.blink" /><title>Field guide: lichens</title></head><body><h1>Field guide: lichens</h1><p>Crustose, foliose and fruticose forms — with photos.</p><img src="https://guide.example.org/img/foliose.jpg" alt="foliose"><img src="https://guide.example.org/img/icon.gif" alt=""></body></html>
"""
    css = "body { font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; }\nh1 { color: #2f5d3a; }\n"
    return render("""\
From: <Saved by Blink>
Snapshot-Content-Location: https://guide.example.org/lichens
Subject: Field guide: lichens
Date: Thu, 27 Jun 2024 09:12:44 -0000
MIME-Version: 1.0
Content-Type: multipart/related;
	type="text/html";
	boundary="{{b}}"


--{{b}}
Content-Type: text/html
Content-ID: <frame-3C1D5E7F9A2B4C6D8E0F1A3B5C7D9E1F@mhtml.blink>
Content-Transfer-Encoding: quoted-printable
Content-Location: https://guide.example.org/lichens

{{html}}
--{{b}}
Content-Type: text/css
Content-Transfer-Encoding: quoted-printable
Content-Location: cid:css-1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b@mhtml.blink

{{css}}
--{{b}}
Content-Type: image/jpeg
Content-Transfer-Encoding: base64
Content-Location: https://guide.example.org/img/foliose.jpg

{{jpg}}
--{{b}}
Content-Type: image/gif
Content-Transfer-Encoding: base64
Content-Location: https://guide.example.org/img/icon.gif

{{gif}}
--{{b}}--
""", b=b, html=qp(html), css=qp(css), jpg=b64(jpeg("095-jpg", 3000)), gif=b64(gif("095-gif", 300)))
