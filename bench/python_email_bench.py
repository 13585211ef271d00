#!/usr/bin/env python3
"""Baseline: Python's `email` package on the benchmark inputs in bench/data/.

    python3 bench/python_email_bench.py [--seconds 2.0] [--repeat 1] [--data bench/data]

Two modes per file:
  structure  BytesParser(policy=compat32).parsebytes(data), then walk the tree and read each part's
             content type. Nothing is decoded.
  full       BytesParser(policy=default).parsebytes(data), then for every leaf get_payload(decode=True)
             (base64/QP decoding) and, for text/* leaves, get_content() (charset decoding to str).

Each line runs the operation once to warm up, then repeats it until at least --seconds have passed, timed
with time.perf_counter over the whole loop; the mean is elapsed / iterations. MB/s uses 10^6 bytes of
input per second. With --repeat N each line is measured N times (each run at least --seconds) and the run
with the lowest mean is reported, which filters out noise from other processes on a shared machine.
The garbage collector stays on, as it would in a real server. Output is a markdown table.
"""

from __future__ import annotations

import argparse
import email.policy
import os
import platform
import sys
import time
from email.parser import BytesParser

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = ("header-heavy-4k.eml", "multipart-180k.eml", "newsletter-1_7m.eml")


def structure(data: bytes) -> int:
    msg = BytesParser(policy=email.policy.compat32).parsebytes(data)
    parts = 0
    for part in msg.walk():
        part.get_content_type()
        parts += 1
    return parts


def full_decode(data: bytes) -> int:
    msg = BytesParser(policy=email.policy.default).parsebytes(data)
    produced = 0
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        produced += len(payload or b"")
        if part.get_content_maintype() == "text":
            produced += len(part.get_content())
    return produced


MODES = (("structure", structure), ("full", full_decode))


def measure(func, data: bytes, seconds: float) -> tuple[int, float]:
    func(data)
    iterations = 0
    batch = 1
    start = time.perf_counter()
    while True:
        for _ in range(batch):
            func(data)
        iterations += batch
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return iterations, elapsed
        # Grow batches so the clock is read rarely, but never overshoot the target by much.
        per_call = elapsed / iterations
        batch = max(1, min(iterations, int((seconds - elapsed) / per_call) + 1))


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def fmt_time(seconds: float) -> str:
    if seconds >= 1e-3:
        return "%.3f ms" % (seconds * 1e3)
    return "%.1f µs" % (seconds * 1e6)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="minimum measured time per line")
    parser.add_argument("--repeat", type=int, default=1, help="runs per line; the fastest is reported")
    parser.add_argument("--data", default=os.path.join(HERE, "data"))
    args = parser.parse_args(argv)

    print("Python %s (%s), %s, %d logical CPUs, %s" % (
        platform.python_version(), platform.python_implementation(), cpu_model(), os.cpu_count() or 0,
        platform.platform()))
    print()
    print("| File | Size (bytes) | Mode | Iterations | Mean per message | Messages/s | MB/s |")
    print("|------|-------------:|------|-----------:|-----------------:|-----------:|-----:|")
    for name in FILES:
        with open(os.path.join(args.data, name), "rb") as handle:
            data = handle.read()
        for mode, func in MODES:
            runs = [measure(func, data, args.seconds) for _ in range(max(1, args.repeat))]
            iterations, elapsed = min(runs, key=lambda run: run[1] / run[0])
            mean = elapsed / iterations
            print("| %s | %d | %s | %d | %s | %.1f | %.2f |" % (
                name, len(data), mode, iterations, fmt_time(mean), 1 / mean, len(data) / mean / 1e6))
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
