"""Figures in an event's text as typed quantities (docs/taxonomy.md, "Quantities").

`76 of the 188 drones` gives intercepted 76 and launched 188; `$50 billion` is
money 50000000000; dates, years, ordinals, clock times, ages, time windows and
model designators (F-16, S-300) are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sitrep_classifier.text import EndAnchored, caseless, fold, matches_at, word_starts
from sitrep_schemas import Quantity

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a dozen": 12,
    "a hundred": 100,
    "one hundred": 100,
    "a thousand": 1000,
    "a million": 1_000_000,
    "a billion": 1_000_000_000,
    "half a million": 500_000,
    "half a billion": 500_000_000,
}
# "thirty-one", "twenty-five"
_WORDS.update(
    {
        f"{tens}-{unit}": _WORDS[tens] + _WORDS[unit]
        for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
        for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    }
)
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "hk$": "HKD",
    "a$": "AUD",
    "c$": "CAD",
    "nz$": "NZD",
    "s$": "SGD",
    "€": "EUR",
    "£": "GBP",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "chf": "CHF",
}
_CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",  # "a 5 billion dollar loan"
    "euros": "EUR",
    "euro": "EUR",
    "rupees": "INR",
    "shekels": "ILS",
    "naira": "NGN",
    "pounds": "GBP",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "roubles": "RUB",
    "rubles": "RUB",
    "yuan": "CNY",
    "yen": "JPY",
    "dirhams": "MAD",
    "dirham": "MAD",
    "riyals": "SAR",
    "riyal": "SAR",
    "rials": "IRR",
    "rial": "IRR",
    "lira": "TRY",
    "kroner": "NOK",
    "kronor": "SEK",
    # Norwegian, Swedish, Danish and Czech crowns: the word says money; the code is one of them
    "crowns": "SEK",
    "koruna": "CZK",
    "zlotys": "PLN",
    "zloty": "PLN",
    "forints": "HUF",
    "francs": "CHF",  # Swiss and CFA francs
    "dinars": "IQD",
    "shillings": "KES",
    "rupiah": "IDR",
    "rand": "ZAR",
    "cedis": "GHS",
    "birr": "ETB",
    "kwacha": "ZMW",
    "taka": "BDT",
    "dong": "VND",
    "baht": "THB",
    "ringgit": "MYR",
    "afghanis": "AFN",
    "reais": "BRL",
    # several countries' pesos: the word says money; the code is the most traded one's
    "pesos": "MXN",
    "soles": "PEN",
    "bolivianos": "BOB",
    "gourdes": "HTG",
    "kyats": "MMK",
    "kyat": "MMK",
    "leones": "SLE",
    "cordobas": "NIO",
    "quetzales": "GTQ",
    "lempiras": "HNL",
    "manat": "AZN",
    "tenge": "KZT",
    "lari": "GEL",
    "drams": "AMD",
    "somoni": "TJS",
}

# Matched in the folded text, only where `_FIGURE_STARTS` finds a figure can begin.
_NUMBER = caseless(
    # "US$ 30 million": a space may follow the symbol
    r"(?P<cur>(?:(?:us|hk|nz|a|c|s)\$|\$|€|£|usd|eur|gbp|chf)\s?)?"
    # \b first: most positions are inside words and fail here, before the word alternation.
    # "US$ 300 000": after a currency sign, thousands may be parted by spaces
    r"\b(?P<num>(?(cur)\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])|(?!))|"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
    + r")"
    r"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|[kmb])\b)?"
    r"(?P<suffix>(?:st|nd|rd|th)\b|-years?-old|:\d\d|-(?:hour|day|week|month|year)s?\b|[-–]\w)?"
)


# Every string a figure can begin with (lower case).
_FIGURE_STARTS = word_starts(
    (*"0123456789$€£", "us$", "hk$", "nz$", "a$", "c$", "s$", "usd", "eur", "gbp", "chf", *_WORDS)
)


# What a calibre is given for: "155 mm shells", "120mm mortars"
_CALIBRE_OF = r"(?:shells?|rounds?|artillery|howitzers?|guns?|mortars?|ammunition)"
_UNIT = caseless(
    r"^\s*(?:(?P<percent>%|percent\b|per\s+cent\b)|(?P<area>square\s+kilomet(?:er|re)s?|square\s+km\b|sq\.?\s*km|km2|km²|"
    r"square\s+miles?|square\s+met(?:er|re)s?|hectares?|acres?\b)|(?P<distance>kilomet(?:er|re)s?\b|km\b|(?:nautical\s+)?miles?\b|nm\b|met(?:er|re)s?\b)|"
    # "for three more months": an added span is still a span
    r"(?P<duration>(?:(?:more|further|additional|extra)\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|"
    r"centur(?:y|ies))\b)|"
    # "300 mm of rain", "40 cm of snow": a measured length; not a calibre ("155 mm shells")
    r"(?P<length>(?:millimet(?:er|re)s?|mm|centimet(?:er|re)s?|cm|inches)\b"
    rf"(?!\s+(?:[a-z-]+\s+)?{_CALIBRE_OF}\b)))"
)
_QUOTE_CLOSES = re.compile(r"[\"”’']")
_QUOTED_NAME_BEFORE = re.compile(r"[\"“‘'][A-Z][\w-]*\s+$")
_UNIT_NAME_AFTER = re.compile(
    r"\s+(?:Brigade|Battalion|Regiment|Division|Corps|Squadron|Fleet|"
    # "the 400 Mawozo gang", "5 Segonn": a gang named by a number and a name
    r"[A-Z][\w'’-]+\s+(?:gang|group|cartel|faction|militia|coalition)s?\b)"
)
_CALIBRE_AFTER = caseless(rf"\s*(?:mm|millimet(?:er|re)s?)\s+(?:[a-z-]+\s+)?{_CALIBRE_OF}\b")
_NOUN = caseless(r"^\s*(?:of\s+the\s+|of\s+)?(?P<noun>(?:[a-z-]+\s+){0,2}?[a-z-]+)")
_QUALIFIER = EndAnchored(
    r"(?P<q>at\s+least|about|around|approximately|nearly|almost|more\s+than|over|up\s+to|some|"
    r"roughly|an\s+estimated|as\s+many\s+as|fewer\s+than|less\s+than|close\s+to)\s+$",
    (
        "least",
        "about",
        "around",
        "approximately",
        "nearly",
        "almost",
        "than",
        "over",
        "to",
        "some",
        "roughly",
        "estimated",
        "as",
        "close",
    ),
)
_MODALITY = caseless(r"\b(?:expected|could|may|might|will|would|forecast)\b")
_PROJECTED = caseless(r"\b(?:projected|projections?|estimated\s+to)\b")
_TIME_WINDOW = EndAnchored(
    r"\b(?:past|last|next|previous|preceding|coming|within|over\s+the|in\s+the)\s+$",
    ("past", "last", "next", "previous", "preceding", "coming", "within", "the"),
)
_NOT_A_FIGURE_BEFORE = EndAnchored(
    # "19:17:34": a clock's seconds
    r"(?:\d:|\bgroup\s+of\s+|\baged\s+|\bage\s+of\s+|\bday\s+|\bno\.\s*|\bno\s+|\bnot\s+|\bone\s+of\s+|"
    r"\b(?:children|child|boys|girls|babies|infants)\s+(?:under|below|over|aged)\s+)$",
    (
        "of",
        "aged",
        "day",
        "no.",
        "no",
        "not",
        "under",
        "below",
        "over",
        *(f"{d}:" for d in range(10)),
    ),
)
# "a lakeside city of about 700,000 people", "home to 1.2 million residents", "Bogo, which
# has a population of about 90,000": how many live there, background to what happened (after
# a place's noun only when people are counted: "a town of 40 houses" is no population)
_POPULATION_BEFORE = EndAnchored(
    r"\b(?:(?P<place>(?:city|town|capital|region|province|country|nation|district|island|"
    r"enclave)\s+of|home\s+to)|population\s+of)\s+(?:about\s+|around\s+|some\s+|roughly\s+|"
    r"nearly\s+|almost\s+|more\s+than\s+|over\s+)?$",
    ("of", "to", "about", "around", "some", "roughly", "nearly", "almost", "than", "over"),
)
_RESIDENTS_AFTER = caseless(r"(?:\s+million)?\s+(?:people|residents|inhabitants)\b")
_M_MAGNITUDE = re.compile(r"(?<![\w-])M(?P<num>\d\.\d)\b")
# "Operation 1027", "Resolution 2334", "Flight 752", "resolution 2773", "a category 5 storm",
# "a Boeing 787", "Rescue 1122": a name's number, not a figure.
_DESIGNATOR_BEFORE = re.compile(
    r"\b(?:Operation|[Rr]esolution|[Ff]light|[Aa]rticle|Chapter|[Rr]oute|[Hh]ighway|Road|(?:[Nn]ational|[Pp]rovincial|[Rr]egional)\s+road|Unit|Brigade|"
    r"Battalion|Division|Block|Gate|Sector|Building|[Pp]hase|Stage|Round|Level|[Cc]ategory|Protocol|Camp|Regiment|"
    r"Squadron|Corps|Section|Paragraph|Annex|[Vv]essel|[Hh]ull|Barrio|Calle|Boeing|Embraer|Cessna|"
    r"Antonov|Ilyushin|Tupolev|Sukhoi|ATR|Rescue"
    # a camel-cased name's number: "GenZ 212", "the GenZ 212 movement"
    r"|(?<![\w-])[A-Z][a-z]+[A-Z])\s$"
)
# "CCG 3104": a ship's hull number after its service's initials (a bare number of 4-5 digits)
_INITIALS_BEFORE = re.compile(r"\b[A-Z]{2,4}\s$")
_HULL_NUMBER = re.compile(r"\d{4,5}")
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\s$")
_AREA_AFTER = caseless(r"\s+(?:area|neighbou?rhood|district|quarter|zone)\b")
# "handed over 20 hostages in two groups": how the 20 came, not another figure
_BATCHES_AFTER = caseless(r"\s+(?:groups|batches|waves|stages|phases|tranches|instalments)\b")
# "Duterte, 80, is charged with": an age apposed to a name
_AGE_APPOSED = re.compile(r"\d{1,3},\s+(?:is|was|has|had|who|said|says|told|remains|died|the)\b")
_NAMED_BEFORE = re.compile(r"\b[A-Z][a-z'’-]+,\s+$")
# "three girls aged six, seven and nine": every age of the list, not only the first
_AGES_LISTED_BEFORE = caseless(
    r"\baged\s+(?:between\s+|from\s+)?(?:[a-z0-9-]+,\s+)*[a-z0-9-]+,?\s+(?:and|or|to)\s+$|"
    r"\baged\s+(?:[a-z0-9-]+,\s+)+$|\baged\s+(?:between|from)\s+$"
)
# "27 years and three months": the months are part of the 27 years' span, not a figure
_LONGER_SPAN_BEFORE = caseless(r"\b(?:years?|months?|weeks?)\s+and\s+$")
_SHORTER_UNIT_AFTER = caseless(r"\s+(?:months?|weeks?|days?|hours?)\b")
# "Russia's two largest oil companies": a rank, not a figure ("two senior
# commanders were killed" still counts two)
_RANK_AFTER = caseless(r"\s+(?:largest|biggest|richest)\b")
# "clashes between two clans", "two rival factions": the parties to a fight, not a figure
_COLLECTIVE_AFTER = caseless(
    r"\s+(?:(?:rival|warring|armed|ethnic|local|neighbouring|neighboring)\s+)?"
    r"(?:clans|tribes|factions|sides|communities)\b"
    # "pressing from three directions", "fighting on two fronts": where, not how many
    r"|\s+(?:directions|fronts|flanks|axes)\b"
)
# "two thirds", "three quarters": a fraction, not a count (the share it means is left out).
_FRACTION_AFTER = caseless(r"[\s-]+(?:thirds?|quarters?|fifths?|tenths?|halves)\b")
# "one family", "one side", "one of the deadliest": the determiner, not a figure.
_ONE_AS_DETERMINER = caseless(
    r"\s+(?:family|household|another|side|way|time|point|hand|day|morning|night|evening|"
    # not "the remains of one more hostage": one of them, counted
    r"afternoon|week|month|year|more(?!\s+(?:hostages?|captives?|bod(?:y|ies)|prisoners?))|last|"
    r"such|single|"
    # "burned 40 tankers in one ambush": which attack, not a count of them
    r"ambush|attack|raid|assault|incident|blast|explosion|operation|go|"
    # "negotiated one by one", "one after another": in turn, not a count
    r"by\s+one|after\s+(?:another|the\s+other))\b"
    r"|\s+of\s+(?:(?:the|its|their|his|her)\s+)?(?:[a-z]+['’]s\s+)?(?:most|least|last|first|few|"
    r"only|main|best|worst|[a-z]+est)\b"
    # "two buildings collapsed; one, the Uranus building, ...": one of those already counted
    r"|,\s+the\s"
)
# "a fire at one of its processing units": which of them, not a count (a kind near it, "one
# of the soldiers was killed", still counts)
_PARTITIVE_ONE_AFTER = caseless(r"\s+of\s+(?:the|its|their|his|her|our|these|those)\s")
_FOR_A_TERM = caseless(r"\s+(?:day|week|month|year)\b")
# "gave the coup leaders one week to restore Bazoum": a deadline
_DEADLINE_AFTER = caseless(r"\s+(?:day|week|month|year)\s+to\s+(?!the\b)[a-z]+\b")
# "two security sources said", "three witnesses told Reuters": who told, not a figure
_VOICES_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:sources|officials|witnesses|diplomats|residents|medics|"
    r"doctors)\s+(?:said|say|says|told|reported|confirmed)\b"
)
# "inflicted losses on formations of three mechanised brigades": units counted, not losses
_UNITS_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+)?(?:brigades|battalions|regiments|divisions|companies)\b"
)
# "three times its capacity", "a fivefold rise": a multiplier, not a count.
_MULTIPLIER_AFTER = caseless(
    r"[\s-]*fold\b|\s+times\s+(?:its|their|the|as|more|higher|larger|greater|bigger|lower|"
    r"less|fewer|that|what|than)\b"
)
# "up by 1,000 on the previous year", "an increase of 20%": a change, not an amount.
# "1,000 more than the previous year": a change, not an amount
_CHANGE_AFTER = caseless(
    r"\s+(?:more|fewer|less|higher|lower)\s+than\s+(?:the\s+|a\s+|in\s+the\s+)?"
    r"(?:previous|last|prior|year|month|week|day)\b"
)
_CHANGE_BEFORE = caseless(
    r"\b(?:(?:up|down)\s+by|(?:increase|rise|drop|decrease|fall|jump)\s+of)\s+"
    r"(?:about\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?$"
)
# "N days" is a duration ("for two days", "over three days", "after 90 hours") unless it is
# a time window, which TAXONOMY leaves out: "in the first two days", "within 48 hours",
# "three days of fighting", "12 minutes later", "six months in office", "four days after". A term is a
# duration whatever follows it ("sentenced to 15 years in prison").
_WINDOW_BEFORE = caseless(
    r"\b(?:in|within|during|first|past|last|next|previous|preceding|coming)\s+"
    r"(?:(?:the|first|past|last|next)\s+)*(?:about\s+|nearly\s+|around\s+|almost\s+|"
    r"more\s+than\s+|less\s+than\s+|some\s+|under\s+|just\s+over\s+|over\s+)?$"
)
_WINDOW_AFTER = caseless(
    r"\s+(?:(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+)?(?:later|ago|earlier|"
    r"in\s+office|in\s+power|of\s+)"
    # "the gunman was 17 years old": an age
    r"|\s+old\b"
)
# "came four days after 25 schoolgirls were seized": a date told by its distance from
# another; not "closed for two weeks after the attack"
_DATED_AFTER = caseless(r"\s+(?:after|before)\b")
_FOR_BEFORE = EndAnchored(
    r"\b(?:for)\s+(?:about\s+|nearly\s+|almost\s+|around\s+|over\s+|another\s+|up\s+to\s+|"
    r"more\s+than\s+)?$",
    ("for", "about", "nearly", "almost", "around", "over", "another", "to", "than"),
)
_TERM_BEFORE = caseless(
    r"\b(?:sentenced|sentences|sentencing|jailed|jails|jail|imprisoned|prison|term|sentence|"
    r"extended|extends|extend|extension|renewed|renews|lasting|lasted|lasts|ban|banned|bans|"
    r"suspended|suspends|suspension)\b(?:\s+[\w'-]+){0,4}?\s+(?:to|for|by|of)\s+"
    r"(?:a\s+further\s+|another\s+|up\s+to\s+|more\s+than\s+|nearly\s+|about\s+)?$"
)
# "the exercise will last five days": the verb, not "the last five days" (a window).
_LAST_AS_VERB = caseless(
    r"\b(?:will|would|could|may|might|should|can|to|lasts?)\s+last\s+(?:for\s+)?"
    r"(?:about\s+|around\s+|up\s+to\s+|at\s+least\s+)?$"
)
# A unit written against its number ("16km", "40km2").
_GLUED_UNIT = re.compile(r"(?:km|kilomet(?:er|re)s?)(?:2|²)?\b")
# "from 1800 GMT", "at 0600 local time": a clock time written without a colon.
_CLOCK_AFTER = caseless(r"\s*(?:gmt|utc|hrs|local\s+time|moscow\s+time|kyiv\s+time)")
_FOUR_DIGITS = re.compile(r"[0-2]\d[0-5]\d")
# "0745 - Israeli air strikes ...": a wire update's time stamp opening the item
_TIME_STAMP = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_STAMP_AFTER = re.compile(r"\s*(?:GMT|UTC)?\s*(?:[-–—:|]\s)")
# "shortly before 1 a.m.", "at 11pm": an hour of the clock.
_HOUR_AFTER = caseless(r"\s*(?:a\.\s?m\.?|p\.\s?m\.?|am|pm)(?![\w])")
# "winds of 220 km/h", "a 750 kV line": a speed or a voltage, which TAXONOMY does not count.
_SPEED_AFTER = caseless(
    r"\s*(?:km/h|kmh|kph|mph|knots|km\s+per\s+hour|miles\s+per\s+hour|kilovolts?|kv)\b"
)
# "at a depth of 18 km", "10 km deep": how deep, not how far.
_DEPTH_BEFORE = caseless(
    r"\b(?:depths?\s+of|depth:|submerged\s+(?:by|to|under)|"
    # "the lake rose to a record 5.3 metres": a water level
    r"(?:rose|risen|rising|peaked|crested)\s+(?:to\s+)?(?:an?\s+(?:record|peak|high)\s+(?:of\s+)?)?)\s*"
    r"(?:about\s+|around\s+|some\s+|roughly\s+|up\s+to\s+|nearly\s+|more\s+than\s+)?$"
)
# "at a depth of 10 km", "10 km deep", "under two metres of water", "water 3 metres deep",
# "a tsunami up to six metres high"
_DEPTH_AFTER = caseless(r"\s*(?:deep|high|below|underground|beneath|of\s+(?:flood\s*)?water)\b")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# An earlier century's year ends its clause: "the strongest since records began in 1851."
_OLD_YEAR = re.compile(r"^1[5-8]\d\d$")
_CLAUSE_ENDS = re.compile(r"\s*(?:[.,;:)]|$)")
_YEAR_RANGE_BEFORE = re.compile(r"\b(?:19|20)\d\d\s*(?:to|and|[-–/]|until|till|through)\s*$")
_MONTH_WORDS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# "15 April", "6 and 11 December", "17-18 September": day numbers of a date.
_MONTH_AFTER = caseless(
    rf"(?:st|nd|rd|th)?(?:\s*(?:[-–]|and|to)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?:{_MONTH_WORDS})\b"
)
# "March 3", "September 2022", "in early March 2022", "into 2025": a day or a year.
_MONTH_BEFORE = EndAnchored(
    # "November 28", and the second day of "November 28 to 29" / "November 28-29"
    rf"\b(?:{_MONTH_WORDS})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:[-–]|to|and)\s*)?$",
    tuple(_MONTH_WORDS.split("|"))
    + tuple(w + "." for w in _MONTH_WORDS.split("|"))
    + ("to", "and", "-", "–")
    + tuple(str(d) for d in range(10)),
)
_YEAR_BEFORE = EndAnchored(
    r"\b(?:in|since|into|by|until|till|from|for|before|after|beyond|during|early|late|mid|of|around|"
    r"between)"
    r"[\s-]+$",
    (
        "between",
        "in",
        "since",
        "into",
        "by",
        "until",
        "till",
        "from",
        "before",
        "after",
        "beyond",
        "for",
        "during",
        "early",
        "late",
        "mid",
        "of",
        "around",
    ),
)
_THE_BEFORE = EndAnchored(r"\bthe\s+$", ("the",))
_INFORMANTS_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+)?(?:people|persons|sources|officials|diplomats)\s+(?:who\s+were\s+)?"
    r"(?:briefed\s+on|familiar\s+with|with\s+knowledge\s+of|close\s+to)\b"
    # "two drivers told reporters", "three residents told the AP"
    r"|\s+(?:(?!and\b|who\b|were\b|was\b|had\b|have\b)[a-z-]+\s+){1,2}?told\s+[a-z]"
)
# "mourning for the nine people killed in the strike": the toll, though referred to
_THE_HARMED_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+)?(?:people|persons|civilians|children|residents|passengers|victims)\s+"
    r"(?:(?:who\s+(?:were|had\s+been)\s+)?(?:killed|wounded|injured)|who\s+died|dead)\b"
)
_YEAR_AS_ADJECTIVE = EndAnchored(
    r"\b(?:the|its|this|their|a|an)\s+$", ("the", "its", "this", "their", "a", "an")
)
# "the 1974 disengagement deal", "its 1967 borders": a year naming a deal, war or disaster.
_YEAR_NAMES_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:deal|agreement|accords?|treaty|pact|protocol|memorandum|ceasefire|"
    r"truce|armistice|resolution|constitution|law|borders?|lines?|war|genocide|massacre|invasion|"
    r"revolution|uprising|coup|elections?|referendum|earthquake|quake|tsunami|floods?|"
    # "60% below 2023 levels": a year to compare with
    r"levels?)\b"
)
_OF_AFTER = re.compile(r"^\s+of\s+(?:the\s+)?")
_LOWER_WORD_AFTER = re.compile(r"^\s+[a-z]")

# Kind from the verbs and nouns nearest to the figure; first matching family wins ties.
# Kinds marked as verbs win when they stand just before the figure ("killing at least 12
# displaced people" is killed, not displaced; "had lost about 1,000 troops" is lost).
_KIND_CUES: list[tuple[str, bool, tuple[str, ...]]] = [
    ("casualties", False, ("casualties", "killed or wounded", "killed or injured", "dead or wounded")),
    ("killed", True, ("killed", "killing", "kills", "kill", "dead", "died", "die", "dies", "deaths",
                      "death toll", "toll", "toll at", "toll stayed at", "toll stood at",
                      "toll stands at", "toll of",
                      "feared dead",
                      "lives", "fatalities", "bodies", "victims", "eliminated", "eliminating",
                      "to death", "shot dead", "found dead", "executed", "executing", "hanged", "hangs", "beheaded", "beheading", "behead", "beheads",
                      "massacred", "slaughtered", "martyred", "burned to death", "burnt to death", "burned alive",
                      "burnt alive", "drowned", "drowning", "drown")),
    ("injured", True, ("injured", "injuring", "wounded", "wounding", "wound", "hurt", "injuries", "maimed",
                       "maiming", "maims", "wounds", "injures", "treated for", "hospitalised",
                       "hospitalized", "taken to hospital", "in hospital", "in hospitals")),
    ("missing_trapped", False, ("missing", "trapped", "unaccounted", "stranded", "under the rubble",
                                "under rubble", "buried under", "searching for")),
    ("intercepted", True, ("shot down", "shoot down", "intercepted", "downed", "destroyed", "down", "downs",
                           "neutralised", "neutralized")),
    ("launched", True, ("launched", "launching", "launches", "launch", "fired", "firing", "fires",
                        "fire", "deployed", "dropped")),
    ("fled_abroad", True, ("refugees", "fled abroad", "fled the country", "crossed into", "crossing at",
                           "cross into", "crossing into", "crosses into", "crossed at",
                           "crossed from",
                           "crossed the border", "fled to neighbouring", "fled to neighboring",
                           "to neighbouring countries", "to neighboring countries",
                           "fled into", "fled across")),
    ("displaced", True, ("displaced", "displacing", "displaces", "homeless", "fled", "fleeing", "to flee", "flee", "flees",
                         "taken refuge", "took refuge", "in shelters", "uprooted", "forced from",
                         "driven from", "forced to leave their homes", "forced to leave their home", "lost their homes", "lost their shelter", "lost their shelters",
                         "lost their houses", "lost their tents", "from their homes", "left their homes",
                         "left the city", "left the town", "left the area", "relocated",
                         "sheltering in", "sheltering at",
                         "to temporary shelters", "to shelters", "to evacuation centres",
                         "into temporary shelters", "into shelters", "staying in",
                         "in temporary shelters",
                         "to evacuation centers", "in evacuation centres", "in evacuation centers",
                         "sleeping outdoors", "sleeping in the open",
                         # "650 people arrived in Tawila from El Fasher": arrivals who fled
                         "people arrived in", "people have arrived in", "people had arrived in",
                         "families arrived in", "families have arrived in")),
    ("evacuated", True, ("evacuated", "evacuation", "to leave", "to evacuate", "to repatriate",
                         "repatriating", "to relief camps", "to higher ground", "moved to safety",
                         "moved to evacuation centres", "moved to evacuation centers",
                         "moved to shelters", "moved to relief centres", "moved to relief centers",
                         "to safety",
                         "moved to relief camps", "to relief centres", "to relief centers",
                         "moved to safer", "away from the")),
    # "bringing to 41 the number of UN personnel held": the people held, not troops
    ("detained", False, ("personnel held", "others held", "staff held", "staff members held", "workers held",
                         "employees held")),
    ("detained", True, ("detained", "detaining", "detains", "arrested", "arresting", "arrests",
                        "jailed", "captured", "recaptured", "rearrested", "re-arrested", "detention of", "being held", "held by", "extradited",
                        "held for deportation", "taken into custody", "in custody", "detain",
                        "apprehended",
                        "apprehending", "rounded up",
                        "extradites", "extradition of")),
    # "1.2 million people had returned to Khartoum": returnees are counted, not released
    ("count", True, ("had returned to", "have returned to", "has returned to", "returned home",
                     "returned to their", "returning home", "returnees", "had returned or",
                     "have returned or", "returned or were", "returned or been", "had returned from",
                     "have returned from", "been deported",
                     "were deported", "deportees")),
    ("released", False, ("survivors",)),
    # "346 hostages freed": the hostages' release, not their capture
    ("released", False, ("hostages freed", "hostages released", "hostages rescued",
                         "hostages were freed", "hostages were released", "hostages were rescued",
                         "hostages have been freed", "hostages have been released")),
    # "handed out 16 truckloads of food": aid given out, not people handed back
    ("aid_volume", True, ("handed out", "hands out", "handing out")),
    ("released", True, ("released", "freed", "freeing", "free", "frees", "rescued", "rescuing",
                        "pardoned", "pardons", "pardoning", "amnestied",
                        "exchange", "exchanged", "returned", "swap", "swapped", "handed over",
                        "handed", "hands over", "release of", "freeing of",
                        "escaped", "escape", "escapes", "broke out", "pulled alive", "pulled out alive")),
    ("held_hostage", True, ("abducted", "abducting", "abducts", "abduct", "kidnapped", "kidnapping",
                            "kidnaps", "kidnap", "abduction of", "taken hostage", "took hostage")),
    ("held_hostage", False, ("hostage", "hostages", "held captive")),
    ("in_need", False, ("in need", "need", "needing", "needed", "at risk", "to assist", "to help", "to reach",
                        "left without", "to support", "cutting supply to", "cutting supplies to",
                        "cutting water to", "cutting power to", "cutting electricity to",
                        "been cut to", "been cut off to", "cut off to",
                        "without water", "without electricity", "without power", "facing acute", "facing famine", "facing hunger",
                        "out of school", "out of class", "awaiting medical", "awaiting evacuation",
                        "face acute", "face famine", "face hunger", "food insecure",
                        "face catastrophic", "facing catastrophic", "faced catastrophic",
                        "faced famine", "faced acute", "faced hunger",
                        "food insecurity", "acute hunger", "acutely food insecure",
                        "crisis levels of", "emergency levels of")),
    ("aid_volume", False, ("aid trucks", "trucks", "truckloads", "tonnes", "tons", "aid flights", "convoy",
                           "tarpaulins", "tarps", "shelter kits", "doses", "pallets",
                           "convoys", "tents", "family tents", "food parcels", "hygiene kits",
                           "food packs", "family food packs", "food kits", "relief packs",
                           "blankets", "litres", "liters", "hot meals", "meals",
                           "cubic metres", "cubic meters")),
    # "200,000 homes were submerged": flooded homes are damaged
    ("damaged", True, ("damaged", "damaging", "partially collapsed", "partly collapsed", "damage to",
                       "submerged", "inundated", "were flooded", "been flooded", "cracks", "cracked", "tilted")),
    # "3,500 pupils have lost access to schools": people counted, not losses
    ("count", True, ("lost access", "lost contact", "lost touch", "lost their jobs")),
    # "129 contacts are under follow-up": people traced in an outbreak, not its dead
    ("count", False, ("contacts", "close contacts", "contacts under follow-up")),
    # "a convoy of 40 fuel tankers escorted by soldiers": the vehicles counted
    ("count", False, ("tankers", "fuel tankers", "oil tankers")),
    ("lost", True, ("lost", "losses")),
    ("repelled", True, ("repelled", "repulsed", "repelling", "repels", "thwarted", "fended off",
                        "beat back", "beat off", "stopped")),
    # "struck 3 areas where enemy personnel were concentrated and 1 control post"
    ("targets_hit", False, ("targets", "areas where", "control post", "control posts",
                            "command post", "command posts", "concentrations of")),
    ("destroyed", True, ("demolished", "razed", "collapsed", "flattened", "levelled", "leveled",
                         "burned", "burnt", "torched", "set ablaze", "set on fire", "set fire to",
                         "burning", "torching", "destroying",
                         "sank", "sunk",
                         "sinking")),
    ("attacks", False, ("attacks", "strikes", "assaults", "raids", "combat engagements",
                        "airstrikes", "air strikes", "air raids", "drone strikes", "missile strikes",
                        "attempts to advance", "attempts to break through", "attempted assaults",
                        "engagements", "assault actions", "clashes", "shellings", "bombardments")),
    ("troops", False, ("troops", "soldiers", "servicemen", "personnel", "fighters", "conscripts",
                        "recruits", "reservists", "called up", "calling up", "call up",
                        "police officers", "officers", "policemen", "peacekeepers", "marines", "sailors", "airmen",
                        "gendarmes", "police and gendarmes",
                        "paratroopers", "special forces", "gunmen", "militants", "insurgents")),
    # "drafted about 60,000 men": people taken into the forces
    ("troops", True, ("drafted", "conscripted", "mobilised", "mobilized")),
    # "72,000 families were affected": people counted, not what the houses suffered
    ("count", True, ("were affected", "been affected", "affecting")),
    # "committing three battalions": units counted, not troops or attacks
    ("count", False, ("battalions", "brigades", "regiments")),
    # "accompanied by seven European leaders": who came, counted
    ("count", False, ("leaders", "heads of state", "heads of government", "foreign ministers")),
    # "kept troops at five hilltop positions": the positions are counted
    ("count", False, ("positions", "outposts", "military posts")),
    ("settlements", False, ("settlements", "villages", "towns", "townships", "hamlets",
                            "localities")),
    # "more than 100 aftershocks": counted; "a 5.2 aftershock" is a magnitude
    ("count", False, ("aftershocks", "earthquakes", "quakes", "tremors")),
    ("magnitude", False, ("magnitude", "aftershock", "earthquake", "quake", "tremor")),
    ("count", False, ("abstentions", "abstained", "abstaining")),  # not votes for or against
    ("votes_for", False, ("votes in favour", "votes in favor", "in favour", "in favor", "votes to")),
    ("votes_against", False, ("votes against", "voted against", "voting against")),
    ("votes_for", False, ("votes",)),  # "elected with 134 votes"; after "votes against"
    # "2,700 cholera cases and 170 deaths": cases are counted, not killed.
    ("count", False, ("cases", "suspected cases", "confirmed cases")),
    # "killed when missiles hit two apartment blocks": buildings are counted, not killed
    ("count", False, ("apartment blocks", "apartment buildings", "residential buildings",
                      "blocks of flats", "high-rise buildings", "high-rises", "residential blocks")),
    # "sentenced two men to death": a verdict, not a death
    ("count", True, ("sentenced", "sentencing", "sentences")),
]  # fmt: skip


# A revised toll names its kind far before the figure: "the toll from Friday's strike on the
# port has climbed to 20", "the number of people killed ... has risen to six".
_MAGNITUDE_BEFORE = caseless(r"\bmagnitude(?:\s+of)?\s+$")
_TOLL_BEFORE = caseless(
    r"(?:\b(?P<injured>number\s+of\s+(?:people\s+)?(?:injured|wounded))|\btoll"
    # a decimal point is no sentence end: "the toll from the magnitude 7.4 quake rose to 8"
    r"|\bnumber\s+of\s+(?:people\s+)?(?:killed|dead|deaths|fatalities|victims))\b"
    r"(?:[^.;]|(?<=\d)\.(?=\d)){0,100}?"
    r"\b(?:(?:has\s+|had\s+|have\s+|now\s+)?(?:risen|rose|rises|rising|climbed|climbs|climbing|"
    r"reached|reaches|stands\s+at|stood\s+at|jumped|jumps|increased|increases|passed|passes|"
    r"hit|hits)"
    # "warned the figure could exceed 3,000": a toll expected (the modality says so)
    r"|(?:could|may|might|would|will|(?:is|was)\s+expected\s+to)\s+(?:well\s+|soon\s+)?"
    r"(?:exceed|pass|top|surpass|reach|rise|climb))\s+(?:to\s+)?"
    r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|around\s+|above\s+|beyond\s+)?$"
)


# "handed over the bodies of four hostages": the bodies are returned, not killed now.
_BODIES_RETURNED = EndAnchored(
    r"\b(?:handed\s+over|handed\s+back|returned|returns|returning|released|releases|releasing|"
    r"repatriated|handing\s+over|handing\s+back|exchanged|swapped|received)\s+"
    r"(?:the\s+)?(?:bodies|remains)\s+of\s+(?:the\s+)?"
    r"(?:at\s+least\s+|another\s+|a\s+further\s+)?$",
    ("of", "the", "least", "another", "further"),
)


# "to hand over 6,000 bodies each", "returned 45 bodies": bodies handed back (kind 'released'),
# not a toll
_HANDED_BACK_BEFORE = caseless(
    r"\b(?:hand(?:s|ed|ing)?\s+(?:over|back)|return(?:s|ed|ing)?|repatriat(?:e|es|ed|ing)|"
    r"exchang(?:e|es|ed|ing)|swap(?:s|ped|ping)?|receiv(?:e|es|ed|ing))\s+(?:the\s+|another\s+|"
    r"a\s+further\s+|up\s+to\s+|about\s+|some\s+|at\s+least\s+|nearly\s+|more\s+than\s+)?$"
)
_BODIES_AFTER = caseless(r"\s+(?:more\s+)?(?:bodies|remains)\b")


# "the total combat losses of the enemy ... amounted to about 1,140,000 personnel"
_LOSSES_AMOUNT = caseless(
    r"\blosses\b[^.;]{0,100}?\b(?:amounted\s+to|amount\s+to|amounts\s+to|stood\s+at|stand\s+at|"
    r"stands\s+at|reached|totall?ed|totals|were|are|of)\s+(?:about\s+|approximately\s+|around\s+|"
    r"some\s+|over\s+|more\s+than\s+|nearly\s+|almost\s+|up\s+to\s+)?$"
)


# "cap Ukraine's armed forces at 800,000", "an army of 50,000": the size of a force; "kept
# troops at five positions" is where they are
_FORCE_SIZE_BEFORE = caseless(
    r"\b(?:(?:armed\s+forces|army|military|forces)\s+(?:at|of|to)|troops\s+(?:of|to))\s+"
    r"(?:about\s+|around\s+|some\s+|up\s+to\s+|roughly\s+)?$"
)


# "Local leaders put the toll as high as 200", "officials estimated the death toll at 40"
_TOLL_PUT_BEFORE = caseless(
    r"\b(?:put|puts|putting|placed|places|estimated|estimates|estimating|gave|gives|set|sets)\s+"
    r"(?:the|its|their)\s+(?:death\s+)?toll\s+(?:at|as\s+high\s+as|as\s+many\s+as|close\s+to|"
    r"near|above|over|higher,?\s+at)\s+(?:at\s+least\s+|more\s+than\s+|about\s+|around\s+)?$"
)


# "recovered more bodies, raising the toll from Friday's strike to 23"
_TOLL_RAISED_BEFORE = caseless(
    r"\b(?:raising|raised|raises|bringing|brought|brings|pushing|pushed|taking|took)\s+"
    r"(?:the|its)\s+(?:death\s+)?toll\b(?:[^.;\d]|(?<=\d)\.(?=\d)){0,60}?\bto\s+"
    r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|around\s+)?$"
)


_PART_OF_WHOLE = caseless(r"\s+[a-z]+\s+of\s+(?:the\s+|a\s+)?(?:planned\s+|promised\s+)?$")
_TIMES_AFTER = caseless(r"\s+times\b(?!\s+(?:its|their|the|as|more|higher|larger|greater|than))")
_USED_BEFORE = caseless(r"\b(?:used|using|deployed)\b")
_POLICE_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+\s+)?police\b")
_SICK_AFTER = caseless(
    r"\s+(?:sick|ill)\s+(?:and|or)\s+(?:wounded|injured)\b|"
    r"\s+(?:wounded|injured)\s+(?:and|or)\s+(?:sick|ill)\b"
)
# "leaving the bodies of four hostages still held": hostages held, dead or alive (handed-back
# bodies are 'released', read first)
_BODIES_OF_BEFORE = caseless(r"\b(?:bodies|remains)\s+of\s+(?:the\s+)?(?:last\s+|remaining\s+)?$")
_HOSTAGES_AFTER = caseless(r"\s+(?:deceased\s+|dead\s+)?(?:hostages|captives)\b")
# "... the remains of two hostages, leaving the bodies of four still in Gaza": the hostages
# said before, still held
_STILL_HELD_AFTER = caseless(r"\s+(?:still|remain|remaining|yet\s+to\s+be\s+returned)\b")


def _toll_kind(before: str) -> str | None:
    """'killed' (or 'injured') when the figure is what a toll has risen to; 'released' when
    it counts bodies handed back; 'lost' when it is what losses amount to."""
    if _BODIES_RETURNED.search(before[-60:]):
        return "released"
    if "losses" in before[-160:] and _LOSSES_AMOUNT.search(before[-160:]):
        return "lost"
    if _FORCE_SIZE_BEFORE.search(before[-40:]):
        return "troops"
    tail = before[-160:]
    if "toll" not in tail and "number of" not in tail:
        return None
    if _TOLL_PUT_BEFORE.search(tail[-70:]) or _TOLL_RAISED_BEFORE.search(tail[-90:]):
        return "killed"
    m = _TOLL_BEFORE.search(tail)
    if m is None:
        return None
    return "injured" if m.group("injured") else "killed"


def _phrase(phrase: str) -> str:
    return r"\s+".join(re.escape(word) for word in phrase.split())


# One pass over a window for every kind: group k<i> is _KIND_CUES[i]; earlier kinds win
# where two match at the same place ("killed or wounded" is casualties, not killed).
# Matched against the lower-cased window: cheaper than IGNORECASE over 21 alternatives.
# Not after a hyphen: "air-launched missiles" were not launched.
_ANY_KIND = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        f"(?P<k{i}>{'|'.join(map(_phrase, phrases))})"
        for i, (_, _, phrases) in enumerate(_KIND_CUES)
    )
    + r")\b"
)
# The pattern is tried only where a phrase's first word occurs.
_KIND_STARTS = word_starts(phrase.split()[0] for *_, phrases in _KIND_CUES for phrase in phrases)


# These kinds are about weapons: without one in reach, "fired" or "destroyed" counts something else.
_NEEDS_WEAPON = {"launched", "intercepted"}
_VERB_REACH = 30
_OBJECT_FIGURE = caseless(
    r"\s+(?:at\s+least\s+|about\s+|more\s+than\s+|some\s+|nearly\s+|over\s+)?"
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|scores)\b)"
)
# Kinds named by what is counted ("20 villages", "28 trucks"): the noun follows its figure.
_COUNTED_NOUNS = {
    "settlements",
    "aid_volume",
    "troops",
    "targets_hit",
    "attacks",
    "held_hostage",
    "count",
}
# Counted nouns a weapons verb before the figure does not override ("launched 4 missile strikes").
_STRIKES_COUNTED = {"attacks", "targets_hit"}
_AIMED_GAP = re.compile(r"\b(?:at|on|against|into|towards?)\b")
_VERB_GAP = re.compile(r"\b(?:have|has|had|were|was|are|is|been)\b")
# "four buildings in the villages of ...": the figure counts its own noun, the places hold it
_OWN_NOUN_GAP = re.compile(r"\s+[a-z]+s\s+(?:in|of|across|around|near)\s+(?:the\s+)?$")
# "causing no injuries", "no reports of deaths so far and 22 people were treated"
_NEGATED_KIND = re.compile(
    r"\b(?:no|without|zero)\s+(?:(?:immediate\s+)?(?:reports?|word)\s+of\s+(?:any\s+)?)?$"
)
# "were damaged and about 58,000 people": a verb that ends a clause before "and"
_AND_OTHER_SUBJECT = caseless(
    r"^\s+and\s+(?:about\s+|some\s+|around\s+|nearly\s+|almost\s+|"
    r"more\s+than\s+|over\s+|at\s+least\s+)?$"
)
_OTHER_PREDICATE = 30  # how much further such a verb counts than its distance
# "killed and 12 injured": the verb before belongs to the figure before it.
_OTHER_FIGURE = caseless(r"[;,]|\band\b")
# another figure joined on, not a part of this one ("including 35 children")
_FIGURE_JUST_BEFORE = re.compile(r"\d\s+$")
_NEXT_FIGURE = caseless(r"\b(?:with|and|while|whereas|plus)\s+(?:[a-z-]+\s+){0,3}?\d")
_DURATION_SUFFIX = caseless(r"^-(?P<unit>hour|day|week|month|year|decade)(?!s?-old)\b")
_WEAPONS = caseless(
    r"\b(?:drones?|missiles?|rockets?|uavs?|shaheds?|bombs?|projectiles?|them|jets?|aircraft|"
    r"planes?|helicopters?|warplanes?|air\s+defen[cs]es?)\b"
)


# A figure's noun that is a weapon fired: "91 cruise missiles", "97 drones".
_WEAPON_NOUN = caseless(
    r"\s+(?:[a-z][a-z0-9-]*\s+){0,2}?(?:drones?|missiles?|rockets?|uavs?|shaheds?|shells|projectiles|bombs|"
    r"air\s+attack\s+(?:means|weapons|assets)|means\s+of\s+(?:air\s+)?attack)\b"
)


# "when three Russian missiles struck the centre", "used 1,924 drones to attack": the weapons
# that hit were fired
_WEAPON_STRIKES_AFTER = caseless(
    r"\s+(?:[a-z][a-z0-9-]*\s+){0,2}?(?:drones|missiles|rockets|shells|projectiles)\s+"
    r"(?:(?:were|was)\s+(?:identified|detected)\s+crossing|"  # an IDF statement's words
    r"struck|hit|slammed|landed|rained|exploded|fell|crossed|to\s+(?:attack|strike|hit|target))\b"
)
# a bare figure with its own verb of falling: "one fell in an open area", "two landed in fields"
_FELL_AFTER = caseless(r"\s+(?:fell|landed|crashed)\b")
_ATTACK_BEFORE = caseless(
    r"\b(?:attack\w*|fired|firing|fires|launch\w*|struck|strikes?|hit|hits|targeted|targeting|"
    r"shelled|raids?|barrage|salvo)\b"
)


# "kills commander Haytham Ali Tabatabai, four others", "arrested the mayor and three others":
# the one named before the others is harmed too (not "12 others were treated": their own verb)
_OTHERS_AFTER = caseless(r"\s+others\b(?!\s+(?:were|was|are|had|have|has)\b)")
_LIST_HEAD_VERB = caseless(
    r"\b(?:kill(?:s|ed|ing)?|wound(?:s|ed|ing)?|injur(?:es|ed|ing)|arrest(?:s|ed|ing)?|"
    r"detain(?:s|ed|ing)?|abduct(?:s|ed|ing)?|kidnapp?(?:s|ed|ing)?)\s+[^\d,;.]*?(?:,|\band)\s+"
    r"(?:(?:his|her|their)\s+)?(?:at\s+least\s+)?$"
)
_NOT_A_VERB = (
    r"(?!(?:was|were|is|are|has|have|had|been|killed|wounded|injured|died|dead|hurt|arrested|"
    r"detained|abducted)\b)"
)
# "killing a driver and two passengers", "killed a man and his two sons": one more
_ONE_AND_BEFORE = caseless(
    # the one's words, no verb among them ("one firefighter was killed and 12 others")
    rf"\b(?:a|an|one)\s+(?:{_NOT_A_VERB}[a-z-]+\s+){{0,2}}{_NOT_A_VERB}[a-z-]+"
    # "killed a gang leader known as \"Ti Makak\" and four of his men"
    r"(?:\s+(?:known\s+as|called|named|nicknamed)\s+[\"“'‘][^\"”’]{1,30}[\"”'’])?"
    r"\s+and\s+(?:(?:his|her|their)\s+)?(?:at\s+least\s+)?$"
)
_OTHERS_KINDS = frozenset({"killed", "injured", "detained", "held_hostage"})


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: float
    surface: str
    currency: str | None
    duration_unit: str | None = None  # "30-day", "three-month"
    magnitude: bool = False  # "a 6.4-magnitude earthquake"
    strong: bool = False  # "a 5,000-strong force"


def _value(num: str, scale: str | None) -> float:
    key = num.lower()
    base = float(_WORDS[key]) if key in _WORDS else float(re.sub(r"[,\s]", "", num))
    # "4.1 million" is 4,100,000, not the float product 4,099,999.9999999995
    return round(base * (_SCALES[scale.lower()] if scale else 1.0), 6)


# "3,408 were injured", "21 soldiers were killed": the verb the figure is the subject of.
_PASSIVE_AFTER = caseless(
    # not across a clause with a subject of its own ("wounding 10 people before he was shot
    # dead": the gunman was)
    r"(?:\s+(?!(?:before|after|when|while|until|because|he|she|they|it|who)\b)[a-z-]+){0,3}?"
    r"\s+(?:were|was|are|is|have\s+been|has\s+been|had\s+been|being)"
    r"\s+(?:reportedly\s+|reported\s+|confirmed\s+|also\s+|later\s+|still\s+|now\s+)?(?:being\s+)?(?:found\s+)?"
    # "three were seriously injured": how badly, then the verb
    r"(?:seriously\s+|critically\s+|badly\s+|severely\s+|lightly\s+|slightly\s+|"
    r"moderately\s+|gravely\s+)?[\"“‘']?"
    r"(?P<verb>[a-z]+(?:\s+[a-z]+)?)"
)
# "Thirteen peacekeepers from South Africa, Malawi and Uruguay serving with MONUSCO were
# killed": a harm verb far after the figure, its clause's own passive, still says what it is.
_FAR_PASSIVE_AFTER = caseless(
    r"(?P<gap>[^.;:!?\d()]{20,110}?)\s(?:were|have\s+been|had\s+been)\s+(?:reportedly\s+|also\s+)?"
    r"(?P<verb>killed|wounded|injured|abducted|kidnapped|detained|arrested|released|freed|"
    r"rescued|displaced|evacuated|damaged|destroyed)\b"
)
# "four crew are still missing and at least three were killed": a figure in the gap owns the
# later verb
_FAR_GAP_STOP = caseless(
    r"\b(?:where|when|whom|whose|after|before|while|because|since|as|but|until|if|than|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds)\b"
)
_REGIONS_AFTER = caseless(
    # "Kyiv, Odesa and five other regions"
    r"\s+(?:(?:other|more)\s+)?(?:states|provinces|regions|governorates|oblasts|districts|departments|countries|"
    # "sheltering in 120 temporary sites": the sites are counted, not displaced
    # "staying in 1,400 government-run safety centres"
    r"(?:[a-z]+-[a-z]+\s+)?(?:(?:temporary|displacement|evacuation|collective|safety|relief|"
    r"emergency)\s+)+(?:sites|centres|centers|shelters))\b"
)
# "17 of Sudan's 18 states": a share of a place's regions, whatever happened in them
_PLACES_OF_AFTER = caseless(
    r"\s+of\s+(?:the\s+|[a-z-]+['’]s\s+)?(?:[a-z-]+\s+)?\d[\d,]*\s+(?P<noun>states|provinces|"
    r"regions|districts|governorates|oblasts|counties|departments|municipalities|townships|"
    r"villages|towns|localities|settlements)\b"
)
_SETTLEMENT_WORDS = next(p for kind, _, p in _KIND_CUES if kind == "settlements")
# "20 villages", "14 townships": what is counted is places, whatever the verb did to them.
_SETTLEMENT_NOUN = caseless(
    r"\s+(?:more\s+|other\s+|[a-z]+-?[a-z]*\s+)?(?:" + "|".join(_SETTLEMENT_WORDS) + r")\b"
)


# "eight Israeli soldiers killed", "130 injured": the telegraphic passive, without "were".
_PARTICIPLE_AFTER = caseless(
    # "three of their own soldiers killed": a partitive before the noun
    r"(?:\s+of\s+(?:their|its|his|the)(?:\s+own)?)?(?:\s+[a-z-]+){0,2}?\s+(?P<verb>killed|dead|died|wounded|injured|hurt|detained|arrested|"
    r"missing)\b"
    # not an active verb with its object: "12 soldiers killed 30 militants"
    r"(?!\s+(?:[\d$]|(?:a|an|the|at|more|about|some|dozens|hundreds|scores|several|many|their|"
    r"his|her|its|one|two|three|four|five|six|seven|eight|nine|ten)\b))"
)


def _cue_kind(words: str, verbs_only: bool = True) -> str | None:
    """The kind whose cue `words` are, or begin with ("shot dead" -> killed)."""
    for kind, is_verb, phrases in _KIND_CUES:
        if (is_verb or not verbs_only) and any(
            words == p or words.startswith(p + " ") for p in phrases
        ):
            return kind
    return None


# What a strike destroys that is no weapon: "13,600 buildings were destroyed" (also tanks and
# boats there), "a missile destroyed two apartment blocks" (also cars, trucks, boats carrying
# people; not bare "boats", which sea drones are)
_BUILT = (
    r"buildings?|homes?|houses?|dwellings?|structures?|schools?|hospitals?|bridges?|shops?|"
    r"apartments?|blocks?|vehicles?"
)
_DESTROYED_THINGS = caseless(
    rf"\s+(?:[a-z-]+\s+)?(?:{_BUILT}|tanks?|boats?)\s+"
    r"(?:were|was|have\s+been|had\s+been|has\s+been)\s+(?:completely\s+|totally\s+)?destroyed\b"
)


_BUILT_AFTER = caseless(rf"\s+(?:[a-z-]+\s+)?(?:{_BUILT}|cars?|trucks?|boats?\s+carrying)\b")
_HIT_VERBS = frozenset({"hit", "struck", "targeted", "shelled", "bombed"})


_ROUGHLY = (
    r"(?:about\s+|some\s+|more\s+than\s+|at\s+least\s+|over\s+|nearly\s+|almost\s+|around\s+)?"
)
# "Fifty of the abducted children escaped": the clause's own verb, not the noun's participle
_PARTITIVE_VERB_AFTER = caseless(
    r"\s+of\s+(?:the|them|those)(?:\s+[a-z-]+){0,3}?\s+(?:have\s+|had\s+|has\s+)?"
    r"(?P<verb>escaped|died)\b"
)
# "seized 25 schoolgirls", "303 pupils were snatched": people seized are hostages
_PEOPLE_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:people|persons|pupils|students|schoolgirls|schoolboys|"
    r"schoolchildren|children|girls|boys|women|men|villagers|passengers|worshippers|teachers|"
    r"farmers|civilians|residents|travell?ers|workers)\b"
)
_SEIZED_BEFORE = caseless(rf"\b(?:seized|seizing|seizes|seize|snatched|grabbed)\s+{_ROUGHLY}$")
_SEIZED_AFTER = caseless(
    r"(?:\s+[a-z-]+){1,3}?\s+(?:were|was|had\s+been|have\s+been|being)\s+"
    r"(?:seized|snatched|grabbed|carried\s+off)\b"
)
# "neutralised 23 terrorists", "neutralising 12 of the terrorists": fighters a military
# statement "neutralised" are dead
_FIGHTERS_AFTER = caseless(
    r"\s+of\s+them\b|\s+(?:of\s+(?:the\s+)?)?(?:[a-z-]+\s+)?"
    r"(?:terrorists|militants|insurgents|fighters|bandits|gunmen|attackers|"
    r"jihadists|rebels|kidnappers|soldiers|troops|servicemen|khwarij|khawarij)\b"
)
_KILLED_VERB_BEFORE = caseless(
    rf"\b(?:neutrali[sz]ed|neutrali[sz]ing|neutrali[sz]es)\s+{_ROUGHLY}$"
)
# "14 militants were 'neutralised'": the passive says the same
# and a statement's idioms: "8 khwarij were sent to hell", "2 soldiers embraced shahadat"
_NEUTRALISED_AFTER = caseless(
    r"\s+(?:(?:were|had\s+been|have\s+been)\s+[\"“‘']?neutrali[sz]ed|"
    r"(?:were\s+|had\s+been\s+|have\s+been\s+)?(?:sent\s+to\s+hell|martyred)|"
    r"(?:embraced|embrace)\s+(?:shahadat|shahadah|martyrdom))\b"
)


# "72,000 families were affected and 6,000 houses were damaged": the families are counted
_AFFECTED_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}?(?:were|are|is|have\s+been|had\s+been|has\s+been)\s+"
    r"(?:directly\s+|badly\s+|severely\s+|indirectly\s+)?affected\b"
    # "12,000 are directly affected and in urgent need of shelter": the need is the figure's
    r"(?!\s+and\s+(?:are\s+)?(?:in\s+)?(?:urgent\s+)?need)"
)


def _passive_kind(lowered: str, end: int) -> str | None:
    if _AFFECTED_AFTER.match(lowered, end, min(len(lowered), end + 70)):
        return "count"
    partitive = _PARTITIVE_VERB_AFTER.match(lowered, end, min(len(lowered), end + 60))
    if partitive:
        return _cue_kind(partitive.group("verb"))
    m = _PASSIVE_AFTER.match(lowered, end, min(len(lowered), end + 60))
    if m and m.group("verb").split()[0] in _HIT_VERBS:
        return "count"  # "when two apartment blocks were hit": the things hit are counted
    if m:
        kind = _cue_kind(m.group("verb"), verbs_only=False)
        # "72 were still missing", "1 million were without power": a state, not a verb, but
        # what the figure is
        return kind if kind in ("missing_trapped", "in_need") else _cue_kind(m.group("verb"))
    short = _PARTICIPLE_AFTER.match(lowered, end, min(len(lowered), end + 40))
    if short:
        if _EITHER_HARM_AFTER.match(lowered, short.end()):
            return "casualties"  # "1,000 personnel killed or wounded"
        return _cue_kind(short.group("verb"), verbs_only=False)  # "missing"
    reach = min(len(lowered), end + 140)
    if lowered.find(" were ", end, reach) < 0 and lowered.find(" been ", end, reach) < 0:
        return None  # the far passive below needs one of them: most figures have neither
    far = _FAR_PASSIVE_AFTER.match(lowered, end, reach)
    if far and not _FAR_GAP_STOP.search(far.group("gap")):
        return _cue_kind(far.group("verb"))
    return None


_EVACUATED_BEFORE = caseless(
    r"\b(?:evacuated|evacuating|evacuates|airlifted|airlifting|medevaced|transferred|"
    r"transferring)\s+(?:about\s+|some\s+|around\s+|nearly\s+|over\s+|at\s+least\s+|"
    r"more\s+than\s+)?$"
)
_HURT_PEOPLE_AFTER = caseless(
    r"\s+(?:(?:seriously|critically|badly|severely)\s+)?(?:injured|wounded|sick|ill)\s+"
    r"(?:people|persons|civilians|children|patients|residents|survivors|soldiers)\b"
)
_EITHER_HARM_AFTER = re.compile(r"\s+or\s+(?:wounded|injured|killed|dead)\b")
# A figure, perhaps one word ("844,000 Sudanese"), right before a people noun of a kind: the
# noun is that figure's, not a later one's
_OWNED_NOUNS = frozenset(
    {"refugees", "returnees", "deportees", "hostages", "victims", "casualties", "fatalities"}
)
_FIGURE_OWNS = re.compile(
    r"\d[\d,.]*(?:\s+(?:million|billion))?\s+(?:(?!(?:and|or|but)\s)[a-z-]+\s+)?$"
)
# "killed when missiles hit two apartment blocks": the figure is what was hit, not the killed
_STRIKING_BETWEEN = re.compile(r"\b(?:when|as|after)\s+(?:[a-z-]+\s+){0,3}?(?:hit|struck)\s*$")


# The figure counts craft, places or arms, so no kind of people fits it
_PEOPLE_KINDS = frozenset(
    {"killed", "injured", "casualties", "missing_trapped", "displaced", "evacuated", "fled_abroad",
     "in_need", "detained", "released", "held_hostage"}
)  # fmt: skip
_NOT_PEOPLE_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+)?(?:helicopters?|aircraft|planes?|boats?|ships?|vessels?|vehicles?|"
    r"ambulances?|buses|districts|provinces|regions|states|counties|countries|villages|towns|"
    r"cities|firearms|weapons|rifles|guns|grenades|sites|camps|centres|centers|shelters|"
    r"missiles|drones|rockets|shells|projectiles|bombs|positions|outposts|posts|bases|buildings|"
    r"houses|livestock|cattle|animals|poultry|goats|sheep|camels)\b"
)


# "three people trapped inside died": the trapped were killed; "only one villager survived"
_TRAPPED_DIED_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+)?trapped\s+(?:inside\s+|in\s+(?:the\s+)?[a-z-]+\s+|under\s+(?:the\s+)?"
    r"rubble\s+)?(?:died|were\s+killed|burned\s+to\s+death|perished)\b"
)
# "interviews with 182 survivors and witnesses": the people who spoke, counted
_TESTIMONY_BEFORE = caseless(
    r"\b(?:interviews?|interviewed|spoke\s+(?:to|with)|testimon(?:y|ies)\s+(?:of|from))"
    r"(?:\s+with)?\s+(?:more\s+than\s+|over\s+|some\s+|about\s+)?$"
)
# "a train carrying 475 passengers": those on board, whatever befell the train
_CARRYING_BEFORE = caseless(r"\bcarrying\s+(?:about\s+|some\s+|nearly\s+|more\s+than\s+)?$")
_PASSENGERS_AFTER = caseless(r"\s+(?:passengers|people|migrants|crew)\b")
_ALL_DIED = caseless(
    r"\ball\s+(?:(?:on\s+board|aboard|of\s+them|passengers|crew(?:\s+members)?)\s+)?"
    r"(?:(?:were|was|are|have\s+been)\s+)?(?:killed|died|dead|perished)\b"
)
_CLAUSE_BETWEEN = re.compile(r"\b(?:when|while|whereas)\b")
_ON_BOARD_AFTER = caseless(
    r"(?:\s+(?:and|to)\s+[\d,.]+)?\s+(?:[a-z-]+\s+){0,2}(?:were|was)\s+on\s+board\b"
)
_ON_BOARD_NEAR_AFTER = caseless(r"\s+(?:[a-z-]+\s+){0,2}?on\s+board\b")


def _whole_on_board(lowered: str, start: int, end: int) -> bool:
    """ "Of the 181 people on board, 179 were killed": the whole the part is counted from."""
    return lowered.endswith("of the ", 0, start) and bool(
        _ON_BOARD_NEAR_AFTER.match(lowered, end, end + 40)
    )


# "all 22 survived", "all 80 people on board survived"
_SURVIVED_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+){0,2}(?:on\s+board\s+)?(?:survived|survives|were\s+rescued\s+alive)\b"
)
# "all 190 lawmakers present voted to lift it": the votes cast for
_VOTERS_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+)?(?:lawmakers|legislators|deputies|mps|senators|members|parliamentarians)\s+"
    r"(?:present\s+)?(?:voted|vote|votes)\s+(?P<against>against\b)?"
)
# "about 8,000 people have left Kadugli", "3,000 survivors fled to Makurdi": people who left
# are displaced, whatever noun counts them
_PEOPLE_LEFT_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+)?(?:people|persons|residents|civilians|families|households|survivors)\s+"
    r"(?:(?:have|had|has)\s+(?:now\s+|since\s+|already\s+)?left\b|(?:have\s+|had\s+)?"
    # "4.3 million people have now fled Sudan to neighbouring countries": abroad
    r"(?:now\s+)?(?P<fled>fled(?:(?:\s+[a-z]+){0,2}\s+to\s+neighbou?ring\s+countries|"
    r"(?:\s+[a-z]+){0,2})))"
)


_AUX_BEFORE = re.compile(r"\b(?:were|was|been|are|is)\s+$")


_ENERGY_AFTER = re.compile(
    r"\s*(?:gigawatts?|megawatts?|gw|mw|gigawatt-hours|megawatt-hours|gwh|mwh)\b"
)
_SUPPLY_LOST_AFTER = re.compile(
    r"[^.;:,\d]{0,50}?\blost\s+(?:power|electricity|water|internet|connectivity|phone)\b"
)
_ALL_BUT_BEFORE = re.compile(r"\ball\s+but\s+[a-z]+\s+of\s+(?:the\s+)?$")


# "launched 598 drones and 31 missiles, of which 563 drones and 26 missiles were shot down"
_OF_WHICH_BEFORE = re.compile(r"\b(?:of\s+which|of\s+them)\s+$")
_CLAUSE_PASSIVE_AFTER = re.compile(
    r"[^.;:]{0,60}?\b(?:were|was|have\s+been|had\s+been)\s+(?P<verb>shot\s+down|intercepted|"
    r"downed|destroyed|neutrali[sz]ed|killed|wounded|injured)\b"
)
# "1.1 million to the US dollar": an exchange rate
_EXCHANGE_AFTER = re.compile(
    r"\s+(?:rials?|rubles?|roubles?|pounds?|lira|naira|[a-z]+)?\s*(?:to|per|against)\s+(?:the\s+|one\s+|a\s+)?"
    r"(?:us\s+|u\.s\.\s+)?(?:dollar|euro|greenback)\b"
)


_EITHER_DAMAGE_AFTER = caseless(
    r"(?:\s+[a-z-]+){0,3}?\s+(?:were|was|have\s+been|had\s+been)\s+(?:destroyed\s+or\s+damaged|"
    r"damaged\s+or\s+destroyed)\b"
)


# "Five soldiers among the dead": counted among the killed
_AMONG_DEAD_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:were\s+|are\s+)?among\s+(?:the\s+)?(?:dead|those\s+killed|victims)\b"
)


# the end of a sentence between a figure and a kind's word ("U.S." and "St." aside)
_SENTENCE_GAP = re.compile(r"(?<!\b[a-z])(?<!\bst)(?<!\bno)[.!?]\s+(?=[a-z\"'“(])")


# "documented at least 30 killings": the figure's own noun says the dead (not "four
# commanders over the killings", whose noun is another)
_KILLINGS_AFTER = re.compile(
    r"\s+(?:(?:extrajudicial|unlawful|summary|targeted|reported|confirmed)\s+)?(?:killings|murders)\b"
)


# "1,000 of its population": those left, whatever befalls them after
_OF_POPULATION_AFTER = re.compile(r"\s+of\s+(?:a|the|its|their)\s+(?:[\w-]+\s+)?population\b")
_HAZARDS_AFTER = re.compile(
    r"\s+(?:(?:deadly|powerful|strong|major|separate|consecutive|successive|tropical)\s+)?"
    r"(?:typhoons?|storms?|cyclones?|hurricanes?|earthquakes?|quakes?|tremors?|floods?|"
    r"landslides?|explosions?|blasts?|wildfires?)\b"
)


def _nearest_kind(lowered: str, start: int, end: int) -> str | None:
    if _AMONG_DEAD_AFTER.match(lowered, end, end + 50) or _KILLINGS_AFTER.match(lowered, end):
        return "killed"
    if _OF_POPULATION_AFTER.match(lowered, end, end + 40):
        return "count"  # "fewer than 1,000 of a pre-war population of 13,000, to evacuate"
    # "two typhoons that had left 20 people dead": the storms, not the dead ("a 6.1 quake" is
    # a magnitude)
    if _HAZARDS_AFTER.match(lowered, end) and "." not in lowered[start:end]:
        return "count"
    if _EITHER_DAMAGE_AFTER.match(lowered, end, end + 60):
        return "damaged"  # "35,000 houses were destroyed or damaged": not told apart
    if _OF_WHICH_BEFORE.search(lowered, max(0, start - 12), start):
        later = _CLAUSE_PASSIVE_AFTER.match(lowered, end, end + 90)
        if later:
            return _cue_kind(later.group("verb"))
    if _EXCHANGE_AFTER.match(lowered, end, end + 40):
        return "money"
    if _ENERGY_AFTER.match(lowered, end):
        return "count"  # "15 gigawatts of generation were lost": power, not losses
    places_of = _PLACES_OF_AFTER.match(lowered, end, end + 50)
    if places_of:  # "across 17 of Sudan's 18 states", "14 of Rakhine's 17 townships"
        return "settlements" if places_of.group("noun") in _SETTLEMENT_WORDS else "count"
    if _SUPPLY_LOST_AFTER.match(lowered, end, end + 70):
        return "count"  # "four million homes lost electricity": customers, not losses
    if _ALL_BUT_BEFORE.search(lowered, max(0, start - 30), start):
        return "count"  # "all but one of the 242 people on board were killed": not 242 dead
    if _TRAPPED_DIED_AFTER.match(lowered, end, end + 60):
        return "killed"
    voters = _VOTERS_AFTER.match(lowered, end, end + 60)
    if voters:
        return "votes_against" if voters.group("against") else "votes_for"
    left = _PEOPLE_LEFT_AFTER.match(lowered, end, end + 70)
    if left:  # "fled across the river into Burundi": abroad
        fled = left.group("fled")
        if fled and fled.endswith("countries"):
            return "fled_abroad"  # "fled Sudan to neighbouring countries"
        return _cue_kind(fled) if fled else "displaced"
    carried = _CARRYING_BEFORE.search(
        lowered, max(0, start - 30), start
    ) and _PASSENGERS_AFTER.match(lowered, end, end + 20)
    if carried and _ALL_DIED.search(lowered, end, end + 160):
        return "killed"  # "a helicopter carrying six crew crashed; all on board were killed"
    if (
        carried
        or _SURVIVED_AFTER.match(lowered, end, end + 40)
        or _ON_BOARD_AFTER.match(lowered, end, end + 40)
        or _whole_on_board(lowered, start, end)
        or _TESTIMONY_BEFORE.search(lowered, max(0, start - 40), start)
    ):
        return "count"  # "all 22 survived", "400 people were on board": counted, whatever befell
    if _PEOPLE_AFTER.match(lowered, end) and (
        _SEIZED_BEFORE.search(lowered, max(0, start - 30), start)
        or _SEIZED_AFTER.match(lowered, end, min(len(lowered), end + 60))
    ):
        return "held_hostage"
    fighters = _FIGHTERS_AFTER.match(lowered, end)
    if fighters and _NEUTRALISED_AFTER.match(lowered, fighters.end()):
        return "killed"
    if fighters and _KILLED_VERB_BEFORE.search(lowered, max(0, start - 30), start):
        return "killed"
    if _EITHER_PASSIVE_AFTER.match(lowered, end, end + 60):
        return "casualties"  # "1,000 children have been killed or injured": not told apart
    if _WOUNDS_AFTER.match(lowered, end, end + 60):
        return "injured"  # "treated 320 patients for gunshot wounds"
    if _OWN_VERB_BEFORE.search(lowered, max(0, start - 30), start) and not _HARMED_AFTER.match(
        lowered, end
    ):
        return None  # "seized 40 firearms", "infected 100,000 people": counted, not harmed
    if _HITS_BY_BEFORE.search(lowered, max(0, start - 70), start):
        return "targets_hit"
    if _HIT_THINGS_AFTER.match(lowered, end) and _HIT_BEFORE.search(
        lowered, max(0, start - 200), start
    ):
        return "targets_hit"
    if (
        _RECIPIENTS_AFTER.match(lowered, end)
        and _AID_TO_BEFORE.search(lowered, max(0, start - 90), start)
        and not _DISPLACED_WHO.match(lowered, end)
    ):
        return None
    if _EVACUATED_BEFORE.search(lowered, max(0, start - 40), start) and _HURT_PEOPLE_AFTER.match(
        lowered, end
    ):
        return "evacuated"  # "evacuated about 1,000 injured people": the evacuees are counted
    passive = _passive_kind(lowered, end)
    if passive and passive not in _NEEDS_WEAPON:
        if passive in _PEOPLE_KINDS and _NOT_PEOPLE_AFTER.match(lowered, end):
            return None  # "300 firearms were handed in"
        return passive
    if passive == "intercepted" and _DESTROYED_THINGS.match(lowered, end, end + 40):
        return "destroyed"  # "13,600 buildings were destroyed": not an interception
    if passive == "intercepted" and _WEAPONS.search(lowered, max(0, start - 200), start):
        return passive  # "launched 14 missiles at the base ...; 13 were intercepted"
    window_start = max(0, start - 60)
    window = lowered[window_start : end + 60]
    armed = bool(_WEAPONS.search(window))
    built_after = bool(_BUILT_AFTER.match(lowered, end, end + 30))
    best: tuple[int, int, str] | None = None
    verb_before: tuple[int, int, str] | None = None
    noun_after: tuple[int, int, str] | None = None
    for m in matches_at(_ANY_KIND, window, _KIND_STARTS):
        order = int(str(m.lastgroup)[1:])
        kind, verb, _ = _KIND_CUES[order]
        if kind in _NEEDS_WEAPON and (
            not armed or (m.group().startswith("destroyed") and built_after)
        ):
            if not m.group().startswith("destroyed"):
                continue
            kind = "destroyed"  # "destroyed three boats", "a missile destroyed two apartment
            # blocks": not an interception
        if _NEGATED_KIND.search(window, max(0, m.start() - 32), m.start()):
            continue  # "hit one of its positions, causing no injuries": nobody was hurt
        pos = window_start + m.start()
        before = pos < start
        distance = start - (window_start + m.end()) if before else pos - end
        gap = (
            window[m.end() : start - window_start]
            if before
            else window[end - window_start : m.start()]
        )
        if before and ";" in gap:
            continue  # "27 had died; ten girls and a counsellor were missing": another clause's
        if _SENTENCE_GAP.search(gap):
            continue  # "registered 100,000 new arrivals. Shelter is needed.": another sentence's
        if not before and kind in _COUNTED_NOUNS and _AIMED_GAP.search(gap):
            continue  # "fired 51 missiles at targets": where they were aimed, not what is counted
        if not before and kind in _COUNTED_NOUNS and _VERB_GAP.search(gap):
            continue  # "100,000 have been accounted for in Tawila and other towns": not towns
        if not before and kind == "settlements" and _OWN_NOUN_GAP.match(gap):
            continue  # "residents of four buildings in the villages of": buildings
        if before and not verb and kind in _COUNTED_NOUNS and distance > 3:
            continue  # "11 settlements, affecting 5,000 people": the noun counts the 11
        if kind == "in_need" and not before and m.group().startswith("to "):
            continue  # "sent two water bombers to help crews": the help is for the crews
        if before and m.group() in _OWNED_NOUNS and _FIGURE_OWNS.search(window, 0, m.start()):
            continue  # "844,000 refugees and 271,000 returnees": the 844,000's noun
        if verb and not before and _OBJECT_FIGURE.match(window, m.end()):
            continue  # "12 soldiers killed 30 militants": the verb's figure is the 30
        if not before and (
            _NEXT_FIGURE.search(window, end - window_start, m.start())
            or (
                _FIGURE_JUST_BEFORE.search(window, end - window_start, m.start())
                and not _OF_AFTER.match(window[end - window_start :])
            )
        ):
            continue  # "250,000 cases, with 800 deaths", "11 probable), including 45 deaths":
            # the noun is the next figure's
        between = lowered[window_start + m.end() : start]
        # "22,000 houses were damaged and 58,000 people moved to evacuation centres": a verb
        # before "and" is the earlier figure's; one after this figure is nearer in meaning
        remote = _OTHER_PREDICATE if before and _AND_OTHER_SUBJECT.search(between) else 0
        candidate = (max(distance, 0) + remote, order, kind)
        if best is None or candidate < best:
            best = candidate
        if not before and kind in _STRIKES_COUNTED and distance <= 12:
            noun_after = candidate
        if (
            verb
            and before
            and distance <= _VERB_REACH
            and not _OTHER_FIGURE.search(between)
            # "200,000 homes were submerged and 1 million people ...": an earlier subject's
            and not (between.startswith(" and ") and _AUX_BEFORE.search(window, 0, m.start()))
            and not _STRIKING_BETWEEN.search(between)
            # "another wounded when about 30 gunmen attacked": the verb is another clause's
            and not _CLAUSE_BETWEEN.search(between)
            and (verb_before is None or candidate < verb_before)
        ):
            verb_before = candidate
    chosen = verb_before or best
    if (
        chosen is verb_before
        and verb_before is not None
        and noun_after is not None
        and (
            verb_before[2] in _NEEDS_WEAPON
            or _IN_ATTACKS_BEFORE.search(lowered, window_start, start)
        )
        and not (verb_before[2] == "intercepted" and noun_after[2] == "targets_hit")
    ):  # "shot down 718 aerial targets": the targets are what was intercepted
        # "launched 4 missile strikes", "killed in two Israeli strikes": the strikes are counted
        chosen = noun_after
    if chosen and chosen[2] in _PEOPLE_KINDS and _NOT_PEOPLE_AFTER.match(lowered, end):
        # "two helicopters that airlifted stranded people", "in five districts after the bodies
        # of six people", "300 firearms were handed in": no people counted
        return None
    return chosen[2] if chosen else None


def _glued(tail: str) -> bool:
    """Does the (folded) text before a number end in a letter, or a letter and a hyphen?

    "F-16", "Il-76", "S300" are designators. The regex `[a-z]-?$` as plain string tests:
    a `$`-anchored search tries every position. `$` also matches before a final newline.
    """
    for end in (tail, tail[:-1]) if tail.endswith("\n") else (tail,):
        if end.endswith("-"):
            end = end[:-1]
        if end and "a" <= end[-1] <= "z":
            return True
    return False


_VOTED_BEFORE = caseless(r"\bvoted\s+$")


def _hits(text: str, lowered: str) -> list[_Hit]:
    hits = []
    for m in matches_at(_NUMBER, lowered, _FIGURE_STARTS):
        suffix = m.group("suffix")
        duration = _DURATION_SUFFIX.match(suffix) if suffix else None
        if duration and lowered.startswith(("-old", "s-old"), m.end()):
            continue  # "a two-week-old baby": an age
        magnitude = bool(suffix) and lowered.startswith("-magnitude", m.end() - len(suffix))
        strong = bool(suffix) and lowered.startswith("-strong", m.end() - len(suffix))
        # "Magnitude-6.9": a magnitude glued to its name
        glued_magnitude = "." in m.group("num") and lowered.endswith("magnitude-", 0, m.start())
        magnitude = magnitude or glued_magnitude
        # "voted 12-0": a tally, its first number the votes for
        tally = (
            bool(suffix)
            and suffix[1:2].isdigit()
            and _VOTED_BEFORE.search(lowered, max(0, m.start() - 16), m.start())
        )
        end = m.end() - len(suffix) if suffix and (magnitude or strong or tally) else m.end()
        # Patterns anchored at the end search only a short tail: a search over the whole
        # prefix would scan it from its start for every number.
        tail = lowered[max(0, m.start() - 24) : m.start()]
        if (
            (suffix and not duration and not magnitude and not strong and not tally)
            or (_glued(tail) and not glued_magnitude)
            or _NOT_A_FIGURE_BEFORE.search(tail)
        ):
            continue  # ordinals, ages, clock times, designators (F-16), "Group of 7"
        population = _POPULATION_BEFORE.search(tail)
        if population and (
            not population.group("place") or _RESIDENTS_AFTER.match(lowered, end, end + 24)
        ):
            continue
        if _DESIGNATOR_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue
        if _AGE_APPOSED.match(text, m.start()) and _NAMED_BEFORE.search(
            text, max(0, m.start() - 30), m.start()
        ):
            continue  # "Duterte, 80, is charged": a person's age
        if _HULL_NUMBER.fullmatch(m.group()) and _INITIALS_BEFORE.search(
            text, max(0, m.start() - 6), m.start()
        ):
            continue
        if _NAME_BEFORE.search(text, max(0, m.start() - 20), m.start()) and _AREA_AFTER.match(
            lowered, end, end + 20
        ):
            continue  # "the Delmas 30 area": a numbered quarter's name
        if (
            _FRACTION_AFTER.match(lowered, end, end + 12)
            or (tail.endswith(" in ") and _BATCHES_AFTER.match(lowered, end, end + 14))
            or _COLLECTIVE_AFTER.match(lowered, end, end + 30)
            or (_LONGER_SPAN_BEFORE.search(tail) and _SHORTER_UNIT_AFTER.match(lowered, end))
            or _RANK_AFTER.match(lowered, end, end + 24)
            or _AGES_LISTED_BEFORE.search(lowered, max(0, m.start() - 60), m.start())
            or _SPEED_AFTER.match(lowered, end, end + 12)
            or _FELL_AFTER.match(lowered, end, end + 12)
            or _HOUR_AFTER.match(lowered, end, end + 8)
            or (
                _FOUR_DIGITS.fullmatch(m.group("num"))
                and (
                    _CLOCK_AFTER.match(lowered, end, end + 12)
                    or (
                        _TIME_STAMP.fullmatch(m.group("num"))
                        and _STAMP_AFTER.match(text, end)
                        and not text[: m.start()].strip()
                    )
                )
            )
            or _MULTIPLIER_AFTER.match(lowered, end, end + 16)
            or _VOICES_AFTER.match(lowered, end, end + 50)
            or _CHANGE_BEFORE.search(tail)
            or _CHANGE_AFTER.match(lowered, end, end + 40)
        ):
            continue  # "two thirds", "220 km/h", "three times as many", "up by 1,000"
        if m.group("num").lower() == "one" and lowered.endswith(
            ("one by ", "one after "), 0, m.start()
        ):
            continue  # the second "one" of "one by one"
        if (
            m.group("num").lower() == "one"
            and _ONE_AS_DETERMINER.match(lowered, end, end + 40)
            and not (_FOR_A_TERM.match(lowered, end) and lowered.endswith("for ", 0, m.start()))
            and not _DEADLINE_AFTER.match(lowered, end)
        ):
            continue  # but "a state of calamity for one year": a term; "one week to leave"
        if m.start() > 1 and text[m.start() - 1] == "." and text[m.start() - 2].isdigit():
            continue  # the ".8" of "M8.8"
        if (
            m.start() > 0
            and not glued_magnitude
            and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-/")
        ):
            continue
        if (
            end < len(text)
            and text[end].isalnum()
            and not m.group("cur")
            and not _GLUED_UNIT.match(lowered, end)
        ):
            continue  # "F16", "3rd"; but "16km" is a distance
        num, cur, scale = m.group("num"), m.group("cur"), m.group("scale")
        if (
            num.isalpha()
            and _THE_BEFORE.search(tail)
            and not _THE_HARMED_AFTER.match(lowered, end, end + 60)
        ):
            continue  # "the two countries" refers, it does not count
        if _INFORMANTS_AFTER.match(lowered, end, end + 60):
            continue  # "two people briefed on the talks said": who told it, not a count
        if tail.endswith("all but "):
            continue  # "all but one of the 242 on board": the exception, not a count
        if num.isalpha() and scale and scale.lower() in {"m", "b", "k"}:
            continue
        if scale and scale.lower() in {"m", "b"} and not cur:
            continue  # "5 m" is a distance in metres, not millions
        if not cur and not scale and num.isdigit() and len(num) <= 4:
            if (len(num) <= 2 and _MONTH_AFTER.match(lowered, end, end + 40)) or (
                _MONTH_BEFORE.search(tail) and (len(num) <= 2 or _YEAR.match(num))
            ):
                continue  # a date: "15 April", "March 3", "September 2022"
            if _YEAR.match(num) and (
                _YEAR_BEFORE.search(tail) or _YEAR_RANGE_BEFORE.search(tail[-16:])
            ):
                continue  # "in 2024", "into 2025", "since 2014", "from 1998 to 2000"
            if (
                _OLD_YEAR.match(num)
                and _YEAR_BEFORE.search(tail)
                and _CLAUSE_ENDS.match(lowered, end)
            ):
                continue  # "since records began in 1851."
        if _YEAR.match(num) and not cur and not scale:
            if _YEAR_AS_ADJECTIVE.search(tail) or _YEAR_NAMES_AFTER.match(lowered, end):
                continue  # "the 2024 response plan", "says 1974 disengagement deal collapsed"
            after = text[end : end + 20]
            if not _UNIT.match(lowered[end : end + 20]) and not _LOWER_WORD_AFTER.match(after):
                continue  # a year
        currency = _CURRENCY.get(cur.strip().lower()) if cur else None
        hits.append(
            _Hit(
                m.start(),
                end,
                _value(num, scale),
                text[m.start() : end],
                currency,
                duration.group("unit").lower() + "s" if duration else None,
                magnitude,
                strong,
            )
        )
    if "M" in text:  # "M8.8 quake": a magnitude no word boundary opens
        glued = [
            _Hit(g.start("num"), g.end(), float(g.group("num")), g.group("num"), None, None, True)
            for g in _M_MAGNITUDE.finditer(text)
        ]
        hits = sorted(hits + glued, key=lambda hit: hit.start) if glued else hits
    return hits


def _noun_at(text: str, lowered: str, pos: int) -> str | None:
    """The words after a figure ("drones", "people were"), as the text writes them."""
    m = _NOUN.match(lowered[pos:])
    return text[pos + m.start("noun") : pos + m.end("noun")] if m else None


_PERSON = (
    r"(?:[a-z-]+\s+){0,2}?(?:soldier|serviceman|man|woman|child|boy|girl|baby|civilian|journalist|"
    r"reporter|photographer|officer|policeman|policewoman|paramedic|medic|doctor|nurse|leader|"
    r"commander|resident|worker|peacekeeper|person|farmer|teenager|student|pilot|driver|"
    r"passenger|guard|militant|fighter|hostage|priest|teacher|volunteer|reservist|attacker|gunman|"
    r"assailant|suspect|bomber|terrorist|operative|crew\s+member|principal|vice-principal|headteacher|"
    r"headmaster|daughter|son|wife|husband|mother|father|brother|sister)"
)
# "a soldier was killed", "killed a gang leader": one person, counted once, when the text
# gives no other figure of that kind. The article opens its clause, so "20 people, including
# a child, were killed" does not count the child again.
_ONE_PERSON = caseless(
    rf"(?:^|[,;:]\s*|\b(?:and|when|after|as|while|but|that|where|said|says|say|reported|"
    rf"confirmed|announced)\s+)(?P<a>an?|its|his|her|their)\s+(?:\d+-year-old\s+)?"
    # "killed two men, while a third person was killed": one more, counted apart
    rf"(?P<ordinal>(?:second|third|fourth|fifth|sixth)\s+)?{_PERSON}\s+"
    # "a terrorist who crossed the Yellow Line and approached troops was eliminated"
    r"(?:(?:who|that)\s+[^.;]{1,120}?\s+)?"
    r"(?:was|has\s+been|had\s+been|is)\s+(?:reportedly\s+|also\s+|later\s+)?(?:found\s+)?"
    r"(?:lightly\s+|slightly\s+|seriously\s+|critically\s+|badly\s+|moderately\s+|"
    r"severely\s+|gravely\s+|mortally\s+)?"
    r"(?P<harm>killed|shot\s+dead|wounded|injured|hurt|eliminated)\b"
    rf"|\b(?P<harm2>killed|killing|shot\s+dead|executed|executing|wounded|wounding|injured|injuring|"
    r"eliminated)\s+"
    # not "killing a man and his daughter" (two), but "killing a policewoman and wounding 10"
    rf"(?P<a2>an?|the|his|her|their)\s+(?:\d+-year-old\s+)?{_PERSON}\b"
    r"(?![’'-]|\s+and\b(?!\s+(?:wounding|injuring|wounded|injured|hurting|leaving)\b))"
    # telegraphic, without an article: "army says soldier killed in strike"
    rf"|\b(?:says|said|say)\s+(?P<a3>{_PERSON})\s+(?P<harm3>killed|shot\s+dead|wounded|injured)\b"
    # a named side's one leader: "strike killed Hezbollah commander", "killed the gang leader"
    # or its office-holder by possessive: "killed Hezbollah's chief spokesperson"
    r"|\b(?P<harm4>killed|killing|kills|shot\s+dead)\s+(?P<a4>(?:the\s+|an?\s+)?"
    r"(?:[a-z-]+[’']s\s+(?:senior\s+|top\s+|chief\s+)?(?:[a-z-]+\s+)?|(?:senior\s+|top\s+)?[a-z-]+\s+)"
    r"(?:commander|leader|chief|spokes(?:person|man|woman)|member|official|operative|mayor|"
    r"governor|minister|lawmaker|senator|councill?or|judge|prosecutor|candidate))\b"
    r"(?!\s*(?:s\b|and\b))"
    # a telegraphic headline, without an article: "Polio team guard shot dead in Bajaur"
    rf"|^(?P<a6>(?:[a-z-]+\s+)?{_PERSON})\s+(?P<harm6>killed|shot\s+dead|wounded|injured)\b"
    # not "A third man wounded in Wednesday's shooting has died": the wounded man is dead
    r"(?![^.;]*\bdied\b)"
    # "An 81-year-old woman pulled alive from the rubble later died in hospital"
    rf"|(?:^|[,;:]\s*|\b(?:said|says|that)\s+)(?P<a5>an?)\s+(?:\d+-year-old\s+)?{_PERSON}\s+"
    r"(?:[a-z-]+\s+){0,8}?"
    r"(?:later\s+|also\s+|then\s+)?(?P<harm5>died)\b"
    # "armed officers shot the attacker dead"
    rf"|\bshot\s+(?P<a7>(?:the|an?)\s+{_PERSON})\s+(?P<harm7>dead)\b"
    # "the pilot was among the dead"
    rf"|\b(?P<a9>the\s+{_PERSON})\s+(?:was|is)\s+(?:also\s+)?among\s+the\s+(?P<harm9>dead)\b"
    # "among the dead was a child"
    rf"|\bamong\s+the\s+(?P<harm10>dead)\s+(?:was|is)\s+(?:also\s+)?(?P<a10>(?:an?|the)\s+{_PERSON})\b"
    # "an officer was killed and another wounded"
    r"|(?:(?<=killed)|(?<=wounded)|(?<=injured)),?\s+and\s+(?P<a8>another)\s+(?:was\s+)?"
    r"(?P<harm8>wounded|injured|hurt|killed)\b"
    # telegraphic, a last clause without an article: "bridge blast derails train, driver injured"
    rf"|[,;]\s+(?P<a11>(?:[a-z-]+\s+)?{_PERSON})\s+(?P<harm11>killed|shot\s+dead|wounded|injured|hurt)"
    r"(?=\s*$|\s*[,;.]|\s+by\b)"
    # "the target was X ..., and Hezbollah later confirmed his death"
    r"|\b(?:confirmed|announced|mourned)\s+(?P<a12>his|her)\s+(?P<harm12>death|killing)\b"
    r"(?!\s+(?:sentence|penalty|threats?))"
)


# "a woman and her baby were killed": two people, counted once
_TWO_PEOPLE = caseless(
    rf"(?:^|[,;:]\s*|\b(?:and|when|after|as|while|but|that|said|says)\s+)"
    rf"(?P<a>an?\s+{_PERSON}\s+and\s+(?:her|his|their|an?)\s+{_PERSON})\s+"
    r"(?:were|have\s+been|had\s+been)\s+(?:reportedly\s+|also\s+)?"
    r"(?P<harm>killed|shot\s+dead|wounded|injured|hurt)\b"
    # "a wall collapsed on a shelter, killing a man and his daughter"
    rf"|\b(?P<harm2>killing|killed|wounding|wounded|injuring|injured)\s+"
    rf"(?P<a2>an?\s+{_PERSON}\s+and\s+(?:her|his|their)\s+"
    rf"{_PERSON})\b"
)


# a cheap test before _ONE_PERSON runs
_HARM_STEMS = ("kill", "dead", "death", "died", "wound", "injur", "hurt", "eliminated", "execut")


# "Abdulghani al-Kikli, head of the Stability Support Apparatus, was shot dead", "their
# chief of staff, Muhammad al-Ghamari, had been killed": one named person killed
_NAMED_KILLED = re.compile(
    r"(?:^|[.;:]\s+|\b(?:that|said|says)\s+)"
    r"(?P<who>[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s+|de\s+)?[A-Z][\w'’-]+){1,3}"
    # "its senior commander Tabatabai": an office, and the name of who holds it
    r"|(?:its|their|his|her)\s+(?:[a-z-]+\s+){0,3}[a-z-]+(?:\s+[A-Z][\w'’-]+){0,3})"
    r"(?:(?:,\s+[^,;.]{3,80}){1,2},)?\s+(?:was|has\s+been|had\s+been)\s+"
    r"(?:shot\s+dead|killed|assassinated)\b"
)
# "struck and eliminated Haytham Ali Tabatabai, Hezbollah's chief of staff": the same, told
# actively; the title after the name says it is a person
_NAMED_KILLED_ACTIVE = re.compile(
    r"\b(?:killed|eliminated|assassinated)\s+"
    r"(?P<who>[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s+|de\s+)?[A-Z][\w'’-]+){1,3}),\s+"
    r"(?:(?:the|a|an)\s+|[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?['’]s\s+)(?:[\w-]+\s+){0,3}?"
    r"(?:chief|commander|leader|head|spokes(?:person|man|woman)|founder|official|deputy)\b"
)

# "ISWAP has killed Brigadier General Musa Uba": a person by rank and name
_NAMED_KILLED_RANK = re.compile(
    r"\b(?:killed|eliminated|assassinated|executed)\s+(?:(?:a|the)\s+)?(?:senior\s+)?"
    r"(?:Brigadier\s+General|Major\s+General|Lieutenant\s+General|Lieutenant\s+Colonel|General|"
    r"Colonel|Brigadier|Commander|Captain|Lieutenant|Brig\.\s+Gen\.|Maj\.\s+Gen\.|Lt\.\s+Col\.|"
    r"Col\.)\s+(?P<who>[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s+|de\s+)?[A-Z][\w'’-]+){1,3})"
)

# telegraphic: "Uruapan mayor Carlos Manzo shot dead at festival", "Opposition leader X killed"
_NAMED_KILLED_TITLED = re.compile(
    r"^(?:[A-Z][\w'’-]+\s+)?(?:[a-z-]+\s+)?(?:mayor|governor|minister|lawmaker|senator|MP|judge|"
    r"journalist|commander|leader|activist|candidate|chief|official|politician|prosecutor|priest|"
    r"imam)\s+(?P<who>[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s+|de\s+)?[A-Z][\w'’-]+){1,3})\s+"
    r"(?:is\s+|was\s+)?(?:shot\s+dead|killed|assassinated)\b"
)


def _one_person(text: str, lowered: str, found: list[Quantity]) -> list[Quantity]:
    kinds = {q.kind for q in found}
    out: list[Quantity] = []
    named = (
        (
            _NAMED_KILLED.search(text)
            or _NAMED_KILLED_ACTIVE.search(text)
            or _NAMED_KILLED_RANK.search(text)
            or _NAMED_KILLED_TITLED.match(text)
        )
        if "killed" not in kinds
        and (
            "kill" in lowered
            or "shot dead" in lowered
            or "assassinat" in lowered
            or "eliminated" in lowered
        )
        else None
    )
    if named:
        kinds.add("killed")
        out.append(_people(1, "killed", named.group("who"), named.group("who")))
    pair = _TWO_PEOPLE.search(lowered)
    who, harm = ("a", "harm") if pair and pair.group("a") else ("a2", "harm2")
    pair_kind = _cue_kind(" ".join(pair.group(harm).split())) if pair else None
    if pair and pair_kind is not None and pair_kind not in kinds:
        kinds.add(pair_kind)
        out.append(_people(2, pair_kind, text[pair.start(who) : pair.end(who)], None))
    for m in _ONE_PERSON.finditer(lowered):
        # one alternative matched: its person group ("a", "a2", ...) and its harm group are set
        matched = [name for name, value in m.groupdict().items() if value]
        group = next(name for name in matched if name.startswith("a"))
        harm = m.group(next(name for name in matched if name.startswith("harm")))
        kind = "killed" if harm == "death" else _cue_kind(" ".join(harm.split()))
        if kind is None or (kind in kinds and not m.group("ordinal")):
            continue
        kinds.add(kind)
        surface = text[m.start(group) : m.end(group)]
        # "kills Hezbollah member": the person's noun inside the group, when nothing follows it
        noun = text[m.end(group) : m.end()].split() or [
            w for w in surface.split() if w.lower() not in ("the", "a", "an")
        ]
        out.append(_people(1, kind, surface, " ".join(noun[:3]) or None))
    return out


def _people(value: int, kind: str, surface: str, what: str | None) -> Quantity:
    """One or two people the text names without a figure: less sure than a written number."""
    return Quantity(value=value, unit=None, kind=kind, what=what, surface=surface, confidence=0.6)


# Between two figures of one list: the first one's noun, then a comma or "and"
# ("lost 445 servicemen, three tanks and 13 guns").
# "23 of its soldiers and more than 200 fighters were killed": a hedge may open the next figure
# Not across a clause's own verb: "100 police officers and 20 civilians were injured, and 20
# people were detained" ends one list at "were injured"
_LIST_GAP = caseless(
    r"^\s+(?:(?!(?:were|was|are|is|have|has|had|been)\b)[a-z-]+\s+){0,3}?"
    rf"(?!(?:were|was|are|is|have|has|had|been)\b)[a-z-]+\s*(?:,\s*(?:and\s+)?|\s+and\s+){_ROUGHLY}$"
)
_VERB_KINDS = frozenset(kind for kind, verb, _ in _KIND_CUES if verb)


def _list_runs(lowered: str, hits: list[_Hit]) -> list[list[int]]:
    """The hits that stand in one list, as runs of two or more indices."""
    runs: list[list[int]] = []
    for i in range(1, len(hits)):
        if _LIST_GAP.match(lowered[hits[i - 1].end : hits[i].start]):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i - 1, i])
    return runs


def _shared_kind(lowered: str, hits: list[_Hit], run: list[int]) -> str | None:
    """The verb a list's figures share: the one just before its first figure ("lost 445
    servicemen, three tanks") or the passive after its last ("... have been destroyed")."""
    first, last = hits[run[0]], hits[run[-1]]
    # "losses over the past day amounted to 1,090 personnel, 2 tanks": a list's verb may
    # stand further back when a copula leads into the list
    copula = _LIST_COPULA.search(lowered, max(0, first.start - 40), first.start)
    reach = 2 * _VERB_REACH if copula else _VERB_REACH
    before = lowered[max(0, first.start - reach) : first.start]
    verbs = [m for m in _ANY_KIND.finditer(before) if _KIND_CUES[int(str(m.lastgroup)[1:])][1]]
    if verbs and not _OTHER_FIGURE.search(before[verbs[-1].end() :]):
        return _KIND_CUES[int(str(verbs[-1].lastgroup)[1:])][0]
    passive = _passive_kind(lowered, last.end)
    return passive if passive in _VERB_KINDS else None


