"""Stage 4c, times: temporal expressions, normalised to TIMEX3 values anchored on the publication date.

* **Finding them.** A fixed set of precompiled patterns (:data:`RULES`, in the spirit of
  HeidelTime) runs over the analysed text: calendar dates ("September 16, 2024", "16 Sept",
  "Sept. 16", "2024-09-16", "9/16/2024"), months and years ("February 2022", "in February",
  "2024", "fiscal 1989"), weekdays with an optional part of day ("Monday", "Monday morning", "last
  Friday"), holidays (``data/times_holidays.tsv``), seasons ("autumn of 2022", "last fall"), quarters
  and halves ("the third quarter", "third-quarter", "Q3 2024", "the first half of 2023"), decades and
  centuries ("the 1990s", "the '80s", "the 20th century"), clock times ("3 p.m.", "10:35 a.m. EDT
  Tuesday", "noon"), deictic words ("today", "yesterday", "tonight", "this morning", "last week",
  "next month", "this year", "two years ago", "a decade earlier", "by year-end", "the year", "the full
  year"), anaphoric ones ("that year", "later that day", "the next morning", "the following year", "the
  same month a year ago"), durations ("three-day", "two years",
  "the past six months", "more than four hours", "for years") and sets ("every week", "weekly", "per
  month", "twice a year"), and the reference words ("now", "currently" → ``PRESENT_REF``;
  "recently", "the past" → ``PAST_REF``; "the future", "the near term", "the coming weeks" →
  ``FUTURE_REF``; "previously" is not one: TimeML news annotation leaves it out nearly always).
  Overlapping candidates are resolved longest first. A part-of-period prefix found just before a
  date ("the end of", "the beginning of", "early", "late", "mid-") joins the expression and sets its
  ``mod`` (``END``, ``START``, ``MID``), as do approximators before durations ("about" → ``APPROX``,
  "more than" → ``MORE_THAN``, ...). Extents follow TimeML: no governing preposition ("on Monday" →
  "Monday"), determiners and modifiers kept ("the end of 2024", "the past two months"), but a season
  has no article ("in the autumn of 2022" → "autumn of 2022"; "last fall" keeps "last"); ages
  ("a 47-year-old"), money or counts that look like years ("$2000", "Windows 2000": spaCy says it is
  a product or a person), fractions ("a quarter of the votes"), proper names ("Theresa May", "the
  Winter Olympics", "the fall of Kabul", ABC's "This Week"), temperatures and ages ("in the 70s") and the
  halves and quarters of a game (no year, sports words around) are left out.
* **Normalising them.** Values are TIMEX3 (``2024-09-16``, ``2024-09``, ``2024-W37``,
  ``2024-W37-WE``, ``2024-Q3``, ``2024-H1``, ``2022-FA``, ``199`` for the 1990s,
  ``2024-09-16TMO``, ``2024-09-16T15:00``, ``P3D``, ``PT5H``, ``PXY``, ``PRESENT_REF``). Expressions
  that need a reference time are resolved against ``record.published``, with the tense of the verb
  that governs them in the parse ("will", "would", "going to", a present progressive, "plans to …",
  "is to …", "set to …", "scheduled"/"set for …", "extended/postponed to/until …" and the words
  "payable"/"effective" look ahead; a plan made in the past, "decided to sell in March", says nothing)
  unless the expression says it ("next", "last", "this coming"). A weekday looks back unless the verb
  looks ahead: in news, "on Monday" is the latest Monday on or before publication; "as soon as
  Tuesday", "until Tuesday" (not with a past perfect) and a present tense with a day ("the leaders meet
  Friday": a timetable) look ahead. A month or a day without a year goes to the side the tense says (a
  past tense with a day less than two months ahead, or the next month, is a plan or a deadline, as is
  "by"/"until"; after "since" it is behind), and to the nearest occurrence when the tense says
  nothing. A quarter later in the year than the publication's is last year's in a past-tense
  sentence. Anaphoric expressions take the date the text last spoke of (a concrete day, month or
  year before them; "the year" only one of its own sentence, as in "the fourth quarter of 2005 and the
  entire year"), else the publication date; "the year ended June 30" is a duration (``P1Y``). A clock
  time without a day takes the day named nearest to it in its sentence ("flew Tuesday … at 18:00
  UTC"). Without a
  publication date the value stays underspecified (``XXXX-WXX-1``, ``XXXX-09-16``, ``XXXX``) rather
  than guessed. A date written with its weekday ("Monday, Oct. 26") takes the year in which that day
  is that weekday. "A year earlier" (or "the year-ago quarter") after a quarter, a half or a month of
  the same paragraph (at most a sentence before) is that period a year back ("in the third quarter,
  up from a year earlier" → the third quarter of the year before); further on in an earnings report
  (a sentence with an amount, the article's latest quarter not yet followed by "the first nine
  months" or a year) it is that quarter a year back; else the year before the anchor.
* **Cost and alternatives.** Only the regexes run over the text (a rule whose keywords are absent is
  skipped); the parse is read only at candidate positions (tense, entity labels). spaCy's own DATE and
  TIME entities are not used: on TempEval-3 and MEANTIME (``newsgraph eval times``) adding the ones our
  patterns miss lowered value F1 (0.779 → 0.734 and 0.826 → 0.797 in one measurement), and normalising
  them with dateparser (``RELATIVE_BASE`` = publication date, the reference system of the eval task)
  added no correct value, so the stage has no dateparser dependency.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc

from .analyse import doc_text
from .lists import data_lines
from .record import Record, Time

# ---------------------------------------------------------------------------------------------
# lexicon

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3, "thursday": 4, "thu": 4,
    "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "final": 4, "last": 4,
}  # fmt: skip
_UNITS = {
    "second": "S", "sec": "S", "minute": "M", "min": "M", "hour": "H", "hr": "H", "day": "D", "week": "W",
    "fortnight": "2W", "month": "M", "year": "Y", "yr": "Y", "decade": "10Y", "century": "100Y", "centurie": "100Y",
    "quarter": "Q",
}  # fmt: skip
_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "couple": 2, "a couple": 2,
    "a couple of": 2, "couple of": 2, "half": 0.5, "a half": 0.5, "dozen": 12, "a dozen": 12,
}  # fmt: skip
_VAGUE = frozenset({"a few", "few", "several", "many", "some", "a number of", "numerous"})
_MODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "nearly": "APPROX", "almost": "APPROX", "just": None, "only": None, "more than": "MORE_THAN", "over": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN", "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "at least": "EQUAL_OR_MORE", "nearly a": "APPROX",
}  # fmt: skip
_SET_WORDS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "fortnightly": "P2W", "monthly": "P1M",
    "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "biannually": "P6M", "biennially": "P2Y",
}  # fmt: skip
_NOT_SET_HEADS = frozenset(
    "newspaper paper dividend dividends report magazine publication journal edition show program programme "
    "earnings results payment payments rate rates meeting sales figures allowance loss losses profit profits "
    "volume turnover".split()
)
_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
    "at present": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
}  # fmt: skip
#: entity labels that own a date-looking word: "Theresa May", "Windows 2000", "The Sunday Times"
_OWNERS = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART"})
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
_MODAL_FUTURE = frozenset({"would", "must", "should"})
_FUTURE_HEADS = frozenset(
    "plan expect schedule set due intend hope aim want propose prepare vow pledge promise agree decide "
    "threaten seek try begin start going".split()
)

# ---------------------------------------------------------------------------------------------
# patterns (month and weekday names are case-sensitive: "May" the month, not "may" the verb)

_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\.|Sun\.)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)(?![\d])"
_NUMWORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
_NUM = (
    rf"(?:(?:\d+|{_NUMWORD})\s+and\s+a\s+half|\d+(?:[.,]\d+)?(?:\s+\d/\d)?|{_NUMWORD}(?:[- ]{_NUMWORD}){{0,3}}|an?"
    r"|a\s+couple(?:\s+of)?|couple\s+of|a\s+half|half|"
    r"a\s+dozen|dozen|a\s+few|few|several|many|some|a\s+number\s+of|numerous)"
)
_UNIT = r"(?:second|sec|minute|min|hour|hr|day|week|fortnight|month|year|yr|decade|centurie|century|quarter)s?"
_MOD = (
    r"(?:about|around|approximately|roughly|some|nearly|almost|just|only|more\s+than|over|less\s+than|under|fewer\s+than"
    r"|up\s+to|at\s+most|no\s+more\s+than|at\s+least)"
)
_PARTDAY = r"(?:morning|afternoon|evening|night)"
_DEICTIC_DAY = r"(?:today|yesterday|tomorrow|tonight)"
_B = r"(?<![\w.-])"  # a word starts here (not inside a number, a word or a hyphenated word)
_E = r"(?![\w-]|\.\w)"

_AMPM = r"(?:[ap]\.\s?m\.?|[ap]m\b|[AP]M\b|[AP]\.M\.?)"
_TZ = r"(?:\s+\(?(?:EDT|EST|CDT|CST|MDT|MST|PDT|PST|GMT|UTC|BST|CET|CEST|IST|JST|AEST|AEDT)\)?|\s+local\s+time)"


# ---------------------------------------------------------------------------------------------
# context: the anchor and the tense of a position


@dataclass(slots=True)
class _Context:
    text: str
    doc: Doc
    anchor: date | None
    owned: list[tuple[int, int]] = field(default_factory=list)  # spans of person/org/product entities
    year_shifts: dict[int, tuple[int, str]] = field(default_factory=dict)  # "a year earlier": start → (years, unit)
    _via: str = ""  # the word below the verb found by :meth:`verb` ("to" in "extended to Nov. 20")
    dayless_clocks: set[int] = field(default_factory=set)  # starts of clock times written without a day
    #: "the next day": start → (unit, shift, part, years back, same sentence only)
    anaphora: dict[int, tuple[str, int, str | None, int, bool]] = field(default_factory=dict)

    def token(self, pos: int):
        span = self.doc.char_span(pos, min(pos + 1, len(self.text)), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def owned_by_entity(self, start: int, end: int) -> bool:
        """Whether the words [start, end) belong to a name ("Theresa May", "Windows 2000"); a name
        that is the whole of a dated expression is the model's mistake, not an owner ("Easter 2025"
        taken for a facility)."""
        dated = any(c.isdigit() for c in self.text[start:end])
        i = bisect_right(self.owned, (start, 10**12)) - 1
        for j in (i, i + 1):
            if 0 <= j < len(self.owned):
                a, b = self.owned[j]
                if a < end and start < b and not (dated and start <= a and b <= end):
                    return True
        return False

    def tense(self, pos: int) -> str | None:
        """``future``, ``past``, ``present`` or None: the tense of the verb that governs the word at ``pos``.
        A date that hangs from a word of scheduling ("payable Dec. 7", "effective Feb. 1", "due Friday")
        looks ahead whatever the verb of the sentence."""
        verb = self.verb(pos)
        if isinstance(verb, str):
            return verb
        if verb is None:
            return None
        if verb.lemma_ in _POSTPONE and self._via in _LATER_PREPS:
            return "future"  # "extended the offer to Nov. 20", "postponed until Tuesday"
        if verb.lemma_ in _SET_FOR and verb.tag_ == "VBN" and self._via == "for":
            return "future"  # "a summit set for April", "the talks scheduled for Friday"
        return _verb_tense(verb)

    def verb(self, pos: int):
        """The verb that governs the word at ``pos`` (climbing at most six heads), ``"future"`` when a word
        of scheduling comes first, or None. ``_via`` keeps the word the climb reached the verb from."""
        token = self.token(pos)
        self._via = ""
        for _ in range(6):
            if token is None:
                return None
            if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
                return token
            self._via = token.lower_
            if token.lower_ in _AHEAD_WORDS:
                return "future"
            if token.head.i == token.i:
                return None
            token = token.head
        return None


#: words from which a date looks ahead: "a dividend payable Dec. 7", "effective Feb. 1"
_AHEAD_WORDS = frozenset({"payable", "effective"})
#: verbs that move something to a later date: "extended the offer to Nov. 20", "postponed until Tuesday"
_POSTPONE = frozenset({"extend", "postpone", "delay", "defer", "adjourn", "reschedule", "push", "put"})
_LATER_PREPS = frozenset({"to", "until", "till", "through", "into"})
_SET_FOR = frozenset({"set", "schedule", "slate", "plan"})


def _verb_tense(verb, depth: int = 0) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or (words & _MODAL_FUTURE and not any(c.dep_ == "neg" for c in verb.children)):
        return "future"
    planned = verb.head.i != verb.i and verb.head.lemma_ in ("plan", "schedule") and verb.dep_ == "xcomp"
    if verb.lemma_ in ("plan", "schedule") or planned:
        return "future"  # "planned to leave on Thursday", "scheduled a news conference Thursday"
    if "to" in words and verb.tag_ in ("VB", "VBN") and verb.head.i != verb.i:
        return _infinitive_tense(verb, depth)  # "plans to vote on Friday", "expects the deal to be completed by Dec. 15"
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"  # "they are meeting on Friday"
    if verb.tag_ == "VBN" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        if verb.lemma_ in _FUTURE_HEADS:
            return "future"  # "the vote is scheduled for Friday"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and auxes):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBN" and not auxes):
        return "present" if verb.tag_ != "VBN" else "past"
    return None


def _infinitive_tense(verb, depth: int) -> str | None:
    """The tense of an infinitive ("to vote", "to be completed") from the word it depends on."""
    head = verb.head
    if head.lemma_ in _FUTURE_HEADS or head.lower_ == "going":
        governor = head.head if head.pos_ == "ADJ" and head.dep_ == "acomp" else head  # "had been due to expire"
        tense = _verb_tense(governor, depth + 1) if depth < 4 and governor.pos_ in ("VERB", "AUX") else None
        if tense == "past" and head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children):
            return "future"  # "the talks, set to resume Monday"
        return None if tense == "past" else "future"  # "decided to admit them in March": a plan, on either side
    if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
        return "future"  # "is to resume trading Tuesday"
    return _verb_tense(head, depth + 1) if head.pos_ in ("VERB", "AUX") and depth < 4 else None


# ---------------------------------------------------------------------------------------------
# calendar helpers


def _anchor(published: str | None) -> date | None:
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", published or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _ymd(d: date) -> str:
    return d.isoformat()


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + month - 1 + n
    return k // 12, k % 12 + 1


def _direction(ctx: _Context, pos: int, said: str | None) -> str:
    """``future`` or ``past`` for an expression at ``pos``; ``said`` is what its own words say."""
    if said in ("next", "coming", "this coming", "following"):
        return "future"
    if said in ("last", "past", "previous"):
        return "past"
    tense = ctx.tense(pos)
    ahead = _AHEAD.search(ctx.text, max(0, pos - 40), pos) if said is None else None
    if ahead and (tense != "past" or ahead.group().lower().startswith("as")):
        return "future"  # "as soon as Tuesday", "until 9 a.m. Tuesday" (but "until Thursday, they had not …")
    if tense == "present" and said is None:
        verb = ctx.verb(pos)
        possessive = "'s" in ctx.text[pos : pos + 20]
        if verb is not None and not isinstance(verb, str) and verb.lemma_ not in _STATIVE and not possessive:
            return "future"  # "the leaders meet Monday": a present tense with a day is a timetable
    return "future" if tense == "future" else "past"


_AHEAD = re.compile(
    r"(?i:\bas\s+(?:soon|early)\s+as\s+(?:[\w']+\s+){0,4}|\b(?:until|till|no\s+later\s+than)\s+(?:[\d:.]+\s+[ap]\.?m\.?\s+)?)$"
)
_STATIVE = frozenset("be have say tell report show remain seem hold".split())


def _weekday_date(anchor: date, weekday: int, direction: str, strict: bool = False) -> date:
    delta = (anchor.isoweekday() - weekday) % 7
    if direction == "past":
        return anchor - timedelta(days=delta or (7 if strict else 0))
    ahead = (weekday - anchor.isoweekday()) % 7
    return anchor + timedelta(days=ahead or (7 if strict else 0))


def _year_for(ctx: _Context, pos: int, month: int, day: int | None) -> int:
    """The year of a month (or month and day) written without one: the occurrence nearest the anchor,
    unless the tense says which side ("in February" said in September: this year's if past, next
    year's if future); a deadline ("by", "until") keeps the nearest."""
    anchor = ctx.anchor
    assert anchor is not None
    here = (anchor.month, anchor.day if day is not None else 0)
    there = (month, day or 0)
    tense = ctx.tense(pos)
    if _DEADLINE.search(ctx.text, max(0, pos - 12), pos):
        tense = None
    elif _SINCE.search(ctx.text, max(0, pos - 40), pos):
        return anchor.year - (there > here)  # "since the Oct. 23 shooting": before the anchor
    if tense == "future":
        return anchor.year + (there < here)
    if tense == "past":  # a past tense with a date just ahead is a plan or a deadline: "was set for Oct. 12"
        soon = _days_ahead(anchor, month, day) <= 62 if day is not None else month == anchor.month % 12 + 1
        return anchor.year - (there > here and not soon)
    months = (month - anchor.month) % 12  # months ahead of the anchor's month
    if there > here and months > 6:
        return anchor.year - 1
    if there < here and months and months <= 6 - (day is None):
        return anchor.year + 1
    return anchor.year


def _days_ahead(anchor: date, month: int, day: int) -> int:
    try:
        return (date(anchor.year, month, day) - anchor).days
    except ValueError:
        return 366


_SINCE = re.compile(r"(?i:\bsince\s+(?:[\w']+\s+){0,3})$")
_DEADLINE = re.compile(r"(?i:\b(?:by|until|till|before|through)\s+)$")


def _number(word: str) -> float | None:
    """A count written in figures or words; None when vague ("several", "a few")."""
    w = " ".join(word.lower().replace("-", " ").split())
    if w in _VAGUE:
        return None
    if w.endswith(" and a half"):
        whole = _number(w[: -len(" and a half")])
        return whole + 0.5 if whole is not None else None
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)(?:\s+(\d)/(\d))?", w)
    if m:
        n = float(m.group(1).replace(",", "") if re.fullmatch(r"\d{1,3},\d{3}", m.group(1)) else m.group(1).replace(",", "."))
        if m.group(2):
            n += int(m.group(2)) / max(1, int(m.group(3)))
        return n
    if w in _SMALL:
        return float(_SMALL[w])
    total = 0.0
    for part in w.split():
        if part not in _SMALL:
            return None
        total = total * 100 if part == "hundred" else total + _SMALL[part]
    return total or None


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration(n: float | None, unit_word: str) -> str | None:
    unit = _unit(unit_word)
    if unit is None:
        return None
    time = unit_word.lower().startswith(("sec", "min", "hour", "hr"))
    if unit.endswith("Y") and unit != "Y":  # decade, century
        size = int(unit[:-1])
        return f"P{_fmt(n * size)}Y" if n is not None else ("PXDE" if size == 10 else "PXCE")
    if unit == "2W":
        return f"P{_fmt(2 * n)}W" if n is not None else "PXW"
    if n is None:
        return f"PTX{unit}" if time else f"PX{unit}"
    if n != int(n):  # 1.5 hours → PT1H30M; 2.5 years → P2Y6M
        whole, frac = int(n), n - int(n)
        smaller = {"H": (60, "M"), "M": (60, "S"), "D": (24, "H"), "Y": (12, "M"), "W": (7, "D")}.get(unit)
        if smaller and (time or unit in ("Y", "W")):
            rest = f"{_fmt(frac * smaller[0])}{smaller[1]}"
            head = f"{whole}{unit}" if whole else ""
            return f"PT{head}{rest}" if time else f"P{head}{rest}"
        if unit == "D":
            return f"P{whole}DT{_fmt(frac * 24)}H" if whole else f"PT{_fmt(frac * 24)}H"
    return f"PT{_fmt(n)}{unit}" if time else f"P{_fmt(n)}{unit}"


