#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine. Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

# Real peers and clients the tests drive. python3 runs the MIME oracle and, later, smtplib/imaplib clients.
apt_packages=(python3)

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

# The SES v2 stand-in for the relay tests (aws-ses-v2-local, run with node), installed from its lock file. Skipped when
# node_modules was installed from this very lock file (its hash is stamped there after a successful npm ci).
ses_local=tools/ses-local
lock_hash=$(sha256sum "$ses_local/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$ses_local/node_modules/.lock-sha256" 2>/dev/null)" != "$lock_hash" ]; then
  echo "setup: npm ci in $ses_local"
  (cd "$ses_local" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" > "$ses_local/node_modules/.lock-sha256"
fi

echo "setup: restoring .NET packages"
dotnet restore ServerlessMail.sln --verbosity quiet
