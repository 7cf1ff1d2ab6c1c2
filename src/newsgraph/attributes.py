"""Stage 3, analyse (continued): the model's ``attribute_ruler``, applied by table look-up.

en_core_web_sm's ``attribute_ruler`` maps each fine tag to its part of speech and morphology and
applies a few exceptions ("n't" → PART, "gon na" → "go to"); spaCy runs its 179 rules through a
``Matcher`` over every text, a tenth of the parse's time. :class:`AttributeTable` applies the same
rules in the same order (every match found first, then each rule's attributes set in rule order,
later rules winning, as spaCy does), but matches each distinct (tag, lower-case form, dependency,
is-space) once per process and remembers the outcome, so a text costs a few array operations.
Rules that test anything else, or use an operator other than ``IN`` / ``NOT_IN`` / ``REGEX``, keep
spaCy's own component (:func:`replace_attribute_ruler` returns False). The same output as spaCy's
on every token of PolNeAR dev (tests/test_attributes.py checks it on fresh text).
"""

from __future__ import annotations

import re
import time
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS
from spacy.tokens import Doc

NAME = "newsgraph_attributes"
_KEYS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # columns of a token's key
_SETS = ("POS", "MORPH", "LEMMA", "TAG", "DEP")
_OPERATORS = frozenset({"IN", "NOT_IN", "REGEX"})
MEMO = 200_000  # outcomes remembered at most (distinct tag, word, dependency, is-space)

Token = list[tuple[int, Any]]  # (key column, what it must be)


def _test(spec: Any, value: Any) -> bool:
    if not isinstance(spec, dict):
        return value == spec
    ((op, arg),) = spec.items()
    if op == "IN":
        return value in arg
    if op == "NOT_IN":
        return value not in arg
    return re.search(arg, value) is not None  # REGEX, as the Matcher reads it


def _token(pattern: dict) -> Token:
    out = []
    for name, spec in pattern.items():
        if name not in _KEYS or (isinstance(spec, dict) and (len(spec) != 1 or not set(spec) <= _OPERATORS)):
            raise ValueError(f"attribute rule beyond the table: {pattern}")
        out.append((_KEYS[name], spec))
    return out


def _matches(token: Token, key: tuple) -> bool:
    return all(_test(spec, key[k]) for k, spec in token)


class AttributeTable:
    """The rules (``patterns``) of an ``attribute_ruler``, applied as spaCy's component applies them."""

    seconds = 0.0  # time spent here

    def __init__(self, vocab, patterns: list[dict]) -> None:
        self.vocab = vocab
        self.attrs: list[dict[str, str]] = []
        self.single: list[tuple[int, Token]] = []  # (rule, one-token pattern)
        self.multi: list[tuple[int, list[Token], int]] = []  # (rule, longer pattern, index of the token it sets)
        for n, rule in enumerate(patterns):
            if not set(rule["attrs"]) <= set(_SETS):
                raise ValueError(f"attribute rule beyond the table: {rule['attrs']}")
            self.attrs.append(dict(rule["attrs"]))
            for pattern in rule["patterns"]:
                tokens = [_token(p) for p in pattern]
                if len(tokens) == 1:
                    self.single.append((n, tokens[0]))
                else:
                    index = rule.get("index", 0)
                    self.multi.append((n, tokens, index if index >= 0 else len(tokens) + index))
        self._memo: dict[tuple[int, ...], tuple[tuple, list[int]]] = {}
        self._by_rest: dict[tuple[int, int, int], tuple[list, list]] = {}

    def _key(self, row: tuple[int, ...]) -> tuple:
        strings = self.vocab.strings
        return (strings[row[0]] if row[0] else "", strings[row[1]], strings[row[2]] if row[2] else "", bool(row[3]))

    def _candidates(self, row: tuple[int, ...]) -> tuple[list, list]:
        """The patterns a token of this tag, dependency and is-space may match, each with what its
        lower-case form must be (None: anything): the one-token rules, the longer patterns' first tokens."""
        rest = (row[0], row[2], row[3])
        found = self._by_rest.get(rest)
        if found is None:
            key = self._key(row)
            keep = lambda tokens: [(n, dict(t).get(1)) for n, t in tokens if all(_test(s, key[k]) for k, s in t if k != 1)]  # noqa: E731
            found = self._by_rest[rest] = (keep(self.single), keep((m, tokens[0]) for m, (_, tokens, _) in enumerate(self.multi)))
        return found

    def rules_of(self, row: tuple[int, ...]) -> tuple[list[int], list[int]]:
        """For a token whose (TAG, LOWER, DEP, IS_SPACE) values are ``row``: the one-token rules it
        matches, in order, and the longer patterns (indices into :attr:`multi`) it may start."""
        single, multi = self._candidates(row)
        lower = self.vocab.strings[row[1]]
        return (
            sorted({n for n, spec in single if spec is None or _test(spec, lower)}),
            [m for m, spec in multi if spec is None or _test(spec, lower)],
        )

    def _values(self, rules: list[int]) -> tuple:
        """(POS id, MORPH key, LEMMA hash — each None when no rule sets it; other attributes) the rules set."""
        values: dict[str, str] = {}
        for n in rules:  # later rules win
            values.update(self.attrs[n])
        morph, lemma = values.get("MORPH"), values.get("LEMMA")
        return (
            IDS[values["POS"]] if "POS" in values else None,
            self.vocab.morphology.add(morph) if morph is not None else None,
            self.vocab.strings.add(lemma) if lemma is not None else None,
            [(name, v) for name, v in values.items() if name in ("TAG", "DEP")],
        )

    def __call__(self, doc: Doc) -> Doc:
        started = time.perf_counter()
        rows = [tuple(r) for r in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        found = []
        for row in rows:
            hit = self._memo.get(row)
            if hit is None:
                if len(self._memo) >= MEMO:  # a corpus's vocabulary grows without end: memory stays flat
                    self._memo.clear()
                single, starts = self.rules_of(row)
                hit = self._memo[row] = (self._values(single), starts, single)
            found.append(hit)
        extra: dict[int, list[int]] = {}  # token → the rules of longer patterns that set it
        for i, (_, starts, _) in enumerate(found):
            for m in starts:
                n, tokens, index = self.multi[m]
                if i + len(tokens) <= len(rows) and all(_matches(t, self._key(rows[i + j])) for j, t in enumerate(tokens[1:], 1)):
                    extra.setdefault(i + index, []).append(n)
        cols = doc.to_array([POS, MORPH, LEMMA])
        later: list[tuple[int, str, str]] = []
        for i, (values, _, single) in enumerate(found):
            if i in extra:
                values = self._values(sorted({*single, *extra[i]}))
            for c in range(3):
                if values[c] is not None:
                    cols[i, c] = values[c]
            later += [(i, name, value) for name, value in values[3]]
        doc.from_array([POS, MORPH, LEMMA], cols)
        for i, name, value in later:
            setattr(doc[i], name.lower() + "_", value)
        self.seconds += time.perf_counter() - started
        return doc


@Language.factory(NAME)
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable(nlp.vocab, nlp.get_pipe("attribute_ruler").patterns)


def replace_attribute_ruler(nlp: Language) -> bool:
    """Put :class:`AttributeTable` in place of ``nlp``'s ``attribute_ruler`` (which stays, disabled,
    for the plain model); False (nothing changed) when its rules use what the table does not know."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        nlp.add_pipe(NAME, before="attribute_ruler")
    except ValueError:
        return False
    nlp.disable_pipe("attribute_ruler")
    return True
