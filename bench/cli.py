"""Command line of ``python -m bench``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

from bench.adapters import BUILDERS, DEFAULT_TOOLS, Mode
from bench.dataset import find_sets
from bench.report import (
    grid_from_results,
    plot,
    run_metadata,
    set_table,
    summary_table,
    to_json,
)
from bench.runner import SetResult, run_set

if TYPE_CHECKING:
    from collections.abc import Sequence

REPO_ROOT = Path(__file__).resolve().parent.parent
MODES = ("text", "html", "both")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Score cleanread and anchor extractors on benchmark sets.",
    )
    parser.add_argument("dataset", type=Path, help="one set folder, or a folder of sets")
    parser.add_argument("--mode", choices=MODES, default="text", help="input: text dumps or HTML")
    parser.add_argument(
        "--tools",
        help=f"comma-separated tools (default per mode); known: {', '.join(BUILDERS)}",
    )
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--sets", help="comma-separated set names to run from a parent folder")
    parser.add_argument("--json", type=Path, help="write all numbers to this JSON file")
    parser.add_argument(
        "--no-pages", action="store_true", help="leave per-page records out of --json"
    )
    parser.add_argument("--plot", type=Path, help="write a bar chart PNG of F1 and docs/s")
    parser.add_argument(
        "--site-templates",
        action="store_true",
        help="also run cleanread with a site profile learned from each site's pages",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print one table per set and mode."""
    args = parse_args(argv)
    try:
        set_dirs = find_sets(args.dataset)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.sets:
        wanted = set(args.sets.split(","))
        set_dirs = [d for d in set_dirs if d.name in wanted]
    modes: list[Mode] = ["text", "html"] if args.mode == "both" else [cast("Mode", args.mode)]
    meta = run_metadata(REPO_ROOT)
    print(f"cleanread benchmark, {meta['date']}, commit {meta['commit']}\n")
    results: list[SetResult] = []
    for set_dir in set_dirs:
        for mode in modes:
            tools = args.tools.split(",") if args.tools else list(DEFAULT_TOOLS[mode])
            result = run_set(set_dir, mode, tools, args.limit, args.site_templates)
            results.append(result)
            print(set_table(result), flush=True)
    if len(results) > 1:
        print(summary_table(grid_from_results(results)))
    if args.json:
        args.json.write_text(to_json(results, meta, with_pages=not args.no_pages), encoding="utf-8")
    if args.plot:
        plot(grid_from_results(results), args.plot)
    return 0
