"""Dateline shapes seen in real wire and newspaper copy from many outlets and regions.

Each line is INVENTED (our own city, agency and date in the shape of a real opening); none is
a copied lead.  Publication date for all rows: Tuesday 2024-03-05.
"""

from __future__ import annotations

import pytest

from eventwire.dateline import parse_dateline

PUBLISHED = "2024-03-05"
LEAD = " Officials said at least 14 people were killed overnight in the district."

# (id, text, places, date, agency)
SHAPES: list[tuple[str, str, list[str], str | None, str | None]] = [
    # -- English wire styles: CITY[, Country][, date] (Agency) separator --------------------------
    ("pti_into_lead", "Patna, Mar 2 (PTI)" + LEAD, ["Patna"], "2024-03-02", "PTI"),
    ("ians_into_lead", "Kochi, March 3 (IANS)" + LEAD, ["Kochi"], "2024-03-03", "IANS"),
    ("uni_into_lead", "Jammu, Mar 3 (UNI)" + LEAD, ["Jammu"], "2024-03-03", "UNI"),
    ("app_colon", "QUETTA, Mar 3 (APP):" + LEAD, ["QUETTA"], "2024-03-03", "APP"),
    ("unknown_acronym_colon", "MULTAN, Mar 3 (NA):" + LEAD, ["MULTAN"], "2024-03-03", "NA"),
    ("bernama", "KUCHING, March 4 (Bernama) --" + LEAD, ["KUCHING"], "2024-03-04", "Bernama"),
    ("xinhua", "HARBIN, March 3 (Xinhua) --" + LEAD, ["HARBIN"], "2024-03-03", "Xinhua"),
    ("yonhap", "DAEJEON, March 3 (Yonhap) --" + LEAD, ["DAEJEON"], "2024-03-03", "Yonhap"),
    ("ap_country", "BUSAN, South Korea (AP) —" + LEAD, ["BUSAN"], None, "AP"),
    ("reuters_en_dash", "INCHEON, March 4 (Reuters) –" + LEAD, ["INCHEON"], "2024-03-04", "Reuters"),
    ("efe_into_lead", "SANTIAGO, March 4 (EFE)" + LEAD, ["SANTIAGO"], "2024-03-04", "EFE"),
    ("wam_ordinal_comma_year", "Sharjah, 3rd March, 2024 (WAM) -" + LEAD, ["Sharjah"], "2024-03-03", "WAM"),
    ("bss_full_date", "SYLHET, March 3, 2024 (BSS) –" + LEAD, ["SYLHET"], "2024-03-03", "BSS"),
    ("ena_full_date", "Bahir Dar, March 3, 2024 (ENA) –" + LEAD, ["Bahir Dar"], "2024-03-03", "ENA"),
    ("tass_slash", "ALMATY, March 3. /TASS/." + LEAD, ["ALMATY"], "2024-03-03", "TASS"),
    ("interfax_period", "SAMARA. March 3 (Interfax) -" + LEAD, ["SAMARA"], "2024-03-03", "Interfax"),
    ("ria_two_words", "KAZAN, March 3 (RIA Novosti) -" + LEAD, ["KAZAN"], "2024-03-03", "RIA Novosti"),
    ("dpa_comma", "Graz, March 3, (dpa) –" + LEAD, ["Graz"], "2024-03-03", "dpa"),
    ("ctk_acronym", "Brno, March 3 (CTK) -" + LEAD, ["Brno"], "2024-03-03", "CTK"),
    ("lusa", "Beira, March 3 (Lusa) -" + LEAD, ["Beira"], "2024-03-03", "Lusa"),
    ("outlet_after_date", "Osh, March 3 (AKIpress) -" + LEAD, ["Osh"], "2024-03-03", "AKIpress"),
    ("irna_bare_after_date", "Mashhad, Mar 3, IRNA --" + LEAD, ["Mashhad"], "2024-03-03", "IRNA"),
    ("agency_dash_date_in_bracket", "Sialkot, (APP – Mar 3, 2024):" + LEAD, ["Sialkot"], "2024-03-03", "APP"),
    ("outlets_dash_date_in_bracket", "Gilgit, (Karakoram Post/Gilgit Herald – March 3, 2024):" + LEAD, ["Gilgit"],
     "2024-03-03", "Karakoram Post/Gilgit Herald"),
    ("spa_bare_after_full_date", "Jeddah, March 3, 2024, SPA --" + LEAD, ["Jeddah"], "2024-03-03", "SPA"),
    ("aa_en_dash", "IZMIR (AA) –" + LEAD, ["IZMIR"], None, "AA"),
    ("ap_caps_hyphen", "NAPLES (AP) -" + LEAD, ["NAPLES"], None, "AP"),
    ("afp_caps", "HERAT (AFP) –" + LEAD, ["HERAT"], None, "AFP"),
    ("mixed_agency_dash", "Ouagadougou (AFP) -" + LEAD, ["Ouagadougou"], None, "AFP"),
    ("mixed_agency_colon", "Jodhpur (PTI):" + LEAD, ["Jodhpur"], None, "PTI"),
    ("country_two_words", "Goma, DR Congo (AFP) -" + LEAD, ["Goma"], None, "AFP"),
    ("hyphenated_caps", "PORT-AU-PRINCE, Haiti (AP) —" + LEAD, ["PORT-AU-PRINCE"], None, "AP"),
    ("apostrophe_caps", "N'DJAMENA, Chad (AFP) -" + LEAD, ["N'DJAMENA"], None, "AFP"),
    ("weekday_date", "KHOST, Afghanistan, Sunday (AP) —" + LEAD, ["KHOST"], "2024-03-03", "AP"),
    ("ani_state_country", "Guwahati (Assam) [India], March 3 (ANI):" + LEAD, ["Guwahati"], "2024-03-03", "ANI"),
    ("ani_and_in_state", "Poonch (Jammu and Kashmir) [India], March 3 (ANI):" + LEAD, ["Poonch"], "2024-03-03",
     "ANI"),
    ("ht_syndication", "Pokhara, Mar. 3 --" + LEAD, ["Pokhara"], "2024-03-03", None),
    # -- capitals, a date, no agency ----------------------------------------------------------------
    ("caps_date_dash", "IPOH, March 4 —" + LEAD, ["IPOH"], "2024-03-04", None),
    ("caps_date_double_space", "SANDAKAN,  March 4 —" + LEAD, ["SANDAKAN"], "2024-03-04", None),
    ("caps_ordinal_no_comma", "CAMAGUEY Mar 4th" + LEAD, ["CAMAGUEY"], "2024-03-04", None),
    ("caps_date_colon", "SWABI, Mar 3:" + LEAD, ["SWABI"], "2024-03-03", None),
    ("two_word_caps_date_colon", "LOWER DIR, March 3:" + LEAD, ["LOWER DIR"], "2024-03-03", None),
    ("mixed_date_colon", "Pune, March 3:" + LEAD, ["Pune"], "2024-03-03", None),
    ("day_month_colon", "Gdansk, 3 March:" + LEAD, ["Gdansk"], "2024-03-03", None),
    ("date_then_period", "MATANZAS, Mar 3." + LEAD, ["MATANZAS"], "2024-03-03", None),
    # -- capitals or a known place and a separator only ------------------------------------------------
    ("caps_hyphen", "LVIV -" + LEAD, ["LVIV"], None, None),
    ("caps_country_double_hyphen", "ODESA, Ukraine --" + LEAD, ["ODESA"], None, None),
    ("caps_colon", "MARDAN:" + LEAD, ["MARDAN"], None, None),
    ("caps_colon_quote", "MULTAN:  “Theatre is a mirror of the city,” the director said on Sunday.", ["MULTAN"],
     None, None),
    ("three_word_caps_colon", "DERA GHAZI KHAN:" + LEAD, ["DERA GHAZI KHAN"], None, None),
    ("caps_country_colon", "KRAKOW, Poland:" + LEAD, ["KRAKOW"], None, None),
    ("kuna_caps_hyphen", "KUWAIT -" + LEAD, ["KUWAIT"], None, None),
    ("mixed_known_hyphen", "Milan -" + LEAD, ["Milan"], None, None),
    ("mixed_country_en_dash", "Kismayo, Somalia –" + LEAD, ["Kismayo"], None, None),
    ("caps_region_hyphen", "SHAKHTY, South Russia -" + LEAD, ["SHAKHTY"], None, None),
    ("caps_city_state_colon", "SINGAPORE:" + LEAD, ["SINGAPORE"], None, None),
    # -- shapes the parser did not read before ------------------------------------------------------
    ("space_colon_caps", "MADURAI :" + LEAD, ["MADURAI"], None, None),
    ("space_colon_mixed", "Amritsar : The state police on Wednesday issued an alert to its stations across the "
     "region.", ["Amritsar"], None, None),
    ("by_agency_city_space_colon", "By IANS, Kochi :" + LEAD, ["Kochi"], None, "IANS"),
    ("by_agency_city_state", "By IANS, Siliguri (West Bengal) :" + LEAD, ["Siliguri"], None, "IANS"),
    ("agency_first_city_line", "AFP, Kandahar\n\nThe Taliban said on Monday that four fighters had been killed.",
     ["Kandahar"], None, "AFP"),
    ("agency_first_city_colon", "Reuters, Kandahar:" + LEAD, ["Kandahar"], None, "Reuters"),
    ("agency_first_date", "REUTERS, 3rd MARCH, 2024 -" + LEAD, [], "2024-03-03", "REUTERS"),
    ("colon_then_newline", "Kolkata, March 3:\nThe alliance held its first rally in the city on Sunday.",
     ["Kolkata"], "2024-03-03", None),
    ("own_line_date", "Jalandhar, March 3\n\nThe police carried out a surprise check at the station.",
     ["Jalandhar"], "2024-03-03", None),
    ("own_line_date_caps", "RAWALPINDI, March 2\n\nThe police carried out a surprise check at the station.",
     ["RAWALPINDI"], "2024-03-02", None),
    ("updated_prefix", "Updated: 2024-03-03 11:09 KASHGAR --" + LEAD, ["KASHGAR"], None, None),
    ("updated_heading_line", "Updated: March 3, 2024 11:09 IST\n\nNagpur, March 3 (PTI)" + LEAD, ["Nagpur"],
     "2024-03-03", "PTI"),
    ("pipes_caps", "KUMASI, Ghana | Xinhua |" + LEAD, ["KUMASI"], None, "Xinhua"),
    ("pipes_mixed", "Tamale, Ghana | Xinhua |" + LEAD, ["Tamale"], None, "Xinhua"),
    ("pipes_outlet", "Gulu, Uganda | THE INDEPENDENT |" + LEAD, ["Gulu"], None, "THE INDEPENDENT"),
    ("agency_own_line", "IZMIR - Anadolu Agency\n\nSecurity forces detained four suspects on Sunday.", ["IZMIR"],
     None, "Anadolu Agency"),
    ("pl_acronym_into_lead", "SANTA CLARA, Mar 3 (PL)" + LEAD, ["SANTA CLARA"], "2024-03-03", "PL"),
    ("unknown_acronym_into_lead", "HOLGUIN, March 3rd  (HT)" + LEAD, ["HOLGUIN"], "2024-03-03", "HT"),
    ("kazinform_dash", "SHYMKENT. KAZINFORM -" + LEAD, ["SHYMKENT"], None, "KAZINFORM"),
    ("kazinform_no_sep", "AKTOBE. KAZINFORM" + LEAD, ["AKTOBE"], None, "KAZINFORM"),
    ("reuters_glued_hyphen", "FRANKFURT (Reuters) -The central bank raised rates on Thursday.", ["FRANKFURT"],
     None, "Reuters"),
    ("reuters_glued_hyphen_date", "FRANKFURT, March 3 (Reuters) -The central bank raised rates.", ["FRANKFURT"],
     "2024-03-03", "Reuters"),
    ("ena_slash_year", "Gondar, March 3/2024(ENA)" + LEAD, ["Gondar"], "2024-03-03", "ENA"),
    ("caps_byline_caps_dateline", "BY STAFF REPORTER ADDIS ABABA –" + LEAD, ["ADDIS ABABA"], None, None),
    ("caps_byline_name_dateline", "BY JANE ROE MEKELLE –" + LEAD, ["MEKELLE"], None, None),
    ("byline_heading", "By Jane Doe and John Roe\n\nGENEVA (Reuters) -" + LEAD, ["GENEVA"], None, "Reuters"),
]

