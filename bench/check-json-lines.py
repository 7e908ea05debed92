#!/usr/bin/env python3
"""Check a `recoupe report --format json` file too big to load whole.

The layout (docs/report-format.md) puts the head and each top-level
array's opening on lines of their own and every array element on one
line; this reads the file line by line, parses each element on its own,
and checks the openings and closings. Prints the element count and the
number of bad lines; exits 1 if any line is bad.

    python3 bench/check-json-lines.py REPORT.json
"""
import json
import sys


def main(path):
    bad = n = 0
    with open(path, "rb") as f:
        if f.readline() != b"{\n":
            print("bad head line")
            return 1
        line = f.readline()
        if not line.startswith(b'  "recoupe": '):
            print("no recoupe line")
            return 1
        json.loads(line[len(b'  "recoupe": '):].rstrip(b",\n"))
        for line in f:
            if line.startswith(b'  "'):
                s = line.rstrip()
                if not (s.endswith(b"[") or s.endswith(b"[],") or s.endswith(b"[]")):
                    bad += 1
                    print("bad array opening:", s[:80])
                continue
            if line.startswith(b"  ]") or line == b"}\n":
                continue
            s = line.rstrip(b"\n")
            if s.endswith(b","):
                s = s[:-1]
            try:
                json.loads(s)
            except ValueError:
                bad += 1
                if bad < 5:
                    print("bad element:", s[:100])
            n += 1
    print("elements", n, "bad", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
