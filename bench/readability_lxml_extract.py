#!/usr/bin/python3
"""Peer for bench/run-extract.sh: readability-lxml (Debian python3-readability).

For every *.html file of DIR (sorted by name): Document(html).summary(), then
the text of that HTML via lxml's .text_content(). Prints one JSON line per
page {"id": file name without .html, "text": ...} ("" when it fails).

    /usr/bin/python3 bench/readability_lxml_extract.py DIR > out.jsonl

Run it with Debian's /usr/bin/python3 (a pyenv python3 earlier on PATH does
not see Debian's python3-readability). The page bytes are handed over as is:
readability-lxml detects the charset itself.
"""
import json
import logging
import os
import sys

import lxml.html
from readability import Document


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    logging.disable(logging.CRITICAL)  # readability logs "ruthless removal" etc.
    d = argv[1]
    files = sorted(f for f in os.listdir(d) if f.endswith(".html"))
    failed = 0
    out = sys.stdout
    for f in files:
        text = ""
        try:
            with open(os.path.join(d, f), "rb") as fh:
                raw = fh.read()
            summary = Document(raw).summary()
            if summary.strip():
                text = lxml.html.fromstring(summary).text_content()
        except Exception as e:  # one bad page must not stop the run
            failed += 1
            print(f"readability_lxml_extract: {f}: {e}", file=sys.stderr)
        out.write(json.dumps({"id": f[:-5], "text": text}, ensure_ascii=False) + "\n")
    print(f"readability_lxml_extract: {len(files)} pages, {failed} failed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