# Openings that are no dateline: headlines, labels, bylines, sentences that start with a place.
NOT_DATELINES: list[tuple[str, str]] = [
    ("breaking_label", "BREAKING: Gunmen kill 12 in northern town, officials say"),
    ("place_subject", "Kyiv has said it will not cede any territory, officials said on Monday."),
    ("place_is", "Paris is bracing for a transport strike this week, unions said."),
    ("in_place", "In Gaza, aid trucks waited at the crossing for a third day on Monday."),
    ("name_colon_headline", "Obama: Families of victims don't care about politics"),
    ("quote_opening", "“We will not leave,” said the mayor of Kharkiv on Tuesday."),
    ("topic_colon", "Sudan crisis: What we know so far about the fighting in the capital"),
    ("explainer_label", "EXPLAINER: Why the strike matters for the region"),
    ("watch_label", "WATCH: Protesters clash with police outside parliament"),
    ("live_label", "LIVE: Strikes continue across the strip for a second day"),
    ("country_colon", "Kenya: Police fire teargas at protesters in the capital as anger over new taxes grows"),
    ("country_colon_2", "Ghana: Scholarships should be reserved for the poorest families, says a campaign leader"),
    ("country_colon_3", "Jordan: The kingdom's economy grew faster than expected over the past three months, "
     "officials said."),
    ("byline_dash", "Tendai Moyo Senior Reporter— The President has allocated the new ministers their portfolios."),
    ("desk_byline_dash", "Herald Reporter— Police in the capital have arrested four suspects."),
    ("desk_colon", "Shawdesh Desk: Police and the Detective Branch cordoned off the house of a former bank "
     "officer on Monday."),
    ("place_in_subject", "Lagos State Governor said on Monday the bridge would reopen."),
    ("place_apposition", "New Delhi, which hosts the summit, has tightened security around the venue."),
    ("place_list", "Kenya, Uganda and Tanzania have agreed to a joint border force."),
    ("timestamp_line", "March 3, 2024 | 11:09 AM\n\nOfficials said at least 14 people were killed overnight."),
    ("updated_line_only", "Updated: March 3, 2024 11:09 IST\n\nOfficials said at least 14 people were killed."),
    ("byline_only", "By Jane Doe, Staff Writer\n\nOfficials said at least 14 people were killed overnight."),
    ("outlet_headline", "Washington Post backs Clinton for president"),
    ("exclusive_label", "Exclusive: Ministry knew of the risks, documents show"),
    ("war_label", "Israel-Hamas war: Day 56 of the fighting"),
    ("agency_in_sentence", "Dhaka Metropolitan Police (DMP), in a special drive, arrested four people."),
    ("agency_mention", "Mr Kovey told the Ghana News Agency (GNA) in an interview that fees were too high."),
    ("org_colon", "UN: At least 100 people were killed in the attack on the camp, the agency said on Monday."),
    ("person_colon", "Trump: The election was the most important in the history of the country, he told "
     "supporters."),
    ("state_colon", "Georgia: Police detained dozens of protesters outside parliament in the capital on Sunday."),
]


@pytest.mark.parametrize(("text", "places", "date", "agency"), [row[1:] for row in SHAPES],
                         ids=[row[0] for row in SHAPES])
def test_real_wire_shapes(text, places, date, agency):
    d = parse_dateline(text, PUBLISHED)
    assert d is not None
    assert (d.places, d.date, d.agency) == (places, date, agency)
    assert text[d.start:d.end] == d.text


@pytest.mark.parametrize("text", [row[1] for row in NOT_DATELINES], ids=[row[0] for row in NOT_DATELINES])
def test_openings_that_are_no_dateline(text):
    assert parse_dateline(text, PUBLISHED) is None
