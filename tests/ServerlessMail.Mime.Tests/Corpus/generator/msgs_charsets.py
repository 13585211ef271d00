"""Non-UTF-8 charsets, raw UTF-8 headers, encoded-word breakage and attachment filenames."""

from __future__ import annotations

import base64

from helpers import b64, enc_lines, ew_b, ew_q, pct, qp, render
from registry import eml


def head(sender: str, to: str, subject: str, date: str, mid: str) -> str:
    return "From: %s\nTo: %s\nSubject: %s\nDate: %s\nMessage-ID: <%s>\nMIME-Version: 1.0\n" % (sender, to, subject, date, mid)


@eml("029-iso-8859-1-qp", "ISO-8859-1: QP body with =E9/=FC escapes, Q-encoded Subject and display name in iso-8859-1, and an uppercase 'ISO-8859-1' label.")
def latin1() -> bytes:
    text = "Bonjour Hélène,\n\nVoici le résumé de la réunion : le budget est approuvé, la démo aura lieu à Zürich.\n\n¿Preguntas? Écrivez-moi.\n\nFrançois\n"
    return render(head(ew_q("François Lefèvre", "iso-8859-1", "ISO-8859-1") + " <f.lefevre@example.fr>",
                       "helene@example.ch", ew_q("Résumé de la réunion à Zürich", "iso-8859-1"),
                       "Mon, 8 Apr 2024 17:45:00 +0200", "latin1-0408@example.fr") + """\
Content-Type: text/plain; charset="ISO-8859-1"
Content-Transfer-Encoding: quoted-printable

{{body}}
""", body=qp(text, "iso-8859-1"))


@eml("030-iso-8859-2-8bit", "ISO-8859-2 (Polish/Czech): 8bit body, B-encoded Subject, plus a second part labelled latin2 (alias).")
def latin2() -> bytes:
    pl = "Dzień dobry Pani Małgorzato,\n\nprzesyłam fakturę za wrzesień. Proszę o potwierdzenie odbioru.\n\nZ poważaniem\nŁukasz Wójcik\n"
    cz = "Děkuji za rychlou odpověď, příští týden se ozvu ohledně smlouvy.\nJiří Dvořák\n"
    return render(head(ew_b("Łukasz Wójcik", "iso-8859-2") + " <lukasz@example.pl>", "malgorzata@example.cz",
                       ew_b("Faktura za wrzesień – potwierdzenie", "utf-8"), "Tue, 1 Oct 2024 08:30:00 +0200",
                       "latin2-1001@example.pl") + """\
Content-Type: multipart/mixed; boundary="l2"

--l2
Content-Type: text/plain; charset=iso-8859-2
Content-Transfer-Encoding: 8bit

{{pl}}
--l2
Content-Type: text/plain; charset=latin2
Content-Transfer-Encoding: 8bit

{{cz}}
--l2--
""", pl=pl.encode("iso-8859-2"), cz=cz.encode("iso-8859-2"))


@eml("031-iso-8859-15-euro", "ISO-8859-15: 8bit body where 0xA4 is the euro sign (not ¤ as in Latin-1), plus Œ/œ/Ÿ; Subject Q-encoded in iso-8859-15.")
def latin9() -> bytes:
    text = "Le prix total est de 1 250 € TTC.\nL'œuvre sera livrée à L'HAŸ-LES-ROSES.\nŒuvre complète : 3 × 40 €.\n"
    return render(head("Boutique <ventes@example.fr>", "client@example.fr", ew_q("Devis : 1 250 € TTC", "iso-8859-15"),
                       "Wed, 2 Oct 2024 11:00:00 +0200", "latin9-1002@example.fr") + """\
Content-Type: text/plain; charset=iso-8859-15
Content-Transfer-Encoding: 8bit

{{body}}
""", body=text.encode("iso-8859-15"))


