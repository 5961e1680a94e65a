"""Recognition and TIMEX3 normalization of temporal expressions (the times stage).

    >>> from eventwire.temporal import find_times
    >>> [(t.text, t.value) for t in find_times("The truce began on Nov. 24.", "2023-12-01")]
    [('Nov. 24', '2023-11-24')]

Modules: ``lexicon`` (word lists, numbers), ``recognize`` (candidate patterns),
``normalize`` (date arithmetic, durations), ``anchor`` (anchored dates and times),
``vague`` (PRESENT/PAST/FUTURE_REF, sets), ``tense`` (future/past of the clause),
``engine`` (``find_times``).
"""

from .engine import find_times

__all__ = ["find_times"]
