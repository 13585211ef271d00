#!/usr/bin/env python3
"""Wait-for latency: N times, a long poll (GET .../messages/wait) is opened and given time to park, then one message
is sent over SMTP inbound; the latency is from the moment the SMTP 250 for the DATA arrives to the moment the HTTP
response arrives. Prints p50/p95/p99/max in ms."""
import argparse
import http.client
import json
import smtplib
import statistics
import sys
import threading
import time

def percentile(sorted_values, p):
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--api", required=True, help="host:port of the API")
    parser.add_argument("--smtp", required=True, help="host:port of SMTP inbound")
    parser.add_argument("--token", required=True)
    parser.add_argument("--inbox-id", required=True)
    parser.add_argument("--address", required=True)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--park", type=float, default=0.05, help="seconds between opening the poll and sending")
    args = parser.parse_args()
    api_host, api_port = args.api.rsplit(":", 1)
    smtp_host, smtp_port = args.smtp.rsplit(":", 1)
    smtp = smtplib.SMTP(smtp_host, int(smtp_port), local_hostname="waitfor.bench.test", timeout=30)
    smtp.ehlo()
    latencies = []
    for n in range(args.count):
        subject = f"wait-{n}-{time.time_ns()}"
        result = {}

        def poll():
            connection = http.client.HTTPConnection(api_host, int(api_port), timeout=40)
            connection.request("GET", f"/v1/inboxes/{args.inbox_id}/messages/wait?timeout=30&subject={subject}",
                               headers={"Authorization": "Bearer " + args.token})
            response = connection.getresponse()
            body = response.read()
            result["at"] = time.perf_counter()
            result["status"] = response.status
            result["body"] = body
            connection.close()

        poller = threading.Thread(target=poll)
        poller.start()
        time.sleep(args.park)
        message = (f"From: someone@elsewhere.test\r\nTo: {args.address}\r\nSubject: {subject}\r\n"
                   f"Message-ID: <{subject}@elsewhere.test>\r\n\r\nWake up.\r\n")
        smtp.sendmail("someone@elsewhere.test", [args.address], message.encode("ascii"))
        sent = time.perf_counter()
        poller.join(45)
        if result.get("status") != 200 or json.loads(result["body"]).get("subject") != subject:
            print(f"round {n}: the poll answered {result.get('status')} {result.get('body', b'')[:200]!r}", file=sys.stderr)
            sys.exit(1)
        latencies.append((result["at"] - sent) * 1000)
    smtp.quit()
    ordered = sorted(latencies)
    print(f"wait-for: {len(ordered)} rounds, SMTP 250 -> HTTP 200: p50 {percentile(ordered, 50):.1f} ms, "
          f"p95 {percentile(ordered, 95):.1f} ms, p99 {percentile(ordered, 99):.1f} ms, max {ordered[-1]:.1f} ms, "
          f"mean {statistics.fmean(ordered):.1f} ms")

if __name__ == "__main__":
    main()
