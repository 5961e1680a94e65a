"""The actors stage on sentences we wrote ourselves (invented events, real places and organizations)."""

from __future__ import annotations

import pytest

from eventwire.actors import find_actors
from eventwire.actors.knowledge import KnowledgeError, knowledge, read_entries


@pytest.fixture(scope="module")
def run(pipeline):
    """text -> (doc, report) through the whole pipeline; offsets always checked."""
    def go(text: str, published: str = "2024-03-04"):
        report = pipeline.extract(text, published=published)
        assert report.span_errors() == []
        for a in report.actors:
            for m in a.mentions:
                assert report.text[m.start:m.end] == m.text
        return report

    return go


@pytest.fixture(scope="module")
def parse(pipeline):
    """text -> spaCy Doc with every eventwire stage run (for the ActorTable API)."""
    return lambda text: pipeline.nlp(text)


def by_id(report):
    return {a.id: a for a in report.actors}


def owner(report, mention_text: str, nth: int = 0):
    """The actor holding the nth mention with this exact text."""
    hits = sorted(((m.start, a) for a in report.actors for m in a.mentions if m.text == mention_text),
                  key=lambda x: x[0])
    assert len(hits) > nth, f"no actor has the mention {mention_text!r}"
    return hits[nth][1]


def texts(actor):
    return [m.text for m in actor.mentions]


MILITARY = ("KHARKIV, March 3 (Reuters) - The Russian military said on Sunday it had taken two villages. "
            "The Russian Army shelled the outskirts overnight, local officials said. "
            "Russian forces also struck a power station, and the army later said the strike had hit a depot.")


def test_military_variants_are_one_actor(run):
    report = run(MILITARY)
    mil = owner(report, "The Russian military")
    assert mil.id == "russia-military" and mil.type == "military" and mil.country == "RUS"
    assert "The Russian Army" in texts(mil)
    assert "Russian forces" in texts(mil)
    assert "the army" in texts(mil)  # a bare definite description refers back
    assert sum(1 for a in report.actors if a.type == "military") == 1


def test_knowledge_alias_and_description_meet_on_one_id(run):
    report = run("Israeli troops entered the camp on Monday. The IDF said the operation would last days.")
    assert owner(report, "Israeli troops").id == owner(report, "The IDF").id == "israel-military"


def test_ministry_controlled_by_and_later_nominals(run):
    report = run("The Sanaa health ministry, controlled by the Houthis, said 12 people died in the strike. "
                 "The health ministry said rescuers were still searching. "
                 "The ministry appealed for fuel deliveries.")
    ministry = owner(report, "The Sanaa health ministry")
    assert ministry.type == "ministry" and ministry.country == "YEM"
    assert ministry.attributes.get("controlled_by") == "houthis"
    assert ministry.id == "sanaa-health-ministry"
    assert {"The health ministry", "The ministry"} <= set(texts(ministry))
    assert "the Houthis" in texts(by_id(report)["houthis"])


def test_controlled_by_written_before_the_noun_merges_with_the_named_ministry(run):
    report = run("The Houthi-run health ministry reported 40 wounded on Tuesday. "
                 "Later, the Sanaa health ministry raised the toll to 52.")
    first = owner(report, "The Houthi-run health ministry")
    assert first.attributes.get("controlled_by") == "houthis"
    assert owner(report, "the Sanaa health ministry").id == first.id
    assert first.id == "sanaa-health-ministry"


def test_government_controlled_by_hyphen_compound(run):
    report = run("The Taliban-run Afghan government rejected the report on Friday.")
    gov = owner(report, "The Taliban-run Afghan government")
    assert gov.type == "government" and gov.country == "AFG"
    assert gov.attributes.get("controlled_by") == "taliban"
    assert "Taliban" in texts(by_id(report)["taliban"])  # the controller is a participant too


def test_backed_by_is_not_the_country(run):
    report = run("Russian-backed separatists shelled the town on Monday, the Ukrainian military said.")
    seps = owner(report, "Russian-backed separatists")
    assert seps.type == "armed_group"
    assert seps.attributes.get("backed_by") == "russia"
    assert seps.country != "RUS"


def test_person_full_name_then_surname_with_role_and_country(run):
    report = run("Turkish President Recep Tayyip Erdogan said on Monday the border would stay open. "
                 "Erdogan added that talks with Damascus would continue.")
    person = owner(report, "Recep Tayyip Erdogan")
    assert person.type == "person" and person.country == "TUR"
    assert person.attributes.get("role") == "President"
    assert "Erdogan" in texts(person)
    assert sum(1 for a in report.actors if a.type == "person") == 1


def test_surname_first_then_full_name_keeps_the_full_name_and_id(run):
    report = run("Guterres arrived on Monday. UN Secretary-General Antonio Guterres then met the envoys.")
    person = owner(report, "Antonio Guterres")
    assert person.id == "antonio-guterres" and person.name == "Antonio Guterres"
    assert "Guterres" in texts(person)
    assert person.attributes.get("affiliation") == "united-nations"
    assert person.attributes.get("role") == "Secretary-General"


