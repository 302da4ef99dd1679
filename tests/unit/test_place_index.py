"""The place index's compact columns give back what they were built from."""

from __future__ import annotations

import random
import string

from sitrep_classifier.gazetteer_index import AliasTable, Place, PlaceIndex, PrefixFilter


def test_prefix_filter_has_every_member_and_few_others() -> None:
    rng = random.Random(3)

    def word() -> str:
        return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 12)))

    members = {f"{word()} {word()}" for _ in range(120_000)}
    prefixes = PrefixFilter(members)
    assert all(m in prefixes for m in members)
    others = [f"{word()} {word()} {word()}" for _ in range(20_000)]
    false_positives = sum(o in prefixes for o in others) / len(others)
    assert false_positives < 0.05  # each costs the name reader one more word, no wrong answer


def test_alias_table_gives_back_each_alias_rows_and_nothing_else() -> None:
    rng = random.Random(5)
    words = {
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 14))) for _ in range(30_000)
    }
    keys = sorted(words)[:20_000]
    aliases = {k: list(range(i % 4 + 1)) if i % 7 == 0 else [i] for i, k in enumerate(keys)}
    table = AliasTable(aliases)
    assert len(table) == len(aliases)
    assert all(k in table and table.get(k) == tuple(rows) for k, rows in aliases.items())
    others = [*sorted(words)[20_000:], "", "kyiv oblast", "ä"]
    assert not any(o in table or table.get(o) is not None for o in others)


def test_columns_give_back_each_place() -> None:
    places = [
        Place(place_id=pid, name=name, kind=kind, country=country, admin1=admin1,
              admin1_code=code, lat=lat, lon=lon, population=pop, capital=cap, curated=cur)
        for pid, name, kind, country, admin1, code, lat, lon, pop, cap, cur in [
            ("gn:703448", "Kyiv", "settlement", "UKR", "Kyiv City", "12", 50.45, 30.52, 2_900_000, True, True),
            ("gn:1", "Ḩamāh", "settlement", "SYR", None, None, 35.13, 36.75, 460_000, False, False),
            ("cur:x", "A", "region", None, None, None, -1.5, 2.25, 0, False, True),
        ]
    ]  # fmt: skip
    index = PlaceIndex(places, {"kyiv": [0], "hamah": [1], "a": [2, 0]}, "test")
    assert len(index) == 3
    assert [index.place(i) for i in range(3)] == places
    assert index.candidates("a") == [places[2], places[0]]
    assert "hamah" not in index.prefixes and index.candidates("nowhere") == []


def test_first_level_regions_of_every_country_come_from_the_geonames_table() -> None:
    from sitrep_classifier.gazetteer_index import admin1_regions

    found = admin1_regions()
    regions = {(cc, name): names for kind, cc, name, _, _, names in found if kind == "admin1"}
    assert len({cc for cc, _ in regions}) > 200
    assert "North Darfur" in regions[("SDN", "Northern Darfur")]
    assert "North Kordofan" in regions[("SDN", "Shamal Kurdufan")]
    assert "North Kivu" in regions[("COD", "Nord Kivu")]
    # a common word would match ordinary text: the region is named only with its noun
    # with the noun its country uses: Burkina Faso's are regions, Nigeria's states
    assert regions[("BFA", "Centre")] == ["Centre region"]
    assert regions[("NGA", "Plateau")] == ["Plateau state"]
    assert "Littoral region" in regions[("CMR", "Littoral")]
    assert "Oromia" in regions[("ETH", "Oromiya")]
    # Second-level regions only where news names them, without GeoNames' "Province of"
    provinces = {(cc, name): names for kind, cc, name, _, _, names in found if kind == "admin2"}
    assert {cc for cc, _ in provinces} == {"PHL", "BFA", "USA"}
    assert provinces[("USA", "Kerr County")] == ["Kerr County"]  # never "Kerr" alone
    assert "South Leyte" in provinces[("PHL", "Southern Leyte")]
    assert ("PHL", "Zamboanga del Sur") in provinces and ("BFA", "Soum") in provinces
    assert "Antique" not in provinces[("PHL", "Antique")]  # a common word
