"""Drives our SMTP server with Python's smtplib, as a real mail client would. Prints one RESULT line per step."""
import smtplib
import ssl
import sys
from email.message import EmailMessage


def message(sender, to, subject):
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content("Sent by smtplib.\n.leading dot line\n")
    return msg


def main():
    mode, host, port, cafile = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    user, token = (sys.argv[5], sys.argv[6]) if len(sys.argv) > 6 else (None, None)
    context = ssl.create_default_context(cafile=cafile)
    if mode == "inbound":
        with smtplib.SMTP(host, port, local_hostname="python.example.test") as smtp:
            smtp.ehlo()
            print("RESULT ehlo-starttls", smtp.has_extn("starttls"), "auth", smtp.has_extn("auth"))
            refused = smtp.send_message(message("sender@example.test", "alice@hosted.test", "smtplib inbound"))
            print("RESULT sent refused=%d" % len(refused))
            try:
                smtp.send_message(message("sender@example.test", "victim@elsewhere.test", "relay?"))
            except smtplib.SMTPRecipientsRefused as e:
                code, text = e.recipients["victim@elsewhere.test"]
                print("RESULT relay-refused", code, text.decode())
    elif mode in ("starttls-plain", "starttls-login"):
        with smtplib.SMTP(host, port, local_hostname="python.example.test") as smtp:
            smtp.ehlo()
            print("RESULT auth-before-tls", smtp.has_extn("auth"))
            smtp.starttls(context=context)
            smtp.ehlo()
            mechanism = "PLAIN" if mode == "starttls-plain" else "LOGIN"
            smtp.user, smtp.password = user, token
            code, _ = smtp.auth(mechanism, smtp.auth_plain if mechanism == "PLAIN" else smtp.auth_login)
            print("RESULT auth", mechanism, code)
            refused = smtp.send_message(message(user, "friend@elsewhere.test", "smtplib " + mode))
            print("RESULT sent refused=%d" % len(refused))
    elif mode == "ssl":
        with smtplib.SMTP_SSL(host, port, local_hostname="python.example.test", context=context) as smtp:
            smtp.ehlo()
            print("RESULT starttls-offered", smtp.has_extn("starttls"))
            smtp.login(user, token)
            print("RESULT logged-in")
            refused = smtp.send_message(message(user, "friend@elsewhere.test", "smtplib ssl"))
            print("RESULT sent refused=%d" % len(refused))
    else:
        raise SystemExit("unknown mode " + mode)


main()