def _unit(word: str) -> str | None:
    w = word.lower()
    if w.endswith("s") and w[:-1] in _UNITS:
        w = w[:-1]
    return _UNITS.get(w)


def _month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _weekday_of(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]


def _season_year(anchor: date) -> tuple[int, str]:
    m = anchor.month
    season = "WI" if m in (12, 1, 2) else "SP" if m <= 5 else "SU" if m <= 8 else "FA"
    return anchor.year, season


# ---------------------------------------------------------------------------------------------
# rules: each a regex and a function (match, context) → (type, value, mod) or None

Result = tuple[str, str, str | None] | tuple[str, str, str | None, int] | None


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    normalise: Callable[[re.Match[str], _Context], Result]
    needs: tuple[str, ...] = ()  # the rule only runs on a text holding one of these (lowercase)


RULES: list[Rule] = []


def rule(name: str, pattern: str, needs: tuple[str, ...] = ()):
    def register(fn: Callable[[re.Match[str], _Context], Result]):
        RULES.append(Rule(name, re.compile(pattern), fn, needs))
        return fn

    return register


def _date_value(ctx: _Context, pos: int, month: int, day: int | None, year: int | None) -> str | None:
    if day is not None and not 1 <= day <= 31:
        return None
    if year is None:
        if ctx.anchor is None:
            return f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
        year = _year_for(ctx, pos, month, day)
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# "Monday, September 16, 2024", "Sept. 16", "September 16th, 2024"
@rule(
    "month-day",
    rf"{_B}(?:(?P<w>{_WEEKDAY}),?\s+)?(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?!\d|:\d)(?:(?:,\s*|\s+)(?P<y>{_YEAR}))?{_E}",
)
def _month_day(m: re.Match[str], ctx: _Context) -> Result:
    return _day_date(m, ctx)


