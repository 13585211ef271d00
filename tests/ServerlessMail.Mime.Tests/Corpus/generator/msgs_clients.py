"""Plain messages and the shapes real clients produce (Outlook, Gmail, Apple Mail, Thunderbird, mobile)."""

from __future__ import annotations

from helpers import (LF, b64, ew_b, ew_q, gmail_boundary, jpeg, outlook_ids, pct, pdf, png, qp, render,
                     thread_index, tnef, uuid_like, zipish)
from registry import eml


@eml("001-plain-ascii", "Single-part text/plain, US-ASCII, 7bit, minimal RFC 5322 headers, CRLF.")
def plain_ascii() -> bytes:
    return render("""\
From: Ana Ortega <ana.ortega@example.org>
To: Ben Kowalski <ben.k@example.net>
Subject: Lunch on Thursday?
Date: Mon, 03 Jun 2024 09:12:45 +0200
Message-ID: <20240603091245.4c1d@mail.example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

Hi Ben,

Are you free for lunch on Thursday? The new place on Harbour Street
opens at noon and I would like to try it before it gets busy.

Ana
""")


@eml("002-html-only", "Single-part text/html in UTF-8 quoted-printable, no text alternative.")
def html_only() -> bytes:
    html = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Lieferung</title></head>
<body style="font-family: Helvetica, Arial, sans-serif; font-size: 14px; color: #222222;">
<p>Guten Tag Frau Schäfer,</p>
<p>Ihre Bestellung <strong>#48211</strong> wurde heute verschickt. Die voraussichtliche Zustellung ist am <em>Mittwoch, 12. Juni</em>.</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%"><tr><td style="padding: 8px 0;">3 × Keramikbecher „Fjord“</td><td align="right">27,00&nbsp;€</td></tr></table>
<p>Mit freundlichen Grüßen<br>Ihr Versandteam</p>
</body></html>
"""
    return render("""\
Return-Path: <bounce-48211@shop.example.de>
From: "Versand" <versand@shop.example.de>
To: christa.schaefer@example.de
Subject: Ihre Bestellung wurde verschickt
Date: Mon, 10 Jun 2024 16:40:02 +0200
Message-ID: <order-48211-shipped@shop.example.de>
MIME-Version: 1.0
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

{{body}}
""", body=qp(html))


@eml("003-plain-no-mime-headers", "No MIME-Version and no Content-Type: defaults to text/plain; charset=us-ascii (RFC 2045 §5.2).")
def plain_no_mime() -> bytes:
    return render("""\
Received: from relay.example.net (relay.example.net [192.0.2.25])
	by mx.example.com with ESMTP id 7F2A1C0041
	for <ops@example.com>; Sat, 01 Jun 2024 02:00:07 +0000
From: cron@backup01.example.com (Cron Daemon)
To: ops@example.com
Subject: Cron <root@backup01> /usr/local/bin/nightly-backup.sh
Date: Sat, 01 Jun 2024 02:00:05 +0000
Message-Id: <E1sD7gT-0004xK-3q@backup01.example.com>

rsync: [sender] some files vanished before they could be transferred (code 24)
sent 4,118,903,552 bytes  received 88,214 bytes  52,338,201.10 bytes/sec
total size is 913,004,121,776  speedup is 221.65
backup finished with warnings
""")


@eml("004-plain-utf8-8bit", "Single-part text/plain; charset=utf-8 with Content-Transfer-Encoding: 8bit (raw UTF-8 body).")
def plain_utf8_8bit() -> bytes:
    return render("""\
From: Zoë Lindqvist <zoe@example.se>
To: Øystein Berg <oystein@example.no>
Subject: {{subject}}
Date: Thu, 06 Jun 2024 18:03:11 +0200
Message-ID: <b3e1f9a0-0d5e-4c7b-9e11-6a2f7c3d8e01@example.se>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hej Øystein!

Vi ses på fredag kl. 19. Ta gärna med något sött – jag fixar sillen,
köttbullarna och Janssons frestelse. Kaffe ☕ finns.

/Zoë
""", subject=ew_q("Smörgåsbord på fredag"))


def outlook_html(paragraphs: list[str], charset: str = "us-ascii", extra_body: str = "") -> str:
    """The Word-generated HTML Outlook desktop sends: namespaces, a filtered style block, MsoNormal paragraphs."""
    body = "\n".join('<p class="MsoNormal">%s<o:p></o:p></p>' % p for p in paragraphs)
    return """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=%s">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face
	{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}
@font-face
	{font-family:Aptos;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0in;
	font-size:11.0pt;
	font-family:"Aptos",sans-serif;
	mso-ligatures:standardcontextual;}
a:link, span.MsoHyperlink
	{mso-style-priority:99;
	color:#467886;
	text-decoration:underline;}
span.EmailStyle19
	{mso-style-type:personal-reply;
	font-family:"Aptos",sans-serif;
	color:windowtext;}
.MsoChpDefault
	{mso-style-type:export-only;
	font-size:10.0pt;}
@page WordSection1
	{size:8.5in 11.0in;
	margin:1.0in 1.0in 1.0in 1.0in;}
