"""The seed article's expectations (../shared/seed/expected.json), section by section.

Skipped when ../shared is absent: the rules themselves are tested on our own texts in the other test files.
"""

import json
import re
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (SEED / "expected.json").exists(), reason="../shared/seed is not here"),
]


@pytest.fixture(scope="module")
def seed():
    from newsgraph.engine import LocalEngine
    from newsgraph.pipeline import Options
    from newsgraph.read import Source

    expected = json.loads((SEED / "expected.json").read_text("utf-8"))
    path = next(SEED.glob("000_*.txt"))
    with LocalEngine(Options(published=expected["published"])) as engine:
        (outcome,) = engine.run([Source(name=str(path), path=str(path))])
    assert outcome.error is None
    return outcome.record, expected


def test_chrome_lines_are_boilerplate(seed):
    record, expected = seed
    boilerplate = [record.text[r.start : r.end] for r in record.removed if r.reason == "boilerplate"]
    for line in expected["removed"]["boilerplate"]:
        assert line in boilerplate


def test_the_repeated_paragraph_is_a_duplicate(seed):
    record, _ = seed
    paragraphs = [p for p in record.text.split("\n\n") if p.strip()]
    assert paragraphs[0] == paragraphs[1]
    duplicates = [r for r in record.removed if r.reason == "duplicate"]
    assert len(duplicates) == 1
    assert record.text[duplicates[0].start : duplicates[0].end] == paragraphs[1].strip()
    assert duplicates[0].start > len(paragraphs[0])


def test_captions_carry_their_credit(seed):
    record, expected = seed
    found = [(record.text[c.start : c.end], c.credit) for c in record.captions]
    for item in expected["captions"]:
        assert any(text.startswith(item["starts"]) and credit == item["credit"] for text, credit in found), item
    assert len(found) == len(expected["captions"])


def test_agency(seed):
    record, expected = seed
    assert record.agency == expected["agency"]
    assert record.published == expected["published"]


def test_no_body_sentence_is_removed(seed):
    record, expected = seed
    body = record.body()
    for start in expected["removed"]["kept_body"]:
        i = record.text.index(start)
        assert body[i : i + len(start)] == start
    # every sentence-ending paragraph that is not a caption survives whole
    captions = [(c.start, c.end) for c in record.captions]
    for m in re.finditer(r"[^\n]+", record.text):
        if any(a <= m.start() < b for a, b in captions) or not m.group().rstrip().endswith((".", '"')):
            continue
        if any(r.reason == "duplicate" and r.start <= m.start() < r.end for r in record.removed):
            continue
        assert body[m.start() : m.end()] == m.group(), m.group()


def test_record_is_valid_against_the_schema(seed):
    import jsonschema

    from newsgraph.record import json_schema

    record, _ = seed
    data = record.to_dict()
    jsonschema.validate(data, json_schema())
    assert record.language == "en"


def test_entities(seed):
    record, expected = seed
    found = [
        (e.type, {record.text[m.start : m.end] for m in e.mentions}) for e in record.entities
    ]
    for item in expected["entities"]:
        types = item["type"] if isinstance(item["type"], list) else [item["type"]]
        matches = [t for t, mentions in found if set(item["mentions"]) <= mentions]
        assert len(matches) == 1, f"{item['mentions']}: in {len(matches)} entities"
        assert matches[0] in types, f"{item['mentions']}: {matches[0]} is not one of {types}"


def test_tokayev_is_named_by_the_body_and_keeps_his_role(seed):
    record, _ = seed
    (tokayev,) = [e for e in record.entities if "Tokayev" in e.name]
    assert tokayev.name == "Kassym-Jomart Tokayev"
    assert "Qassym-Shomart Kemeluly Toqayev" in tokayev.aliases and "President" in tokayev.roles
    (kazakhstan,) = [e for e in record.entities if e.name == "Kazakhstan"]
    assert kazakhstan.place is not None and kazakhstan.place.code == "KZ"
    assert any(m.label == "NORP" and record.text[m.start : m.end] == "Kazakh" for m in kazakhstan.mentions)


def test_quotes(seed):
    """Each expected quote is within exactly one quote, whose speaker is the expected person (its
    entity named with that surname) and whose kind is the expected one where one is given."""
    record, expected = seed
    entities = {e.id: e for e in record.entities}
    for item in expected["quotes"]:
        holding = [q for q in record.quotes if item["contains"] in record.text[q.start : q.end]]
        assert len(holding) == 1, f"{item['contains']!r}: in {len(holding)} quotes"
        (quote,) = holding
        assert quote.speaker is not None and quote.speaker.entity in entities, item["contains"]
        assert item["speaker"] in entities[quote.speaker.entity].name, (item["contains"], quote.speaker.name)
        if "kind" in item:
            assert quote.kind == item["kind"], item["contains"]
        assert quote.cue is not None and record.text[quote.cue.start : quote.cue.end].strip()


def test_times(seed):
    record, expected = seed
    found = [(record.text[t.start : t.end], t) for t in record.times]
    for item in expected["times"]:
        matches = [t for text, t in found if text == item["text"]]  # the exact extent ("autumn of 2022", "the end of 2024")
        assert matches, f"{item['text']!r} not found in {[text for text, _ in found]}"
        if "value" in item:
            assert any(t.value == item["value"] for t in matches), (item, matches)
        else:
            assert any(t.value.startswith(item["value_prefix"]) for t in matches), (item, matches)
    (end,) = [t for text, t in found if text == "the end of 2024"]
    assert end.mod == "END"


def test_amounts(seed):
    record, expected = seed
    for item in expected["amounts"]:
        holding = [a for a in record.amounts if item["contains"] in record.text[a.start : a.end]]
        assert len(holding) == 1, item
        a = holding[0]
        assert a.value == pytest.approx(item["value"])
        if "unit_prefix" in item:
            assert (a.unit or "").startswith(item["unit_prefix"])
        if "per" in item:
            assert a.per == item["per"]
        if "object_contains" in item:
            assert item["object_contains"] in (a.object or "")


def _event_holds(record, event, item: dict) -> bool:
    names = {e.id: e.name for e in record.entities}
    types = item["type"] if isinstance(item["type"], list) else [item["type"]]
    participants = [names[p.entity] for p in event.participants]
    if event.type not in types:
        return False
    if "trigger_contains" in item and item["trigger_contains"] not in record.text[event.trigger.start : event.trigger.end]:
        return False
    if not all(any(want in name for name in participants) for want in item["participants"]):
        return False
    if "place" in item and item["place"] not in (names.get(event.place) or ""):
        return False
    if "time" in item and event.time != item["time"]:
        return False
    return "time_prefix" not in item or (event.time or "").startswith(item["time_prefix"])


def test_events(seed):
    record, expected = seed
    for item in expected["events"]:
        assert any(_event_holds(record, event, item) for event in record.events), item
