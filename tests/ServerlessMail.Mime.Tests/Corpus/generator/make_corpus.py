#!/usr/bin/env python3
"""Writes the golden corpus (../NNN-name.eml) and its README from the message definitions in msgs_*.py.

    python3 make_corpus.py          # (re)write every .eml and README.md
    python3 make_corpus.py --check  # exit 1 if any checked-in file differs from what would be written

The .eml bytes are the fixtures: line endings are chosen per message in the definitions (CRLF unless the
message is about LF, CR or mixed endings), and files are written in binary mode so nothing rewrites them.
Edit a message in its msgs_*.py module and rerun; add new messages with the next free number.
"""

from __future__ import annotations

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep __pycache__ out of the test project tree

import msgs_broken  # noqa: E402,F401  (importing registers the messages)
import msgs_charsets  # noqa: E402,F401
import msgs_clients  # noqa: E402,F401
import msgs_structure  # noqa: E402,F401
from registry import CORPUS  # noqa: E402

CORPUS_DIR = os.path.dirname(HERE)

README_HEAD = """# MIME golden corpus

Messages written for this project (original content: no real mail, no other project's fixtures) that
reproduce the structure, header order and quirks of real clients and the malformed shapes a lenient parser
must survive. They are written as templates in `generator/msgs_*.py`. The `.eml` bytes are the fixtures: line
endings are deliberate (CRLF unless stated), and `.gitattributes` keeps git from touching them.

- `generator/make_corpus.py` writes every `.eml` and this README from `generator/msgs_*.py`;
  `python3 generator/make_corpus.py --check` verifies the checked-in bytes.
- `python_oracle.py FILE...` prints an independent summary of each message computed with Python's
  `email` package (part tree, decoded payload size and SHA-256 per leaf, filenames, key headers).
  `python-oracle/NNN-name.json` holds its output for every file (Python version recorded inside);
  regenerate with `python3 python_oracle.py --out-dir python-oracle *.eml`.
  The script's docstring lists where Python is knowingly lenient or strict in ways our parser is not.

| File | Covers |
|------|--------|
"""


def build_all() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    numbers: set[str] = set()
    for stem, _, builder in CORPUS:
        number = stem[:3]
        if not re.fullmatch(r"\d{3}-[a-z0-9][a-z0-9-]*", stem) or number in numbers:
            raise SystemExit("bad or duplicate corpus name: " + stem)
        numbers.add(number)
        files[stem + ".eml"] = builder()
    ordered = sorted(CORPUS, key=lambda entry: entry[0])
    lines = [README_HEAD]
    for stem, description, _ in ordered:
        lines.append("| `%s.eml` | %s |\n" % (stem, description.replace("|", "\\|")))
    files["README.md"] = "".join(lines).encode("utf-8")
    return files


def main() -> int:
    check = "--check" in sys.argv[1:]
    files = build_all()
    stale = []
    for name, data in sorted(files.items()):
        path = os.path.join(CORPUS_DIR, name)
        if check:
            try:
                with open(path, "rb") as handle:
                    if handle.read() != data:
                        stale.append(name)
            except FileNotFoundError:
                stale.append(name)
        else:
            with open(path, "wb") as handle:
                handle.write(data)
    if check:
        for name in stale:
            print("differs: " + name)
        return 1 if stale else 0
    print("wrote %d files to %s" % (len(files), CORPUS_DIR))
    return 0


if __name__ == "__main__":
    sys.exit(main())