div.WordSection1
	{page:WordSection1;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->
</head>
<body lang="EN-US" link="#467886" vlink="#96607D" style="word-wrap:break-word">
<div class="WordSection1">
%s
%s</div>
</body>
</html>
""" % (charset, body, extra_body)


@eml("005-outlook-alternative-qp", "Outlook/Exchange Online reply: multipart/alternative, QP us-ascii text + Word HTML, Thread-Index, X-MS-*, empty header values, 'CC:' spelling.")
def outlook_alternative() -> bytes:
    mid, stem = outlook_ids("005")
    parent, _ = outlook_ids("005-parent")
    text = """Hi Morgan,

The numbers look right to me. Two notes:

  1.  Week 31 still shows the old rack count (42); it should be 46.
  2.  Can we move the review to Thursday at 10:30? Wednesday is full.

Thanks,
Dana

From: Lee, Morgan <morgan.lee@fabrikam.example>
Sent: Tuesday, June 13, 2023 9:41 AM
To: Dana Whitfield <dana.whitfield@contoso.example>
Subject: Q3 capacity numbers

Dana - attached are the Q3 capacity numbers we discussed. Let me know if anything looks off before I send them to finance.

Morgan
"""
    html = outlook_html([
        "Hi Morgan,",
        "&nbsp;",
        "The numbers look right to me. Two notes:",
        "&nbsp;",
        "<span style=\"mso-list:Ignore\">1.<span style=\"font:7.0pt &quot;Times New Roman&quot;\">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span>Week 31 still shows the old rack count (42); it should be 46.",
        "<span style=\"mso-list:Ignore\">2.<span style=\"font:7.0pt &quot;Times New Roman&quot;\">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span>Can we move the review to Thursday at 10:30? Wednesday is full.",
        "&nbsp;",
        "Thanks,",
        "Dana",
    ], extra_body="""<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in">
<p class="MsoNormal"><b>From:</b> Lee, Morgan &lt;morgan.lee@fabrikam.example&gt;<br>
<b>Sent:</b> Tuesday, June 13, 2023 9:41 AM<br>
<b>To:</b> Dana Whitfield &lt;dana.whitfield@contoso.example&gt;<br>
<b>Subject:</b> Q3 capacity numbers<o:p></o:p></p>
</div>
<p class="MsoNormal">Dana - attached are the Q3 capacity numbers we discussed. Let me know if anything looks off before I send them to finance.<o:p></o:p></p>
<p class="MsoNormal">Morgan<o:p></o:p></p>
""")
    return render("""\
Received: from DM6PR05MB8950.namprd05.prod.outlook.com (2603:10b6:5:3a1::14)
 by SN7PR05MB9137.namprd05.prod.outlook.com with HTTPS; Tue, 13 Jun 2023
 14:02:13 +0000
Received: from DM6PR05MB8950.namprd05.prod.outlook.com
 ([fe80::5c1e:2b7a:91d4:6e03]) by DM6PR05MB8950.namprd05.prod.outlook.com
 ([fe80::5c1e:2b7a:91d4:6e03%4]) with mapi id 15.20.6477.028; Tue, 13 Jun 2023
 14:02:11 +0000
From: Dana Whitfield <dana.whitfield@contoso.example>
To: "Lee, Morgan" <morgan.lee@fabrikam.example>
CC: Ops Planning <ops-planning@contoso.example>
Subject: RE: Q3 capacity numbers
Thread-Topic: Q3 capacity numbers
Thread-Index: {{tindex}}
Date: Tue, 13 Jun 2023 14:02:11 +0000
Message-ID: {{mid}}
References: {{parent}}
In-Reply-To: {{parent}}
Accept-Language: en-US
Content-Language: en-US
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
x-ms-publictraffictype: Email
x-ms-traffictypediagnostic: DM6PR05MB8950:EE_|SN7PR05MB9137:EE_
x-ms-office365-filtering-correlation-id: 1c7e3a52-9f0b-4d61-a8e2-07b5c4d93f21
x-ms-exchange-senderadcheck: 1
x-ms-exchange-antispam-relay: 0
x-microsoft-antispam: BCL:0;
x-forefront-antispam-report: CIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:DM6PR05MB8950.namprd05.prod.outlook.com;PTR:;CAT:NONE;SFS:(13230028)(366004)(39860400002);DIR:OUT;SFP:1101;
Content-Type: multipart/alternative;
	boundary="_000_{{stem}}_"
MIME-Version: 1.0

--_000_{{stem}}_
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{{text}}

--_000_{{stem}}_
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{{html}}

--_000_{{stem}}_--
""", tindex=thread_index("005", 1), mid=mid, parent=parent, stem=stem, text=qp(text), html=qp(html))


@eml("006-outlook-attachments-encoded-names", "Outlook multipart/mixed: alternative (base64 UTF-8 text/html) + PDF and XLSX with name=\"=?utf-8?B?...?=\", Content-Description, size/creation-date params.")
def outlook_attachments() -> bytes:
    mid, stem = outlook_ids("006")
    text = "Bonjour Élodie,\n\nVeuillez trouver ci-joint le devis révisé et le tableau des coûts.\n\nCordialement,\nThéo Marchand\n"
    html = outlook_html(["Bonjour Élodie,", "&nbsp;", "Veuillez trouver ci-joint le devis révisé et le tableau des coûts.",
                         "&nbsp;", "Cordialement,", "Théo Marchand"], charset="utf-8")
    pdf_name = "Devis révisé n°2024-117.pdf"
    xls_name = "Coûts – récapitulatif T2.xlsx"
    pdf_data = pdf("006-pdf", 6100)
    xls_data = zipish("006-xlsx", 3300)
    return render("""\
From: =?utf-8?B?VGjDqW8gTWFyY2hhbmQ=?= <theo.marchand@contoso.example>
To: =?utf-8?B?w4lsb2RpZSBCZXJuYXJk?= <elodie.bernard@fabrikam.example>
Subject: =?utf-8?B?RGV2aXMgcsOpdmlzw6kgZXQgY2/Du3Rz?=
Thread-Topic: =?utf-8?B?RGV2aXMgcsOpdmlzw6kgZXQgY2/Du3Rz?=
Thread-Index: {{tindex}}
Date: Wed, 14 Feb 2024 10:27:53 +0000
Message-ID: {{mid}}
Accept-Language: fr-FR, en-US
Content-Language: fr-FR
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator:
msip_labels:
x-ms-publictraffictype: Email
x-ms-exchange-organization-authas: Internal
Content-Type: multipart/mixed;
	boundary="_004_{{stem}}_"
MIME-Version: 1.0

--_004_{{stem}}_
Content-Type: multipart/alternative;
	boundary="_000_{{stem}}_"

--_000_{{stem}}_
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

{{text}}

--_000_{{stem}}_
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: base64

{{html}}

--_000_{{stem}}_--

--_004_{{stem}}_
Content-Type: application/pdf; name="{{pdf_ew}}"
Content-Description: {{pdf_ew}}
Content-Disposition: attachment;
	filename="{{pdf_ew}}"; size={{pdf_size}};
	creation-date="Wed, 14 Feb 2024 10:26:31 GMT";
	modification-date="Wed, 14 Feb 2024 10:27:53 GMT"
Content-Transfer-Encoding: base64

{{pdf}}

--_004_{{stem}}_
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;
	name="{{xls_ew}}"
Content-Description: {{xls_ew}}
Content-Disposition: attachment;
	filename="{{xls_ew}}"; size={{xls_size}};
	creation-date="Wed, 14 Feb 2024 10:26:58 GMT";
	modification-date="Wed, 14 Feb 2024 10:27:53 GMT"
Content-Transfer-Encoding: base64

{{xls}}

--_004_{{stem}}_--
""", tindex=thread_index("006"), mid=mid, stem=stem,
        text=b64(text.replace("\n", "\r\n").encode()), html=b64(html.replace("\n", "\r\n").encode()),
        pdf_ew=ew_b(pdf_name), pdf_size=str(len(pdf_data)), pdf=b64(pdf_data),
        xls_ew=ew_b(xls_name), xls_size=str(len(xls_data)), xls=b64(xls_data))


@eml("007-outlook-related-inline-image", "Outlook signature logo: mixed > related(type=multipart/alternative) > alternative + image001.png with Content-ID <image001.png@01DA...>.")
def outlook_related() -> bytes:
    mid, stem = outlook_ids("007")
    logo = png("007-logo", 2400, 180, 48)
    text = "Hello team,\n\nThe maintenance window is confirmed for Saturday 02:00-04:00 UTC.\n\nRegards,\nKofi Mensah\nNetwork Operations\n[cid:image001.png@01DAB2C4.7E6F1A30]\n"
    html = outlook_html(["Hello team,", "&nbsp;", "The maintenance window is confirmed for Saturday 02:00-04:00 UTC.",
                         "&nbsp;", "Regards,", "Kofi Mensah", "Network Operations",
                         '<img width="180" height="48" style="width:1.875in;height:.5in" id="Picture_x0020_1" src="cid:image001.png@01DAB2C4.7E6F1A30" alt="Company logo">'])
    return render("""\
From: Kofi Mensah <kofi.mensah@contoso.example>
To: NetOps <netops@contoso.example>
Subject: Maintenance window confirmed
Thread-Topic: Maintenance window confirmed
Thread-Index: {{tindex}}
Date: Thu, 23 May 2024 08:15:40 +0000
Message-ID: {{mid}}
Accept-Language: en-GB, en-US
Content-Language: en-GB
X-MS-Has-Attach: yes
X-MS-Exchange-Organization-SCL: -1
X-MS-TNEF-Correlator:
Content-Type: multipart/related;
	boundary="_005_{{stem}}_";
	type="multipart/alternative"
MIME-Version: 1.0

--_005_{{stem}}_
Content-Type: multipart/alternative;
	boundary="_000_{{stem}}_"

--_000_{{stem}}_
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{{text}}

--_000_{{stem}}_
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{{html}}

--_000_{{stem}}_--

--_005_{{stem}}_
Content-Type: image/png; name="image001.png"
Content-Description: image001.png
Content-Disposition: inline; filename="image001.png"; size={{size}};
	creation-date="Thu, 23 May 2024 08:15:39 GMT";
	modification-date="Thu, 23 May 2024 08:15:39 GMT"
Content-ID: <image001.png@01DAB2C4.7E6F1A30>
Content-Transfer-Encoding: base64

{{img}}

--_005_{{stem}}_--
""", tindex=thread_index("007"), mid=mid, stem=stem, text=qp(text), html=qp(html), size=str(len(logo)), img=b64(logo))


@eml("008-outlook-winmail-dat", "Older Outlook over SMTP: ----=_NextPart_ boundaries, folded 'charset=' params, X-MS-TNEF-Correlator and an application/ms-tnef winmail.dat part.")
def outlook_tnef() -> bytes:
    data = tnef("008-winmail", 5200)
    return render("""\
From: "Harriet Osei" <h.osei@legacy-corp.example>
To: <accounts@example.com>
Subject: Invoice query - PO 7731
Date: Fri, 17 Nov 2023 15:44:09 -0000
Message-ID: <001f01da1971$3c5a2e10$b50e8a30$@legacy-corp.example>
MIME-Version: 1.0
Content-Type: multipart/mixed;
	boundary="----=_NextPart_000_0020_01DA1971.3C5A2E10"
X-Mailer: Microsoft Outlook 16.0
Thread-Index: {{tindex}}
Content-Language: en-gb
X-MS-TNEF-Correlator: 00000000A3E1C7F5D2B84E4C9F0A6B2D1E3C5F7A04002000

This is a multipart message in MIME format.

------=_NextPart_000_0020_01DA1971.3C5A2E10
Content-Type: text/plain;
	charset="us-ascii"
Content-Transfer-Encoding: 7bit

Hello,

Please see the attached query regarding PO 7731. The unit price on
line 3 does not match our agreed rate.

Kind regards
Harriet


------=_NextPart_000_0020_01DA1971.3C5A2E10
Content-Type: application/ms-tnef;
	name="winmail.dat"
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
	filename="winmail.dat"

{{tnef}}

------=_NextPart_000_0020_01DA1971.3C5A2E10--

""", tindex=thread_index("008"), tnef=b64(data))


def gmail_html(inner: str) -> str:
    return '<div dir="ltr">' + inner + "</div>\n"


@eml("009-gmail-alternative", "Gmail: multipart/alternative with 000000000000... boundary, QP UTF-8 text and <div dir=\"ltr\"> HTML, References chain.")
def gmail_alternative() -> bytes:
    bnd = gmail_boundary("009")
    text = """Hi Lukas,

Thanks for the notes from Friday. I pushed the revised schedule to the shared drive — the kickoff is now on the 24th.

A few open points:
- Do we still need the second venue?
- Catering numbers are due next Tuesday.

Cheers,
Priya

On Fri, 2 Feb 2024 at 17:03, Lukas Brandt <lukas.brandt@example.de> wrote:

> Hi Priya,
>
> Summary of today's call attached below. Let me know if I missed anything.
>
> Lukas
>
"""
    html = gmail_html("""<div>Hi Lukas,</div><div><br></div><div>Thanks for the notes from Friday. I pushed the revised schedule to the shared drive — the kickoff is now on the 24th.</div><div><br></div><div>A few open points:</div><div><ul><li>Do we still need the second venue?</li><li>Catering numbers are due next Tuesday.</li></ul><div>Cheers,</div></div><div>Priya</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Fri, 2 Feb 2024 at 17:03, Lukas Brandt &lt;<a href="mailto:lukas.brandt@example.de">lukas.brandt@example.de</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div dir="ltr">Hi Priya,<div><br></div><div>Summary of today&#39;s call attached below. Let me know if I missed anything.</div><div><br></div><div>Lukas</div></div>
</blockquote>""")
    return render("""\
MIME-Version: 1.0
References: <CAHx2Lf0q8TzVd1r3kP9mJ4Nw6Yb7sGc2ZaE5uXo1QiRt=vK3Lw@mail.gmail.com>
 <CAJ9wQm4uV7eR2tY8iO3pA6sD1fG5hJ0kL4zX7cV2bN9mQ8wE1r@mail.gmail.com>
In-Reply-To: <CAJ9wQm4uV7eR2tY8iO3pA6sD1fG5hJ0kL4zX7cV2bN9mQ8wE1r@mail.gmail.com>
From: Priya Raman <priya.raman@example.com>
Date: Mon, 5 Feb 2024 09:15:42 +0100
Message-ID: <CAF3nT7x_Rk2Lp8Wq5Yc1Hv6Jd9Mb4Zs0Ue3Ng7Xa2Oi5Pw@mail.gmail.com>
Subject: Re: Kickoff planning
To: Lukas Brandt <lukas.brandt@example.de>
Cc: events@example.com
Content-Type: multipart/alternative; boundary="{{b}}"

--{{b}}
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{{text}}

--{{b}}
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{{html}}

--{{b}}--
""", b=bnd, text=qp(text), html=qp(html))


@eml("010-gmail-attachments", "Gmail: mixed > alternative + PDF and CSV attachments with Content-ID <f_...> and X-Attachment-Id; sibling boundaries share a 20-char prefix.")
def gmail_attachments() -> bytes:
    outer = "000000000000a3f2c1061a7b9e05"
    inner = "000000000000a3f2c0061a7b9e03"
    pdf_data = pdf("010-pdf", 9000)
    csv = "date,store,units,revenue\n" + "".join(
        "2024-03-%02d,%s,%d,%d.%02d\n" % (d, s, 10 + (d * 7 + i * 3) % 40, 100 + (d * 31 + i * 17) % 900, (d * i) % 100)
        for d in range(1, 15) for i, s in enumerate(["north", "south", "east"]))
    return render("""\
MIME-Version: 1.0
From: Sam Okafor <sam.okafor@example.com>
Date: Fri, 15 Mar 2024 11:02:19 -0400
Message-ID: <CAK8vB2wP4nT6sR1xQ9uY3zM7eL0aJ5hG2fD8cV1bN4mW6kS=9Q@mail.gmail.com>
Subject: March sales export + contract
To: finance@example.org
Content-Type: multipart/mixed; boundary="{{outer}}"

--{{outer}}
Content-Type: multipart/alternative; boundary="{{inner}}"

--{{inner}}
Content-Type: text/plain; charset="UTF-8"

Hi,

Attached are the sales export for the first half of March and the signed
contract.

Sam

--{{inner}}
Content-Type: text/html; charset="UTF-8"

<div dir="ltr"><div>Hi,</div><div><br></div><div>Attached are the sales export for the first half of March and the signed contract.</div><div><br></div><div>Sam</div></div>

--{{inner}}--
--{{outer}}
Content-Type: application/pdf; name="Contract_signed.pdf"
Content-Disposition: attachment; filename="Contract_signed.pdf"
Content-Transfer-Encoding: base64
Content-ID: <f_ltsq9k2e0>
X-Attachment-Id: f_ltsq9k2e0

{{pdf}}
--{{outer}}
Content-Type: text/csv; charset="US-ASCII"; name="sales_2024-03-01_2024-03-14.csv"
Content-Disposition: attachment; 
	filename="sales_2024-03-01_2024-03-14.csv"
Content-Transfer-Encoding: base64
Content-ID: <f_ltsq9k2g1>
X-Attachment-Id: f_ltsq9k2g1

{{csv}}
--{{outer}}--
""", outer=outer, inner=inner, pdf=b64(pdf_data), csv=b64(csv.replace("\n", "\r\n").encode()))


@eml("011-gmail-inline-image-related", "Gmail: mixed > related > (alternative + inline image ii_...) + attachment; QP text with a soft-broken long URL.")
def gmail_related() -> bytes:
    b_mixed, b_rel, b_alt = gmail_boundary("011-m"), gmail_boundary("011-r"), gmail_boundary("011-a")
    chart = png("011-chart", 3900, 600, 300)
    photo = jpeg("011-photo", 5400)
    text = """Here is the chart from the dashboard:

[image: chart.png]

Full report: https://dashboards.example.com/reports/weekly?team=platform&range=2024-W14&view=summary&tz=Europe%2FLondon

Mei
"""
    html = gmail_html('<div>Here is the chart from the dashboard:</div><div><br></div><div><img src="cid:ii_lukq1x7a0" alt="chart.png" width="562" height="281"><br></div><div><br></div><div>Full report: <a href="https://dashboards.example.com/reports/weekly?team=platform&amp;range=2024-W14&amp;view=summary&amp;tz=Europe%2FLondon">https://dashboards.example.com/reports/weekly?team=platform&amp;range=2024-W14&amp;view=summary&amp;tz=Europe%2FLondon</a></div><div><br></div><div>Mei</div>')
    return render("""\
MIME-Version: 1.0
From: Mei Tanaka <mei.tanaka@example.com>
Date: Tue, 9 Apr 2024 14:48:03 +0100
Message-ID: <CAN4rH8t2Wq_Zy5Kp1Ld7Fs3Xv9Mb6Jc0Ge4Tn8Ua2Oi7Rk=3w@mail.gmail.com>
Subject: Weekly platform chart
To: platform-team@example.com
Content-Type: multipart/mixed; boundary="{{bm}}"

--{{bm}}
Content-Type: multipart/related; boundary="{{br}}"

--{{br}}
Content-Type: multipart/alternative; boundary="{{ba}}"

--{{ba}}
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{{text}}

--{{ba}}
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{{html}}

--{{ba}}--

--{{br}}
Content-Type: image/png; name="chart.png"
Content-Disposition: inline; filename="chart.png"
Content-Transfer-Encoding: base64
Content-ID: <ii_lukq1x7a0>
X-Attachment-Id: ii_lukq1x7a0

{{chart}}
--{{br}}--
--{{bm}}
Content-Type: image/jpeg; name="whiteboard.jpg"
Content-Disposition: attachment; filename="whiteboard.jpg"
Content-Transfer-Encoding: base64
Content-ID: <f_lukq2c4m1>
X-Attachment-Id: f_lukq2c4m1

{{photo}}
--{{bm}}--
""", bm=b_mixed, br=b_rel, ba=b_alt, text=qp(text), html=qp(html), chart=b64(chart), photo=b64(photo))


@eml("012-apple-mail-flowed-lf", "Apple Mail single part exported from Mail.app with LF line endings: CTE before Content-Type, charset=us-ascii; format=flowed; delsp=yes, flowed soft breaks.")
def apple_flowed() -> bytes:
    return render("""\
From: Noah Fischer <noah.fischer@example.com>
Content-Type: text/plain;
	charset=us-ascii;
	format=flowed;
	delsp=yes
Content-Transfer-Encoding: 7bit
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.500.171.1.1\\))
Subject: Re: Cabin booking
Message-Id: <{{uuid}}@example.com>
Date: Sun, 19 May 2024 20:31:07 -0700
In-Reply-To: <20240519182210.GA1177@example.net>
To: Irene Castillo <irene@example.net>
X-Mailer: Apple Mail (2.3774.500.171.1.1)

