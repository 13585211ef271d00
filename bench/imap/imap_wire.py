"""The IMAP wire for the benchmark scripts: one connection (TCP, implicit TLS or STARTTLS, LOGIN) with a buffered
reader that understands response lines and {n} literals (RFC 3501 §4.3, §7.5), for precise timing without imaplib.

Connection(args) reads args.host, .port, .tls (none|starttls|implicit), .cafile, .insecure, .user, .password or
.password_env (an environment variable's name), and .timeout. The password never appears in an error message.
"""

import os
import re
import socket
import ssl
import time

LITERAL = re.compile(rb"\{(\d+)\+?\}$")
MAX_KEPT_LITERAL = 1 << 20  # literals in metadata (a subject sent as a literal) are kept up to this; bodies are counted


class Failure(Exception):
    """The server deviated from what the benchmark asked for."""


class Response:
    __slots__ = ("text", "literals", "literal_bytes")

    def __init__(self):
        self.text = bytearray()  # the response with each literal replaced by {n}
        self.literals = []  # kept literal contents (small ones only)
        self.literal_bytes = 0


class Connection:
    """One IMAP connection with a buffered reader that understands lines and literals (RFC 3501 §4.3)."""

    def __init__(self, args, prefix=b"A"):
        raw = socket.create_connection((args.host, args.port), timeout=args.timeout)
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.context = None
        if args.tls != "none":
            self.context = ssl.create_default_context(cafile=args.cafile)
            if args.insecure:
                self.context.check_hostname = False
                self.context.verify_mode = ssl.CERT_NONE
        self.sock = self.context.wrap_socket(raw, server_hostname=args.host) if args.tls == "implicit" else raw
        self.buf = bytearray()
        self.pos = 0
        self.tag = 0
        self.prefix = prefix
        self.chunk = memoryview(bytearray(1 << 18))
        greeting = self.read_line()
        if not greeting.startswith(b"* OK"):
            raise Failure(f"unexpected greeting: {greeting[:200]!r}")
        if args.tls == "starttls":
            self.command(b"STARTTLS")
            if self.pos != len(self.buf):
                raise Failure("the server sent data after its STARTTLS reply, before the handshake")
            self.sock = self.context.wrap_socket(self.sock, server_hostname=args.host)
        password = os.environ.get(args.password_env, "") if args.password_env else args.password
        self.command(b"LOGIN " + quote(args.user) + b" " + quote(password), shown=b"LOGIN (credentials hidden)")

    def _fill(self):
        if self.pos > (1 << 20):
            del self.buf[:self.pos]
            self.pos = 0
        n = self.sock.recv_into(self.chunk)
        if n == 0:
            raise Failure("the server closed the connection")
        self.buf += self.chunk[:n]

    def read_line(self):
        while True:
            end = self.buf.find(b"\r\n", self.pos)
            if end >= 0:
                line = bytes(self.buf[self.pos:end])
                self.pos = end + 2
                return line
            if len(self.buf) - self.pos > (1 << 24):
                raise Failure("a response line longer than 16 MB")
            self._fill()

    def read_literal(self, size, response):
        """Consumes SIZE bytes; keeps them only when small (metadata), else just counts them."""
        response.literal_bytes += size
        keep = size <= MAX_KEPT_LITERAL
        kept = bytearray() if keep else None
        remaining = size
        while remaining:
            if self.pos == len(self.buf):
                self._fill()
            take = min(remaining, len(self.buf) - self.pos)
            if keep:
                kept += self.buf[self.pos:self.pos + take]
            self.pos += take
            remaining -= take
        response.literals.append(bytes(kept) if keep else size)

    def read_response(self):
        response = Response()
        while True:
            line = self.read_line()
            response.text += line
            match = LITERAL.search(line)
            if not match:
                return response
            self.read_literal(int(match.group(1)), response)

    def start(self, command):
        """Writes one tagged command; returns its tag (with the trailing space) for finish()."""
        self.tag += 1
        tag = b"%s%d " % (self.prefix, self.tag)
        self.sock.sendall(tag + command + b"\r\n")
        return tag

    def finish(self, tag, on_untagged=None, shown=b"command"):
        """Reads responses up to TAG's tagged reply: returns on OK, raises Failure on NO/BAD (with SHOWN, never
        the command itself, so a LOGIN's secret stays out of messages). Untagged responses go to ON_UNTAGGED."""
        while True:
            response = self.read_response()
            if response.text.startswith(tag):
                status = bytes(response.text[len(tag):])
                if not status.upper().startswith(b"OK"):
                    raise Failure(f"{shown.decode(errors='replace')[:120]}: {status.decode(errors='replace')}")
                return
            if response.text.startswith(b"+"):
                raise Failure(f"unexpected continuation for {shown[:60]!r}")
            if on_untagged:
                on_untagged(response)

    def command(self, command, on_untagged=None, shown=None):
        """One command to its tagged OK (or Failure); returns the seconds from writing it to reading the reply."""
        started = time.perf_counter()
        self.finish(self.start(command), on_untagged, shown or command)
        return time.perf_counter() - started

    def close(self):
        try:
            self.command(b"LOGOUT")
        except (Failure, OSError):
            pass
        self.sock.close()


def quote(value):
    if isinstance(value, str):
        value = value.encode()
    return b'"' + value.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'
