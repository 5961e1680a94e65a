#!/usr/bin/env python3
"""Check that a coded story is our own rewrite of its source page (stdlib only).

    python3 benchmarks/stories/check_rewrite.py STORIES.jsonl ID PAGE.txt [--n 8]

Lists every run of N words (default 8) that the story's text shares with the page's text
outside quotation marks. Quotations are the speakers' words and may be kept verbatim;
everything else must be reworded (benchmarks/stories/README.md). Exit 1 when a run is found.
The page text is read from a file outside the repository: pages are never committed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]")
WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return WORD.findall(QUOTED.sub(" | ", text.lower().replace("’", "'")))


def shared_runs(story: str, page: str, n: int) -> list[str]:
    page_grams = set()
    pw = words(page)
    for i in range(len(pw) - n + 1):
        page_grams.add(tuple(pw[i:i + n]))
    sw = words(story)
    return [" ".join(sw[i:i + n]) for i in range(len(sw) - n + 1) if tuple(sw[i:i + n]) in page_grams]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stories")
    ap.add_argument("id")
    ap.add_argument("page")
    ap.add_argument("--n", type=int, default=8)
    args = ap.parse_args()
    with open(args.stories, encoding="utf-8") as f:
        story = next((json.loads(line) for line in f if line.strip() and json.loads(line)["id"] == args.id), None)
    if story is None:
        sys.exit(f"check_rewrite: no story {args.id!r} in {args.stories}")
    with open(args.page, encoding="utf-8") as f:
        runs = shared_runs(story["text"], f.read(), args.n)
    for r in runs:
        print(f"{args.id}: shares '{r}'")
    print(f"{args.id}: {len(runs)} shared runs of {args.n} words outside quotes")
    return 1 if runs else 0


if __name__ == "__main__":
    sys.exit(main())
