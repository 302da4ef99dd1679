"""Places named in an event, resolved to coordinates.

Names are looked up token span by token span (longest first) in the place
index (GeoNames settlements and countries plus the curated file). What keeps
false matches out:

* a capital or a country is a place only where the text puts something *in* it
  ("in Kyiv", "near Moscow"), never where it stands for a government ("Moscow
  said", "Washington lifted");
* a GeoNames settlement (not in the curated file) needs a locative cue before
  it ("in", "near", "the town of", "struck") or must lie in a country the event
  is about; capitalised common words and sentence starts do not count alone;
* namesakes are resolved toward the countries and regions the event names
  (a Pokrovsk in Ukraine is not one in Russia), then by population.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from sitrep_classifier import unlisted_places
from sitrep_classifier.gazetteer_index import (
    Place,
    PlaceIndex,
    load_index,
    normalise,
    oblast_style,
)
from sitrep_classifier.text import (
    COMPASS_PAIR,
    DESTINATION_BEFORE,
    MONTHS,
    STATE_ORGAN_AFTER,
    EndAnchored,
    Passage,
    caseless,
    fold,
)
from sitrep_schemas import Location
from sitrep_schemas.geo import great_circle_km
from sitrep_schemas.prose import telegraphic

_TOKEN = re.compile(r"[^\W\d_](?:\w|[.-](?=\w)|['’](?!s\b)(?=\w))*")
# "north of El Fasher", "the Masnaa crossing with Syria": the town or country is a reference
# point, not where it happened.
_REFERENCE_BEFORE = EndAnchored(
    r"\b(?:(?:(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?|kilomet(?:er|re)s?|km|miles)"
    r"\s+of|crossings?\s+with(?:\s+the)?)\s+$",
    ("of", "with", "the"),
)
_MISSION_IN_BEFORE = EndAnchored(r"\b(?:embass(?:y|ies)|consulates?|missions?)\s+in\s+$", ("in",))
_JOINED_AREA_BEFORE = re.compile(r"\b(?:in|near|around)\s+[A-Z][\w'’ -]{1,40}\s+and\s+$")
_MAX_TOKENS = 6
_FOLLOWING_PLACES_BEFORE = caseless(
    r"\bfollowing\s+(?:villages|towns|areas|neighbou?rhoods|localities|communities|cities|"
    r"settlements|districts|camps)\b[^.;:]{0,120}:\s*$"
)
_APPOSED_TOWN_AFTER = caseless(
    r"^,\s+(?:(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:capital|city|town|village|hub|stronghold|garrison|"
    r"command)\b|capital\s+of\b)"
)
_UPPER = "".join(re.escape(c) for c in map(chr, range(0x2000)) if c.isupper())
# Where a name can begin: an upper-case letter, or a compass word, not inside a word.
# `\b` first: most positions are inside words and fail there, before the character class.
# A lower-case particle hyphened to a capital begins one too ("el-Fasher", "al-Mawasi").
_PARTICLE = rf"(?:al|el|ad|ash|as|an|ar|az|ez|um|umm)-(?=[{_UPPER}])"
_NAME_START = re.compile(
    rf"\b(?<![\w.'’-])(?:[{_UPPER}]|[nsewc](?=orth|outh|ast|est|entral)|{_PARTICLE})"
)
_PARTICLE_FIRST = re.compile(_PARTICLE)
_JOINER = re.compile(r"[ -]+")
# "St. Elizabeth", "Mt. Kenya": an abbreviation's full stop joins it to the next word
_ABBREVIATION_JOINER = re.compile(r"\.\s+")
_ABBREVIATIONS = frozenset({"st", "ste", "mt", "ft", "pt"})
_ROUTE_AFTER = caseless(
    r"\s+(?:road|highway|motorway|route|railway|rail\s+line|pipeline|corridor)\b"
)
_ROUTE_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)+")
_POSSESSIVE_JOINER = re.compile(r"['’]s\s+(?=[A-Z])")
_KEYS: dict[str, str] = {}


def _key(word: str) -> str:
    """normalise(word), remembered: the same words recur in every bulletin."""
    key = _KEYS.get(word)
    if key is None:
        if len(_KEYS) > 50_000:
            _KEYS.clear()  # bounded
        key = _KEYS[word] = normalise(word)
    return key


_REACH = 80
_DIRECTIONS = {
    "northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
    "southwestern", "north", "south", "east", "west", "central",
}  # fmt: skip
_DESIGNATIONS = frozenset(
    {"region", "province", "oblast", "state", "governorate", "district", "prefecture", "county",
     "department", "zone"}
)  # fmt: skip
_ADMIN_SUFFIX = caseless(
    r"^\s+(?P<suffix>region|province|oblast|state|governorate|district|prefecture|county|counties|"
    r"krai|kray|department)"
    r"(?P<plural>s)?\b"
)
_DESIGNATED = caseless(r"\s+(?:region|state|province)$")
_QUARTER = caseless(r"\s+(?:district|neighbou?rhood|quarter)$")
_FIRST_LEVEL = {
    "region",
    "province",
    "oblast",
    "state",
    "governorate",
    "prefecture",
    "krai",
    "kray",
}
# "Lviv, Rivne and Volyn regions": the plural suffix makes each name in the list a region.
_DISTRIBUTIVE = re.compile(
    # "Belgorod and Kursk regions"; telegraphic "Kharkiv, Odesa regions"
    r"(?:\s*,\s*[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)*(?:\s*,\s*|\s*,?\s+(?:and|&)\s+)[A-Z][\w'’-]*"
    r"(?:\s[A-Z][\w'’-]*)?\s+"
    r"(?P<suffix>(?:region|province|oblast|state|governorate|district|department)(?=s\b)|counties)s?\b"
)


def _designation(suffix: re.Match[str]) -> str:
    """The singular noun of an admin suffix: "counties" -> "county", "Regions" -> "region"."""
    word = suffix.group("suffix").lower()
    return "county" if word == "counties" else word


# "in Beit Lahiya and Jabalia": a name listed after a place shares its cue.
# "the port of Hodeidah and the capital Sanaa": a capital named as such goes on the list too.
# "Kayes, Diboli, Gogui, Niono and Molodo": a list goes on across names the index lacks
_LISTED_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"
_FUNCTION_WORD = re.compile(r"by|of|on|in|at|to|and|or|the|a|an|for|from|with")
# "Nawnghkio in July and Kyaukme": a month between two items of one list
_IN_MONTH = rf"(?:\s+in\s+(?:early\s+|late\s+|mid-)?{MONTHS})?"
_LIST_JOINER = re.compile(
    rf"{_IN_MONTH}\s*(?:,\s+(?:{_LISTED_NAME},\s+){{0,4}}(?:{_LISTED_NAME},?\s+(?:and|or)\s+)?|"
    r",?\s+and\s+|,?\s+or\s+)(?:the\s+)?(?:capital,?\s+)?$"
)
# "recapture Nawnghkio in July and Kyaukme": a town after a taken place the index lacks
_TAKEN_LIST_BEFORE = re.compile(
    r"\b(?:captured|recaptured|recapture|capture|took|retook|retake|seized|seize|liberated)\s+"
    rf"{_LISTED_NAME}{_IN_MONTH}(?:,\s+|,?\s+and\s+)$"
)
# "handed Mogok back to the military", "returned the town over to": a town given up
_HANDED_BEFORE = caseless(r"\b(?:handed|hands|handing|gave|gives|giving|returned|returns)\s+$")
_BACK_AFTER = caseless(r"\s+(?:back|over)\s+to\b")
_LOCATIVE_BEFORE = caseless(
    r"(?:\b(?:in|into|inside|near|outside|around|across|throughout|over|at|on|off|to|towards?|within|from|through|via|between|"
    r"hit|hitting|struck|striking|targeted|targeting|attacked|shelled|bombed|captured|seized|entered|against|"
    r"reached|evacuated|fled|hits|strikes|targets|attacks|shells|bombs|captures|seizes|enters|enter|"
    r"entering|storm|storms|leaving|leave|leaves|left|attack|"
    r"(?:warnings?|alerts?|advisories|advisory|watch(?:es)?)\s+(?:(?:was|were)\s+)?(?:issued\s+)?for|"
    r"reach|reaches|flee|flees|takes|retakes|retook|overran|overrun|overruns|visited|visits|visit|"
    r"take|took|taken|taking|retake|retaken|retaking|seize|seizing|capture|capturing|shelling|"
    r"recapture|recaptured|recaptures|recapturing|"
    r"bombing|stormed|storming|besieged|besieging|besiege|besieges|encircled|encircling|"
    r"encircle|encircles|surround|surrounds|surrounded|surrounding|"
    r"neighbou?ring|nearby|"
    r"control(?:\s+of)?|controls|controlled|(?:percent|per\s+cent|%)\s+of|"
    r"(?:parts?|areas?|outskirts|centre|center|streets|suburbs|residents|population|inhabitants|"
    r"coasts?|shores?|mountains|hills|foothills|slopes|squares?|markets?|heart|ports?|reconstruction|"
    r"capital|edge|blockade|siege|headquarters)\s+of|capital,|(?:roads?|routes?|highway|corridor)\s+(?:between|from|linking|connecting)|bridges?\s+(?:to|into))"
    r"\s+(?:the\s+)?(?:(?:town|city|village|settlement|district|region|"
    r"province|state|governorate|department|port|camp|area|island)\s+of\s+)?"
    # "in western and southern Tigray"
    r"(?:(?:north|south|east|west|central)[\w-]*\s+(?:and|or)\s+)?"
    # "in northern Ukraine's Shostka": a part of the country, then whose the town is
    r"(?:(?:north|south|east|west|central)[\w-]*\s+(?=[\w-]+['’]s\s))?(?:[\w'’]+\s+)?"
    r"(?:[\w'’-]+,\s+)?)$"
)
_STRONG_BEFORE = EndAnchored(
    r"\b(?:(?:towns?|city|cities|villages?|settlements?|districts?|ports?|camps?|outskirts|suburbs?|"
    r"neighbou?rhoods?|enclaves?|communes?|municipality|municipalities|townships?|"
    r"hospital|university|airport|prison|islands?|"
    # "the northeastern state of Kelantan"
    r"states?|provinces?|regions?|governorates?|prefectures?)\s+of|near|outside|"
    r"around)\s+(?:the\s+)?$",
    ("of", "near", "outside", "around", "the"),
)
# "power cuts in eight regions including Kyiv": a capital among places the text lists
_PLACES_INCLUDING_BEFORE = caseless(
    r"\b(?:cities|towns|regions|areas|villages|provinces|oblasts|districts|places|locations|"
    r"communities|capitals),?\s+(?:including|such\s+as|among\s+them|notably|especially)\s+$"
)
# "the Natanz enrichment plant": a nuclear facility named after its town
_NUCLEAR_SITE = r"(?:uranium\s+)?enrichment\s+(?:plant|site|facility)|nuclear\s+(?:site|facility)"
# "Abu Shouk camp", "Lubero territory", "Pazigyi village": the noun after says it is a place.
# "Zike" in a text on Nigeria: a namesake known by another name this far from the country
# the text is about is not meant (a neighbour's town may be: "Poonch" in a text on Pakistan)
_FOREIGN_NAMESAKE_KM = 2_000
_PLACE_NOUN_OF_BEFORE = caseless(r"\b(?:village|town|hamlet|locality|commune|settlement)\s+of\s+$")
_PLACE_NOUN_AFTER = caseless(
    r"^\s+(?:refugee\s+|displacement\s+|border\s+)?(?:camp|village|town|township|territory|border\s+post|"
    r"crossing|neighbou?rhood|district|commune|locality|municipality|residents|airport|palace|"
    r"local\s+government\s+area|lga|woreda|zone|"
    rf"steelworks|hospital|port|dam|peninsula|site|police\s+station|oil\s+refinery|refinery|"
    rf"{_NUCLEAR_SITE})s?\b"
)
# "Units of the Dnepr group of forces": a Russian army group named after a river or a region
_REGION_FORCES_AFTER = caseless(
    r"^\s+(?:forces|troops|army|fighters|militias?|states|countries|nations|juntas?|leaders)\b"
)
_FORCES_GROUP_AFTER = caseless(
    r"^\s+(?:(?:group|grouping)\s+of\s+(?:forces|troops)|fleet|flotilla|direction|axis|branch|"
    r"affiliate|province\s+branch)\b"
)  # "the Dnepr group of forces", "the Black Sea Fleet": a force, not where it is; "the
# Zaporizhzhia direction": an axis of advance named after the place, not the place
_DIRECTION_AFTER = caseless(r"^\s+(?:direction|axis)\b")
_TERRITORY = re.compile(
    r"\b(?P<adjective>[A-Z][a-z]+)\s+(?:territory|soil|airspace|territorial\s+waters|waters|"
    r"coast|coastline)\b"  # "off the Turkish coast": the country's sea
)
# "Bekaa Valley", "Nineveh Plains": a landform named after a region the index knows.
_FEATURE_AFTER = re.compile(
    r"\s+(?P<noun>[Vv]alley|Heights|Basin|Plains?|Plateau|Corridor|Peninsula|Highlands)\b"
)
# "schools in the capital", "protests across the country": a place the text implies.
_IMPLIED_PLACE = re.compile(
    r"\b(?i:in|into|inside|around|near|outside|to|on|over|hit|struck|targeted|attacked|shelled|"
    r"outskirts\s+of|streets\s+of|parts\s+of)\s+the\s+(?:country's\s+)?(?P<capital>capital)\b"
    r"(?!\s+(?:of|city\s+of)\b|,?\s+[A-Z])"
    r"|\b(?i:across|throughout|around|all\s+over)\s+the\s+(?:whole\s+|entire\s+)?country\b"
    # "closed 32 airports in the north of the country"
    r"|\b(?i:in|across|throughout)\s+the\s+(?i:(?:north|south)-?(?:east|west)|north|south|east|"
    r"west|centre|center)\s+of\s+the\s+country\b"
    r"|\b(?i:nationwide)\b"
    # "strikes across the strip": Gaza's, in a bulletin about the Palestinian territories
    r"|\b(?i:across|throughout|in|inside|into|around|all\s+over)\s+the\s+(?:whole\s+|entire\s+)?"
    r"(?P<strip>(?i:strip|enclave))\b"
)
# "in the south", "across the north", "the country's east": a part of the bulletin's country
_HOME_PART = re.compile(
    r"\b(?:(?i:in|into|across|throughout|to|towards|from)\s+the|(?i:the)\s+country['’]s)\s+"
    # lower case: "the West" is a bloc, "the West department" a region's name
    r"(?P<compass>(?:north|south)-?(?:east|west)|north|south|east|west)\b"
    r"(?!\s+(?:of|bank|side|coast|wing|end|department|region|province|state)\b|[-'’]|\s+[A-Z])"
)
# "cut off from the north", "attacked the town from the south": where an advance comes from
_APPROACHED_FROM = re.compile(
    r"\b(?:cut\s+off|attack\w*|assault\w*|advanc\w*|approach\w*|push\w*|encircl\w*|"
    r"outflank\w*|envelop\w*|bypass\w*)\s+(?:[\w'’-]+\s+){0,3}?from$"
)
_COMPASS_ADJECTIVE = {
    "north": "northern", "south": "southern", "east": "eastern", "west": "western",
    "northeast": "northeastern", "northwest": "northwestern",
    "southeast": "southeastern", "southwest": "southwestern",
}  # fmt: skip
_CAPITAL_OF = re.compile(
    r"\b(?P<country>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})['’]s\s+capital\b"
    r"(?!\s*,?\s+[A-Z]|\s+(?:city\s+)?of\b)"
)
_PEOPLES_CAPITAL = re.compile(
    r"\bthe\s+(?P<people>[A-Z][a-z]+)\s+capital\b(?!\s*,?\s+[A-Z]|\s+(?:city\s+)?of\b)"
)
# "Lebanon's health ministry", "the Lebanese civil defence": a national body that counts the
# dead and hurt in its own country; where nothing else is named, the country is the place.
_COUNTING_BODY = re.compile(
    r"\b(?P<country>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}?)(?:['’]s)?\s+(?:health\s+ministry|health\s+minister|"
    r"ministry\s+of\s+(?:public\s+)?health|civil\s+defen[cs]e|disaster\s+(?:management\s+)?agency)\b"
)
# Facilities named after their town; the town's point is theirs (precision 1).
_FACILITY_AFTER = caseless(
    r"\s+(?P<noun>(?:international\s+)?airport|air\s*base|airfield|(?:border\s+)?crossing|border\s+(?:post|point)|"
    r"(?:sea)?port|(?:nuclear\s+|thermal\s+|hydroelectric\s+)?power\s+(?:plant|station)|nuclear\s+plant|"
    r"hydroelectric\s+(?:plant|station)|"
    r"(?:oil\s+)?refinery|dam|(?:railway|train|police)\s+station|(?:regional\s+|general\s+|central\s+)?hospital|"
    rf"{_NUCLEAR_SITE})\b"
)
# "central Khartoum", "downtown Beirut": a part of the city, so the city is a place, not the
# government it can stand for.
_QUARTER_BEFORE = EndAnchored(
    r"\b(?:central|downtown|greater|(?:north|south)-?(?:east|west)ern|northern|southern|"
    r"eastern|western)\s+$"
    # "in the Dweila district of Damascus": a part of the city, and so the city
    r"|\b(?:districts?|neighbou?rhoods?|suburbs?|outskirts|quarters?)\s+of\s+$",
    ("central", "downtown", "greater", "ern", "of"),
)
# "Beirut's southern suburbs", "Khartoum's outskirts": a part of the city
_QUARTER_AFTER = caseless(
    r"^['’]s\s+(?:(?:southern|northern|eastern|western|central)\s+|"
    r"(?:(?!(?:to|for|on|of|the|and|with|over)\b)[\w'’-]+\s+){1,3})?(?:suburbs?|outskirts|"
    r"districts?|neighbou?rhoods?|centre|center|old\s+city|airport|port|hospital)\b"
)  # "Kingston's Norman Manley International Airport"
# "the standoff between Kismayo and Mogadishu", "talks between Kyiv and Moscow": cities
# named for the governments seated there
_GOVERNMENTS_BETWEEN = caseless(
    r"\b(?:standoff|stand-off|row|dispute|tensions?|rift|feud|relations|rapprochement|talks|"
    r"negotiations)\s+between\s+(?:[\w'’-]+\s+){0,3}?(?:and\s+)?$"
)
# a region's leader or administration named by it ("Jubaland President Ahmed Madobe", "the
# Kurdistan Regional Government"); not its officials, who report on it ("Ishikawa officials
# said the toll rose")
_OFFICE_AFTER = caseless(
    r"\s+(?:(?:interim\s+)?administration|regional\s+government|(?:vice\s+)?president|leader)\b"
)
# "Cairo would host an international conference": the capital is where it meets
_HOSTS_AFTER = caseless(
    r"^\s+(?:will\s+|would\s+|to\s+|is\s+to\s+|is\s+set\s+to\s+|has\s+offered\s+to\s+|"
    r"(?:is\s+|was\s+)?(?:ready|prepared|willing)\s+to\s+|offers\s+to\s+|offered\s+to\s+)?"
    r"(?:host|hosts|hosted|hosting)\b"
)
# A capital the act lands on, in a wire's passive: "Kyiv hit by", "Beirut rocked by"
_HIT_AFTER = caseless(
    r"^\s+(?:(?:is|was|were|has\s+been)\s+)?(?:hit|struck|rocked|shaken|pounded|targeted|"
    r"attacked|shelled|bombed)\s+(?:by|with|overnight|again)\b|^\s+under\s+(?:attack|fire)\b"
)
# "Dhaka jet crash deaths reach 31", "Kyiv school fire kills 3": a capital before the thing
# that happened in it (a telegraphic headline's noun adjunct), lower case, so not "Kyiv
# School of Economics"; attacks and strikes stay out ("Moscow strike on ..." may be its own)
_HAPPENING_NOUNS = (
    r"fire|blaze|blast|explosion|bombing|shelling|shooting|stabbing|ramming|crash|floods?|"
    r"flooding|quake|earthquake|landslide|stampede|collapse|toll|death\s+toll"
)
_HAPPENING_PLACES = (
    r"^\s+(?:(?:school|kindergarten|apartment|tower|building|market|metro|hotel|mall|factory|"
    r"church|mosque|hospital|stadium|prison|concert|nightclub|jet|plane|bus|train)\s+){0,2}"
)
_ADJUNCT_HAPPENING_AFTER = re.compile(rf"{_HAPPENING_PLACES}(?:{_HAPPENING_NOUNS})\b")
# a town that is no capital before an attack on it too ("Khuzdar bus attack: toll 10")
_TOWN_HAPPENING_AFTER = re.compile(
    rf"{_HAPPENING_PLACES}(?:{_HAPPENING_NOUNS}|attacks?|strikes?|raids?)\b"
)
# a sentence's end, or a time reference to an earlier happening ("evacuate after Kamchatka
# quake": the evacuation is elsewhere)
_NOT_ADJUNCT_ENDS = (".", ":", "!", "?", ";", "after", "since", "following")
# "Khartoum fell", "Wad Madani, the capital of Gezira state, fell to the paramilitaries": a
# town that changes hands is the town, not its government
_FELL_AFTER = caseless(
    r"^(?:,\s+[^,;.]{3,50},)?\s+(?:fell|falls|fall\b(?=\s*\?)|has\s+fallen|had\s+fallen|(?:was|has\s+been|had\s+been)\s+"
    r"(?:captured|taken|seized|overrun|recaptured|retaken|liberated|encircled))\b"
)
_NEAR_BEFORE = EndAnchored(
    r"\b(?:near|outside|around|close\s+to|outskirts\s+of)\s+(?:the\s+)?$",
    ("near", "outside", "around", "to", "of", "the"),
)
# "the governor of Belgorod said ...": an office held in a place, not the place speaking.
_OFFICE_OF_BEFORE = EndAnchored(
    r"\b(?:mayor|governor|head|administration|authorities|police|officials)\s+(?:of|in)\s+(?:the\s+)?"
    r"(?:(?:occupied|russian-occupied|russian-held|besieged)\s+)?$",
    ("of", "in", "the", "occupied", "held", "besieged"),
)
# "Borno governor Babagana Zulum", "the Shandong aircraft carrier": a region's name on a
# person's office or a ship, not where the event is
_NOT_THE_REGION_AFTER = caseless(
    r"\s+(?:(?:state\s+)?(?:governor|government|governors)|(?:aircraft\s+)?carrier|cartel)\b"
)
_VESSELS = (
    "carrier",
    "tanker",
    "vessel",
    "ship",
    "freighter",
    "trawler",
    "yacht",
    "ferry",
    "destroyer",
    "frigate",
    "warship",
    "cruiser",
    "submarine",
    "corvette",
    "steamer",
    "liner",
)
_VESSEL_BEFORE = EndAnchored(rf"\b(?:{'|'.join(_VESSELS)})\s+$", _VESSELS)
# "Residents of Solino say ...", "Witnesses in Kosti said": the people live there (saw it
# there); the place is no speaker
_RESIDENTS_OF_BEFORE = EndAnchored(
    r"\b(?:residents|inhabitants|villagers|people|families|civilians|witnesses|eyewitnesses|"
    r"locals)\s+(?:in|of)\s+(?:the\s+)?"
    # "Residents of the border village of Yaroun said": the village, named by its kind
    r"(?:(?:[a-z-]+\s+)?(?:village|town|city|camp|districts?|neighbou?rhoods?|parts?|areas?)\s+of\s+)?"
    # "Residents in several districts of western Tehran said"
    r"(?:(?:northern|southern|eastern|western|central)\s+)?$",
    ("in", "of", "the", "northern", "southern", "eastern", "western", "central"),
)
_SPEECH_AFTER = caseless(
    r"^[’']?s?\s+(?:has\s+|have\s+|had\s+|also\s+|later\s+)?(?:said|says|say|announced|claimed|warned|"
    r"denies|rejects|confirms|claims|warns|accuses|urges|insists|vows|"
    r"denied|lifted|imposed|accused|urged|rejected|responded|insisted|stated|confirmed|told|agreed|"
    r"refused|reported|called|condemned|vowed|signed|approved|plans|wants|pledged|sent|delivered|"
    r"(?:did|does|has|have)\s+not\s+(?:comment(?:ed)?|address(?:ed)?|confirm(?:ed)?|deny|denied|"
    r"respond(?:ed)?|acknowledge(?:d)?)|declined\s+to\s+comment)\b"
)
# "Gaza's civil defence said", "Kharkiv's governor says": the speaker's office is there
_OFFICE_SPEAKS_AFTER = caseless(
    r"^[’']s\s+(?:[a-z-]+\s+){1,3}?(?:said|says|reported|reports|announced|confirmed|"
    # "Nepal's interior ministry raised the number of people killed to 72"
    r"raised|revised|updated)\b"
)
_COUNTRY_ENDS = (
    "borders", "bordering", "mainland", "around", "off", "neighbouring", "neighboring", "in",
    "into", "inside", "across", "through", "throughout", "within", "over", "from", "reached", "hit",
    "hits", "sweeps", "swept", "struck", "the", "ern", "held", "occupied", "of", "to", "visited",
    "visiting", "visit", "visits", "leave", "left", "leaving", "fled", "flee", "fleeing", "east",
    "west", "for", "central",
)  # fmt: skip
# Not "to" alone: "delivered systems to Ukraine" makes Ukraine a recipient, not a place; a
# journey's destination is one ("travelled to China", "flights to Haiti"), as is the part of
# a country an event covers ("five areas of Sudan") and a country people leave.
_COUNTRY_LOCATIVE = EndAnchored(
    r"(?:\b(?:in|into|inside|across|through|throughout|within|over|from|reached|hit|hits|struck|"
    r"sweeps|swept|around|off)|"
    r"\b(?:areas?|parts?|regions?|swathes?|much|most|corners?|rest|coasts?|coastline|shores?|islands?|"
    r"territory|territories|north|south|east|west|"
    r"northern|southern|eastern|western|northeast|northwest|southeast|southwest)\s+of|"
    r"\b(?:travel{1,2}ed|travel{1,2}ing|travels|flew|flying|flights?|fly|arrived|arriving|"
    r"returned|returning|trip|journey|deployed|fled|flee|fleeing)\s+to|"
    r"\b(?:visited|visiting|visits?|leave|left|leaving|fled|flee|fleeing|borders|bordering)|"
    r"\b(?:(?:response|humanitarian)\s+plan|appeal)\s+for)"
    rf"\s+(?:the\s+)?(?:{COMPASS_PAIR}|"  # "across eastern and central Nepal"
    r"\w+(?:ern|[- ]held|-occupied)\s+|(?:north|south)[- ]?(?:east|west)(?:ern)?\s+|"
    r"central\s+|mainland\s+|neighbou?ring\s+)?$",
    _COUNTRY_ENDS,
)
# "fired 250 rockets at Israel", "strikes on Iran": the country an attack lands in.
_AIMED_AT = EndAnchored(
    r"(?:\b(?:fired|fires|fire|launched|launches|launch|shot|aimed|directed|hurled)\s+"
    r"(?:[\w,.'’-]+\s+){0,8}?(?:at|towards?|on|against)|"
    r"\b(?:strikes?|attacks?|raids?|assaults?|bombardment|shelling|missiles?|rockets?|drones?)"
    r"\s+(?:on|against|at|towards?)|"
    r"\b(?:attacked|attacking|bombed|bombing|shelled|shelling|targeted|targeting|invaded))"
    r"\s+(?:the\s+)?$",
    (
        "at", "on", "against", "toward", "towards", "the", "attacked", "attacking", "bombed",
        "bombing", "shelled", "shelling", "targeted", "targeting", "invaded",
    ),
)  # fmt: skip
# "Ukraine's territory", "Ukraine's power grid", "Lebanon's south": what a country owns that
# an event can hit or take is in it; "Ukraine's foreign minister", "Ukraine's allies" are not.
_POSSESSED_PLACE = caseless(
    r"^[’']s\s+(?:[\w-]+\s+){0,2}?(?:territory|territories|soil|airspace|borders?|power\s+"
    r"(?:grid|plants?|stations?|generation|system|supply)|energy\s+(?:infrastructure|system|"
    r"facilities|grid|sector)|electricity|grid|infrastructure|cities|towns|villages|regions|"
    r"ports?|coast(?:line)?|railways?|(?:gas|oil)\s+(?:transit|pipelines?|fields?|"
    r"refiner(?:y|ies)|terminals?|depots?|facilities)|refiner(?:y|ies)|front\s*line|frontline|"
    r"east|west|north|south|(?:north|south)-?(?:east|west)|eastern|western|northern|southern|"
    # "a grant for Lebanon's reconstruction": the country rebuilt
    r"reconstruction|rebuilding|recovery)\b"
)
# "fired from Iran", "a drone launched from Iraq": where it came from, not where it happened.
# "sanctions on Moscow", "pressure on Tehran": the state the measure aims at, not a place.
_MEASURE_ON = EndAnchored(
    r"\b(?:sanctions|tariffs|pressure|embargo|curbs|restrictions|ultimatum)\s+(?:on|against)\s+"
    r"(?:the\s+)?$",
    ("on", "against", "the"),
)
# "would receive more Patriot systems from Germany": the supplier, not a place.
_SUPPLIED_FROM = EndAnchored(
    r"\b(?:receiv\w*|buy|buys|buying|bought|purchas\w*|import\w*|obtain\w*|acquir\w*|"
    r"order\w*|get|gets|got)\s+(?:[\w'’-]+\s+){0,5}?from\s+(?:the\s+)?$",
    ("from", "the"),
)
# "in eastern Afghanistan", "across north-west Syria": the compass word before a country.
_COMPASS_BEFORE = re.compile(
    r"\b(?P<compass>(?:[Nn]orth|[Ss]outh)[- ]?(?:[Ee]ast|[Ww]est)(?:ern)?|[Nn]orthern|[Ss]outhern|"
    r"[Ee]astern|[Ww]estern|[Cc]entral)\s+$"
)
_COMPASS_PAIR_BEFORE = re.compile(r"\b(?:\w+ern|[Cc]entral)\s+(?:and|or)\s+$")
# "drawing criticism from Kyiv", "pressure from Washington": the government speaks, not a place.
_VOICE_FROM = EndAnchored(
    r"\b(?:criticism|condemnation|rebukes?|protests?|anger|outrage|objections?|backlash|"
    r"response|reaction|pressure|calls?|demands?|approval|warnings?|praise|support|"
    # "recalled its ambassadors from Paris": from the state the capital stands for
    r"ambassadors?|envoys?|diplomats)\s+from\s+$",
    ("from",),
)
_COMPASS_WORD = r"(?:North|South|East|West|Upper|Lower)"
# "North and South Kivu", "North, South and West Kordofan"
_PAIRED_COMPASS = re.compile(
    rf"\b(?P<firsts>{_COMPASS_WORD}(?:,\s+{_COMPASS_WORD})*),?\s+and\s+{_COMPASS_WORD}\s+"
    r"(?P<name>[A-Z][\w-]+)"
)
_FIRST_COMPASS = re.compile(_COMPASS_WORD)
_AT_BEFORE = EndAnchored(r"\b(?:in|at)\s+$", ("in", "at"))
_DECIDED_AFTER = caseless(r"^\s+(?:agreed|signed|approved|adopted|endorsed|decided)\b")
# "delegations meeting in Geneva said ...": where they met, not who spoke
_GATHERED_AT_BEFORE = EndAnchored(
    r"\b(?:meeting|met|meet|meets|talks|summit|gathered|gathering|conference)\s+(?:in|at)\s+$",
    ("in", "at"),
)
# "Washington's 28-point plan": the capital stands for its government
_POLICY_AFTER = caseless(
    r"^[’']s\s+(?:[\w-]+\s+){0,2}?(?:plan|proposals?|demands?|position|policy|envoy|decision|"
    r"offer|terms|backing|support|approach|stance|strategy|response|allies|ally|draft|"
    r"framework|initiative|proposal|ultimatum|conditions|deal|headquarters|negotiators|"
    r"delegation|team)\b"
)
# "Kadugli and Dilling remain besieged": a town, even first in its sentence
_BESIEGED_AFTER = re.compile(
    r"(?:\s+and\s+[A-Z][\w'’-]+)?(?:\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?"
    r"\s+(?:remains?|is|are|was|were|has\s+been|have\s+been)\s+"
    r"(?:still\s+)?(?:under\s+siege|besieged|encircled|surrounded|cut\s+off)\b"
)
_IN_COUNTRY_AFTER = re.compile(
    r"\s+in\s+(?:the\s+)?(?:(?i:north|south|east|west|central)[\w-]*\s+)?"
    r"(?P<country>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    # "Kupiansk, Ukraine," ends there; "Chad, Kenya and Uganda" is a list
    r"|,\s+(?P<country2>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?=\s*(?:[,.;:)]|$))"
)
_IN_NEXT = re.compile(r"\s*(?:,|\s+in)\s+(?:the\s+)?$")
_LAUNCHED_FROM = EndAnchored(
    r"\b(?:fired|launched|shot|flown|sent|coming)\s+(?:\w+\s+){0,2}from\s+(?:the\s+)?$",
    ("from", "the"),
)
# "a jet flying from Baku to Grozny", "a Boeing 787 bound for London", "the 737-800 from
# Bangkok": the ends of a journey, not where it came to grief
_VEHICLE = (
    r"(?:flying|flight|travell?ing|sailing|headed|heading|en\s+route|jet|plane|airliner|"
    r"aircraft|train|ferry|bus|\d{3}(?:-\d+)?)"
)
_ROUTE_BEFORE = EndAnchored(
    rf"\b(?:{_VEHICLE}\s+from\s+(?:[\w'’-]+\s+){{1,3}}to\s+|{_VEHICLE}\s+from\s+|bound\s+for\s+"
    r"|en\s+route\s+to\s+)$",
    ("from", "to", "for"),
)
# "Jerusalem Boulevard", "Baghdad Road": a street named after a town (capitalised: "the
# Pokrovsk road" leads to the town)
_RIVER_AFTER = re.compile(r"\s+[Rr]ivers?\b")
_STREET_AFTER = re.compile(r"\s+(?:Street|St\.|Road|Avenue|Boulevard|Lane|Highway)\b")
# "saying the two attackers were from Hebron": where they came from
_ORIGIN_BEFORE = EndAnchored(
    r"\b(?:attackers?|assailants?|gunm[ae]n|shooters?|bombers?|suspects?|perpetrators?)\s+"
    r"(?:were|was|are|is|came|come|hailed)\s+(?:both\s+|all\s+|originally\s+)?from\s+(?:the\s+)?$",
    ("from", "the"),
)
# "peacekeepers from South Africa, Malawi and Uruguay": where people come from, not where
# the event is (a country only: "residents from Khartoum" may still be there).
_PEOPLE_FROM = EndAnchored(
    r"\b(?:peacekeepers|troops|soldiers|contingents?|officers|police\s+officers|experts|"
    r"delegations?|delegates|envoys|ministers|diplomats|mediators|negotiators|volunteers|"
    r"mercenaries|monitors|observers|instructors|advisers|advisors|engineers|doctors|"
    r"ambassadors?|envoy|crews|firefighters|rescuers|teams|aircraft|contributions?|"
    r"contingents|migrants|refugees|asylum\s+seekers|deportees)\s+from\s+(?:the\s+)?$",
    ("from", "the"),
)
# "..., medics at Nasser hospital said": where the speakers work, not where it happened
_VOICES_AT_BEFORE = EndAnchored(
    r"\b(?:medics|doctors|officials|staff|sources?|spokes(?:man|woman|person)|workers|"
    r"director|nurses|paramedics)\s+(?:at|of|from)\s+(?:the\s+)?$",
    ("at", "of", "from", "the"),
)
_SAYS_AFTER = re.compile(r"\s+(?:said|say|says|told|reported)\b")


_TITLE_AFTER = re.compile(
    r"\s+(?:[Gg]overnor|[Mm]ayor|[Pp]olice\s+[Cc]hief|[Hh]ead)\s+[A-Z][\w'’-]+\s+[A-Z]"
)


def _in_title(passages: list[Passage], loc: Location) -> bool:
    """Is the place part of a speaker's title before their name ("Ternopil Oblast Governor
    Vyacheslav Nehoda")?"""
    if loc.span is None:
        return False
    passage = next((p for p in passages if p.field == loc.span.field), None)
    return passage is not None and _TITLE_AFTER.match(passage.value, loc.span.end) is not None


