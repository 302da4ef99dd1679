"""Plain-text news bulletins ("key events" lists) into their items.

The genre: a title and/or a lead line (dateline, source in parentheses, "Nth
day"), optional meta lines ("Published On ...", bylines, photo captions),
short section headers with or without a trailing colon, bullets (`-`, `•`, `*`,
`1.`) each optionally labelled `Headline: text`, and a closing paragraph.
Items are the bullets, in document order; everything else is context. A
bulletin without any bullet falls back to paragraphs under headers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

# A list marker: a dash or dot, a number, or an emoji as channels on messaging apps write
# ("🔴 Russian drones hit Odesa", "🇺🇦 Zelensky to meet Trump")
_EMOJI = (
    "(?:[\U0001f1e6-\U0001f1ff]{2}"
    "|[\u203c\u2049\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff"
    "\U0001f000-\U0001faff]\ufe0f?)"
)
_BULLET = re.compile(
    r"^(?P<indent>\s*)(?:(?:[-•*–—▪◦·‣●○■►]|\d{1,3}[.)/]|\(\d{1,3}\))\s+|"
    + _EMOJI
    + r"+\s*)(?P<body>\S.*)$"
)
_MD_HEADER = re.compile(r"^\s*#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
# Sentences under a summary list that make it the story's, not a closing remark
_STORY_PARAGRAPHS = 3

# Lines that are about the document, not events in it. Matched on a stripped line.
_META = re.compile(
    r"""^(?:
        published\s+on\b | updated\s+on\b | last\s+updated\b | posted\s+on\b
      | by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s*(?:,|and)\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})*\s*$
      | authors?\s*: | writers?\s*: | reporting\s+by\b | edited\s+by\b
      | (?:photo|image|picture|caption|video|file\s+photo)\s*[:(\[-]
      | \[(?:photo|image|picture|video)
      | this\s+live\s+blog\s+(?:has\s+)?(?:ended|is\s+now\s+closed)
      | follow\s+(?:our|the)\s+live\b | read\s+more\b | related\s*: | share\s+this\b | advertisement$
      | here\s+is\s+the\s+situation\s+on\b | here\s+are\s+the\s+key\s+events\b
      | updated\s+at\b | (?:from\s+)?\d{1,3}\s*(?:m|mins?|minutes?|h|hrs?|hours?|d|days?)\s+ago$
      | share$ | copy\s+link$ | show\s+key\s+events\s+only$
      | key\s+events?$ | pinned(?:\s+post)?$ | breaking(?:\s+news)?$ | (?:live\s+)?updates?$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION_CREDIT = re.compile(
    r"\((?:AP|AFP|Reuters|EPA|Getty|Anadolu)[^)]*\)\s*$|\[(?:AP|AFP|Reuters|EPA|Getty)[^\]]*\]\s*$"
)

_SPEECH_VERBS = {
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "writes",
    "stated",
    "warned",
    "announced",
    "declared",
    "noted",
    "tweeted",
    "posted",
    "explained",
    "claimed",
    "reported",
    "insisted",
    "urged",
    "asked",
    "replied",
    "answered",
    "continued",
    "concluded",
    "argued",
    "according",
}

_DAY = re.compile(
    r"\b(?:day\s+(?P<a>\d[\d,]*)|(?P<b>\d[\d,]*)(?:st|nd|rd|th)\s+day)\b", re.IGNORECASE
)
_LEAD_SOURCE = re.compile(
    r"^\s*(?P<dateline>[^()\n]{1,60}?)\s*\((?P<source>[^()\n]{2,80})\)\s*[–—-]{1,2}\s*\S"
)
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATES = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})\.?,?\s+(\d{{4}})\b", re.I), "dmy"),
    (re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy"),
]
_MONTH_INDEX = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}

