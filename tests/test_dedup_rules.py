"""The dedup's merge rules (dedup.match / refusal / same_actor), on invented reports (no NLP).

Each case is a pair (or a small cluster) of EventReports as load_reports would derive them from two
outlets' story events; the places are real towns, everything else is made up.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from eventwire.dedup import (
    NAMED_TYPES,
    SIDES,
    Canonical,
    EventReport,
    cluster,
    load_reports,
    match,
    refusal,
    same_actor,
)
from eventwire.store import document_id, open_store

ROOT = Path(__file__).resolve().parent.parent

# name, lat, lon, country, admin1, feature
ODESA = ("Odesa", 46.477, 30.733, "UKR", "Odeska oblast", "city")
MYKOLAIV = ("Mykolaiv", 46.975, 31.995, "UKR", "Mykolaivska oblast", "city")
BLACK_SEA = ("Black Sea", 43.0, 35.0, None, None, "water")
UKRAINE = ("Ukraine", 49.0, 32.0, "UKR", None, "country")
PESHAWAR = ("Peshawar", 34.008, 71.578, "PAK", "Khyber Pakhtunkhwa", "city")
KADUNA = ("Kaduna", 10.523, 7.438, "NGA", "Kaduna", "city")


def rep(doc: str, *, place: tuple | None = ODESA, date: str = "2025-05-06", type: str = "ASSAULT",
        mode: str | None = None, actor1: tuple | None = None, actor2: tuple | None = None,
        taken: bool = False, precision: str | None = "attached", modes: set[str] | None = None,
        event_id: str = "s1", fatalities: int | None = None) -> EventReport:
    """One article's story event. An actor is (id, name, type, country or None)."""
    named, sides, names, countries = set(), {}, {}, {}
    for role, actor in (("actor1", actor1), ("actor2", actor2)):
        if actor is None:
            continue
        if actor[2] in NAMED_TYPES:
            named.add(role)
        names[role] = actor[1]
        if actor[2] in SIDES:
            sides[role] = SIDES[actor[2]]
        if actor[3]:
            countries[role] = actor[3]
    name, lat, lon, country, admin1, feature = place or (None, None, None, None, None, None)
    kinds = {role: actor[2] for role, actor in (("actor1", actor1), ("actor2", actor2)) if actor}
    return EventReport(doc, event_id, type, mode, actor1[0] if actor1 else None, actor2[0] if actor2 else None,
                       date, lat, lon, country, admin1, name, date, ["e1"], named, feature, sides, names, countries,
                       precision if place else None, taken or mode == "abduct", modes or ({mode} if mode else set()),
                       False, kinds, fatalities)


def joins(r: EventReport, *members: EventReport) -> bool:
    return match(Canonical("c", [(m, "") for m in members]), r, 25.0, 1) is not None


RUSSIA = ("russia", "Russia", "state", "RUS")
RUSSIAN_MILITARY = ("russia-military", "Russian Military", "military", "RUS")


def test_same_actor_ids_of_one_actor():
    assert same_actor("rsf", None, "rapid-support-forces", "Rapid Support Forces")  # an id that is the initials
    assert same_actor("rapid-support-forces", "Rapid Support Forces", "rsf", "rsf")
    assert same_actor("houthi", "Houthi", "houthis", "Houthis")  # a plural
    assert same_actor("liberation-army-eln", "Liberation Army (ELN", "liberation-army", "Liberation Army")
    assert same_actor("myanmar-junta", "Burmese Junta", "myanmar-military", "Burmese Military")  # one state's arms
    assert same_actor("somalia", "Somalia", "somalia-armed-forces", "Somali Armed Forces")
    assert same_actor("islamic-state", "Islamic State", "islamic-state-sahel-province",  # a group and its branch
                      "Islamic State Sahel Province")
    assert same_actor("is", "Islamic State", "iswap", "Islamic State West Africa Province")
    # and not two actors
    assert not same_actor("islamic-state", "Islamic State", "islamic-state-supporters", "Islamic State Supporters")
    assert not same_actor("jnim", "JNIM", "islamic-state-sahel-province", "Islamic State Sahel Province")
    assert not same_actor("russia", "Russia", "ukraine-military", "Ukrainian Military")
    assert not same_actor("rsf", None, "red-sea-front", "Red Sea Front Brigade")  # initials must be the whole name
    assert not same_actor("hamas", "Hamas", "hezbollah", "Hezbollah")
    assert not same_actor("myanmar-military", "Burmese Military", "thailand-military", "Thai Military")