@eml("032-windows-1251-base64", "windows-1251 Russian: base64 text and HTML bodies in alternative, B-encoded Subject/From in windows-1251.")
def cp1251() -> bytes:
    text = "Добрый день, Ирина!\n\nОтчёт за третий квартал во вложении. Прошу проверить раздел «Расходы».\n\nС уважением,\nСергей\n"
    html = "<html><body><p>Добрый день, Ирина!</p><p>Отчёт за третий квартал во вложении. Прошу проверить раздел «Расходы».</p><p>С уважением,<br>Сергей</p></body></html>\n"
    return render(head(ew_b("Сергей Волков", "windows-1251") + " <volkov@example.ru>",
                       ew_b("Ирина Смирнова", "windows-1251") + " <smirnova@example.ru>",
                       ew_b("Отчёт за третий квартал", "windows-1251"), "Thu, 3 Oct 2024 12:10:00 +0300",
                       "cp1251-1003@example.ru") + """\
Content-Type: multipart/alternative; boundary="----=_NextPart_000_0012_01DB1567.A1B2C3D0"

------=_NextPart_000_0012_01DB1567.A1B2C3D0
Content-Type: text/plain; charset="windows-1251"
Content-Transfer-Encoding: base64

{{text}}

------=_NextPart_000_0012_01DB1567.A1B2C3D0
Content-Type: text/html; charset="windows-1251"
Content-Transfer-Encoding: base64

{{html}}

------=_NextPart_000_0012_01DB1567.A1B2C3D0--
""", text=b64(text.replace("\n", "\r\n").encode("cp1251")), html=b64(html.replace("\n", "\r\n").encode("cp1251")))


@eml("033-windows-1252-mislabelled", "windows-1252 smart quotes, en dash, ellipsis, euro and trademark (0x80-0x9F): one part labelled windows-1252, one mislabelled iso-8859-1 with the same bytes.")
def cp1252() -> bytes:
    text = "“Smart quotes” – en dash… and 50 € for Widget™.\n‘Single’ quotes too.\n"
    data = text.encode("cp1252")
    return render(head("Word Export <export@example.com>", "parser@example.com", "Smart punctuation",
                       "Fri, 4 Oct 2024 09:00:00 -0500", "cp1252-1004@example.com") + """\
Content-Type: multipart/mixed; boundary="cp1252-b"

--cp1252-b
Content-Type: text/plain; charset=windows-1252
Content-Transfer-Encoding: 8bit

{{a}}
--cp1252-b
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: 8bit

{{b}}
--cp1252-b--
""", a=data, b=data)


@eml("034-koi8-r", "KOI8-R: 8bit body and B-encoded Subject and display name in koi8-r.")
def koi8r() -> bytes:
    text = "Привет, Дима!\n\nВстреча переносится на пятницу, 15:00. Захвати, пожалуйста, проектор.\n\nАня\n"
    return render(head(ew_b("Анна Кузнецова", "koi8-r") + " <anna@example.ru>", "dima@example.ru",
                       ew_b("Встреча в пятницу", "koi8-r"), "Mon, 7 Oct 2024 10:00:00 +0300", "koi8-1007@example.ru") + """\
Content-Type: text/plain; charset=koi8-r
Content-Transfer-Encoding: 8bit

{{body}}
""", body=text.encode("koi8-r"))


@eml("035-shift-jis", "Shift_JIS: base64 body, B-encoded Subject, and a raw 8-bit Shift_JIS quoted filename containing trail byte 0x5C (backslash) in 表 and ソ.")
def shift_jis() -> bytes:
    text = "山田様\n\nいつもお世話になっております。\nソフトウェア更新の資料を添付いたします。表の数値をご確認ください。\n\nよろしくお願いいたします。\n佐藤\n"
    fname = "更新表ソ.txt".encode("shift_jis")
    return render(head(ew_b("佐藤 花子", "shift_jis", "Shift_JIS") + " <sato@example.jp>", "yamada@example.jp",
                       ew_b("ソフトウェア更新の資料", "shift_jis", "Shift_JIS"), "Tue, 8 Oct 2024 14:20:00 +0900",
                       "sjis-1008@example.jp") + """\
Content-Type: multipart/mixed; boundary="sjis-b"

--sjis-b
Content-Type: text/plain; charset="Shift_JIS"
Content-Transfer-Encoding: base64

{{body}}
--sjis-b
Content-Type: text/plain; charset="Shift_JIS"
Content-Disposition: attachment; filename="{{fname}}"
Content-Transfer-Encoding: base64

{{att}}
--sjis-b--
""", body=b64(text.replace("\n", "\r\n").encode("shift_jis")), fname=fname,
        att=b64("表の数値: 42\r\n".encode("shift_jis")))