_LIST_COPULA = caseless(
    r"\b(?:amounted\s+to|amount\s+to|totall?ed|stood\s+at|reached)\s+(?:up\s+to\s+|about\s+|"
    r"some\s+|more\s+than\s+|over\s+|nearly\s+|around\s+|at\s+least\s+)?$"
)
_IN_ATTACKS_BEFORE = caseless(r"\b(?:in|during|by)\s+$")
# The words that make a figure approximate, between a verb and its figure ("more than 100")
# A verb of its own before a figure of a list: it does not take the verb the list shares.
_OWN_VERB_BEFORE = caseless(
    r"\b(?:seized|seizing|seizes|confiscated|confiscating|"
    rf"infected|infecting|sickened|treated|treating|vaccinated)\s+{_ROUGHLY}$"
)
_HARMED_AFTER = caseless(r"\s+(?:wounded|injured)\b")  # "treated 400 wounded people": harmed
# "struck nine sites", "targeted more than 100 vessels", "struck ... in 141 areas": what an
# attack hit, counted.
_HIT_BEFORE = caseless(
    r"\b(?:(?:struck|hit|hits|strikes|striking|targeted|attacked|bombed|shelled)"
    rf"\s+|(?:struck|hit|targeted)\b[^.;\d]{{0,160}}\bin\s+){_ROUGHLY}$"
)
_HIT_THINGS_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+)?(?:sites|targets|vessels|ships|positions|facilities|locations|areas|"
    r"objects|installations|warplanes|bombers)\b"
    # "struck 41 strategic aircraft": warplanes hit (not "gunfire hit three commercial planes")
    r"|\s+(?!commercial|civilian|passenger|cargo)[a-z-]+\s+(?:aircraft|planes)\b"
)
# "distributed food rations to 52,000 displaced people", "reached 11,000 survivors": the people
# aid reached are counted; not "food to 12,000 people who lost their homes" (displaced).
_EITHER_PASSIVE_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:have|has|had|were|was|are|is)\s+(?:been\s+)?"
    r"(?:killed|wounded|injured)\s+or\s+(?:wounded|injured|killed|maimed)\b"
)
# "320 patients for gunshot wounds", "12 people with burns": the hurt, counted
_WOUNDS_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:for|with)\s+(?:[a-z-]+\s+){0,2}?(?:wounds|injuries|burns)\b"
)
# "Hits by 2 missiles and 5 drones were recorded": the weapons that struck, counted as hits
_HITS_BY_BEFORE = caseless(rf"\bhits\s+(?:by|of|from)\s+(?:\w[^.;:]{{0,40}}?\s+and\s+)?{_ROUGHLY}$")
_AID_TO_BEFORE = caseless(
    r"\b(?:(?:distribut\w*|deliver\w*|provid\w*|g[ai]v\w*|handed\s+out)\b[^.;\d]{0,50}\bto|"
    rf"reached|reaching|assisted|assisting)\s+{_ROUGHLY}$"
)
_RECIPIENTS_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+)?(?:people|persons|survivors|families|households|children|"
    r"beneficiaries|displaced|residents|refugees|patients)\b"
)
_DISPLACED_WHO = caseless(
    r"[^.;]{0,60}?\bwho\s+(?:had\s+|have\s+)?(?:lost|fled|were\s+displaced)\b"
)
# "..., bringing the total there to more than 850,000": a running total of the figure before.
_TOTAL_BEFORE = caseless(
    r"\b(?:bringing|brings|brought|taking|takes|took|raising|raises|raised|pushing|pushes)\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:total|number|tally|toll|count)\b[^.;\d]{0,70}?\bto\s+"
    rf"{_ROUGHLY}$"
)


