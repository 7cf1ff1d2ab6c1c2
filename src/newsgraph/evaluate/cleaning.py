"""Cleaning: does the clean stage take a page's chrome out and leave every word of the story in?

The clean stage is scored as a black box, through :meth:`Pipeline.prepare` (read and clean, no
parse), on story bodies of the dev sets: PolNeAR dev (``polnear/dev/text/*.txt``), MEANTIME
(``meantime/intra-doc_annotation``, the annotated text of each file) and GGT (``ggt/text/*.txt``).
A body's paragraphs are its blocks separated by blank lines.

* **Plain bodies**: each body as it is. Every paragraph counts as story but those listed in
  ``eval/cleaning/body-chrome.tsv`` (chrome, captions and bylines a crawl left in the gold text,
  each read and judged by hand), so this measures what the cleaner takes out of text that is
  article: the share of story characters kept, of paragraphs left intact, and the number of
  paragraphs touched.
* **Pages**: each body embedded in a page built around it (:func:`build_page`), from the lines of
  ``eval/cleaning/lines.tsv``: chrome (navigation, share and newsletter prompts, ads, link lines,
  players, galleries, stamps, related-story lists, comments, copyright), bylines, captions with
  photo credits (some repeated word for word further down), an agency dateline on the opening
  paragraph, and story sentences that start like chrome ("Share prices fell ...") as paragraphs of
  their own. Every page is built twice, once with the lines of the ``dev`` part and once with the
  ``check`` part; the check lines are held out (only their aggregate figures are looked at).
* **Pages of written lines**: the same, with the lines of ``eval/cleaning/written.tsv`` (written
  later by other writers, for this task and for the line classifier, whose training uses their
  ``dev`` part); its ``check`` part is held out like the first file's. And with the lines of
  ``eval/cleaning/fresh.tsv`` (two more writers, all of it a ``check`` part: nothing is trained or
  tuned on it).

What was inserted where is known, so each inserted line is scored by the characters of it that
``record.removed`` covers (whitespace is not counted): a story paragraph or look-alike is *intact*
when none of its characters is removed, a chrome line, caption or byline is *removed* when all of
them are.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import EvalError
from . import Report, Score, task

#: the lines pages are built from (kept in the repository, next to the floors)
LINES = Path(__file__).resolve().parents[3] / "eval" / "cleaning" / "lines.tsv"
#: paragraphs of the gold bodies that are not story (chrome, captions, bylines a crawl left in), read by hand
BODY_CHROME = LINES.with_name("body-chrome.tsv")
#: a second set of lines, by other writers (its dev part also trains the line classifier)
WRITTEN = LINES.with_name("written.tsv")
#: lines of two more writers, all held out (``check``): nothing is trained or tuned on them
FRESH = LINES.with_name("fresh.tsv")
#: lines of two more writers (stop 42): a dev part the rules were written looking at, a check part held out
FRESH2 = LINES.with_name("fresh2.tsv")
#: lines of two more writers (stop 43): a dev part the context model is trained on, a check part held out
FRESH3 = LINES.with_name("fresh3.tsv")
#: lines of two more writers (stop 47): a dev part the rules were written looking at (and, since stop 48, the line classifier trained on), a check part held out
FRESH4 = LINES.with_name("fresh4.tsv")
#: lines of two more writers (stop 48): a dev part the rules were written looking at (and, since stop 50, the line classifier trained on), a check part held out
FRESH5 = LINES.with_name("fresh5.tsv")
#: lines of two more writers each (stops 49, 50, 51): nothing trained on them; a dev part the rules were written looking at, a check part held out
FRESH6 = LINES.with_name("fresh6.tsv")
FRESH7 = LINES.with_name("fresh7.tsv")
FRESH8 = LINES.with_name("fresh8.tsv")

PARTS = ("dev", "check")
KINDS = ("chrome", "story", "byline", "caption", "dateline")
#: where a chrome line goes on a page (its ``extra`` column)
SLOTS = ("top", "stamp", "inline", "bottom", "related", "headline", "comments", "comment", "copyright")
POSITIONS = ("top", "end")  # a byline's ``extra``: above the story or after it
#: fewest lines of each kind the file must hold (both parts together)
MINIMUM = {"chrome": 400, "story": 200, "byline": 80, "caption": 80, "dateline": 60}

#: segment kinds whose characters are story (must be kept)
STORY = ("body", "lookalike", "lead")


@lru_cache(maxsize=1)
def body_chrome(path: str | Path = BODY_CHROME) -> frozenset[tuple[str, str]]:
    """(body name, paragraph, spaces normalised) of the gold bodies' paragraphs that are not story."""
    try:
        rows = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset((c[0], " ".join(c[2].split())) for c in (r.split("\t") for r in rows if r and not r.startswith("#")) if len(c) == 3)