@eml("036-iso-2022-jp", "ISO-2022-JP: classic Japanese mail, 7bit body with ESC $ B / ESC ( B shifts, B-encoded Subject and From.")
def iso2022jp() -> bytes:
    text = "田中様\n\n来週の打ち合わせは水曜日の午後二時からでお願いします。\n会議室は三階です。\n\n鈴木\n"
    return render(head(ew_b("鈴木 一郎", "iso2022_jp", "ISO-2022-JP") + " <suzuki@example.jp>", "tanaka@example.jp",
                       ew_b("打ち合わせの日程", "iso2022_jp", "ISO-2022-JP"), "Wed, 9 Oct 2024 09:15:00 +0900",
                       "jis-1009@example.jp") + """\
Content-Type: text/plain; charset=ISO-2022-JP
Content-Transfer-Encoding: 7bit

{{body}}
""", body=enc_lines(text, "iso2022_jp"))


@eml("037-euc-kr-and-ks-c-5601", "Korean: one part labelled euc-kr (8bit), one labelled ks_c_5601-1987 (Outlook's label) in base64; B-encoded Subject.")
def euc_kr() -> bytes:
    a = "안녕하세요, 김 과장님.\n회의 자료를 보내드립니다. 검토 부탁드립니다.\n이지은 드림\n"
    b = "첨부 파일을 확인해 주세요. 감사합니다.\n"
    return render(head(ew_b("이지은", "euc-kr") + " <jieun@example.kr>", "kim@example.kr",
                       ew_b("회의 자료 송부", "euc-kr"), "Thu, 10 Oct 2024 16:00:00 +0900", "kr-1010@example.kr") + """\
Content-Type: multipart/mixed; boundary="kr-b"

--kr-b
Content-Type: text/plain; charset=euc-kr
Content-Transfer-Encoding: 8bit

{{a}}
--kr-b
Content-Type: text/plain; charset="ks_c_5601-1987"
Content-Transfer-Encoding: base64

{{b}}
--kr-b--
""", a=a.encode("euc-kr"), b=b64(b.replace("\n", "\r\n").encode("cp949")))


@eml("038-gb2312-declared-gbk-content", "Chinese: part labelled gb2312 whose bytes need GBK (喆, 堃, 镕 are outside GB 2312), a gbk part and a GB18030 part; Subject =?gb2312?B?...?=.")
def gb2312() -> bytes:
    a = "您好：\n附件是本月的销售报告，请查收。\n联系人：王喆、李堃、朱镕\n"
    b = "会议改到周四下午三点。\n"
    c = "谢谢！欧元符号：€，表情：😀\n"
    return render(head(ew_b("王喆", "gbk", "gb2312") + " <wangzhe@example.cn>", "sales@example.cn",
                       ew_b("本月销售报告", "gb2312"), "Fri, 11 Oct 2024 10:30:00 +0800", "gb-1011@example.cn") + """\
Content-Type: multipart/mixed; boundary="gb-b"

--gb-b
Content-Type: text/plain; charset="gb2312"
Content-Transfer-Encoding: 8bit

{{a}}
--gb-b
Content-Type: text/plain; charset="GBK"
Content-Transfer-Encoding: base64

{{b}}
--gb-b
Content-Type: text/plain; charset="GB18030"
Content-Transfer-Encoding: 8bit

{{c}}
--gb-b--
""", a=a.encode("gbk"), b=b64(b.encode("gbk")), c=c.encode("gb18030"))


@eml("039-big5", "Big5 Traditional Chinese: 8bit body containing 許/功 (second byte 0x5C), QP HTML part, B-encoded Subject.")
def big5() -> bytes:
    text = "陳先生您好：\n請查收附件中的報價單。許經理會在下週與您聯絡。\n功能清單已更新。\n"
    html = "<p>陳先生您好：</p><p>請查收附件中的報價單。許經理會在下週與您聯絡。</p>\n"
    return render(head(ew_b("林美玲", "big5") + " <lin@example.tw>", "chen@example.tw",
                       ew_b("報價單與功能清單", "big5"), "Mon, 14 Oct 2024 15:45:00 +0800", "big5-1014@example.tw") + """\
Content-Type: multipart/alternative; boundary="big5-b"

--big5-b
Content-Type: text/plain; charset=big5
Content-Transfer-Encoding: 8bit

{{text}}
--big5-b
Content-Type: text/html; charset=big5
Content-Transfer-Encoding: quoted-printable

{{html}}
--big5-b--
""", text=text.encode("big5"), html=qp(html.encode("big5")))


