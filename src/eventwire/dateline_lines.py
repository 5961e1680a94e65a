"""Lines of a page's opening, for :mod:`eventwire.dateline`: where a dateline may start (below
heading lines, stamps and credits), where a wire dateline may stand deeper in the page, and whether
a sentence reads like a news lead.
"""

from __future__ import annotations

import re

from .dateline_dates import STAMP

__all__ = ["END_OF_LINE", "deep_starts", "reads_like_a_lead", "starts"]

_HEADING_LINES = 6  # short lines (title, date, outlet, byline) looked past to find the first paragraph
_HEADING_MAX = 200
_SENTENCE_ENDS = (".", "!", "?", ";", ",", '"', "”")  # a line ending so is a paragraph, not a heading
# Deeper in the page only a strong wire dateline counts (see ``deep_starts``).
_DEEP_LINES = 16
_DEEP_CHARS = 2000
_STANDFIRST_MAX = 300  # a summary paragraph above the dispatch is short
_TITLE_MAX = 60  # a site's name or title, even with a final period, is shorter than a lead
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

# The lead on the next line, past an optional rule of hyphens or equals signs ("TOKYO, April 13 Kyodo\n\n-----").
END_OF_LINE = re.compile(r"[ \t]*\n\s*(?:[-=_*]{3,}[ \t]*\n\s*)?[\"“'‘]?[A-Z0-9]")

# A syndication credit in brackets before the dateline: "(MENAFN- Kuwait News Agency (KUNA)) KUWAIT -",
# "[February 07, 2008]  BANGKOK, Thailand (AP) --".
_CREDIT = re.compile(r"(?:\((?:[^()\n]|\([^()\n]*\)){2,100}\)|\[[^\[\]\n]{2,60}\])[ \t]+(?=[A-Z])")


_CLOCK_PIPE = re.compile(r"\d{1,2}:\d\d[ \t]*\|[ \t]*")  # "10:00 | Lima, Mar. 7."
_CLOCK = re.compile(r"\d[ \t]*[ap]\.m\.$", re.IGNORECASE)  # "Updated: Jan. 13, 2022 9:04 a.m." is a stamp


def _ends_a_sentence(line: str) -> bool:
    return line.endswith(_SENTENCE_ENDS) and not _CLOCK.search(line)


def starts(text: str) -> list[int]:
    """Where a dateline may begin: the first line, and below up to six short heading lines."""
    found: list[int] = []
    pos = len(text) - len(text.lstrip())
    for _ in range(_HEADING_LINES + 1):
        if pos >= len(text):
            break
        found.append(pos)
        nl = text.find("\n", pos)
        stamp = STAMP.match(text, pos) or _CREDIT.match(text, pos) or _CLOCK_PIPE.match(text, pos)
        if stamp and text[stamp.end():nl if nl >= 0 else len(text)].strip():
            # "Updated: 2008-08-30 11:09 URUMQI -- Police ...", "(MENAFN- Kuwait News Agency (KUNA)) KUWAIT -"
            found.append(stamp.end())
        line = text[pos:nl if nl >= 0 else len(text)].rstrip()
        # A line ending like a sentence is the first paragraph, not a heading: stop there.
        if nl < 0 or len(line) > _HEADING_MAX or _ends_a_sentence(line):
            break
        rest = text[nl:]
        pos = nl + len(rest) - len(rest.lstrip())
    return found


def _title_case(line: str) -> bool:
    """Most words capitalised: a name or a title ("Prime Minister's Office of Malaysia."), not a sentence."""
    words = _WORD.findall(line)
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def deep_starts(text: str, tried: list[int]) -> list[int]:
    """Line starts not in ``tried`` above the first paragraph, past the heading lines ``starts`` looks at:
    below a column of bullet lines or long photo captions the dispatch may still open with its wire
    dateline ("SHARM EL-SHEIKH, Egypt (AP) —").  A line that ends like a sentence is the first paragraph,
    or, below a title, a standfirst: one short paragraph set apart by a blank line is looked past ("The
    officers will work in three shifts.\n\nLAHORE (Dunya News) – ..."); nothing below a second is looked at.  The
    caller accepts only a strong dateline here."""
    found: list[int] = []
    pos, lines, standfirst = len(text) - len(text.lstrip()), 0, False
    while pos < min(len(text), _DEEP_CHARS) and lines < _DEEP_LINES:
        lines += 1
        if pos not in tried:
            found.append(pos)
        nl = text.find("\n", pos)
        line = text[pos:nl if nl >= 0 else len(text)].rstrip()
        if nl < 0:
            break
        if _ends_a_sentence(line):
            if lines == 1 and len(line) <= _TITLE_MAX and _title_case(line) and _BLANK_LINE.match(text, nl):
                pass  # "Prime Minister's Office of Malaysia." set apart: a site title with a period
            elif standfirst or lines == 1 or len(line) > _STANDFIRST_MAX or not _BLANK_LINE.match(text, nl):
                break  # (a text that opens with a sentence opens with its lead: no title, no standfirst)
            else:
                standfirst = True
        rest = text[nl:]
        pos = nl + len(rest) - len(rest.lstrip())
    return found


_LEAD_MIN_WORDS = 10
_LEAD_MAX = 600  # characters of a hard-wrapped lead read
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SENTENCE_END = re.compile(r"(?<=[a-z]{3}[.!?])\s")  # "statehood. ", not "U.S. "


def reads_like_a_lead(text: str, p: int) -> bool:
    """Whether the sentence from ``p`` reads like a news lead: ten words or more, at least half of them in
    lower case ("Dhaka: The group said on Saturday that it had ..."), not a headline after a
    speaker's name ("Obama: Families Of Victims Don't Care About Politics")."""
    nl = text.find("\n", p)
    line = text[p:nl if nl >= 0 else len(text)]
    while nl >= 0 and len(line) < _LEAD_MAX and text[nl + 1:nl + 2].islower():
        # a lead hard-wrapped mid-sentence ("Five militants including two\nsenior ...")
        end = text.find("\n", nl + 1)
        line += " " + text[nl + 1:end if end >= 0 else len(text)]
        nl = end
    sentence = _SENTENCE_END.split(line, 1)[0]
    if " | " in sentence:
        return False  # "Guards seal the old quarter as raids go on | THE DAILY ARCHIVE": a headline and its site
    words = _WORD.findall(sentence)
    if len(words) < _LEAD_MIN_WORDS:
        return False
    capitalised = sum(1 for w in words[1:] if w[0].isupper())
    return capitalised <= 0.5 * (len(words) - 1)