def _body_kind(name: str, paragraph: str) -> str:
    """``body``, or ``bodychrome`` for a paragraph listed in :data:`BODY_CHROME`."""
    return "bodychrome" if (name, " ".join(paragraph.split())) in body_chrome() else "body"

#: where a dateline ends and the story begins: "WASHINGTON (AP) — ", "MOSCOW, March 3. /TASS/. ",
#: "NEW DELHI (PTI): ", "Mumbai, March 3 (ANI): ", "New Delhi, March 3 (IANS) ", "OTTAWA— "
_DATELINE_END = re.compile(r"^(.{1,90}?(?:\s[—–-]{1,2}\s|—\s?|\)\.-\s|:\s|/TASS/\.\s|\)\s(?=[A-Z])))(?=\S)")
#: a body that carries its own agency dateline gets no second one
_OWN_AGENCY = re.compile(r"\([A-Z][A-Za-z]{1,9}\)\s*[—–:-]|/TASS/")
#: a paragraph that is only a date ("June 6, 2005", the second paragraph of MEANTIME's texts)
_DATE_ONLY = re.compile(r"(?:[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})")
_PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of ``lines.tsv``; ``extra`` is the chrome slot, byline position, caption credit or
    dateline agency."""

    part: str
    kind: str
    text: str
    extra: str = ""


def load_lines(path: str | Path = LINES) -> list[Line]:
    """Every line of the lines file, in file order."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise EvalError(f"{path}: cannot read the cleaning lines: {e.strerror or e}") from None
    lines = []
    for number, row in enumerate(raw.splitlines(), 1):
        if not row.strip() or row.startswith("#"):
            continue
        cells = row.split("\t")
        if len(cells) not in (3, 4) or cells[0] not in PARTS or cells[1] not in KINDS or not cells[2].strip():
            raise EvalError(f"{path}:{number}: expected part<TAB>kind<TAB>line[<TAB>extra], got {row!r}")
        lines.append(Line(cells[0], cells[1], cells[2].strip(), cells[3].strip() if len(cells) == 4 else ""))
    return lines


@dataclass(slots=True)
class Pool:
    """The lines of one part, by kind (chrome by slot, bylines by position)."""

    part: str
    chrome: dict[str, list[Line]] = field(default_factory=lambda: defaultdict(list))
    byline: dict[str, list[Line]] = field(default_factory=lambda: defaultdict(list))
    story: list[Line] = field(default_factory=list)
    caption: list[Line] = field(default_factory=list)
    dateline: list[Line] = field(default_factory=list)


def pool(lines: Iterable[Line], part: str) -> Pool:
    """The lines of ``part`` ("dev" or "check") ready for :func:`build_page`."""
    p = Pool(part)
    for line in lines:
        if line.part != part:
            continue
        if line.kind == "chrome":
            p.chrome[line.extra].append(line)
        elif line.kind == "byline":
            p.byline[line.extra].append(line)
        else:
            getattr(p, line.kind).append(line)
    return p


def split_dateline(text: str) -> tuple[str, str]:
    """A dateline paragraph → (the dateline, the story after it); ("", text) without a dateline."""
    match = _DATELINE_END.match(text)
    if not match:
        return "", text
    return match.group(1), text[match.end(1) :]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block of ``text`` between blank lines, outer whitespace left out."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        block = match.group()
        start = match.start() + len(block) - len(block.lstrip())
        end = match.start() + len(block.rstrip())
        spans.append((start, end))
    return spans


@dataclass(frozen=True, slots=True)
class Body:
    """A story body from a gold set; ``titled``: its first paragraph is the headline."""

    name: str
    text: str
    titled: bool = True


@dataclass(frozen=True, slots=True)
class Segment:
    """What one stretch of a page is: ``body`` (a paragraph of the story), ``lookalike``, ``lead``
    (the story sentence after a dateline), ``chrome``, ``caption``, ``repeat`` (a caption's second
    copy), ``byline``; or, not scored (removing them or not is both right), ``title`` (the
    headline), ``date`` (the body's own date line) and ``dateline`` (the dateline itself)."""

    start: int
    end: int
    kind: str
    line: Line | None = None


