"""Sends one raw message with smtplib, as a mail client would, and prints one JSON line: the final reply or the refusal.

usage: send.py MODE HOST PORT CAFILE USER TOKEN MAIL_FROM RCPT[,RCPT...] MESSAGE_FILE
MODE: submission (STARTTLS, then AUTH PLAIN), submissions (implicit TLS, AUTH PLAIN) or inbound (plain, no AUTH).
"""
import json
import smtplib
import ssl
import sys


def main():
    mode, host, port, cafile, user, token, mail_from, rcpts, path = sys.argv[1:10]
    with open(path, "rb") as f:
        raw = f.read()
    context = ssl.create_default_context(cafile=cafile)
    if mode == "submissions":
        smtp = smtplib.SMTP_SSL(host, int(port), local_hostname="client.example.test", context=context)
    else:
        smtp = smtplib.SMTP(host, int(port), local_hostname="client.example.test")
    try:
        smtp.ehlo()
        if mode == "submission":
            smtp.starttls(context=context)
            smtp.ehlo()
        if mode != "inbound":
            smtp.user, smtp.password = user, token
            smtp.auth("PLAIN", smtp.auth_plain)
        # sendmail sends the bytes as given (send_message would drop Bcc itself; the server must do it).
        code, text = smtp.mail(mail_from)
        if code >= 400:
            print(json.dumps({"ok": False, "stage": "mail", "code": code, "reply": text.decode()}))
            return
        for rcpt in rcpts.split(","):
            code, text = smtp.rcpt(rcpt)
            if code >= 400:
                print(json.dumps({"ok": False, "stage": "rcpt", "code": code, "reply": text.decode()}))
                return
        code, text = smtp.data(raw)
        print(json.dumps({"ok": code == 250, "stage": "data", "code": code, "reply": text.decode()}))
    except smtplib.SMTPResponseException as e:
        print(json.dumps({"ok": False, "stage": "error", "code": e.smtp_code, "reply": e.smtp_error.decode(errors="replace")}))
    finally:
        try:
            smtp.quit()
        except smtplib.SMTPException:
            pass


main()