# A line ending in ':' that reads as a sentence introduces the list; it does not head a section:
# "Here's a recap of the latest developments:", "These are the main events:".
_LEAD_IN = re.compile(
    r"^(?:here(?:'s|’s)?|these|this|below|the\s+following|following|some|our)\b"
    r"|\b(?:is|are|was|were|has|have|had|happened|know)\b|(?:'s|’s)\s",
    re.IGNORECASE,
)
# A standfirst that says what the document is ("Drones, sabotage and expelled diplomats: a
# round-up of the incidents ..."): about the items below it, not one of them.
_ABOUT_DOCUMENT = re.compile(
    r"\b(?:an?\s+(?:round-?up|summary|recap|overview|digest|wrap)\s+of|what\s+we\s+know"
    r"|here\s+(?:is|are)\s+(?:what|the\s+(?:latest|key|main))"
    r"|the\s+(?:week|day|month)['’]s\s+(?:key|main)\s+(?:developments|events))\b",
    re.IGNORECASE,
)
# The document's title, when it stands above the bullets: "Sudan: what we know so far",
# "UKRAINE SUMMARY 0600 GMT", "Haiti: latest news in brief".
_TITLE = re.compile(
    r":\s|\s[–—-]\s|\b(?:what\s+we\s+know|at\s+a\s+glance|key\s+events|latest|live|digest"
    r"|summary|briefs?|recap|round-?up|wrap|timeline|explained|explainer|update)\b",
    re.IGNORECASE,
)
# A label before ':' that is a date is the event's date, not a headline: "17-18 September",
# "November 2023", "Monday", "March 3".
_DATE_LABEL = re.compile(
    rf"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?:(?:\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?"
    rf"(?:st|nd|rd|th)?\s+)?(?:{_MONTHS})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?(?:\s+\d{{4}})?"
    rf"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$",
    re.IGNORECASE,
)

MAX_HEADER_WORDS = 7
MAX_HEADLINE_WORDS = 9
# a lead line without a full stop, up to this long, is the document's headline
_TITLE_WORDS = 20


@dataclass(frozen=True)
class BulletinItem:
    position: int
    section: str | None
    headline: str | None
    text: str
    line: int  # 1-based line where the item starts, for error messages and debugging


@dataclass
class Bulletin:
    title: str | None = None
    lead: str | None = None
    dateline: str | None = None
    source_name: str | None = None
    day_number: int | None = None
    bulletin_date: date | None = None
    sections: list[str] = field(default_factory=list)
    items: list[BulletinItem] = field(default_factory=list)

    @property
    def heading(self) -> str | None:
        """What the document says it is about: its title, or a lead line that is one, being
        short ("SOMALIA - agency digest, 18 November" alone above the bullets) or not a
        sentence: a wire headline ("Israeli strikes kill three in south Lebanon as army says
        it hit Hezbollah sites") or a longer line reading as a title ("DRC: North Kivu and
        Ituri - Flash Update No. 4 (as of 21 November)")."""
        lead = self.lead
        words = len(lead.split()) if lead else 0
        if (
            lead
            and words > 12
            and (_TERMINAL.search(lead) or (words > _TITLE_WORDS and not _TITLE.search(lead)))
        ):
            lead = None
        heading = self.title or lead
        return heading[:500] if heading else None  # UpdateEvent.bulletin_title's bound


@dataclass
class _Line:
    number: int
    raw: str
    text: str  # stripped, emphasis removed
    bullet: str | None  # body of a bullet line
    indent: int


# "**Russian attack on Ternopil kills 3.** A Russian missile hit ...": a bold lead sentence
# is the item's headline, as a label before a colon is
_BOLD_LEAD = re.compile(r"^(\*\*|__)(?P<lead>[^*_:\n]{3,120}?)(?:[.!?]\1|\1[.!?])\s+(?=[A-Z\"“‘'])")


def clean_inline(text: str) -> str:
    lead = _BOLD_LEAD.match(text.lstrip())
    if lead and len(lead.group("lead").split()) <= MAX_HEADLINE_WORDS + 5:
        text = lead.group("lead") + ": " + text.lstrip()[lead.end() :]
    text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def _scan(body: str) -> list[_Line]:
    lines: list[_Line] = []
    for number, raw in enumerate(body.splitlines(), start=1):
        raw = raw.replace("\t", "    ").rstrip()
        m = _BULLET.match(raw)
        # "* " is a bullet, but "**Bold** text" is emphasis, not a bullet.
        if m and raw.lstrip().startswith("**"):
            m = None
        if (
            m
            and not any(line.text for line in lines)
            and _EMOJI_MARK.match(raw)
            and _emoji_title(m.group("body"))
        ):
            m = None  # "⚡️ Morning digest | 14 November": a channel post's title, not an item
        bullet = clean_inline(m.group("body")) if m else None
        indent = len(raw) - len(raw.lstrip())
        lines.append(_Line(number, raw, clean_inline(_MD_HEADER.sub("", raw)), bullet, indent))
    return lines