# "268 have been killed, up from 162 a day earlier": the same tally, an earlier reading
_EARLIER_FIGURE_BEFORE = caseless(
    r"\b(?:up|down|rising|risen|revised|increased|climbing)\s+from\s+(?:an?\s+(?:earlier|"
    rf"previous)\s+(?:figure|toll|count|estimate)\s+of\s+)?{_ROUGHLY}$"
)


# the plural noun a figure counts ("4,000 cases", "300 people")
_NOUN_AFTER = re.compile(r"\s+(?!(?:was|has|this|its|plus|less|across|as)\b)([a-z]{2,}s|people)\b")


def _running_totals(lowered: str, hits: list[_Hit], kinds: dict[int, str]) -> None:
    """A running total takes the kind of the figure it adds to, the last one typed before it
    ("8 more died in the past 24 hours, bringing the total to 281": not the 24 hours), and
    so does the earlier reading of a tally ("268 killed, up from 162"). A total that names
    its noun adds to the figure of that noun ("112 new cholera cases and four deaths,
    bringing the total to 4,000 cases": the cases)."""
    for i in range(1, len(hits)):
        earlier = next((j for j in range(i - 1, -1, -1) if j in kinds), None)
        if (
            i in kinds
            and earlier is not None
            and kinds[i] in ("count", *_COUNTED_NOUNS)
            and (
                _TOTAL_BEFORE.search(lowered, max(0, hits[i].start - 120), hits[i].start)
                or _EARLIER_FIGURE_BEFORE.search(lowered, max(0, hits[i].start - 50), hits[i].start)
            )
        ):
            kinds[i] = kinds[_same_noun_before(lowered, hits, kinds, i, earlier)]


