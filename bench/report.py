"""Render bench/results.json as markdown: the machine, every benchmark's figures, and issue 8's
targets checked against them. Printed, and written into bench/README.md between the
`<!-- results:start -->` / `<!-- results:end -->` markers (`make bench` runs it last).

Run: .venv/bin/python bench/report.py
"""

from __future__ import annotations

import json
from typing import Any

from harness import RESULTS, ROOT

README = ROOT / "bench" / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"


def _rate(s: dict[str, float], fmt: str = ",.0f") -> str:
    return f"{s['median']:{fmt}} | {s['min']:{fmt}} | {s['max']:{fmt}}"


def _targets(r: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(target, figure, verdict) for each of issue 8's targets the results can answer."""
    out: list[tuple[str, str, str]] = []
    stage = r.get("classifier_stage")
    if stage:
        ratio = stage["ratio_sitrep_to_quix"]["median"]
        verdict = "met" if ratio >= 1.2 else "missed"
        out.append(("classifier stage >= 1.2x Quix Streams", f"{ratio:.2f}x", verdict))
        rss = stage["peak_rss_mb"]["sitrep classifier worker"]
        verdict = "met" if rss < 150 else "missed"
        out.append(("classifier < 150 MB RSS", f"{rss:,.0f} MB", verdict))
    ingest = r.get("ingest_throughput")
    if ingest:
        ndjson = next(v for k, v in ingest["events_per_s"].items() if "NDJSON" in k)["median"]
        verdict = "met" if ndjson >= 20_000 else "missed"
        out.append(("ingest NDJSON >= 20,000 events/s", f"{ndjson:,.0f} events/s", verdict))
    projector = r.get("projector_stage")
    if projector:
        rate = projector["events_per_s"]["sitrep projector"]["median"]
        verdict = "met" if rate >= 50_000 else "missed"
        out.append(("projector >= 50,000 events/s", f"{rate:,.0f} events/s", verdict))
        rss = projector["peak_rss_mb"]["sitrep projector"]
        out.append(("projector < 150 MB RSS", f"{rss:,.0f} MB", "met" if rss < 150 else "missed"))
    api = r.get("api_load")
    if api:
        ratio = api["ratio_events_to_bare"]["median"]
        p99 = api["endpoints"]["GET /v1/events?limit=20"]["p99_ms"]
        verdict = "met" if ratio >= 0.8 and p99 < 5 else "missed"
        out.append(("GET /v1/events >= 0.8x a bare endpoint, p99 < 5 ms",
                    f"{ratio:.2f}x, p99 {p99:.1f} ms", verdict))  # fmt: skip
        rss = api["peak_rss_mb"]["api"]
        out.append(("api < 150 MB RSS", f"{rss:,.0f} MB", "met" if rss < 150 else "missed"))
    e2e = r.get("end_to_end")
    if e2e:
        lat = e2e["latency_ms"]
        push, floor = lat["push -> visible in /v1/events"], lat["broker floor produce -> consume"]
        figure = (f"p99 {push['p99']:.1f} ms (p50 {push['p50']:.1f}) vs floor p99 "
                  f"{floor['p99']:.1f} ms (p50 {floor['p50']:.1f}) + 30")  # fmt: skip
        verdict = "met" if push["p99"] <= floor["p99"] + 30 else "missed"
        out.append((f"end-to-end p99 <= broker floor p99 + 30 ms ({e2e['rate']:,}/s, "
                    f"{e2e['seconds']:.0f} s)", figure, verdict))  # fmt: skip
        for name, rss in sorted(e2e["peak_rss_mb"].items()):
            verdict = "met" if rss < 150 else "missed"
            out.append((f"{name} < 150 MB RSS (end-to-end run)", f"{rss:,.0f} MB", verdict))
    return out


def render(r: dict[str, Any]) -> str:
    lines = []
    machine = next(iter(r.values()))["machine"] if r else {}
    if machine:
        versions = ", ".join(f"{k} {v}" for k, v in sorted(machine["versions"].items()) if v)
        lines += [f"Machine: {machine['cores']} cores, Python {machine['python']}, {versions}.", ""]
    lines += ["| target (issue 8) | figure | verdict |", "| --- | --- | --- |"]
    lines += [f"| {t} | {f} | {v} |" for t, f, v in _targets(r)]
    lines.append("")
    for name, result in sorted(r.items()):
        when = result["machine"]["measured_at"]
        lines += [f"**{name}** ({when})", "", "| figure | median | min | max |",
                  "| --- | ---: | ---: | ---: |"]  # fmt: skip
        for group in ("events_per_s", "broker_floor_events_per_s", "ratio_sitrep_to_quix"):
            value = result.get(group)
            if isinstance(value, dict) and "median" in value:
                fmt = ".2f" if group.startswith("ratio") else ",.0f"
                lines.append(f"| {group} | {_rate(value, fmt)} |")
            elif isinstance(value, dict):
                lines += [f"| {k} | {_rate(v)} |" for k, v in value.items()]
        for mode in ("memory", "durable"):
            if mode in result:
                lines += [f"| {mode} {k} | {_rate(v, '.1f' if k.endswith('_ms') else ',.0f')} |"
                          for k, v in result[mode].items()]  # fmt: skip
        for k, v in result.get("endpoints", {}).items():
            lines.append(f"| {k} requests/s (p50 {v['p50_ms']:.1f} ms, p99 {v['p99_ms']:.1f} ms) "
                         f"| {_rate(v['requests_per_s'])} |")  # fmt: skip
        if "ratio_events_to_bare" in result:
            lines.append(
                f"| ratio /v1/events to bare | {_rate(result['ratio_events_to_bare'], '.2f')} |"
            )
        if "ratio_unkept_events_to_bare" in result:
            unkept = _rate(result["ratio_unkept_events_to_bare"], ".2f")
            lines.append(f"| ratio /v1/events to bare, answers not kept | {unkept} |")
        for n, v in result.get("workers_events_per_s", {}).items():
            lines.append(f"| ingest NDJSON, {n} worker process(es), 4 clients | {_rate(v)} |")
        for k, v in result.get("latency_ms", {}).items():
            lines.append(f"| {k} latency ms | p50 {v['p50']:.1f} | | p99 {v['p99']:.1f} |")
            if "window_p99" in v:
                lines.append(f"| {k} p99 per {result['seconds'] / 3:.0f} s window, ms "
                             f"| {_rate(v['window_p99'], '.1f')} |")  # fmt: skip
        for k, v in result.get("stages_ms", {}).items():
            lines.append(f"| stage {k} ms | p50 {v['p50']:.1f} | | p99 {v['p99']:.1f} |")
        for k, v in sorted(result.get("peak_rss_mb", {}).items()):
            lines.append(f"| peak RSS {k} MB | {v:,.0f} | | |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    text = render(results)
    print(text)
    readme = README.read_text()
    if START in readme and END in readme:
        before, rest = readme.split(START, 1)
        after = rest.split(END, 1)[1]
        README.write_text(f"{before}{START}\n{text}\n{END}{after}")


if __name__ == "__main__":
    main()