@eml("040-utf8-raw-headers-rfc6532", "RFC 6532: raw UTF-8 in Subject, display names, a quoted filename and Content-Description (no encoded-words), 8bit UTF-8 body.")
def utf8_headers() -> bytes:
    return render(head("Jürgen Groß <juergen.gross@example.de>", "李雷 <li.lei@example.cn>, \"Ødegård, Håkon\" <hakon@example.no>",
                       "Подтверждение заказа №5531 ✓ — Bestätigung", "Tue, 15 Oct 2024 08:00:00 +0200",
                       "u8hdr-1015@example.de") + """\
Content-Type: multipart/mixed; boundary="u8-b"

--u8-b
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Grüße aus Köln — 你好 — Привет.
--u8-b
Content-Type: application/pdf; name="Rechnung März №5531.pdf"
Content-Description: Rechnung für März
Content-Disposition: attachment; filename="Rechnung März №5531.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoKPDwvVHlwZS9DYXRhbG9nPj4KZW5kb2JqCnRyYWlsZXIKPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==
--u8-b--
""")


@eml("041-utf8-local-parts-smtputf8", "SMTPUTF8 addresses: UTF-8 local parts and IDN domains in From/To/Cc/Reply-To, 'with UTF8SMTPS' Received, raw UTF-8 Message-ID domain.")
def utf8_local() -> bytes:
    return render("""\
Received: from mail.例子.广告 (mail.xn--fsqu00a.xn--3lr804guic [203.0.113.88])
	by mx.παράδειγμα.δοκιμή with UTF8SMTPS id 5Q2R3S4T
	for <δημήτρης@παράδειγμα.δοκιμή>; Wed, 16 Oct 2024 12:00:00 +0000
From: 用户 <用户@例子.广告>
To: "Δημήτρης Νικολάου" <δημήτρης@παράδειγμα.δοκιμή>
Cc: josé.martínez@exämple.org, Ирина <ирина@пример.рф>
Reply-To: अजय <अजय@उदाहरण.भारत>
Subject: UTF-8 mailbox names
Date: Wed, 16 Oct 2024 11:59:58 +0000
Message-ID: <smtputf8-1016@例子.广告>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Every mailbox in this header block has a UTF-8 local part.
""")


@eml("042-ew-inside-quoted-display-name", "Encoded-words inside quoted display names (forbidden by RFC 2047 §5 but common), including one whose decoded text contains a comma, next to correct unquoted ones.")
def ew_quoted() -> bytes:
    return render("""\
From: "=?utf-8?Q?Andr=C3=A9_Mei=C3=9Fner?=" <andre.meissner@example.de>
To: "=?iso-8859-1?Q?M=FCller=2C_J=FCrgen?=" <j.mueller@example.de>,
 "Support =?utf-8?Q?T=C3=A9am?= (EU)" <support@example.eu>
Cc: =?utf-8?B?5bGx55SwIOWkqumDjg==?= <yamada@example.jp>,
 =?utf-8?Q?Gro=C3=9F=2C_Anna?= <anna.gross@example.de>
Reply-To: "=?utf-8?B?RG9lLCBKYW5l?=" <jane.doe@example.com>
Subject: Encoded words inside quoted display names
Date: Thu, 17 Oct 2024 09:00:00 +0000
Message-ID: <ew-quoted-1017@example.de>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Display names above mix quoted and unquoted encoded-words.
""")


@eml("043-ew-adjacent-without-space", "Adjacent encoded-words with no whitespace, folded between words, tab between words, glued to plain text on either side, mixed with plain words.")
def ew_adjacent() -> bytes:
    return render("""\
From: =?utf-8?Q?J=C3=BCrgen?==?utf-8?Q?_Gro=C3=9F?= <jg@example.de>
To: parser@example.com
Subject: =?utf-8?Q?Caf=C3=A9?==?utf-8?Q?_con_leche?==?utf-8?B?IOKYlQ==?=
X-Tab-Between: =?utf-8?Q?a?=\t=?utf-8?Q?b?=
X-Folded-Between: =?utf-8?B?44GT44KT44Gr44Gh44Gv?=
 =?utf-8?B?5LiW55WM?=
X-Glued-To-Text: prefix=?utf-8?Q?caf=C3=A9?=suffix and Re:=?utf-8?Q?r=C3=A9ponse?=
X-Mixed: Hello =?utf-8?Q?w=C3=B6rld?= and =?iso-8859-1?Q?caf=E9?= done
X-Ew-In-Comment: (=?utf-8?Q?Kommentar_=C3=BC?=) text
Date: Fri, 18 Oct 2024 09:00:00 +0000
Message-ID: <ew-adjacent-1018@example.de>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Adjacent encoded-words in the headers above.
""")


