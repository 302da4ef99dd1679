"""`sitrep` command line. Each subcommand calls into a service; nothing here holds logic."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

FORMATS = ["bulletin", "json", "ndjson", "rss", "atom"]  # as ingest reads them
EXIT_CODES = """exit codes:
  0  done
  1  done, but some inputs were rejected (push: files ingest refused; tag: lines that are not
     UpdateEvents); probe: the service is not ready or none answers; audit: an acknowledged
     event is neither stored, withdrawn nor in the DLQ, or is stored twice
  2  bad usage, or an input that cannot be read (missing file, a directory, not UTF-8)
  3  a service did not answer (push: ingest; dlq, audit: the broker or Redis)
  130 interrupted"""


def _read_input(path: str) -> bytes:
    return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()


def cmd_parse(args: argparse.Namespace) -> int:
    from sitrep_ingest.parsers import guess_format, parse_feed
    from sitrep_ingest.problems import FeedProblem

    body = _read_input(args.file)
    fmt = args.format or guess_format(body.decode("utf-8", "replace"))
    try:
        events = parse_feed(body, fmt=fmt, source=args.source, received_at=datetime.now(UTC))
    except FeedProblem as exc:
        print(f"sitrep parse: {args.file}: {exc.detail}", file=sys.stderr)
        return 2
    for event in events:
        sys.stdout.write(event.model_dump_json() + "\n")
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    from sitrep_classifier.tagger import Tagger
    from sitrep_schemas import UpdateEvent

    tagger = Tagger()
    failures = 0
    stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                event = UpdateEvent.model_validate_json(line)
            except ValidationError as exc:
                failures += 1
                print(
                    f"sitrep tag: line {number}: not an UpdateEvent: {exc.errors()[0]['msg']}",
                    file=sys.stderr,
                )
                continue
            sys.stdout.write(tagger.classify(event).model_dump_json() + "\n")
    return 1 if failures else 0


def cmd_push(args: argparse.Namespace) -> int:
    from sitrep_cli.push import push

    token = args.token or os.environ.get("SITREP_TOKEN")
    summary = push(args.files, args.url, args.source, token, retries=args.retries)
    print(summary.line())
    for path, reason in summary.rejected:
        print(f"  rejected {path}: {reason}")
    return 1 if summary.rejected else 0


def cmd_probe(args: argparse.Namespace) -> int:
    from sitrep_cli.probe import health_ports, probe

    result = probe(health_ports(), host=args.host, timeout=args.timeout)
    print(result.line, file=sys.stdout if result.ready else sys.stderr)
    return 0 if result.ready else 1


def cmd_eval(args: argparse.Namespace) -> int:
    if args.incidents:
        from sitrep_cli.evaluate_incidents import evaluate_incidents

        for path in args.incidents:
            score = evaluate_incidents(Path(path))
            print(score.table())
            if args.verbose:
                print("\n".join(score.mistakes))
        if not args.directory:
            return 0
    if not args.directory:
        print("sitrep eval: give a dev-set DIRECTORY, --incidents FILE, or both", file=sys.stderr)
        return 2
    from sitrep_classifier.tagger import Tagger
    from sitrep_cli.evaluate import Report, evaluate, parts

    def show(title: str, report: Report) -> None:
        print(f"== {title}")
        print(report.table())
        if args.verbose:
            print("\n".join(report.mistakes))

    found = parts(Path(args.directory))
    wanted = {name: path for name, path in found.items() if not args.part or name in args.part}
    rules = Tagger(learned=False)
    learned = Tagger(taxonomy=rules.taxonomy, gazetteer=rules.gazetteer, actors=rules.actors)
    for name, directory in wanted.items():
        show(f"{name}, rules only: {directory}", evaluate(directory, rules))
        if learned.learned is None:
            continue
        if name == "tune":
            from sitrep_cli.train import cross_validate

            # Scored on bulletins the model was not trained on, or the figures are 1.0.
            show(
                f"{name}, rules + learned, 5-fold cross-validated", cross_validate(directory.parent)
            )
        else:
            show(f"{name}, rules + learned: {directory}", evaluate(directory, learned))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from sitrep_classifier.learned import model_path
    from sitrep_cli.train import examples, train

    items = examples(Path(args.directory))
    model = train(items)
    out = Path(args.output) if args.output else model_path()
    model.save(out)
    print(f"{out}: {len(items)} examples, {len(model.labels)} event types")
    return 0


def cmd_dlq(args: argparse.Namespace) -> int:
    import json

    from sitrep_cli.dlq import list_dlq, replay
    from sitrep_schemas.settings import SitrepSettings

    settings = SitrepSettings()
    if args.action == "list":
        for line in list_dlq(settings):
            print(json.dumps(line))
        return 0
    summary = replay(settings, set(args.stage or ()) or None, dry_run=args.dry_run)
    print(summary.line())
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    import dataclasses
    import json

    from sitrep_cli.audit import audit
    from sitrep_schemas.settings import SitrepSettings

    report = audit(
        SitrepSettings(),
        since=args.since,
        until=args.until,
        grace_s=args.grace,
        sources=set(args.source) if args.source else None,
    )
    if args.json:
        print(json.dumps({"ok": report.ok, **dataclasses.asdict(report)}))
    else:
        for line in report.lines():
            print(line)
    return 0 if report.ok else 1


def _when(value: str) -> datetime:
    """An ISO 8601 time, or an age: 90s, 15m, 2h, 7d (that long ago)."""
    from datetime import timedelta

    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    if value[-1:] in units and value[:-1].replace(".", "", 1).isdigit():
        return datetime.now(UTC) - timedelta(seconds=float(value[:-1]) * units[value[-1]])
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is neither an ISO 8601 time nor an age such as 90s, 15m, 2h, 7d"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def cmd_up(args: argparse.Namespace) -> int:
    from sitrep_cli.stack import up

    return up(args.seed or [], durable=args.durable)


def cmd_service(args: argparse.Namespace) -> int:
    if args.command == "ingest":
        from sitrep_ingest.app import main as ingest_main

        ingest_main()
    elif args.command == "classifier":
        from sitrep_classifier.worker import main as classifier_main

        classifier_main()
    elif args.command == "projector":
        from sitrep_api.projector import main as projector_main

        projector_main()
    elif args.command == "resolver":
        from sitrep_api.resolver_worker import main as resolver_main

        resolver_main()
    else:
        from sitrep_api.app import main as api_main

        api_main()
    return 0


class _Help(argparse.ArgumentDefaultsHelpFormatter):
    """Help that names each option's default, unless there is none or the text says it."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if action.default in (None, False, argparse.SUPPRESS) or "default" in text:
            return text
        return super()._get_help_string(action)


