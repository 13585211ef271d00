#!/usr/bin/env python3
"""Runs one inbound benchmark cell with smtp-source, and formats the results.

  cells.py run --name ours --port P --sessions S --size BYTES --messages M --count store:DB:ADDRESS ...
  cells.py table RESULTS.tsv

A cell is timed from just before smtp-source starts until the last message is *delivered*: for Postfix, a file in
the Maildir's new/; for ServerlessMail, a message in the recipient's INBOX (the folder's message counter, which is
what IMAP reports as EXISTS). Both servers accept first and deliver asynchronously, so stopping the clock when the
client finishes would flatter whichever one queues more. The time until smtp-source returns is kept too (accepted).
"""

import argparse
import os
import sqlite3
import subprocess
import sys
import time

POLL_SECONDS = 0.01


class MaildirCounter:
    def __init__(self, directory):
        self._new = os.path.join(directory, "new")

    def __call__(self):
        try:
            with os.scandir(self._new) as entries:
                return sum(1 for _ in entries)
        except FileNotFoundError:
            return 0  # virtual(8) creates the Maildir on first delivery


class StoreCounter:
    """Reads the INBOX counter straight from the embedded store's SQLite file, read-only, from another process (WAL
    lets readers run beside the writer). It is the only reader this schema knows about; see bench/README.md."""

    QUERY = (
        "SELECT f.total FROM folders f JOIN inboxes i ON i.id = f.inbox_id "
        "WHERE i.address = ? AND f.name_key = 'INBOX'"
    )

    def __init__(self, database, address):
        self._connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
        self._address = address

    def __call__(self):
        row = self._connection.execute(self.QUERY, (self._address,)).fetchone()
        if row is None:
            raise SystemExit(f"no INBOX for {self._address} in the store")
        return row[0]


def counter_for(spec):
    kind, _, rest = spec.partition(":")
    if kind == "maildir":
        return MaildirCounter(rest)
    if kind == "store":
        database, _, address = rest.rpartition(":")
        return StoreCounter(database, address)
    raise SystemExit(f"unknown counter {spec!r}: use maildir:DIR or store:DB:ADDRESS")


def run(args):
    count = counter_for(args.count)
    before = count()
    target = before + args.messages
    command = [
        "taskset", "-c", str(args.client_cpu), args.smtp_source,
        "-s", str(args.sessions), "-m", str(args.messages), "-l", str(args.size),
        "-f", args.sender, "-t", args.recipient, "-M", "source.localhost",
    ]
    if args.reuse:
        command.append("-d")
    command.append(f"127.0.0.1:{args.port}")

    start = time.monotonic()
    source = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    accepted = None
    delivered = None
    deadline = start + args.timeout
    while True:
        now = time.monotonic()
        if accepted is None and source.poll() is not None:
            accepted = now - start
            if source.returncode != 0:
                print(f"smtp-source failed against {args.name} (exit {source.returncode}): {source.stderr.read().strip()}",
                      file=sys.stderr)
                return 1
        current = count()
        if current >= target:
            delivered = time.monotonic() - start
            if accepted is not None:
                break
        if now > deadline:
            source.kill()
            print(f"{args.name}: timed out after {args.timeout} s with {current - before} of {args.messages} "
                  "messages delivered", file=sys.stderr)
            return 1
        time.sleep(POLL_SECONDS)

    # Delivery can be observed before smtp-source has exited (it still has QUITs to send).
    delivered = max(delivered, accepted)
    print(f"{args.name}\t{args.sessions}\t{args.size}\t{args.messages}\t{accepted:.3f}\t{delivered:.3f}")
    return 0


def size_label(size):
    return f"{size // 1024} KB" if size % 1024 == 0 else f"{size} B"


def table(args):
    cells = {}
    order = []
    with open(args.results, encoding="utf-8") as results:
        for line in results:
            name, sessions, size, messages, accepted, delivered = line.rstrip("\n").split("\t")
            key = (int(sessions), int(size))
            if key not in cells:
                order.append(key)
                cells[key] = {}
            cells[key][name] = (int(messages), float(accepted), float(delivered))

    def rate(cell, name, column):
        if name not in cell:
            return None
        messages, accepted, delivered = cell[name]
        return messages / (accepted if column == "accepted" else delivered)

    def fmt(value, digits=0):
        return "n/a" if value is None else f"{value:.{digits}f}"

    print("| Sessions | Size | Ours msg/s | Postfix msg/s | Ours / Postfix |")
    print("|---:|---:|---:|---:|---:|")
    for key in order:
        ours, postfix = rate(cells[key], "ours", "delivered"), rate(cells[key], "postfix", "delivered")
        ratio = ours / postfix if ours and postfix else None
        print(f"| {key[0]} | {size_label(key[1])} | {fmt(ours)} | {fmt(postfix)} | {fmt(ratio, 2)} |")

    print()
    print("Accepted only (until smtp-source returned, delivery possibly still running):")
    print()
    print("| Sessions | Size | Ours accepted msg/s | Postfix accepted msg/s |")
    print("|---:|---:|---:|---:|")
    for key in order:
        ours, postfix = rate(cells[key], "ours", "accepted"), rate(cells[key], "postfix", "accepted")
        print(f"| {key[0]} | {size_label(key[1])} | {fmt(ours)} | {fmt(postfix)} |")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    cell = commands.add_parser("run", help="run one cell and print a TSV line")
    cell.add_argument("--name", required=True)
    cell.add_argument("--port", type=int, required=True)
    cell.add_argument("--sessions", type=int, required=True)
    cell.add_argument("--size", type=int, required=True, help="payload bytes after the headers (smtp-source -l)")
    cell.add_argument("--messages", type=int, required=True)
    cell.add_argument("--count", required=True, help="maildir:DIR or store:DB:ADDRESS")
    cell.add_argument("--sender", required=True)
    cell.add_argument("--recipient", required=True)
    cell.add_argument("--client-cpu", type=int, default=1)
    cell.add_argument("--smtp-source", default="/usr/sbin/smtp-source")
    cell.add_argument("--reuse", action="store_true", help="send every message of a session over one connection")
    cell.add_argument("--timeout", type=float, default=600)
    cell.set_defaults(handler=run)

    report = commands.add_parser("table", help="print the markdown tables for a results file")
    report.add_argument("results")
    report.set_defaults(handler=table)

    args = parser.parse_args()
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