def _spoken_from(passages: list[Passage], loc: Location) -> bool:
    """Is the unlisted place where the speakers of a claim are ("medics at X said")?"""
    if loc.span is None or loc.kind != "facility":
        return False
    passage = next((p for p in passages if p.field == loc.span.field), None)
    return (
        passage is not None
        and _SAYS_AFTER.match(passage.value, loc.span.end) is not None
        and _VOICES_AT_BEFORE.search(passage.lower[max(0, loc.span.start - 40) : loc.span.start])
        is not None
    )


# "a ship flagged in Panama": its registry, not where it was hit
_FLAGGED_IN = EndAnchored(r"\b(?:flagged|registered)\s+in\s+$", ("in",))
_PRECISION = {
    "settlement": 1, "facility": 1, "admin2": 2, "admin1": 3, "region": 3, "territory": 3,
    "water_body": 3, "country": 3,
}  # fmt: skip
_FINE = {"settlement", "facility", "admin2", "admin1"}
_SHORE_PEOPLE_AFTER = re.compile(
    r"\s+(?:island\s+)?(?:nations?|countries|country|states|leaders|governments?|islands?|"
    r"partners|neighbours|neighbors|community|bloc|allies)\b"
)
# "the Santa Ana winds", "the Shamal wind": a wind named after a place blows elsewhere too
_WIND_AFTER = re.compile(r"\s+winds?\b")
# "during Mirebalais attack": a happening named after its place, in a line's telegraphic
# style; "blamed for the Pahalgam attack" refers to another happening
_HAPPENING_AFTER = caseless(
    r"^\s+(?:attack|assault|raid|massacre|killings|offensive|bombing|blast|explosion|ambush|siege)\b"
)
_REGIONS = ("admin1", "admin2")  # "Kassala state", "Agusan del Sur province": one already
_COARSE = {"region", "country"}