def _same_noun_before(
    lowered: str, hits: list[_Hit], kinds: dict[int, str], i: int, earlier: int
) -> int:
    """The typed figure before hit `i` that counts the noun `i` names ("4,000 cases": the
    "112 new cholera cases"), else `earlier`."""
    noun = _NOUN_AFTER.match(lowered, hits[i].end)
    if noun is None:
        return earlier
    same = re.compile(rf"[^.;,\d]{{0,30}}?\b{re.escape(noun.group(1))}\b")
    return next(
        (
            j
            for j in range(i - 1, -1, -1)
            if j in kinds and same.match(lowered, hits[j].end, hits[j].end + 40)
        ),
        earlier,
    )


_TABLE_LABEL_BEFORE = caseless(
    r"(?:^|[.;]\s+)(?P<label>[a-z][a-z ,'-]{2,80}):\s+"
    r"(?:about\s+|some\s+|more\s+than\s+|nearly\s+|over\s+|almost\s+|around\s+)?$"
)


def _table_labels(lowered: str, hits: list[_Hit], kinds: dict[int, str]) -> None:
    """ "Aid trucks offloaded at crossings: 3,452": a table row's figure is of the kind its
    label names (the first words of the label that are a kind's cue)."""
    for i, hit in enumerate(hits):
        if kinds.get(i) != "count":
            continue
        label = _TABLE_LABEL_BEFORE.search(lowered, max(0, hit.start - 100), hit.start)
        if label is None:
            continue
        words = label.group("label").replace(",", " ").split()
        kind = next(
            (k for n in range(len(words)) if (k := _cue_kind(" ".join(words[n:]), False))),
            None,
        )
        if kind is not None:
            kinds[i] = kind


