#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine. Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

# Real peers and clients the tests drive. python3 runs the MIME oracle and smtplib clients; swaks (with
# libnet-ssleay-perl for its STARTTLS and implicit TLS) drives the SMTP server from outside the process.
apt_packages=(python3 swaks libnet-ssleay-perl)

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

# The AWS store tests run dynalite and s3rver (tools/aws-standins) with node. npm ci only when the lock file changed
# since the last install: a second run is a hash comparison.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing nodejs and npm"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm
fi
standins=tools/aws-standins
lock_hash="$(sha256sum "$standins/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$standins/node_modules/.lock-hash" 2>/dev/null)" != "$lock_hash" ]; then
  echo "setup: npm ci in $standins"
  (cd "$standins" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" > "$standins/node_modules/.lock-hash"
fi

echo "setup: restoring .NET packages"
dotnet restore ServerlessMail.sln --verbosity quiet