@dataclass(frozen=True)
class Mention:
    place: Place
    passage: Passage
    start: int
    end: int  # the span's end, an admin suffix included ("Kassala state")
    precision: int
    name_end: int  # the name's own end ("Kassala")
    # "north of El Fasher": a reference point, not where it happened; unlisted places near
    # it ("at Abu Shouk, north of El Fasher") are put at its point
    reference: bool = False
    # "the mayor of Odesa said": where the speaker serves, the place only if none other is named
    speaker_home: bool = False


@cache
def _stopwords() -> frozenset[str]:
    """Capitalised words that are never places on their own (months, titles, common nouns)."""
    text = resources.files("sitrep_classifier").joinpath("data/not_places.json").read_text("utf-8")
    return frozenset(normalise(w) for w in json.loads(text)["words"])


class Gazetteer:
    def __init__(
        self,
        index: PlaceIndex,
        not_places: frozenset[str] = frozenset(),
        actor_tokens: frozenset[str] = frozenset(),
        demonyms: dict[str, str] | None = None,
        persons: frozenset[str] = frozenset(),
    ) -> None:
        """`actor_tokens`: every word of every group's name ("Israeli", "Hezbollah"); an
        unlisted place's name may hold none of them. `persons`: the words of persons' names;
        an unlisted name made of them alone is a person ("Rubio"), one that holds one among
        others may be a place ("the Marco Fidel Suarez air base"). `demonyms`: "Israeli" ->
        "ISR", for "Israeli territory"."""
        self.index = index
        self.demonyms = demonyms or {}
        self.not_places = _stopwords() | not_places
        # words no unlisted name holds
        self.not_unlisted = _stopwords() | (not_places - persons) | actor_tokens
        self.persons = persons
        self.peoples = frozenset(normalise(d) for d in self.demonyms)

    def _spans(self, text: str) -> list[tuple[int, int, str, list[Place]]]:
        """Longest alias matches (start, end, key, candidates), tried only where a name can begin.

        Only a capitalised word or a compass word starts a name, so the text is
        tokenised from those positions alone; a name's further words must be
        joined by spaces or hyphens only, and are read only while the words so
        far begin some alias.
        """
        out: list[tuple[int, int, str, list[Place]]] = []
        aliases, prefixes = self.index.aliases, self.index.prefixes
        consumed = 0
        for begin in _NAME_START.finditer(text):
            start = begin.start()
            if start < consumed:
                continue
            first = _TOKEN.match(text, start)
            if first is None:
                continue
            word = first.group()
            if not (
                word[0].isupper() or word.lower() in _DIRECTIONS or _PARTICLE_FIRST.match(word)
            ):
                continue
            names = [_key(word)]
            if "-" in word and names[0] not in prefixes:
                # "Pétion-Ville" where GeoNames writes "Pétionville"
                joined = names[0].replace(" ", "")
                names[0] = joined if joined in aliases else names[0]
            ends = [first.end()]
            while len(ends) < _MAX_TOKENS and names[-1] in prefixes:
                joiner = _JOINER.match(text, ends[-1])
                name = names[-1]
                if joiner is None and name in _ABBREVIATIONS:
                    joiner = _ABBREVIATION_JOINER.match(text, ends[-1])
                if joiner is None and f"{name} s" in prefixes:
                    # "Cox's Bazar": a possessive inside a name (GeoNames' "cox s bazar")
                    joiner = _POSSESSIVE_JOINER.match(text, ends[-1])
                    name = f"{name} s"
                following = joiner and _TOKEN.match(text, joiner.end())
                if not following:
                    break
                names.append(f"{name} {_key(following.group())}")
                ends.append(following.end())
            lower_compass = word[0].islower() and word.lower() in _DIRECTIONS
            for key, end in zip(reversed(names), reversed(ends), strict=True):
                if (
                    end != ends[0]
                    and text[end - 1].islower()
                    and _FUNCTION_WORD.fullmatch(text, text.rfind(" ", start, end) + 1, end)
                ):
                    continue  # "entering Gaza by half": no name ends in "by" (GeoNames' "Gaza by")
                if lower_compass and set(key.split()[1:]) <= _DESIGNATIONS:
                    continue  # "the central state of Guanajuato": no place named "Central"
                if lower_compass and text[start:end].islower():
                    continue  # "the west coast of the United States": no name at all
                if key in aliases and key not in self.not_places:
                    out.append((start, end, key, self.index.candidates(key)))
                    consumed = end
                    break
            else:
                if "-" in word and _ROUTE_AFTER.match(text, first.end()):
                    # "the Sudzha-Sumy road": a road between two towns names both
                    part_start = start
                    for part in word.split("-"):
                        key = _key(part)
                        if part[:1].isupper() and key in aliases and key not in self.not_places:
                            out.append(
                                (
                                    part_start,
                                    part_start + len(part),
                                    key,
                                    self.index.candidates(key),
                                )
                            )
                        part_start += len(part) + 1
                    consumed = first.end()
                    continue
                # "Travis" of "Travis, Burnet and Kendall counties": known only with the noun
                shared = _DISTRIBUTIVE.match(text, ends[0], ends[0] + _REACH) or (
                    # "Ouest department": a name known only with its noun
                    word[0].isupper()
                    and _ADMIN_SUFFIX.match(text[ends[0] : ends[0] + _REACH].lower())
                )
                regional = shared and f"{names[0]} {_designation(shared)}"
                if regional and regional in aliases and regional not in self.not_places:
                    out.append((start, ends[0], regional, self.index.candidates(regional)))
                    consumed = ends[0]
        return out

    def mentions(
        self, passages: list[Passage], context_countries: set[str], home: str | None = None
    ) -> list[Mention]:
        """`home`: the country the text's label is about (also among `context_countries`)."""
        found: list[Mention] = []
        elsewhere: list[Mention] = []
        for passage in passages:
            text, lower = passage.value, passage.lower
            passage_telegraphic = telegraphic(text)  # "Khuzdar bus attack: toll 10"
            spans = self._spans(text)
            named = context_countries | {
                p.country for _, _, _, cands in spans for p in cands if p.curated and p.country
            }
            # "Black River, ... on Jamaica's south coast": a country the text names (Jamaica's
            # Black River, not Ohio's)
            named |= {
                p.country
                for _, _, _, cands in spans
                for p in cands
                if p.kind == "country" and p.country
            }
            # "Bassa ..., Plateau state", "Bara in North Kordofan": a first-level region of one
            # country names it too (a one-word name only with its designation: "Unity" is a word)
            one_country_regions = {
                cands[0].country
                for cands in (
                    _designated(self.index, lower, end, key, cands) for _, end, key, cands in spans
                )
                if cands
                and cands[0].country
                and all(p.kind == "admin1" and p.country == cands[0].country for p in cands)
            }
            named |= one_country_regions
            regions = {
                (p.country, p.admin1_code)
                for _, _, _, cands in spans
                for p in cands
                if p.curated and p.kind == "admin1" and p.admin1_code
            }
            last_end = voice_end = -1
            for n, (start, end, key, candidates) in enumerate(spans):
                # Anchored context patterns search a bounded window, not the whole prefix.
                before, after = lower[max(0, start - _REACH) : start], lower[end : end + _REACH]
                # "Moscow said": not a place; "leaders meeting in London agreed": a place
                office = bool(_OFFICE_SPEAKS_AFTER.match(after))  # "Kharkiv's governor said"
                speaking = (office or bool(_SPEECH_AFTER.match(after))) and not (
                    (
                        _AT_BEFORE.search(before)
                        and (_DECIDED_AFTER.match(after) or _GATHERED_AT_BEFORE.search(before))
                    )
                    or _RESIDENTS_OF_BEFORE.search(before)
                )
                # "the US embassy in Kyiv warned": where the embassy is, to fall back on
                office = office or (speaking and bool(_MISSION_IN_BEFORE.search(before)))
                if speaking and not (office or _OFFICE_OF_BEFORE.search(before)):
                    continue
                reference = _REFERENCE_BEFORE.search(before)
                if reference:
                    at = start - len(before) + reference.start()  # the direction's offset
                    if _JOINED_AREA_BEFORE.search(text, max(0, at - 50), at):
                        reference = None  # "in Khan Younis and east of Gaza City": a second area
                if speaking or reference:
                    # "north of El Fasher", "the mayor of Odesa said": a place to fall back on
                    place = _pick(candidates, named, regions, curated_first=True)
                    if place.kind != "country" or (place.curated and not speaking):
                        mention = Mention(place, passage, start, end, 2, end, True, speaking)
                        found.append(mention)  # a reference; "speaking": the speaker's office
                    continue
                suffix = _ADMIN_SUFFIX.match(after)
                if suffix:  # "Kursk regions" ends a list; "Kursk region" names one
                    plural = (
                        suffix.group("plural")
                        or _designation(suffix) != suffix.group("suffix").lower()
                    )
                    shared = suffix if plural else None
                else:  # "Belgorod" of "Belgorod and Kursk regions"
                    shared = _DISTRIBUTIVE.match(text, end, end + _REACH)
                if shared:
                    regional = f"{key} {_designation(shared)}"
                    if regional in self.index.aliases:
                        candidates = self.index.candidates(regional)
                    else:
                        # "Lipetsk region": the region of a town; not of any hamlet of the name
                        candidates = [
                            p if p.kind in _REGIONS else _as_region(p, text[start:end])
                            for p in candidates
                            if p.kind in _REGIONS
                            or p.curated
                            or p.population >= 10_000
                            or p.country in named  # "Urgun and Barmal districts of Paktika"
                        ]
                        if not candidates:
                            continue
                listed = last_end >= 0 and bool(_LIST_JOINER.match(text, last_end, start))
                name_end = end  # before a suffix ("Kassala" of "Kassala state")
                place = _pick(candidates, named, regions, curated_first=True)
                designated = suffix or shared
                if (
                    designated
                    and place.kind in ("settlement", "country")
                    and _designation(designated) in _FIRST_LEVEL
                ):
                    # "Herat province", "Niger State": the region, though a curated town or a
                    # country has the name
                    admins = [p for p in candidates if p.kind == "admin1"]
                    if admins:
                        place = _pick(admins, named, regions, curated_first=True)
                    elif suffix and place.curated and place.kind == "settlement":
                        place = _as_region(place, text[start:end])
                feature = None if suffix else _FEATURE_AFTER.match(text, end, end + _REACH)
                if feature and (place.curated or place.kind in ("admin1", "admin2", "country")):
                    # "the Bekaa Valley", "the Jordan Valley": a region named after the place
                    end, noun = feature.end(), feature.group("noun")
                    # "the Bekaa valley" is the Bekaa Valley
                    name = f"{text[start : feature.start('noun')]}{noun[0].upper()}{noun[1:]}"
                    place = _as_feature(place, name, noun.lower())
                    found.append(Mention(place, passage, start, end, _PRECISION["region"], end))
                    last_end = end
                    continue
                if _DIRECTION_AFTER.match(after):
                    # "the Huliaipole direction": an axis named after the town; the town is
                    # where the text points when it names nothing nearer
                    found.append(Mention(place, passage, start, end, 2, end, True))
                    continue
                if _FORCES_GROUP_AFTER.match(after):
                    continue  # "the Dnepr group of forces": an army, not where it is
                if _VESSEL_BEFORE.search(before):
                    continue  # "the bulk carrier Magic Seas": a ship's name
                if _STREET_AFTER.match(text, end):
                    continue  # "on Jerusalem Boulevard in Jaffa": a street named after it
                if place.kind == "settlement" and _RIVER_AFTER.match(text, end):
                    continue  # "the Juba river burst its banks": the river, not the town
                if (
                    place.curated
                    and place.kind in ("region", "territory")
                    and _REGION_FORCES_AFTER.match(after)
                ):
                    continue  # "Puntland forces say", "Sahel states quit": whose, not where
                if place.kind != "country" and text[start:end] in self.demonyms:
                    continue  # "on the Thai border": a people's adjective, not a town's name
                if place.capital and _POLICY_AFTER.match(after):
                    continue  # "Washington's plan", "Moscow's demands": a government
                if (
                    place.kind == "water_body"
                    and " " not in key
                    and _SHORE_PEOPLE_AFTER.match(after)
                ):
                    continue  # "Caribbean nations", "Mediterranean countries": an adjective
                if not place.curated and _WIND_AFTER.match(after):
                    continue  # "renewed Santa Ana winds": a wind, not where it blows
                route = _route_part(text, start, end)  # "Kismayo" of "the Kismayo-Dhobley road"
                if (
                    not place.curated
                    and not route
                    and _inside_longer_name(text, start, end, bool(suffix))
                ):
                    continue  # "Abu" of "Abu Shouk", "Salim" of "Abu Salim"
                # "near New Hope in south-western Jamaica": Jamaica's, not the US New Hope;
                # "Maga, Kebbi state": Nigeria's, not Burkina Faso's
                moved = (
                    self._in_another_country(text, end, place)
                    or _in_foreign_region(text, end, spans[n + 1 : n + 2], place)
                    if not place.curated and place.kind == "settlement"
                    else None
                )
                place = moved or place
                if not place.curated:
                    if not suffix and self._namesake_abroad(
                        place, key, before, after, named, bool(one_country_regions), home
                    ):
                        continue
                    if suffix:
                        if place.kind not in _REGIONS:  # a region already: keep its id and code
                            place = _as_region(place, text[start:end])
                        end += suffix.end()
                    elif not (
                        shared
                        or listed
                        or route
                        or moved is not None
                        or _PLACE_NOUN_AFTER.match(after)
                        or (place.population >= 100_000 and _QUARTER_AFTER.match(after))
                        or self._plausible(place, before, named, key.count(" ") + 1, after)
                        or (
                            place.kind == "admin2"
                            and _NAMED_WITH_DESIGNATION.search(text, start, end)
                        )
                        or _in_region_next(text, end, spans[n + 1 : n + 2], place.country)
                        or _paired_town_next(text, end, spans[n + 1 : n + 2], place, named)
                        or (
                            (place.population >= 1_000 or place.country in named)
                            and before.rstrip().endswith((",", "and"))
                            and _TAKEN_LIST_BEFORE.search(text, max(0, start - 80), start)
                        )
                        or (place.population >= 50_000 and _BESIEGED_AFTER.match(text, end))
                        # "Dhaka school fire kills 3", "survivors of the Aktau crash": a
                        # city before what happened in it (mid-sentence unless a capital:
                        # "Mobile fire groups took part"; not "after Kamchatka quake")
                        or (place.capital and _ADJUNCT_HAPPENING_AFTER.match(after))
                        or (
                            place.population >= 50_000
                            and _TOWN_HAPPENING_AFTER.match(after)
                            and not before.rstrip().endswith(_NOT_ADJUNCT_ENDS)
                            # a full sentence's first word may be another's ("Mobile fire
                            # groups took part"); a telegraphic line leads with its town
                            and (before.strip() or passage_telegraphic)
                        )
                        or (place.population >= 10_000 and _FELL_AFTER.match(after))
                        # "residents of the following villages ...: Kfar Kila, Houla"
                        or (
                            _FOLLOWING_PLACES_BEFORE.search(lower, max(0, start - 200), start)
                            and (not named or place.country in named)
                        )
                        or (
                            place.country in named
                            and _HAPPENING_AFTER.match(after)
                            and not before.endswith("the ")
                        )
                    ):
                        continue
                if (
                    place.kind == "country"
                    and (
                        not (
                            # "strikes on Iran's nuclear sites"; not "attacks on Ukraine's army" or
                            # "which would leave Ukraine's army at 800,000": an owner
                            (
                                (
                                    _COUNTRY_LOCATIVE.search(before)
                                    or _AIMED_AT.search(before)
                                    or DESTINATION_BEFORE.search(before)
                                )
                                and not STATE_ORGAN_AFTER.match(after)
                            )
                            # "in Turkey and Syria"; not "near Pokrovsk, Russia's defence ministry said"
                            or (listed and not after.startswith(("'s", "’s")))
                            or _POSSESSED_PLACE.match(after)
                            or _APPEAL_NAME_AFTER.match(text, end)  # "the Sudan Flash Appeal"
                            # a wire line's label: "Mali: army says ..."
                            or (
                                passage.name == "headline" and start == 0 and not text[end:].strip()
                            )
                        )
                        or _LAUNCHED_FROM.search(before)
                        or _SUPPLIED_FROM.search(before)
                        or _PEOPLE_FROM.search(before)
                        or _FLAGGED_IN.search(before)
                    )
                ):
                    continue
                if (place.capital or place.kind == "country") and (
                    _MEASURE_ON.search(before)
                    or _VOICE_FROM.search(before)
                    # "ambassadors from Paris, Berlin and London": the list goes on
                    or (voice_end >= 0 and _LIST_JOINER.match(text, voice_end, start))
                ):
                    voice_end = end
                    continue
                compass = (
                    _COMPASS_BEFORE.search(text, max(0, start - 24), start)
                    if place.kind == "country"
                    else None
                )
                if compass and _COMPASS_PAIR_BEFORE.search(
                    text, max(0, compass.start() - 24), compass.start()
                ):
                    compass = None  # "eastern and central Nepal": more than one part, the country
                if compass:  # "eastern Afghanistan": the part of the country the text names
                    start = compass.start()
                    place = _as_part(place, f"{compass.group('compass')} {place.name}")
                if place.kind == "settlement" and _GOVERNMENTS_BETWEEN.search(before):
                    continue  # "a standoff between Kismayo and Mogadishu": their governments
                if (
                    place.kind in ("admin1", "region")
                    and _OFFICE_AFTER.match(after)
                    and not _LOCATIVE_BEFORE.search(before)
                ):
                    continue  # "Jubaland President Ahmed Madobe accused ...": who, not where
                if place.capital and not (
                    _LOCATIVE_BEFORE.search(before)
                    or _STRONG_BEFORE.search(before)  # "the target was the city of Kyiv"
                    or _PLACES_INCLUDING_BEFORE.search(before)
                    or suffix
                    or _PLACE_NOUN_AFTER.match(after)
                    or _QUARTER_BEFORE.search(before)
                    or _QUARTER_AFTER.match(after)
                    or _HIT_AFTER.match(after)  # "Kyiv hit by missiles overnight"
                    or _ADJUNCT_HAPPENING_AFTER.match(after)
                    or _FELL_AFTER.match(after)
                    or _HOSTS_AFTER.match(after)  # "Cairo would host a conference"
                    or listed  # "across southern Lebanon, the Bekaa and Beirut's suburbs"
                ):
                    continue
                precision = (
                    2
                    if place.kind == "settlement" and _NEAR_BEFORE.search(before)
                    else _PRECISION[place.kind]
                )
                facility = _FACILITY_AFTER.match(lower, end) if place.kind == "settlement" else None
                if facility:  # "Nyala airport", "the Masnaa crossing": the facility, at its town
                    end = name_end = facility.end()
                    place = _as_facility(place, text[start:end], facility.group("noun"))
                mention = Mention(place, passage, start, end, precision, name_end)
                away = _ROUTE_BEFORE.search(before) or _ORIGIN_BEFORE.search(before)
                (elsewhere if away else found).append(mention)
                last_end = end
        # "an airliner flying from Baku to Grozny crashed near Aktau", "the attackers were
        # from Hebron": where a journey or its people came from is no place of what happened,
        # unless the text names no other
        return found or elsewhere

    @staticmethod
    def _plausible(
        place: Place, before: str, named: set[str], words: int = 1, after: str = ""
    ) -> bool:
        """A GeoNames settlement needs a locative cue or a country the text is about; a
        smaller one with a name of several words ("in Kupiansk-Vuzlovyi") a locative cue."""
        if place.kind == "country":
            return True
        if _STRONG_BEFORE.search(before):
            return True
        if (
            place.kind == "admin1"
            and place.country in named
            and not _OFFICE_OF_BEFORE.search(before)
            and not before.endswith("administered ")
            and not _NOT_THE_REGION_AFTER.match(after)
        ):
            return True  # "a security plan for Michoacán" in a text about Mexico
        at_sentence_start = not before.strip() or before.rstrip()[-1] in ".!?:;\n"
        if at_sentence_start:
            # "El Obeid, the state capital, is encircled": the apposition says it is a town
            # (a smaller one in a country the text names: "Black River, a town on Jamaica's coast")
            smallest = 1_000 if place.country in named else 10_000
            return place.population >= smallest and bool(_APPOSED_TOWN_AFTER.match(after))
        locative = bool(_LOCATIVE_BEFORE.search(before)) or bool(
            _HANDED_BEFORE.search(before) and _BACK_AFTER.match(after)
        )
        in_context = place.country in named
        smallest = 1_000 if words > 1 else 10_000
        return (locative and (in_context or place.population >= smallest)) or (
            in_context and place.population >= 100_000
        )

    def locate(
        self,
        passages: list[Passage],
        context_countries: set[str],
        home: str | None = None,
        town: Place | None = None,
        names: tuple[tuple[str, int, int], ...] = (),
    ) -> list[Location]:
        """`context_countries`: the countries of the event's actors; `home`: the country its
        bulletin is about (its title or section), which decides "the capital", "in the south"
        and where an unlisted village lies before the actors' countries do; `town`: the one
        town its title names, which "the city" means when the text names no other; `names`:
        (field, start, end) of organisations' names, whose places are none of the event's
        ("the UN interim force in Abyei" leaves "in Sudan" the place)."""
        named = context_countries | {home} if home else context_countries
        found = self.mentions(passages, named, home) + self._territories(passages)
        if names:
            found = [m for m in found if not inside_name(m.passage.field, m.start, m.end, names)]
        found += self._paired(passages)
        found += self._capitals_of(passages)
        if home:
            found += self._home_parts(passages, home)
        if town is not None:
            # "in the city and in the nearby Zamzam camp": the city beside the places near it
            others = any(m.place.kind == "settlement" for m in found)
            found += _the_city(passages, town, beside_others=others)
        implied = {home} if home else context_countries
        mentions = [m for m in found if not m.reference]
        # "Gaza's civil defence said ... east of Khan Younis": the point the text names near
        # the event comes before the speaker's or counting body's country or territory
        near = any(m.reference and not m.speaker_home for m in found)
        if not mentions:
            offices = [m for m in found if m.speaker_home]
            if near and all(m.place.kind in ("country", "territory") for m in offices):
                offices = []
            mentions = offices or self._implied(passages, implied)
        elif len(implied) == 1 and all(
            m.place.country in implied and m.place.kind != "country" for m in mentions
        ):
            # "cracks in 14 buildings in the capital, and several in Narsingdi tilted": the
            # capital of the country of the places named beside it
            mentions += [m for m in self._implied(passages, implied) if m.place.kind != "country"]
        if not mentions and not near:
            mentions = self._counted_in(passages)
        references = [m for m in found if m.reference]
        unlisted = [
            loc
            for loc in self._unlisted(passages, mentions + references, implied)
            if not _spoken_from(passages, loc)
        ]
        if not mentions and not unlisted:
            # "east of Khan Younis" and nothing else: the event was near it (precision 2)
            mentions = [m for m in references if not m.speaker_home]
        fine_countries = {m.place.country for m in mentions if m.place.kind in _FINE} | {
            loc.country for loc in unlisted if loc.kind in _FINE
        }  # "into Syria through the Bab al-Hawa crossing": the crossing is where
        out: dict[str, Location] = {}
        fine = [m for m in mentions if m.place.kind in _FINE]
        for m in mentions:
            if (
                m.place.kind == "country" or (m.place.kind == "region" and _compass_part(m.place))
            ) and m.place.country in fine_countries:
                continue  # "Kharkiv, Ukraine", "eastern Afghanistan near Jalalabad": the finer
            if m.place.kind in ("region", "territory") and any(_describes(m, f) for f in fine):
                continue  # "Sumy, northeastern Ukraine": the region says where the town is
            if m.place.place_id in out:
                continue
            out[m.place.place_id] = _location(m, _display_name(m))
        for loc in unlisted:
            out.setdefault(loc.place_id, loc)
        located = list(out.values())
        # "Ternopil Oblast Governor Vyacheslav Nehoda said": the title's region, beside the
        # place the text names
        titles = [loc for loc in located if _in_title(passages, loc)]
        return (
            [loc for loc in located if loc not in titles] if len(titles) < len(located) else located
        )

    def _unlisted(
        self, passages: list[Passage], mentions: list[Mention], context_countries: set[str]
    ) -> list[Location]:
        """Camps, villages and facilities the index lacks, put near a place it has."""
        if not mentions and len(context_countries) != 1:
            return []
        out: list[Location] = []
        for passage in passages:
            taken = [(m.start, m.end) for m in mentions if m.passage is passage]
            found = unlisted_places.find(
                passage.value,
                self.not_unlisted,
                places_end=tuple(e for _, e in taken),
                people=self.persons,
                peoples=self.peoples,
            )
            if not found:
                continue
            anchors = [
                _anchor(m, passage)
                for m in mentions
                if m.place.kind != "country" or len(mentions) == 1
            ] or self._country_anchors(context_countries)
            for u in found:
                if any(s < u.end and u.start < e for s, e in taken):
                    continue
                if _VESSEL_BEFORE.search(passage.lower[max(0, u.start - 20) : u.start]):
                    continue  # "the bulk carrier Magic Seas": a ship's name
                # a capitalised name only ("Manila's airport" is no town named Airport)
                countries = {a.country for a in anchors if a.country and u.name[:1].isupper()}
                if self._decided(normalise(u.name), countries) or (
                    u.kind in _COARSE and self._known_here(normalise(u.name), countries)
                ):
                    continue  # the gazetteer knows the name ("Bekaa Valley") and decided on it;
                    # a river named after a town ("the Guadalupe River") is still the river
                anchor = unlisted_places.nearest(anchors, u.start)
                if anchor is not None:
                    location = unlisted_places.locate(u, anchor, passage)
                    out.append(self._namesake_near(location, anchor) or location)
        return out

    def _namesake_near(self, location: Location, anchor: unlisted_places.Anchor) -> Location | None:
        """A settlement the index holds without a population, near the anchor: the place at
        its own point and country ("Spin Boldak" beside Chaman is Afghanistan's, not
        Pakistan's; GeoNames gives the border town no population)."""
        if location.kind != "settlement":
            return None
        near = [
            (great_circle_km(p.lat, p.lon, anchor.lat, anchor.lon), p)
            for p in self.index.candidates(normalise(location.name))
            if p.kind == "settlement"
        ]
        km, place = min(near, key=lambda pair: pair[0], default=(math.inf, None))
        if place is None or km > _NAMESAKE_KM:
            return None
        return location.model_copy(
            update={
                "country": place.country, "admin1": place.admin1, "lat": round(place.lat, 5),
                "lon": round(place.lon, 5), "precision": 1, "place_id": place.place_id,
            }
        )  # fmt: skip

    def _decided(self, key: str, countries: set[str]) -> bool:
        """Does the index know the name well enough to have decided on it? A name known only
        as an alternate of district seats GeoNames gives no population ("Tawila" is also
        a hamlet in Yemen) leaves the place to the unlisted reader; so does one known only
        as an uncurated town of another country than `countries`, those of the places the
        text names ("Kairu village in Maru, Zamfara State" is no namesake in the US)."""
        return any(
            p.curated
            or (
                p.population > 0
                and (p.kind != "settlement" or not countries or p.country in countries)
            )
            for p in self.index.candidates(key)
        )

    def _territories(self, passages: list[Passage]) -> list[Mention]:
        """The country of "Israeli territory" or "Russian airspace", where something happened."""
        found: list[Mention] = []
        for passage in passages:
            for m in _TERRITORY.finditer(passage.value):
                code = self.demonyms.get(m.group("adjective"))
                place = self._countries().get(code) if code else None
                if place is not None:
                    found.append(Mention(place, passage, m.start(), m.end(), 3, m.end()))
        return found

    def _paired(self, passages: list[Passage]) -> list[Mention]:
        """The first of "North and South Kivu", "East and West Kordofan": a region of its own,
        named in full only by the second (which the index finds by itself)."""
        found: list[Mention] = []
        for passage in passages:
            if " and " not in passage.value:
                continue
            for m in _PAIRED_COMPASS.finditer(passage.value):
                for first in _FIRST_COMPASS.finditer(passage.value, m.start(), m.end("firsts")):
                    key = normalise(f"{first.group()} {m.group('name')}")
                    place = next(
                        (p for p in self.index.candidates(key) if p.curated or p.kind == "admin1"),
                        None,
                    )
                    if place is None or place.kind == "settlement":
                        continue
                    # named in full, whatever the text's spelling of the first word alone
                    if not place.curated:  # "North Darfur", as written; GeoNames: "Northern Darfur"
                        name = f"{first.group()} {m.group('name')}"
                        place = dataclasses.replace(place, name=name, curated=True)
                    start, end = first.span()
                    found.append(Mention(place, passage, start, end, _PRECISION[place.kind], end))
        return found

    @lru_cache(maxsize=10_000)  # noqa: B019 - one Gazetteer per process; read for every event
    def country_of(self, label: str) -> str | None:
        """The one country a title or section names places of ("Sri Lanka: Cyclone Ditwah",
        "Israel strikes Beirut: key events" is Lebanon's), or None: by each name's curated or
        first-level place, or a town of 100,000 people."""
        countries = set()
        for _, _, key, candidates in self._spans(label):
            # a city of half a million before a namesake region elsewhere: Manchester is
            # England's, not the Jamaican parish; one named so before one once called so
            chosen = (
                next((p for p in candidates if p.curated), None)
                or _most_populous_named(candidates, key, 500_000)
                or next((p for p in candidates if p.kind == "admin1"), None)
                or _most_populous(candidates, 100_000)  # Los Angeles, California, not Chile
            )
            if chosen is not None and chosen.country and chosen.kind != "water_body":
                countries.add(chosen.country)
        return next(iter(countries)) if len(countries) == 1 else None

    @lru_cache(maxsize=10_000)  # noqa: B019 - one Gazetteer per process; one entry per title
    def town_of(self, label: str) -> Place | None:
        """The one town a title names ("El Fasher: the fall of a city"), curated or of 50,000
        people, or None."""
        towns = {}
        for _, _, key, candidates in self._spans(label):
            town = _town(candidates, key)
            if town is not None:
                towns[town.place_id] = town
        return next(iter(towns.values())) if len(towns) == 1 else None

    def label_town(self, passage: Passage) -> Location | None:
        """The town a passage that is nothing but its name stands for ("El Fasher — The RSF
        shelled ..."): curated or of 50,000 people, else None."""
        label = passage.value.strip().rstrip(":—–-").rstrip()
        spans = self._spans(label)
        if len(spans) != 1 or spans[0][0] != 0 or spans[0][1] != len(label):
            return None
        town = _town(spans[0][3], spans[0][2])
        if town is None:
            return None
        start = passage.value.find(label)
        end = start + len(label)
        return _location(Mention(town, passage, start, end, _PRECISION[town.kind], end), label)

    def _known_here(self, key: str, countries: set[str]) -> bool:
        """Does the gazetteer know the name before a region's noun ("bekaa" of "Bekaa
        Valley"), in one of `countries` if any are given, as its own name or a region's? "the
        Noto Peninsula" beside Ishikawa is no Italian town's, nor Ushitsu's, once called Noto."""
        head = key.rpartition(" ")[0]
        if head not in self.index.aliases:
            return False
        return not countries or any(
            p.country in countries and (p.kind != "settlement" or normalise(p.name) == head)
            for p in self.index.candidates(head)
        )

    def _home_parts(self, passages: list[Passage], home: str) -> list[Mention]:
        """ "schools in the south", "the country's east": that part of the bulletin's country,
        where the gazetteer names it ("southern Lebanon", "eastern Ukraine"); a part it does
        not name is left out, as the country would be."""
        country = self._countries().get(home)
        if country is None:
            return []
        found: list[Mention] = []
        for passage in passages:
            for m in _HOME_PART.finditer(passage.value):
                if _APPROACHED_FROM.search(passage.lower, max(0, m.start() - 30), m.start() + 4):
                    continue  # "at risk of being cut off from the north": a direction
                name = f"{_COMPASS_ADJECTIVE[m.group('compass').lower().replace('-', '')]} {country.name}"
                curated = [p for p in self.index.candidates(normalise(name)) if p.curated]
                if curated:
                    start = m.start("compass")
                    found.append(Mention(curated[0], passage, start, m.end(), 3, start))
        return found

    def _implied(self, passages: list[Passage], countries: set[str]) -> list[Mention]:
        """ "in the capital", "across the country": the capital or the country of the one
        country the event is about (its actors' country), which the text does not name."""
        if len(countries) != 1:
            return []
        [code] = countries
        attacker = self._attacker(code)
        found: list[Mention] = []
        for passage in passages:
            if attacker is not None and attacker.search(passage.value):
                continue  # "Friday's Russian attack on the capital": another country's capital
            for m in _IMPLIED_PLACE.finditer(passage.value):
                if m.group("strip"):
                    place = self._gaza_strip() if code == "PSE" else None
                else:
                    place = (self._capitals() if m.group("capital") else self._countries()).get(
                        code
                    )
                if place is not None:
                    precision = _PRECISION[place.kind]
                    # name_end at the start: the place keeps its own name, not "the capital"
                    found.append(Mention(place, passage, m.start(), m.end(), precision, m.start()))
        return found

    @cache  # noqa: B019 - one Gazetteer per process
    def _attacker(self, code: str) -> re.Pattern[str] | None:
        """The country's people named as attackers ("Russian attack", "Israeli jets"), or None
        for a country without a demonym."""
        peoples = [name for name, c in self.demonyms.items() if c == code]
        if not peoples:
            return None
        names = "|".join(map(re.escape, peoples))
        return re.compile(rf"\b(?:{names})\s+{_ATTACKING_NOUNS}\b")

    @cache  # noqa: B019 - one Gazetteer per process
    def _gaza_strip(self) -> Place | None:
        return next((p for p in self.index.candidates("gaza strip") if p.curated), None)

    def _counted_in(self, passages: list[Passage]) -> list[Mention]:
        """The country whose health ministry or civil defence speaks ("Lebanon's health
        ministry said strikes killed 31"): the harm it counts is in that country."""
        for passage in passages:
            if not any(w in passage.lower for w in ("health", "civil def", "disaster")):
                continue
            for m in _COUNTING_BODY.finditer(passage.value):
                name = m.group("country")
                code = self.demonyms.get(name) or self._country_codes().get(normalise(name))
                place = self._countries().get(code) if code else None
                if place is not None:
                    return [Mention(place, passage, m.start(), m.end("country"), 3, m.end())]
        return []

    def _capitals_of(self, passages: list[Passage]) -> list[Mention]:
        """ "protests in Serbia's capital": the capital of the country named, when the text
        does not name it next."""
        found: list[Mention] = []
        for passage in passages:
            if "capital" not in passage.value:
                continue
            for m in _CAPITAL_OF.finditer(passage.value):
                code = self._country_codes().get(normalise(m.group("country")))
                place = self._capitals().get(code) if code else None
                if place is not None:
                    found.append(Mention(place, passage, m.start(), m.end(), 1, m.start()))
            for m in _PEOPLES_CAPITAL.finditer(passage.value):  # "the Malian capital"
                code = self.demonyms.get(m.group("people"))
                place = self._capitals().get(code) if code else None
                if place is not None:
                    found.append(Mention(place, passage, m.start(), m.end(), 1, m.start()))
        return found

    def _in_another_country(self, text: str, end: int, place: Place) -> Place | None:
        """The place as an unlisted town of the country the text puts it in ("X in southern
        Jamaica", "X, Jamaica"), where that is not its own; else None."""
        m = _IN_COUNTRY_AFTER.match(text, end)
        if m is None:
            return None
        code = self._country_codes().get(normalise(m.group("country") or m.group("country2")))
        country = self._countries().get(code) if code and code != place.country else None
        if country is None:
            return None
        return Place(
            place_id=f"unlisted:{code}:{normalise(place.name)}", name=place.name,
            kind="settlement", country=code, admin1=None, admin1_code=None, lat=country.lat,
            lon=country.lon, population=0, capital=False, curated=False,
        )  # fmt: skip

    @cache  # noqa: B019 - one Gazetteer per process
    def _country_codes(self) -> dict[str, str]:
        return {normalise(name): code for name, code in self.index.country_names().items()}

    def _country_anchors(self, countries: set[str]) -> list[unlisted_places.Anchor]:
        if len(countries) != 1:
            return []
        [code] = countries
        place = self._countries().get(code)
        if place is None:
            return []
        return [unlisted_places.Anchor(-1, "country", code, None, place.lat, place.lon)]

    @cache  # noqa: B019 - one Gazetteer per process
    def _capitals(self) -> dict[str, Place]:
        return self.index.capitals()

    def _namesake_abroad(
        self,
        place: Place,
        key: str,
        before: str,
        after: str,
        named: set[str],
        region_named: bool,
        home: str | None,
    ) -> bool:
        """Is an uncurated town the index matched a namesake abroad of the place the text
        means? "Kairu village in Maru, Zamfara State", "the village of Zike in Bassa, Plateau
        state": a village marked by its noun in a text naming another country's region, which
        the unlisted reader puts there; "Nigeria" / "Plateau: 54 killed in Zike attack": not
        the German town one of whose other names "Zike" is."""
        if (
            place.kind != "settlement"
            or not named
            or place.country in named
            or place.population >= 100_000
        ):
            return False
        marked = bool(_PLACE_NOUN_AFTER.match(after) or _PLACE_NOUN_OF_BEFORE.search(before))
        return (region_named and marked) or (
            key != normalise(place.name) and self._far_from(place, home, _FOREIGN_NAMESAKE_KM)
        )

    def _far_from(self, place: Place, country: str | None, km: float) -> bool:
        """Is `place` more than `km` from the centre of `country` (False without one)?"""
        centre = self._countries().get(country) if country else None
        return (
            centre is not None
            and great_circle_km(place.lat, place.lon, centre.lat, centre.lon) > km
        )

    @cache  # noqa: B019 - one Gazetteer per process
    def _countries(self) -> dict[str, Place]:
        out: dict[str, Place] = {}
        for name, code in self.index.country_names().items():
            for p in self.index.candidates(normalise(name)):
                if p.kind == "country" and p.country == code:
                    out.setdefault(code, p)
        return out