_PROJECTILES_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:drones?|uavs?|missiles?|rockets?|projectiles)\b"
)


def _repelled_projectiles(lowered: str, hits: list[_Hit], kinds: dict[int, str]) -> None:
    """ "Air defences repelled an attack by 18 drones": drones repelled were shot down."""
    for i, hit in enumerate(hits):
        if kinds.get(i) == "repelled" and _PROJECTILES_AFTER.match(lowered, hit.end):
            kinds[i] = "intercepted"


_BREAKDOWN_OPEN = re.compile(r"\s*\(")


def _breakdown(lowered: str, hits: list[_Hit], kinds: dict[int, str]) -> None:
    """ "Deaths: 706 (Khyber Pakhtunkhwa 427, Punjab 164, Sindh 29)": the figures in the
    brackets after a figure are its parts, of its kind."""
    for i, head in enumerate(hits):
        kind = kinds.get(i)
        opened = _BREAKDOWN_OPEN.match(lowered, head.end)
        if kind in (None, "count") or opened is None:
            continue
        close = lowered.find(")", opened.end())
        for j in range(i + 1, len(hits)):
            if close < 0 or hits[j].start > close:
                break
            if kinds.get(j) == "count":
                kinds[j] = kind


def _share_list_verbs(lowered: str, hits: list[_Hit], kinds: dict[int, str]) -> None:
    """Figures of a list that only a noun or nothing typed take the verb the list shares."""
    for run in _list_runs(lowered, hits):
        shared = _shared_kind(lowered, hits, run)
        if shared is None:
            continue
        for i in run:
            if kinds.get(i) in _STRIKES_COUNTED and shared in _NEEDS_WEAPON:
                continue  # "launched 4 missile strikes and 71 air strikes": strikes counted
            if _passive_kind(lowered, hits[i].end) or _whole_on_board(
                lowered, hits[i].start, hits[i].end
            ):
                continue  # "killed 1,200 people, and 251 were taken hostage": its own verb
            if _OWN_VERB_BEFORE.search(lowered, max(0, hits[i].start - 30), hits[i].start):
                continue  # "arrested 17 ... and seized 40 firearms": the 40 were seized
            if i in kinds and (kinds[i] == "count" or kinds[i] in _COUNTED_NOUNS):
                kinds[i] = shared


