"""Train the cleaner's context model, shipped as ``src/newsgraph/data/chrome_context.json``.

    .venv/bin/python scripts/train_chrome_context.py [--data ../shared/data] [--out src/newsgraph/data/chrome_context.json]

The line classifier (``newsgraph.chrome_model``) reads a line alone; the cleaner's rules and
thresholds decide with it. What they leave on a page that the classifier doubts (P(story) < 0.5)
the context model reads in its place: the classifier's reading of the line and of its
neighbours, whether the neighbours went, where it sits against the story, its form
(:data:`newsgraph.chrome_model.CONTEXT_FEATURES`). It is a logistic regression (numpy, L2).

The line classifier is trained on the dev lines of these files too (``scripts/train_chrome.py``
``--also``), so a page built from one file is cleaned here with the classifier trained without that
file (:func:`cross_fit`, four more classifiers of about 6 minutes each, kept in ``build/chrome-folds``):
the context model learns from readings like those of pages nobody wrote for it.

Data: pages built as the cleaning evaluation builds them (``newsgraph.evaluate.cleaning.build_page``:
top chrome, headline, bylines, stamps, captions and their repeats, datelines, inline chrome,
look-alike story lines, related-story lists, comment boxes, footers) around story bodies the
line classifier was never trained on (:func:`bodies`), from the **dev** parts of the line files named by ``--lines`` (never their check
parts), each body in ``--variants`` pages. Every line the cleaner leaves and asks the model about
is an example: not story when the page put it there as chrome, a caption (or its repeat) or a
byline; story when it is a body paragraph, a look-alike or a dateline's lead.

The threshold is the lowest at which the story lines removed stay at most ``--story-rate`` of all
the story lines of the pages, measured across line files: the model trained without a file's lines
scores the pages built from them, so the threshold is chosen on lines it never saw. The script
prints, per held-out file and on all, the share of what the rules left that goes (chrome and story).

Tried at stop 44 and not kept: asking also the short paragraphs of their own inside the story that
the classifier gives P(story) < 0.95 (uncredited captions written as sentences read as story to it),
with the parse's form as features (no verb at the root; the main verb in the present tense). Across
files, with the bodies alone added as a held-out group, 201 of 801 not-story lines asked went at
threshold 0.88 (7 of 78,921 story lines), against 160 of 538 for the model shipped (7 of 71,458);
but on the evaluation's pages a subheading of a dev body went on every kind of page (plain bodies
too) for captions +0.012 (fresh2 dev) and +0.015 (fresh3 dev): short story paragraphs and captions
are not told apart by these features.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsgraph import chrome_model  # noqa: E402
from newsgraph.chrome_model import CONTEXT_FEATURES  # noqa: E402
from newsgraph.clean import CleanOptions, clean  # noqa: E402
from newsgraph.evaluate.cleaning import Body, build_page, load_lines, pool  # noqa: E402
from newsgraph.read import Source, read  # noqa: E402
from train_chrome import _RESIDUE, ALSO, site_of  # noqa: E402  (crawl residue some PolNeAR bodies hold: CSS rules, a comment widget)

LINE_FILES = ALSO  # the line classifier is trained on their dev lines too: see cross_fit
NOT_STORY = frozenset({"chrome", "caption", "repeat", "byline"})
STORY = frozenset({"body", "lookalike", "lead"})


def bodies(data: Path) -> list[Body]:
    """Story bodies the line classifier never read: the PolNeAR train files it holds out (every
    third sorted name; their first paragraph is the headline), the TimeBank and AQUAINT articles of
    TempEval-3 (TBAQ; tags stripped) and the article bodies of the ScrapingHub pages of the sites it
    holds out (every fourth sorted site)."""
    files = sorted((data / "polnear" / "train" / "text").glob("*.txt"))
    out = [Body(f"polnear-train/{path.stem}", path.read_text("utf-8").strip()) for i, path in enumerate(files) if i % 3 == 2]
    for path in sorted((data / "tempeval3" / "TBAQ-cleaned").glob("*/*.tml")):
        text = re.search(r"<TEXT>(.*?)</TEXT>", path.read_text("utf-8"), re.S)
        if text:
            body = html.unescape(re.sub(r"<[^>]+>", "", text.group(1))).strip()
            out.append(Body(f"tbaq/{path.stem}", re.sub(r"\n\s*\n", "\n\n", body), titled=False))
    gold = json.loads((data / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    sites = sorted({site_of(page["url"]) for page in gold.values()})
    held = {site for i, site in enumerate(sites) if i % 4 == 3}
    out += [Body(f"scrapinghub/{key[:12]}", page["articleBody"].strip(), titled=False)
            for key, page in sorted(gold.items()) if site_of(page["url"]) in held and page["articleBody"].strip()]
    return [body for body in out if body.text]


def examples(pages_of: list[Body], lines_file: Path, variants: int) -> tuple[np.ndarray, np.ndarray, int, list[str]]:
    """(features, labels: 1 not story, story lines on the pages, the lines' texts) of the lines the
    cleaner asks the context model about, on pages built from ``lines_file``'s dev lines around ``pages_of``."""
    lines = pool(load_lines(lines_file), "dev")
    options = CleanOptions(context_model=False)
    xs, ys, texts, story_lines = [], [], [], 0
    for body in pages_of:
        for v in range(variants):
            page = build_page(Body(f"{body.name}#{v}", body.text, body.titled), lines)
            record = read(Source(name="page.txt", data=page.text.encode("utf-8"))).record
            if record.text != page.text:
                continue  # reading changed the text: offsets would not match the page's
            trace: list = []
            clean(record, options, trace=trace)
            story_lines += sum(segment.kind in STORY for segment in page.segments)
            for start, end, row in trace:
                kind = next((s.kind for s in page.segments if s.start <= start < s.end), None)
                if kind in NOT_STORY or kind in STORY and not _RESIDUE.search(page.text[start:end]):
                    xs.append(row)
                    ys.append(kind in NOT_STORY)
                    texts.append(page.text[start:end])
    return np.array(xs, dtype=np.float64).reshape(-1, len(CONTEXT_FEATURES)), np.array(ys, dtype=np.float64), story_lines, texts


def cross_fit(line_files: list[Path], folder: Path) -> dict[str, Path]:
    """For each line file, the line classifier trained without its lines (``scripts/train_chrome.py
    --also`` the other files, C=3), in ``folder`` (kept: a second run reuses them). The shipped
    classifier is trained on the dev lines of all of them; a page built from one file is read by the
    classifier that never saw that file, as pages of unseen writers are read at run time."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for path in line_files:
        out[path.name] = folder / f"{path.stem}.npz"
        if not out[path.name].exists():
            others = [str(other) for other in line_files if other != path]
            subprocess.run([sys.executable, str(ROOT / "scripts" / "train_chrome.py"), "--c", "3", "--also", *others,
                            "--out", str(out[path.name])], check=True, stdout=subprocess.DEVNULL)
            print(f"line classifier without {path.name}: {out[path.name]}", flush=True)
    return out


@contextmanager
def line_classifier(weights_file: Path | None):
    """Clean with the line classifier of ``weights_file`` (None: the shipped one)."""
    shipped = chrome_model._weights
    if weights_file is not None:
        chrome_model._weights = lambda path=None: shipped(path or str(weights_file))
    try:
        yield
    finally:
        chrome_model._weights = shipped


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method on standardised features; (weights, bias) on the raw ones."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights = w[:-1] / scale
    return weights, float(w[-1] - weights @ mean)


def predict(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ weights + bias)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--lines", type=Path, nargs="+", default=[ROOT / f for f in LINE_FILES])
    parser.add_argument("--variants", type=int, default=2, help="pages built around each body, per line file")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--story-rate", type=float, default=0.0001, help="story lines removed, at most, of all story lines")
    parser.add_argument("--show", action="store_true", help="print every line asked, most likely chrome first, as scored across files")
    parser.add_argument("--folds", type=Path, default=ROOT / "build" / "chrome-folds",
                        help="where the line classifiers trained without one line file are kept (see cross_fit)")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "newsgraph" / "data" / "chrome_context.json")
    args = parser.parse_args()
    started = time.time()
    pages_of = bodies(args.data)
    folds = cross_fit(args.lines, args.folds)
    data = {}
    for path in args.lines:
        with line_classifier(folds[path.name]):
            data[path.name] = examples(pages_of, path, args.variants)
        x, y, n_story, _ = data[path.name]
        print(f"{path.name}: {len(y)} lines asked ({int(y.sum())} not story) on {len(pages_of) * args.variants} pages "
              f"with {n_story} story lines ({time.time() - started:.0f} s)", flush=True)
    # across files: each file's pages scored by the model trained on the others
    held = []
    for name, (x, y, n_story, texts) in data.items():
        rest = [d for other, d in data.items() if other != name]
        weights, bias = fit(np.vstack([d[0] for d in rest]), np.concatenate([d[1] for d in rest]), args.l2)
        held.append((name, predict(x, weights, bias), y, n_story))
        if args.show:
            p = held[-1][1]
            for i in np.argsort(-p):
                print(f"  {name} {'CHROME' if y[i] else 'story '} {p[i]:.2f} {texts[i][:110]}")
    stories = sum(n for *_, n in held)
    chrome = sum(int(y.sum()) for _, _, y, _ in held)
    p_all = np.concatenate([p for _, p, _, _ in held])
    y_all = np.concatenate([y for _, _, y, _ in held])
    threshold = 1.0
    for t in np.arange(0.50, 1.0, 0.01):
        if ((p_all >= t) & (y_all == 0)).sum() <= args.story_rate * stories:
            threshold = float(round(t, 2))
            break
    print(f"threshold {threshold} (story lines removed at most {args.story_rate} of {stories})")
    for t in sorted({0.5, 0.7, 0.8, 0.9, 0.95, threshold}):
        row = [f"t={t:.2f}"]
        for name, p, y, n_story in held + [("all", p_all, y_all, stories)]:
            row.append(f"{name}: chrome {int(((p >= t) & (y == 1)).sum())}/{int(y.sum())} story {int(((p >= t) & (y == 0)).sum())}/{n_story}")
        print("  ".join(row))
    weights, bias = fit(np.vstack([d[0] for d in data.values()]), np.concatenate([d[1] for d in data.values()]), args.l2)
    args.out.write_text(json.dumps({
        "features": list(CONTEXT_FEATURES), "weights": [round(float(w), 6) for w in weights], "bias": round(bias, 6),
        "threshold": threshold, "trained_on": [p.name for p in args.lines], "examples": int(len(y_all)), "not_story": chrome,
    }, indent=1) + "\n", encoding="utf-8")
    print("weights:", ", ".join(f"{f} {w:+.2f}" for f, w in zip(CONTEXT_FEATURES, weights)), f"bias {bias:+.2f}")
    print(f"wrote {args.out} ({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
