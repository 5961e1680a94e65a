"""Which story events are reports of their article for the dedup, and where they are (load_reports).

The dispatches are our own, invented for these tests (no NLP: the story events are written by hand, as the
story stage would give them); the towns are real so that their coordinates are.
"""

from __future__ import annotations

from eventwire.dedup import cluster, load_reports
from eventwire.dedup_cluster import canonical_row
from eventwire.schema import Event, Offsets, Place, Report, Span, StoryEvent
from eventwire.store import document_id, open_store

# name, lat, lon, country, admin1, feature
SUDAN = ("Sudan", 15.0, 30.0, "SDN", None, "country")
KASSALA = ("Kassala", 15.451, 36.400, "SDN", "Kassala", "city")
WAD_SHARIFEY = ("Wad Sharifey", 15.520, 36.480, "SDN", "Kassala", "city")
KHARTOUM = ("Khartoum", 15.552, 32.532, "SDN", "Khartoum", "city")  # the capital


def dispatch(report_id: str, published: str, sentences: list[tuple[str, str | None, str | None, tuple | None]],
             places: tuple[tuple[str, tuple], ...] = ()) -> Report:
    """One article: each sentence is (text, PLOVER type or None, date, place of its event); the first word of
    a sentence with a type is its trigger. `places` are more places the text names (the word, the place)."""
    text, found, mentions, stories = "", [], [], []

    def place_at(word: str, where: tuple, start: int) -> int:
        i = text.index(word, start)
        name, lat, lon, country, admin1, feature = where
        found.append(Place(start=i, end=i + len(word), text=word, name=name, lat=lat, lon=lon, country=country,
                           admin1=admin1, feature=feature))  # type: ignore[arg-type]
        return len(found) - 1

    for sentence, type_, date, where in sentences:
        start = len(text) + (1 if text else 0)
        text = f"{text} {sentence}" if text else sentence
        if type_ is None:
            continue
        place = place_at(where[0], where, start) if where else None
        word = sentence.split()[0]
        n = len(mentions) + 1
        fields = dict(type=type_, place=place, date=date, trigger=Span(start=start, end=start + len(word), text=word),
                      evidence=Offsets(start=start, end=len(text)))
        mentions.append(Event(id=f"e{n}", **fields))  # type: ignore[arg-type]
        stories.append(StoryEvent(id=f"s{n}", **fields, place_precision="attached" if where else None,
                                  date_from="mention", mentions=[f"e{n}"]))  # type: ignore[arg-type]
    for word, where in places:
        place_at(word, where, 0)
    return Report(id=report_id, text=text, published=published, places=found, events=mentions,
                  story_events=stories, site="news.test")


def stored(db_url: str, *reports: Report) -> list:
    with open_store(db_url) as store:
        store.write([(r, f"mem:{r.id}") for r in reports])
        return load_reports(store)


def test_an_event_dated_after_its_article_is_no_report(db_url):
    """A real event is not reported before it happens: "Thursday's attack" resolved to the next Thursday."""
    r = dispatch("pub-1", "2025-03-07", [
        ("Raided a market in Kassala on Wednesday.", "ASSAULT", "2025-03-05", KASSALA),
        ("Protested in Kassala the next day.", "PROTEST", "2025-03-13", KASSALA),  # six days after publication
        ("Marched again in Kassala.", "PROTEST", "2025-03-08", KASSALA),  # a day of slack for time zones
    ])
    found = stored(db_url, r)
    assert sorted((x.event_id, x.date) for x in found) == [("s1", "2025-03-05"), ("s3", "2025-03-08")]


def test_an_earlier_incident_an_article_recalls_after_its_lead_is_no_report(db_url):
    """"... only a week after gunmen raided a market in Kassala": background, not a report of that raid."""
    r = dispatch("recall-1", "2025-03-12", [
        ("Stormed a police post in Kassala on Tuesday, killing four.", "ASSAULT", "2025-03-11", KASSALA),
        ("Raided the cattle market in Kassala a week earlier.", "ASSAULT", "2025-03-04", KASSALA),  # recalled
        ("Marched in Kassala a week earlier.", "PROTEST", "2025-03-04", KASSALA),  # another type: its own lead
        ("Shelled the post in Kassala again on Tuesday night.", "ASSAULT", "2025-03-11", KASSALA),  # the same day
    ])
    assert sorted(x.event_id for x in stored(db_url, r)) == ["s1", "s3", "s4"]


def test_a_country_level_report_is_placed_at_the_first_finer_place_its_article_names(db_url):
    """"Gunmen raided a school in eastern Sudan" ... "the school in Wad Sharifey": the town stands in for the
    country, so the report meets another outlet's report from the next town; the canonical event keeps the
    place the story stage gave."""
    vague = dispatch("vague-1", "2025-03-12", [
        ("Raided a school in eastern Sudan on Tuesday.", "ASSAULT", "2025-03-11", SUDAN),
        ("Residents of Wad Sharifey said the gunmen came at dawn.", None, None, None),
    ], places=(("Wad Sharifey", WAD_SHARIFEY),))
    town = dispatch("town-1", "2025-03-12", [
        ("Attacked a school near Kassala on Tuesday.", "ASSAULT", "2025-03-11", KASSALA),
    ])
    reports = {x.doc_id: x for x in stored(db_url, vague, town)}
    v = reports[document_id(vague.text)]
    assert v.stand_in and v.place_name == "Wad Sharifey" and v.country == "SDN"
    canon = cluster(list(reports.values()))
    assert len(canon) == 1 and len(canon[0].reports) == 2
    # the canonical event keeps the story stage's places: the first report's (by date, then publication)
    assert canonical_row(canon[0])[7] in ("Kassala", "Sudan")
    alone = cluster([v])
    assert canonical_row(alone[0])[7] == "Sudan" and canonical_row(alone[0])[4] == 15.0


def test_two_places_that_only_stand_in_for_countries_do_not_vouch_for_each_other(db_url):
    one = dispatch("vague-2", "2025-03-12", [
        ("Raided a school in eastern Sudan on Tuesday.", "ASSAULT", "2025-03-11", SUDAN),
        ("The school lies near Kassala.", None, None, None),
    ], places=(("Kassala", KASSALA),))
    other = dispatch("vague-3", "2025-03-12", [
        ("Looted shops in eastern Sudan on Tuesday.", "ASSAULT", "2025-03-11", SUDAN),
        ("Traders in Kassala counted their losses.", None, None, None),
    ], places=(("Kassala", KASSALA),))
    found = stored(db_url, one, other)
    assert all(x.stand_in for x in found)
    assert len(cluster(found)) == 2


def test_a_dateline_or_the_capital_does_not_stand_in_for_the_country(db_url):
    """Where the story was filed, and the capital where officials speak, are not where it happened."""
    filed = dispatch("dateline-1", "2025-03-12", [
        ("KASSALA, Sudan - Gunmen raided a school in eastern Sudan on Tuesday.", "ASSAULT", "2025-03-11", SUDAN),
    ], places=(("KASSALA", KASSALA),))
    capital = dispatch("capital-1", "2025-03-12", [
        ("Raided a school in eastern Sudan on Tuesday.", "ASSAULT", "2025-03-11", SUDAN),
        ("Officials in Khartoum condemned the raid.", None, None, None),
    ], places=(("Khartoum", KHARTOUM),))
    found = stored(db_url, filed, capital)
    assert len(found) == 2 and not any(x.stand_in for x in found)
    assert {x.place_name for x in found} == {"Sudan"}