# A capitalised word joined to a name by a space or hyphen continues it; a possessive
# ("Ukraine's Pokrovsk") or a sentence's first word does not.
# "as", "at" and "an" are English words too: as particles they take a hyphen ("Ras as-Sidr"),
# so "Lascahobas as Viv Ansanm fighters move" ends the name
_NAME_GOES_ON = re.compile(
    r"[ -](?:(?:al|el|ad|ash|ar|az|um|abu|bin|ibn|de|du|la|le)[ -]|(?:as|an|at)-)?[A-Z][a-z]"
)
# "the Sudan Humanitarian Response Plan": an appeal for the place, not a longer name
_APPEAL_NAME_AFTER = re.compile(
    r" (?:Humanitarian (?:Response|Needs|Appeal|Fund)|Flash Appeal|Regional Refugee)\b"
)
# "a disaster declaration for Kerr County": a name written with its designation is a place
_NAMED_WITH_DESIGNATION = re.compile(r" (?:County|District|Parish)$")
_SUBREGION_AFTER = caseless(r"\s+(?:zone|woreda|district|county|sub-county)s?\b")
_NAME_CAME_BEFORE = re.compile(r"(?<![.!?:;] )(?<!^)\b[A-Z][\w]*(?<!['’]s)[ -]$")
_NAME_WORD_BEFORE = re.compile(r"\b[A-Z][\w]*(?<!['’]s)[ -]$")
_COMPASS_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "upper", "lower", "greater", "new", "old"}
)  # fmt: skip
_NOT_NAME_WORDS = frozenset(
    {"The", "In", "At", "On", "Near", "From", "To", "Into", "Of", "And", "Or", "By", "For",
     "With", "Outside", "Across", "Around", "Inside", "Over", "Under", "After", "Before",
     "Anglophone", "Francophone", "Lusophone"}
)  # fmt: skip


