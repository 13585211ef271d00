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

echo "setup: restoring .NET packages"
dotnet restore ServerlessMail.sln --verbosity quiet