_EMOJI_MARK = re.compile(r"^\s*" + _EMOJI)


def _emoji_title(body: str) -> bool:
    """Is an emoji-marked first line a title ("Morning digest | 14 November"): one that says
    what the document is, without an end stop?"""
    return (
        _TERMINAL.search(body) is None
        and len(body.split()) <= 12
        and bool(re.search(r"\s\|\s", body) or _TITLE.search(body))
    )


def is_meta(text: str) -> bool:
    return bool(_META.match(text) or _CAPTION_CREDIT.search(text))


def _lead_in(text: str) -> bool:
    """ "Here is a summary of the main developments so far:": it introduces the items."""
    return text.endswith(":") and bool(_LEAD_IN.search(text.rstrip(":")))


def _over_sentence(head: str, below: str) -> bool:
    """Does `head` read as a label over `below`: no end stop (nor a trailing comma, semicolon
    or colon) over a sentence that starts with a capital and ends with a stop?"""
    return (
        _TERMINAL.search(head) is None
        and not head.endswith((",", ";", ":"))
        and below[:1].isupper()
        and _TERMINAL.search(below) is not None
    )


def _bullet_headline(parts: list[str], below: str) -> bool:
    """Is a bullet's one line a headline over the paragraph `below` it: short, over a
    sentence that is longer?"""
    if len(parts) != 1:
        return False
    head = parts[0]
    return (
        len(head.split()) <= MAX_HEADLINE_WORDS
        and (head[:1].isupper() or head[:1].isdigit())
        and not head.endswith("-")
        and _over_sentence(head, below)
        and len(below.split()) >= max(8, len(head.split()) + 3)
    )


def _headline_over(lines: list[_Line], at: int) -> bool:
    """Is the line at `at` a post's headline: a short line right above (no blank line
    between) a paragraph it labels?"""
    line = lines[at]
    below = lines[at + 1] if at + 1 < len(lines) else None
    return (
        below is not None
        and bool(below.text)
        and below.bullet is None
        and len(line.text.split()) <= MAX_HEADLINE_WORDS + 5
        and line.text[:1].isupper()
        and _over_sentence(line.text, below.text)
        and len(below.text.split()) >= min(8, len(line.text.split()) + 1)
    )


def _bullets_follow(lines: list[_Line], at: int) -> bool:
    """Do bullets come under the header at `at` before the next header? Then the paragraphs
    between are its introduction ("Situation overview" over a lead, then bullets)."""
    for line in lines[at + 1 :]:
        if line.bullet is not None:
            return True
        if line.text and _header_text(line) is not None:
            return False
    return False


def _header_text(line: _Line) -> str | None:
    """The header a line would be, or None if it cannot be one (too long, a sentence)."""
    text = line.text
    if not text or line.bullet is not None or is_meta(text) or _LEAD_SOURCE.match(text):
        return None
    words = text.rstrip(":").split()
    # a reader's question heads its answer however long ("What happened to the ships sunk
    # in July?")
    most_words, most_chars = (
        (2 * MAX_HEADER_WORDS, 120) if text.endswith("?") else (MAX_HEADER_WORDS, 80)
    )
    if not words or len(words) > most_words or len(text) > most_chars:
        return None
    if _TERMINAL.search(text) and not text.endswith(("?", ":")):
        return None  # a sentence; a question ("What happened overnight?") can head a section
    if _lead_in(text):
        return None
    if not (text[0].isupper() or text[0].isdigit() or _MD_HEADER.match(line.raw)):
        return None
    return text.rstrip(":").strip() or None