def _split_b(data: bytes, cut: int, label: str = "utf-8") -> str:
    return "=?%s?B?%s?= =?%s?B?%s?=" % (label, base64.b64encode(data[:cut]).decode(), label,
                                        base64.b64encode(data[cut:]).decode())


@eml("044-ew-multibyte-split-across-words", "A multibyte character split across two encoded-words (UTF-8 in B and Q, Shift_JIS lead/trail, UTF-8 in a display name): invalid per RFC 2047 §5, common in practice.")
def ew_split() -> bytes:
    tokyo = "東京都の天気予報".encode("utf-8")
    sjis = "資料送付".encode("shift_jis")
    return render("""\
From: {{from_}} <ayaka@example.jp>
To: parser@example.com
Subject: {{subject}}
X-Split-Q: =?utf-8?Q?caf=C3?= =?utf-8?Q?=A9_au_lait?=
X-Split-Sjis: {{sjis}}
X-Split-Mixed-Charsets: =?utf-8?Q?na=C3?= =?iso-8859-1?Q?=EFve?=
Date: Sat, 19 Oct 2024 09:00:00 +0000
Message-ID: <ew-split-1019@example.jp>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Encoded-words above split multibyte characters.
""", from_=_split_b("高橋 彩花".encode("utf-8"), 4), subject=_split_b(tokyo, 7), sjis=_split_b(sjis, 3, "shift_jis"))


@eml("045-ew-unknown-charset-malformed", "Encoded-word breakage: unknown charset, lowercase ?q?/?b?, charset aliases (UTF8, latin1, cp1252), RFC 2231 language suffix, bad encoding letter, bad base64, unterminated and empty words.")
def ew_malformed() -> bytes:
    return render("""\
From: =?x-unknown-charset?Q?Gr=FC=DFe?= <unknown@example.com>
To: =?utf-8?q?lower_q_works?= <lower@example.com>
Subject: =?utf-8?b?bG93ZXJjYXNlIGI=?= and =?UTF8?Q?alias_=C3=A9?=
X-Latin1-Alias: =?latin1?q?caf=E9?=
X-Cp1252: =?cp1252?Q?=93quoted=94_=80?=
X-Language-Suffix: =?utf-8*de?Q?Stra=C3=9Fe?=
X-Bad-Encoding-Letter: =?utf-8?X?abc?=
X-Bad-Base64: =?utf-8?B?w6k*?= and =?utf-8?B?w6?=
X-Unterminated: =?utf-8?Q?abc def
X-Empty-Word: before =?utf-8?Q??= after
X-Question-Mark-In-Q: =?utf-8?Q?what?_really?=
X-Underscore-And-Space: =?utf-8?Q?a_b=20c?=
X-Too-Long-Word: {{long}}
Date: Sun, 20 Oct 2024 09:00:00 +0000
Message-ID: <ew-malformed-1020@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Malformed encoded-words in the headers above.
""", long=ew_b("An encoded-word longer than the 75 characters RFC 2047 §2 allows, still decodable."))


@eml("046-rfc2231-continuations", "RFC 2231 §3/§4 filenames: plain continuations, encoded continuations with charset and language, single extended value in ISO-8859-1, mixed encoded/unencoded sections.")
def rfc2231() -> bytes:
    ja = pct("日本語の資料.docx")
    return render("""\
From: Params <params@example.com>
To: parser@example.com
Subject: RFC 2231 parameter continuations
Date: Mon, 21 Oct 2024 09:00:00 +0000
Message-ID: <rfc2231-1021@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="p2231"

--p2231
Content-Type: application/pdf; name="quarterly-report-2024-final.pdf"
Content-Disposition: attachment;
 filename*0="quarterly-report-";
 filename*1="2024-final";
 filename*2=".pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjcKJSVFT0YK
--p2231
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document
Content-Disposition: attachment;
 filename*0*=UTF-8'ja'{{ja0}};
 filename*1*={{ja1}}
Content-Transfer-Encoding: base64

UEsDBBQAAAAIAA==
--p2231
Content-Type: text/plain; charset=iso-8859-1
Content-Disposition: attachment; filename*=iso-8859-1'de'%DCbersicht%20f%FCr%20M%E4rz.txt

Inhalt
--p2231
Content-Type: text/plain
Content-Disposition: attachment;
 filename*0*=utf-8''%C3%A9t%C3%A9;
 filename*1=" report";
 filename*2*=%E2%80%94final.txt

mixed sections
--p2231--
""", ja0=ja[:27], ja1=ja[27:])