# "16 September 2024", "16 Sept", "the 16th of September"
@rule(
    "day-month",
    rf"{_B}(?:(?P<w>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?{_E}",
)
def _day_month(m: re.Match[str], ctx: _Context) -> Result:
    return _day_date(m, ctx)


def _day_date(m: re.Match[str], ctx: _Context) -> Result:
    month, day, year = _month_of(m.group("m")), int(re.sub(r"\D", "", m.group("d"))), _int(m.group("y"))
    if year is None and m.group("w") and ctx.anchor is not None:  # "Monday, Oct. 26": the year whose Oct. 26 is a Monday
        weekday = _weekday_of(m.group("w"))
        years = [y for y in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1) if _is_weekday(y, month, day, weekday)]
        year = years[0] if years else None
    value = _date_value(ctx, m.start("m"), month, day, year)
    return ("DATE", value, None) if value else None


def _is_weekday(year: int, month: int, day: int, weekday: int) -> bool:
    try:
        return date(year, month, day).isoweekday() == weekday
    except ValueError:
        return False


# "February 2022", "February of 2022", "in February"
@rule(
    "month",
    rf"{_B}(?P<m>{_MONTH_FULL}|{_MONTH_ABBR}(?=,?\s+(?:of\s+)?{_YEAR}))"
    rf"(?:,?\s+(?:of\s+)?(?:(?P<y>{_YEAR})|(?P<rel>(?i:this|last|next))\s+(?i:year)))?{_E}",
)
def _month(m: re.Match[str], ctx: _Context) -> Result:
    word = m.group("m")
    if m.group("rel"):  # "June last year"
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(m.group("rel").lower(), 0) if ctx.anchor else None
        return "DATE", f"{year}-{_month_of(word):02d}" if year else f"XXXX-{_month_of(word):02d}", None
    if m.group("y") is None:
        if ctx.owned_by_entity(m.start(), m.end()):
            return None
        if word == "May" and not _month_context(ctx.text, m.start()):
            return None
        marching = re.match(r"\s+(?:on|to|through|against|in)\b", ctx.text[m.end() :])
        if word == "March" and marching and not _month_context(ctx.text, m.start()):
            return None
    value = _date_value(ctx, m.start(), _month_of(word), None, _int(m.group("y")))
    return ("DATE", value, None) if value else None


def _month_context(text: str, start: int) -> bool:
    """A preposition or determiner before a month name that could be something else ("May", "March")."""
    return bool(_MONTH_BEFORE.search(text, max(0, start - 12), start))


_MONTH_BEFORE = re.compile(
    r"(?i:\b(?:in|since|until|till|by|from|of|during|early|late|mid|last|next|this|before|after|through)\s+)$"
)


def _int(s: str | None) -> int | None:
    return int(s) if s else None


# "2024-09-16", "9/16/2024", "16.09.2024" is left alone (order unclear)
@rule(
    "numeric",
    r"(?<![\d/.-])(?:(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)"
    r"|(?P<m2>1[0-2]|0?[1-9])/(?P<d2>[0-3]?\d)/(?P<y2>(?:19|20)?\d\d))(?![\d/])",
    needs=("/", "-"),
)
def _numeric(m: re.Match[str], ctx: _Context) -> Result:
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
        if y < 100:
            y += 2000 if y < 50 else 1900
    try:
        return "DATE", date(y, mo, d).isoformat(), None
    except ValueError:
        return None


# "2024", "fiscal 1989", "the year 2000"
@rule("year", rf"{_B}(?:(?i:fiscal(?:\s+year)?|FY|the\s+year)\s*)?(?P<y>{_YEAR}){_E}(?!\s*(?:%|percent|per\s+cent|[-–]\s*\d))")
def _year(m: re.Match[str], ctx: _Context) -> Result:
    before = ctx.text[max(0, m.start() - 3) : m.start()]
    if re.search(r"[$€£¥#№]\s*$|No\.\s*$", before) or ctx.owned_by_entity(m.start("y"), m.end()):
        return None
    after = ctx.text[m.end() : m.end() + 14]
    if re.match(r"\s*(?:[,.]\d|[×x]\d|:\d|\d)", after):
        return None
    token = ctx.token(m.start("y"))
    if token is not None and token.ent_type_ in ("MONEY", "QUANTITY", "PERCENT") and token.ent_iob_ != "O":
        return None
    if token is not None and token.i + 1 < len(ctx.doc):
        nxt = ctx.doc[token.i + 1]
        if nxt.tag_ == "NNS" and token.dep_ == "nummod" and token.ent_type_ != "DATE":
            return None  # "2000 troops"
    return "DATE", m.group("y"), None