Sounds good. I booked the cabin for the three nights and paid the  
deposit, so we only need to sort out the boat rental. The owner says  
the dock is a five minute walk from the cabin.

> On May 19, 2024, at 6:22 PM, Irene Castillo <irene@example.net> wrote:
>
> Can you book the cabin? I will handle the car and groceries. Let me  
> know the total and I will send you my half.

""", eol=LF, uuid=uuid_like("012"))


@eml("013-apple-mail-inline-images-between-text", "Apple Mail: alternative > (text/plain, mixed > html, inline jpeg, html, inline png, html); Apple-Mail=_ boundaries, x-unix-mode, unquoted filename.")
def apple_inline() -> bytes:
    ba = "Apple-Mail=_" + uuid_like("013-a")
    bm = "Apple-Mail=_" + uuid_like("013-m")
    cid1, cid2 = uuid_like("013-cid1"), uuid_like("013-cid2")
    photo = jpeg("013-photo", 4200)
    shot = png("013-shot", 1800, 320, 200)
    head = '<html><head><meta http-equiv="content-type" content="text/html; charset=us-ascii"></head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">'
    return render("""\
From: Clara Novak <clara.novak@example.com>
Content-Type: multipart/alternative;
	boundary="{{ba}}"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))
Subject: Garden before and after
Message-Id: <{{mid}}@example.com>
Date: Sat, 15 Jun 2024 12:04:51 +0200
To: Family <family@example.org>
X-Mailer: Apple Mail (2.3774.600.62)


