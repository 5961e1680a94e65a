"""A town the gazetteer spells otherwise, told after "in" or "near" and read by the small model as an
organisation ("a police station in Bulo Burte": Bulo Burti, Buulobarde), is looked up by its other spellings
in the countries of the story's other places; a shorter name inside it that lies in another country gives way.
Invented sentences about real towns; each fails before the fifteenth session."""

from __future__ import annotations


def _places(pipeline, text: str):
    return pipeline.extract(text, published="2024-03-11").places


def test_a_town_spelled_otherwise_is_found_in_the_storys_country(pipeline):
    places = _places(pipeline, "Militants attacked a police post in Bulo Burte on Monday. The town lies south of "
                               "Beledweyne on the river.")
    town = next((p for p in places if p.text == "Bulo Burte"), None)
    assert town is not None and town.country == "SOM"


def test_a_shorter_name_abroad_gives_way_to_the_spelling_at_home(pipeline):
    places = _places(pipeline, "BULO BURTE, Somalia - Gunmen overran the police post in Bulo Burte late on Monday, "
                               "elders said.")
    towns = [p for p in places if p.text.lower() == "bulo burte"]
    assert towns and all(p.country == "SOM" for p in towns)


def test_an_unknown_name_with_no_spelling_at_home_adds_no_place(pipeline):
    places = _places(pipeline, "Militants attacked a police post in Zorvan Kettle on Monday. The town lies south "
                               "of Beledweyne on the river.")
    assert not [p for p in places if p.text == "Zorvan Kettle" and p.geonameid]
