#!/usr/bin/env python3
"""Joins imap_bench.py --tsv files into one markdown table: Dovecot, ours, and the ratio per line.

  side_by_side.py DOVECOT.tsv OURS.tsv

A missing or empty file is a server that was skipped (its column says so). The ratio is oriented so that above 1
means ours is ahead: ours/Dovecot for rates (msg/s, MB/s), Dovecot/ours for latencies (ms).
"""

import os
import sys


def read(path):
    rows = {}
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            key, label, metric, value, unit, note = line.rstrip("\n").split("\t")
            rows[(key, metric)] = (label, float(value), unit, note)
    return rows


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    dovecot, ours = read(sys.argv[1]), read(sys.argv[2])
    keys = list(dovecot) + [k for k in ours if k not in dovecot]
    if not keys:
        sys.exit("side_by_side: no results in either file")
    print("| Measurement | Metric | Dovecot | Ours | Ratio |")
    print("|---|---|---:|---:|---:|")
    for key in keys:
        label, _, unit, _ = (dovecot.get(key) or ours.get(key))
        theirs, mine = dovecot.get(key), ours.get(key)
        metric = key[1].replace("msgs_per_s", "rate").replace("mb_per_s", "rate")
        cells = [f"{row[1]:,.1f} {unit}" if row else ("skipped" if not rows else "-")
                 for row, rows in ((theirs, dovecot), (mine, ours))]
        ratio = "-"
        if theirs and mine and theirs[1] > 0 and mine[1] > 0:
            ratio = f"{(mine[1] / theirs[1]) if unit != 'ms' else (theirs[1] / mine[1]):.2f}"
        print(f"| {label} | {metric} | {cells[0]} | {cells[1]} | {ratio} |")
    if not ours:
        print("\nOurs: not measured (our IMAP port did not answer, or --only dovecot; see the messages above).")


if __name__ == "__main__":
    main()