def test_title_inside_the_entity_and_first_name_alone(run):
    report = run("Archbishop Elena Moravec blessed the convoy on Sunday. Elena said the aid was overdue.")
    person = next(a for a in report.actors if a.type == "person" and "Moravec" in a.name)
    assert person.name == "Elena Moravec"
    assert person.attributes.get("role") == "Archbishop"
    assert "Elena" in texts(person)


def test_role_from_apposition(run):
    report = run("Maria Lindqvist, Sweden's foreign minister, arrived in Ankara on Monday.")
    person = owner(report, "Maria Lindqvist")
    assert person.attributes.get("role") == "Foreign Minister"
    assert person.country == "SWE"


def test_armed_group_nominals_refer_to_the_last_compatible_group(run):
    report = run("Hezbollah fired rockets at northern Israel on Monday. The Lebanese Shiite group said the "
                 "barrage was a response to an earlier strike. The Israeli military said the militant group "
                 "had violated the ceasefire.")
    hez = by_id(report)["hezbollah"]
    assert hez.type == "armed_group" and hez.country == "LBN"
    assert "The Lebanese Shiite group" in texts(hez)
    assert "the militant group" in texts(hez)


def test_a_group_with_nothing_before_it_is_not_invented(parse):
    doc = parse("The group said on Monday that it would publish the report.")
    table = find_actors(doc)  # the first pass only: the quotes stage may still ensure() the speaker
    assert all("group" not in m.text.lower() for a in table.actors for m in a.mentions)


def test_named_groups_of_unknown_organizations_are_new_actors(run):
    report = run("Hamas said the truce held. A local doctors' group said it had treated 30 people.")
    doctors = owner(report, "local doctors' group")
    assert doctors.id != "hamas" and doctors.type == "ngo"


def test_a_proper_named_army_is_not_the_state_military(run):
    report = run("Myanmar's military said its troops had retaken the town. The junta accused the Arakan Army "
                 "of attacking civilians. The rebel group denied the claim.")
    arakan = owner(report, "Arakan Army")
    assert arakan.type == "armed_group" and arakan.id == "arakan-army"
    assert "The rebel group" in texts(arakan)
    assert owner(report, "its troops").id == "myanmar-military"


def test_knowledge_alias_split_by_the_tagger_is_reassembled(run):
    report = run("The Sudanese army and the RSF traded blame on Monday. Doctors Without Borders said its "
                 "hospital was hit. The aid group said two staff were wounded.")
    msf = by_id(report)["msf"]
    assert msf.type == "ngo"
    assert "Doctors Without Borders" in texts(msf) and "The aid group" in texts(msf)
    assert not any(a.type == "person" for a in report.actors)


def test_capital_from_the_knowledge_supplement(run):
    report = run("Zelensky said on Monday that Kyiv needed more air defence systems.")
    assert owner(report, "Kyiv").id == "ukraine"


def test_ministry_of_x_is_the_same_as_the_x_ministry(run):
    report = run("Chile's mining ministry said on Thursday it would appeal. The Ministry of Mining called the "
                 "ruling illegal.")
    ministry = owner(report, "Chile's mining ministry")
    assert ministry.id == "chile-mining-ministry"
    assert "The Ministry of Mining" in texts(ministry)


def test_a_name_inside_a_group_description_is_the_organization(run):
    report = run("Fighters of the Jaish al-Islam rebel group left the town on Sunday.")
    group = owner(report, "the Jaish al-Islam rebel group")
    assert group.id == "jaish-al-islam" and group.type == "armed_group"


def test_epithet_from_the_knowledge_file(run):
    report = run("Iran said the talks had failed. Officials in Washington warned the Islamic Republic "
                 "against enriching more uranium.")
    iran = by_id(report)["iran"]
    assert iran.type == "state" and iran.country == "IRN"
    assert "the Islamic Republic" in texts(iran)


def test_countries_act_as_states_but_locatives_and_cities_are_not_actors(run):
    report = run("Norway, one of the main donors, said it would double its aid. Fighting spread to Mosul "
                 "and Kirkuk, and refugees arrived in Jordan on Tuesday.")
    norway = by_id(report)["norway"]
    assert norway.type == "state" and norway.country == "NOR"
    mentioned = {m.text for a in report.actors for m in a.mentions}
    assert "Mosul" not in mentioned and "Kirkuk" not in mentioned
    assert "Jordan" not in mentioned


def test_capital_as_subject_stands_for_its_state(run):
    report = run("Moscow warned on Friday that the new sanctions would backfire.")
    assert owner(report, "Moscow").id == "russia"


def test_unqualified_ministry_takes_the_state_in_focus(run):
    report = run("Norway regretted the collapse of the talks on Sunday. A foreign ministry statement said "
                 "Oslo remained ready to host a new round. The Norwegian foreign ministry later named an envoy.")
    ministry = owner(report, "foreign ministry")
    assert ministry.id == "norway-foreign-ministry" and ministry.country == "NOR"
    assert "The Norwegian foreign ministry" in texts(ministry)
    assert all(m.text != "A foreign ministry statement" for m in ministry.mentions)  # a statement is not a ministry


def test_demonym_groups_and_populations(run):
    report = run("Emirati diplomats met Afghans who had fled the fighting. Residents said the camp was full.")
    dip = owner(report, "Emirati diplomats")
    assert dip.country == "ARE" and dip.type == "government"
    afghans = owner(report, "Afghans")
    assert afghans.type == "population" and afghans.country == "AFG"
    assert owner(report, "Residents").type == "population"


