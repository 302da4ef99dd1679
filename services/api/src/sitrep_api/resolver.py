"""The Redis edge of incident resolution: where candidates meet and the decision is made.

Every tallied report is stored in the incident keyspace (`{prefix}:{inc}:`, one hash
slot) and listed under blocking keys (`incidents.blocking`). A new report is judged
against the reports listed in its blocks (`rules.decide`); it joins every incident it
links to, and incidents it links together merge (`grouping`: the incidents are the
connected components of the links). The decision is committed by one script that first
checks that no block or incident it read has changed since (`lua/apply_incidents.lua`);
when one has, another resolver got there first and the batch is read and decided again.
So any number of resolvers give what one gives, and a report already stored at its
classifier version is a no-op (replay). A report re-tagged by a newer classifier leaves
its incident, whose other reports are grouped again from scratch; so does a report its
source withdrew (`withdrawn`), which then leaves every map.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sitrep_api.incidents.blocking import read_blocks, stored_blocks
from sitrep_api.incidents.grouping import (
    FigureRule,
    Summary,
    UnionFind,
    contribution_of,
    merge,
    summary_of,
    view_of,
)
from sitrep_api.incidents.report import Report, report_of
from sitrep_api.incidents.rules import (
    IncidentRules,
    apart_before_places,
    decide,
    effective_type,
    load_rules,
)
from sitrep_api.keyspace import incident_keys, lua_script
from sitrep_schemas import TaggedEvent

log = logging.getLogger(__name__)
RESOLVE_SCRIPT = lua_script("apply_incidents.lua")


class ResolverConflict(RuntimeError):
    """Other resolvers kept changing what this one read; the batch is retried by the caller."""


class _Moved(Exception):
    """What this resolver read was changed by another half-way through: read again."""


def _entry(report: Report) -> str:
    """A block lists `event_id|rank`: a report of a known id and rank never changes, so a
    resolver may keep it in memory."""
    return f"{report.event_id}|{report.rank}"


@dataclass
class Resolution:
    """What one batch changed: report -> its incident, and the incidents written or dropped."""

    members: dict[str, str] = field(default_factory=dict)
    put: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    attempts: int = 0


class _Decisions:
    """`decide` with a memory: reports that agree on everything the rule reads get the same
    answer (a burst of copies of one report is judged once, not once per copy)."""

    def __init__(self, rules: IncidentRules) -> None:
        self.rules = rules
        self.memo: dict[tuple[int, int], bool] = {}
        self.signatures: dict[str, tuple[Any, int]] = {}  # entry -> (signature, its number)
        self.numbers: dict[Any, int] = {}
        self.structures: dict[str, Any] = {}

    def signature(self, r: Report) -> int:
        """A small number that two reports share when the rule cannot tell them apart."""
        key = _entry(r)  # a re-tagged report is another entry
        held = self.signatures.get(key)
        if held is None:
            # the source and its bulletin day: "Separately" keeps a report apart from its
            # own bulletin's items (decide reads them; the shapes below do not)
            sig = (
                self.structure(r), r.places, r.actors, r.groups, r.words, r.source,
                r.bulletin_day, r.targets,
            )  # fmt: skip
            held = (sig, self.numbers.setdefault(sig, len(self.numbers)))
            self.signatures[key] = held
        return held[1]

    def structure(self, r: Report) -> Any:
        """What `apart_before_places` reads of a report."""
        key = _entry(r)
        held = self.structures.get(key)
        if held is None:
            held = self.structures[key] = self._structure(r)
        return held

    def _structure(self, r: Report) -> Any:
        return (
            effective_type(r, self.rules), r.event_type, r.tallied, r.occurred,
            r.occurred_precision, r.occurred_basis, r.day_part, r.weapons,
            bool(any(c.kind in self.rules.casualty_kinds for c in r.claims)), r.toll_update,
            r.responsibility, r.hazards, r.revision,
            # the magnitude too: a shape holding a quake and its aftershock is not one shape
            r.claim("magnitude"),
            # "told before" reads the bulletin's day
            r.bulletin_day,
        )  # fmt: skip

    def forget(self, keep: int) -> None:
        """Drop the pair answers of the last batch; the per-report keys while they are few."""
        self.memo.clear()
        if len(self.signatures) > keep:
            self.signatures.clear()
            self.numbers.clear()
            self.structures.clear()

    def apart(self, a: Report, b: Report) -> bool:
        return apart_before_places(a, b, self.rules)

    def __call__(self, a: Report, b: Report) -> bool:
        key = (self.signature(a), self.signature(b))
        if key not in self.memo:
            self.memo[key] = decide(a, b, self.rules) is not None
        return self.memo[key]


@dataclass
class Resolver:
    client: Any  # redis.Redis or RedisCluster
    prefix: str = "sitrep"
    rules: IncidentRules = field(default_factory=load_rules)
    figure_rule: FigureRule = "highest"
    max_attempts: int = 50
    cache_size: int = 50_000
    block_cache: int = 4_096  # blocks held in memory with their version

    def __post_init__(self) -> None:
        self.keys = incident_keys(self.prefix)
        self._script = self.client.register_script(RESOLVE_SCRIPT)
        self._cache: OrderedDict[str, Report] = OrderedDict()  # block entry -> report
        self._judge = _Decisions(self.rules)
        self._blocks: OrderedDict[str, tuple[int, frozenset[str]]] = OrderedDict()

    def resolve(
        self, events: Iterable[TaggedEvent], withdrawn: Iterable[tuple[str, str]] = ()
    ) -> Resolution:
        """Resolve `events` into incidents, and take the reports `withdrawn` by their source
        ((event id, source) pairs) out of theirs: their incidents are grouped again without
        them. A withdrawal is remembered (`withdrawn` hash), so an event that arrives after its
        own source withdrew it never joins anything: the two topics need not be in order."""
        gone = dict(withdrawn)
        incoming: dict[str, Report] = {}
        for event in events:
            if gone.get(event.event_id) == event.event.source:
                continue
            report = report_of(event)
            held = incoming.get(report.event_id)
            if held is None or report.rank > held.rank:
                incoming[report.event_id] = report
        for attempt in range(1, self.max_attempts + 1):
            try:
                plan = self._plan(incoming, gone)
            except _Moved as exc:
                log.info("incident state moved while read (%s); reading again (%d)", exc, attempt)
                continue
            if plan is None:
                return Resolution(attempts=attempt)
            payload, resolution = plan
            if int(self._script(keys=[self.keys], args=[json.dumps(payload)])):
                self._committed(payload)
                resolution.attempts = attempt
                return resolution
            log.info("incident decision raced another resolver; deciding again (%d)", attempt)
        raise ResolverConflict(f"gave up after {self.max_attempts} attempts")

    # -- reading ------------------------------------------------------------------
    def _hmget(self, key: str, ids: list[str], parse: Any = json.loads) -> dict[str, Any]:
        """The fields `ids` of the hash `key` that exist, each parsed (JSON by default)."""
        if not ids:
            return {}
        values = self.client.hmget(self.keys + key, ids)
        return {i: parse(v) for i, v in zip(ids, values, strict=True) if v is not None}

    def _block_entries(self, versions: dict[str, int]) -> dict[str, frozenset[str]]:
        """Each block's entries at the version read: from memory when it is that version,
        else read again (its version first, then its entries; `versions` is updated)."""
        out, stale = {}, []
        for block, version in versions.items():
            held = self._blocks.get(block)
            if held is not None and held[0] == version:
                out[block] = held[1]
                self._blocks.move_to_end(block)
            else:
                stale.append(block)
        if stale:
            pipe = self.client.pipeline(transaction=False)
            for block in stale:
                pipe.hget(self.keys + "blockver", block)
                pipe.smembers(self.keys + "block:" + block)
            answers = pipe.execute()
            for i, block in enumerate(stale):
                versions[block] = int(answers[2 * i] or 0)
                out[block] = frozenset(m.decode() for m in answers[2 * i + 1])
                self._blocks[block] = (versions[block], out[block])
        while len(self._blocks) > self.block_cache:
            self._blocks.popitem(last=False)
        return out

    def _committed(self, payload: dict[str, Any]) -> None:
        """Bring the blocks held in memory to what the commit wrote (each list it added to
        or took from moved its version by one per kind of change)."""
        added, removed = payload["block_add"], payload["block_remove"]
        for block in set(added) | set(removed):
            held = self._blocks.get(block)
            if held is None or held[0] != payload["blocks"].get(block):
                self._blocks.pop(block, None)
                continue
            version = held[0] + (block in added) + (block in removed)
            entries = (held[1] - set(removed.get(block, ()))) | set(added.get(block, ()))
            self._blocks[block] = (version, frozenset(entries))

    def _versions(self, ids: list[str], key: str = "ver") -> dict[str, int]:
        """Versions of incidents (`ver`) or of blocks (`blockver`); 0 for one never written."""
        if not ids:
            return {}
        values = self.client.hmget(self.keys + key, ids)
        return {i: int(v or 0) for i, v in zip(ids, values, strict=True)}

    def _remember(self, report: Report) -> None:
        self._cache[_entry(report)] = report
        self._cache.move_to_end(_entry(report))
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def _reports_by_entry(self, entries: Iterable[str]) -> dict[str, Report]:
        """Reports by block entry, from memory where it has them."""
        out, missing = {}, []
        for entry in entries:
            report = self._cache.get(entry)
            if report is None:
                missing.append(entry)
            else:
                out[entry.split("|", 1)[0]] = report
        out.update(self._reports_by_id([e.split("|", 1)[0] for e in missing]))
        return out

    def _reports_by_id(self, ids: list[str]) -> dict[str, Report]:
        out = {}
        for eid, data in self._hmget("report", ids).items():
            out[eid] = Report.from_json(data)
            self._remember(out[eid])
        return out

    # -- deciding -----------------------------------------------------------------
    def _plan(
        self, incoming: dict[str, Report], withdrawn: dict[str, str]
    ) -> tuple[dict[str, Any], Resolution] | None:
        rules, keys = self.rules, self.keys
        stored = self._reports_by_id([*incoming, *withdrawn])
        held = self._hmget("withdrawn", [*incoming, *withdrawn], parse=bytes.decode)
        todo = {
            e: r
            for e, r in incoming.items()
            if held.get(e) != r.source and (e not in stored or stored[e].rank < r.rank)
        }
        # a withdrawal counts only from the report's own source; one for a report not here
        # yet is remembered, and that report will never join
        leaving = {
            eid: stored[eid] for eid, src in withdrawn.items()
            if eid in stored and stored[eid].source == src
        }  # fmt: skip
        early = {
            eid: src for eid, src in withdrawn.items() if eid not in stored and held.get(eid) != src
        }
        if not todo and not leaving and not early:
            return None
        # reports that leave their incident: re-tagged ones (they rejoin) and withdrawn ones
        retagged = {eid: stored[eid] for eid in todo if eid in stored} | leaving

        # 1. The candidate blocks, their versions and entries. Every read takes a version
        # before the data it covers: a write between the two moves the version, and the
        # commit then refuses. A block this resolver holds at the version Redis has (it
        # wrote the block last) is not read again: a day's block holds every report of it.
        wanted = {b for r in todo.values() for b in read_blocks(r, rules)}
        blocks = sorted(wanted | {b for r in retagged.values() for b in stored_blocks(r, rules)})
        versions = self._versions(blocks, "blockver")
        entries = self._block_entries(versions)
        deciding = todo.keys() | leaving.keys()  # judged fresh, not as candidates
        listed = {b: {m for m in entries[b] if m.split("|", 1)[0] not in deciding} for b in blocks}
        known = self._reports_by_entry(set().union(*listed.values()) if listed else ())

        # 2. Who the candidates belong to; incidents losing a re-tagged report dissolve.
        member: dict[str, str] = self._hmget(
            "member", sorted(set(known) | set(retagged)), parse=bytes.decode
        )
        dissolved = sorted({member[e] for e in retagged if e in member})
        gone = set(dissolved)
        inc_versions = self._versions(dissolved)
        loose: set[str] = set()  # reports of dissolved incidents, grouped again
        for iid in dissolved:
            loose |= {m.decode() for m in self.client.smembers(keys + "members:" + iid)}
        loose -= set(todo) | set(leaving)
        known.update(self._reports_by_id(sorted(loose - set(known))))
        member.update(self._hmget("member", sorted(loose - set(member)), parse=bytes.decode))

        def node(eid: str) -> str:
            """A report stands for its incident, unless the incident dissolves."""
            if eid in todo or eid in loose or member.get(eid) in gone:
                return eid
            return "i:" + member[eid]

        # 3. Link: the new reports with their candidates and each other, the loose reports
        # with each other. A pair already connected needs no judging, and of the reports of
        # one incident that agree on everything the rule reads, one is judged.
        links = UnionFind([*todo, *sorted(loose)])
        judge = self._judge
        judge.forget(keep=self.cache_size)
        loose_sorted = sorted(loose)
        for i, eid in enumerate(loose_sorted):
            for other in loose_sorted[:i]:
                if links.find(eid) != links.find(other) and judge(known[eid], known[other]):
                    links.union(eid, other)
        # block -> node -> what the word-free checks read -> one report per signature
        by_block: dict[str, dict[str, dict[Any, dict[int, Report]]]] = {}
        for block, block_entries in listed.items():
            nodes = by_block.setdefault(block, {})
            for entry in block_entries:
                eid = entry.split("|", 1)[0]
                if eid in known and eid in member:
                    report = known[eid]
                    shapes = nodes.setdefault(node(eid), {})
                    shapes.setdefault(judge.structure(report), {}).setdefault(
                        judge.signature(report), report
                    )
        order = sorted(todo)
        entries_of = {eid: set(stored_blocks(todo[eid], rules)) for eid in order}
        for i, eid in enumerate(order):
            report = todo[eid]
            reads = read_blocks(report, rules)
            for block in reads:  # per incident, not per report: a big incident is one step
                for target, shapes in by_block.get(block, {}).items():
                    links.add(target)
                    if links.find(eid) == links.find(target):
                        continue
                    for kinds in shapes.values():
                        first = next(iter(kinds.values()))
                        if judge.apart(report, first):
                            continue  # the whole shape is apart without reading a word
                        if any(judge(report, other) for other in kinds.values()):
                            links.union(eid, target)
                            break
            for other in order[:i]:
                meets = entries_of[other] & set(reads) and links.find(eid) != links.find(other)
                if meets and judge(report, todo[other]):
                    links.union(eid, other)

        # 4. The groups that hold something new, as merged summaries.
        groups = [g for g in links.groups() if any(not n.startswith("i:") for n in g)]
        existing = sorted({n[2:] for g in groups for n in g if n.startswith("i:")} | set(dissolved))
        inc_versions |= self._versions([i for i in existing if i not in inc_versions])
        needed = [i for i in existing if i not in gone]
        summaries: dict[str, Summary] = self._hmget("summary", needed)
        if len(summaries) != len(needed):
            raise _Moved("an incident read a moment ago is gone")
        everyone = {**known, **todo}
        resolution = Resolution()
        put, moves, joins = [], [], []
        for group in groups:
            parts = [summaries[n[2:]] for n in group if n.startswith("i:")]
            singles = [everyone[n] for n in group if not n.startswith("i:")]
            summary = merge_all([*parts, *(summary_of(r) for r in singles)])
            view = view_of(summary, self.figure_rule)
            iid = view["incident_id"]
            contribution = contribution_of(view, summary)
            put.append(
                [
                    iid,
                    json.dumps(view),
                    json.dumps(contribution.to_json_dict()),
                    json.dumps(summary),
                ]
            )
            resolution.put.append(iid)
            moves += [[n[2:], iid] for n in group if n.startswith("i:") and n[2:] != iid]
            for report in singles:
                joins.append([report.event_id, iid])
                resolution.members[report.event_id] = iid
        resolution.dropped = sorted(set(existing) - set(resolution.put))

        block_add: dict[str, list[str]] = {}
        for report in todo.values():
            for block in stored_blocks(report, rules):
                block_add.setdefault(block, []).append(_entry(report))
        block_remove: dict[str, list[str]] = {}
        for old in retagged.values():
            for block in stored_blocks(old, rules):
                block_remove.setdefault(block, []).append(_entry(old))
        payload = {
            "blocks": versions,
            "incidents": inc_versions,
            "retire": existing,
            "dissolve": dissolved,
            "moves": moves,
            "joins": joins,
            "put": put,
            "drop": resolution.dropped,
            "forget": sorted(leaving),
            "withdraw": {eid: r.source for eid, r in leaving.items()} | early,
            "fresh": {eid: r.source for eid, r in todo.items()},
            "early": sorted(early),
            "reports": {eid: json.dumps(r.to_json()) for eid, r in todo.items()},
            "occurred": {eid: json.dumps(r.occurred_on()) for eid, r in todo.items()},
            "block_add": block_add,
            "block_remove": block_remove,
        }
        for report in todo.values():
            self._remember(report)
        return payload, resolution


def merge_all(summaries: list[Summary]) -> Summary:
    """Merge in a fixed order (by smallest report id), so the JSON is byte-identical too."""
    ordered = sorted(summaries, key=lambda s: s["min_id"])
    out = ordered[0]
    for summary in ordered[1:]:
        out = merge(out, summary)
    return out


__all__ = ["Resolution", "Resolver", "ResolverConflict"]
