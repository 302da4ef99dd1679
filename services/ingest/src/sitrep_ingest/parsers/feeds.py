"""RSS 2.0 and Atom feeds: each item is one event, or one per bullet when its body is a bulletin.

The XML is first read by defusedxml, which refuses DTDs, entity declarations
("billion laughs") and external entities; only a feed that passes is handed to
feedparser for the extraction (titles, links, dates, HTML bodies).
"""

from __future__ import annotations

import html
from datetime import date
from html.parser import HTMLParser
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree
import feedparser  # type: ignore[import-untyped]

from sitrep_ingest.parsers.bulletin import is_meta, parse_bulletin
from sitrep_ingest.parsers.jsonfeed import JsonItem
from sitrep_ingest.problems import MalformedFeed, UnsafeXml

_BLOCKS = {"p", "div", "br", "tr", "section", "article", "blockquote", "ul", "ol", "table"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _HtmlToText(HTMLParser):
    """Item HTML to bulletin-shaped text: list items become "- " lines, headings their own lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCKS or tag in _HEADINGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS or tag in _HEADINGS or tag == "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line)


def html_to_text(fragment: str) -> str:
    parser = _HtmlToText()
    parser.feed(fragment)
    parser.close()
    return parser.text()


def _check_xml(text: str) -> None:
    try:
        defusedxml.ElementTree.fromstring(text.encode("utf-8"), forbid_dtd=True)
    except (
        defusedxml.DTDForbidden,
        defusedxml.EntitiesForbidden,
        defusedxml.ExternalReferenceForbidden,
    ) as exc:
        raise UnsafeXml(
            f"the feed declares a DTD or entities ({type(exc).__name__}); sitrep reads feeds without them"
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise MalformedFeed(
            f"invalid XML at line {line} column {column}: {exc}", line=line, column=column
        ) from None


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None  # UTC


def parse_xml_feed(text: str) -> tuple[str | None, list[JsonItem]]:
    """(feed title, items) of an RSS 2.0 or Atom document."""
    _check_xml(text)
    feed = feedparser.parse(text)
    if not feed.entries and feed.get("bozo"):
        raise MalformedFeed(f"not an RSS or Atom feed: {feed.get('bozo_exception')}")
    title = html.unescape(feed.feed.get("title") or "").strip()[:500] or None
    items: list[JsonItem] = []
    for number, entry in enumerate(feed.entries, start=1):
        where = f"item {number}"
        headline = html.unescape(entry.get("title") or "").strip() or None
        body_html = ""
        if entry.get("content"):
            body_html = entry["content"][0].get("value", "")
        body_html = body_html or entry.get("summary", "")
        # "Read more on our site", "Photo: ...": about the page, not the event
        body = "\n".join(line for line in html_to_text(body_html).splitlines() if not is_meta(line))
        url = entry.get("link")
        day = _entry_date(entry)
        bulletin = parse_bulletin(body) if body else None
        if bulletin is not None and len(bulletin.items) >= 2:
            # The item is itself a bulletin: one event per bullet, under the item's title.
            for it in bulletin.items:
                items.append(
                    JsonItem(
                        where=f"{where}, bullet {it.position}", text=it.text, headline=it.headline,
                        bulletin_date=day or bulletin.bulletin_date, section=it.section or headline, url=url,
                        bulletin_title=title,
                    )
                )  # fmt: skip
            continue
        text_value = body or headline
        if not text_value:
            raise MalformedFeed(f"{where}: has neither a title nor a body")
        items.append(
            JsonItem(
                where=where,
                text=text_value,
                headline=headline if body else None,
                bulletin_date=day,
                bulletin_title=title,
                url=url,
            )
        )
    return title, items
