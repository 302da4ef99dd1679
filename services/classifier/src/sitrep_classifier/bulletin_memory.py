"""What a bulletin's earlier items named, for its later items to refer back to.

A report names a person in full once ("Sinisa Karan, the ruling party's candidate, won ...")
and by surname after ("Karan took 50.4 percent"), and spells a body out once with its
acronym ("the National Anti-Corruption Bureau (NABU)") before using the acronym alone; it
says "the town of Lachapelle" once and "Lachapelle" after; a sitrep on one country's
districts need not name the country in each item; "They called on ..." follows "The members
of the Security Council condemned ...". Items are tagged one by one, so the tagger remembers,
per bulletin: the short names its items have introduced, the unlisted places they found, the
countries their places lay in, and who the last item opened with. Items of one bulletin come
in order (one source is one Kafka key, so one partition), so a replay tags them the same
way; the memory is bounded (least recently used bulletins are forgotten) and an item whose
bulletin is forgotten is tagged on its own text.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field

from sitrep_schemas import Actor, Location

# "the National Anti-Corruption Bureau (NABU)": the acronym right after the name
# ("SoDMA": two capitals at least, with small letters between)
_ACRONYM_AFTER = re.compile(r"\s*\((?P<short>[A-Z][A-Za-z0-9&-]{0,8}[A-Z0-9])\)")
_SURNAME = re.compile(r"[A-Z][\w’'-]+$")


@dataclass
class _Bulletin:
    """What one bulletin's items so far have named."""

    named: dict[str, Actor] = field(default_factory=dict)  # short name -> the actor
    places: dict[str, Location] = field(default_factory=dict)  # written name -> unlisted place
    items: int = 0  # items that have had their places read
    countries: Counter[str] = field(default_factory=Counter)  # items whose places lie in each
    placed: int = 0  # items that had places
    # the person, and the body or group, the last item opened with: who "He", "She" and
    # "They" opening the next item are
    person: Actor | None = None
    other: Actor | None = None


_NOTHING = _Bulletin()  # what an unknown or forgotten bulletin has named (never written to)


class BulletinMemory:
    """What each of the last `size` bulletins has named so far (least recently used
    forgotten first)."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._bulletins: OrderedDict[str, _Bulletin] = OrderedDict()

    def _read(self, bulletin_id: str) -> _Bulletin:
        return self._bulletins.get(bulletin_id, _NOTHING)

    def _write(self, bulletin_id: str) -> _Bulletin:
        """The bulletin's record, made if new, and now the most recently used."""
        bulletin = self._bulletins.get(bulletin_id)
        if bulletin is None:
            bulletin = self._bulletins[bulletin_id] = _Bulletin()
            while len(self._bulletins) > self.size:
                self._bulletins.popitem(last=False)
        self._bulletins.move_to_end(bulletin_id)
        return bulletin

    def recall(self, bulletin_id: str) -> Mapping[str, Actor]:
        """Short name -> the actor an earlier item introduced it for."""
        return self._read(bulletin_id).named

    def remember(self, bulletin_id: str, short_names: Mapping[str, Actor]) -> None:
        named = self._write(bulletin_id).named
        for short, actor in short_names.items():
            named.setdefault(short, actor)  # the first to introduce a name keeps it

    def subject(self, bulletin_id: str, pronoun: str) -> Actor | None:
        bulletin = self._read(bulletin_id)
        return bulletin.person if pronoun in ("He", "She") else bulletin.other

    def remember_subjects(
        self, bulletin_id: str, person: Actor | None, other: Actor | None
    ) -> None:
        bulletin = self._write(bulletin_id)
        bulletin.person, bulletin.other = person, other

    def places(self, bulletin_id: str) -> Mapping[str, Location]:
        """The places the gazetteer does not list that earlier items found by a noun ("the
        town of Lachapelle"), by their written name."""
        return self._read(bulletin_id).places

    def remember_places(self, bulletin_id: str, located: list[Location]) -> None:
        places = self._write(bulletin_id).places
        for loc in located:
            if loc.place_id.startswith("unlisted:") and loc.span is not None:
                places.setdefault(loc.span.text, loc)

    def located(self, bulletin_id: str, countries: set[str]) -> None:
        """An item of the bulletin had places in `countries`."""
        bulletin = self._write(bulletin_id)
        bulletin.items += 1
        bulletin.placed += bool(countries)
        bulletin.countries.update(countries)

    def home(self, bulletin_id: str) -> str | None:
        """The country the bulletin is about, by its items so far: the one whose places at
        least two items and two in three items name ("Cyclone Ditwah: situation report" on
        Sri Lanka's districts), else None (a round-up of several countries)."""
        bulletin = self._read(bulletin_id)
        if not bulletin.countries:
            return None
        count, country = max((n, c) for c, n in bulletin.countries.items())
        return country if count >= 2 and 3 * count >= 2 * bulletin.items else None

    def sole_country(self, bulletin_id: str) -> str | None:
        """The one country every item of the bulletin so far that had places had them in, if
        there is one: where a name a later item introduces by its noun ("in the locality of
        Nyabiondo") is put when the item names no other place."""
        bulletin = self._read(bulletin_id)
        if len(bulletin.countries) != 1:
            return None
        country, count = next(iter(bulletin.countries.items()))
        return country if count == bulletin.placed else None


def short_names(
    actors: list[Actor], texts: Mapping[str, str], persons: set[str]
) -> dict[str, Actor]:
    """The names later items may use for `actors`: a person's surname (`persons` are the
    names that are persons'), and an acronym given in brackets after a name. `texts`: the
    passages by span field, to read what follows each actor's span."""
    out: dict[str, Actor] = {}
    for actor in actors:
        if actor.name in persons and len(words := actor.name.split()) > 1:
            surname = _SURNAME.match(words[-1])
            if surname is not None:
                out[surname.group()] = actor
        span = actor.span
        if span is not None and (text := texts.get(span.field)) is not None:
            acronym = _ACRONYM_AFTER.match(text, span.end)
            if acronym is not None:
                out[acronym.group("short")] = actor
    return out