@dataclass(slots=True)
class Page:
    name: str
    text: str
    segments: list[Segment]
    dateline: Line | None = None  # the dateline on the opening paragraph, if the page has one

    def segment_text(self, segment: Segment) -> str:
        return self.text[segment.start : segment.end]


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[Segment] = []

    def add(self, text: str, kind: str, line: Line | None = None, sep: str = "\n\n") -> None:
        if self.parts:
            self.parts.append(sep)
            self.length += len(sep)
        self.parts.append(text)
        self.segments.append(Segment(self.length, self.length + len(text), kind, line))
        self.length += len(text)

    def pick(self, rng: random.Random, lines: Sequence[Line], kind: str) -> None:
        if lines:
            line = rng.choice(list(lines))
            self.add(line.text, kind, line)

    def lines(self, lines: Sequence[Line], kind: str, sep: str) -> None:
        for i, line in enumerate(lines):
            self.add(line.text, kind, line, sep if i else "\n\n")

    def page(self, name: str, dateline: Line | None = None) -> Page:
        return Page(name, "".join(self.parts), self.segments, dateline)


def plain_page(body: Body) -> Page:
    """The body as it is: every paragraph a ``body`` segment (a ``bodychrome`` one where listed in
    :data:`BODY_CHROME`; the date line under a headline a ``date`` one, not scored, as in pages)."""
    segments = []
    for i, (s, e) in enumerate(paragraphs(body.text)):
        text = body.text[s:e]
        date = body.titled and i == 1 and _DATE_ONLY.fullmatch(text)  # as in build_page: not scored
        segments.append(Segment(s, e, "date" if date else _body_kind(body.name, text)))
    return Page(body.name, body.text, segments)


def build_page(body: Body, lines: Pool) -> Page:
    """``body`` inside a page of chrome, bylines, captions, a dateline and look-alikes drawn from
    ``lines``; the same body always gives the same page (the RNG is seeded by the body's name).

    From the top: 2-5 top chrome lines (navigation, site name, skip links, cookie banners), one per
    line or one per paragraph; the headline (the body's first paragraph, when it has one, followed
    by the body's date line if its next paragraph is only a date); a byline
    (half the pages) and a stamp (three pages in five); a lead caption (three in ten); a dateline
    paragraph (half the pages whose body has no agency dateline of its own). Then the story, with
    about one inline chrome line per 4 paragraphs, one look-alike per 5 (at least one), 0-3
    captions, each repeated word for word further down two times in five. Then an end byline (two
    in five), the captions' repeats that fell past the end, 1-5 bottom lines with a related-stories
    header and 3-6 headlines among them (seven in ten), a comments header with 2-4 comment lines
    (half), and copyright (four in five). Paragraphs are separated by a blank line; the lines of the
    top block, the headline list and the comments by a single newline on half the pages.
    """
    rng = random.Random(body.name)
    spans = paragraphs(body.text)
    texts = [body.text[s:e] for s, e in spans]
    head, story = (texts[:1], texts[1:]) if body.titled and len(texts) > 1 else ([], texts)
    date = story.pop(0) if head and len(story) > 1 and _DATE_ONLY.fullmatch(story[0]) else None
    w = _Writer()

    def sample(items: Sequence[Line], k: int) -> list[Line]:
        return rng.sample(list(items), min(k, len(items)))

    block_sep = rng.choice(["\n", "\n\n"])
    w.lines(sample(lines.chrome["top"], rng.randint(2, 5)), "chrome", block_sep)
    for text in head:
        w.add(text, "title")
    if date:
        w.add(date, "date")
    if rng.random() < 0.5:
        w.pick(rng, lines.byline["top"], "byline")
    if rng.random() < 0.6:
        w.pick(rng, lines.chrome["stamp"], "chrome")

    captions = sample(lines.caption, rng.choice([0, 1, 1, 2, 3]))
    first_caption = rng.random() < 0.3 and bool(captions)
    if first_caption:
        w.pick(rng, captions[:1], "caption")

    dateline = None
    if rng.random() < 0.5 and lines.dateline and not _OWN_AGENCY.search(body.text):
        dateline = rng.choice(lines.dateline)
        prefix, rest = split_dateline(dateline.text)
        w.add(prefix.rstrip(), "dateline", dateline)
        w.add(rest, "lead", dateline, sep=prefix[len(prefix.rstrip()) :])

    # insertions go into gaps: gap i comes before story paragraph i (gap len(story): after the last)
    gaps: dict[int, list[tuple[str, Line]]] = defaultdict(list)
    n = len(story)
    for line in sample(lines.chrome["inline"], round(n / 4)):
        gaps[rng.randrange(0, max(1, n))].append(("chrome", line))
    for line in sample(lines.story, max(1, round(n / 5))):
        gaps[rng.randint(1, n) if n else 0].append(("lookalike", line))
    repeats: list[tuple[int, Line]] = []
    for i, line in enumerate(captions):
        at = 0 if i == 0 and first_caption else rng.randint(0, n)
        if not (i == 0 and first_caption):
            gaps[at].append(("caption", line))
        if rng.random() < 0.4:
            repeats.append((rng.randint(at + 1, n + 1), line))  # n + 1: after the end byline
    for at, line in repeats:
        if at <= n:
            gaps[at].append(("repeat", line))
    for i in range(n + 1):
        inserted = gaps.get(i, [])
        rng.shuffle(inserted)
        for kind, line in inserted:
            w.add(line.text, kind, line)
        if i < n:
            w.add(story[i], _body_kind(body.name, story[i]))

    if rng.random() < 0.4:
        w.pick(rng, lines.byline["end"], "byline")
    for at, line in repeats:
        if at > n:
            w.add(line.text, "repeat", line)
    bottom = sample(lines.chrome["bottom"], rng.randint(1, 5))
    cut = rng.randint(1, len(bottom))
    w.lines(bottom[:cut], "chrome", "\n\n")
    if rng.random() < 0.7:
        w.lines(sample(lines.chrome["related"], 1) + sample(lines.chrome["headline"], rng.randint(3, 6)), "chrome", block_sep)
    w.lines(bottom[cut:], "chrome", "\n\n")
    if rng.random() < 0.5:
        w.lines(sample(lines.chrome["comments"], 1) + sample(lines.chrome["comment"], rng.randint(2, 4)), "chrome", block_sep)
    if rng.random() < 0.8:
        w.pick(rng, lines.chrome["copyright"], "chrome")
    return w.page(body.name, dateline)