def test_apposition_joins_description_and_name(run):
    report = run("Two boys were killed, the official Syrian news agency, SANA, reported.")
    sana = by_id(report)["sana"]
    assert sana.type == "media"
    assert "the official Syrian news agency" in texts(sana)


def test_dateline_agency_is_an_actor(run):
    report = run("BEIRUT, March 2 (Reuters) - Lebanon's parliament met on Saturday.")
    reuters = by_id(report)["reuters"]
    assert reuters.type == "media" and reuters.mentions[0].text == "Reuters"


def test_unknown_organization_types_from_their_names(run):
    report = run("The Sudan Liberation Movement said its fighters held the town. "
                 "The Northern Farmers Union called for calm.")
    movement = owner(report, "The Sudan Liberation Movement")
    assert movement.type == "armed_group" and movement.id == "sudan-liberation-movement"
    assert "its fighters" in texts(movement)  # members of a group, owned through a pronoun
    union = owner(report, "The Northern Farmers Union")
    assert union.type == "other" and union.id == "northern-farmers-union"


# -- the ActorTable API ------------------------------------------------------------------------------------

SALIENCE = ("Kenyan President William Ruto met opposition leader Raila Odinga in Nairobi on Monday. "
            "He said the talks had been frank.")


def _span(doc, text, nth=0):
    at = -1
    for _ in range(nth + 1):
        at = doc.text.index(text, at + 1)
    return at, at + len(text)


def test_he_prefers_the_subject_of_the_previous_sentence(parse):
    doc = parse(SALIENCE)
    table = doc._.eventwire_actor_table
    start, end = _span(doc, "He")
    ruto = table.actor_at(*_span(doc, "William Ruto"))
    assert ruto is not None and ruto != table.actor_at(*_span(doc, "Raila Odinga"))
    assert table.resolve(doc, start, end) == ruto


def test_he_takes_the_latest_subject(parse):
    doc = parse("William Ruto opened the summit on Monday. Later, Raila Odinga spoke to reporters. "
                "He said the vote had been stolen.")
    table = doc._.eventwire_actor_table
    assert table.resolve(doc, *_span(doc, "He")) == table.actor_at(*_span(doc, "Raila Odinga"))


def test_it_resolves_only_to_an_organization_in_focus(parse):
    doc = parse("The World Health Organization said on Tuesday that it would send another convoy.")
    table = doc._.eventwire_actor_table
    assert table.resolve(doc, *_span(doc, "it")) == "who"
    doc = parse("The rain stopped on Tuesday. It was cold.")
    assert doc._.eventwire_actor_table.resolve(doc, *_span(doc, "It")) is None


def test_resolve_and_ensure_keep_the_shared_actor_list(parse):
    doc = parse("Police in Lagos arrested 12 people, a senior official said. The police said more arrests "
                "would follow.")
    table = doc._.eventwire_actor_table
    assert table.actors is doc._.eventwire_actors
    new_id = table.ensure(doc, *_span(doc, "a senior official"))
    added = next(a for a in doc._.eventwire_actors if a.id == new_id)
    assert added.type == "person"
    assert any(m.text == "a senior official" for m in added.mentions)
    assert table.ensure(doc, *_span(doc, "a senior official")) == new_id  # idempotent
    police = table.actor_at(*_span(doc, "Police"))
    assert police is not None and table.actor_at(*_span(doc, "The police")) == police


def test_resolve_a_nominal_outside_the_first_pass(parse):
    doc = parse("The Kenyan interior ministry announced a curfew on Monday. Protesters defied it.")
    table = doc._.eventwire_actor_table
    ministry = table.actor_at(*_span(doc, "The Kenyan interior ministry"))
    assert ministry == "kenya-interior-ministry"
    assert table.resolve(doc, *_span(doc, "Protesters")) is not None


def test_find_actors_works_without_the_places_stage(pipeline):
    nlp = pipeline.nlp
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n.startswith("eventwire_")]):
        doc = nlp("Qatari officials said Egypt would host the talks.")
    table = find_actors(doc)
    ids = {a.id for a in table.actors}
    assert "egypt" in ids and "qatar-officials" in ids


def test_find_actors_on_an_unparsed_doc_returns_an_empty_table(pipeline):
    doc = pipeline.nlp.make_doc("Hamas said Israel had broken the truce.")
    assert find_actors(doc).actors == []


# -- the knowledge file ------------------------------------------------------------------------------------

def test_knowledge_file_extension_via_environment(run, tmp_path, monkeypatch):
    extra = tmp_path / "mine.tsv"
    extra.write_text("# my actors\n"
                     "northern-shield\tarmed_group\tMLI\tNorthern Shield Brigade\tthe Shield|NSB\tleader=unknown\n"
                     "-\tdemonym\tMLI\tMalian\tMalians\n", encoding="utf-8")
    text = "The Northern Shield Brigade attacked a convoy near Gao. NSB fighters later withdrew."
    before = run(text)
    assert "northern-shield" not in by_id(before)
    monkeypatch.setenv("EVENTWIRE_ACTORS", str(extra))
    after = run(text)
    shield = by_id(after)["northern-shield"]
    assert shield.type == "armed_group" and shield.country == "MLI"
    assert shield.attributes == {"leader": "unknown"}
    assert "NSB fighters" in texts(shield)
    assert knowledge().demonym("Malians") == "MLI"