# "voted 24 to 8", "passed by 311 votes to 97": the first figure is for, the second against.
_VOTE_BEFORE = caseless(r"\bvot(?:ed|es?|ing)\b[^.;\d]{0,25}$")
_AGAINST_AFTER = caseless(r"\s+(?:votes?\s+)?against\b(?!\s+(?:the|a|an|its|their)\b)")
_CLAUSE_BREAK = re.compile(r"[.;]")
_VOTE_GAP = caseless(r"^\s*(?:votes?\s+)?(?:to|-|–)\s*$")


def _tally_votes(lowered: str, hits: list[_Hit], kinds: dict[int, str]) -> None:
    for i in range(len(hits) - 1):
        first, second = hits[i], hits[i + 1]
        if (
            i in kinds
            and i + 1 in kinds
            and (gap := _VOTE_GAP.match(lowered[first.end : second.start]))
            and (
                "vot" in gap.group()
                or _VOTE_BEFORE.search(lowered, max(0, first.start - 40), first.start)
            )
        ):
            kinds[i], kinds[i + 1] = "votes_for", "votes_against"
        elif (
            kinds.get(i) == "votes_for"
            and i + 1 in kinds
            and _AGAINST_AFTER.match(lowered, second.end)
            and not _CLAUSE_BREAK.search(lowered, first.end, second.start)
        ):
            kinds[i + 1] = "votes_against"  # "19 votes in favour and three against"


