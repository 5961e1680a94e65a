"""Places of the thirteenth session, on invented sentences: a town inside an organisation's name does not
place an act when the sentence names where it happened; a holy day is no place; the final "h" of an
Arabic name may be written or not; a sea that describes a coast holds no town.  Each fails before."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str, published: str = "2025-04-18"):
        return pipeline.extract(text, published=published)

    return run


def test_a_banks_name_does_not_place_the_bombing(extract):
    report = extract("The blast happened on Tuesday morning near a branch of Kabul Bank in Kunduz province, and "
                     "five people were killed.")
    blast = next(e for e in report.events if e.type == "ASSAULT" and e.place is not None)
    assert report.places[blast.place].text.startswith("Kunduz")
    story = next(s for s in report.story_events if s.type == "ASSAULT")
    assert report.places[story.place].text.startswith("Kunduz")


def test_a_holy_day_is_no_place(extract):
    report = extract("On this bright Palm Sunday, our community in Kharkiv has suffered a terrible tragedy.")
    assert [p.text for p in report.places] == ["Kharkiv"]


@pytest.mark.parametrize("text", [
    "Air strikes hit the city of Hodeidah on Friday, officials said.",
    "Five dock workers were killed in Hodeidah on Friday.",
])
def test_the_final_h_of_an_arabic_name(extract, text):
    report = extract(text)
    hodeidah = next(p for p in report.places if p.text == "Hodeidah")
    assert hodeidah.country == "YEM" and hodeidah.feature == "city"


def test_a_sea_describing_a_coast_holds_no_town(extract):
    report = extract("Air strikes hit the Red Sea city of Hodeidah on Friday, officials said.")
    hodeidah = next(p for p in report.places if p.text == "Hodeidah")
    assert hodeidah.feature == "city" and hodeidah.country == "YEM"