# decades: "the 1990s", "the '80s", "the mid-1990s" (the part prefix is added later)
@rule(
    "decade",
    rf"{_B}(?:(?i:the)\s+)?(?:(?P<c>1[5-9]|20)(?P<d>\d)0'?s|[‘'’](?P<s>\d)0'?s"
    r"|(?:(?<=\bthe\s)|(?<=\b[2-9]0s\sand\s)|(?<=\b[2-9]0s\sor\s))(?P<s2>[2-9])0s)(?!\s*(?:degrees|°|percent|%|mph))"
    rf"{_E}",
)
def _decade(m: re.Match[str], ctx: _Context) -> Result:
    if m.group("c"):
        return "DATE", m.group("c") + m.group("d"), None
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    if m.group("s2") and re.search(r"(?i:\b(?:low|mid|high|upper|lower)[\s-]*$|\bin\s+(?:the\s+)?$)", before):
        return None  # "in the 70s" (temperatures, scores, ages): only "the 70s and 80s", "of the 80s"
    d = int(m.group("s") or m.group("s2"))
    century = 19 if ctx.anchor is None or d * 10 > ctx.anchor.year % 100 else ctx.anchor.year // 100
    return "DATE", f"{century}{d}", None


_TEENS = {"nineteen": 19, "eighteen": 18, "twenty": 20}
_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
         "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip


# years said in words (broadcast transcripts): "nineteen ninety-six", "the year two thousand"
@rule(
    "spoken-year",
    rf"{_B}(?i:(?:the\s+year\s+)?(?:(?P<c>nineteen|eighteen|twenty)\s+(?P<t>{'|'.join(_TENS)})(?:[\s-](?P<o>{'|'.join(_ONES)}))?"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?P<o2>{'|'.join(_ONES)}|{'|'.join(list(_TENS)[:10])}))?)){_E}",
    needs=("thousand", "nineteen", "eighteen", "twenty"),
)
def _spoken_year(m: re.Match[str], ctx: _Context) -> Result:
    if m.group("c"):
        year = _TEENS[m.group("c").lower()] * 100 + _TENS[m.group("t").lower()] + _ONES.get((m.group("o") or "").lower(), 0)
    else:
        said_as_year = re.search(r"(?i:\b(?:in|since|until|of|by)\s+)$", ctx.text[max(0, m.start() - 7) : m.start()])
        if not re.match(r"(?i:the\s+year)", m.group()) and not said_as_year:
            return None  # "two thousand people"
        rest = (m.group("o2") or "").lower()
        year = 2000 + _ONES.get(rest, _TENS.get(rest, 0))
    return "DATE", str(year), None


# "the nineties", "the sixties"
@rule("decade-word", rf"{_B}(?i:the\s+(?:(?P<early>early|late|mid)[\s-]+)?(?P<w>{'|'.join(_DECADE_WORDS)})){_E}", needs=("ties",))
def _decade_word(m: re.Match[str], ctx: _Context) -> Result:
    d = _DECADE_WORDS[m.group("w").lower()]
    mod = _PART_MOD.get((m.group("early") or "").lower())
    return "DATE", f"19{d}", mod


_CENTURY_ORD = (
    r"(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
    r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)"
)


@rule("century", rf"{_B}(?i:(?:the\s+)?(?P<n>{_CENTURY_ORD})[\s-]+century){_E}", needs=("centur",))
def _century(m: re.Match[str], ctx: _Context) -> Result:
    n = m.group("n").lower()
    k = int(re.sub(r"\D", "", n)) if n[0].isdigit() else ORDINALS.get(n)
    return ("DATE", f"{k - 1:02d}", None) if k else None


# seasons: "autumn of 2022", "spring 2023", "last fall", "this summer", "the winter"
@rule(
    "season",
    rf"{_B}(?i:(?:(?P<rel>last|this|next|this\s+coming|past|coming)\s+|(?P<the>the)\s+)?)"
    r"(?P<s>(?i:spring|summer|autumn|fall|winter))"
    rf"(?:(?:\s+of)?\s+(?P<y>{_YEAR}))?{_E}",
    needs=("spring", "summer", "autumn", "fall", "winter"),
)
def _season(m: re.Match[str], ctx: _Context) -> Result:
    season = SEASONS[m.group("s").lower()]
    rel = (m.group("rel") or "").lower()
    start = m.start("s")  # no leading article: "(the) autumn of 2022", "(the) winter"; "last fall" keeps its word
    if m.group("rel"):
        start = m.start()
    if m.group("y"):
        return "DATE", f"{m.group('y')}-{season}", None, start
    before = ctx.text[max(0, m.start() - 10) : m.start()]
    in_season = re.search(r"(?i:\b(?:in|during|since|until|by|this|early|late|mid|over)\s+)$", before)
    if not rel and not m.group("the") and not in_season:
        return None
    if m.group("s").lower() == "fall" and not rel and not m.group("the"):
        return None
    after = ctx.text[m.end() : m.end() + 20]
    if (not rel and re.match(r"\s+of\b", after)) or (m.group("s")[0].isupper() and re.match(r"\s+[A-Z]", after)):
        return None  # "the fall of Kabul", "the Winter Olympics"
    if ctx.anchor is None:
        return "DATE", f"XXXX-{season}", None, start
    year, current = _season_year(ctx.anchor)
    order, here = _SEASON_ORDER[season], _SEASON_ORDER[current]
    direction = _direction(ctx, m.start(), rel.replace("this coming", "next") or None)
    if rel == "this" or (not rel and order == here):
        pass
    elif direction == "past" and order >= here:
        year -= 1
    elif direction == "future" and order <= here:
        year += 1
    return "DATE", f"{year}-{season}", None, start


# quarters and halves: "the third quarter", "third-quarter", "the fourth quarter of 2023", "Q3 2024"
_QYEAR = (
    rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR})"
    r"|\s+of\s+(?P<rel2>this|last|next|the\s+(?:current|previous|next)|that)\s+(?:fiscal\s+)?year)"
)


@rule(
    "quarter",
    rf"{_B}(?i:(?:(?P<y0>{_YEAR})(?:'s)?\s+|(?P<rel>this|last|next)\s+year's\s+|(?P<det>the|its|a)\s+(?:(?P<y1>{_YEAR})\s+)?)?"
    r"(?:(?:fiscal|calendar)[\s-]+)?"
    r"(?P<n>first|second|third|fourth|final|last|1st|2nd|3rd|4th)(?P<sep>[\s-]+)(?P<u>quarter|half|three\s+quarters)s?)"
    rf"(?:{_QYEAR})?{_E}",
    needs=("quarter", "half"),
)
def _quarter(m: re.Match[str], ctx: _Context) -> Result:
    owner = re.search(r"(?:\b(?i:century|decade|year|season|game|match|film|book|story|novel|show)(?:'s|’s)|\bof\s+the)\s+$",
                      ctx.text[max(0, m.start() - 16) : m.start()])
    if owner and not (m.group("y0") or m.group("rel")):
        return None  # "the century's second half", "the end of the second half": not a calendar period
    n = ORDINALS[m.group("n").lower()]
    unit = m.group("u").lower()
    if unit.startswith("three"):
        return None
    year_given = m.group("y") or m.group("y0") or m.group("y1") or m.group("rel") or m.group("rel2")
    if not year_given and _GAME.search(ctx.text, max(0, m.start() - 150), m.end() + 150):
        return None  # "scored twice in the second half": a half or a quarter of a game
    if unit == "half":
        n = 2 if m.group("n").lower() in ("final", "last") else n
        if n > 2:
            return None
    elif n > 4:
        return None
    letter = "H" if unit == "half" else "Q"
    year = _int(m.group("y") or m.group("y0") or m.group("y1"))
    rel = (m.group("rel") or m.group("rel2") or "").lower().split()[-1:] or [""]
    rel_word = rel[0]
    if year is None and ctx.anchor is not None and rel_word in ("last", "previous", "next", "this", "current"):
        year = ctx.anchor.year + {"last": -1, "previous": -1, "next": 1}.get(rel_word, 0)
    if year is None:
        if ctx.anchor is None:
            return "DATE", f"XXXX-{letter}{n}", None
        here = (ctx.anchor.month - 1) // (3 if letter == "Q" else 6) + 1
        year = ctx.anchor.year
        year -= n > here and ctx.tense(m.start()) == "past"
    det = (m.group("det") or "").lower()
    if det and ("-" in m.group("sep") or det != "the") and not m.group("y1"):
        return "DATE", f"{year}-{letter}{n}", None, m.start("n")  # "a third-quarter loss", "its fourth quarter"
    return "DATE", f"{year}-{letter}{n}", None


