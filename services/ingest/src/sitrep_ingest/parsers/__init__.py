"""Feed parsers: pure functions from a body to `UpdateEvent`s."""

from sitrep_ingest.parsers.dispatch import FORMATS, guess_format, parse_feed

__all__ = ["FORMATS", "guess_format", "parse_feed"]
