#!/usr/bin/env python3
"""A small scriptable SMTP server for the smarthost relay tests: real sockets, real TLS (python's ssl module).

Usage: smtp_peer.py --spool DIR [--tls starttls|implicit|none] [--cert PEM --key PEM] [--user U --password P]
                    [--auth PLAIN,LOGIN] [--no-starttls] [--inject] [--size N]
Prints "READY <port>" once listening on 127.0.0.1 (an ephemeral port). Each accepted message is written to
DIR/<n>.eml (dot-unstuffed, exactly as received) with DIR/<n>.json (envelope, auth user, TLS).

Recipients script the replies, by local part prefix:
  temp*        RCPT 450 4.2.1        reject*     RCPT 550 5.1.1
  flaky*       RCPT 451 4.3.0 the first time this address is seen, 250 after
  datatemp*    end of DATA 452 4.3.1 datareject* end of DATA 554 5.6.0
"""
import argparse, base64, json, os, socket, ssl, sys, threading

parser = argparse.ArgumentParser()
parser.add_argument("--spool", required=True)
parser.add_argument("--tls", default="starttls", choices=["starttls", "implicit", "none"])
parser.add_argument("--cert"); parser.add_argument("--key")
parser.add_argument("--user"); parser.add_argument("--password")
parser.add_argument("--auth", default="PLAIN,LOGIN")
parser.add_argument("--no-starttls", action="store_true", help="do not offer STARTTLS (the client must not downgrade)")
parser.add_argument("--inject", action="store_true", help="send a plaintext reply right after the STARTTLS 220")
parser.add_argument("--size", type=int, default=0)
args = parser.parse_args()

lock = threading.Lock()
state = {"count": 0, "seen": set()}
context = None
if args.tls != "none":
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(args.cert, args.key)


class Session:
    def __init__(self, sock):
        self.sock = sock
        self.tls = False
        if args.tls == "implicit":
            self.sock = context.wrap_socket(sock, server_side=True)
            self.tls = True
        self.file = self.sock.makefile("rb")
        self.user = None
        self.reset()

    def reset(self):
        self.mail_from = None
        self.rcpts = []
        self.data_script = None

    def send(self, line):
        self.sock.sendall((line + "\r\n").encode())

    def readline(self, limit=4096):
        line = self.file.readline(limit)
        if not line:
            raise EOFError
        return line

    def ehlo(self):
        lines = ["peer.test"]
        if args.size:
            lines.append("SIZE %d" % args.size)
        lines += ["8BITMIME", "ENHANCEDSTATUSCODES"]
        if not self.tls and args.tls == "starttls" and not args.no_starttls:
            lines.append("STARTTLS")
        if self.tls or args.tls == "none":
            lines.append("AUTH " + args.auth.replace(",", " "))
        for i, text in enumerate(lines):
            self.send(("250 " if i == len(lines) - 1 else "250-") + text)

    def check(self, user, password):
        if user == args.user and password == args.password:
            self.user = user
            self.send("235 2.7.0 Authentication successful")
        else:
            self.send("535 5.7.8 Authentication credentials invalid")

    def auth(self, words):
        mechanisms = args.auth.split(",")
        if not self.tls and args.tls != "none":
            return self.send("530 5.7.0 Must issue a STARTTLS command first")
        if len(words) < 2 or words[1].upper() not in mechanisms:
            return self.send("504 5.5.4 Unrecognized authentication type")
        if words[1].upper() == "PLAIN":
            if len(words) > 2:
                response = words[2]
            else:
                self.send("334 ")
                response = self.readline().strip().decode()
            parts = base64.b64decode(response).decode().split("\0")
            return self.check(parts[1], parts[2])
        self.send("334 VXNlcm5hbWU6")
        user = base64.b64decode(self.readline().strip()).decode()
        self.send("334 UGFzc3dvcmQ6")
        password = base64.b64decode(self.readline().strip()).decode()
        self.check(user, password)

    def rcpt(self, address):
        local = address.split("@")[0].lower()
        if local.startswith("temp"):
            return self.send("450 4.2.1 Mailbox busy, try again later")
        if local.startswith("reject"):
            return self.send("550 5.1.1 <%s>: Recipient address rejected: no such user" % address)
        if local.startswith("flaky"):
            with lock:
                first = address not in state["seen"]
                state["seen"].add(address)
            if first:
                return self.send("451 4.3.0 Temporary local problem, try again")
        if local.startswith("datatemp"):
            self.data_script = "452 4.3.1 Insufficient system storage"
        if local.startswith("datareject"):
            self.data_script = "554 5.6.0 Message content refused"
        self.rcpts.append(address)
        self.send("250 2.1.5 Ok")

    def data(self):
        if not self.rcpts:
            return self.send("554 5.5.1 No valid recipients")
        self.send("354 End data with <CR><LF>.<CR><LF>")
        body = bytearray()
        while True:
            line = self.readline(1 << 20)
            if line == b".\r\n":
                break
            if line.startswith(b".."):
                line = line[1:]
            body += line
        if self.data_script:
            self.send(self.data_script)
        else:
            with lock:
                state["count"] += 1
                n = state["count"]
            path = os.path.join(args.spool, "%03d" % n)
            with open(path + ".eml.tmp", "wb") as f:
                f.write(body)
            with open(path + ".json.tmp", "w") as f:
                json.dump({"mail_from": self.mail_from, "rcpt": self.rcpts, "user": self.user, "tls": self.tls}, f)
            os.rename(path + ".eml.tmp", path + ".eml")
            os.rename(path + ".json.tmp", path + ".json")
            self.send("250 2.0.0 Ok: queued as Q%03d" % n)
        self.reset()

    def run(self):
        self.send("220 peer.test ESMTP smtp_peer")
        while True:
            words = self.readline().decode("utf-8", "replace").rstrip("\r\n").split(" ")
            verb = words[0].upper()
            if verb == "EHLO":
                self.ehlo()
            elif verb == "HELO":
                self.send("250 peer.test")
            elif verb == "STARTTLS" and not self.tls and args.tls == "starttls":
                if args.inject:
                    # One write, so the client reads the injected line together with the 220.
                    self.sock.sendall(b"220 2.0.0 Ready to start TLS\r\n250 2.0.0 injected before the handshake\r\n")
                else:
                    self.send("220 2.0.0 Ready to start TLS")
                self.sock = context.wrap_socket(self.sock, server_side=True)
                self.file = self.sock.makefile("rb")
                self.tls = True
                self.reset()
            elif verb == "AUTH":
                self.auth(words)
            elif verb == "MAIL":
                if args.user and not self.user:
                    self.send("530 5.7.0 Authentication required")
                else:
                    self.mail_from = words[1][len("FROM:<"):].split(">")[0]
                    self.send("250 2.1.0 Ok")
            elif verb == "RCPT":
                if self.mail_from is None:
                    self.send("503 5.5.1 Need MAIL first")
                else:
                    self.rcpt(words[1][len("TO:<"):].split(">")[0])
            elif verb == "DATA":
                self.data()
            elif verb == "RSET":
                self.reset()
                self.send("250 2.0.0 Ok")
            elif verb == "QUIT":
                self.send("221 2.0.0 Bye")
                return
            else:
                self.send("502 5.5.2 Command not recognized")


def serve(sock):
    try:
        Session(sock).run()
    except (EOFError, ConnectionError, ssl.SSLError, OSError):
        pass
    finally:
        sock.close()


listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(16)
print("READY %d" % listener.getsockname()[1], flush=True)
while True:
    connection, _ = listener.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