@rule("q-number", rf"{_B}Q(?P<n>[1-4])(?:\s+|\s*[/']\s*)?(?P<y>{_YEAR}|\d\d)?{_E}", needs=('q1', 'q2', 'q3', 'q4'))
def _q_number(m: re.Match[str], ctx: _Context) -> Result:
    y = m.group("y")
    if y and len(y) == 2:
        y = f"20{y}"
    if y is None:
        if ctx.anchor is None:
            return "DATE", f"XXXX-Q{m.group('n')}", None
        y = str(ctx.anchor.year - (int(m.group("n")) > (ctx.anchor.month - 1) // 3 + 1))
    return "DATE", f"{y}-Q{m.group('n')}", None


_GAME = re.compile(
    r"(?i:\b(?:scored|scoring|touchdowns?|innings|halftime|half-time|kick-?off|whistle|"
    r"quarterback|penalty|free throws?|rebounds?|the lead|led \d+|minutes? (?:left|remaining)|overtime)\b)"
)


# "the quarter", "the latest quarter", "the current quarter", "last quarter"
@rule(
    "this-quarter",
    rf"{_B}(?i:(?P<the>the\s+)?(?P<rel>latest|last|most\s+recent|current|previous|past|next|coming|this)?\s*"
    r"(?:fiscal\s+)?quarter)"
    rf"{_E}(?![\s-]+(?:of|century|mile|point|final))",
    needs=("quarter",),
)
def _this_quarter(m: re.Match[str], ctx: _Context) -> Result:
    rel = " ".join((m.group("rel") or "").lower().split())
    if not m.group("the") and not rel:
        return None
    if _GAME.search(ctx.text, max(0, m.start() - 150), m.end() + 150):
        return None
    if ctx.anchor is None:
        return "DATE", "XXXX-QX", None
    q = (ctx.anchor.month - 1) // 3 + 1
    shift = {"current": 0, "this": 0, "next": 1, "coming": 1}.get(rel, -1)
    if not rel and ctx.tense(m.start()) == "future":
        shift = 0
    y, q = divmod(ctx.anchor.year * 4 + q - 1 + shift, 4)
    return "DATE", f"{y}-Q{q + 1}", None


# weekdays: "Monday", "last Friday", "next Tuesday", "Monday morning", "Monday night"
@rule(
    "weekday",
    rf"{_B}(?:(?P<rel>(?i:last|next|this\s+coming|this|past|coming|previous))\s+)?"
    r"(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
    rf"(?:'s)?(?:\s+(?P<p>(?i:{_PARTDAY})))?{_E}",
)
def _weekday(m: re.Match[str], ctx: _Context) -> Result:
    if ctx.owned_by_entity(m.start("w"), m.end("w")):
        return None
    wd = _weekday_of(m.group("w"))
    part = PARTS_OF_DAY[m.group("p").lower()] if m.group("p") else None
    if ctx.anchor is None:
        value = f"XXXX-WXX-{wd}"
    else:
        rel = " ".join((m.group("rel") or "").lower().split())
        direction = _direction(ctx, m.start("w"), rel or None)
        if rel == "this":
            direction = "future" if ctx.tense(m.start("w")) == "future" or wd > ctx.anchor.isoweekday() else "past"
        value = _ymd(_weekday_date(ctx.anchor, wd, direction, strict=rel in ("last", "next", "previous", "past")))
    return ("TIME", f"{value}T{part}", None) if part else ("DATE", value, None)


# "today", "yesterday", "tomorrow", "tonight", "this morning", "last night", "yesterday afternoon"
@rule(
    "deictic-day",
    rf"{_B}(?i:(?:the\s+day\s+(?P<ba>before\s+yesterday|after\s+tomorrow))"
    rf"|(?P<d>today|yesterday|tomorrow|tonight)(?:\s+(?P<p>{_PARTDAY}))?"
    rf"|(?P<rel>this|last|tomorrow|yesterday)\s+(?P<p2>{_PARTDAY}))(?:'s)?{_E}",
)
def _deictic_day(m: re.Match[str], ctx: _Context) -> Result:
    word = (m.group("d") or m.group("rel") or "").lower()
    part = (m.group("p") or m.group("p2") or "").lower()
    offset = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}[word] if word else 0
    if m.group("ba"):
        offset = -2 if m.group("ba").lower().startswith("before") else 2
    if word == "tonight" or (word == "last" and part == "night"):
        part = "night"
    if word == "last" and part != "night":
        return None
    code = PARTS_OF_DAY.get(part)
    if ctx.anchor is None:
        value = "XXXX-XX-XX"
    else:
        value = _ymd(ctx.anchor + timedelta(days=offset))
    if word == "today" and not code and ctx.anchor is None:
        return "DATE", "PRESENT_REF", None
    return ("TIME", f"{value}T{code}", None) if code else ("DATE", value, None)


# "the year", "the full year", "the current fiscal year", "the year ended Sept. 30": in news, the year the text is
# about is the publication's, and a year that ends on a date is a period of a year
@rule(
    "the-year",
    r"\b(?i:the\s+(?:(?P<q>full|current|fiscal|calendar|whole|entire)\s+)?(?:fiscal\s+)?year)"
    r"(?=(?P<after>\s+(?:ended|ending)\b)?)"
    r"(?![\w-]|\s+(?:ago|earlier|before|after|later|previous|prior|to\s+date|\d|two|one)\b"
    r"|'s\s+(?:[a-z]+\s+)?(?:best|top|biggest|first|last))",
    needs=("the year", "full year", "fiscal year", "current year", "calendar year", "whole year", "entire year"),
)
def _the_year(m: re.Match[str], ctx: _Context) -> Result:
    before = ctx.text[max(0, m.start() - 40) : m.start()]
    if re.search(r"(?:\b[A-Z][\w.]*|\b(?:player|person|man|woman|coach|rookie|athlete|story|song|album|record|book|film|movie|"
                 r"word|car|team|manager|teacher|citizen|newsmaker|event)s?)\s+of\s+$", before):
        return None  # "Player of the Year", "the story of the year"
    if m.group("after"):
        return "DURATION", "P1Y", None
    if (m.group("q") or "").lower() == "current":
        return "DATE", str(ctx.anchor.year) if ctx.anchor else "XXXX", None
    ctx.anaphora[m.start()] = ("year", 0, None, 0, True)  # the year of a date earlier in the sentence, else the anchor's
    return "DATE", "ANAPHORA", None


# "by year-end", "at year end", "before year's end": the end of the publication's year (after "since", the last one)
@rule(
    "year-end",
    r"\b(?i:(?:the\s+)?year(?:[- ]|'s\s+|’s\s+)end)\b(?!-)",
    needs=("year-end", "year end", "year's end", "year’s end"),
)
def _year_end(m: re.Match[str], ctx: _Context) -> Result:
    if not _YEAR_END_BEFORE.search(ctx.text, max(0, m.start() - 10), m.start()):
        return None  # "year-end results": an adjective
    if ctx.anchor is None:
        return "DATE", "XXXX", "END"
    since = ctx.text[max(0, m.start() - 6) : m.start()].lower().startswith("since")
    return "DATE", str(ctx.anchor.year - since), "END"


_YEAR_END_BEFORE = re.compile(r"(?i:\b(?:by|at|before|after|until|since|around|through|of|to|near)\s+)$")


# "that year", "later that day", "the next morning", "the following year", "the day before": relative to the
# date the text last spoke of (resolved in :func:`_resolve_anaphora`)
@rule(
    "anaphoric",
    rf"{_B}(?i:(?:(?P<pre>earlier|later)\s+(?:in\s+)?)?(?:that|the\s+same|that\s+same)\s+"
    r"(?P<u>day|morning|afternoon|evening|night|month|year)"
    r"|the\s+(?P<rel>next|following|previous|preceding)\s+(?P<u2>day|morning|afternoon|evening|night)"
    r"|the\s+(?P<rel3>following|previous|preceding)\s+(?P<u4>month|year)"
    rf"|the\s+(?P<u3>day)\s+(?P<ba>before|after)(?=\s+(?:{_WEEKDAY}|{_MONTH}|the|his|her|their|its)\b))"
    rf"(?P<yago>\s+(?i:(?:a|one)\s+year\s+(?:ago|earlier|before)|last\s+year))?{_E}",
    needs=("that", "same", "next", "following", "previous", "preceding", "day before", "day after"),
)
def _anaphoric(m: re.Match[str], ctx: _Context) -> Result:
    unit = (m.group("u") or m.group("u2") or m.group("u3") or m.group("u4")).lower()
    rel = (m.group("rel") or m.group("rel3") or m.group("ba") or "").lower()
    shift = 1 if rel in ("next", "following", "after") else -1 if rel in ("previous", "preceding", "before") else 0
    part = PARTS_OF_DAY.get(unit)
    if part:
        unit = "day"
    mod = {"earlier": "START", "later": "END"}.get((m.group("pre") or "").lower()) if unit != "day" else None
    back = 1 if m.group("yago") and unit != "year" else 0  # "the same month a year ago"
    ctx.anaphora[m.start()] = (unit, shift, part, back, False)
    return ("TIME" if part else "DATE"), "ANAPHORA", mod


_CONCRETE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?(?=T|$)")


def _resolve_anaphora(ctx: _Context, chosen: list[Time]) -> None:
    """Values for "that year", "the next day", …: the date last spoken of in the text (a concrete day,
    month or year before it), else the publication date, shifted."""
    # the latest reference of each granularity: a day, a month (or a day), a year (or anything finer)
    references: dict[str, tuple[str, int]] = {}
    for t in chosen:
        if t.value != "ANAPHORA":
            m = _CONCRETE.match(t.value) if t.type in ("DATE", "TIME") else None
            value = m.group() if m else None
            if value is None and t.type == "DATE" and re.match(r"\d{4}-(?:Q|H|SP|SU|FA|WI)", t.value):
                value = t.value[:4]  # "the fourth quarter of 2005": a year to refer to
            if value is not None and t.start not in ctx.dayless_clocks:  # "at 3 p.m." names no day of its own
                for unit in ("year", "month", "day")[: {4: 1, 7: 2, 10: 3}[len(value)]]:
                    references[unit] = (value, t.end)
            continue
        unit, shift, part, back, sentence = ctx.anaphora.get(t.start, ("day", 0, None, 0, False))
        ref, reference_end = references.get(unit, (None, 0))
        if sentence and (ref is None or _SENTENCE_END.search(ctx.text, reference_end, t.start)):
            ref = None  # "the year" takes a year of its own sentence only
        ref = ref or (_ymd(ctx.anchor) if ctx.anchor else None)
        if ref is None:
            t.value = "XXXX" if unit == "year" else f"XXXX-XX-XXT{part}" if part else "XXXX-XX-XX"
            continue
        if back:
            ref = f"{int(ref[:4]) - back:04d}{ref[4:]}"
            if ref[4:] == "-02-29":
                ref = ref[:8] + "28"
        t.value = _shifted(ref, unit, shift) + (f"T{part}" if part else "")


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d(?=T|$)")


def _clock_days(ctx: _Context, chosen: list[Time]) -> None:
    """A clock time written without a day ("at 18:00 UTC") takes the day named nearest to it in its sentence
    ("flew Tuesday … at 18:00 UTC", "at 10:35 a.m. (0735 GMT) Friday"), else keeps the publication date."""
    for i, t in enumerate(chosen):
        if t.start not in ctx.dayless_clocks or "T" not in t.value:
            continue
        best: tuple[int, str] | None = None
        for other in chosen[max(0, i - 3) : i + 4]:
            day = _DAY_VALUE.match(other.value) if other is not t else None
            if day is None:
                continue
            a, b = (other.end, t.start) if other.end <= t.start else (t.end, other.start)
            if b - a > 150 or _SENTENCE_END.search(ctx.text, a, b):
                continue
            if best is None or b - a < best[0]:
                best = (b - a, day.group())
        if best is not None:
            t.value = best[1] + t.value[t.value.index("T") :]


def _shifted(ref: str, unit: str, shift: int) -> str:
    """``ref`` (YYYY, YYYY-MM or YYYY-MM-DD) at the granularity of ``unit``, moved by ``shift`` units."""
    year = int(ref[:4])
    if unit == "year":
        return f"{year + shift:04d}"
    if len(ref) < 7:
        return f"{year:04d}-XX" + ("-XX" if unit == "day" else "")
    month = int(ref[5:7])
    if unit == "month":
        y, mo = _shift_month(year, month, shift)
        return f"{y:04d}-{mo:02d}"
    if len(ref) < 10:
        return f"{ref}-XX"
    return _ymd(date(year, month, int(ref[8:10])) + timedelta(days=shift))


# "last week", "this year", "next month", "last weekend", "the weekend", "earlier this month", "last November"
@rule(
    "relative",
    rf"{_B}(?:(?i:(?P<pre>earlier|later)\s+|the\s+(?=(?i:past|previous|coming|following|next|last)\s))?"
    r"(?P<rel>(?i:last|this|next|past|coming|previous|current|following|same|(?:the|that)\s+same))"
    rf"\s+(?P<u>(?i:week(?:end)?|month|year|decade|century)|{_MONTH_FULL})|(?P<the>(?i:the\s+weekend))){_E}",
)
def _relative(m: re.Match[str], ctx: _Context) -> Result:
    word = m.group("u") or ""
    if word[:1].isupper() and word.lower() in ("week", "weekend", "month", "year") and not word.isupper():
        return None  # "ABC's "This Week"": a capitalised unit is a title
    unit = (m.group("u") or "weekend").lower()
    rel = (m.group("rel") or "this").lower().split()[-1]
    if rel == "same":
        return None
    mod = {"earlier": "START", "later": "END"}.get((m.group("pre") or "").lower())
    if rel in ("past", "previous") and unit in ("week", "month", "year", "decade", "century"):
        return "DURATION", _duration(1, unit), None  # "the past year": a period up to now
    if rel in ("coming", "following") and unit in ("week", "month", "year", "decade", "century"):
        return "DURATION", _duration(1, unit), None
    shift = {"last": -1, "next": 1}.get(rel, 0)
    a = ctx.anchor
    if unit in MONTHS:
        month = MONTHS[unit]
        if a is None:
            return "DATE", f"XXXX-{month:02d}", mod
        year = a.year
        if rel == "last":
            year -= month >= a.month
        elif rel == "next":
            year += month <= a.month
        return "DATE", f"{year}-{month:02d}", mod
    if a is None:
        return "DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX"}.get(unit, "XXXX"), mod
    if unit == "week":
        return "DATE", _week(a + timedelta(weeks=shift)), mod
    if unit == "weekend":
        if m.group("the"):
            shift = 1 if ctx.tense(m.start()) == "future" else (0 if a.isoweekday() >= 6 else -1)
        elif rel == "this" and a.isoweekday() < 6 and ctx.tense(m.start()) != "future":
            shift = -1 if ctx.tense(m.start()) == "past" else 0
        return "DATE", _week(a + timedelta(weeks=shift)) + "-WE", mod
    if unit == "month":
        y, mo = _shift_month(a.year, a.month, shift)
        return "DATE", f"{y}-{mo:02d}", mod
    if unit == "year":
        return "DATE", str(a.year + shift), mod
    if unit == "decade":
        return "DATE", str(a.year // 10 + shift), mod
    return "DATE", f"{a.year // 100 + shift:02d}", mod  # century


# "two years ago", "a decade earlier", "three weeks ago", "about a year ago"
def _ago(m: re.Match[str], ctx: _Context) -> Result:
    """A date so long before or after the anchor: "two years ago", "a decade earlier", "three weeks from now"."""
    n = _number(m.group("n"))
    unit = _unit(m.group("u"))
    mod = _MODS.get(" ".join((m.group("mod") or "").lower().split()))
    sign = 1 if m.group("w").lower() in ("from now", "hence") else -1
    if unit is None:
        return None
    if n is None:
        return "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", mod
    a = ctx.anchor
    if a is None:
        return "DATE", {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX"}.get(unit, "XXXX"), mod
    if n != int(n):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
    k = int(n) * sign
    word = m.group("u").lower()
    if word.startswith(("sec", "min", "hour", "hr")):
        return "DATE", _ymd(a), mod
    if unit == "D":
        return "DATE", _ymd(a + timedelta(days=k)), mod
    if unit in ("W", "2W"):
        return "DATE", _week(a + timedelta(weeks=k * (2 if unit == "2W" else 1))), mod
    if unit == "M":
        y, mo = _shift_month(a.year, a.month, k)
        return "DATE", f"{y}-{mo:02d}", mod
    if unit == "Q":
        y, q = divmod(a.year * 4 + (a.month - 1) // 3 + k, 4)
        return "DATE", f"{y}-Q{q + 1}", mod
    size = {"Y": 1, "10Y": 10, "100Y": 100}.get(unit, 1)
    if unit == "Y":
        ctx.year_shifts[m.start()] = (k, "")
    return "DATE", str(a.year + k * size), mod


# durations: "three-day", "two years", "the past six months", "more than four hours", "the first nine months"
@rule(
    "duration",
    rf"{_B}(?i:(?:(?P<mod>{_MOD})\s+)?(?P<det>the\s+)?"
    r"(?:(?P<rel>first|last|past|next|previous|coming|following|final|remaining|initial|latest)\s+)?"
    rf"(?P<n>{_NUM})(?P<sep>[\s-]+)(?P<u>{_UNIT})(?:\s+and\s+(?P<half>a\s+half))?"
    r"(?:\s+(?P<w>ago|earlier|before\s+now|from\s+now|hence))?)"
    rf"{_E}(?![\s-]+olds?\b)(?!\s+of\s+age)",
)
def _duration_rule(m: re.Match[str], ctx: _Context) -> Result:
    if m.group("w"):
        return None if m.group("rel") or m.group("det") else _ago(m, ctx)
    word = m.group("n")
    if re.fullmatch(r"(?i:some|many|an?)", word) and m.group("u").lower().endswith("s"):
        return None  # "some days", "a years" — not a measure
    unit = m.group("u").lower()
    if unit.rstrip("s") in ("sec", "min", "hr", "yr") and not m.group("u").islower():
        return None  # "a SEC filing"
    fraction = re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]) or "-" in m.group("sep") or word.lower() in ("a", "an")
    if unit.startswith("quarter") and fraction:
        return None  # "a quarter of the votes", "three-quarters": fractions
    if unit in ("second", "sec") and word.lower() in ("a", "an"):
        return None  # "a second time"
    if ctx.owned_by_entity(m.start(), m.end()):
        return None  # "60 Minutes"
    n = _number(word)
    if n is not None and word.lower() in ("a", "an") and not m.group("u").lower().endswith("s"):
        n = 1
    if m.group("half") and n is not None:
        n += 0.5
    if n is not None and (n > 10000 or re.fullmatch(r"1[5-9]\d\d|20\d\d", word)):
        return None
    value = _duration(n, m.group("u"))
    if value is None:
        return None
    if word.lower() in ("a", "an") and not m.group("mod") and not m.group("rel") and _is_rate(ctx.text, m.start()):
        return "SET", value, None  # "$5 a year", "twice a week"
    mod = _MODS.get(" ".join((m.group("mod") or "").lower().split()))
    adjective = "-" in m.group("sep") or (n is not None and n > 1 and not m.group("u").lower().endswith("s"))
    if adjective and not m.group("rel") and not m.group("mod"):
        return "DURATION", value, None, m.start("n")  # "the three-day strike", "the eleven year partnership"
    if (m.group("mod") or "").lower() == "over" and (m.group("det") or m.group("rel")):
        return "DURATION", value, None, m.start("det") if m.group("det") else m.start("rel")  # "over the past 20 years"
    return "DURATION", value, mod


def _is_rate(text: str, start: int) -> bool:
    """ "a year" at ``start`` reads as a rate: right after an amount ("$5 a year", "15 a year", "100 tons a
    day", "three times a week"), at most two words between."""
    m = _RATE_BEFORE.search(text, max(0, start - 50), start)
    return bool(m) and not any(w.lower() in _NOT_RATE_WORDS for w in m.group("between").split())


_RATE_BEFORE = re.compile(
    r"(?:(?<![\w.])[$€£]?\d[\d,.]*\s*(?:%|percent|million|billion|thousand|[kKmM]\b)?"
    r"|\b(?i:times|twice|once|thrice|percent|cents?|dollars|euros|pounds|"
    r"tons?|tonnes?|barrels|miles|kilometres|kilometers|hours|shifts|flights|trips|visits))"
    r"(?P<between>(?:\s+[\w$€£-]+){0,2})\s+$"
)
_NOT_RATE_WORDS = frozenset("for in during over about within than after before since ago and or but when while".split())


# bare plurals after a preposition: "for years", "within hours", "in recent weeks"
@rule(
    "plural",
    r"\b(?i:for|within|in|over|after|took|takes|lasted|last|than)\s+"
    r"(?P<x>(?i:(?P<recent>recent\s+|the\s+coming\s+|coming\s+|(?<=over\s)the\s+(?=years|decades|centuries))?"
    r"(?P<u>seconds|minutes|hours|days|weeks|months|years|decades|centuries))"
    rf"{_E})(?![\s-]+(?:old|of|ago))",
)
def _plural(m: re.Match[str], ctx: _Context) -> Result:
    if (m.group("recent") or "").lower().strip().endswith("coming"):
        return "DATE", "FUTURE_REF", None
    value = _duration(None, m.group("u"))
    return ("DURATION", value, None) if value else None


# sets: "every week", "each year", "every other day", "every Monday", "per month", "weekly", "annually"
@rule(
    "set",
    rf"{_B}(?:(?i:(?P<q>every|each)\s+(?:(?P<other>other)\s+|(?P<n>{_NUM})\s+)?)"
    rf"(?P<u>(?i:{_UNIT}|morning|afternoon|evening|night|weekend)|{_WEEKDAY}|{_MONTH_FULL})"
    r"|(?i:(?:(?:once|twice|thrice|\w+\s+times)\s+)?(?:per|a)\s+(?P<u2>day|week|month|year|hour|minute|quarter))(?=[\s,.;)]|$)"
    rf"|(?P<w>(?i:{'|'.join(_SET_WORDS)}))){_E}",
)
def _set(m: re.Match[str], ctx: _Context) -> Result:
    if m.group("w"):
        token = ctx.token(m.start())
        if token is not None and token.dep_ == "amod" and token.head.lemma_.lower() in _NOT_SET_HEADS:
            return None  # "a quarterly dividend", "the daily newspaper"
        if re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
            return None  # "its initial quarterly of five cents": the dividend
        return "SET", _SET_WORDS[m.group("w").lower()], None
    if m.group("u2"):
        text = m.group().lower()
        if text.startswith(("a ", "an ")) and not _is_rate(ctx.text, m.start()):
            return None
        return "SET", _duration(1, m.group("u2")) or "", None
    word = m.group("u")
    low = word.lower().rstrip(".")
    if low in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[low]}", None
    if low in MONTHS and word[0].isupper():
        return "SET", f"XXXX-{MONTHS[low]:02d}", None
    if low in PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[low]}", None
    if low == "weekend":
        return "SET", "XXXX-WXX-WE", None
    n = 2.0 if m.group("other") else (_number(m.group("n")) if m.group("n") else 1.0)
    value = _duration(n, low)
    return ("SET", value, None) if value else None