# What joins a place to the region it lies in: "Sumy, northeastern Ukraine", "Beit Lahiya
# in northern Gaza", "Sumy region of northern Ukraine".
_IN_REGION = re.compile(
    r"^(?:[’']s)?(?:\s*,\s*|\s+(?:in|of|on)\s+)(?:the\s+)?"
    r"(?:(?:north|south|east|west|central)(?:-?(?:east|west))?(?:ern)?\s+)?$",
    re.I,
)


def _in_region_next(
    text: str, end: int, following: list[tuple[int, int, str, list[Place]]], country: str | None
) -> bool:
    """Is the town followed by a curated region of its own country ("the RSF takeover of
    Babanusa in West Kordofan", "Kalogi, South Kordofan")?"""
    return any(
        _IN_NEXT.match(text[end:start])
        and any(p.curated and p.kind != "country" and p.country == country for p in cands)
        for start, _, _, cands in following
    )


_PAIR_JOINER = re.compile(r"\s*(?:,\s*)?(?:and|or)\s+$")


def _paired_town_next(
    text: str,
    end: int,
    following: list[tuple[int, int, str, list[Place]]],
    place: Place,
    named: set[str],
) -> bool:
    """Is the town, of a country the text is about, paired with another town of that
    country ("warned that Kadugli and Dilling, both besieged, faced famine")? Two towns of
    one country named together are places, where one alone would need a locative cue."""
    if place.country not in named or place.kind != "settlement" or place.population < 10_000:
        return False
    return any(
        _PAIR_JOINER.fullmatch(text, end, start)
        and any(
            p.kind == "settlement" and p.country == place.country and p.population >= 10_000
            for p in cands
        )
        for start, _, _, cands in following
    )


