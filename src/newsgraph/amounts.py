"""Stage 4c, amounts: the figures of an article — money, percentages, measures, counts, fractions
and ranks — each with its value, normalised unit, rate, counted thing and modifier.

* **Candidates** come from one precompiled pattern over the body (:func:`_patterns`): a number in
  digits ("100,000", "1.2", "5bn", "500km") or in words ("three million", "two dozen", "a hundred",
  "twenty-five", "half a million"), with an optional currency before it (symbols and codes of
  ``data/amounts_currencies.tsv``: "$", "US$", "€", "Rs", "EUR") or a minus sign ("-0.3%"), a
  scale word ("thousand", "million", "bn", "crore", "lakh"; "m" and "k" after a currency or before
  a unit or plural noun: "$5m", "1.5m barrels", "50k followers", while "100m" alone is metres) and
  after it a currency word ("dollars", "yuan", "US dollars"), a percent sign or word ("%", "pc",
  "percent", "per cent", "percentage points") or a unit of ``data/amounts_units.tsv`` ("tons", "km",
  "barrels", "GW"; one-letter units only attached: "-5C", "20t").
  Beside these: fractions ("a fifth", "two-thirds", "about half", "one in five"), vague plurals
  followed by "of" ("thousands of", "billions of dollars": the scale, modifier ``more_than``) and
  ranks (an ordinal before a superlative: "third largest supplier" → 3, kind rank).
* **Kind and unit**: a currency makes ``money`` with the ISO 4217 code as unit ("$5bn" → 5e9 USD,
  "Rs 40 crore" → 4e8 INR, "26 cents" → 0.26 USD; "pounds" are GBP only with a scale word or
  "sterling", else lb); "%" and its words make ``percent`` (value as written: "45%" → 45, unit
  ``percent`` or ``percentage point``); a unit makes ``quantity``; a bare number is a ``count``
  (unit None) of the noun it modifies ("3,000 soldiers" → object "soldiers"); a lone figure ("he
  scored 5", "the government will appoint six") is a count too, without object, because MEANTIME
  annotates such figures and an analyst reading "killed 102" wants the 102. "one" alone is left out
  ("one of them", "one reason": a pronoun or a figure of speech far more often than a count) unless a
  modifier or scale comes with it ("at least one", "one million").
* **Modifier** from the words before (:data:`MODS`, included in the span as MEANTIME does):
  approx ("about", "around", "some", "roughly", "approximately", "an estimated", "close to"),
  more_than ("more than", "over", "above", "in excess of"), less_than ("less than", "under",
  "fewer than", and "nearly"/"almost": the true figure is below the one given), at_least, at_most,
  up_to ("up to", "as many as", "as much as"). A range ("15-20%", "25,000 to 30,000", "between
  $12 million and $20 million") gives two amounts, the first ``at_least`` and the second
  ``at_most``, the first taking the second's scale and unit.
* **Object and rate** from the parse and the words after: "tons of crude oil" → "crude oil" (the
  noun after "of", or after "in" for money: "$16.6 billion in loans"); a count's head noun; "per
  month", "a year", "/day", "annually", "each week" → the rate unit (``per``), never "a year ago".
* **Not amounts**: years (a bare 1500–2100 that counts nothing), days of dates ("June 13", "13th
  of June"), times of day ("10:30", "3 p.m."), ages ("aged 56", "Barra, 51,", "20-year-old"),
  durations ("five years": the times stage has them), phone numbers, numbers inside names ("Airbus
  A380", "G20", "COVID-19", "Boeing 737", "Flight 447", "Chapter 11", "No. 10", "Formula One"; a
  number word after a capitalised word still counts when it counts a noun, as in a headline
  "Ryanair Buys Five Boeing 737s"), decades, scores ("won 3-1"), list markers, a figure right
  before a singular noun ("737 replacement", "Boeing's 787": a model), and bare figures that spaCy's NER puts inside a DATE or TIME entity (its ages,
  dates and durations), except rates ("15 a year"). Fractions need a sign that they are fractions:
  "of" or a clause end after them, a modifier before, or a hyphen ("two-thirds"); "the third
  quarter", "the first half", "a third term" and "half an hour" are none.

spaCy's own MONEY, PERCENT, QUANTITY and CARDINAL entities are not candidates: on MEANTIME the raw
model's spans that the pattern leaves out hold 6 gold values in 81 (the rest are "iPhone 4", "first",
"one"), and the raw entities score 0.81 precision where the stage scores 0.95 (``newsgraph eval
amounts``). ``doc.ents`` serves as evidence against a figure instead: inside a name (PRODUCT, LAW,
an ORG after its first word) or a DATE or TIME. Everything reads the one parse; per candidate a
handful of token look-ups, no loop over the doc's tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .analyse import doc_text
from .lists import data_lines
from .record import Amount, Record

MAX_SPAN_CHARS = 80  # a candidate longer than this is a mis-match (runaway number words)

# ---------------------------------------------------------------------------------------------
# lexicons

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_MULTIPLIERS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12, "score": 20}
_SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9,
    "tn": 1e12, "trn": 1e12, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5,
    "m": 1e6, "b": 1e9, "k": 1e3,
}  # fmt: skip
_MONEY_ONLY_SCALES = frozenset({"m", "b", "k"})  # "$5m" is millions; "100m" alone is metres
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100,
}  # fmt: skip
_VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12}

#: modifier words before a figure → Amount.mod (longest first when matched)
MODS = {
    "about": "approx", "around": "approx", "some": "approx", "roughly": "approx", "approximately": "approx",
    "an estimated": "approx", "estimated": "approx", "circa": "approx", "close to": "approx", "nearly": "less_than",
    "almost": "less_than", "just under": "less_than", "less than": "less_than", "fewer than": "less_than",
    "under": "less_than", "below": "less_than", "more than": "more_than", "over": "more_than", "above": "more_than",
    "in excess of": "more_than", "upwards of": "more_than", "just over": "more_than", "well over": "more_than",
    "at least": "at_least", "no less than": "at_least", "no fewer than": "at_least", "a minimum of": "at_least",
    "at most": "at_most", "no more than": "at_most", "a maximum of": "at_most", "up to": "up_to",
    "as many as": "up_to", "as much as": "up_to", "as high as": "up_to",
}  # fmt: skip

_MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
_TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks weekend weekends month months year years decade "
    "decades century centuries night nights morning mornings evening evenings quarter quarters season seasons "
    "term terms semester semesters millennium millennia".split()
)
#: a rate after "a"/"an"/"each"/"every": "15 a year", "$100 a barrel"
_RATE_NOUNS = _TIME_UNITS | frozenset("barrel share head person kilo kg litre liter gallon ton tonne piece unit seat".split())
_RATE_ADVERBS = {
    "annually": "year", "yearly": "year", "per annum": "year", "monthly": "month", "weekly": "week", "daily": "day",
    "hourly": "hour", "quarterly": "quarter", "apiece": "piece", "per capita": "person",
}  # fmt: skip
#: words before a number that make it a label, not a figure: "Chapter 11", "Flight 447", "No. 10"
_LABELS = frozenset(
    "no no. nos number # page pages chapter section article paragraph clause room gate platform route highway flight "
    "channel phase vol vol. volume episode season version category resolution amendment psalm verse fig fig. runway".split()
)
#: the same, unless the figure counts the noun after it ("in week 3" is a label, "last week 500 people" a count)
_WEAK_LABELS = frozenset(
    "line grade round issue series model type group division district ward zone block lot apartment suite floor bus "
    "train tier game week act scene rule item figure table step level stage heat track lane exit pier terminal bay "
    "year".split()
)
_PRODUCT_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC"})
_INVARIANT_PLURALS = frozenset(
    "aircraft people staff personnel police cattle sheep fish deer crew series species offspring livestock troops".split()
)
_NAME_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "FAC", "EVENT", "WORK_OF_ART", "LAW", "NORP", "GPE", "LOC"})
_TIME_ADJECTIVES = frozenset(
    "straight consecutive more full whole long short successive previous past next additional extra further last busy".split()
)
_NOT_OBJECT_DEPS = frozenset({"det", "poss", "case", "predet", "nummod"})
_STOP_OBJECT = frozenset("more new other additional further extra fewer less different separate such".split())
_AGE_CUES = re.compile(r"\bag(?:e|es|ed)(?:\s+of)?\s+(?:\d+\s*(?:to|-|–|and)\s*)?$", re.IGNORECASE)
_STREETS = r"(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Drive|Way|Place|Square|Terrace|Court)\b"
_TIME_AFTER = re.compile(r"\s*(?:[ap]\.?m\b\.?|o'clock|GMT|UTC|EST|EDT|CET|BST|PST|PDT|hrs\b|local time)", re.IGNORECASE)
_PLURAL_AFTER = re.compile(r"\s+[a-z]+s\b")
_NO_RATE = re.compile(r"\s+(?:ago|earlier|later|before|after|previously|on)\b")  # "$5bn a year ago"
_PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)\s?|\d{2,5}[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\w.])")


def _lines(name: str) -> list[list[str]]:
    return [line.split("\t") for line in data_lines(name)]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    prefix: dict[str, str]  # currency before the number → ISO code
    suffix: dict[str, str]  # currency after the number (lower-cased words, exact codes)
    units: dict[str, tuple[str, float]]  # unit surface (lower-cased, and exact for abbreviations) → (unit, factor)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """Currencies (``data/amounts_currencies.tsv``) and units (``data/amounts_units.tsv``)."""
    prefix, suffix = {}, {}
    for surface, code, where in _lines("amounts_currencies.tsv"):
        if where in ("prefix", "both"):
            prefix[surface] = code
        if where in ("suffix", "both"):
            suffix[surface] = suffix[surface.lower()] = code
    units = {}
    for row in _lines("amounts_units.tsv"):
        units[row[0]] = (row[1], float(row[2]) if len(row) > 2 else 1.0)
    return _Lexicon(prefix, suffix, units)


def _alternation(forms, words_ci: bool = True) -> str:
    """A regex alternation of ``forms``, longest first; alphabetic lower-case forms match in any case."""
    out = []
    for form in sorted(set(forms), key=len, reverse=True):
        escaped = re.escape(form).replace(r"\ ", r"\s+")
        out.append(f"(?i:{escaped})" if words_ci and form.islower() and len(form) > 2 else escaped)
    return "|".join(out)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    lex = lexicon()
    word = "|".join(sorted(_UNITS, key=len, reverse=True))
    mult = "|".join(_MULTIPLIERS)
    # number words: "twenty-five", "three hundred and fifty", "a hundred", "two dozen", "half a million"
    unit = rf"(?:{word})(?:-(?:{word}))?"
    words = rf"(?:{unit}|a|an|half\s+a)(?:[\s-]+(?:{mult})(?:(?:\s+and)?\s+{unit}(?![\s-]+(?:{mult})\b))?)*"
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    scale = "|".join(sorted(_SCALES, key=len, reverse=True))
    prefix = _alternation(lex.prefix, words_ci=False)
    suffix = _alternation(lex.suffix)
    percent = r"%|pc\b|(?i:per\s?cent(?:age\s+points?)?|percent(?:age\s+points?)?|pct|percentage\s+points?)"
    units = _alternation(lex.units)
    amount = rf"""
        (?:(?<![\w$£€¥])(?P<pre>{prefix})\s?)?
        (?P<num>(?<![\w.,/#@:'’+])(?<![A-Za-z]-){digits}(?!\.\d|,\d|:\d|/\d)|(?<![\w-])(?i:{words})(?![\w]))
        (?:\s?(?P<scale>(?i:{scale}))(?![\w]))?
        (?:
            \s?(?P<pct>{percent})
          | (?:\s?-?\s?)(?P<unit>{units})(?![\w])
          | \s(?P<suf>{suffix})(?![\w])
          | \s?(?P<cents>(?i:cents?|pence))(?![\w])
        )?
        (?![\w]|-[A-Za-z]|\.\d)
    """
    ordinal = "|".join(_ORDINALS)
    denominators = "|".join(sorted(_DENOMINATORS, key=len, reverse=True))
    return {
        "amount": re.compile(amount, re.VERBOSE),
        "fraction": re.compile(
            rf"(?<![\w-])(?:(?P<n>a|an|one|{word})[\s-]+(?P<d>{denominators})|(?P<half>half))(?![\w-])", re.IGNORECASE
        ),
        "one_in": re.compile(
            rf"(?<![\w-])(?P<a>one|{word}|\d+)\s+(?:in|out\s+of)\s+(?P<b>{word}|\d+)(?![\w-])", re.IGNORECASE
        ),
        "vague": re.compile(
            r"(?<![\w-])(?:(?P<tens>tens|hundreds)\s+of\s+)?(?P<v>dozens|scores|hundreds|thousands|millions|billions|trillions)"
            r"(?=\s+of\b)",
            re.IGNORECASE,
        ),
        "rank": re.compile(
            rf"(?<![\w-])(?P<o>{ordinal}|\d+(?:st|nd|rd|th))[\s-]+(?P<s>(?:most|least)\s+\w+|\w+est|best|worst)\b", re.IGNORECASE
        ),
        "mod": re.compile(rf"(?<![\w-])(?P<mod>{_alternation(MODS)})\s+$"),
        "tail": re.compile(rf"\s?(?:{suffix})(?![\w])"),
        "range": re.compile(r"\s*(?:-|–|—|to|and)\s*$"),
        "between": re.compile(r"(?i:\bbetween|\bfrom)\s+$"),
        "per": re.compile(
            r"\s*(?:(?P<p>(?i:per))\s+(?P<pw>[A-Za-z]+)|/\s?(?P<sw>[A-Za-z]+)|(?P<a>(?i:an?|each|every))\s+(?P<aw>[A-Za-z]+)|"
            r"(?P<adv>(?i:annually|yearly|per\s+annum|monthly|weekly|daily|hourly|quarterly|apiece|per\s+capita)))(?![\w])"
        ),
    }


# ---------------------------------------------------------------------------------------------
# numbers


def words_value(text: str) -> float | None:
    """The value of a number in words ("three hundred and fifty" → 350, "a dozen" → 12, "half a
    million" → 500000); None when it is no number ("a" alone)."""
    parts = [p for p in re.split(r"[\s-]+", text.lower()) if p and p != "and"]
    if not parts:
        return None
    if parts[0] == "half" and len(parts) > 2 and parts[1] == "a" and parts[2] in _MULTIPLIERS:
        return 0.5 * _MULTIPLIERS[parts[2]] * (words_value(" ".join(["one", *parts[3:]])) or 1)
    total, current, seen = 0.0, 0.0, False
    for i, p in enumerate(parts):
        if p in ("a", "an"):
            if i != 0 or len(parts) == 1:
                return None
            current = 1
        elif p in _UNITS:
            current += _UNITS[p]
            seen = True
        elif p in _MULTIPLIERS:
            m = _MULTIPLIERS[p]
            current = max(current, 1) * m
            if m >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    if not seen:
        return None
    return total + current


def _digits_value(text: str) -> float:
    return float(text.replace(",", ""))


# ---------------------------------------------------------------------------------------------
# candidates


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    value: float
    kind: str
    unit: str | None = None
    mod: str | None = None
    num_start: int = 0  # where the number itself starts and ends
    num_end: int = 0
    scaled: bool = False  # a scale word ("million") or unit came with the number
    words: bool = False  # written in words
    object: str | None = None
    per: str | None = None
    head_tag: str = ""  # the tag of the noun a count modifies
    partner: _Candidate | None = None  # the upper end of a range this candidate is the lower end of


def _token_at(doc: Doc, char: int) -> Token | None:
    if char < 0 or not len(doc) or char >= doc[-1].idx + len(doc[-1].text_with_ws):  # (doc.text is rebuilt on each access)
        return None
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _ent_at(doc: Doc, token: Token | None) -> Span | None:
    if token is None or not token.ent_type_:
        return None
    i = token.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    j = token.i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return doc[i:j]


def _previous_word(text: str, start: int) -> str:
    m = re.search(r"([\w.#&'-]+)\s*$", text[max(0, start - 40) : start])
    return m.group(1) if m else ""


def _is_name_part(doc: Doc, text: str, c: _Candidate, token: Token | None) -> bool:
    """A number that is part of a name or a label: "Boeing 737", "Chapter 11", "No. 10"."""
    before = text[max(0, c.num_start - 2) : c.num_start]
    prev = _previous_word(text, c.num_start)
    if prev.lower() in _LABELS and before.endswith((" ", "#")) and not c.scaled:
        return True
    if token is None:
        return False
    counts = token.dep_ == "nummod" and token.head.i > token.i
    if prev.lower() in _WEAK_LABELS and before.endswith(" ") and not c.scaled and not counts:
        return True
    ent = _ent_at(doc, token)
    if ent is not None and ent.label_ in _NAME_LABELS and not c.scaled and c.unit is None:
        if ent.label_ in _PRODUCT_LABELS or (token.i > ent.start and ent[0].text[:1].isupper()):
            return True
    if c.words and (not text[c.num_start : c.num_start + 1].isupper() or counts):
        return False  # "Formula One" is a name, "Ryanair Buys Five Boeing 737s" (a headline) counts
    if token.i > 0 and not c.scaled and c.unit is None and before[-1:] == " " and before[:1].isalnum():
        p = doc[token.i - 1]
        named = p.pos_ == "PROPN" or re.search(r"[a-z][A-Z]", p.text)  # "Boeing 737", "iPhone 4"
        if named and not p.text.islower() and p.text not in _MONTHS and not p.is_sent_start:
            return True
    three_digits = re.fullmatch(r"[1-9]\d\d", text[c.num_start : c.num_end])
    if three_digits and c.mod is None and not c.scaled and 0 < token.i < len(doc) - 1:
        nxt = doc[token.i + 1]
        singular = nxt.tag_ in ("NN", "NNP") and not nxt.lower_.endswith("s") and nxt.lower_ not in _INVARIANT_PLURALS
        if doc[token.i - 1].text in ("'s", "’s") or singular:
            return True  # "Boeing's 787", "737 replacement": a model number
    chunk = re.search(r"\S*$", text[max(0, c.start - 20) : c.start]).group()
    if re.search(r"[A-Za-z]", chunk):
        return True  # "A330-200"
    if not c.scaled and c.num_end - c.num_start >= 3 and re.match(r"-\d+(?!\d|\s+[a-z]+s\b)", text[c.num_end : c.num_end + 30]):
        return True  # "737-800" (but "200-250 seats" is a range)
    if re.search(r"(?:GMT|UTC)\s*[+-−]?\s*$", text[max(0, c.num_start - 8) : c.num_start]):
        return True
    return False


def _is_date_or_time(doc: Doc, text: str, c: _Candidate, token: Token | None) -> bool:
    raw = text[c.num_start : c.num_end]
    after = text[c.num_end : c.num_end + 40]
    before = text[max(0, c.num_start - 40) : c.num_start]
    if re.match(r"(?:st|nd|rd|th)?(?:[ ]of)?[ ](?:" + "|".join(_MONTHS) + r")\b", after):
        return True
    if re.search(r"\b(?:" + "|".join(_MONTHS) + r")\.?\s*$", before):
        return True
    if _TIME_AFTER.match(after):
        return True
    if re.fullmatch(r"1[5-9]\d\d|20\d\d|2100", raw) and c.unit is None and not c.scaled:
        nxt = token.nbor(1) if token is not None and token.i + 1 < len(doc) else None
        counts = nxt is not None and token.dep_ == "nummod" and token.head.i == nxt.i and nxt.tag_ == "NNS"
        return not counts or nxt.text in _TIME_UNITS  # "2000 people" counts, "2000 years" is no count
    if _AGE_CUES.search(before) and c.unit is None and not c.scaled:
        return True
    return False


def _inside_date_entity(doc: Doc, text: str, c: _Candidate, token: Token | None) -> bool:
    """A bare figure inside spaCy's DATE or TIME entity (an age, a date, a duration), unless the
    entity only adds a rate ("15 a year")."""
    ent = _ent_at(doc, token)
    if ent is None or ent.label_ not in ("DATE", "TIME"):
        return False
    rest = text[c.end : ent.end_char]
    return not re.fullmatch(r"\s*(?:a|an|per|each|every)\s+\w+", rest)


def _duration_or_age(text: str, c: _Candidate, token: Token | None) -> bool:
    """A count of time units ("five years", "three straight days") or an age ("Barra, 51,", "the minister, 64,")."""
    m = re.match(r"\s*-?([a-z]+)(?:\s+([a-z]+))?", text[c.num_end : c.num_end + 40])
    if m and (m.group(1) in _TIME_UNITS or (m.group(2) in _TIME_UNITS and m.group(1) in _TIME_ADJECTIVES)):
        return True
    if token is not None and token.i > 1 and re.match(r"\s*[,)]", text[c.num_end : c.num_end + 2]):
        p = token.doc[token.i - 1]
        q = token.doc[token.i - 2]
        person = q.ent_type_ == "PERSON" or q.pos_ in ("NOUN", "PROPN")
        if p.text in (",", "(") and person and 0 < c.value < 120 and c.value.is_integer():
            return True
    return False


def _numbers(doc: Doc, text: str) -> list[_Candidate]:
    lex = lexicon()
    out = []
    for m in _patterns()["amount"].finditer(text):
        num = m.group("num")
        words = not num[0].isdigit()
        value = words_value(num) if words else _digits_value(num)
        if value is None:
            continue
        scale = m.group("scale")
        unit = cur = None
        kind = "count"
        factor = 1.0
        if m.group("pre"):
            cur = lex.prefix.get(m.group("pre"))
        if scale:
            if scale.lower() in _MONEY_ONLY_SCALES and not cur and not m.group("suf"):
                if m.group("unit") or _PLURAL_AFTER.match(text, m.end()):
                    factor = _SCALES[scale.lower()]  # "1.5m barrels", "50k followers"
                elif scale == "m":
                    unit, kind = "m", "quantity"  # "100m": metres
                else:
                    continue
            else:
                factor = _SCALES[scale.lower()]
        end = m.end()
        if m.group("pct"):
            kind, unit = "percent", "percentage point" if "point" in m.group("pct").lower() else "percent"
        elif m.group("suf"):
            suf = m.group("suf")
            cur = lex.suffix.get(suf) or lex.suffix.get(suf.lower()) or cur
        elif m.group("cents"):
            cur = cur or ("GBP" if m.group("cents").lower() == "pence" else "USD")
            factor *= 0.01
        elif m.group("unit"):
            surface = m.group("unit")
            if len(surface) == 1 and text[m.start("unit") - 1] in " -":
                end = m.start("unit")
                while end > 0 and text[end - 1] in " -":
                    end -= 1  # "5 C", "Category 5 t…": single-letter units only when attached
            elif surface.lower() in ("pounds", "pound") and (scale or cur):
                cur = "GBP"
            elif not cur:
                u, f = lex.units.get(surface) or lex.units.get(surface.lower()) or (surface, 1.0)
                unit, factor, kind = u, factor * f, "quantity"
        if cur:
            kind, unit = "money", cur
            tail = _patterns()["tail"].match(text, end)
            if tail and m.group("pre"):
                end += tail.end()  # "$249 USD", "$9.99 US dollars"
        if words and value == 0 and kind == "count":
            continue
        start = m.start()
        if not m.group("pre") and start > 0 and text[start - 1] in "-−" and (start == 1 or text[start - 2] in " (\n"):
            start, value = start - 1, -value  # "-0.3%", "-5C"
        c = _Candidate(start, end, value * factor, kind, unit, num_start=m.start("num"), num_end=m.end("num"),
                       scaled=bool(scale or m.group("unit") or m.group("pct") or cur), words=words)  # fmt: skip
        if unit == "barrel/day":
            c.unit, c.per = "barrel", "day"
        out.append(c)
    return out


def _fractions(text: str) -> list[_Candidate]:
    out = []
    pats = _patterns()
    for m in pats["fraction"].finditer(text):
        after = text[m.end() : m.end() + 12]
        before = text[max(0, m.start() - 25) : m.start()]
        has_mod = bool(pats["mod"].search(before))
        followed = bool(re.match(r"\s+of\b|\s*[,.;:)]|\s*$", after))
        if re.match(r"\s+(?:of\s+)?an?\s+(?:hour|century|year|minute|day|week|month|decade|mile)\b", after):
            continue  # "half an hour", "a quarter of a century": a duration
        if m.group("half"):
            if re.search(r"(?i:\b(?:first|second|third|fourth|latter|other|and\s+a|one|the))\s+$", before):
                continue
            if not (has_mod or re.match(r"\s+(?:of|the|its|their|his|her|our|all|that|those|these)\b", after)):
                continue
            value = 0.5
        else:
            n, d = m.group("n").lower(), m.group("d").lower()
            plural = d.endswith("s") and d != "halves"
            if n in ("a", "an", "one") and plural:
                continue
            if not (followed or has_mod or (plural and "-" in m.group())):
                continue
            if re.search(r"(?i:\b(?:the|its|their|first|second|third|last|fourth))\s+$", before):
                continue  # "the third quarter", "its fourth quarter"
            value = (1 if n in ("a", "an") else _UNITS.get(n, 1)) / _DENOMINATORS[d]
        out.append(_fraction(m, value))
    for m in pats["one_in"].finditer(text):  # "one in five", "nine out of ten"
        a, b = (words_value(x) if not x[0].isdigit() else float(x) for x in (m.group("a"), m.group("b")))
        if a and b and a < b <= 1000:
            out.append(_fraction(m, a / b))
    return out


def _fraction(m: re.Match, value: float) -> _Candidate:
    return _Candidate(m.start(), m.end(), round(value, 4), "fraction", num_start=m.start(), num_end=m.end(), words=True)


def _vague(text: str) -> list[_Candidate]:
    out = []
    for m in _patterns()["vague"].finditer(text):
        tens = (m.group("tens") or "").lower()
        value = _VAGUE[m.group("v").lower()] * {"tens": 10, "hundreds": 100}.get(tens, 1)
        c = _Candidate(m.start(), m.end(), value, "count", mod="more_than", num_start=m.start(), num_end=m.end(), words=True)
        out.append(c)
    return out


def _ranks(doc: Doc, text: str) -> list[_Candidate]:
    out = []
    for m in _patterns()["rank"].finditer(text):
        o = m.group("o").lower()
        value = _ORDINALS.get(o) or (int(o[:-2]) if o[:-2].isdigit() else None)
        sup = _token_at(doc, m.start("s"))
        if value is None or sup is None:
            continue
        if not (sup.tag_ in ("JJS", "RBS") or sup.lower_ in ("best", "worst", "most", "least")):
            continue
        head = sup.head if sup.head.pos_ in ("NOUN", "PROPN") and sup.head.i > sup.i else None
        if head is None and sup.i + 1 < len(doc) and doc[sup.i + 1].pos_ in ("NOUN", "PROPN"):
            head = doc[sup.i + 1]
        c = _Candidate(m.start(), m.end(), float(value), "rank", num_start=m.start(), num_end=m.start("o") + len(m.group("o")))
        if head is not None:
            c.object = head.text if head.pos_ == "NOUN" else _compound(head)
        out.append(c)
    return out


def _compound(token: Token) -> str:
    left = token
    for child in token.lefts:
        if child.dep_ in ("compound",) and child.i < left.i:
            left = child
    return token.doc[left.i : token.i + 1].text


# ---------------------------------------------------------------------------------------------
# object, rate, modifier


def _phrase(doc: Doc, first: int, last: int) -> str | None:
    """The words from token ``first`` to ``last``, without leading determiners, possessives and
    quantity adjectives ("its", "the", "more", "new")."""
    while first <= last and (doc[first].dep_ in _NOT_OBJECT_DEPS or doc[first].lower_ in _STOP_OBJECT or doc[first].is_punct):
        first += 1
    if first > last:
        return None
    return doc[first : last + 1].text


def _object(doc: Doc, text: str, c: _Candidate) -> int:
    """Set ``c.object``; the character offset where the amount's phrase ends (object included)."""
    last = _token_at(doc, c.end - 1)
    if last is None:
        return c.end
    if last.i + 1 < len(doc) and doc[last.i + 1].lower_ in ("of", "in") and (doc[last.i + 1].lower_ == "of" or c.kind == "money"):
        prep = doc[last.i + 1]
        pobj = next((t for t in prep.children if t.dep_ == "pobj"), None)
        if pobj is None and prep.i + 1 < len(doc):  # the parse attached the noun elsewhere: take the next noun
            pobj = next((t for t in doc[prep.i + 1 : min(len(doc), prep.i + 5)] if t.pos_ in ("NOUN", "PROPN")), None)
        if pobj is not None and pobj.i > prep.i:
            if prep.lower_ == "in" and (pobj.ent_type_ in ("DATE", "GPE", "LOC", "TIME", "ORG") or pobj.lower_ in _TIME_UNITS):
                return c.end
            phrase = _phrase(doc, prep.i + 1, pobj.i)
            figure = pobj.pos_ in ("PRON", "NUM") or pobj.lower_ in ("percent", "%", "cent")  # "of whom", "of 1 percent"
            if phrase and not figure and not (c.kind == "count" and pobj.lower_ in _TIME_UNITS):
                c.object = phrase
                if c.kind == "count" and c.mod == "more_than" and c.words and pobj.lower_ in lexicon().suffix:
                    # "billions of dollars"
                    c.kind, c.unit, c.object = "money", lexicon().suffix[pobj.lower_], None
                    c.end = pobj.idx + len(pobj.text)
                return pobj.idx + len(pobj.text)
        return c.end
    if c.kind == "fraction" and last.dep_ == "predet" and last.head.pos_ == "NOUN" and last.head.i > last.i:
        c.object = _phrase(doc, last.i + 1, last.head.i)  # "half the money"
        return last.head.idx + len(last.head.text)
    if c.kind in ("count", "fraction"):  # "3,000 soldiers", "one in four residents"
        head = last.head
        tok = last
        while tok.dep_ in ("compound", "quantmod", "nummod") and head.like_num and head.i > tok.i:
            tok, head = head, head.head
        if tok.dep_ == "nummod" and head.pos_ in ("NOUN", "PROPN") and head.i > tok.i and head.i - tok.i <= 6:
            c.object = _phrase(doc, tok.i + 1, head.i)
            if head.i == tok.i + 1 and not head.lower_.endswith("s") and head.lower_ not in _INVARIANT_PLURALS:
                c.head_tag = head.tag_
            return head.idx + len(head.text)
    return c.end


def _rate(text: str, c: _Candidate, after: int) -> None:
    m = _patterns()["per"].match(text, after)
    if m is None or c.per:
        return
    if m.group("p"):
        word = m.group("pw").lower()
        if word in ("cent", "centum"):
            return
        c.per = word
    elif m.group("sw"):
        c.per = m.group("sw").lower()
    elif m.group("aw"):
        word = m.group("aw").lower()
        if word in _RATE_NOUNS and not _NO_RATE.match(text, m.end()):
            c.per = word
    elif m.group("adv"):
        c.per = _RATE_ADVERBS[" ".join(m.group("adv").lower().split())]
    if c.per and c.per.endswith("s") and c.per[:-1] in _RATE_NOUNS:
        c.per = c.per[:-1]


def _modifier(text: str, c: _Candidate) -> None:
    m = _patterns()["mod"].search(text, max(0, c.start - 20), c.start)
    if m is not None:
        if m.group("mod").lower() == "some" and c.kind in ("fraction",):
            return
        c.mod = MODS[" ".join(m.group("mod").lower().split())]
        c.start = m.start("mod")


def _ranges(text: str, cands: list[_Candidate]) -> None:
    """Join "15-20%", "25,000 to 30,000", "between $12m and $20m": the first takes the second's
    scale and unit, the first is at_least and the second at_most."""
    pats = _patterns()
    for a, b in zip(cands, cands[1:]):
        gap = text[a.end : b.start]
        if len(gap) > 6 or not pats["range"].fullmatch(gap) or a.kind in ("fraction", "rank") or b.kind in ("fraction", "rank"):
            continue
        between = pats["between"].search(text, max(0, a.start - 12), a.start)
        if (gap.strip() == "and" and not between) or (between and between.group().lower().startswith("from")):
            continue  # "from 14% to 17%" is a change, not a range
        bare = a.kind == "count" and b.kind == "count" and not a.scaled and not b.scaled
        if gap.strip() in ("-", "–", "—") and bare and a.value >= b.value:
            a.kind = b.kind = "score"  # "52-35", "won 3-1": dropped
            continue
        low, high = (a.value, b.value) if a.scaled and b.scaled else (_bare(text, a), _bare(text, b))
        if low is not None and low >= (high or 0):
            continue  # "leads by 49 percent to 47 percent", "split 4 to 1": two figures, no range
        if not a.scaled and b.scaled:
            ratio = b.value / _bare(text, b) if _bare(text, b) else 1.0
            a.value, a.kind, a.unit, a.scaled = a.value * ratio, b.kind, b.unit, True
        elif a.kind != b.kind or a.unit != b.unit:
            continue
        if a.mod is None:
            a.mod = "at_least"
        if b.mod is None:
            b.mod = "at_most"
        a.partner = b
        if between:
            a.start = between.start()


def _bare(text: str, c: _Candidate) -> float | None:
    num = text[c.num_start : c.num_end]
    return words_value(num) if not num[:1].isdigit() else _digits_value(num)


# ---------------------------------------------------------------------------------------------
# the stage


def _resolve(cands: list[_Candidate]) -> list[_Candidate]:
    """Overlapping candidates: the longer wins, then the earlier."""
    chosen: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if chosen and c.start < chosen[-1].end:
            if c.end - c.start > chosen[-1].end - chosen[-1].start:
                chosen[-1] = c
            continue
        chosen.append(c)
    return chosen


def _keep(doc: Doc, text: str, c: _Candidate, phones: list[tuple[int, int]]) -> bool:
    if c.kind == "score" or c.end - c.start > MAX_SPAN_CHARS:
        return False
    if c.kind in ("fraction", "rank"):
        return True
    if any(s <= c.num_start < e for s, e in phones):
        return False
    token = _token_at(doc, c.num_start)
    if _is_name_part(doc, text, c, token) or _is_date_or_time(doc, text, c, token):
        return False
    if c.kind == "count" and not (c.words and c.value >= 1000):
        if _inside_date_entity(doc, text, c, token) or _duration_or_age(text, c, token):
            return False
        if re.search(r"(?:^|\n)\s*\(?$", text[max(0, c.start - 3) : c.start]) and re.match(r"[.)]", text[c.end : c.end + 1]):
            return False  # a list marker: "1." "(2)"
    if c.kind == "count" and re.search(r"\d\s+[A-Z][a-z]+\s+" + _STREETS, text[c.num_end - 1 : c.num_end + 40]):
        return False
    return True


def _wanted(doc: Doc, text: str, c: _Candidate, phones: list[tuple[int, int]]) -> bool:
    """Keep ``c`` (and set its object and rate) or not."""
    if not _keep(doc, text, c, phones):
        return False
    after = _object(doc, text, c) if c.kind != "rank" else c.end
    if c.kind == "count" and c.words and c.value == 1 and not c.scaled and c.mod is None:
        return False  # "one" alone: a pronoun, an article or a figure of speech ("one of them", "one reason")
    if c.kind == "count" and c.value != 1 and c.head_tag in ("NN", "NNP"):
        return False  # a figure right before a singular noun names a model: "737 replacement", "787 Dreamliner"
    if c.kind == "count" and c.object and c.object.split()[-1].lower() in _TIME_UNITS:
        return False  # "five years": a duration
    _rate(text, c, after)
    return True


def extract_amounts(record: Record, doc: Doc) -> Record:
    """Fill ``record.amounts`` from the parsed body (see the module docstring)."""
    text = doc_text(doc)
    cands = _resolve(_numbers(doc, text) + _fractions(text) + _vague(text) + _ranks(doc, text))
    for c in cands:
        if c.mod is None:
            _modifier(text, c)
    _ranges(text, cands)
    phones = [m.span() for m in _PHONE.finditer(text)]
    kept = [c for c in cands if _wanted(doc, text, c, phones)]
    kept_ids = {id(c) for c in kept}
    dropped = {id(c.partner) for c in cands if c.partner is not None and id(c) not in kept_ids}
    kept = [c for c in kept if id(c) not in dropped]  # "Boeing 737-800", "June 13-15": no lower end, no upper end
    for c in kept:
        if c.partner is not None:  # "$35,000 to $60,000 a year": the lower end has the upper end's rate
            c.per, c.object = c.per or c.partner.per, c.object or c.partner.object
    record.amounts = [Amount(c.start, c.end, c.value, c.unit, c.per, c.object, c.kind, c.mod) for c in kept]
    return record