# clock times: "3 p.m.", "10:35 a.m. EDT", "15:30 GMT", "noon", "3 p.m. Monday"
@rule(
    "clock",
    rf"{_B}(?:(?i:(?P<mod>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    rf"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>{_AMPM})"
    rf"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?=(?P<tz0>{_TZ}))|(?P<noon>(?i:noon|midnight|midday)))"
    rf"(?P<tz>{_TZ})?"
    rf"(?:,?\s+(?P<day>{_WEEKDAY}|(?i:today|yesterday|tomorrow)|{_MONTH}\s+{_DAY}(?!\d|:\d))(?:\s+(?i:{_PARTDAY}))?)?)",
)
def _clock(m: re.Match[str], ctx: _Context) -> Result:
    if m.group("noon"):
        hour, minute = (12, 0) if m.group("noon").lower() in ("noon", "midday") else (24, 0)
    elif m.group("h24"):
        hour, minute = int(m.group("h24")), int(m.group("mi24"))
    else:
        hour, minute = int(m.group("h")) % 12, int(m.group("mi") or 0)
        if m.group("ap").lower().startswith("p"):
            hour += 12
    day = m.group("day")
    if day and ctx.anchor is not None:
        low = day.lower().rstrip(".")
        if low in WEEKDAYS:
            d = _weekday_date(ctx.anchor, WEEKDAYS[low], _direction(ctx, m.start("day"), None))
            datepart = _ymd(d)
        elif low in ("today", "yesterday", "tomorrow"):
            datepart = _ymd(ctx.anchor + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[low]))
        else:
            dm = re.match(rf"({_MONTH})\s+({_DAY})", day)
            day_of = int(re.sub(r"\D", "", dm.group(2))) if dm else 0
            value = _date_value(ctx, m.start("day"), _month_of(dm.group(1)), day_of, None) if dm else None
            datepart = value or "XXXX-XX-XX"
    else:
        datepart = _ymd(ctx.anchor) if ctx.anchor is not None else "XXXX-XX-XX"
        ctx.dayless_clocks.add(m.start())  # the day of its sentence, if the sentence names one (see _clock_days)
    mod = "APPROX" if m.group("mod") and m.group("mod").lower() in ("about", "around", "approximately") else None
    zone = "Z" if re.search(r"GMT|UTC", m.group("tz") or m.group("tz0") or "") else ""
    return "TIME", f"{datepart}T{hour:02d}:{minute:02d}{zone}", mod