def test_a_state_and_its_forces_vouch_for_a_country_level_place():
    """Two outlets: "Russia attacked Odesa" placed only at Ukraine, "Russian drones struck Odesa"."""
    a = rep("a", place=UKRAINE, actor1=RUSSIA, precision="story")
    b = rep("b", actor1=RUSSIAN_MILITARY)
    assert joins(b, a) and joins(a, b)
    # another actor1 does not vouch, nor does nobody
    assert not joins(rep("c", actor1=("ukraine-military", "Ukrainian Military", "military", "UKR")), a)
    assert "no named actor1 in common" in refusal(Canonical("c", [(a, "")]), rep("d"))


def test_two_arms_of_one_state_do_not_contradict_but_do_not_vouch():
    provincial = ("khyber-pakhtunkhwa-police", "Khyber Pakhtunkhwa Police", "military", "PAK")
    national = ("pakistan-police", "Pakistani Police", "military", "PAK")
    afghan = ("afghanistan-military", "Afghan Military", "military", "AFG")
    a = rep("a", place=PESHAWAR, actor1=provincial)
    assert joins(rep("b", place=PESHAWAR, actor1=national), a)
    assert not joins(rep("c", place=PESHAWAR, actor1=afghan), a)
    # with no place, two arms of one state are no evidence of one event ("the ministry", "the government")
    assert not joins(rep("d", place=None, actor1=national), rep("e", place=None, actor1=provincial))


def test_a_fine_place_that_fits_needs_no_actor_when_a_sea_is_named_too():
    """"the Black Sea city of Odesa" placed at the sea by one outlet; a third outlet names no attacker."""
    a = rep("a", place=ODESA, actor1=RUSSIA)
    b = rep("b", place=BLACK_SEA, actor1=RUSSIAN_MILITARY, precision="attached")
    assert joins(b, a)
    assert joins(rep("c", place=ODESA), a, b)
    # the finer place must still fit: Mykolaiv is 110 km away
    why = refusal(Canonical("c", [(a, ""), (b, "")]), rep("d", place=MYKOLAIV))
    assert why is not None and "km apart" in why


def test_modes_an_outlet_words_differently_do_not_contradict():
    a = rep("a", mode="destroy", actor1=RUSSIA)  # "setting fire to warehouses"
    assert joins(rep("b", mode="explosives"), a)
    assert joins(rep("c", mode="aerial"), a)
    assert not joins(rep("d", mode="sexual"), rep("e", mode="firearms"))


def test_an_abduction_joins_no_report_of_other_harm_that_tells_of_no_one_taken():
    """A kidnapping and an attack in one town on one day (both ASSAULT) are two events."""
    kidnap = rep("a", place=KADUNA, mode="abduct")
    attack = rep("b", place=KADUNA, mode=None, fatalities=6)  # "killed six farmers in an attack"
    assert not joins(attack, kidnap) and not joins(kidnap, attack)
    assert "abduction" in refusal(Canonical("c", [(kidnap, "")]), attack)
    assert not joins(rep("c", place=KADUNA, mode="firearms"), kidnap)  # "opened fire on worshippers"
    # "stormed the village, shot two and abducted 30": another outlet's firearms report tells of them too
    assert joins(rep("d", place=KADUNA, mode="firearms", taken=True, fatalities=2), kidnap)
    assert joins(rep("e", place=KADUNA, mode=None, taken=True), kidnap)
    # "bandits attacked the school, causing panic" (the carrying off in words the extraction missed)
    assert joins(rep("f", place=KADUNA, mode=None), kidnap)
    # two attacks that tell of no one taken are as before
    assert joins(rep("g", place=KADUNA, mode="firearms"), attack)


