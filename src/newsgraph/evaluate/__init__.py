"""Evaluation against gold sets: one registered task per capability, newsgraph next to a
reference system scored the same way in the same run.

A task is a function ``gold_path -> Report`` registered with :func:`task`, together with where its
gold set lives inside a data directory (so ``newsgraph eval all DATA`` finds every set). The
quality gate (:func:`gate`) compares a run with floors pinned in ``eval/floors.json``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import EvalError


@dataclass(slots=True)
class Score:
    system: str
    precision: float
    recall: float
    f1: float
    n: int  # items scored (pages, sentences, quotes, ...)
    extra: dict[str, float] = field(default_factory=dict)

    @classmethod
    def counted(cls, system: str, tp: int, fp: int, fn: int, extra: dict[str, float] | None = None) -> Score:
        """P/R/F1 from true positives, false positives and false negatives; n = tp + fn, the gold items."""
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return cls(system, p, r, 2 * p * r / (p + r) if p + r else 0.0, tp + fn, extra=extra or {})


@dataclass(slots=True)
class Report:
    task: str
    gold: str
    method: str  # how the figures were computed, one sentence
    scores: list[Score]
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    def table(self):
        from rich.table import Table

        table = Table(title=f"{self.task}: {self.gold}", caption=self.method, title_justify="left", caption_justify="left")
        extras = sorted({k for s in self.scores for k in s.extra})
        for column in ["system", "P", "R", "F1", "n", *extras]:
            table.add_column(column, justify="left" if column == "system" else "right")
        for s in self.scores:
            table.add_row(s.system, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.n), *(f"{s.extra.get(k, float('nan')):.3f}" for k in extras))
        return table


@dataclass(frozen=True, slots=True)
class Task:
    name: str
    run: Callable[[str], Report]
    gold: str  # where the gold set lives inside a data directory
    summary: str


TASKS: dict[str, Task] = {}


def task(name: str, gold: str, summary: str):
    """Register ``fn(gold_path) -> Report`` as evaluation task ``name``."""

    def register(fn: Callable[[str], Report]) -> Callable[[str], Report]:
        TASKS[name] = Task(name, fn, gold, summary)
        return fn

    return register


def _load_tasks() -> None:
    from . import amounts, boilerplate, cleaning, events, ner, people, places, quote_spans, quotes, speakers, times  # noqa: F401  (each registers itself)


def run(name: str, gold: str) -> Report:
    """Run task ``name`` on the gold set at ``gold``."""
    _load_tasks()
    if name not in TASKS:
        raise EvalError(f"unknown task {name!r}; tasks: {', '.join(sorted(TASKS))}, all")
    if not Path(gold).exists():
        raise EvalError(f"{gold}: no such gold set")
    started = time.perf_counter()
    report = TASKS[name].run(gold)
    report.seconds = round(time.perf_counter() - started, 1)
    return report


def run_all(data_dir: str) -> list[Report]:
    """Every registered task on its gold set inside ``data_dir`` (e.g. ../shared/data)."""
    _load_tasks()
    return [run(t.name, str(Path(data_dir) / t.gold)) for t in TASKS.values()]


def gate(reports: list[Report], floors: dict) -> list[str]:
    """Figures below their floor, as messages (empty: the gate passes).

    ``floors`` maps task → system → metric (precision, recall, f1, or an extra) → lowest value.
    """
    problems = []
    by_task = {r.task: r for r in reports}
    for name, systems in floors.items():
        if name.startswith("_"):
            continue
        report = by_task.get(name)
        if report is None:
            problems.append(f"{name}: task did not run")
            continue
        for system, metrics in systems.items():
            score = next((s for s in report.scores if s.system == system), None)
            if score is None:
                problems.append(f"{name}: no figures for {system}")
                continue
            for metric, floor in metrics.items():
                value = getattr(score, metric, None) if metric in ("precision", "recall", "f1") else score.extra.get(metric)
                if value is None or value + 1e-9 < floor:
                    problems.append(f"{name}/{system}/{metric} = {value} is below its floor {floor}")
    return problems


def markdown(reports: list[Report]) -> str:
    """The reports as the Markdown page docs/EVAL.md."""
    lines = [
        "# Evaluation",
        "",
        "Written by `make eval` (`newsgraph eval all ../shared/data --markdown docs/EVAL.md`).",
        "Floors that CI enforces are in `eval/floors.json`.",
        "",
    ]
    for r in reports:
        extras = sorted({k for s in r.scores for k in s.extra})
        lines += [f"## {r.task}", "", f"Gold: `{r.gold}`. {r.method} ({r.seconds:.0f} s)", ""]
        lines.append("| system | P | R | F1 | n |" + "".join(f" {k} |" for k in extras))
        lines.append("|---|---:|---:|---:|---:|" + "---:|" * len(extras))
        for s in r.scores:
            cells = "".join(f" {s.extra.get(k, float('nan')):.3f} |" for k in extras)
            lines.append(f"| {s.system} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.n} |{cells}")
        lines.append("")
    return "\n".join(lines)
