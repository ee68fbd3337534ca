"""Markdown tables, JSON output and the plot of benchmark results."""

from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
from dataclasses import asdict, dataclass
from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from bench.runner import Rate, SetResult, ToolResult

DASH = "–"
VERSIONED_PACKAGES = (
    "cleanread",
    "trafilatura",
    "jusText",
    "readability-lxml",
    "resiliparse",
    "lxml",
)
PLOT_DPI = 120


def _num(value: float | None, digits: int = 3) -> str:
    if value is None:
        return DASH
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("0.") else text


def _rate(rate: Rate | None) -> str:
    if rate is None or rate.value is None:
        return DASH
    return f"{_num(rate.value)} ({rate.total})"


def _speed(value: float | None) -> str:
    return DASH if value is None else f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def metric_name(result: SetResult) -> str:
    """Which metric the P/R/F1 columns of a set use."""
    if any(t.shingle for t in result.tools):
        return "shingle (body)"
    return "with/without snippets"


def set_table(result: SetResult) -> str:
    """A Markdown table with one row per tool for one set."""
    snippets_extra = any(t.shingle and t.snippets for t in result.tools)
    header = ["tool", "P", "R", "F1"]
    if snippets_extra:
        header.append("w/wo F1")
    header += ["title", "author", "date", "docs/s (median)", "docs/s (total)", "errors"]
    title = (
        f"### {result.name} — {result.mode} mode, {result.pages} pages "
        f"({result.skipped} without truth skipped), metric: {metric_name(result)}"
    )
    lines = [
        title,
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for tool in result.tools:
        scores = tool.headline
        row = [
            tool.name,
            _num(scores.precision if scores else None),
            _num(scores.recall if scores else None),
            _num(scores.f1 if scores else None),
        ]
        if snippets_extra:
            row.append(_num(tool.snippets.f1 if tool.shingle and tool.snippets else None))
        row += [
            _rate(tool.title),
            _rate(tool.author),
            _rate(tool.date),
            _speed(tool.median_docs_per_second),
            _speed(tool.docs_per_second),
            str(tool.errors),
        ]
        lines.append("| " + " | ".join(row) + " |")
    lines.extend(
        f"\n{tool.name}: {tool.errors} error(s), first: {tool.first_error}"
        for tool in result.tools
        if tool.first_error
    )
    if result.fit_seconds is not None:
        lines.append(
            f"\nsite profiles built in {result.fit_seconds:.2f} s,"
            " reading the pages included (not in docs/s)"
        )
    lines += [f"\nnote: {note}" for note in result.notes]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Cell:
    """Headline F1 and docs/s of one tool on one set and mode."""

    f1: float | None
    docs_per_second: float | None


Grid = dict[str, dict[str, Cell]]
"""``{"set (mode)": {tool: Cell}}``, in run order."""


def grid_from_results(results: Sequence[SetResult]) -> Grid:
    """Collect the headline numbers of a run."""
    grid: Grid = {}
    for result in results:
        row = grid.setdefault(f"{result.name} ({result.mode})", {})
        for tool in result.tools:
            scores = tool.headline
            row[tool.name] = Cell(scores.f1 if scores else None, tool.docs_per_second)
    return grid


def grid_from_json(payload: dict[str, Any], grid: Grid | None = None) -> Grid:
    """Add the headline numbers of a ``--json`` file to ``grid`` (or a new one)."""
    grid = {} if grid is None else grid
    for entry in payload["sets"]:
        row = grid.setdefault(f"{entry['name']} ({entry['mode']})", {})
        for tool in entry["tools"]:
            scores = tool["shingle"] or tool["snippets"]
            row[tool["name"]] = Cell(scores["f1"] if scores else None, tool["docs_per_second"])
    return grid


def _tools(grid: Grid) -> list[str]:
    names: list[str] = []
    for row in grid.values():
        names += [name for name in row if name not in names]
    return names


def summary_table(grid: Grid) -> str:
    """Headline F1 (and docs/s) per tool and ``set (mode)``."""
    columns = list(grid)
    lines = [
        "### Summary: F1 (shingle where the set has gold bodies, else with/without) · docs/s",
        "",
        "| tool | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for name in _tools(grid):
        cells = []
        for column in columns:
            cell = grid[column].get(name)
            if cell is None:
                cells.append(DASH)
            else:
                cells.append(f"{_num(cell.f1)} · {_speed(cell.docs_per_second)}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def git_commit(repo: Path) -> str:
    """The current commit of ``repo`` (with ``-dirty`` when bench/ or src/ has changes)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=repo, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", "bench", "src"],
            cwd=repo, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("-dirty" if status else "")


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def run_metadata(repo: Path) -> dict[str, Any]:
    """Date, commit, Python and package versions of this run."""
    versions = {package: _version(package) for package in VERSIONED_PACKAGES}
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "commit": git_commit(repo),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "versions": versions,
    }


def _tool_json(tool: ToolResult, with_pages: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": tool.name,
        "shingle": asdict(tool.shingle) if tool.shingle else None,
        "snippets": asdict(tool.snippets) if tool.snippets else None,
        "title": asdict(tool.title) | {"rate": tool.title.value} if tool.title else None,
        "author": asdict(tool.author) | {"rate": tool.author.value} if tool.author else None,
        "date": asdict(tool.date) | {"rate": tool.date.value} if tool.date else None,
        "docs": tool.docs,
        "errors": tool.errors,
        "first_error": tool.first_error,
        "total_seconds": tool.total_seconds,
        "median_seconds": tool.median_seconds,
        "docs_per_second": tool.docs_per_second,
        "median_docs_per_second": tool.median_docs_per_second,
    }
    if with_pages:
        data["pages"] = tool.pages
    return data


def to_json(results: Sequence[SetResult], meta: dict[str, Any], with_pages: bool = True) -> str:
    """All numbers of a run as a JSON document."""
    payload = {
        "meta": meta,
        "sets": [
            {
                "name": r.name,
                "mode": r.mode,
                "pages": r.pages,
                "skipped": r.skipped,
                "metric": metric_name(r),
                "notes": r.notes,
                "fit_seconds": r.fit_seconds,
                "tools": [_tool_json(t, with_pages) for t in r.tools],
            }
            for r in results
        ],
    }
    return json.dumps(payload, indent=1, ensure_ascii=False)


def plot(grid: Grid, path: Path) -> None:
    """Bar charts of F1 and docs/s (log scale) per tool, one group per set and mode."""
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.pyplot as plt

    groups = list(grid)
    tools = _tools(grid)
    width = 0.8 / max(1, len(tools))
    colors = plt.get_cmap("tab20")
    fig, (ax_f1, ax_speed) = plt.subplots(2, 1, figsize=(max(8, 1.8 * len(groups) + 4), 9))
    for i, name in enumerate(tools):
        cells = [grid[group].get(name) for group in groups]
        f1s = [c.f1 or 0.0 if c else 0.0 for c in cells]
        speeds = [c.docs_per_second or 0.0 if c else 0.0 for c in cells]
        xs = [g + (i - (len(tools) - 1) / 2) * width for g in range(len(groups))]
        color = colors(i % colors.N)
        ax_f1.bar(xs, f1s, width, label=name, color=color)
        ax_speed.bar(xs, speeds, width, label=name, color=color)
    labels = [group.replace(" (", "\n(") for group in groups]
    ax_f1.set_ylabel("F1")
    ax_f1.set_ylim(0, 1)
    ax_f1.set_xticks(range(len(groups)), labels, fontsize="small")
    ax_f1.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax_f1.set_title("Quality: shingle F1 (with/without F1 where the set has no gold bodies)")
    ax_speed.set_yscale("log")
    ax_speed.set_ylabel("docs/s (log scale)")
    ax_speed.set_xticks(range(len(groups)), labels, fontsize="small")
    ax_speed.set_title("Speed: documents per second of extraction calls, one process")
    fig.tight_layout()
    fig.savefig(path, dpi=PLOT_DPI)
    plt.close(fig)