# "Gaza – Israeli strikes killed 20 ...", "UKRAINE — Russian drones hit Odesa": a one- to
# three-word label before a dash, as a wire's round-up writes it
_DASH_LABEL = re.compile(
    r"^(?P<label>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+[–—-]{1,2}\s+(?P<rest>[A-Z\"“].*)$"
)


_FIGURE_LABEL = re.compile(
    r"\b(?:deaths?|dead|killed|fatalities|injured|injuries|wounded|casualties|toll|displaced|"
    r"evacuated|missing|damaged|destroyed|affected|arrested|detained|cases|refugees|returnees)\b"
)


_NUMBER = r"(?:US\$\s?|\$)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_FIGURE_ALONE = re.compile(
    r"(?:(?:about|around|some|nearly|almost|over|more\s+than|at\s+least|up\s+to)\s+)?"
    + _NUMBER
    + r"(?:\s*(?:million|billion|thousand|per\s?cent|%))?"
    r"(?:\s+of\s+(?:the\s+)?" + _NUMBER + r"(?:\s*(?:million|billion))?(?:\s+\w+){0,2})?"
    r"\s*(?:[.;,](?:\s|$)|\(|$)"
)


_ALERT_LABEL = re.compile(
    r"(?:breaking(?:\s+news)?|just\s+in|urgent|flash|alert|developing|update)", re.IGNORECASE
)


def split_headline(text: str) -> tuple[str | None, str]:
    """`Headline: text` -> (headline, text); a colon that is not a label stays in the text."""
    m = re.match(r"^(?P<label>[^:\n]{2,80}?)\s*:\s+(?P<rest>\S.*)$", text)
    if not m:
        dash = _DASH_LABEL.match(text)
        label = dash.group("label") if dash else ""
        if (
            dash
            and len(dash.group("rest").split()) >= 4
            and not any(c.isdigit() for c in label)
            # a spaced hyphen joins names too ("Israel - Hamas talks"): only after capitals
            and (label.isupper() or not text[len(label) :].lstrip().startswith("-"))
        ):
            return label, dash.group("rest").strip()
        return None, text
    label = m.group("label").strip().strip("*_").strip()
    if _ALERT_LABEL.fullmatch(label):
        return None, m.group("rest").strip()  # "BREAKING: ...": how urgent, not what about
    words = label.split()
    if (
        not words
        or len(words) > MAX_HEADLINE_WORDS
        or not label[0].isupper()
        or re.search(r"(?<![A-Z])(?<!\bSt)(?<!\bMr)(?<!\bDr)[.!?]\s|[\"“”«»]", label)
        or words[-1].lower().strip(",") in _SPEECH_VERBS
        or (re.search(r"\d$", label) and m.group("rest")[:1].isdigit())  # a clock time, 10:30
        # "Deaths since 26 June: 706 (...)", "Injured: 965": the label names the figure after
        # it, so the two are read together
        or (m.group("rest")[:1].isdigit() and _FIGURE_LABEL.search(label.lower()))
        # "Children in need: 15.6 million.", "Aid trucks offloaded: 3,452 (Kerem Shalom
        # 2,310; ...)": a figure alone after its label is a table's row, read as one line
        or _FIGURE_ALONE.match(m.group("rest"))
        or _DATE_LABEL.match(label)
        or _names_only(m.group("rest"))
        # "Funding remains a critical constraint: the plan is 30 per cent funded.": a clause
        # the colon explains, not a label (a label's item opens with a capital)
        or (m.group("rest")[:1].islower() and (len(words) >= 4 or _LEAD_IN.search(label)))
    ):
        return None, text
    return label, m.group("rest").strip()


def _names_only(rest: str) -> bool:
    """Does the colon open a list of names ("help from four countries: Spain, Britain and
    Qatar."), which ends the sentence before it, rather than an item after its label?"""
    words = [w.strip(",.;") for w in rest.split()]
    return (
        len(words) >= 2
        and all(w and (w[0].isupper() or w in _LIST_GLUE) for w in words)
        and ("," in rest or any(w in _LIST_GLUE for w in words))
    )


_LIST_GLUE = frozenset({"and", "or", "the", "of", "de", "al", "el"})