# "25 people were killed, including two police officers": the part keeps the whole's verb.
_INCLUDING_BEFORE = caseless(rf"\b(?:including|among\s+them|of\s+whom|of\s+them)\s+{_ROUGHLY}$")


_OWN_CLAUSE_AFTER = caseless(r"\s+(?:[a-z-]+\s+)?(?:who|that|which|were|was|have|had)\b")


# "43 people, including 19 women and 9 children, were killed": the verb after the parts'
# list is the whole's and every part's, not the last part's alone
_PARTS_CLOSE_AFTER = caseless(
    r"\s+(?:[a-z-]+\s+){0,2}?[a-z-]+,\s+(?:were|was|had\s+been|have\s+been)\b"
)
_WHOLE_BEFORE_PARTS = caseless(r"^\s+(?:[a-z-]+\s+){0,2}?[a-z-]+,\s+(?:including|among\s+them)\s+")


def _parts_before_verb(lowered: str, hits: list[_Hit], kinds: dict[int, str]) -> None:
    for i in range(1, len(hits)):
        if not (kinds.get(i - 1) == kinds.get(i) == "count"):
            continue
        if not _WHOLE_BEFORE_PARTS.match(lowered[hits[i - 1].end : hits[i].start]):
            continue
        j = i
        while (
            j + 1 < len(hits)
            and kinds.get(j) == "count"
            and _LIST_GAP.match(lowered[hits[j].end : hits[j + 1].start])
        ):
            j += 1
        kind = kinds.get(j)
        if j > i and kind in _VERB_KINDS and _PARTS_CLOSE_AFTER.match(lowered, hits[j].end):
            for k in range(i - 1, j):
                kinds[k] = kind


