"""The chrome line classifier (newsgraph.chrome_model) with its shipped weights."""

from __future__ import annotations

import math
import subprocess
import sys
from importlib import resources

import pytest

from newsgraph.chrome_model import CLASSES, chrome_probability, features, line_classes, n_features

CHROME = [
    "Share this article",
    "Skip to main content",
    "Related stories",
    "Sign up for our newsletter",
    "Advertisement",
    "Read more",
    "Follow us on Twitter",
    "Home | News | Sport",
]
STORY = [
    "The council voted 7-2 on Tuesday to approve the budget.",
    '"We will appeal," the lawyer said.',
    "Police said the man was arrested at his home in Leeds.",
    "The company did not respond to a request for comment.",
]


def test_shipped_weights_are_small():
    path = resources.files("newsgraph").joinpath("data", "chrome_model.npz")
    assert path.is_file()
    assert len(path.read_bytes()) < 2_500_000  # four classes of 2**18 float16 weights, compressed


def test_classes_are_probabilities_and_name_bylines_and_captions():
    rows = line_classes(["By Jane Okafor and Li Wei, Associated Press", "Firefighters battle a blaze in Lisbon. (Photo: Ana Reis/Reuters)",
                         "Share this article", "The council voted 7-2 on Tuesday to approve the budget."])
    assert rows.shape == (4, len(CLASSES)) and rows.sum(axis=1) == pytest.approx([1.0] * 4)
    assert [CLASSES[i] for i in rows.argmax(axis=1)] == ["byline", "caption", "chrome", "story"]
    assert chrome_probability(["Share this article"])[0] == pytest.approx(1 - rows[2, 0])


@pytest.mark.parametrize("line", CHROME)
def test_obvious_chrome_scores_high(line):
    assert chrome_probability([line])[0] > 0.9


@pytest.mark.parametrize("line", STORY)
def test_obvious_story_scores_low(line):
    assert chrome_probability([line])[0] < 0.35


def test_story_scores_below_chrome():
    scores = chrome_probability(CHROME + STORY)
    assert max(scores[len(CHROME) :]) < min(scores[: len(CHROME)])


def test_one_float_per_line_empty_and_non_ascii():
    lines = ["", "   ", "Ünïcode straße — 東京 «Новости»", "\x02\x03\x00 odd\ncontrol\tchars", "x" * 5000, "😀"]
    scores = chrome_probability(lines)
    assert len(scores) == len(lines)
    assert all(isinstance(p, float) and 0.0 <= p <= 1.0 and not math.isnan(p) for p in scores)
    assert chrome_probability([]) == []
    assert scores[0] == scores[1]  # blank is empty


def test_a_line_scores_the_same_alone_and_in_a_batch():
    lines = CHROME + STORY + [""] * 3
    batch = chrome_probability(lines * 300)  # several internal chunks
    alone = [chrome_probability([line])[0] for line in lines]
    assert batch[: len(lines)] == pytest.approx(alone, abs=1e-12)
    assert batch[-len(lines) :] == pytest.approx(alone, abs=1e-12)


def test_features_stay_in_range():
    rows, cols, vals = features(["Share this article", "", "A B C"])
    assert len(rows) == len(cols) == len(vals)
    assert set(rows.tolist()) == {0, 1, 2}
    assert cols.min() >= 0 and cols.max() < n_features()


def test_no_sklearn_at_run_time():
    code = (
        "import sys; from newsgraph.chrome_model import chrome_probability; chrome_probability(['Read more']); "
        "assert 'sklearn' not in sys.modules and 'scipy' not in sys.modules, 'training libraries imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_shipped_context_model_reads_the_features_the_cleaner_computes():
    import json

    from newsgraph.chrome_model import CONTEXT_FEATURES, context_chrome, context_threshold

    shipped = json.loads(resources.files("newsgraph").joinpath("data", "chrome_context.json").read_text(encoding="utf-8"))
    assert tuple(shipped["features"]) == CONTEXT_FEATURES and len(shipped["weights"]) == len(CONTEXT_FEATURES)
    assert 0.5 <= context_threshold() < 1.0
    p = context_chrome([[0.0] * len(CONTEXT_FEATURES), [1.0] * len(CONTEXT_FEATURES)])
    assert p.shape == (2,) and all(0.0 <= x <= 1.0 for x in p)