# --- scoring --------------------------------------------------------------------------------


@dataclass(slots=True)
class Tally:
    """Counts over scored pages; ``misses`` keeps the text of every item that failed, by metric."""

    pages: int = 0
    story: int = 0  # story characters (body paragraphs, look-alikes, dateline leads)
    story_kept: int = 0
    removed: int = 0  # removed characters
    removed_story: int = 0
    right: Counter[str] = field(default_factory=Counter)  # per metric: items it got right ...
    items: Counter[str] = field(default_factory=Counter)  # ... of this many
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def count(self, metric: str, ok: bool, text: str) -> None:
        self.items[metric] += 1
        self.right[metric] += ok
        if not ok:
            self.misses[metric].append(text)


#: segment kind → the metric it counts for, and whether it is right when kept (True) or removed
SCORED = {
    "body": ("paragraphs_intact", True),
    "bodychrome": ("body_chrome_removed", False),
    "lookalike": ("lookalikes_kept", True),
    "chrome": ("chrome_removed", False),
    "caption": ("captions_removed", False),
    "repeat": ("duplicates_removed", False),
    "byline": ("bylines_removed", False),
    "title": ("headline_kept", True),
}
#: the order of the metrics in a report
METRICS = ("body_kept", "paragraphs_intact", "headline_kept", "lookalikes_kept", "body_chrome_removed", "chrome_removed", "captions_removed",
           "credited_removed", "credit_found", "duplicates_removed", "bylines_removed", "byline_reason", "agency")


