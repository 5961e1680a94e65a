"""News agencies and wire services a dateline names, and capitalised openers that are no place,
for :mod:`eventwire.dateline`.

Lower-cased.  A name here counts as an agency in brackets ("(PL)"), bare after a comma
("TEHRAN, IRNA --", three letters or more), after the separator ("KABUL - AFP -"), between pipes
and before the dateline ("AFP, Kabul", "By IANS, Mumbai :").
"""

from __future__ import annotations

__all__ = ["AGENCIES", "NOT_PLACES"]

AGENCIES = frozenset(a.lower() for a in (
    # global and European wires
    "Reuters", "Reuter", "AP", "AFP", "EFE", "dpa", "ANSA", "ANSAmed", "AGI", "Adnkronos", "UPI", "CNN", "BBC",
    "Bloomberg", "Associated Press", "Agence France-Presse", "The Canadian Press", "Press Association", "AP Photo",
    "CP", "PA",
    "AAP", "IPS", "Europa Press", "Lusa", "Agerpres", "PAP", "CTK", "ČTK", "TASR", "MTI", "HINA", "Tanjug", "BTA",
    "ANA-MPA", "STA", "MIA", "ATA", "Fena", "SRNA", "ANP", "Belga", "APA", "SDA", "Keystone-SDA", "NTB", "TT",
    "STT", "Ritzau", "LETA", "ELTA", "BNS",
    # Russia, Ukraine, Caucasus, Central Asia
    "TASS", "RIA Novosti", "RIA", "Interfax", "Interfax-Ukraine", "Sputnik", "Ukrinform", "UNIAN", "BelTA",
    "Trend", "AzerTac", "Azertag", "Armenpress", "Kazinform", "AKIpress", "Kabar", "Khovar", "UzA",
    # Middle East and North Africa
    "Anadolu", "Anadolu Agency", "AA", "WAFA", "KUNA", "SPA", "IRNA", "Tasnim", "Fars", "Mehr", "ISNA", "QNA", "MENA",
    "WAM", "Petra", "SANA", "NNA", "BNA", "ONA", "SABA", "MAP", "APS", "TAP", "LANA", "SUNA", "INA", "NINA",
    "Kuwait News Agency", "Saudi Press Agency", "Emirates News Agency", "Qatar News Agency", "Oman News Agency",
    "Islamic Republic News Agency", "Tasnim News Agency", "Fars News Agency", "Mehr News Agency",
    # South and East Asia, Pacific
    "Xinhua", "Xinhua News", "Kyodo", "Kyodo News", "Jiji", "Jiji Press", "NHK", "Yonhap", "KCNA", "CNA", "Bernama",
    "Antara", "PNA", "VNA", "TNA", "IANS", "PTI", "ANI", "UNI", "UNB", "BSS", "APP", "NA", "Pajhwok", "Bakhtar",
    "Press Trust of India", "Indo-Asian News Service", "Asian News International",
    "Associated Press of Pakistan", "Philippine News Agency", "Yonhap News Agency", "Xinhua News Agency",
    # Africa
    "Radio Dabanga", "Dabanga",
    "NAN", "GNA", "NNN", "KBC", "KNA", "ENA", "AIM", "NAMPA", "New Ziana", "Sapa", "APA", "AIP", "ACP",
    "News Agency of Nigeria", "Ghana News Agency", "Kenya News Agency",
    # Americas
    "Prensa Latina", "PL", "Notimex", "Télam", "Telam", "Andina",
    # press-release wires
    "Business Wire", "GLOBE NEWSWIRE", "PRNewswire", "dpa-AFX", "AFX", "RTTNews", "Dow Jones",
    # more national and regional agencies (a curated supplement; names as their datelines write them)
    "ITAR-TASS", "Moldpres", "IPN", "AGERPRES", "FoNet", "Kosovapress", "AMNA", "CNA", "ATS",
    "epd", "KNA", "LaPresse", "PA Media", "Agencia Brasil", "Agência Brasil", "ABI", "ACN", "AVN", "Colprensa",
    "CMC", "MONTSAME", "KPL", "AKP", "Lanka Puvath", "NNI", "INP", "PPI", "KNO", "ANGOP", "AIB", "ABP", "AGP", "AMI",
    "ATOP", "ACI", "SONNA", "SLENA", "LINA", "PANA", "MANA", "ZANIS", "BOPA", "RNA", "UNA", "IHA", "DHA", "ANKA",
    "ILKHA", "ANHA", "ISNA", "ILNA", "IQNA", "ABNA", "MNA", "FNA", "IRNA", "Shafaq News", "Armenpress", "ARKA",
    "Azertac", "Trend News Agency", "Kabar", "24.kg", "Asia-Plus", "Turkmen State News Agency",
))

# Capitalised openers that are no place: section labels, acronyms of actors, days and months.
NOT_PLACES = frozenset({
    "breaking", "news", "update", "updated", "updates", "exclusive", "analysis", "opinion", "editorial",
    "factbox", "explainer", "watch", "live", "urgent", "flash", "corrected", "correction", "refile",
    "insight", "feature", "comment", "alert", "video", "photos", "developing", "war", "note", "editor",
    "editors", "read", "more", "related", "advertisement", "sponsored", "transcript", "warning", "caption",
    "file", "photo", "listen", "summary", "fact", "check", "interview", "timeline", "poll", "podcast",
    "newsletter", "preview", "recap", "highlights", "headlines", "special", "report",
    "un", "us", "usa", "uk", "eu", "nato", "idf", "who", "icrc", "unrwa", "unicef", "unhcr", "hamas",
    "hezbollah", "isis", "police", "by",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",  # "FRI, 19 APR 2019 06:04"
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
    # labels of a page's metadata lines ("From: BelTA", "Posted: Nov 22, 2011", "Source: ...")
    "from", "posted", "source", "sources", "published", "date", "dated", "filed", "credit", "credits",
    "image", "images", "picture", "pictures", "tags", "category", "categories", "share", "follow", "topics",
})