def test_cluster_merges_what_the_rules_allow_and_keeps_the_hard_negatives_apart():
    reports = [
        rep("a", place=ODESA, actor1=RUSSIA, mode="destroy", date="2025-05-05"),
        rep("b", place=BLACK_SEA, actor1=RUSSIAN_MILITARY, mode="aerial"),
        rep("c", place=ODESA, mode="explosives"),
        rep("d", place=ODESA, type="PROTEST", actor1=("relatives", "Relatives", "population", None)),
        rep("e", place=MYKOLAIV, actor1=RUSSIA),  # same actor, other town, same day
    ]
    groups = sorted(sorted(x.doc_id for x, _ in c.reports) for c in cluster(reports))
    assert groups == [["a", "b", "c"], ["d"], ["e"]]


def _abduction_report(report_id: str, text: str, *, mode: str | None, abducted: int | None):
    from eventwire.schema import Actor, Figure
    from story_reports import incident_report

    r = incident_report(report_id, text, place=("Kajuru", 10.32, 7.68, "NGA", "Kaduna"), date="2025-02-09",
                        actor1=("gunmen", "Gunmen", "armed_group"), trigger="attacked")
    r.actors.append(Actor(id="nigeria-police", name="Nigerian Police", type="military", country="NGA"))
    r.events[0].mode = mode
    r.story_events[0].actor2 = r.events[0].actor2 = "nigeria-police"
    if abducted:
        r.figures.append(Figure(start=0, end=0, text="", category="abducted", value=abducted))
        r.story_events[0].figures = [len(r.figures) - 1]
    return r


def test_load_reports_derives_what_the_rules_read(db_url):
    reports = [
        _abduction_report("k-1", "Gunmen attacked worshippers in Kajuru on Sunday.", mode="abduct", abducted=None),
        _abduction_report("k-2", "Gunmen attacked a church in Kajuru and took 30 away.", mode=None, abducted=30),
        _abduction_report("k-3", "Gunmen attacked a police post in Kajuru on Sunday.", mode=None, abducted=None),
    ]
    with open_store(db_url) as store:
        store.write([(r, f"mem:{r.id}") for r in reports])
        found = {r.doc_id: r for r in load_reports(store)}
    ids = {r.id: document_id(r.text) for r in reports}
    assert found[ids["k-1"]].taken and found[ids["k-2"]].taken and not found[ids["k-3"]].taken
    assert found[ids["k-1"]].modes == {"abduct"} and found[ids["k-3"]].modes == set()
    k3 = found[ids["k-3"]]
    assert k3.countries == {"actor2": "NGA"} and k3.sides == {"actor1": "nonstate", "actor2": "state"}
    assert k3.precision == "attached" and k3.names["actor2"] == "Nigerian Police"