def _mask(text: str, spans: Iterable[tuple[int, int]], ink: bytearray) -> bytearray:
    mask = bytearray(len(text))
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        if start < end:
            mask[start:end] = ink[start:end]
    return mask


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def score_page(page: Page, record, tally: Tally) -> Tally:
    """Add one page and the record the cleaner made of it to ``tally``. ``record`` None (the
    input was rejected) counts as the whole page removed."""
    text = page.text
    ink = bytearray(0 if c.isspace() else 1 for c in text)
    if record is None:
        removed_spans, byline_spans, credit_spans, captions, agency = [(0, len(text))], [], [], [], None
    else:
        if record.text != text:
            raise EvalError(f"{page.name}: the cleaned record's text differs from its input, so removed offsets cannot be scored")
        removed_spans = [(r.start, r.end) for r in record.removed]
        byline_spans = [(r.start, r.end) for r in record.removed if r.reason == "byline"]
        credit_spans = [(r.start, r.end) for r in record.removed if r.reason == "credit"]
        captions, agency = record.captions, record.agency
    removed = _mask(text, removed_spans, ink)
    by_byline = _mask(text, byline_spans, ink)
    tally.pages += 1
    tally.removed += removed.count(1)

    for seg in page.segments:
        s, e = seg.start, seg.end
        chars, gone = ink[s:e].count(1), removed[s:e].count(1)
        seg_text = text[s:e]
        if seg.kind in STORY:
            tally.story += chars
            tally.story_kept += chars - gone
            tally.removed_story += gone
        if seg.kind in SCORED:
            metric, keep = SCORED[seg.kind]
            tally.count(metric, gone == 0 if keep else gone == chars, seg_text)
        if seg.kind == "caption" and seg.line and seg.line.extra:
            credit = _norm(seg.line.extra)
            found = any(c.credit and c.start < e and c.end > s and credit in _norm(c.credit) for c in captions) or any(
                a < e and b > s and credit in _norm(text[a:b]) for a, b in credit_spans
            )
            tally.count("credit_found", found, seg_text)
            tally.count("credited_removed", gone == chars, seg_text)
        elif seg.kind == "byline":
            tally.count("byline_reason", by_byline[s:e].count(1) == chars, seg_text)

    if page.dateline is not None:
        expected = page.dateline.extra or None
        right = agency is not None and same_agency(agency, expected) if expected else agency is None
        tally.count("agency", right, f"{page.dateline.text}  [expected {expected}, got {agency}]")
    return tally


@lru_cache(maxsize=1)
def _agency_names() -> dict[str, str]:
    """Written form (casefolded) → canonical name, from the package's ``data/agencies.tsv``."""
    names = {}
    text = resources.files("newsgraph").joinpath("data/agencies.tsv").read_text("utf-8")
    for row in text.splitlines():
        cells = row.split("\t")
        if len(cells) == 2 and not row.startswith("#"):
            names[cells[0].strip().casefold()] = cells[1].strip()
    return names


def same_agency(a: str, b: str) -> bool:
    """Whether two agency names are the same agency: equal but for case, or written forms of one
    canonical name in ``newsgraph/data/agencies.tsv`` ("CP" and "The Canadian Press")."""
    names = _agency_names()
    return names.get(a.casefold(), a).casefold() == names.get(b.casefold(), b).casefold()


def figures(t: Tally) -> dict[str, float]:
    """The metrics of a tally; a metric with nothing to count is left out."""
    out = {"body_kept": t.story_kept / t.story} if t.story else {}
    out.update((m, t.right[m] / t.items[m]) for m in METRICS if t.items[m])
    out["paragraphs_lost"] = float(t.items["paragraphs_intact"] - t.right["paragraphs_intact"])
    return out


def to_score(system: str, t: Tally) -> Score:
    """P: share of removed characters that are not story (1 when nothing is removed); R: share of
    story characters kept (body_kept); n: pages."""
    p = (t.removed - t.removed_story) / t.removed if t.removed else 1.0
    r = t.story_kept / t.story if t.story else 1.0
    return Score(system, p, r, 2 * p * r / (p + r) if p + r else 0.0, t.pages, extra=figures(t))


def run_pages(pages: Iterable[Page], pipeline=None) -> Tally:
    """Clean every page (``Pipeline.prepare``: read and clean, no parse) and tally the results."""
    from ..pipeline import Options, Pipeline
    from ..read import Source, input_offsets

    pipeline = pipeline or Pipeline(Options(strict=True))
    tally = Tally()
    for page in pages:
        outcome = pipeline.prepare(Source(name=f"{page.name}.txt", data=page.text.encode("utf-8")))
        score_page(page, input_offsets(outcome.record, page.text) if outcome.record else None, tally)  # offsets into the page
    return tally


# --- the task -------------------------------------------------------------------------------