# reference words: "now", "currently", "recently", "the past", "the future"
_REF_WORDS = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _REFS), key=len, reverse=True))


@rule("ref", rf"{_B}(?i:{_REF_WORDS}){_E}")
def _ref(m: re.Match[str], ctx: _Context) -> Result:
    key = " ".join(m.group().lower().split())
    return "DATE", _REFS[key], None


# holidays: "Christmas", "Thanksgiving Day", "Easter 2023"
@lru_cache(maxsize=1)
def holidays() -> list[tuple[str, str]]:
    """(name pattern, date rule) pairs of ``data/times_holidays.tsv``."""
    rows = [line.split("\t") for line in data_lines("times_holidays.tsv")]
    return [(row[0], row[1]) for row in rows if len(row) >= 2]


def _easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def _holiday_date(spec: str, year: int) -> date | None:
    if spec.startswith("easter"):
        return _easter(year) + timedelta(days=int(spec[6:] or 0))
    if ":" in spec:
        n, wd, month = (int(x) for x in spec.split(":"))
        if n > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
        last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - wd) % 7)
    month, day = (int(x) for x in spec.split("-"))
    return date(year, month, day)


def holiday_names() -> str:
    """The holidays' names as one regular expression, the longest first (the entity stage asks it too)."""
    return "|".join(f"(?:{name})" for name, _ in sorted(holidays(), key=lambda h: -len(h[0])))


def _holiday_pattern() -> str:
    return rf"{_B}(?P<h>{holiday_names()})(?:,?\s+(?P<y>{_YEAR}))?{_E}"


