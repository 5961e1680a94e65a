"""The story stage: one record per real-world event of the report (``Report.story_events``).

The events stage finds every mention ("killed", "the raid", "the attack", "32 deaths"); an analyst
codes one row per real-world event, with its who, whom, where and when taken from everything the
story says about it.  This stage does that in three steps, each linear in the mentions:

1. **select** (``select.py``): which mentions can be story events at all.  Rules drop what event
   data does not code (hypothetical, negated and planned acts; wars as a whole and trends; generic
   and habitual mentions; running totals; deaths caused by nature or accident), and a learned
   scorer (``scorer.py``, trained on our own coded real reports) weighs the rest.
2. **cluster** (``cluster.py``): mentions of one event are joined: the same type, nothing that
   contradicts (actors, attached places, dates, standing), and for later sentences an anaphoric
   or undated restatement of the story's incident ("the raid", "the attack", a toll sentence).
3. **resolve** (``resolve.py``): fields from the whole cluster and the story: actors from any
   mention and from attributions ("an attack blamed on X", "X claimed responsibility"), re-weighed
   by a learned ranker over every actor the event's sentences name (``actor_ranker.py``); the finest
   attached place, else the story's incident place; a mention's own day, else the story's narrative
   day, null for background events; fatalities and injured from the linked figures. A reaction
   without a target takes the doer of the act it is about (``reactions.py``); a record is copied per
   place listed and per direction of a clash (``expand.py``).

    find_story_events(doc, events, places, times, actors, quotes, figures) -> list[StoryEvent]
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..actors import ActorTable
from ..schema import Event, Figure, Place, Quote, StoryEvent, Time
from .actor_ranker import ActorRanker
from .cluster import Group, cluster
from .expand import expand
from .features import group_features, views
from .implied import implied_protests
from .reactions import reaction_targets
from .resolve import Story, resolve
from .scorer import StoryScorer
from .select import select

__all__ = ["candidate_groups", "find_story_events"]


def candidate_groups(doc: Doc, events: list[Event], places: list[Place], times: list[Time],
                     actors: ActorTable | None, quotes: list[Quote],
                     figures: list[Figure]) -> tuple[list[Group], Story]:
    """Every candidate story event (mentions the rules keep, grouped) with its features, before the
    scorer decides; for training the scorer (benchmarks/train_story_scorer.py) and for debugging."""
    published = doc._.eventwire_published if Doc.has_extension("eventwire_published") else None
    dateline = doc._.eventwire_dateline if Doc.has_extension("eventwire_dateline") else None
    mention_views = views(doc, events, figures, quotes, published, times)
    story = Story.read(doc, mention_views, places, times, actors, figures, quotes, dateline, published)
    groups = cluster(select(mention_views, story), story)
    for g in groups:
        g.features = group_features(g.members, story.feature_context)
    return groups, story


def find_story_events(doc: Doc, events: list[Event], places: list[Place], times: list[Time],
                      actors: ActorTable | None, quotes: list[Quote], figures: list[Figure]) -> list[StoryEvent]:
    """The story-level events of one document, in order of first mention (ids s1, s2, ...)."""
    if not events:
        return []
    groups, story = candidate_groups(doc, events, places, times, actors, quotes, figures)
    scorer = StoryScorer.load()
    for g in groups:
        g.score = scorer.probability(g.features)
    kept = [g for g in groups if g.score >= scorer.threshold]
    story.set_narrative_day([g.members for g in kept])
    ranker = ActorRanker.load()
    resolved = [(g, resolve(g.members, story, g.score, ranker)) for g in kept]
    reaction_targets(resolved, groups, story)
    records = [r for g, rec in resolved for r in expand(rec, g.members, story)]
    records += implied_protests(records, story)
    records.sort(key=lambda r: (r.evidence.start if r.evidence else 0, r.mentions[0] if r.mentions else ""))
    for n, r in enumerate(records, 1):
        r.id = f"s{n}"
    return records
