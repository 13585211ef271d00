#!/usr/bin/env python3
"""Sets up the API benchmark through the API itself: creates the bench and waiter inboxes, mints TOKENS read tokens
for the bench inbox (pacing itself by Retry-After: the admin token is rate-limited too), waits until the bench
INBOX holds COUNT messages, and writes the wrk inputs (tokens, list paths, message paths) into OUT."""
import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request

def call(api, token, method, path, body=None):
    while True:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(api + path, data=data, method=method,
                                         headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            if error.code == 429:
                time.sleep(float(error.headers.get("Retry-After", "1")))
                continue
            raise SystemExit(f"{method} {path}: {error.code} {error.read()[:300]!r}")

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--api", required=True, help="http://host:port")
    parser.add_argument("--admin-token", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--tokens", type=int, default=500)
    parser.add_argument("step", choices=["inboxes", "tokens", "wait"])
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    state_path = os.path.join(args.out, "state.json")
    if args.step == "inboxes":
        bench = call(args.api, args.admin_token, "POST", "/v1/inboxes", {"localPart": "bench"})
        waiter = call(args.api, args.admin_token, "POST", "/v1/inboxes", {"localPart": "waiter"})
        with open(state_path, "w") as f:
            json.dump({"bench": bench, "waiter": waiter}, f)
        print(bench["address"], bench["id"], waiter["address"], waiter["id"])
        return
    state = json.load(open(state_path))
    bench_id = state["bench"]["id"]
    if args.step == "tokens":
        with open(os.path.join(args.out, "tokens.txt"), "w") as f:
            for n in range(args.tokens):
                made = call(args.api, args.admin_token, "POST", "/v1/tokens",
                            {"name": f"bench-{n}", "scope": "inbox", "inboxId": bench_id, "permissions": ["read"]})
                f.write(made["secret"] + "\n")
        print(f"prepare: {args.tokens} read tokens for the bench inbox", file=sys.stderr)
        return
    deadline = time.time() + 600
    while True:
        folders = call(args.api, args.admin_token, "GET", f"/v1/inboxes/{bench_id}/folders")
        total = next(f["total"] for f in folders["items"] if f["name"] == "INBOX")
        if total >= args.count:
            break
        if time.time() > deadline:
            raise SystemExit(f"only {total} of {args.count} messages were delivered within 10 minutes")
        time.sleep(0.5)
    ids, cursor = [], None
    for _ in range(10):
        page = call(args.api, args.admin_token, "GET", f"/v1/inboxes/{bench_id}/messages?limit=100" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else ""))
        ids += [m["id"] for m in page["items"]]
        cursor = page.get("nextCursor")
        if not cursor:
            break
    with open(os.path.join(args.out, "list-paths.txt"), "w") as f:
        f.write(f"/v1/inboxes/{bench_id}/messages\n")
    with open(os.path.join(args.out, "message-paths.txt"), "w") as f:
        f.writelines(f"/v1/messages/{i}\n" for i in ids)
    print(f"prepare: INBOX holds {total} messages; {len(ids)} message ids sampled from the newest", file=sys.stderr)

if __name__ == "__main__":
    import urllib.parse
    main()
