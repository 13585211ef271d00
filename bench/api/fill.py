#!/usr/bin/env python3
"""Fills one inbox over SMTP inbound: COUNT small messages over SESSIONS parallel connections, each connection reused
for its share (one SMTP transaction per message, as an MX would send them). Prints messages/s on stderr."""
import argparse
import smtplib
import sys
import threading
import time

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--to", required=True)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=16)
    parser.add_argument("--prefix", default="bench")
    args = parser.parse_args()
    errors = []
    done = [0]
    lock = threading.Lock()

    def worker(index):
        share = range(index, args.count, args.sessions)
        try:
            with smtplib.SMTP(args.host, args.port, local_hostname="fill.bench.test", timeout=60) as smtp:
                smtp.ehlo()
                for n in share:
                    body = (f"From: Sender {n % 97} <sender{n % 97}@elsewhere.test>\r\n"
                            f"To: {args.to}\r\n"
                            f"Subject: {args.prefix} message {n} about topic {n % 31}\r\n"
                            f"Message-ID: <{args.prefix}-{n}@elsewhere.test>\r\n"
                            f"Date: Fri, 04 Dec 2026 10:00:00 +0000\r\n\r\n"
                            f"Hello, this is message {n}.\r\nA second line of plain text for the preview.\r\n")
                    smtp.sendmail(f"sender{n % 97}@elsewhere.test", [args.to], body.encode("ascii"))
                    with lock:
                        done[0] += 1
        except Exception as exc:  # a failed session is reported, not hidden
            errors.append(f"session {index}: {exc!r}")

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    print(f"fill: {done[0]} messages accepted in {elapsed:.1f} s ({done[0] / elapsed:.0f} msg/s, {args.sessions} sessions)", file=sys.stderr)
    if errors or done[0] != args.count:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)

if __name__ == "__main__":
    main()
