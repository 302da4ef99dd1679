"""What a bulletin's earlier items named, for its later items to refer back to.

A report names a person in full once ("Sinisa Karan, the ruling party's candidate, won ...")
and by surname after ("Karan took 50.4 percent"), and spells a body out once with its
acronym ("the National Anti-Corruption Bureau (NABU)") before using the acronym alone; it
says "the town of Lachapelle" once and "Lachapelle" after; a sitrep on one country's
districts need not name the country in each item; "They called on ..." follows "The members
of the Security Council condemned ...". Items are tagged one by one, so the tagger remembers,
per bulletin: the short names its items have introduced, the unlisted places they found, the
countries their places lay in, and who the last item opened with. Items of one bulletin come in order (one source is one Kafka key, so one
partition), so a replay tags them the same way; the memory is bounded (least recently used
bulletins are forgotten) and an item whose bulletin is forgotten is tagged on its own text.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Mapping

from sitrep_schemas import Actor, Location

# "the National Anti-Corruption Bureau (NABU)": the acronym right after the name
# ("SoDMA": two capitals at least, with small letters between)
_ACRONYM_AFTER = re.compile(r"\s*\((?P<short>[A-Z][A-Za-z0-9&-]{0,8}[A-Z0-9])\)")
_SURNAME = re.compile(r"[A-Z][\w’'-]+$")


class BulletinMemory:
    """Per bulletin id, for the last `size` bulletins: short name -> the actor it stands for,
    and the countries its items' places lay in."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._named: OrderedDict[str, dict[str, Actor]] = OrderedDict()
        self._countries: OrderedDict[str, Counter[str]] = OrderedDict()
        self._places: OrderedDict[str, dict[str, Location]] = OrderedDict()
        # the person, and the body or group, the last item opened with: who "He", "She" and
        # "They" opening the next item are
        self._subjects: OrderedDict[str, tuple[Actor | None, Actor | None]] = OrderedDict()

    def subject(self, bulletin_id: str, pronoun: str) -> Actor | None:
        person, other = self._subjects.get(bulletin_id, (None, None))
        return person if pronoun in ("He", "She") else other

    def remember_subjects(
        self, bulletin_id: str, person: Actor | None, other: Actor | None
    ) -> None:
        self._subjects[bulletin_id] = (person, other)
        self._subjects.move_to_end(bulletin_id)
        while len(self._subjects) > self.size:
            self._subjects.popitem(last=False)

    def places(self, bulletin_id: str) -> Mapping[str, Location]:
        """The places the gazetteer does not list that earlier items found by a noun ("the
        town of Lachapelle"), by their written name."""
        return self._places.get(bulletin_id, {})

    def remember_places(self, bulletin_id: str, located: list[Location]) -> None:
        found = [loc for loc in located if loc.place_id.startswith("unlisted:") and loc.span]
        if not found:
            return
        named = self._places.get(bulletin_id)
        if named is None:
            named = self._places[bulletin_id] = {}
            while len(self._places) > self.size:
                self._places.popitem(last=False)
        for loc in found:
            if loc.span is not None:
                named.setdefault(loc.span.text, loc)

    def located(self, bulletin_id: str, countries: set[str]) -> None:
        """An item of the bulletin had places in `countries`."""
        seen = self._countries.get(bulletin_id)
        if seen is None:
            seen = self._countries[bulletin_id] = Counter()
            while len(self._countries) > self.size:
                self._countries.popitem(last=False)
        self._countries.move_to_end(bulletin_id)
        seen["items"] += 1
        seen.update(countries)

    def home(self, bulletin_id: str) -> str | None:
        """The country the bulletin is about, by its items so far: the one whose places at
        least two items and two in three items name ("Cyclone Ditwah: situation report" on
        Sri Lanka's districts), else None (a round-up of several countries)."""
        seen = self._countries.get(bulletin_id)
        if not seen:
            return None
        items = seen["items"]
        top = [(n, c) for c, n in seen.items() if c != "items"]
        if not top:
            return None
        count, country = max(top)
        return country if count >= 2 and 3 * count >= 2 * items else None

    def recall(self, bulletin_id: str) -> Mapping[str, Actor]:
        named = self._named.get(bulletin_id)
        if named is None:
            return {}
        self._named.move_to_end(bulletin_id)
        return named

    def remember(self, bulletin_id: str, short_names: Mapping[str, Actor]) -> None:
        named = self._named.get(bulletin_id)
        if named is None:
            if not short_names:
                return
            named = self._named[bulletin_id] = {}
            while len(self._named) > self.size:
                self._named.popitem(last=False)
        self._named.move_to_end(bulletin_id)
        for short, actor in short_names.items():
            named.setdefault(short, actor)  # the first to introduce a name keeps it


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