def _find_date(text: str) -> date | None:
    for pattern, order in _DATES:
        m = pattern.search(text)
        if not m:
            continue
        try:
            if order == "iso":
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if order == "dmy":
                return date(int(m.group(3)), _MONTH_INDEX[m.group(2)[:3].lower()], int(m.group(1)))
            return date(int(m.group(3)), _MONTH_INDEX[m.group(1)[:3].lower()], int(m.group(2)))
        except ValueError:
            continue
    return None


def _story_after_list(lines: list[_Line]) -> int:
    """Where the story under a summary list starts ("Key developments:" / three bullets /
    the story told in paragraphs): the index of the first line after the last bullet when
    at least `_STORY_PARAGRAPHS` sentences follow it, else past the end. One or two closing
    lines after a list stay context."""
    last = max((i for i, line in enumerate(lines) if line.bullet is not None), default=None)
    if last is None:
        return len(lines)
    told = [
        line
        for line in lines[last + 1 :]
        if line.text
        and not is_meta(line.text)
        and _header_text(line) is None
        and _TERMINAL.search(line.text) is not None
        and not _dated(line.text)  # a timeline's dated lines are items anyway
    ]
    return last + 1 if len(told) >= _STORY_PARAGRAPHS else len(lines)


def _wire_story(text: str, nxt: _Line | None) -> bool:
    """A first paragraph that is a wire story's lead ("KYIV, Ukraine (AP) — A Russian barrage
    killed six ..."), with more paragraphs after it: an item, not the document's title."""
    return (
        nxt is not None
        and _LEAD_SOURCE.match(text) is not None
        and _TERMINAL.search(text) is not None
        and len(text.split()) >= 12
    )


def _read_preamble(bulletin: Bulletin, preamble: list[str]) -> None:
    for text in preamble:
        if bulletin.source_name is None and (m := _LEAD_SOURCE.match(text)):
            bulletin.dateline = m.group("dateline").strip()
            bulletin.source_name = m.group("source").strip()
        if bulletin.day_number is None and (d := _DAY.search(text)):
            bulletin.day_number = int((d.group("a") or d.group("b")).replace(",", ""))
        if bulletin.bulletin_date is None:
            bulletin.bulletin_date = _find_date(text)


# "06:07 - A powerful explosion ...", "0745 GMT: ...": a live blog post's time stamp
_CLOCK = r"(?:[01]?\d|2[0-3])[:.h]?[0-5]\d"  # "14:32", "9.45", "0915", "14h32"
_POST_STAMP = re.compile(rf"^{_CLOCK}(?:\s*(?:GMT|UTC|BST|CET))?\s*[-–—:|]\s")


# "14.32 BST", "08:15", "9.45am GMT" alone on a line: when the next post was written
_STAMP_ONLY = re.compile(
    # "Posted at 09:12", "Updated 10.05 GMT": the same, with the blog's own word for it
    r"^(?:(?:posted|updated|published|last\s+updated|from)\s+(?:at\s+)?)?"
    # "12 November 2025, 14:30": a date before the time
    r"(?:\d{1,2}\s+[A-Za-z]{3,9}\.?(?:\s+\d{4})?,?\s+(?:at\s+)?)?"
    rf"{_CLOCK}\s*(?:[ap]\.?m\.?)?\s*"
    r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|ET|EST|EDT|PT|PST|PDT|IST|MSK|AEST|AEDT|local)?$",
    re.IGNORECASE,
)


def _posted(text: str) -> bool:
    """Is the line a time-stamped post or a dated timeline item?"""
    return bool(_POST_STAMP.match(text)) or _dated(text)


def _dated(text: str) -> bool:
    """Is the line an item of a timeline: a date label, ':' and what happened?"""
    label, colon, rest = text.partition(":")
    return bool(colon) and len(rest.split()) >= 3 and bool(_DATE_LABEL.match(label.strip()))