@eml("047-rfc2231-out-of-order-and-conflicts", "Filename conflicts: continuations out of order, a gap in the sections, filename plus filename* (RFC 6266 §4.3 prefers filename*), name vs filename, duplicate filename, unknown charset, bad %-escape, language tag.")
def rfc2231_conflicts() -> bytes:
    parts = [
        ("out-of-order", 'attachment; filename*1="part-two"; filename*0="part-one-"; filename*2=".txt"'),
        ("out-of-order-encoded", "attachment; filename*0*=utf-8''%C3%A9t%C3%A9-; filename*2=\".log\"; filename*1*=%C3%A9t%C3%A9"),
        ("gap", 'attachment; filename*0="gap-"; filename*2="missing-one.txt"'),
        ("both-forms", "attachment; filename=\"plain.txt\"; filename*=UTF-8''%E2%9C%93-extended.txt"),
        ("duplicate", 'attachment; filename="first.txt"; filename="second.txt"'),
        ("unknown-charset", "attachment; filename*=x-unknown-charset''%FF%FEdata.bin"),
        ("bad-percent", "attachment; filename*=UTF-8''100%25%2.txt%G1"),
        ("language", "attachment; filename*=UTF-8'en-GB'colour%20chart.png"),
    ]
    out = []
    for label, disposition in parts:
        out.append("--conf\nContent-Type: application/octet-stream\nContent-Disposition: %s\nX-Case: %s\n\n%s\n" % (
            disposition, label, label))
    out.append("--conf\nContent-Type: text/plain; name=\"from-name.txt\"\nContent-Disposition: attachment; filename=\"from-disposition.txt\"\nX-Case: name-vs-filename\n\nname-vs-filename\n")
    out.append("--conf\nContent-Type: text/plain; name*=UTF-8''%C3%B1ame-only.txt\nX-Case: name-star-only\n\nname-star-only\n")
    return render("""\
From: Params <params@example.com>
To: parser@example.com
Subject: Conflicting filename parameters
Date: Tue, 22 Oct 2024 09:00:00 +0000
Message-ID: <rfc2231-conflicts-1022@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="conf"

{{parts}}--conf--
""", parts="".join(out))


@eml("048-long-nonascii-filenames", "Long and non-ASCII filenames: Outlook-style encoded-words folded inside quotes, a 4-section RFC 2231 value split inside a UTF-8 sequence, emoji, a 400-character ASCII name, raw UTF-8 quoted name.")
def long_filenames() -> bytes:
    ja = "令和六年度第三四半期における東日本地区営業部門の売上実績および来期予算計画に関する詳細報告書（最終版・役員会提出用）.xlsx"
    words = "\n\t".join(ew_b(ja[i:i + 12]) for i in range(0, len(ja), 12))
    long_ascii = "-".join("section%02d" % i for i in range(40))[:396] + ".txt"
    fr = pct("Procès-verbal de l'assemblée générale extraordinaire des copropriétaires du 14 octobre 2024 — version signée par le syndic.pdf")
    sections = []
    while fr:
        cut = min(60, len(fr))
        while "%" in fr[max(0, cut - 2):cut]:  # never split inside a %XX escape
            cut -= 1
        sections.append(fr[:cut])
        fr = fr[cut:]
    cont = ";\n ".join(("filename*%d*=%s%s" % (i, "UTF-8''" if i == 0 else "", s)) for i, s in enumerate(sections))
    emoji = "📎 Notes 🗒️ – résumé.txt"
    return render("""\
From: Long Names <long@example.com>
To: parser@example.com
Subject: Long and non-ASCII filenames
Date: Wed, 23 Oct 2024 09:00:00 +0000
Message-ID: <long-names-1023@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="names"

--names
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;
	name="{{words}}"
Content-Disposition: attachment;
	filename="{{words}}"
Content-Transfer-Encoding: base64

UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==
--names
Content-Type: application/pdf
Content-Disposition: attachment;
 {{cont}}
Content-Transfer-Encoding: base64

JVBERi0xLjcKJSVFT0YK
--names
Content-Type: text/plain; charset=utf-8; name="{{emoji_ew}}"
Content-Disposition: attachment; filename*=UTF-8''{{emoji_pct}}

emoji
--names
Content-Type: text/plain; name="{{long_ascii}}"
Content-Disposition: attachment; filename="{{long_ascii}}"

long ascii
--names
Content-Type: application/pdf; name="Müller–Überweisung 2024.pdf"
Content-Disposition: attachment; filename="Müller–Überweisung 2024.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjcKJSVFT0YK
--names--
""", words=words, cont=cont, emoji_ew=ew_b(emoji), emoji_pct=pct(emoji), long_ascii=long_ascii)


