"""Merge ``--json`` files of several runs into one summary table and plot.

``python -m bench.merge RUN.json [RUN.json ...] [--plot PNG]`` prints the
headline F1 and docs/s of every tool per ``set (mode)``; later files override
earlier ones for the same tool, set and mode.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from bench.report import Grid, grid_from_json, plot, summary_table

if TYPE_CHECKING:
    from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Print the merged summary table and optionally write the plot."""
    parser = argparse.ArgumentParser(prog="python -m bench.merge", description=__doc__)
    parser.add_argument("runs", type=Path, nargs="+", help="JSON files written by --json")
    parser.add_argument("--plot", type=Path, help="write a bar chart PNG")
    args = parser.parse_args(argv)
    grid: Grid = {}
    for run in args.runs:
        meta = json.loads(run.read_text(encoding="utf-8"))
        grid_from_json(meta, grid)
        print(f"{run.name}: {meta['meta']['date']}, commit {meta['meta']['commit']}")
    print()
    print(summary_table(grid))
    if args.plot:
        plot(grid, args.plot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