def _in_foreign_region(
    text: str, end: int, following: list[tuple[int, int, str, list[Place]]], place: Place
) -> Place | None:
    """The town as an unlisted one of the first-level region apposed to it, when that
    region is another country's and the name means no place of the town's own there ("Maga,
    Kebbi state": GeoNames lists a Maga in Burkina Faso only); at the region's centre."""
    for start, _, _, cands in following:
        if text[end:start].strip() != "," or any(p.country == place.country for p in cands):
            continue
        region = next((p for p in cands if p.kind in _REGIONS and p.country), None)
        if region is None:
            continue
        return Place(
            place_id=unlisted_places.place_id(region.country, place.name), name=place.name,
            kind="settlement", country=region.country, admin1=region.admin1 or region.name,
            admin1_code=region.admin1_code, lat=region.lat, lon=region.lon, population=0,
            capital=False, curated=False,
        )  # fmt: skip
    return None


def _describes(region: Mention, town: Mention) -> bool:
    """Does `region` only say where `town` (of its country) lies?"""
    if region.place.country != town.place.country or region.passage is not town.passage:
        return False
    text = region.passage.value
    if town.end <= region.start:  # "Sumy, northeastern Ukraine"
        return bool(_IN_REGION.match(text[town.end : region.start]))
    # "Ukraine's Sumy", "northern Gaza's Beit Lahiya"
    return region.end <= town.start and text[region.end : town.start].strip() in ("'s", "’s")


