"""Figures of the thirteenth session, on invented sentences: "wounding 12 more" counts the wounded, and
people driven "from" a place are displaced.  The wounded "more" and the people driven from a district fail
on the figures stage before the session; the other cases guard what already held."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def figures(pipeline):
    def run(text: str) -> list[tuple[str, int | None, str]]:
        report = pipeline.extract(text, published="2024-03-04")
        assert report.span_errors() == []
        return [(f.category, f.value, f.text) for f in report.figures]

    return run


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen shot dead six pupils at the school, wounding 12 more.", ("injured", 12, "12 more")),
    ("Gunmen shot dead six pupils and wounded roughly a dozen more.", ("injured", 12, "roughly a dozen more")),
    ("Police detained 30 marchers on Monday and 12 more on Tuesday.", ("detained", 12, "12 more")),
])
def test_more_of_the_people_just_counted(figures, text, expected):
    assert expected in figures(text)


def test_more_without_people_is_no_figure(figures):
    assert figures("The company hired 12 more this spring.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Clashes between the army and the militia drove some 8,000 villagers from the valley.",
     ("displaced", 8000, "some 8,000 villagers")),
    ("The floods drove 3,000 families out of their homes.", ("displaced", 3000, "3,000 families")),
])
def test_people_driven_from_a_place_are_displaced(figures, text, expected):
    assert expected in figures(text)


def test_driving_people_somewhere_is_no_displacement(figures):
    assert ("displaced", 300, "300 workers") not in figures("The company drove 300 workers to the site every day.")
