#!/usr/bin/env python3
"""IMAP read-path benchmark: FETCH throughput, SELECT latency and SEARCH latency against one server.

  imap_bench.py --host 127.0.0.1 --port 8993 --tls implicit --cafile cert.pem --user U --password-env VAR \
      [--mailbox INBOX] [--expect manifest.json] [--repeat 3] [--select-repeat 20] [--tsv out.tsv]

Measures, on one connection, after LOGIN (not timed):
  SELECT MAILBOX                               latency: cold (the first), then median and p95 of --select-repeat
  SEARCH FROM x, first                         latency of one SEARCH before any FETCH: nothing of the folder read yet
  FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE)  messages/s: median of --repeat runs, after the cold one
  FETCH 1:* BODY.PEEK[]                        messages/s and MB/s (10^6 literal bytes/s), likewise
  SEARCH FROM x, SEARCH SUBJECT y              latency: median and p95 of --search-repeat, selective and broad terms

Each response is read to the end on a raw socket (its own parser: lines and {n} literals, so timing includes every
byte and the parser costs one pass), and checked: every sequence number 1..EXISTS must come back with the items
asked for; BODY[] literals must be non-empty and, with --expect (load_messages.py --manifest), add up to the loaded
byte count; SEARCH hit counts must equal the manifest's. A short or wrong answer stops the run with exit code 1:
a fast wrong server is not a fast server. The Check column gives the client's own CPU share during the FETCH runs:
near 100% means the client set the pace. --only select measures SELECT alone (the 100,000-message mailbox).
"""

import argparse
import json
import re
import ssl
import statistics
import sys
import time

from imap_wire import Connection, Failure, quote

FETCH = re.compile(rb"^\* (\d+) FETCH ", re.IGNORECASE)
EXISTS = re.compile(rb"^\* (\d+) EXISTS$", re.IGNORECASE)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def select(conn, mailbox, expected):
    exists = []

    def untagged(response):
        match = EXISTS.match(bytes(response.text))
        if match:
            exists.append(int(match.group(1)))

    elapsed = conn.command(b"SELECT " + quote(mailbox), untagged)
    if not exists:
        raise Failure(f"SELECT {mailbox} returned no EXISTS")
    if expected is not None and exists[-1] != expected:
        raise Failure(f"SELECT {mailbox}: EXISTS {exists[-1]}, expected {expected}")
    return elapsed, exists[-1]


def fetch(conn, count, items, required):
    """FETCH 1:* ITEMS; checks every sequence number comes back with each REQUIRED token. (seconds, literal bytes)."""
    seen = bytearray(count + 1)
    totals = {"bytes": 0, "fetches": 0}

    def untagged(response):
        text = bytes(response.text)
        match = FETCH.match(text)
        if not match:
            return  # EXISTS, RECENT, ... a server may interleave these
        number = int(match.group(1))
        if number < 1 or number > count:
            raise Failure(f"FETCH response for message {number}, outside 1:{count}")
        upper = text.upper()
        for token in required:
            if token not in upper:
                raise Failure(f"FETCH response for message {number} lacks {token.decode()}: {text[:200]!r}")
        if not seen[number]:
            seen[number] = 1
            totals["fetches"] += 1
            totals["bytes"] += response.literal_bytes

    cpu = time.process_time()
    elapsed = conn.command(b"FETCH 1:* " + items, untagged)
    cpu = time.process_time() - cpu
    if totals["fetches"] != count:
        missing = [n for n in range(1, count + 1) if not seen[n]][:5]
        raise Failure(f"FETCH 1:* {items.decode()}: {totals['fetches']} of {count} messages came back "
                      f"(first missing: {missing})")
    return elapsed, totals["bytes"], cpu / elapsed


def client_cpu(runs):
    """This process's CPU time over wall time in the measured runs: near 100% means the client, not the server,
    set the pace (then the figure is a floor for the server)."""
    return f"{statistics.median(c for _, _, c in runs[1:]) * 100:.0f}%"


