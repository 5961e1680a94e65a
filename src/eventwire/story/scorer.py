"""The learned part of the story stage: how likely an analyst is to code an event mention as (part
of) a story-level event.  A logistic regression over the features of ``story/features.py``,
trained by ``benchmarks/train_story_scorer.py`` on the project's own coded real reports
(``benchmarks/stories/own-*.jsonl``, never the shared measuring set) and shipped as plain
weights in ``data/story_scorer.json``: reading it needs nothing beyond the standard library.

    StoryScorer.load() -> StoryScorer
    StoryScorer.probability(features) -> float in [0, 1]
    StoryScorer.threshold: mentions at or above it may found a story event
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

WEIGHTS_FILE = "data/story_scorer.json"


@dataclass(frozen=True)
class StoryScorer:
    weights: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.5
    trained_on: str = ""

    def probability(self, feats: dict[str, float]) -> float:
        if not self.weights:
            return 1.0  # no model shipped: the rules alone decide
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> StoryScorer:
        weights = data.get("weights") or {}
        if not isinstance(weights, dict):
            raise ValueError("story scorer: 'weights' must be an object")
        return cls(weights={str(k): float(v) for k, v in weights.items()},
                   threshold=float(data.get("threshold", 0.5)),  # type: ignore[arg-type]
                   trained_on=str(data.get("trained_on", "")))

    @classmethod
    def load(cls) -> StoryScorer:
        return _load()


@lru_cache(maxsize=1)
def _load() -> StoryScorer:
    ref = resources.files("eventwire").joinpath(WEIGHTS_FILE)
    if not ref.is_file():
        return StoryScorer()
    return StoryScorer.from_dict(json.loads(ref.read_text(encoding="utf-8")))