def build_parser() -> argparse.ArgumentParser:
    fmt: dict[str, Any] = {"formatter_class": _Help}
    parser = argparse.ArgumentParser(
        prog="sitrep",
        description="Live situation reports from news feeds.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="print the UpdateEvents of one feed as JSON lines", **fmt)
    p.add_argument("file", nargs="?", default="-", help="the feed file, or - for stdin")
    p.add_argument(
        "--format", choices=FORMATS, help="the feed's format (default: guessed from its content)"
    )
    p.add_argument("--source", help="source id for every event (default: the feed's own)")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser(
        "eval",
        **fmt,
        help="score the tagger on a labelled dev set (precision/recall/F1 per field), and/or"
        " incident resolution on a labelled set of reports (B-cubed, killed/injured totals)",
    )
    p.add_argument(
        "directory",
        nargs="?",
        help="a dev set: bulletins with NAME.gold.json or NAME.labelled.EXT; one with tune/"
        " and test/ folders is scored part by part",
    )
    p.add_argument(
        "--incidents",
        nargs="+",
        metavar="FILE",
        help="JSON-lines sets of reports with their gold incident (tests/data/incidents/)",
    )
    p.add_argument(
        "--part",
        action="append",
        choices=["tune", "test", "all"],
        help="score only this part of a split set (repeatable; default: every part)",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="also list the mistakes")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser(
        "train",
        **fmt,
        help="fit the tagger's learned layer (event type) on the tuning part of a labelled set",
    )
    p.add_argument(
        "directory",
        nargs="?",
        default="tests/data/classifier",
        help="a labelled set with tune/ and tune-sentences.txt (default: %(default)s)",
    )
    p.add_argument("-o", "--output", help="where to write the model (default: the package's)")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser(
        "tag", help="read UpdateEvent JSON lines, print TaggedEvent JSON lines", **fmt
    )
    p.add_argument("file", nargs="?", default="-", help="UpdateEvent JSON lines, or - for stdin")
    p.set_defaults(func=cmd_tag)

    p = sub.add_parser(
        "push", help="post feed files (or directories, or - for stdin) to a running ingest", **fmt
    )
    p.add_argument("files", nargs="+", help="feed files, directories of them, or - for stdin")
    p.add_argument("--url", default="http://127.0.0.1:8081", help="the ingest's base URL")
    p.add_argument("--source", help="source id for every event (default: each feed's own)")
    p.add_argument("--token", help="bearer token (default: $SITREP_TOKEN)")
    p.add_argument(
        "--retries",
        type=int,
        default=5,
        help="retries of a feed while ingest refuses connections or answers 503, with"
        " exponential backoff from 1 s",
    )
    p.set_defaults(func=cmd_push)

    p = sub.add_parser("dlq", help="list the dead-letter topic, or replay it after a fix", **fmt)
    p.add_argument("action", choices=["list", "replay"], help="what to do")
    p.add_argument(
        "--stage",
        action="append",
        choices=["decode", "classify", "project"],
        help="replay only records refused by this stage (repeatable; default: all)",
    )
    p.add_argument("--dry-run", action="store_true", help="print what would be replayed")
    p.set_defaults(func=cmd_dlq)

    p = sub.add_parser(
        "audit",
        help="account for every event ingest acknowledged: stored, withdrawn or in the DLQ;"
        " print the gaps (exit 1 if any)",
        **fmt,
    )
    p.add_argument(
        "--since",
        type=_when,
        help="events accepted from this time: ISO 8601 or an age (2h, 7d); default: all",
    )
    p.add_argument(
        "--until",
        type=_when,
        help="events accepted up to this time: ISO 8601 or an age; default: --grace ago",
    )
    p.add_argument(
        "--grace",
        type=float,
        default=30.0,
        help="seconds an event may take from acknowledgement to the state (default --until)",
    )
    p.add_argument("--source", action="append", help="only this source (repeatable)")
    p.add_argument("--json", action="store_true", help="the report as one JSON object")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("up", help="run the whole local stack until Ctrl-C / SIGTERM", **fmt)
    p.add_argument("--seed", action="append", help="push these feed files/directories once ready")
    p.add_argument(
        "--durable",
        action="store_true",
        help="keep the embedded broker's topics and offsets on disk (s3rver in SITREP_DATA_DIR/s3)",
    )
    p.set_defaults(func=cmd_up)

    p = sub.add_parser(
        "probe",
        help="exit 0 if the sitrep service on this host answers /readyz with 200 (the"
        " image's HEALTHCHECK), 1 if it is not ready or none answers",
        **fmt,
    )
    p.add_argument("--host", default="127.0.0.1", help="where the service listens")
    p.add_argument("--timeout", type=float, default=3.0, help="seconds per request")
    p.set_defaults(func=cmd_probe)

    for name in ("ingest", "classifier", "projector", "resolver", "api"):
        p = sub.add_parser(
            name, help=f"run the {name} service (settings from SITREP_* variables)", **fmt
        )
        p.set_defaults(func=cmd_service)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Runs a command; what goes wrong outside sitrep is one line on stderr and an exit code
    (EXIT_CODES), never a traceback."""
    args = build_parser().parse_args(argv)
    prog = f"sitrep {args.command}"
    try:
        code: int = args.func(args)
    except OSError as exc:  # a missing or unreadable file, a directory where a file was meant
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{prog}: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:
        print(f"{prog}: the input is not UTF-8 text ({exc.reason})", file=sys.stderr)
        return 2
    except Exception as exc:
        if not _is_unreachable(exc):
            raise
        print(f"{prog}: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
    return code


def _is_unreachable(exc: Exception) -> bool:
    """A service sitrep talks to did not answer: ingest (push), the broker or Redis (dlq)."""
    import httpx
    from kafka.errors import KafkaError
    from redis import ConnectionError as RedisConnectionError

    from sitrep_cli.push import Unreachable

    kinds = (
        Unreachable,
        httpx.TransportError,
        KafkaError,
        RedisConnectionError,
    )
    return isinstance(exc, kinds)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sitrep")
    except PackageNotFoundError:
        return "unknown"