--{{ba}}
Content-Transfer-Encoding: 7bit
Content-Type: text/plain;
	charset=us-ascii

Before:


After:


Not bad for one weekend!

--{{ba}}
Content-Type: multipart/mixed;
	boundary="{{bm}}"


--{{bm}}
Content-Transfer-Encoding: 7bit
Content-Type: text/html;
	charset=us-ascii

{{head}}Before:<div><br></div><div></div></body></html>
--{{bm}}
Content-Disposition: inline;
	filename=IMG_4312.jpeg
Content-Type: image/jpeg;
	x-unix-mode=0644;
	name="IMG_4312.jpeg"
Content-Id: <{{cid1}}>
Content-Transfer-Encoding: base64

{{photo}}
--{{bm}}
Content-Transfer-Encoding: 7bit
Content-Type: text/html;
	charset=us-ascii

{{head}}<div><br></div><div>After:</div><div><br></div><div></div></body></html>
--{{bm}}
Content-Disposition: inline;
	filename="Screenshot 2024-06-15 at 11.58.02.png"
Content-Type: image/png;
	x-unix-mode=0644;
	name="Screenshot 2024-06-15 at 11.58.02.png"
Content-Id: <{{cid2}}>
Content-Transfer-Encoding: base64

{{shot}}
--{{bm}}
Content-Transfer-Encoding: 7bit
Content-Type: text/html;
	charset=us-ascii

