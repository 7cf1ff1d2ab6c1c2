"""Stage 2, clean: mark what in ``text`` is not article body, and read the dateline.

Nothing is deleted: ``text`` stays as read, and the stage fills ``removed`` (boilerplate,
duplicate, caption, credit spans), ``captions`` (with their photo credits), ``agency``, and
``title``/``author`` where the text shows them and the page metadata did not. Later stages see
:meth:`Record.body`, the text with removed spans blanked, so offsets never shift.

The rules are general, in the order they run:

1. **Repeated paragraphs**: a paragraph of ``min_duplicate_words`` words or more that repeats an
   earlier one (case and spacing aside) is a ``duplicate``.
2. **Captions and credits**: a paragraph ending in a photo credit (``Name Name/agency``,
   ``AGENCY/Name``, ``Photo: …``, ``(AP Photo/…)``, ``… Getty Images``, ``© …``) is a caption;
   the credit alone is a ``credit``, the rest a ``caption``. A paragraph that is only a credit, or
   a reporting sign-off ("Reporting by …; Editing by …"), is a ``credit``. Paragraphs with a photo
   position marker ("(left)", "(L-R)") or a "FILE PHOTO" label are captions too.
3. **Chrome lines anywhere**: a short line matching the packaged chrome lexicon
   (``newsgraph/data/chrome.txt``: share, follow, subscribe, cookie, "Read more", …).
4. **Chrome at the edges**: short lines without sentence punctuation after the last body line
   (section labels, site names); before the first, one- and two-word lines and breadcrumbs.
5. **Dateline**: the wire agency credited at the start of the first body paragraph
   ("DPA:", "(Reuters) -", "WASHINGTON (AP) —", "MOSCOW, March 3. /TASS/."), normalised
   with ``newsgraph/data/agencies.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .record import Caption, Record, Removed

__all__ = ["CleanOptions", "clean"]


@dataclass(frozen=True, slots=True)
class CleanOptions:
    min_duplicate_words: int = 10  # shorter repeated lines (list items, "Yes.") are left alone
    chrome_max_words: int = 20  # lexicon rule: only lines this short
    edge_max_words: int = 8  # edge rule: only lines this short ...
    edge_max_lines: int = 3  # ... and only this many at the end (or more of at most two words)
    comments_after: float = 0.3  # a comment-section header this far into the text cuts the rest
    shout_min_words: int = 7  # an all-capitals line this long without punctuation is a promo
    caption_max_words: int = 80
    dateline_blocks: int = 2  # the dateline is looked for in this many leading body paragraphs


# ---------------------------------------------------------------------------------------------
# packaged word lists


def _data(name: str) -> list[str]:
    text = resources.files("newsgraph").joinpath("data", name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _chrome() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _data("chrome.txt")), re.I)


@lru_cache(maxsize=1)
def agencies() -> dict[str, str]:
    """Written form (lower case) → canonical agency name."""
    return {k.lower(): v for k, v in (line.split("\t") for line in _data("agencies.tsv"))}


# ---------------------------------------------------------------------------------------------
# patterns

_NAME = r"(?:[A-Z]\.|[A-Z][\w'’-]+)"  # a capitalised name word or an initial, no sentence dot
_BEFORE = r"(?:^|(?<=\s))"
_CREDIT_PATTERNS = [
    # Photo: Jane Doe/AP · Picture by … · Credit: … · Foto: …
    r"(?:Photo(?:graph)?|Picture|Image|Foto|Bild|Illustration|Video|Credit)s?(?: credit)?\s*(?::|by)\s*[^\n]{2,80}",
    # (AP Photo/Evan Vucci) · (Photo by John Smith/Getty Images) · (Reuters)
    r"\([^()\n]{0,60}(?:Photo|Getty|Images|Reuters|AFP|AP|dpa|EPA|Shutterstock|Alamy|Pool)[^()\n]{0,60}\)",
    # Michael Kappeler/dpa · Evan Vucci / AP · John Smith/Getty Images
    rf"{_NAME}(?: {_NAME}){{0,3}} ?/ ?[A-Za-z][\w.-]*(?: [A-Z][\w.-]*){{0,2}}",
    # REUTERS/Kevin Lamarque · EPA-EFE/JOHN SMITH
    rf"[A-Z]{{2,}}(?:-[A-Z]{{2,}})?/{_NAME}(?: {_NAME}){{0,3}}",
    # John Smith/AFP via Getty Images · Getty Images · Alamy Stock Photo
    rf"(?:{_NAME} ){{0,4}}(?:(?:via|for) )?(?:Getty Images|Shutterstock|Alamy(?: Stock Photo)?|iStock(?:photo)?|AP Images)",
    r"©\s?[^\n]{2,60}",
]
_CREDIT_END = re.compile(rf"{_BEFORE}(?:{'|'.join(f'(?:{p})' for p in _CREDIT_PATTERNS)})[ \t]*$")
_CREDIT_LABEL = re.compile(r"^(?:Photo(?:graph)?|Picture|Image|Foto|Bild|Credit)s?(?: credit)?\s*(?::|by)\s*", re.I)
_SIGNOFF = re.compile(
    r"^\(?(?:(?:Additional )?Reporting|Writing|Editing|Compiled|Edited)(?: by)?\b[^\n]*\)?$", re.I
)
_POSITION = re.compile(r"\((?:from )?(?:left|right|centre|center|L-R|R-L|\d(?:st|nd|rd|th)? [LR])\)", re.I)
_FILE_PHOTO = re.compile(r"^(?:FILE(?: PHOTO)?\s*[:–—-]|FILE PHOTO\b)")
_TERMINAL = re.compile(r"[.!?…:;\"”’»)\]。！？」』]$")
_COMMENTS = re.compile(
    r"^(?:\d+\s+(?:comments?|thoughts? on|responses? to|replies to)\b.*|(?:leave|post|add) a (?:reply|comment)"
    r"|(?:user |all |show |view |reader )?comments?\s*(?:\(\d+\))?|comments are closed.*|join the (?:discussion|conversation)"
    r"|want to join the discussion\?|comments powered by .*)$",
    re.I,
)
_NAV = re.compile(r"[›»>|/]|\s[-–—]\s")
_STRIP = re.compile(r"^[\W_]+|[\W_]+$")
_WORD = re.compile(r"\w+")
_LIST_ITEM = re.compile(r"^(?:[-*•–]|\d{1,2}[.)])\s")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _words(s: str) -> int:
    """Words in ``s``; scripts written without spaces count one word per two characters."""
    cjk = len(_CJK.findall(s))
    return len(_WORD.findall(s)) + cjk // 2 if cjk else len(_WORD.findall(s))


def _shouting(line: _Line, options: CleanOptions) -> bool:
    letters = [c for c in line.text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return line.words >= options.shout_min_words and upper > 0.85 * len(letters) and not _TERMINAL.search(line.text)

_DATELINE_PATTERNS = [
    # DPA: … · AFP - …
    r"^(?P<a>[A-Za-z][\w.-]*(?: [A-Z][\w.-]*){0,2})\s*[:–—-]\s",
    # WASHINGTON (AP) — … · BERLIN, Sept 16 (Reuters) - … · (Reuters) - …
    r"^(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z\d][\w.'’-]*){0,5}[ ,]*)?\((?P<b>[^()\n]{2,30})\)\s*[-–—:]",
    # MOSCOW, March 3. /TASS/.
    r"^[^\n]{0,60}?/(?P<c>[A-Z][A-Za-z-]{1,20})/",
]
_DATELINE = re.compile("|".join(f"(?:{p})" for p in _DATELINE_PATTERNS))
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_BYLINE = re.compile(r"^By\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s+and\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})?)\s*$")


# ---------------------------------------------------------------------------------------------
# layout: lines and paragraphs (blocks of consecutive non-blank lines), offsets into text

_LINE = re.compile(r"[^\n]*\S[^\n]*")


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    words: int


@dataclass(slots=True)
class _Block:
    lines: list[_Line]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


def _layout(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    last_end = -1
    for m in _LINE.finditer(text):
        raw = m.group()
        start = m.start() + len(raw) - len(raw.lstrip())
        end = m.end() - (len(raw) - len(raw.rstrip()))
        line = _Line(start, end, text[start:end], _words(raw))
        if blocks and "\n\n" not in text[last_end:start].replace(" ", "").replace("\t", ""):
            blocks[-1].lines.append(line)
        else:
            blocks.append(_Block([line]))
        last_end = end
    return blocks


def _key(s: str) -> str:
    return " ".join(s.casefold().split())


# ---------------------------------------------------------------------------------------------
# the stage


def clean(record: Record, options: CleanOptions = CleanOptions()) -> Record:
    """Fill ``removed``, ``captions``, ``agency`` (and ``title``/``author`` if unknown) in place."""
    text = record.text
    blocks = _layout(text)
    removed: list[Removed] = []
    gone: set[int] = set()  # line starts already removed

    def drop(start: int, end: int, reason: str) -> None:
        if end > start:
            removed.append(Removed(start, end, reason))  # type: ignore[arg-type]

    # 1. repeated paragraphs (list items and table rows may repeat: a menu for every day)
    seen: set[str] = set()
    kept: list[_Block] = []
    for block in blocks:
        key = _key(text[block.start : block.end])
        if (
            key in seen
            and sum(line.words for line in block.lines) >= options.min_duplicate_words
            and not _LIST_ITEM.match(block.lines[0].text)
        ):
            drop(block.start, block.end, "duplicate")
            gone.update(line.start for line in block.lines)
            continue
        seen.add(key)
        kept.append(block)

    # 2. captions and credits
    body: list[_Block] = []
    for block in kept:
        if _caption(record, block, text, options, drop):
            gone.update(line.start for line in block.lines)
        else:
            body.append(block)

    # 3. chrome lines anywhere; a comment section cuts the rest of the page
    lines = [line for block in body for line in block.lines]
    chrome = _chrome()
    for i, line in enumerate(lines):
        stripped = _STRIP.sub("", line.text)
        if i > 0 and line.start > len(text) * options.comments_after and _COMMENTS.match(stripped or line.text):
            for rest in lines[i:]:
                if rest.start not in gone:
                    drop(rest.start, rest.end, "boilerplate")
                    gone.add(rest.start)
            break
        if _TABLE_ROW.match(line.text):
            continue
        if (line.words <= options.chrome_max_words and chrome.fullmatch(stripped)) or _shouting(line, options):
            drop(line.start, line.end, "boilerplate")
            gone.add(line.start)
    lines = [line for line in lines if line.start not in gone]

    # 4. chrome at the edges
    trimmed = 0
    while (
        lines
        and lines[-1].words <= options.edge_max_words
        and not _TERMINAL.search(lines[-1].text)
        and (trimmed < options.edge_max_lines or lines[-1].words <= 2)
    ):
        drop(lines[-1].start, lines[-1].end, "boilerplate")
        gone.add(lines.pop().start)
        trimmed += 1
    while lines and not _TERMINAL.search(lines[0].text) and (
        lines[0].words <= 2 or (_NAV.search(lines[0].text) and lines[0].words <= options.edge_max_words)
    ):
        drop(lines[0].start, lines[0].end, "boilerplate")
        gone.add(lines.pop(0).start)

    record.removed = sorted(removed, key=lambda r: (r.start, r.end))
    record.captions.sort(key=lambda c: c.start)

    # 5. dateline, title, byline from the paragraphs that are left
    paragraphs = []
    for block in body:
        left = [line for line in block.lines if line.start not in gone]
        if left:
            paragraphs.append((left[0].start, left[-1].end))
    _front_matter(record, paragraphs, options)
    return record


def _caption(record: Record, block: _Block, text: str, options: CleanOptions, drop) -> bool:
    """Detect a caption or credit paragraph; record it and return True if it is one."""
    start, end = block.start, block.end
    para = text[start:end]
    words = sum(line.words for line in block.lines)
    if _SIGNOFF.match(para) and words <= 30:
        drop(start, end, "credit")
        return True
    if words > options.caption_max_words:
        return False
    m = _CREDIT_END.search(para)
    if m:
        credit_start = start + m.start()
        credit = _STRIP.sub("", m.group()) if m.group().startswith("(") else m.group().strip()
        credit = _CREDIT_LABEL.sub("", credit)
        if credit_start == start:  # the paragraph is only a credit
            drop(start, end, "credit")
            return True
        before = text[start:credit_start].rstrip()
        if not _TERMINAL.search(before) and not before.endswith(","):
            return False  # "… met John Smith/AP" mid-sentence: not a credit
        drop(start, start + len(before), "caption")
        drop(credit_start, end, "credit")
        record.captions.append(Caption(start, end, credit))
        return True
    if _POSITION.search(para) or _FILE_PHOTO.match(para):
        drop(start, end, "caption")
        record.captions.append(Caption(start, end, None))
        return True
    return False


def _front_matter(record: Record, paragraphs: list[tuple[int, int]], options: CleanOptions) -> None:
    text = record.text
    for start, end in paragraphs[: options.dateline_blocks + 1]:
        para = text[start:end]
        if record.agency is None:
            record.agency = dateline_agency(para)
        m = _BYLINE.match(para)
        if m and record.author is None:
            record.author = m.group("name")
        if record.published is None:
            record.published = date_line(para)
    if record.title is None and len(paragraphs) > 1:
        start, end = paragraphs[0]
        first = text[start:end]
        words = len(_WORD.findall(first))
        if "\n" not in first and 3 <= words <= 25 and not first.endswith(".") and not _DATELINE.match(first):
            record.title = first


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_DATE_LINE = re.compile(
    r"^(?:(?:published|posted|updated)(?: on)?:?\s*)?(?:[A-Z][a-z]+day,?\s*)?"
    r"(?:(?P<y1>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})"
    r"|(?P<mon2>[A-Z][a-z]{2,8})\.? (?P<d2>\d{1,2}),? (?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2}) (?P<mon3>[A-Z][a-z]{2,8})\.?,? (?P<y3>\d{4}))"
    r"(?:[ ,]+(?:at )?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?: [A-Z]{2,4})?)?\s*$",
    re.I,
)


def date_line(paragraph: str) -> str | None:
    """The ISO date of a paragraph that is only a date ("June 01, 2009", "16 September 2024")."""
    m = _DATE_LINE.match(paragraph.strip())
    if not m:
        return None
    import datetime as dt

    if m.group("y1"):
        y, mo, d = int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
    else:
        y, d = int(m.group("y2") or m.group("y3")), int(m.group("d2") or m.group("d3"))
        mo = _MONTHS.get((m.group("mon2") or m.group("mon3"))[:3].lower(), 0)
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def dateline_agency(paragraph: str) -> str | None:
    """The agency credited by a dateline at the start of ``paragraph``, normalised, or None."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    written = (m.group("a") or m.group("b") or m.group("c")).strip()
    known = agencies().get(written.lower())
    if known:
        return known
    if m.group("a") is None and _ACRONYM.match(written):
        return written  # "(CNN) —", "/BTA/": an unlisted acronym in dateline position
    return None