def _eval_module():
    spec = importlib.util.spec_from_file_location("dedup_eval", ROOT / "benchmarks" / "dedup_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("dedup_eval", module)
    spec.loader.exec_module(module)
    return module


def test_eval_reads_a_files_null_incidents_as_its_distractors(tmp_path):
    ev = _eval_module()
    lines = [
        {"id": "r1", "published": "2025-01-02", "text": "One.", "incident": "x", "type": "ASSAULT", "url": "u"},
        {"id": "r2", "published": "2025-01-03", "text": "Two.", "incident": None, "type": "PROTEST",
         "outlet": "Wire"},
    ]
    gold, own = ev.split_gold(lines, tmp_path / "set.jsonl")
    assert [g["id"] for g in gold] == ["r1"]
    assert own == [{"id": ev.PREFIX + "r2", "text": "Two.", "published": "2025-01-03", "url": None, "title": None}]
    with pytest.raises(SystemExit):
        ev.split_gold([{"id": "r3", "text": "Three.", "type": "ASSAULT"}], tmp_path / "set.jsonl")
    extra = tmp_path / "more.jsonl"
    extra.write_text('{"id": "d1", "text": "Undated."}\n{"id": "d2", "text": "Dated.", "published": "2024-12-31"}\n')
    more = ev.load_extra([extra], ["2025-01-02"], "gold")
    assert [(m["id"], m["published"]) for m in more] == [(ev.PREFIX + "more:d1", "2025-01-02"),
                                                         (ev.PREFIX + "more:d2", "2024-12-31")]


def test_a_shooting_and_a_bombing_are_two_attacks_unless_one_report_tells_of_both():
    """Two attacks in one city on one day, the attackers named by neither: gunfire at a checkpoint, a bomb
    at a mosque."""
    shooting = rep("a", place=PESHAWAR, mode="firearms")
    bombing = rep("b", place=PESHAWAR, mode="suicide-attack")
    assert "weapons differ" in refusal(Canonical("c", [(shooting, "")]), bombing)
    assert not joins(shooting, bombing)
    # "gunmen and suicide bombers stormed the compound": one outlet tells of both
    complex_attack = rep("c", place=PESHAWAR, mode="firearms", modes={"firearms", "explosives"})
    assert joins(complex_attack, bombing) and joins(shooting, complex_attack)
    # a drone strike, shelling and an explosion are one family; an unstated weapon fits any
    assert joins(rep("d", place=PESHAWAR, mode="aerial"), rep("e", place=PESHAWAR, mode="explosives"))
    assert joins(rep("f", place=PESHAWAR), shooting)


def test_tear_gas_at_a_march_is_no_bombing_but_may_be_a_shooting():
    """Police dispersing a march with tear gas and a market bombing in one city on one day are two events;
    tear gas and live rounds are often one crackdown told two ways."""
    tear_gas = rep("a", place=PESHAWAR, mode="tear gas", modes={"tear gas", "disperse"})
    bombing = rep("b", place=PESHAWAR, mode="explosives")
    assert "weapons differ" in refusal(Canonical("c", [(tear_gas, "")]), bombing)
    assert not joins(bombing, tear_gas)
    assert joins(tear_gas, rep("d", place=PESHAWAR, mode="firearms"))


def test_the_side_done_to_acting_in_its_turn_is_another_event():
    """Police firing on protesters on Monday; protesters torching parliament on Tuesday (one town, a day
    apart, no named actor on both sides): both directions of a clash are two events."""
    police = ("nepal-police", "Nepal Police", "police", "NPL")
    crowd = ("protesters", "Protesters", "population", None)
    crackdown = rep("a", place=PESHAWAR, mode="firearms", actor1=police, actor2=crowd)
    torching = rep("b", place=PESHAWAR, mode="destroy", date="2025-05-07", actor1=crowd,
                   actor2=("civilians", "Civilians", "population", None))
    assert "the other side acting" in refusal(Canonical("c", [(crackdown, "")]), torching)
    assert "the other side acting" in refusal(Canonical("c", [(torching, "")]), crackdown)
    # another outlet's report of the crackdown still joins it
    assert joins(rep("c", place=PESHAWAR, mode="tear gas", actor1=police, actor2=crowd), crackdown)


def test_generic_doers_are_no_named_actor():
    from eventwire.dedup import _named

    def named(name: str, type_: str = "person") -> bool:
        return bool(_named({"actor1": "x", "actor1_type": type_, "actor1_name": name, "actor1_country": None,
                            "actor2": None, "actor2_type": None, "actor2_name": None, "actor2_country": None}))

    assert not named("suicide bomber") and not named("Bombers") and not named("kidnappers", "armed_group")
    assert not named("Islamist insurgents", "armed_group")
    assert named("Pakistani Taliban", "armed_group") and named("Abu Bakr", "person")


def test_the_second_actor_of_a_withdrawal_does_not_split_it():
    """"M23 rebels withdrew from the town, residents said" / "the Rwanda-backed M23 pulled out": whom a
    withdrawal concerns is worded loosely; whom an attack hit is not."""
    m23 = ("m23", "M23", "armed_group", "COD")
    a = rep("a", type="RETREAT", actor1=m23, actor2=("residents", "Residents", "population", None))
    b = rep("b", type="RETREAT", actor1=m23, actor2=("rwanda", "Rwanda", "state", "RWA"))
    assert joins(b, a)
    market = rep("c", actor2=("residents", "Residents", "population", None), fatalities=5)
    assert not joins(rep("d", actor2=("army", "Army", "military", None)), market)  # a market is not an army camp


def test_a_second_event_that_borrows_its_articles_place_vouches_for_no_place():
    """"Gunmen attacked a checkpoint in Kaduna ... They also attacked a police station" (no town given):
    the second attack took the story's place, which says nothing about where it was."""
    from eventwire.dedup import _mark_borrowed

    main = rep("a", place=KADUNA, mode="firearms")
    second = rep("a", place=KADUNA, mode="firearms", precision="story", event_id="s2")
    other = rep("b", place=KADUNA, mode="firearms")
    _mark_borrowed([main, second, other])
    assert second.borrowed and second.coarse and not main.borrowed and not other.borrowed
    assert not joins(second, other)  # no place to compare, and no named actor1 vouches
    assert joins(main, other)


def test_only_forces_contradict_as_doers():
    """Long real reports name officials beside the act ("the defence minister said the FARC ..."); the
    story stage sometimes takes the official for the doer. A person, a government or a ministry as
    actor1 does not contradict a group; a force does."""
    farc = ("farc", "FARC", "armed_group", "COL")
    a = rep("a", place=PESHAWAR, actor1=farc)
    assert joins(rep("b", place=PESHAWAR, actor1=("pedro-sanchez", "Pedro Sanchez", "person", None)), a)
    assert joins(rep("c", place=PESHAWAR, actor1=("colombia-government", "Colombian Government", "government",
                                                  "COL")), a)
    why = refusal(Canonical("c", [(a, "")]), rep("d", place=PESHAWAR, actor1=("colombia-military",
                                                                                   "Colombian Military", "military",
                                                                                   "COL")))
    assert why is not None and "two sides" in why
    assert not joins(rep("e", place=PESHAWAR, actor1=("eln", "ELN", "armed_group", None)), a)


def test_a_report_fits_any_name_of_the_actor_already_there():
    """"National Liberation Army (ELN)" links "ELN" and "National Liberation Army", which alone do not."""
    both = rep("a", place=PESHAWAR, actor1=("liberation-army-eln", "National Liberation Army (ELN)",
                                            "armed_group", None))
    short = rep("b", place=PESHAWAR, actor1=("eln", "ELN", "armed_group", None))
    full = rep("c", place=PESHAWAR, actor1=("liberation-army", "National Liberation Army", "armed_group", None))
    assert not joins(full, short)
    assert joins(full, short, both) and joins(full, both, short)


def test_eval_counts_a_distractors_mentions_in_passing_apart():
    ev = _eval_module()
    gold = [{"id": "g1", "incident": "x", "type": "ASSAULT"}, {"id": "g2", "incident": "x", "type": "ASSAULT"}]
    by_id = {g["id"]: g for g in gold}

    def row(sid, event_id, canonical):
        return {"source_id": sid, "event_id": event_id, "type": "ASSAULT", "date": "2025-01-02", "place_name": None,
                "place_precision": None, "actor1": None, "modality": "asserted", "mentions": "[]", "doc_id": sid,
                "canonical_id": canonical, "reason": "r"}

    rows = [row("g1", "s1", "c1"), row("g2", "s1", "c1"),
            row(ev.PREFIX + "d1", "s1", "c9"), row(ev.PREFIX + "d1", "s2", "c1"),  # its second attack: in passing
            row(ev.PREFIX + "d2", "s1", "c1")]  # its own first attack
    summary = ev.score(gold, by_id, [{"id": ev.PREFIX + "d1"}, {"id": ev.PREFIX + "d2"}], rows, None,
                       lambda store, cid: "", 0, {})["summary"]
    assert (summary["true_pairs"], summary["false_pairs_with_distractors"]) == (1, 4)
    assert summary["false_pairs_with_distractors_in_passing"] == 2


NIGERIAN_ARMY = ("nigeria-military", "Nigerian Army", "military", "NGA")
CIVILIANS = ("civilians", "Civilians", "population", None)
KAJURU = ("Kajuru", 10.32, 7.68, "NGA", "Kaduna", "city")  # 35 km from Kaduna, in the same state
KADUNA_STATE = ("Kaduna State", 10.4, 7.6, "NGA", "Kaduna", "region")


def test_victims_of_one_attack_worded_as_two_sides_do_not_contradict():
    camp = rep("a", place=KADUNA, actor2=NIGERIAN_ARMY, fatalities=9)  # "stormed an army camp, killing nine soldiers"
    market = rep("b", place=KADUNA, actor2=CIVILIANS, fatalities=12)  # "killed 12 traders at the market"
    assert not joins(market, camp)  # an army camp attacked is not a market
    # "killing nine soldiers and three civilians": a report that tells of victims of both sides
    both = rep("c", place=KADUNA, actor2=CIVILIANS, fatalities=12)
    both.victims = {"civilian", "state"}
    assert joins(both, camp) and joins(camp, both)
    # "40 people died in an assault on an army post": "people" alone is no side
    people = rep("d", place=KADUNA, actor2=CIVILIANS)
    people.victims = set()
    assert joins(people, camp) and joins(camp, people)


def test_civilians_near_an_attack_that_harmed_none_of_them_are_no_side():
    # "insurgents attacked a gendarmerie school at dawn ... residents were told to keep away": the residents are
    # the report's second actor, but it tells of no one killed or hurt; another outlet names the gendarmes.
    school = rep("a", place=KADUNA, actor2=NIGERIAN_ARMY, fatalities=3)
    residents = rep("b", place=KADUNA, actor2=CIVILIANS)
    assert residents.victim_sides == set()
    assert joins(residents, school) and joins(school, residents)
    # told of harm, the civilians are a side again: a market raided is not the army camp attacked
    hurt = rep("c", place=KADUNA, actor2=CIVILIANS)
    hurt.injured = 4
    assert hurt.victim_sides == {"civilian"} and not joins(hurt, school)


def test_an_attack_told_beside_its_hostage_taking_tells_of_people_taken():
    from eventwire.dedup_reports import mark_taken

    # Article a: "gunmen opened fire on the train, killing the driver ... and took its passengers hostage"; the
    # story stage kept the shooting (s1) and the hostage-taking (s2) apart. Article b: "militants hijacked the
    # train and hold its passengers".
    shooting = rep("a", place=KADUNA, mode="firearms", fatalities=1)
    hostages = rep("a", place=KADUNA, mode="abduct", event_id="s2")
    later = rep("a", place=KADUNA, mode="firearms", fatalities=2, event_id="s3", date="2025-05-08")
    hijack = rep("b", place=KADUNA, mode="abduct")
    raid = rep("c", place=KADUNA, mode="firearms", fatalities=6)  # another article: a raid, no one taken
    assert not joins(shooting, hijack)
    mark_taken([shooting, hostages, later, hijack, raid])
    assert shooting.taken and joins(shooting, hijack)
    assert not later.taken  # another day of the article's: another incident
    assert not raid.taken and not joins(raid, hijack)  # a kidnapping is still not the attack beside it


def test_load_reports_reads_the_victims_sides_from_every_mention(db_url):
    from eventwire.schema import Actor, Event, Mention

    def article(report_id: str, text: str, victims: list[tuple[str, str, str, str]], dead: int = 5):
        from story_reports import incident_report

        r = incident_report(report_id, text, place=("Kajuru", 10.32, 7.68, "NGA", "Kaduna"), date="2025-02-09",
                            actor1=("bandits", "Bandits", "armed_group"), trigger="attacked", fatalities=dead)
        for i, (actor_id, name, kind, said) in enumerate(victims):
            start = text.index(said)
            r.actors.append(Actor(id=actor_id, name=name, type=kind,  # type: ignore[arg-type]
                                  mentions=[Mention(start=start, end=start + len(said), text=said)]))
            if i == 0:
                r.story_events[0].actor2 = r.events[0].actor2 = actor_id
            else:
                r.events.append(Event(**{**r.events[0].model_dump(), "id": f"e{i + 1}", "actor2": actor_id}))
                r.story_events[0].mentions.append(f"e{i + 1}")
        return r

    reports = [
        article("v-1", "Bandits attacked an army post in Kajuru on Sunday; 40 people died.",
                [("civilians", "Civilians", "population", "40 people")]),
        article("v-2", "Bandits attacked Kajuru on Sunday, killing five villagers.",
                [("civilians", "Civilians", "population", "villagers")]),
        article("v-3", "Bandits attacked an army post in Kajuru on Sunday, killing soldiers and two herders.",
                [("nigeria-military", "Nigerian Army", "military", "soldiers"),
                 ("civilians", "Civilians", "population", "two herders")]),
        # the target one side claims gives no side to victims the report words as "people"
        article("v-4", "Bandits attacked Kajuru on Sunday; 17 people died. The army said it had struck bandits.",
                [("civilians", "Civilians", "population", "17 people"),
                 ("kajuru-gang", "Kajuru Gang", "armed_group", "struck bandits")]),
        # villagers near an attack that tells of no one harmed are no side (residents told to stay indoors)
        article("v-5", "Bandits attacked a police post in Kajuru on Sunday; villagers were told to stay indoors.",
                [("civilians", "Civilians", "population", "villagers")], dead=0),
    ]
    with open_store(db_url) as store:
        store.write([(r, f"mem:{r.id}") for r in reports])
        found = {r.doc_id: r for r in load_reports(store)}
    victims = {r.id: found[document_id(r.text)].victim_sides for r in reports}
    assert victims == {"v-1": set(), "v-2": {"civilian"}, "v-3": {"civilian", "state"}, "v-4": set(),
                       "v-5": set()}


def test_two_towns_of_one_area_on_two_days_are_two_events():
    first = rep("a", place=KADUNA, date="2025-02-09")
    assert joins(rep("b", place=KAJURU, date="2025-02-09"), first)  # one day: the same state vouches
    assert not joins(rep("c", place=KAJURU, date="2025-02-10"), first)  # other town and other day
    assert joins(rep("d", place=KADUNA, date="2025-02-10"), first)  # the same town a day apart
    # a town inside the region named for the event is no other place
    assert joins(rep("e", place=KAJURU, date="2025-02-10"), rep("f", place=KADUNA_STATE, date="2025-02-09"))


# Two towns of one province, about 106 km apart (invented coordinates).
RIVERTON = ("Riverton", 4.736, 45.204, "SOM", "Hiiraan", "city")
LAKESIDE = ("Lakeside", 3.853, 45.567, "SOM", "Hiiraan", "city")
SHABAAB = ("al-shabaab", "al-Shabaab", "armed_group", "SOM")


def test_two_towns_each_report_places_its_act_in_are_two_attacks():
    # one group, one day, one province: a base stormed outside one town, a police station raided in the other
    base = rep("a", place=RIVERTON, date="2024-03-11", actor1=SHABAAB)
    station = rep("b", place=LAKESIDE, date="2024-03-11", actor1=SHABAAB)
    assert not joins(station, base)


def test_a_town_the_story_only_stands_in_for_still_joins_within_the_province():
    # the second report's place is the story's town, not one its text attaches the act to: outlets may differ
    base = rep("a", place=RIVERTON, date="2024-03-11", actor1=SHABAAB)
    vague = rep("b", place=LAKESIDE, date="2024-03-11", actor1=SHABAAB, precision="story")
    assert joins(vague, base)