@rule("holiday", _holiday_pattern())
def _holiday(m: re.Match[str], ctx: _Context) -> Result:
    if ctx.owned_by_entity(m.start(), m.end()):
        return None
    name = m.group("h")
    spec = next(s for pattern, s in holidays() if re.fullmatch(pattern, name))
    year = _int(m.group("y"))
    if year is None and ctx.anchor is None:
        return ("DATE", f"XXXX-{spec}", None) if re.fullmatch(r"\d\d-\d\d", spec) else ("DATE", "XXXX-XX-XX", None)
    if year is None:
        assert ctx.anchor is not None
        this = _holiday_date(spec, ctx.anchor.year)
        if this is None:
            return None
        year = _year_for(ctx, m.start(), this.month, this.day)
    d = _holiday_date(spec, year)
    return ("DATE", d.isoformat(), None) if d else None


# "the year-ago quarter", "the year-earlier period", "year-earlier" (as in "year-earlier profit")
@rule(
    "year-ago",
    rf"{_B}(?i:(?:the\s+)?(?:comparable\s+|same\s+)?year[-\s](?:ago|earlier)"
    rf"(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period|half|months?))?){_E}",
    needs=("year-ago", "year-earlier", "year ago", "year earlier"),
)
def _year_ago(m: re.Match[str], ctx: _Context) -> Result:
    text = m.group().lower()
    if re.match(r"year\s", text):
        return None  # "a year ago" is the duration rule's
    a = ctx.anchor
    quarter = re.search(r"(first|second|third|fourth)\s+quarter", text)
    if quarter:  # "the year-ago third quarter"
        n = ORDINALS[quarter.group(1)]
        year = a.year - (n > (a.month - 1) // 3 + 1) - 1 if a else None
        return "DATE", f"{year}-Q{n}" if year else f"XXXX-Q{n}", None
    unit = "quarter" if text.endswith("quarter") else ""
    ctx.year_shifts[m.start()] = (-1, unit)
    if a is not None and unit:  # the latest quarter, a year back
        y, q = divmod(a.year * 4 + (a.month - 1) // 3 - 1, 4)
        return "DATE", f"{y - 1}-Q{q + 1}", None
    return "DATE", str(a.year - 1) if a else "XXXX", None


_PERIOD_VALUE = re.compile(r"\d{4}-(?:Q\d|H\d|\d\d)")


def _compared_periods(ctx: _Context, chosen: list[Time]) -> None:
    """ "a year earlier" after a quarter, a half or a month of the same paragraph (this sentence or the one
    before) is that period a year back: "profit rose in the third quarter from a year earlier" → the third
    quarter of the year before."""
    previous: Time | None = None
    quarter: Time | None = None  # the latest quarter of the article so far: the one an earnings report is about
    for t in chosen:
        shift = ctx.year_shifts.get(t.start)
        if shift is not None:
            k, unit = shift
            if previous is not None and t.start - previous.end < 400 and (not unit or "-Q" in previous.value):
                between = ctx.text[previous.end : t.start]
                if "\n\n" not in between and len(re.findall(r"[.!?][\"'”’]?\s+[A-Z]", between)) <= 1:
                    t.value = f"{int(previous.value[:4]) + k:04d}{previous.value[4:]}"
                    continue
            if quarter is not None and k == -1 and _compares_amounts(ctx.text, t.start, t.end):
                # "net rose to $5 million from $4 million a year earlier"
                t.value = f"{int(quarter.value[:4]) - 1:04d}{quarter.value[4:]}"
            continue  # a period a year back is not itself the period of comparison
        if _PERIOD_VALUE.fullmatch(t.value):
            previous = t
            if "-Q" in t.value:
                quarter = t
        elif re.fullmatch(r"P\d+M|\d{4}", t.value):
            quarter = None  # "in the first nine months", "for 1989": the comparison is no longer the quarter's


_SENTENCE_END = re.compile(r"[.!?][\"'”’]?\s+(?=[A-Z\"“‘'])|\n")
_AMOUNT = re.compile(r"[$€£¥#]\s?\d|\d\s?(?:%|percent\b|cents?\b|(?:million|billion)\b)")


def _compares_amounts(text: str, start: int, end: int) -> bool:
    """The sentence around ``start``–``end`` states an amount (money, a percentage): a reported result
    compared with a year before."""
    left = max(0, start - 300)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    begin = ends[-1] if ends else left
    stop = _SENTENCE_END.search(text, end, end + 300)
    return bool(_AMOUNT.search(text, begin, stop.start() if stop else min(len(text), end + 300)))


# ---------------------------------------------------------------------------------------------
# parts of periods: "the end of 2024", "early March", "mid-2023", "the late 1990s"

_PART_PREFIX = re.compile(
    r"(?i:(?P<the>the\s+)?(?:(?:very\s+)?(?P<noun>beginning|start|end|middle|close|turn|dawn)\s+of\s+(?:the\s+)?"
    r"|(?P<adj>early|late|mid|middle)(?:\s*-\s*|\s+)))$"
)
_PART_MOD = {
    "beginning": "START", "start": "START", "dawn": "START", "early": "START", "end": "END", "close": "END",
    "late": "END", "middle": "MID", "mid": "MID", "turn": None,
}  # fmt: skip
# "the end of the year", "the middle of the month": the period itself is deictic
_PART_OF_THIS = re.compile(
    r"(?i:\b(?P<the>the\s+)?(?:very\s+)?(?P<noun>beginning|start|end|middle|close)\s+of\s+(?:the|this)\s+"
    r"(?P<u>year|month|week|decade|quarter|century))\b"  # not "at the end of the day", an idiom
)


def _with_part(text: str, start: int, kind: str, value: str) -> tuple[int, str | None] | None:
    """The start and ``mod`` of a part-of-period prefix right before ``start``, if any."""
    if kind not in ("DATE", "TIME") or value.endswith("_REF"):
        return None
    m = _PART_PREFIX.search(text, max(0, start - 40), start)
    if not m:
        return None
    word = (m.group("noun") or m.group("adj")).lower()
    return m.start(), _PART_MOD[word]


# ---------------------------------------------------------------------------------------------
# the stage


_PART_HYPHEN = re.compile(r"\b((?i:mid|late|early|post|pre))-(?=[\w'‘’])")


def _candidates(ctx: _Context) -> list[Time]:
    found: list[tuple[int, int, int, Time]] = []
    # "mid-2023", "late-November": the patterns see "mid 2023" (same offsets), the part prefix joins later
    scanned = _PART_HYPHEN.sub(lambda m: m.group(1) + " ", ctx.text)
    lowered = scanned.lower()
    for priority, r in enumerate(RULES):
        if r.needs and not any(word in lowered for word in r.needs):
            continue
        for m in r.pattern.finditer(scanned):
            start, end = m.span("x") if "x" in r.pattern.groupindex else m.span()
            while end > start and ctx.text[end - 1] in " \t\n,":
                end -= 1
            if end <= start:
                continue
            try:
                result = r.normalise(m, ctx)
            except (ValueError, KeyError, IndexError, OverflowError, TypeError, AttributeError):  # odd text: no timex here
                result = None
            if result is None or not result[1]:
                continue
            kind, value, mod = result[:3]
            if len(result) > 3:
                start = result[3]
            if ctx.text[end - 2 : end] in ("'s", "’s"):
                end -= 2
            found.append((start, end, priority, Time(start, end, kind, value, mod)))  # type: ignore[arg-type]
    for m in _PART_OF_THIS.finditer(ctx.text):
        unit = m.group("u").lower()
        a = ctx.anchor
        value = (
            "XXXX"
            if a is None
            else {
                "year": str(a.year), "month": f"{a.year}-{a.month:02d}", "week": _week(a),
                "quarter": f"{a.year}-Q{(a.month - 1) // 3 + 1}", "decade": str(a.year // 10), "century": f"{a.year // 100:02d}",
            }[unit]
        )  # fmt: skip
        found.append((m.start(), m.end(), -1, Time(m.start(), m.end(), "DATE", value, _PART_MOD[m.group("noun").lower()])))
    # longest first, then the earlier rule
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken = bytearray(len(ctx.text))
    chosen: list[Time] = []
    for start, end, _, t in found:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(t)
    chosen.sort(key=lambda t: t.start)
    _compared_periods(ctx, chosen)
    if ctx.anaphora:
        _resolve_anaphora(ctx, chosen)
    if ctx.dayless_clocks:
        _clock_days(ctx, chosen)
    previous_end = 0
    for t in chosen:
        part = _with_part(ctx.text, t.start, t.type, t.value)
        if part is not None and part[0] >= previous_end:
            t.start, t.mod = part[0], part[1] or t.mod
        previous_end = t.end
    return chosen


def extract_times(record: Record, doc: Doc) -> Record:
    """Fill ``record.times`` from the parsed body (offsets into ``record.text``)."""
    text = doc_text(doc)
    if not text.strip():
        record.times = []
        return record
    owned = sorted((e.start_char, e.end_char) for e in doc.ents if e.label_ in _OWNERS)
    ctx = _Context(text, doc, _anchor(record.published), owned)
    record.times = _candidates(ctx)
    return record
