#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine. Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

# Real peers and clients the tests drive. python3 runs the MIME oracle and smtplib clients; swaks (with
# libnet-ssleay-perl for its STARTTLS and implicit TLS) drives the SMTP server from outside the process; isync's
# mbsync syncs an inbox with a Maildir over IMAP, as a real client; curl runs the README's quick start; openssl's
# s_client offers TLS 1.0 and 1.1, which the server must refuse.
apt_packages=(python3 swaks libnet-ssleay-perl isync curl openssl)

missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The AWS stand-ins run with node: dynalite and s3rver (tools/aws-standins) for the AWS store tests, aws-ses-v2-local
# (tools/ses-local) for the SES relay tests; so does imapflow (tools/imapflow), the Node mail client the IMAP socket
# tests drive our server with. npm ci runs only when a lock file changed since the last install: its hash is stamped
# into node_modules after a successful install, so a second run is a hash comparison.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing nodejs and npm"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm
fi
for tool in tools/aws-standins tools/ses-local tools/imapflow tools/cdk; do
  lock_hash="$(sha256sum "$tool/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$tool/node_modules/.lock-hash" 2>/dev/null)" != "$lock_hash" ]; then
    echo "setup: npm ci in $tool"
    (cd "$tool" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_hash" > "$tool/node_modules/.lock-hash"
  fi
done

echo "setup: restoring .NET packages"
dotnet restore ServerlessMail.sln --verbosity quiet
