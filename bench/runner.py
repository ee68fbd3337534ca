"""Run adapters over the pages of a set, time the extraction calls and score the outputs."""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bench.adapters import (
    Adapter,
    CleanreadSiteAdapter,
    Extraction,
    Mode,
    Source,
    ToolUnavailableError,
    build_adapter,
)
from bench.dataset import Page, Truth, load_pages
from bench.metric import (
    PageCounts,
    Scores,
    SnippetCounts,
    aggregate_shingles,
    aggregate_snippets,
    author_matches,
    date_matches,
    page_counts,
    snippet_counts,
    title_matches,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

SITE_TOOL = "cleanread+site"
"""Name under which cleanread with site profiles is reported."""
PROGRESS_EVERY = 100
"""Print a progress line to stderr every this many pages."""


@dataclass
class _Accumulator:
    """Per-tool tallies while a set is running (local to one run)."""

    name: str
    adapter: Adapter
    shingle: list[PageCounts] = field(default_factory=list)
    snippets: list[SnippetCounts] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None
    titles_given: int = 0
    authors_given: int = 0
    dates_given: int = 0
    title: list[bool] = field(default_factory=list)
    author: list[bool] = field(default_factory=list)
    date: list[bool] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Rate:
    """Share of hits among pages with a gold value (``None`` when no page has one)."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        """hits / total, or ``None`` for no gold values."""
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class ToolResult:
    """All numbers of one tool on one set."""

    name: str
    shingle: Scores | None
    snippets: Scores | None
    title: Rate | None
    author: Rate | None
    date: Rate | None
    docs: int
    errors: int
    first_error: str | None
    total_seconds: float
    median_seconds: float
    pages: list[dict[str, Any]]

    @property
    def headline(self) -> Scores | None:
        """The shingle scores when the set has gold bodies, else the snippet scores."""
        return self.shingle or self.snippets

    @property
    def docs_per_second(self) -> float | None:
        """Total documents over total extraction seconds."""
        return self.docs / self.total_seconds if self.total_seconds > 0 else None

    @property
    def median_docs_per_second(self) -> float | None:
        """One over the median per-document time."""
        return 1 / self.median_seconds if self.median_seconds > 0 else None


@dataclass(frozen=True)
class SetResult:
    """The results of all tools on one set in one mode."""

    name: str
    mode: Mode
    pages: int
    skipped: int
    tools: list[ToolResult]
    notes: list[str]
    fit_seconds: float | None = None


def _rate(flags: list[bool], given: int | None = None) -> Rate | None:
    if not flags or given == 0:
        return None
    return Rate(sum(flags), len(flags))


def _score(acc: _Accumulator, truth: Truth, page: Page, out: Extraction, seconds: float) -> None:
    record: dict[str, Any] = {"id": page.page_id, "seconds": round(seconds, 6)}
    if truth.has_body:
        counts = page_counts(truth.body, out.body)
        acc.shingle.append(counts)
        record.update(tp=round(counts.tp, 4), fp=round(counts.fp, 4), fn=round(counts.fn, 4))
    if truth.has_snippets:
        snips = snippet_counts(out.body, truth.with_snippets, truth.without_snippets)
        acc.snippets.append(snips)
        record.update(with_found=snips.tp, with_missing=snips.fn, without_present=snips.fp)
    acc.titles_given += out.title is not None
    acc.authors_given += out.author is not None
    acc.dates_given += out.date is not None
    if truth.title:
        acc.title.append(title_matches(truth.title, out.title))
        record["title"] = acc.title[-1]
    if truth.author:
        acc.author.append(author_matches(truth.author, out.author))
    if truth.date:
        acc.date.append(date_matches(truth.date, out.date))
    acc.pages.append(record)


def _finish(acc: _Accumulator) -> ToolResult:
    return ToolResult(
        name=acc.name,
        shingle=aggregate_shingles(acc.shingle) if acc.shingle else None,
        snippets=aggregate_snippets(acc.snippets) if acc.snippets else None,
        title=_rate(acc.title, acc.titles_given),
        author=_rate(acc.author, acc.authors_given),
        date=_rate(acc.date, acc.dates_given),
        docs=len(acc.seconds),
        errors=acc.errors,
        first_error=acc.first_error,
        total_seconds=sum(acc.seconds),
        median_seconds=statistics.median(acc.seconds) if acc.seconds else 0.0,
        pages=acc.pages,
    )


def _build(
    tools: Sequence[str], mode: Mode, site_templates: bool
) -> tuple[list[_Accumulator], list[str]]:
    accumulators: list[_Accumulator] = []
    notes: list[str] = []
    for name in tools:
        try:
            accumulators.append(_Accumulator(name, build_adapter(name, mode)))
        except ToolUnavailableError as exc:  # noqa: PERF203 - reported as a note
            notes.append(f"{name} skipped: {exc}")
    if site_templates:
        try:
            accumulators.append(_Accumulator(SITE_TOOL, CleanreadSiteAdapter()))
        except ToolUnavailableError as exc:
            notes.append(f"{SITE_TOOL} skipped: {exc}")
    return accumulators, notes


def _load(page: Page, mode: Mode) -> Source:
    return page.text() if mode == "text" else page.html()


def run_set(
    set_dir: Path,
    mode: Mode,
    tools: Sequence[str],
    limit: int | None = None,
    site_templates: bool = False,
) -> SetResult:
    """Run every tool on every scorable page of ``set_dir`` and score the outputs."""
    accumulators, notes = _build(tools, mode, site_templates)
    pages = load_pages(set_dir, limit)
    fit_seconds = _fit(accumulators, pages, mode) if site_templates else None
    scored = skipped = 0
    for page in pages:
        truth = page.truth()
        if not truth.scorable:
            skipped += 1
            continue
        source = _load(page, mode)
        for acc in accumulators:
            _run_one(acc, source, page, truth)
        scored += 1
        if scored % PROGRESS_EVERY == 0:
            print(f"  {set_dir.name} [{mode}]: {scored} pages", file=sys.stderr, flush=True)
    return SetResult(
        name=set_dir.name,
        mode=mode,
        pages=scored,
        skipped=skipped,
        tools=[_finish(acc) for acc in accumulators],
        notes=notes,
        fit_seconds=fit_seconds,
    )


def _fit(accumulators: list[_Accumulator], pages: list[Page], mode: Mode) -> float:
    """Learn site profiles from all pages of the set (read lazily); return the seconds."""
    site_adapters = [a.adapter for a in accumulators if isinstance(a.adapter, CleanreadSiteAdapter)]
    seconds = 0.0
    for adapter in site_adapters:
        records = ((page.url, _load(page, mode)) for page in pages)
        start = time.perf_counter()
        adapter.fit(records)
        seconds += time.perf_counter() - start
    return seconds


def _run_one(acc: _Accumulator, source: Source, page: Page, truth: Truth) -> None:
    start = time.perf_counter()
    try:
        out = acc.adapter(source, page.url, truth.language)
    except Exception as exc:
        out = Extraction("")
        acc.errors += 1
        if acc.first_error is None:
            acc.first_error = f"{page.page_id}: {type(exc).__name__}: {exc}"[:300]
    elapsed = time.perf_counter() - start
    acc.seconds.append(elapsed)
    _score(acc, truth, page, out, elapsed)