{{head}}<div><br></div><div>Not bad for one weekend!</div></body></html>
--{{bm}}--

--{{ba}}--
""", ba=ba, bm=bm, mid=uuid_like("013-mid"), head=head, cid1=cid1, cid2=cid2, photo=b64(photo), shot=b64(shot))


@eml("014-apple-mail-attachment", "Apple Mail: mixed with QP text, a PDF attachment (Content-Disposition first, filename unquoted, x-unix-mode) and a trailing text/plain fragment.")
def apple_attachment() -> bytes:
    b = "Apple-Mail=_" + uuid_like("014")
    doc = pdf("014-pdf", 4000)
    return render("""\
From: Olu Adeyemi <olu@example.com>
Content-Type: multipart/mixed;
	boundary="{{b}}"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3731.700.6\\))
Subject: Signed lease
Message-Id: <{{mid}}@example.com>
Date: Wed, 3 Jan 2024 09:40:22 -0500
To: Property Office <office@property.example>
X-Mailer: Apple Mail (2.3731.700.6)


--{{b}}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
	charset=utf-8

Good morning,

Please find the signed lease attached. I=E2=80=99ve initialled every =
page as requested.

--{{b}}
Content-Disposition: attachment;
	filename=Lease-Unit-4B-signed.pdf
Content-Type: application/pdf;
	x-unix-mode=0644;
	name="Lease-Unit-4B-signed.pdf"