def load_bodies(data: str | Path) -> list[Body]:
    """Story bodies of the dev sets found in data directory ``data`` (PolNeAR dev, MEANTIME, GGT)."""
    from .people import read_meantime_xml

    root = Path(data)
    bodies = []
    for file in sorted((root / "polnear" / "dev" / "text").glob("*.txt")):
        bodies.append(Body(f"polnear/{file.stem}", file.read_text(encoding="utf-8").strip(), titled=True))
    for file in sorted((root / "meantime" / "intra-doc_annotation").rglob("*.xml")):
        annotated = read_meantime_xml(file)
        if annotated is not None:
            bodies.append(Body(f"meantime/{file.stem}", annotated[1].strip(), titled=True))
    for file in sorted((root / "ggt" / "text").glob("*.txt")):
        bodies.append(Body(f"ggt/{file.stem}", file.read_text(encoding="utf-8").strip(), titled=False))
    bodies = [b for b in bodies if b.text]
    if not bodies:
        raise EvalError(f"{data}: no story bodies (polnear/dev/text/*.txt, meantime/intra-doc_annotation/**/*.xml, ggt/text/*.txt)")
    return bodies


@task("cleaning", gold=".", summary="chrome removed and story kept, on dev-set bodies embedded in built pages")
def evaluate(gold: str) -> Report:
    from ..pipeline import Options, Pipeline

    bodies = load_bodies(gold)
    pipeline = Pipeline(Options(strict=True))
    scores = [to_score("newsgraph (plain bodies)", run_pages((plain_page(b) for b in bodies), pipeline))]
    for name, path in (("", LINES), ("written ", WRITTEN), ("fresh ", FRESH), ("fresh2 ", FRESH2), ("fresh3 ", FRESH3), ("fresh4 ", FRESH4), ("fresh5 ", FRESH5), ("fresh6 ", FRESH6), ("fresh7 ", FRESH7), ("fresh8 ", FRESH8)):
        lines = load_lines(path)
        for part in (p for p in PARTS if any(line.part == p for line in lines)):
            lines_of = pool(lines, part)
            pages = (build_page(b, lines_of) for b in bodies)
            scores.append(to_score(f"newsgraph ({name}{part} lines)", run_pages(pages, pipeline)))
    counts = {c: sum(b.name.startswith(c + "/") for b in bodies) for c in ("polnear", "meantime", "ggt")}
    return Report(
        task="cleaning",
        gold=gold,
        method=f"Pipeline.prepare (read + clean) on {len(bodies)} story bodies ({counts['polnear']} PolNeAR dev, "
        f"{counts['meantime']} MEANTIME, {counts['ggt']} GGT), as they are and embedded in pages built around them "
        "from eval/cleaning/lines.tsv (top and bottom chrome, stamps, inline chrome about every 4 paragraphs, "
        "bylines, captions with credits and their repeats, agency datelines, story look-alike paragraphs; "
        "once with the dev lines, once with the held-out check lines; then the same with the lines of "
        "eval/cleaning/written.tsv, by other writers; then with the held-out lines of two more writers, eval/cleaning/fresh.tsv (never trained on), and of two more, eval/cleaning/fresh2.tsv, and two more, eval/cleaning/fresh3.tsv, and two more, eval/cleaning/fresh4.tsv, and two more, eval/cleaning/fresh5.tsv, and two more, eval/cleaning/fresh6.tsv, and two more, eval/cleaning/fresh7.tsv, and two more, eval/cleaning/fresh8.tsv (these three never trained on), dev and check parts: the line classifier is trained on the dev parts of lines.tsv, written.tsv, fresh2.tsv, fresh3.tsv, fresh4.tsv and fresh5.tsv, the context model on those of lines.tsv, fresh2.tsv and fresh3.tsv, never on a check part); R = body_kept, the share of story "
        "characters not removed (story: every body paragraph but the chrome, captions and bylines a crawl left in "
        "some bodies, read by hand and listed in eval/cleaning/body-chrome.tsv (body_chrome_removed), and but a "
        "page's headline and date line; look-alikes; dateline leads), P = share of removed characters that are "
        "not story, whitespace not counted; paragraphs_intact/lookalikes_kept: none of their characters "
        "removed; headline_kept: the page's headline, none of it removed; chrome/captions/duplicates/bylines_removed: all of them removed (credited_removed: the captions that carry a photo credit, credit-only lines included; byline_reason: all with "
        "reason byline); credit_found: the credit is in an overlapping record.captions credit or removed span "
        "with reason credit; agency: record.agency names the dateline's agency (case-insensitively or as a "
        "written form of the same name in newsgraph/data/agencies.tsv; None when the dateline names none); paragraphs_lost counts paragraphs not intact; n = pages.",
        scores=scores,
    )