def test_missing_extra_file_is_a_settings_error(run, tmp_path, monkeypatch):
    from eventwire import SettingsError

    monkeypatch.setenv("EVENTWIRE_ACTORS", str(tmp_path / "nope.tsv"))
    with pytest.raises(SettingsError, match="EVENTWIRE_ACTORS"):
        knowledge()


def test_unknown_country_code_in_an_extra_file_is_refused(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("x-army\tmilitary\tZZZ\tX Army\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="ZZZ"):
        knowledge(str(bad))


def test_knowledge_file_errors_name_the_line():
    with pytest.raises(KnowledgeError, match=r"mine\.tsv:2:"):
        read_entries("ok\tstate\tFRA\tFrance\nbad\tspaceship\tFRA\tX\n", "mine.tsv")
    with pytest.raises(KnowledgeError, match="alpha-3"):
        read_entries("x\tstate\tFR\tFrance\n", "mine.tsv")


def test_shipped_knowledge_covers_the_recurring_actors():
    kb = knowledge("")
    for alias, id_ in [("UN", "united-nations"), ("ICRC", "icrc"), ("Houthi rebels", "houthis"), ("Wagner", "wagner"),
                       ("NATO", "nato"), ("AFP", "afp"), ("the Pentagon", "united-states-military")]:
        entry = kb.lookup(alias)
        assert entry is not None and entry.id == id_, alias
    assert kb.demonym("Israeli") == "ISR" and kb.demonym("American") == "USA" and kb.demonym("Indian") == "IND"
    assert kb.lookup("Is") is None  # short all-caps aliases ("IS") match only as written


# -- abbreviations ------------------------------------------------------------------------------


def test_a_bracketed_abbreviation_is_the_name_before_it(run):
    report = run("Gunmen of the Popular Resistance Front (FRP) burned a market near Bouar on Friday, a police "
                 "officer said. The FRP said on Saturday that the market had sheltered informers.")
    front = owner(report, "the Popular Resistance Front")
    assert front.name == "Popular Resistance Front"
    assert texts(front).count("FRP") == 2  # the initials do not match: only the brackets tie them
    assert not any(a.name == "FRP" for a in report.actors)


def test_an_abbreviation_made_of_initials_joins_the_full_name(run):
    report = run("The Movement for Unity and Progress seized two villages on Monday, residents said. "
                 "Later, MUP said the villages had been taken without a fight.")
    movement = owner(report, "The Movement for Unity and Progress")
    assert "MUP" in texts(movement)
    assert sum(1 for a in report.actors if "MUP" in texts(a) or a.name == "MUP") == 1


def test_a_full_name_after_its_abbreviation_names_the_actor(run):
    report = run("ADRN fighters attacked a convoy on Sunday. The Alliance for Democracy and Renewal of the "
                 "North later denied it had targeted aid workers.")
    alliance = owner(report, "ADRN fighters")
    assert alliance.name == "Alliance for Democracy and Renewal of the North"
    assert "The Alliance for Democracy and Renewal of the North" in texts(alliance)
    assert alliance.type == "armed_group"


# -- members of named groups --------------------------------------------------------------------


def test_fighters_of_a_named_group_are_the_group(run):
    report = run("Fighters from the Movement for the Salvation of Azawad stormed the town of Menaka on Monday. "
                 "MSA fighters also attacked an army post near Anderamboukane, the army said.")
    msa = owner(report, "Fighters")
    assert msa.name == "Movement for the Salvation of Azawad"
    assert {"Fighters", "MSA fighters"} <= set(texts(msa))
    assert msa.type == "armed_group"
    assert not any(a.name in ("Fighters", "MSA") for a in report.actors)


def test_its_fighters_are_the_organization_in_focus(run):
    report = run("The Sahel Patriotic Convention rejects the election result. Its fighters killed three "
                 "soldiers near Ansongo on Tuesday.")
    convention = owner(report, "The Sahel Patriotic Convention")
    assert "Its fighters" in texts(convention)
    assert convention.type == "armed_group"


def test_unnamed_militants_after_a_named_group_are_that_group(run):
    report = run("Al-Shabaab said it had attacked the base near Afgoye. Soldiers killed 11 militants during the "
                 "fighting, and the militants withdrew before dawn, an officer said.")
    shabaab = by_id(report)["al-shabaab"]
    assert {"militants", "the militants"} <= set(texts(shabaab))
    assert not any(a.name == "Militants" for a in report.actors)


def test_a_named_militia_before_the_noun_is_its_own_armed_group(run):
    report = run("Koglweogo militia members and Tamboura fighters clashed near Djibo, officials said.")
    tamboura = owner(report, "Tamboura fighters")
    assert tamboura.name == "Tamboura" and tamboura.type == "armed_group"


def test_an_organization_that_attacks_is_an_armed_group(run):
    report = run("The Ruwenzori Liberation Council, an alliance of armed groups, rejects the peace deal. "
                 "On Friday the council seized a police station.")
    council = owner(report, "The Ruwenzori Liberation Council")
    assert council.type == "armed_group"
    report = run("The Kivu Defence Union said on Sunday it had overrun an army post near Walikale.")
    assert owner(report, "The Kivu Defence Union").type == "armed_group"


def test_a_known_name_inside_a_longer_name_is_another_organization(run):
    report = run("Fighters of the Islamic State Sahel Province killed nine soldiers near Tillaberi on Sunday.")
    assert "islamic-state" not in by_id(report)
    province = owner(report, "Fighters")
    assert province.name == "Islamic State Sahel Province" and province.type == "armed_group"


# -- peoples are not states -----------------------------------------------------------------------


def test_ethnic_forces_are_not_the_dateline_country_military(run):
    report = run("KIRKUK, Iraq - Kurdish forces repelled an attack on a checkpoint west of the city on "
                 "Sunday, a commander said.")
    kurdish = owner(report, "Kurdish forces")
    assert kurdish.id == "kurdish-forces" and kurdish.name == "Kurdish Forces"
    assert kurdish.country is None and kurdish.type == "armed_group"
    assert "iraq-military" not in by_id(report)


def test_militias_of_different_peoples_stay_apart(run):
    report = run("Islamist militants have attacked villages in central Mali since 2015. Last year a Dogon militia "
                 "was blamed for a massacre, and Fulani militants later attacked three villages.")
    dogon, fulani = owner(report, "Dogon militia"), owner(report, "Fulani militants")
    islamist = owner(report, "Islamist militants")
    assert len({dogon.id, fulani.id, islamist.id}) == 3
    assert dogon.name == "Dogon Militia" and fulani.name == "Fulani Militants"
    assert dogon.country is None and fulani.country is None


def test_an_ethnic_group_named_alone_is_a_population(run):
    report = run("Clashes between the Karen and the army have grown. Some 40 Oromos fled to Kenya.")
    assert owner(report, "Oromos").type == "population"


def test_a_state_adjective_asked_for_is_the_state_or_its_military(parse):
    doc = parse("An apparent Turkish drone strike hit a car near Kobani on Sunday. The governor rejected "
                "Ukrainian claims about the fire.")
    table = find_actors(doc)
    assert table.ensure(doc, *_span(doc, "Turkish")) == "turkey-military"
    assert table.ensure(doc, *_span(doc, "Ukrainian")) == "ukraine"
    mil = next(a for a in table.actors if a.id == "turkey-military")
    assert mil.name == "Turkish Military" and [m.text for m in mil.mentions] == ["Turkish"]


# -- unnamed victims -------------------------------------------------------------------------------


def test_unnamed_people_are_civilians(run):
    report = run("Gunmen shot dead 14 people in a village near Mopti on Tuesday. Residents said the villagers "
                 "had gathered for a wedding when the attackers arrived.")
    civ = owner(report, "people")
    assert civ.name == "Civilians" and civ.type == "population"
    assert owner(report, "Residents").id == civ.id == owner(report, "the villagers").id


def test_civilians_keep_a_stated_nationality(run):
    report = run("Two Palestinian villagers were killed near Jenin on Monday, the health ministry said.")
    assert owner(report, "Palestinian villagers").name == "Palestinian Civilians"


def test_a_count_asked_for_is_what_the_sentence_counts_or_civilians(parse):
    doc = parse("Four members of the Border Guard Corps were killed and at least 9 were wounded when a bomb "
                "exploded near Turbat. In a separate attack gunmen killed 12 and wounded more than 20 others.")
    table = find_actors(doc)
    corps = table.actor_at(*_span(doc, "the Border Guard Corps"))
    assert corps is not None and table.actor_at(*_span(doc, "members")) == corps
    assert table.ensure(doc, *_span(doc, "at least 9")) == corps
    civ = table.ensure(doc, *_span(doc, "12"))
    assert table.ensure(doc, *_span(doc, "more than 20 others")) == civ
    assert next(a for a in table.actors if a.id == civ).name == "Civilians"


def test_no_actor_is_named_by_a_number(parse):
    doc = parse("Rebels set fire to three vehicles outside Kalemie on Saturday.")
    table = find_actors(doc)
    vid = table.ensure(doc, *_span(doc, "three vehicles"))
    assert next(a for a in table.actors if a.id == vid).name == "vehicles"


# -- descriptions and titles -----------------------------------------------------------------------


def test_the_army_is_the_actor_last_called_the_army(run):
    report = run("BANGUI - The army declined to comment on Friday. Backed by Angolan and Zambian forces, the "
                 "army is fighting the rebel alliance in the north.")
    first = owner(report, "The army")
    assert owner(report, "the army").id == first.id
    assert owner(report, "Angolan and Zambian forces").id != first.id


def test_the_title_alone_is_the_person_introduced_with_it(parse):
    doc = parse("Provincial Governor Peter Okello said four people were killed. \"We will rebuild,\" the "
                "governor said.")
    table = find_actors(doc)
    person = table.actor_at(*_span(doc, "Peter Okello"))
    assert table.ensure(doc, *_span(doc, "the governor")) == person


def test_its_fighters_prefer_the_armed_group_to_a_later_army(run):
    report = run("In a broadcast, al-Shabaab said the Kenyan troops had suffered many deaths and added that "
                 "its fighters had captured two trucks.")
    assert "its fighters" in texts(by_id(report)["al-shabaab"])


def test_unnamed_gunmen_in_between_do_not_hide_the_named_group(run):
    report = run("Al-Shabaab overran the district at dawn, elders said. Gunmen then pushed into the base. "
                 "\"Our men shot eleven militants,\" a captain said.")
    assert "militants" in texts(by_id(report)["al-shabaab"])


def test_a_name_ending_in_forces_keeps_the_noun_and_joins_its_abbreviation(run):
    report = run("\"UDF carried out this massacre,\" the spokesman said. Officials blamed the raid on the "
                 "United Defence Forces (UDF), which has camps in the forest.")
    udf = owner(report, "UDF")
    assert udf.name == "United Defence Forces"
    assert sum(1 for a in report.actors if a.name.startswith("United Defence")) == 1


def test_a_branch_of_a_known_armed_group_is_an_armed_group(run):
    report = run("The Punjabi Taliban said on Monday that the talks had failed.")
    assert owner(report, "The Punjabi Taliban").type == "armed_group"


def test_a_capital_asked_for_as_a_participant_is_the_state(parse):
    doc = parse("The prime minister asked Washington to halt the drone strikes.")
    table = find_actors(doc)
    assert table.ensure(doc, *_span(doc, "Washington")) == "united-states"


def test_an_abbreviated_title_is_the_role_a_later_title_refers_to(parse):
    doc = parse("Northern region Gov. Peter Okello said the attackers fled. \"We will find them,\" the governor "
                "said.")
    table = find_actors(doc)
    person = table.actor_at(*_span(doc, "Peter Okello"))
    assert person is not None and table.ensure(doc, *_span(doc, "the governor")) == person


def test_the_n_year_old_is_the_person_just_named(parse):
    doc = parse("Joseph Mwamba Kyungu, a deacon at the church, said the bomb went off during the service. "
                "\"Many of us were hurt by the glass,\" said the 42-year-old.")
    table = find_actors(doc)
    person = table.actor_at(*_span(doc, "Joseph Mwamba Kyungu"))
    assert person is not None and table.ensure(doc, *_span(doc, "the 42-year-old")) == person


def test_an_honorific_and_a_surname_are_the_person_named_in_full(parse):
    doc = parse("Irina Lazarenka, the exiled opposition leader, called a strike. \"The regime has shown its "
                "face,\" Ms Lazarenka said in a written statement.")
    table = find_actors(doc)
    person = table.actor_at(*_span(doc, "Irina Lazarenka"))
    assert person is not None and table.ensure(doc, *_span(doc, "Ms Lazarenka")) == person


def test_the_n_member_bloc_is_the_organization_named_before(run):
    report = run("The Southern African Development Community met in Harare on Friday. The 16-member bloc said it "
                 "would send observers to the vote.")
    assert owner(report, "The 16-member bloc").id == owner(report, "The Southern African Development Community").id


def test_a_collective_or_members_of_a_description_are_what_they_are_of(run):
    report = run("Troops surrounded a band of Tamboura fighters near the border. Three members of the security "
                 "forces were wounded.")
    assert owner(report, "band").id == owner(report, "Tamboura fighters").id
    assert owner(report, "members").id == owner(report, "the security forces").id


def test_armed_networks_units_and_gangs(run):
    report = run("Police said the insurgent network had recruited forty men. A counter-terrorism unit later "
                 "raided the house, and rival gangs fought in the street.")
    assert owner(report, "the insurgent network").type == "armed_group"
    assert owner(report, "counter-terrorism unit").type == "military"
    assert owner(report, "rival gangs").type == "armed_group"


def test_victims_named_by_what_they_are_keep_that_name(run):
    report = run("Gunmen abducted six women and shot four fishermen near the lake on Monday.")
    assert owner(report, "women").name == "Women"
    assert owner(report, "fishermen").name == "Fishermen"


def test_a_known_name_of_several_words_before_a_member_noun(run):
    report = run("Suspected Islamic State gunmen stormed a clinic in Jalalabad on Monday.")
    assert "Suspected Islamic State gunmen" in texts(by_id(report)["islamic-state"])
    assert not any(a.name == "Suspected" for a in report.actors)


def test_a_country_s_warplanes_are_its_military(run):
    report = run("Syrian warplanes bombed two villages near Idlib on Tuesday, monitors said.")
    assert owner(report, "Syrian warplanes").id == "syria-military"


def test_a_name_after_a_lower_case_title_is_a_person(run):
    report = run("Fires spread through the market, Kherson regional governor Oleksiy Hrynchuk said.")
    person = owner(report, "Oleksiy Hrynchuk")
    assert person.type == "person"


def test_demonstrators_and_protesters_are_one_crowd(run):
    report = run("Protesters blocked the main road in Dhaka. Police later fired tear gas at the demonstrators.")
    assert owner(report, "Protesters").id == owner(report, "the demonstrators").id


def test_a_state_is_also_called_by_its_adjective(pipeline):
    r = pipeline.extract("Norway expelled two diplomats on Monday, the foreign ministry said.", published="2024-03-12")
    norway = next(a for a in r.actors if a.id == "norway")
    assert norway.type == "state" and "Norwegian" in norway.aliases


def test_a_state_led_coalition_is_a_military_and_the_coalition_refers_back_to_it(run):
    report = run("Jets of the Kenyan-led coalition bombed a depot near Kismayo on Monday. "
                 "The coalition said the depot stored weapons.")
    coalition = owner(report, "the Kenyan-led coalition")
    assert coalition.type == "military"
    assert owner(report, "The coalition").id == coalition.id


def test_a_relative_determiner_starts_no_actor_and_a_web_outlet_is_media(run):
    report = run("Saada, a rebel stronghold whose movement was founded in the 1990s, was shelled on Monday, "
                 "according to the rebel-run Alertnews.net agency.")
    assert not any(a.name.lower().startswith("whose") for a in report.actors)
    assert owner(report, "the rebel-run Alertnews.net agency").type == "media"


def test_a_group_named_right_after_its_description_is_that_group(run):
    report = run("On Sunday the rebel group M23 seized two villages, and the militant group Hamas freed a hostage.")
    assert owner(report, "M23").id == owner(report, "the rebel group").id
    assert owner(report, "Hamas").id == owner(report, "the militant group").id


def test_military_rulers_are_a_junta_and_assailants_are_attackers(run):
    report = run("The military rulers of Chad closed the border on Monday. Unidentified assailants later "
                 "attacked a checkpoint near Abeche.")
    assert owner(report, "The military rulers").name.endswith("Junta")
    assert owner(report, "Unidentified assailants").name == "Attackers"


def test_a_named_police_force_is_a_state_force_and_mercenaries_are_armed(run):
    report = run("Rebels killed nine members of the Border Police Force on Monday. The minister accused "
                 "foreign mercenaries of looting the mines.")
    assert owner(report, "Border Police Force").type == "police"  # a state force, not an armed group
    assert owner(report, "foreign mercenaries").type == "armed_group"


def test_a_known_group_named_inside_or_before_its_description_keeps_its_entry(run):
    report = run("The ISIL (ISIS) armed group said it carried out Tuesday's car bombing. "
                 "The ISIL armed group also claimed an attack in Herat.")
    assert owner(report, "armed group").id == "islamic-state"
    assert owner(report, "The ISIL armed group").id == "islamic-state"


SPOKESPEOPLE = ("NAIROBI, May 2 (Reuters) - Gunmen stormed a bus depot in Garissa on Monday, killing six people. "
                "Kenyan police spokesman Daniel Mwangi said the attackers fled towards the border. "
                "Amina Farah, a spokeswoman for the Somali Red Crescent, said two of the wounded were children. "
                "Peter Otieno, who speaks for the Kenya Defence Forces, said troops were pursuing the gunmen. "
                "Mombasa police spokesman Ali Hassan said three suspects were held.")


def test_a_spokesperson_speaks_for_the_body_the_phrase_names(run):
    r = run(SPOKESPEOPLE)
    people = {a.name: a for a in r.actors if a.type == "person"}
    actors = by_id(r)
    police = actors[people["Daniel Mwangi"].attributes["speaks_for"]]
    assert police.type == "police" and police.country == "KEN" and "police" in police.name.lower()
    assert "red crescent" in actors[people["Amina Farah"].attributes["speaks_for"]].name.lower()
    assert people["Peter Otieno"].attributes.get("speaks_for")  # "who speaks for ..."
    city = actors[people["Ali Hassan"].attributes["speaks_for"]]
    assert city.name == "Mombasa Police"  # a city's force, named as the text names it


def test_a_person_with_no_body_named_speaks_for_no_one(run):
    r = run("Mary Wanjiru, a farmer, said the rains came late. His spokesman John Kamau said nothing.")
    assert all("speaks_for" not in a.attributes for a in r.actors)


def test_a_body_named_with_its_states_possessive_has_the_adjective_form(run):
    r = run("Colonel Kofi Mensah, a spokesman for Ghana’s Joint Operations Command, said the raid was repelled.")
    hq = next(a for a in r.actors if a.name == "Ghana’s Joint Operations Command")
    assert "Ghanaian Joint Operations Command" in hq.aliases and hq.country == "GHA"


def test_a_public_body_named_by_its_description_is_one_actor_with_its_shorter_forms(run):
    r = run("Gunmen killed two guards at a jail in Tarija, the Tarija regional prosecutor's office said. "
            "Staff from the regional prosecutor's office had opened an inquiry, the office said. "
            "The national prison service said visits were suspended, and the service added that the jail was calm.")
    office = owner(r, "the Tarija regional prosecutor's office")
    assert owner(r, "the regional prosecutor's office") is office and owner(r, "the office") is office
    service = owner(r, "The national prison service")
    assert owner(r, "the service") is service and service is not office



def test_it_in_a_sentence_sourced_according_to_a_body_is_that_body(run):
    r = run("Rebels fired rockets at Goma on Saturday. According to Congo's defence ministry, 12 rockets were "
            "used in the strike, which it called a crime against civilians.")
    it = owner(r, "it")
    assert it.type == "ministry"


def test_an_outlet_that_reports_is_no_antecedent(run):
    r = run("Rebels fired rockets at Goma on Saturday. According to the Reuters news agency, the rebels said "
            "they would fire again, and it was not clear whether they had.")
    assert all(a.type != "media" for a in r.actors if any(m.text in ("they", "it") for m in a.mentions))


# -- a state's forces are three types; a rights group is an organization (issue 16) ----------------------------

FORCES = ("NAIROBI, June 4 (Reuters) - Kenyan police fired tear gas at protesters in Nairobi on Tuesday. "
          "Border guards detained 30 migrants near the frontier, and the gendarmerie arrested two smugglers. "
          "The coast guard rescued 12 fishermen. Israeli intelligence said it had warned of the plot, and "
          "the State Security Service said it had arrested a suspect.")


def test_police_gendarmerie_guards_and_intelligence_are_not_the_military(run):
    r = run(FORCES)
    police = owner(r, "Kenyan police")
    assert (police.type, police.country, police.id) == ("police", "KEN", "kenya-police")
    assert owner(r, "Border guards").type == "police" and "border-guard" in owner(r, "Border guards").id
    assert owner(r, "the gendarmerie").type == "police" and "gendarmerie" in owner(r, "the gendarmerie").id
    assert owner(r, "The coast guard").type == "police" and "coast-guard" in owner(r, "The coast guard").id
    # each its own force, none merged into the police or typed a population ("guards")
    assert len({owner(r, m).id for m in ("Kenyan police", "Border guards", "the gendarmerie",
                                         "The coast guard")}) == 4
    assert owner(r, "Israeli intelligence").type == "intelligence"
    assert owner(r, "Israeli intelligence").id == "israel-intelligence"
    assert owner(r, "Security Service").type == "intelligence"  # "the State Security Service"
    assert not any(a.type == "military" for a in r.actors)


def test_a_rights_group_is_an_organization_not_a_person(run):
    r = run("Police officers beat three journalists in Dhaka on Monday, according to the rights group Odhikar. "
            "Iran Human Rights, a Norway-based rights group, said 12 protesters were killed in Zahedan. "
            "The Human Rights Commission of Pakistan said police arrested 40 people in Lahore. "
            "HRCP chairperson Asad Butt said the detentions were illegal.")
    assert owner(r, "Odhikar").type == "ngo"
    assert owner(r, "Iran Human Rights").type == "ngo"
    assert owner(r, "Norway-based rights group") is owner(r, "Iran Human Rights")  # one organization
    commission = next(a for a in r.actors if a.name.startswith("Human Rights Commission"))
    assert commission.type == "ngo"  # a national rights body, not an intergovernmental one
    assert owner(r, "Asad Butt").type == "person" and owner(r, "Asad Butt").attributes.get("role") == "Chairperson"
    # the words for people do not make an organization of a person: "the group's leader X" stays a person
    leader = run("The group's leader Abubakar Shekau said the attack was revenge.")
    assert owner(leader, "Abubakar Shekau").type == "person"


def test_state_forces_keep_their_codes_downstream(run):
    from eventwire.exports import event_records
    from eventwire.exports_codes import ACLED_INTER, SECTOR

    assert SECTOR["police"] == "COP" and SECTOR["intelligence"] == "SPY" and SECTOR["military"] == "MIL"
    assert ACLED_INTER["police"] == ACLED_INTER["intelligence"] == ACLED_INTER["military"] == 1
    r = run("NAIROBI, June 4 (Reuters) - Riot police shot dead three protesters in Nairobi on Tuesday, "
            "witnesses said.", published="2024-06-04")
    [assault] = [s for s in r.story_events if s.type == "ASSAULT"]
    assert by_id(r)[assault.actor1].type == "police"
    rec = next(x for x in event_records(r, "story") if x["type"] == "ASSAULT")
    assert rec["actor1_type"] == "police"
    assert rec["acled_event_type"] in ("Violence against civilians", "Protests")


def test_a_name_with_its_abbreviation_in_brackets_keeps_the_closing_bracket(pipeline):
    r = pipeline.extract("The deal was struck by the Sudan People's Liberation Movement (SPLM) and the Sudanese "
                         "government in 2011.\n", published="2024-05-10")
    names = [a.name for a in r.actors]
    assert all(n.count("(") == n.count(")") for n in names), names
    assert not r.span_errors()


def test_islamists_of_a_named_group_written_without_its_hyphen_are_the_group(run):
    report = run("Somalia's al Shabaab Islamists said they ambushed an army convoy near Afgoye on Monday. "
                 "Al-Shabaab fighters later stormed a police post.")
    ids = {a.id for a in report.actors if a.type == "armed_group"}
    assert ids == {"al-shabaab"}
    egypt = run("Egypt's Islamists won most seats in the vote.")
    assert not any(a.type == "armed_group" for a in egypt.actors)  # a political current, not an armed group


def test_officers_or_agents_of_a_named_body_are_that_body(run):
    report = run("Eight officers of the police were hurt when protesters smashed shop windows. Agents of the "
                 "intelligence service later detained two organisers.")
    assert not any(a.name.lower() in ("officers", "agents") for a in report.actors)
    police = next(a for a in report.actors if a.id == "police")
    assert "officers" in {m.text for m in police.mentions}


def test_a_ministry_of_a_country_is_that_country_s_ministry(run):
    report = run("MOSCOW - The defence ministry of Belarus on Tuesday rejected claims by Warsaw.")
    ministry = next(a for a in report.actors if a.type == "ministry")
    assert ministry.country == "BLR"