Content-Transfer-Encoding: base64

{{pdf}}
--{{b}}
Content-Transfer-Encoding: 7bit
Content-Type: text/plain;
	charset=us-ascii



Best,
Olu

--{{b}}--
""", b=b, mid=uuid_like("014-mid"), pdf=b64(doc))


@eml("015-iphone-mail", "iOS Mail: 'Mime-Version: 1.0 (1.0)', X-Mailer iPhone Mail, alternative with QP UTF-8 text (emoji, 'Sent from my iPhone') and 7bit-declared HTML.")
def iphone() -> bytes:
    b = "Apple-Mail-" + uuid_like("015")
    text = "Running 10 min late, traffic on the bridge 🚗🚗🚗. Order me a flat white?\n\nSent from my iPhone"
    return render("""\
Content-Type: multipart/alternative; boundary={{b}}
Content-Transfer-Encoding: 7bit
From: Jonas Weber <jonas.weber@example.de>
Mime-Version: 1.0 (1.0)
Date: Tue, 11 Jun 2024 08:52:16 +0200
Subject: Late
Message-Id: <{{mid}}@example.de>
To: Ines Moreau <ines@example.fr>
X-Mailer: iPhone Mail (21F90)


--{{b}}
Content-Type: text/plain;
	charset=utf-8
Content-Transfer-Encoding: quoted-printable

{{text}}
--{{b}}
Content-Type: text/html;
	charset=utf-8
Content-Transfer-Encoding: 7bit

<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">Running 10 min late, traffic on the bridge &#128663;&#128663;&#128663;. Order me a flat white?<br><br><div dir="ltr">Sent from my iPhone</div></body></html>
--{{b}}--
""", b=b, mid=uuid_like("015-mid"), text=qp(text))


@eml("016-thunderbird-flowed", "Thunderbird single part: text/plain; charset=UTF-8; format=flowed, 8bit, User-Agent, Content-Language, space-stuffed lines and quoted reply.")
def thunderbird_flowed() -> bytes:
    return render("""\
Message-ID: <6f0c2a9e-81d3-4b57-9a40-2e7c1b5d3f88@example.org>
Date: Mon, 4 Mar 2024 18:22:05 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: Re: Release notes draft
Content-Language: en-GB
To: Dev List <dev@lists.example.org>
References: <a71b2c3d-4e5f-4061-8293-a4b5c6d7e8f9@example.net>
From: =?UTF-8?Q?Bj=C3=B6rn_Halvorsen?= <bjorn@example.org>
In-Reply-To: <a71b2c3d-4e5f-4061-8293-a4b5c6d7e8f9@example.net>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

On 04/03/2024 16:10, Yuki Sato wrote:
> The draft is in the wiki. Please review the "Upgrading" section in  
> particular, it changed a lot.

Looks good overall. Two small things in "Upgrading":

 From the second paragraph on, the config key is spelled "max_conns" 
but the code reads "max_connections". Also the example still uses the 
old default port 8080 — it is 9090 since 3.2.