def inside_name(field: str, start: int, end: int, names: tuple[tuple[str, int, int], ...]) -> bool:
    """Does `start:end` of `field` lie inside, and is it shorter than, one of `names`
    ((field, start, end) of organisations' names)?"""
    return any(f == field and s <= start and end <= e and e - s > end - start for f, s, e in names)


def _route_part(text: str, start: int, end: int) -> bool:
    """Is the match one of the towns a hyphened road name joins ("the Kismayo-Dhobley
    road")?"""
    if not (text.startswith("-", end) or text.endswith("-", 0, start)):
        return False
    token = _ROUTE_TOKEN.match(text, text.rfind(" ", 0, start) + 1)
    return token is not None and _ROUTE_AFTER.match(text, token.end()) is not None


def _inside_longer_name(text: str, start: int, end: int, suffixed: bool) -> bool:
    """Is the match one word of a longer capitalised name ("Abu Salim", "Um Kadada")?"""
    if (
        not suffixed
        and _NAME_GOES_ON.match(text, end)
        and not _PLACE_NOUN_AFTER.match(text[end : end + _REACH])
        and not _APPEAL_NAME_AFTER.match(text, end)
        and not _FACILITY_AFTER.match(
            text[end : end + _REACH].lower()
        )  # "Muan International Airport"
    ):
        return True
    # "Zinda Jan district" opens its sentence: with a region noun after, its first word
    # still belongs to the name
    pattern = _NAME_WORD_BEFORE if suffixed else _NAME_CAME_BEFORE
    before = pattern.search(text, max(0, start - 30), start)
    if before is None:
        return False
    word = before.group().strip(" -")
    if word.lower() in _COMPASS_WORDS:
        # "North Gondar zone": a unit named after the town, not the town
        return not suffixed and _SUBREGION_AFTER.match(text, end) is not None
    return word not in _NOT_NAME_WORDS