def _subtotals(lowered: str, hits: list[_Hit], kinds: dict[int, str]) -> None:
    for i in range(1, len(hits)):
        whole = kinds.get(i - 1)
        if (
            i in kinds
            and whole in _VERB_KINDS
            # "downed 41 drones, including 12 over the Moscow region": a part with no kind of
            # its own is of the whole's (one with its own, "including 300 shot down", keeps it)
            and (whole not in _NEEDS_WEAPON or kinds[i] == "count")
            and whole != "count"  # "1,240 cases, including 31 deaths": the part's own noun
            and _INCLUDING_BEFORE.search(lowered, max(0, hits[i].start - 24), hits[i].start)
            # not "including about 4 million who crossed into neighbouring countries": its own
            and not (kinds[i] != "count" and _OWN_CLAUSE_AFTER.match(lowered, hits[i].end))
        ):
            kinds[i] = whole
            # "including 1.5 million to Egypt and nearly 900,000 to Chad": the parts' list
            j = i + 1
            while (
                j < len(hits)
                and kinds.get(j) == "count"
                and _LIST_GAP.match(lowered[hits[j - 1].end : hits[j].start])
            ):
                kinds[j] = whole
                j += 1


# "Three South African soldiers were among 13 peacekeepers killed": the part shares the whole's
# verb, which comes after it.
_AMONG_BETWEEN = caseless(
    r"^[^.;\d]{0,80}?\b(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:the\s+)?"
    r"(?:at\s+least\s+|more\s+than\s+|some\s+)?$"
)


def _among(lowered: str, hits: list[_Hit], kinds: dict[int, str]) -> None:
    for i in range(len(hits) - 1):
        whole = kinds.get(i + 1)
        if (
            i in kinds
            and whole in _VERB_KINDS
            and _AMONG_BETWEEN.match(lowered[hits[i].end : hits[i + 1].start])
        ):
            kinds[i] = whole


# "between 40 and 50 people were killed", "40 to 50 dead": the range's low end is of the
# same kind as its high end
_RANGE_BETWEEN = caseless(r"\s*(?:and|to|-|–)\s*$")
_BETWEEN_BEFORE = EndAnchored(
    r"\b(?:between)\s+(?:some\s+|about\s+|around\s+)?$", ("between", "some", "about", "around")
)


def _ranges(lowered: str, hits: list[_Hit], kinds: dict[int, str]) -> None:
    for i in range(len(hits) - 1):
        if (
            kinds.get(i) == "count"
            and kinds.get(i + 1) not in (None, "count")
            and _RANGE_BETWEEN.match(lowered, hits[i].end, hits[i + 1].start)
            and _BETWEEN_BEFORE.search(lowered[max(0, hits[i].start - 20) : hits[i].start])
        ):
            kinds[i] = kinds[i + 1]


# "Three hostages, A, B and C, were handed over": the hostages counted are the ones freed.
_HOSTAGES_AFTER = caseless(r"\s+(?:[a-z-]+\s+){0,3}?(?:hostages?|captives?)\b")
_FREED_LATER = caseless(
    r"[^.;]*?\b(?:were|was|have\s+been|has\s+been|had\s+been)\s+(?:later\s+|also\s+)?"
    r"(?:released|freed|handed\s+over|returned|set\s+free)\b"
)


def _freed_hostages(lowered: str, hits: list[_Hit], kinds: dict[int, str]) -> None:
    for i, hit in enumerate(hits):
        if (
            kinds.get(i) == "held_hostage"
            and _HOSTAGES_AFTER.match(lowered, hit.end, hit.end + 40)
            and _FREED_LATER.match(lowered, hit.end)
        ):
            kinds[i] = "released"


_CUMULATIVE = caseless(r"\b(?:in\s+total|since\s+the\s+(?:beginning|start))\b")
_SHOT_DOWN = caseless(r"\b(?:shot\s+down|shoot\s+down|intercept|downed)")


# "28 kilometers (17 miles)": the same measure in another unit, in brackets
_CONVERSION_BETWEEN = re.compile(r"\s*\(\s*(?:about\s+|some\s+|roughly\s+|nearly\s+)?")


_WORD_AFTER = re.compile(r"\s+([a-z]+)")
_RANGE_FROM = caseless(r"\s*(?:to|-|–)\s*$")
_FROM_BEFORE = EndAnchored(r"(?<![a-z])from\s+$", ("from",))


def _range_units(lowered: str, hits: list[_Hit], units: list[re.Match[str] | None]) -> None:
    """ "from five to seven years", "from 200 to 300 dollars": the low end of a range takes
    the high end's unit (a duration, a currency or another measure), in place."""
    for i in range(len(hits) - 1):
        high, high_unit = hits[i + 1], units[i + 1]
        word = _WORD_AFTER.match(lowered, high.end)
        currency = high.currency or (_CURRENCY_WORDS.get(word.group(1)) if word else None)
        if (
            units[i] is not None
            or hits[i].currency
            or (high_unit is None and not currency)
            or not _RANGE_FROM.match(lowered, hits[i].end, high.start)
            or not _FROM_BEFORE.search(lowered[max(0, hits[i].start - 20) : hits[i].start])
        ):
            continue
        if currency:
            hits[i] = replace(hits[i], currency=currency)
        elif high_unit is not None and high_unit.group("duration"):
            duration = high_unit.group("duration").lower().split()[-1]
            hits[i] = replace(hits[i], duration_unit=duration)
        else:
            units[i] = high_unit  # "from 5 to 10 percent"


def _converted(lowered: str, hits: list[_Hit], units: list[re.Match[str] | None], i: int) -> bool:
    """Is hit `i` a measure repeated in another unit right after the one before it?"""
    unit = units[i - 1] if i else None
    if unit is None or units[i] is None:
        return False
    start = hits[i - 1].end + unit.end()
    return _CONVERSION_BETWEEN.fullmatch(lowered, start, hits[i].start) is not None


def extract_quantities(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    lowered = fold(text)
    hits = _hits(text, lowered)
    consumed: set[int] = set()
    units = [_UNIT.match(lowered[hit.end :]) for hit in hits]  # "%", "sq km", "days" after it
    _range_units(lowered, hits, units)
    plain: dict[int, str] = {}  # hit -> the kind a noun or a verb near it gave
    for i, hit in enumerate(hits):
        if hit.magnitude or hit.strong or hit.duration_unit or hit.currency or units[i]:
            continue
        plain[i] = (
            "votes_for"  # "voted 12-0", "voted 190 to 0"
            if _VOTED_BEFORE.search(lowered, max(0, hit.start - 16), hit.start)
            else "count"  # "across 17 states": regions counted, not what happened in them
            if _REGIONS_AFTER.match(lowered, hit.end, hit.end + 50)
            # "16,500 sick and wounded people waiting to leave": patients, not one attack's hurt
            or _SICK_AFTER.match(lowered, hit.end, hit.end + 30)
            or _UNITS_AFTER.match(lowered, hit.end, hit.end + 40)
            else "settlements"
            if _SETTLEMENT_NOUN.match(lowered, hit.end, hit.end + 40)
            # "Friday's magnitude 7.4 earthquake", "a quake of magnitude 6.7"
            else "magnitude"
            if hit.value < 10
            and _MAGNITUDE_BEFORE.search(lowered, max(0, hit.start - 16), hit.start)
            # "Russian forces attacked the city 12 times": attacks counted
            else "attacks"
            if _TIMES_AFTER.match(lowered, hit.end, hit.end + 8)
            and (
                _ATTACK_BEFORE.search(lowered, max(0, hit.start - 60), hit.start)
                or _USED_BEFORE.search(lowered, max(0, hit.start - 80), hit.start)
            )
            # "5,000 Palestinian police to be trained": a force's strength
            else "troops"
            if _POLICE_AFTER.match(text, hit.end, hit.end + 30)
            and not _nearest_kind(lowered, hit.start, hit.end)
            else "released"
            if _BODIES_AFTER.match(lowered, hit.end, hit.end + 20)
            and _HANDED_BACK_BEFORE.search(lowered, max(0, hit.start - 40), hit.start)
            else _toll_kind(lowered[: hit.start])
            or (
                "held_hostage"
                if (
                    _HOSTAGES_AFTER.match(lowered, hit.end, hit.end + 30)
                    or (
                        _STILL_HELD_AFTER.match(lowered, hit.end, hit.end + 30)
                        and "hostage" in lowered
                    )
                )
                and _BODIES_OF_BEFORE.search(lowered, max(0, hit.start - 40), hit.start)
                else None
            )
            or _nearest_kind(lowered, hit.start, hit.end)
            or "count"
        )
    for i in range(1, len(hits)):  # "1,000 personnel of the 2,500 planned": the whole force
        if (
            plain.get(i) == "count"
            and plain.get(i - 1) == "troops"
            and _PART_OF_WHOLE.match(lowered, hits[i - 1].end, hits[i].start)
        ):
            plain[i] = "troops"
    _share_list_verbs(lowered, hits, plain)
    _table_labels(lowered, hits, plain)
    _repelled_projectiles(lowered, hits, plain)
    _breakdown(lowered, hits, plain)
    _running_totals(lowered, hits, plain)
    _tally_votes(lowered, hits, plain)
    _parts_before_verb(lowered, hits, plain)
    _subtotals(lowered, hits, plain)
    _among(lowered, hits, plain)
    _ranges(lowered, hits, plain)
    _freed_hostages(lowered, hits, plain)
    if "destroyed" in lowered and _CUMULATIVE.search(lowered) and not _SHOT_DOWN.search(lowered):
        # "in total since the beginning ..., 658 aircraft have been destroyed": a tally of
        # losses, not one night's interceptions
        plain = {i: "destroyed" if k == "intercepted" else k for i, k in plain.items()}
    for i, hit in enumerate(hits):
        if (
            i in consumed
            or _CALIBRE_AFTER.match(lowered, hit.end, hit.end + 40)
            or _converted(lowered, hits, units, i)
            or _UNIT_NAME_AFTER.match(text, hit.end, hit.end + 20)
            or (
                _QUOTE_CLOSES.match(text, hit.end)
                and _QUOTED_NAME_BEFORE.search(text, max(0, hit.start - 30), hit.start)
            )
        ):
            continue  # "155 mm shells", "the 444 Brigade", "GenZ 212": the number names a
            # weapon, a unit or a movement
        before = lowered[: hit.start]
        after = text[hit.end :]
        qual = _QUALIFIER.search(before[-30:])
        qualifier = " ".join(qual.group("q").lower().split()) if qual else None
        clause = before[max(before.rfind("."), before.rfind(";"), 0) :]
        modality = (
            "projected"
            if _PROJECTED.search(clause)
            else ("expected" if _MODALITY.search(clause[-40:]) else None)
        )
        unit_m = units[i]
        noun = _noun_at(text, lowered, hit.end)
        kind: str | None
        unit: str | None = None
        what = noun
        currency_word = _CURRENCY_WORDS.get(noun.split()[0].lower()) if noun else None
        if hit.magnitude:
            kind, unit = "magnitude", None
        elif hit.strong:
            kind, unit = "troops", None
        elif hit.duration_unit:
            kind, unit = "duration", hit.duration_unit
        elif hit.currency or currency_word:
            kind, unit = "money", hit.currency or currency_word
        elif unit_m and unit_m.group("percent"):
            kind, unit = "share", "percent"
        elif unit_m and unit_m.group("area"):
            kind, unit = (
                "area",
                "km2" if "k" in unit_m.group("area").lower() else unit_m.group("area").lower(),
            )
        elif unit_m and unit_m.group("distance"):
            deep = _DEPTH_BEFORE.search(before[-30:]) or _DEPTH_AFTER.match(
                lowered, hit.end + unit_m.end(), hit.end + unit_m.end() + 14
            )
            kind, unit = ("depth" if deep else "distance"), unit_m.group("distance").lower()
        elif unit_m and unit_m.group("length"):
            kind, unit = "length", unit_m.group("length").lower()
        elif unit_m and unit_m.group("duration"):
            if not _LAST_AS_VERB.search(before[-40:]) and (
                _TIME_WINDOW.search(before[-20:])
                or (
                    (
                        _WINDOW_BEFORE.search(before[-40:])
                        or _WINDOW_AFTER.match(lowered, hit.end + unit_m.end(), hit.end + 60)
                        or (
                            _DATED_AFTER.match(lowered, hit.end + unit_m.end(), hit.end + 60)
                            and not _FOR_BEFORE.search(before[-30:])
                        )
                    )
                    and not _TERM_BEFORE.search(before[-60:])
                )
            ):
                continue  # "in the past 24 hours", "three days of fighting": a window
            kind, unit = "duration", unit_m.group("duration").lower().split()[-1]
        else:
            # "76 of the 188 drones": the part and the whole.
            of_m = _OF_AFTER.match(after)
            if of_m and i + 1 < len(hits) and hits[i + 1].start == hit.end + of_m.end():
                whole = hits[i + 1]
                whole_noun = _noun_at(text, lowered, whole.end)
                part_kind = _nearest_kind(lowered, hit.start, whole.end) or "count"
                whole_kind = (
                    "launched" if whole_noun and _WEAPONS.search(whole_noun.lower()) else "count"
                )
                if part_kind == "launched":
                    part_kind = "count"
                out.append(_quantity(hit, part_kind, whole_noun, whole_noun, qualifier, modality))
                out.append(_quantity(whole, whole_kind, whole_noun, whole_noun, None, modality))
                consumed.add(i + 1)
                continue
            kind = plain[i]
            if kind == "count" and hit.value == 1 and _PARTITIVE_ONE_AFTER.match(after):
                continue
            if (
                kind in _OTHERS_KINDS
                and (
                    _OTHERS_AFTER.match(lowered, hit.end, hit.end + 20)
                    # "killing a driver and two passengers": the one before is harmed too
                    or _ONE_AND_BEFORE.search(before[-70:])
                )
                and _LIST_HEAD_VERB.search(clause[-80:])  # ends in the joiner: ", " or " and "
            ):
                hit = replace(hit, value=hit.value + 1)
            if kind == "magnitude" and hit.value >= 10:
                kind = "count"  # "more than 100 ... of magnitude 5.8": no quake is that strong
            unit = noun.split()[-1].lower() if noun else None
            if (
                # "used 1,924 drones to attack our positions and settlements": the figure's own
                # noun is the weapon, whatever a later noun counts
                kind in ("count", "settlements")
                and _WEAPON_NOUN.match(lowered, hit.end, hit.end + 40)
                and (
                    _ATTACK_BEFORE.search(before[-120:])
                    or _WEAPON_STRIKES_AFTER.match(lowered, hit.end, hit.end + 60)
                )
            ):
                kind = "launched"  # "attacked with 91 cruise missiles": what was fired
        out.append(_quantity(hit, kind, unit, what, qualifier, modality))
    if any(harm in lowered for harm in _HARM_STEMS):
        out.extend(_one_person(text, lowered, out))
    return out


def _quantity(
    hit: _Hit,
    kind: str,
    unit: str | None,
    what: str | None,
    qualifier: str | None,
    modality: str | None,
) -> Quantity:
    return Quantity(
        value=hit.value,
        unit=unit,
        kind=kind,
        what=what,
        qualifier=qualifier,
        modality=modality,
        surface=hit.surface,
        confidence=0.6 if kind == "count" else 0.8,
    )