-- 
Björn
""")


@eml("017-thunderbird-attachment-rfc2231", "Thunderbird mixed: MIME preamble, ------------ boundary, flowed text, PDF whose non-ASCII name uses name=\"=?UTF-8?B?...?=\" plus filename*0*/filename*1* (RFC 2231).")
def thunderbird_attachment() -> bytes:
    b = "------------r7Gk2Q9sLm0pXw4YbN1cVt8e"
    name = "Übersicht der Quartalsberichte für das Geschäftsjahr 2023.pdf"
    enc = pct(name)
    cut = enc.index("%20das")
    doc = pdf("017-pdf", 3500)
    return render("""\
Content-Type: multipart/mixed; boundary="{{b}}"
Message-ID: <1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f@example.de>
Date: Thu, 11 Jan 2024 10:05:44 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: de-DE
To: Buchhaltung <buchhaltung@example.de>
From: Greta Vogel <greta.vogel@example.de>
Subject: =?UTF-8?Q?Quartals=C3=BCbersicht_2023?=

This is a multi-part message in MIME format.
--{{b}}
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

Hallo zusammen,

anbei die Übersicht der Quartalsberichte. Bitte bis Freitag prüfen.

Viele Grüße
Greta
--{{b}}
Content-Type: application/pdf; name="{{name_ew}}"
Content-Disposition: attachment;
 filename*0*=UTF-8''{{p0}};
 filename*1*={{p1}}
Content-Transfer-Encoding: base64

{{pdf}}

--{{b}}--
""", b=b, name_ew=ew_b(name[:31]) + " " + ew_b(name[31:]), p0=enc[:cut], p1=enc[cut:], pdf=b64(doc))


@eml("018-android-k9-mobile", "K-9/Android style: mixed with ----XXXX boundary, QP text, a camera JPEG attachment, lowercase 'charset=utf-8' and no Content-Disposition on the body part.")
def android_k9() -> bytes:
    b = "----W7KQ3ZC1X9B5M2R8T4L6N0PJ"
    photo = jpeg("018-photo", 6000)
    return render("""\
MIME-Version: 1.0
Content-Type: multipart/mixed;
 boundary="{{b}}"
Content-Transfer-Encoding: 7bit
Subject: Meter reading
From: Aylin Demir <aylin.demir@example.com>
Date: Sun, 02 Jun 2024 19:47:31 +0300
To: landlord@example.net
Message-ID: <8A2C6E31-0F47-4B9D-92E5-7D1A3C5B9F02@example.com>

--{{b}}
Content-Type: text/plain;
 charset=utf-8
Content-Transfer-Encoding: quoted-printable

Hi, here is the electricity meter reading for May: 18 442 kWh. Photo attac=
hed.

Aylin
--=20
Sent from my Android device with K-9 Mail. Please excuse my brevity.
--{{b}}
Content-Type: image/jpeg;
 name=IMG_20240602_194512.jpg
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
 filename=IMG_20240602_194512.jpg

{{photo}}
--{{b}}--
""", b=b, photo=b64(photo))


@eml("019-yahoo-android-javamail", "Yahoo Mail Android: JavaMail-style ----=_Part_N_M.T boundaries, alternative in mixed, X-Mailer YMailNorrin, QP HTML, a wrong Content-Length header to ignore.")
def yahoo_android() -> bytes:
    bm = "----=_Part_2281934_1187263911.1717524033127"
    ba = "----=_Part_2281933_1569201347.1717524033126"
    html = '<html><head></head><body><div class="ydpa1b2c3d4yahoo-style-wrap" style="font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:16px;"><div dir="ltr" data-setdir="false">Hola Marta, te mando el recibo del depósito. ¡Gracias!</div><div dir="ltr" data-setdir="false"><br></div><div dir="ltr" data-setdir="false">Lucía</div></div><div id="ymail_android_signature"><a id="ymail_android_signature_link" href="https://mail.onelink.me/107872968?pid=nativeplacement&amp;c=Global_Acquisition_YMktg_315_Internal_EmailSignature&amp;af_sub1=Acquisition&amp;af_sub2=Global_YMktg&amp;af_sub3=&amp;af_sub4=100000604&amp;af_sub5=EmailSignature__Static_">Sent from Yahoo Mail for Android</a></div></body></html>'
    receipt = jpeg("019-receipt", 2600)
    return render("""\
Date: Tue, 4 Jun 2024 18:00:33 +0000 (UTC)
From: =?UTF-8?Q?Luc=C3=ADa_Serrano?= <lucia.serrano@example.es>
To: Marta Gil <marta.gil@example.es>
Message-ID: <1187263911.2281935.1717524033128@mail.yahoo.example>
Subject: =?UTF-8?Q?Recibo_dep=C3=B3sito?=
MIME-Version: 1.0
Content-Type: multipart/mixed; 
	boundary="{{bm}}"
X-Mailer: WebService/1.1.22363 YMailNorrin
Content-Length: 5123

--{{bm}}
Content-Type: multipart/alternative; 
	boundary="{{ba}}"

--{{ba}}
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

{{text}}
--{{ba}}
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

{{html}}
--{{ba}}--

--{{bm}}
Content-Type: image/jpeg
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="recibo.jpg"
Content-ID: <e3f1a7c2-9b4d-0e5f-2a6c-8d1b3f5e7a90@yahoo.example>

{{img}}
--{{bm}}--
""", bm=bm, ba=ba, text=qp("Hola Marta, te mando el recibo del depósito. ¡Gracias!\n\nLucía\n\nSent from Yahoo Mail for Android"),
        html=qp(html), img=b64(receipt))


def vcalendar(uid: str, method: str = "REQUEST") -> str:
    return """BEGIN:VCALENDAR