def _anchor(m: Mention, passage: Passage) -> unlisted_places.Anchor:
    p = m.place
    at = m.start if m.passage is passage else -1
    return unlisted_places.Anchor(at, p.kind, p.country, p.admin1, p.lat, p.lon)


def _display_name(m: Mention) -> str:
    """A GeoNames settlement or region keeps the spelling the text uses ("El Geneina", not
    GeoNames' "Al Junaynah"; "North Darfur", not "Northern Darfur"): it is the name readers
    know; `place_id` and coordinates identify it.
    Curated places, countries and regions keep their curated names; so does a name in
    capitals ("KHERSON")."""
    if m.place.curated or m.place.kind not in ("settlement", "admin1"):
        return m.place.name
    surface = m.passage.value[m.start : m.name_end].strip("'’‘\"“” ")  # "Kassala state": Kassala
    designation = _DESIGNATED.search(fold(surface)) or (  # "Plateau State" as "Plateau state"
        _QUARTER.search(fold(surface)) if m.place.kind == "settlement" else None
    )  # "the Dniprovskyi district" of Kyiv: Dniprovskyi
    if designation and not _DESIGNATED.search(fold(m.place.name)):
        surface = surface[: designation.start()]  # "Littoral region", known only so: Littoral
    name = surface if surface and not surface.isupper() else m.place.name
    suffix = m.passage.value[m.name_end : m.end].lower()
    if m.place.kind == "admin1" and not suffix:
        # "the Ivanovo, Ryazan and Amur regions": each one's designation is the list's
        text = m.passage.value
        listed = _DISTRIBUTIVE.match(text, m.name_end, m.name_end + _REACH) or _ADMIN_SUFFIX.match(
            text[m.name_end : m.name_end + _REACH].lower()
        )
        suffix = _designation(listed) if listed else ""
    if m.place.kind == "admin1" and ("region" in suffix or "oblast" in suffix):
        # "Lipetsk region": Lipetsk Oblast; not "Krasnaya Yaruga district"
        countries, not_oblasts = oblast_style()
        if m.place.country in countries and normalise(name) not in not_oblasts:
            return f"{name} Oblast"
    return name


def _as_feature(place: Place, name: str, noun: str) -> Place:
    """'Bekaa Valley': an informal region named after a region or country, where it lies."""
    return Place(
        place_id=f"{place.place_id}:{noun}", name=name, kind="region", country=place.country,
        admin1=None, admin1_code=None, lat=place.lat, lon=place.lon, population=0,
        capital=False, curated=False,
    )  # fmt: skip


def _as_facility(place: Place, name: str, noun: str) -> Place:
    """'Nyala airport': a facility named after the town it serves, at the town's point."""
    key = "-".join(noun.lower().split())
    return Place(
        place_id=f"{place.place_id}:{key}", name=name, kind="facility", country=place.country,
        admin1=place.admin1, admin1_code=place.admin1_code, lat=place.lat, lon=place.lon,
        population=0, capital=False, curated=False,
    )  # fmt: skip


# "in the city", "the town's hospital": the town the bulletin is about
_AND_NEARBY = caseless(r"\s+and\s+(?:in\s+)?(?:the\s+)?(?:nearby|surrounding|neighbou?ring)\b")
_THE_CITY = re.compile(
    r"\b(?:(?i:in|into|inside|around|across|outside|to|near|over|of|on|hit|struck|entered|"
    r"shelled|besieged)\s+the\s+(?:besieged\s+)?(?i:city|town)\b(?!\s+of\b|['’])"
    r"|(?i:the)\s+(?:city|town)['’]s)"
)


def _the_city(passages: list[Passage], town: Place, beside_others: bool) -> list[Mention]:
    for passage in passages:
        m = _THE_CITY.search(passage.value)
        if m and (not beside_others or _AND_NEARBY.match(passage.value, m.end())):
            # name_end at the start: the town keeps its own name, not "the city"
            return [Mention(town, passage, m.start(), m.end(), 1, m.start())]
    return []


def _location(m: Mention, name: str) -> Location:
    """The event's location a mention found, under `name`."""
    return Location(
        name=name, kind=m.place.kind, country=m.place.country,
        admin1=m.place.admin1, lat=round(m.place.lat, 5), lon=round(m.place.lon, 5),
        precision=m.precision, place_id=m.place.place_id,
        confidence=(0.9 if m.place.curated else 0.75) * (1.0 if m.passage.name == "text" else 0.8),
        span=m.passage.span(m.start, m.end),
    )  # fmt: skip


# what a people named before it attacks with ("Russian attack", "Israeli jets")
_ATTACKING_NOUNS = (
    r"(?:missile|drone|air|rocket|artillery)?\s*(?:attacks?|strikes?|assault|shelling|"
    r"bombardment|barrage|offensive|invasion|missiles|drones|jets|warplanes)"
)


def _town(candidates: list[Place], key: str) -> Place | None:
    """The town a name (`key`, normalised) means, curated or of 50,000 people, if it means
    one; a place named so before one known by it as an alternate name."""
    chosen = next((p for p in candidates if p.curated), None) or _most_populous_named(
        candidates, key, 50_000
    )
    return chosen if chosen is not None and chosen.kind == "settlement" else None


def _most_populous(candidates: list[Place], at_least: int) -> Place | None:
    """The candidate with the most people, if it has `at_least` that many."""
    biggest = max(candidates, key=lambda p: p.population, default=None)
    return biggest if biggest is not None and biggest.population >= at_least else None


def _most_populous_named(candidates: list[Place], key: str, at_least: int) -> Place | None:
    """`_most_populous`, of the places whose own name is `key` (normalised) first, then of
    all: "Islamabad" is Pakistan's capital before Chattogram, once called so."""
    own = [p for p in candidates if normalise(p.name) == key]
    return _most_populous(own, at_least) or _most_populous(candidates, at_least)


def _as_region(place: Place, name: str) -> Place:
    """'Kassala state' / 'Sagaing region': the first-level region named after a settlement."""
    return Place(
        place_id=f"{place.place_id}:admin1", name=name, kind="admin1", country=place.country,
        admin1=name, admin1_code=place.admin1_code, lat=place.lat, lon=place.lon,
        population=place.population, capital=False, curated=False,
    )  # fmt: skip


_COMPASS_NAME = caseless(
    r"^(?:(?:north|south)[- ]?(?:east|west)(?:ern)?|(?:north|south|east|west)(?:ern)?|central)\s"
)


def _compass_part(place: Place) -> bool:
    """Is `place` a compass part of a country the curated list does not name ("eastern
    Afghanistan"), not a region known by its own name ("Bekaa Valley")?"""
    return not place.curated and bool(_COMPASS_NAME.match(place.name))


def _as_part(country: Place, name: str) -> Place:
    """'eastern Afghanistan', 'north-west Syria': a compass part of a country the curated list
    does not name, at the country's point (the region is known by name, not by outline)."""
    slug = "-".join(name.lower().replace("-", " ").split()[:-1])
    return Place(
        place_id=f"{country.place_id}:{slug}", name=name, kind="region", country=country.country,
        admin1=None, admin1_code=None, lat=country.lat, lon=country.lon, population=0,
        capital=False, curated=False,
    )  # fmt: skip


_DOMINANT = 6  # a capital this many times larger than each namesake is the one meant


_NAMESAKE_KM = 150  # an unlisted town's namesake this near its anchor is the town


def _designated(
    index: PlaceIndex, lower: str, end: int, key: str, candidates: list[Place]
) -> list[Place]:
    """The places a name of several words, or a name and the first-level designation after
    it, stands for ("Paktika province"; "Plateau state", which alone would be a US town);
    none for a bare one-word name ("Unity" is a word)."""
    suffix = _ADMIN_SUFFIX.match(lower[end : end + _REACH])
    if suffix is not None and _designation(suffix) in _FIRST_LEVEL:
        regional = f"{key} {_designation(suffix)}"
        return index.candidates(regional) if regional in index.aliases else candidates
    return candidates if " " in key else []


def _pick(
    candidates: list[Place],
    countries: set[str],
    regions: set[tuple[str | None, str]],
    curated_first: bool,
) -> Place:
    """Among namesakes: the region the text names, then its countries, then curated, then
    population; but a national capital many times larger than any namesake is meant even where
    an actor's country holds one ("the US sent teams to Kingston" is Jamaica's), and over a
    city the name is only an alternate of (Chattogram was once "Islamabad"; Delhi is "Dili")
    or the capital's own province ("Dili")."""
    capitals = [p for p in candidates if p.capital]
    if capitals and not any((p.country, p.admin1_code) in regions for p in candidates):
        capital = max(capitals, key=lambda p: p.population)
        own = normalise(capital.name)
        others = [
            p.population
            for p in candidates
            if p is not capital
            and (normalise(p.name) == own or p.kind != "settlement")
            and not (p.kind == "admin1" and p.country == capital.country)  # its own province
        ]
        if capital.population >= _DOMINANT * max(others, default=0):
            return capital
    return min(
        candidates,
        key=lambda p: (
            (p.country, p.admin1_code) not in regions,
            p.country not in countries,
            not p.curated if curated_first else False,
            -p.population,
            p.place_id,
        ),
    )


@cache
def load_gazetteer() -> Gazetteer:
    return Gazetteer(load_index())


def actor_words(index: PlaceIndex, names: list[str], persons: list[str]) -> frozenset[str]:
    """Actor names that are not places (persons, groups): a namesake village must not match them.

    Each word of a person's name counts too: "Vladimir Putin" must not put Vladimir on the map.
    """
    words = {normalise(n) for n in names}
    words |= {part for n in persons for part in normalise(n).split(" ")}
    return _not_known_places(index, words)


def person_words(persons: list[str]) -> frozenset[str]:
    """Each word of each person's name ("marco", "rubio")."""
    return frozenset(part for n in persons for part in normalise(n).split(" "))


def actor_tokens(index: PlaceIndex, names: list[str]) -> frozenset[str]:
    """Each word of the actors' names that is not itself a curated place or a country
    ("Israeli", "Hezbollah", "Support"; not "Sudan" of "Sudan's army")."""
    words = {part for n in names for part in normalise(n).split(" ") if len(part) > 2}
    return _not_known_places(index, words)


def _not_known_places(index: PlaceIndex, words: set[str]) -> frozenset[str]:
    """The words that name no curated place and no country."""
    return frozenset(
        w for w in words if not any(p.curated or p.kind == "country" for p in index.candidates(w))
    )