@eml("049-filename-path-traversal", "Filenames a sanitizer must neutralise: ../ traversal, C:\\ paths (raw and RFC-escaped), ..\\ in a token, absolute Unix path, UNC path, traversal hidden in an encoded-word and in RFC 2231.")
def traversal() -> bytes:
    cases = [
        ('filename="../../etc/passwd"', "dotdot-slash"),
        (r'filename="C:\x\evil.exe"', "windows-path-raw-backslashes"),
        (r'filename="C:\\x\\evil.exe"', "windows-path-escaped-backslashes"),
        (r"filename=..\..\boot.ini", "dotdot-backslash-token"),
        ('filename="/etc/cron.d/backdoor"', "absolute-unix"),
        (r'filename="\\fileserver\share\payload.dll"', "unc-path"),
        ('filename="%s"' % ew_b("../../../home/user/.ssh/authorized_keys"), "traversal-in-encoded-word"),
        ("filename*=UTF-8''..%2F..%2Fvar%2Fwww%2Fshell.php", "traversal-in-rfc2231"),
        ('filename="reports/2024/../../../../tmp/x.sh"', "embedded-dotdot"),
        ('filename="./.././.bashrc"', "dot-segments"),
    ]
    out = []
    for disp, label in cases:
        out.append("--trav\nContent-Type: application/octet-stream\nContent-Disposition: attachment; %s\nX-Case: %s\n\n%s\n" % (
            disp, label, label))
    return render("""\
From: Sanitizer Tests <sanitize@example.com>
To: parser@example.com
Subject: Path traversal in attachment names
Date: Thu, 24 Oct 2024 09:00:00 +0000
Message-ID: <traversal-1024@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="trav"

{{parts}}--trav--
""", parts="".join(out))


@eml("050-filename-control-and-reserved", "Filenames with control characters (raw TAB and 0x01 in quotes; %00/%0D%0A/%07 via RFC 2231; BEL via encoded-word), RTL override, zero-width space, Windows reserved names, trailing dots/spaces, empty/blank/'.'/'..' names.")
def control_names() -> bytes:
    cases = [
        ('filename="tab\there.txt"', "raw-tab"),
        ('filename="soh\x01char.txt"', "raw-0x01"),
        ("filename*=UTF-8''nul%00byte.txt", "pct-nul"),
        ("filename*=UTF-8''line%0D%0Abreak.txt", "pct-crlf"),
        ("filename*=UTF-8''bell%07.txt", "pct-bel"),
        ('filename="%s"' % ew_q("bell\x07del\x7f.txt"), "ew-bel-del"),
        ("filename*=UTF-8''invoice%E2%80%AEfdp.exe", "rtl-override"),
        ("filename*=UTF-8''zero%E2%80%8Bwidth.pdf", "zero-width-space"),
        ('filename="CON"', "reserved-con"),
        ('filename="nul.txt"', "reserved-nul"),
        ('filename="COM1.log"', "reserved-com1"),
        ('filename="report.pdf. . ."', "trailing-dots-spaces"),
        ('filename="-rf"', "leading-dash"),
        ('filename=""', "empty"),
        ('filename="   "', "blank"),
        ('filename="."', "dot"),
        ('filename=".."', "dotdot"),
        ('filename="file.pdf\x00.exe"', "raw-nul"),
    ]
    out = []
    for disp, label in cases:
        out.append("--ctl\nContent-Type: application/octet-stream\nContent-Disposition: attachment; %s\nX-Case: %s\n\n%s\n" % (
            disp, label, label))
    return render("""\
From: Sanitizer Tests <sanitize@example.com>
To: parser@example.com
Subject: Control characters and reserved names in attachment names
Date: Fri, 25 Oct 2024 09:00:00 +0000
Message-ID: <control-names-1025@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="ctl"

{{parts}}--ctl--
""", parts="".join(out))