def parse_bulletin(body: str) -> Bulletin:
    """Split a plain-text bulletin into items, sections and lead facts. Pure."""
    lines = _scan(body.lstrip("\ufeff"))
    bullet_mode = any(line.bullet is not None for line in lines)
    bulletin = Bulletin()
    preamble: list[str] = []
    section: str | None = None
    items: list[tuple[int, str | None, list[str]]] = []  # (line, section, text parts)
    headlines: dict[int, str] = {}  # item index -> the headline line right above its paragraph
    open_item = False  # the last non-blank line belonged to an item
    seen_blank = False
    first_content = True
    title_header: str | None = None  # a header on the document's first line
    paragraph_section = False  # bullet mode, under a header whose items are paragraphs
    pending_headline: str | None = None
    stamped = False  # a time stamp alone on its line came before this line: a post follows
    wire_lead: str | None = None  # a wire story's first paragraph, an item
    story_from = _story_after_list(lines)  # past the end without bullets

    def next_content(i: int) -> _Line | None:
        for nxt in lines[i + 1 :]:
            if nxt.text and not (
                nxt.bullet is None and (is_meta(nxt.text) or _STAMP_ONLY.match(nxt.text))
            ):
                return nxt
        return None

    for i, line in enumerate(lines):
        if not line.text or (line.bullet is None and _STAMP_ONLY.match(line.text)):
            seen_blank = True  # a post's time stamp alone on its line parts posts like a blank
            stamped = stamped or bool(line.text)
            continue
        was_blank, seen_blank = seen_blank, False
        after_stamp, stamped = stamped, False
        if line.bullet is not None:
            items.append((line.number, section, [line.bullet]))
            open_item, first_content = True, False
            continue
        if is_meta(line.text):
            preamble.append(line.text)
            continue
        header = _header_text(line)
        nxt = next_content(i)
        if (
            after_stamp
            and not bullet_mode
            and _TERMINAL.search(line.text) is None
            and nxt is not None
            and nxt.bullet is None
            and _TERMINAL.search(nxt.text) is not None
        ):
            # "09:41" / "Fastiv station wrecked" / (blank) / "A Russian drone ...": a stamped
            # post's headline, even with a blank line under it or a colon in it
            pending_headline, first_content = line.text, False
            continue
        if header is not None and nxt is not None:
            starts_items = nxt.bullet is not None if bullet_mode else _header_text(nxt) is None
            # A situation report mixes bulleted highlights with paragraphs under headers
            # ("SITUATION OVERVIEW"): below the title, a header over a sentence heads items too.
            paragraphs = (
                bullet_mode
                and not first_content
                and nxt.bullet is None
                and _header_text(nxt) is None
                and _TERMINAL.search(nxt.text) is not None
                and not _lead_in(nxt.text)
                and not _bullets_follow(lines, i)
            )
            if (starts_items or paragraphs) and not (first_content and not bullet_mode):
                paragraph_section = paragraphs
                section = header
                if first_content:
                    title_header = header
                if header not in bulletin.sections:
                    bulletin.sections.append(header)
                open_item, first_content = False, False
                continue
        if bullet_mode:
            prev_text = items[-1][2][-1] if items else ""
            continues = open_item and (
                line.indent > 0 or (not was_blank and not _TERMINAL.search(prev_text))
            )
            if continues and _bullet_headline(items[-1][2], line.text):
                # "* 30 arrested" over "Police said 30 people were arrested ...": the bullet is
                # the item's headline, the paragraph under it its text
                headlines[len(items) - 1] = prev_text
                items[-1][2][0] = line.text
                continue
            if continues:
                items[-1][2].append(line.text)
                continue
            if (
                (paragraph_section and not _lead_in(line.text))
                or _dated(line.text)
                or after_stamp  # a live blog's stamped post among bulleted summaries
                or (i >= story_from and _TERMINAL.search(line.text) is not None)
            ):
                # a paragraph under a paragraph section's header; "19 September: Israel
                # struck Beirut." among bullets
                items.append((line.number, section, [line.text]))
                open_item, first_content = True, False
                continue
            open_item = False
            if not items:
                preamble.append(line.text)
            # Text after the items (a closing paragraph) or between lists is context.
        elif first_content and _wire_story(line.text, nxt):
            wire_lead = line.text  # its dateline and source are the document's too
            items.append((line.number, section, [line.text]))
        elif (
            (first_content and not _dated(line.text))
            or _lead_in(line.text)
            or (not items and len(preamble) == 1 and _ABOUT_DOCUMENT.search(line.text))
        ):
            # the title or standfirst; a sentence ending in ':' introduces what follows, and so
            # does a standfirst that says what the document is
            preamble.append(line.text)
        elif _headline_over(lines, i):
            pending_headline = line.text  # a live blog's post: its headline, then its text
        else:
            if pending_headline is not None:
                headlines[len(items)], pending_headline = pending_headline, None
            items.append((line.number, section, [line.text]))
        first_content = False

    if (
        bullet_mode
        and title_header is not None
        and (len(bulletin.sections) == 1 or _TITLE.search(title_header))
    ):
        # The first line above the bullets is the document's title, not a section, when it
        # reads as one or no other header follows.
        bulletin.sections.remove(title_header)
        items = [(n, None if sec == title_header else sec, parts) for n, sec, parts in items]
        preamble.insert(0, title_header)
    else:
        title_header = None
    if not bullet_mode and len(bulletin.sections) >= 2:
        # Every header over exactly one paragraph, right below it: the headlines of a live
        # blog's posts ("Three killed in Dnipro" / "Three people were killed ..."), not sections
        # (a post under one of them with its own headline line is a post of its own)
        per_section = Counter(
            sec
            for index, (_, sec, _) in enumerate(items)
            if sec is not None and index not in headlines
        )
        glued = all(
            per_section[sec] == 1 and lines[number - 2].text == sec
            for index, (number, sec, _) in enumerate(items)
            if sec is not None and number >= 2 and index not in headlines
        )
        if glued and set(per_section) == set(bulletin.sections):
            # A paragraph above the first post is the standfirst, as above a first header
            first = next(
                index
                for index, (_, sec, _) in enumerate(items)
                if sec is not None or index in headlines
            )
            # (stamped posts above it stay items)
            while first > 0 and _posted(items[first - 1][2][0]):
                first -= 1
            preamble += [" ".join(parts) for _, _, parts in items[:first]]
            items = items[first:]
            shifted = {index - first: line for index, line in headlines.items() if index >= first}
            headlines.clear()
            headlines.update(shifted)
            for index, (_, sec, _) in enumerate(items):
                if sec is not None and index not in headlines:
                    headlines[index] = sec
            items = [(n, None, parts) for n, _, parts in items]
            bulletin.sections.clear()
    if bulletin.sections and not bullet_mode:
        # Paragraphs before the first header are the standfirst, not items; but a live blog's
        # stamped posts ("06:07 - ...") or a timeline's dated lines above a "Next day" header
        # are items like those under it, and so is a post its headline line labels ("Iranian
        # missiles hit Haifa" over its paragraph, a header of too many words to be a section)
        kept: list[tuple[int, str | None, list[str]]] = []
        labelled: dict[int, str] = {}
        for index, item in enumerate(items):
            if item[1] is None and not _posted(item[2][0]) and index not in headlines:
                preamble.append(" ".join(item[2]))
                continue
            if index in headlines:
                labelled[len(kept)] = headlines[index]
            kept.append(item)
        items = kept
        headlines.clear()
        headlines.update(labelled)
    _read_preamble(bulletin, [*preamble, wire_lead] if wire_lead else preamble)
    if preamble:
        bulletin.title = preamble[0] if len(preamble) > 1 or title_header else None
        rest = preamble[1:] if title_header else preamble
        bulletin.lead = next((p for p in rest if not is_meta(p)), None)
    for position, (number, sec, parts) in enumerate(items, start=1):
        own, text = split_headline(" ".join(parts))
        above = headlines.get(position - 1)
        headline = above if above is not None else own
        if above is not None and own is not None and sec is None:
            # "### Darfur" over "**El Fasher:** RSF fighters looted ...": the line above is
            # the section, the item's own label its headline (the place it names is kept)
            sec, headline = above, own
            if above not in bulletin.sections:
                bulletin.sections.append(above)
        bulletin.items.append(BulletinItem(position, sec, headline, text, number))
    return bulletin