METHOD:%s
PRODID:-//Example Corp//Calendar 2.1//EN
VERSION:2.0
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ORGANIZER;CN=Rosa Lindgren:mailto:rosa.lindgren@contoso.example
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Tom
 as Horvat:mailto:tomas.horvat@fabrikam.example
ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Facil
 ities:mailto:facilities@contoso.example
DESCRIPTION;LANGUAGE=en-US:Agenda:\\n1. Budget review\\n2. Hiring plan\\n3. 
 Office move – timeline\\n
UID:%s
SUMMARY;LANGUAGE=en-US:Quarterly planning
DTSTART;TZID=W. Europe Standard Time:20240708T100000
DTEND;TZID=W. Europe Standard Time:20240708T113000
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20240620T081500Z
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:0
LOCATION;LANGUAGE=en-US:Room Aurora (3.14)
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:REMINDER
TRIGGER;RELATED=START:-PT15M
END:VALARM
END:VEVENT
END:VCALENDAR
""" % (method, uid)


@eml("020-outlook-calendar-request", "Outlook meeting request: alternative of base64 text, base64 HTML and text/calendar; method=REQUEST (base64), X-MS-* headers.")
def outlook_invite() -> bytes:
    mid, stem = outlook_ids("020")
    ics = vcalendar("040000008200E00074C5B7101A82E00800000000F4A1C2B3D4C2DA01000000000000000010000000A1B2C3D4E5F60718293A4B5C6D7E8F90")
    text = "Agenda:\n1. Budget review\n2. Hiring plan\n3. Office move – timeline\n"
    html = outlook_html(["Agenda:", "1. Budget review", "2. Hiring plan", "3. Office move &#8211; timeline"], charset="utf-8")
    return render("""\
From: Rosa Lindgren <rosa.lindgren@contoso.example>
To: Tomas Horvat <tomas.horvat@fabrikam.example>
CC: Facilities <facilities@contoso.example>
Subject: Quarterly planning
Thread-Topic: Quarterly planning
Thread-Index: {{tindex}}
Date: Thu, 20 Jun 2024 08:15:00 +0000
Message-ID: {{mid}}
Accept-Language: en-US
Content-Language: en-US
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
X-MS-Exchange-Organization-RecordReviewCfmType: 0
x-ms-exchange-calendar-series-instance-id: BAAAAIIA4AB0xbcQGoLgCAAAAAD0ocKz1MLaAQAAAAAAAAAAEAAAAKGyw9Tl9gcYKTpLXG1+j5A=
Content-Type: multipart/alternative;
	boundary="_000_{{stem}}_"
MIME-Version: 1.0

--_000_{{stem}}_
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

{{text}}

--_000_{{stem}}_
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: base64

{{html}}

--_000_{{stem}}_
Content-Type: text/calendar; charset="utf-8"; method=REQUEST
Content-Transfer-Encoding: base64

{{ics}}

--_000_{{stem}}_--
""", tindex=thread_index("020"), mid=mid, stem=stem, text=b64(text.replace("\n", "\r\n").encode()),
        html=b64(html.replace("\n", "\r\n").encode()), ics=b64(ics.replace("\n", "\r\n").encode()))


@eml("021-gmail-calendar-invite-with-ics", "Google Calendar invite: mixed > alternative(text flowed delsp base64, QP HTML, 7bit text/calendar method=REQUEST) + application/ics invite.ics attachment.")
def gmail_invite() -> bytes:
    bm, ba = gmail_boundary("021-m"), gmail_boundary("021-a")
    ics = vcalendar("7kq2m9r4t1v8x3z6b0d5f2h7j4@google.example")
    text = "Quarterly planning\nMonday 8 July 2024 ⋅ 10:00 – 11:30\nCentral European Time - Berlin\n\nLocation\nRoom Aurora (3.14)\n\nReply for tomas.horvat@fabrikam.example\n"
    html = '<!doctype html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><div itemscope itemtype="http://schema.org/Event"><meta itemprop="eventStatus" content="http://schema.org/EventScheduled"/><h2 itemprop="name">Quarterly planning</h2><p>Monday 8 July 2024 ⋅ 10:00 – 11:30 (Central European Time - Berlin)</p><p>Room Aurora (3.14)</p></div></body></html>\n'
    return render("""\
MIME-Version: 1.0
Reply-To: Rosa Lindgren <rosa.lindgren@contoso.example>
Sender: Google Calendar <calendar-notification@google.example>
Message-ID: <calendar-3f2a9c1e-7b4d-4e60-a1f2-9c8d7e6b5a40@google.example>
Date: Thu, 20 Jun 2024 08:15:01 +0000
Subject: Invitation: Quarterly planning @ Mon 8 Jul 2024 10:00 - 11:30 (CEST) (tomas.horvat@fabrikam.example)
From: Rosa Lindgren <rosa.lindgren@contoso.example>
To: tomas.horvat@fabrikam.example
Content-Type: multipart/mixed; boundary="{{bm}}"

--{{bm}}
Content-Type: multipart/alternative; boundary="{{ba}}"

--{{ba}}
Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes
Content-Transfer-Encoding: base64

{{text}}
--{{ba}}
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{{html}}
--{{ba}}
Content-Type: text/calendar; charset="UTF-8"; method=REQUEST
Content-Transfer-Encoding: 7bit

{{ics}}
--{{ba}}--

--{{bm}}
Content-Type: application/ics; name="invite.ics"
Content-Disposition: attachment; filename="invite.ics"
Content-Transfer-Encoding: base64

{{icsb64}}
--{{bm}}--
""", bm=bm, ba=ba, text=b64(text.replace("\n", "\r\n").encode()), html=qp(html), ics=ics.rstrip("\n"),
        icsb64=b64(ics.replace("\n", "\r\n").encode()))
