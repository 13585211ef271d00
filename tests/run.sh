#!/usr/bin/env bash
# The whole test suite, as README.md documents it: set-up, a warnings-as-errors build, every test project,
# then one summary line "N passed, N failed". Exits non-zero when anything fails.
set -uo pipefail
cd "$(dirname "$0")/.."

bash tests/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

echo "build: Release, warnings as errors"
if ! dotnet build ServerlessMail.sln -c Release --no-restore -warnaserror -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

results="artifacts/test-results"
rm -rf "$results"
dotnet test ServerlessMail.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
test_exit=$?

python3 - "$results" "$test_exit" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
files = glob.glob(sys.argv[1] + "/**/*.trx", recursive=True)
for path in files:
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
if not files or int(sys.argv[2]) != 0 and failed == 0:
    failed += 1  # the runner itself failed (crash, no results): never report a clean run
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
