"""Train cleanread's HTML title chooser (a conditional logit over each page's title candidates).

Usage:
    python tools/train_html_title_model.py BENCH_DIR
        [--out src/cleanread/data/model/html_title_model.json] [--l2 0.003]

Only wcxb-dev has gold titles among the permissively licensed sets. Candidates
come from ``cleanread.html.title_candidates`` (the spellings that <title>, its
parts, og:title, twitter:title, JSON-LD, the <h1>s and the first <h2>s offer);
a candidate is positive when its whitespace-normalised text equals the gold
title. The weights maximise the likelihood of the gold candidate under a
softmax over each page's candidates (pages with no gold candidate are left
out), with an L2 penalty. Pages are split by site with the same rule as the line model
(tools/train_line_model.py); the held-out split is never trained on, and the
script prints the exact-match rate on both splits, next to the rule-based
reconciliation's and the candidates' ceiling.

Needs numpy and scipy (training only).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize  # type: ignore[import-untyped,unused-ignore]

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gold import iter_gold_titles
from train_line_model import norm

from cleanread.html import (
    HTML_TITLE_FEATURES,
    best_candidate,
    html_title_sources,
    parse_html,
    title_candidates,
)
from cleanread.parse import read_source

SETS = ("wcxb-dev",)
# L2 penalty on the weights (chosen by 5-fold site cross-validation on the train split).
L2 = 0.003
# Pages are read in full, as the benchmark reads them.
MAX_BYTES = 10**8

Page = tuple[list[list[float]], list[int], int]  # rows, labels, rule's pick matches


def read_pages(bench: Path) -> dict[str, list[Page]]:
    """Candidate rows and labels of every page with a gold title, per split."""
    pages: dict[str, list[Page]] = {"train": [], "dev": []}
    for page in iter_gold_titles(bench, SETS):
        with gzip.open(page.html_path()) as handle:
            raw = handle.read()
        root = parse_html(read_source(raw, max_bytes=MAX_BYTES, source_type="html").text)
        rows: list[list[float]] = []
        labels: list[int] = []
        rule_ok = 0
        if root is not None:
            sources = html_title_sources(root)
            rule_ok = int(norm(sources.rule or "") == page.title)
            for text, row in title_candidates(sources):
                rows.append(list(row))
                labels.append(int(norm(text) == page.title))
        pages[page.split].append((rows, labels, rule_ok))
    return pages


def fit(pages: list[Page], l2: float) -> np.ndarray:
    """Weights of the conditional logit: the gold candidate's softmax share, maximised."""
    used = [(np.array(rows), np.array(labels, float)) for rows, labels, _ in pages if any(labels)]
    x = np.vstack([rows for rows, _ in used])
    target = np.concatenate([labels / labels.sum() for _, labels in used])
    sizes = [len(rows) for rows, _ in used]
    starts = np.cumsum([0, *sizes])[:-1]
    page_of = np.repeat(np.arange(len(used)), sizes)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        z = z - np.maximum.reduceat(z, starts)[page_of]
        e = np.exp(z)
        p = e / np.add.reduceat(e, starts)[page_of]
        value = -(target * np.log(p + 1e-300)).sum() / len(used) + 0.5 * l2 * w @ w
        return value, x.T @ (p - target) / len(used) + l2 * w

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def hits(pages: list[Page], w: np.ndarray) -> int:
    """Pages whose top-scored candidate is the gold title."""
    return sum(labels[best_candidate(rows, list(w))] for rows, labels, _ in pages if rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument(
        "--out", type=Path, default=Path("src/cleanread/data/model/html_title_model.json")
    )
    parser.add_argument("--l2", type=float, default=L2, help="L2 penalty on the weights")
    args = parser.parse_args()
    pages = read_pages(args.bench)
    w = fit(pages["train"], args.l2)
    for part, items in pages.items():
        reachable = sum(int(any(labels)) for _, labels, _ in items)
        rule = sum(ok for _, _, ok in items)
        print(
            f"{part}: {len(items)} pages with a gold title; exact match: model "
            f"{hits(items, w) / len(items):.3f}, rule {rule / len(items):.3f}, "
            f"ceiling {reachable / len(items):.3f}"
        )
    out = {
        "features": list(HTML_TITLE_FEATURES),
        "weights": [round(float(v), 6) for v in w],
        "bias": 0.0,
        "metadata": {
            "trained_on": ",".join(SETS),
            "split": "same site split as line_model (dev_split.json)",
            "train_pages": str(len(pages["train"])),
            "dev_pages": str(len(pages["dev"])),
            "l2": str(args.l2),
        },
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