def search(conn, criteria):
    hits = []

    def untagged(response):
        text = bytes(response.text)
        if text.upper().startswith(b"* SEARCH"):
            hits.extend(int(n) for n in text[8:].split())

    return conn.command(b"SEARCH " + criteria, untagged), hits


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="implicit")
    parser.add_argument("--cafile", help="CA file for the server certificate")
    parser.add_argument("--insecure", action="store_true", help="accept any certificate (self-signed)")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", help="prefer --password-env: argv is visible to other users")
    parser.add_argument("--password-env", help="environment variable holding the password")
    parser.add_argument("--mailbox", default="INBOX")
    parser.add_argument("--expect", help="manifest JSON from load_messages.py: message count, bytes, search hits")
    parser.add_argument("--repeat", type=int, default=3, help="measured FETCH runs after the cold one (default 3)")
    parser.add_argument("--select-repeat", type=int, default=20, help="measured SELECTs after the cold one")
    parser.add_argument("--search-repeat", type=int, default=10, help="measured runs per SEARCH after a cold one")
    parser.add_argument("--search-from", action="append", help="FROM terms (default: the manifest's)")
    parser.add_argument("--search-subject", action="append", help="SUBJECT terms (default: the manifest's)")
    parser.add_argument("--only", choices=["all", "select"], default="all")
    parser.add_argument("--label", default="server", help="name shown in the table")
    parser.add_argument("--tsv", help="append machine-readable rows (key, label, metric, value, unit) here")
    parser.add_argument("--timeout", type=float, default=600.0, help="socket timeout in seconds")
    args = parser.parse_args()
    if args.password is None and not args.password_env:
        parser.error("give --password or --password-env")
    if min(args.repeat, args.select_repeat, args.search_repeat) < 1:
        parser.error("repeat counts must be at least 1")
    manifest = None
    if args.expect:
        with open(args.expect, encoding="utf-8") as handle:
            manifest = json.load(handle)
    expected = manifest["messages"] if manifest else None

    rows = []  # (key, label, [(metric, value, unit)], cold, note)
    try:
        conn = Connection(args)
        cold, count = select(conn, args.mailbox, expected)
        times = [select(conn, args.mailbox, count)[0] for _ in range(args.select_repeat)]
        rows.append((f"select_{count}", f"SELECT {args.mailbox} ({count} messages)",
                     [("median", statistics.median(times) * 1e3, "ms"), ("p95", percentile(times, 0.95) * 1e3, "ms")],
                     f"{cold * 1e3:.1f} ms", f"EXISTS {count}"))
        if args.only == "all":
            if count == 0:
                raise Failure(f"{args.mailbox} is empty: load it first (load_messages.py)")
            terms = []
            for header, given in (("FROM", args.search_from), ("SUBJECT", args.search_subject)):
                if given:
                    terms += [(f"search_{header.lower()}_{i}", header, term, None) for i, term in enumerate(given)]
                elif manifest:
                    terms += [(f"search_{key.split('_')[0]}_{key.split('_')[1]}", header, v["term"], v["count"])
                              for key, v in manifest["terms"].items() if v["header"].upper() == header]
            if not terms:
                raise Failure("no SEARCH terms: give --expect or --search-from/--search-subject")
            # The first SEARCH, before any FETCH: what a server does with nothing of the folder read yet (the
            # repeated SEARCH lines below run after the FETCH lines, when a server may have cached what they read).
            key, header, term, want = terms[0]
            criteria = header.encode() + b" " + quote(term)
            first, hits = search(conn, criteria)
            if want is not None and len(hits) != want:
                raise Failure(f"SEARCH {criteria.decode()}: {len(hits)} hits, the loaded messages have {want}")
            rows.append((key + "_first", f"SEARCH {criteria.decode()}, first, before any FETCH",
                         [("once", first * 1e3, "ms")], f"{first * 1e3:.1f} ms", f"{len(hits)} hits"))

            meta_items = b"(UID FLAGS ENVELOPE BODYSTRUCTURE)"
            meta_required = (b"UID ", b"FLAGS (", b"ENVELOPE (", b"BODYSTRUCTURE (")
            runs = [fetch(conn, count, meta_items, meta_required) for _ in range(args.repeat + 1)]
            best = statistics.median(t for t, _, _ in runs[1:])
            rows.append(("fetch_meta", "FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE)",
                         [("msgs_per_s", count / best, "msg/s")], f"{count / runs[0][0]:.0f} msg/s",
                         f"{count} responses; client CPU {client_cpu(runs)}"))

            runs = [fetch(conn, count, b"BODY.PEEK[]", (b"BODY[] {",)) for _ in range(args.repeat + 1)]
            body_bytes = runs[0][1]
            if any(b != body_bytes for _, b, _ in runs):
                raise Failure("FETCH 1:* BODY.PEEK[] returned a different byte total from one run to the next")
            if manifest and body_bytes != manifest["bytes"]:
                raise Failure(f"FETCH 1:* BODY.PEEK[]: {body_bytes} bytes of literals, the loaded messages have "
                              f"{manifest['bytes']}")
            best = statistics.median(t for t, _, _ in runs[1:])
            rows.append(("fetch_body", "FETCH 1:* BODY.PEEK[]",
                         [("msgs_per_s", count / best, "msg/s"), ("mb_per_s", body_bytes / best / 1e6, "MB/s")],
                         f"{count / runs[0][0]:.0f} msg/s",
                         f"{count} literals, {body_bytes / 1e6:.1f} MB; client CPU {client_cpu(runs)}"))

            for key, header, term, want in terms:
                criteria = header.encode() + b" " + quote(term)
                cold, hits = search(conn, criteria)
                if want is not None and len(hits) != want:
                    raise Failure(f"SEARCH {criteria.decode()}: {len(hits)} hits, the loaded messages have {want}")
                times = []
                for _ in range(args.search_repeat):
                    elapsed, again = search(conn, criteria)
                    if len(again) != len(hits):
                        raise Failure(f"SEARCH {criteria.decode()}: {len(again)} hits, then {len(hits)}")
                    times.append(elapsed)
                rows.append((key, f"SEARCH {criteria.decode()}",
                             [("median", statistics.median(times) * 1e3, "ms"),
                              ("p95", percentile(times, 0.95) * 1e3, "ms")],
                             f"{cold * 1e3:.1f} ms", f"{len(hits)} hits"))
        conn.close()
    except Failure as failure:
        print(f"imap_bench ({args.label}): FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
    except (OSError, ssl.SSLError) as error:
        print(f"imap_bench ({args.label}): connection error: {error}", file=sys.stderr)
        sys.exit(1)

    print(f"\n{args.label}: {args.host}:{args.port} ({args.tls}), mailbox {args.mailbox}; FETCH = median of "
          f"{args.repeat} runs after a cold one, SELECT of {args.select_repeat}, SEARCH of {args.search_repeat}\n")
    print("| Measurement | Result | Cold (first run) | Check |")
    print("|---|---:|---:|---|")
    for _, label, metrics, cold, note in rows:
        result = ", ".join(f"{name.replace('_', ' ') if name in ('median', 'p95') else ''} {value:,.1f} {unit}".strip()
                           for name, value, unit in metrics)
        print(f"| {label} | {result} | {cold} | {note} |")
    if args.tsv:
        with open(args.tsv, "a", encoding="utf-8") as handle:
            for key, label, metrics, _, note in rows:
                for name, value, unit in metrics:
                    handle.write(f"{key}\t{label}\t{name}\t{value:.3f}\t{unit}\t{note}\n")


if __name__ == "__main__":
    main()
