"""Train cleanread's title scorer (logistic regression over title candidates).

Usage:
    python tools/train_title_model.py BENCH_DIR [--out src/cleanread/data/model/title_model.json]

Only wcxb-dev has gold titles among the permissively licensed sets. Candidates
come from ``cleanread.classify.title_rows``; a candidate is positive when its
whitespace-normalised text equals the gold title. Pages are split by site with
the same rule as the line model (tools/train_line_model.py), and the held-out
split is never trained on; the script prints the exact-match rate on both.

The weights are fitted as a conditional logit: one softmax over each page's
candidates, so the fit rewards ranking the gold title first on its page (what
is scored), not classifying candidates one by one. Pages whose gold title is
not a candidate do not enter the fit. A one-feature logistic regression then
turns the score of each page's best candidate into the probability that it is
the gold title (all pages, reachable or not), the probability the package
thresholds with TITLE_MIN_PROBABILITY (weights and bias in the shipped format).

Needs numpy, scipy and scikit-learn (training only).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gold import iter_gold_titles
from train_line_model import norm

from cleanread.classify import TITLE_FEATURES, title_rows
from cleanread.core import _language_sample
from cleanread.lang import detect_language
from cleanread.lexicon import stopwords
from cleanread.options import Options
from cleanread.segment import segment_text

SETS = ("wcxb-dev",)
# L2 penalty on the standardised ranking weights (per page of the mean log-loss).
L2 = 0.01
# Inverse regularisation strength of the calibration fit.
C = 1.0

Page = tuple[list[list[float]], list[int]]


def fit_ranking(pages: list[Page]) -> tuple[np.ndarray, float]:
    """Conditional-logit weights on the raw features, and the calibration bias."""
    groups = [(np.array(rows), np.array(labels)) for rows, labels in pages if any(labels)]
    stacked = np.vstack([x for x, _ in groups])
    mean = stacked.mean(axis=0)
    scale = stacked.std(axis=0) + 1e-9
    scaled = [((x - mean) / scale, y) for x, y in groups]
    dim = stacked.shape[1]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total = 0.0
        grad = np.zeros(dim)
        for x, y in scaled:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            gold = p * y
            total -= float(np.log(gold.sum() + 1e-12))
            grad += x.T @ (p - gold / gold.sum())
        return total / len(scaled) + L2 * float(w @ w), grad / len(scaled) + 2 * L2 * w

    w = minimize(loss, np.zeros(dim), jac=True, method="L-BFGS-B").x / scale
    # Calibrate on each page's best candidate: P(it is the gold title | its score).
    tops = [max(np.array(rows) @ w) for rows, _ in pages]
    right = [int(labels[int(np.argmax(np.array(rows) @ w))]) for rows, labels in pages]
    calib = LogisticRegression(C=C, max_iter=5000)
    calib.fit(np.array(tops).reshape(-1, 1), np.array(right))
    slope = float(calib.coef_[0][0])
    return w * slope, float(calib.intercept_[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument(
        "--out", type=Path, default=Path("src/cleanread/data/model/title_model.json")
    )
    args = parser.parse_args()
    pages: dict[str, list[Page]] = {"train": [], "dev": []}
    for page in iter_gold_titles(args.bench, SETS):
        text = page.text_path().read_text(encoding="utf-8", errors="replace")
        lang = detect_language(_language_sample(text))
        stop = stopwords(lang)
        blocks = segment_text(text, stop)
        rows = title_rows(blocks, lang, Options(), has_stoplist=bool(stop))
        labels = [int(norm(blocks[i].text) == page.title) for i, _ in rows]
        pages[page.split].append(([row for _, row in rows], labels))
    weights, bias = fit_ranking([p for p in pages["train"] if p[0]])
    for part, items in pages.items():
        hits = 0
        reachable = 0
        for rows, labels in items:
            reachable += int(any(labels))
            if rows:
                scores = np.array(rows) @ weights + bias
                hits += int(labels[int(np.argmax(scores))] == 1)
        print(
            f"{part}: {len(items)} pages with a gold title, {reachable} reachable, "
            f"exact match {hits / len(items):.3f}"
        )
    out = {
        "features": list(TITLE_FEATURES),
        "weights": [round(float(v), 6) for v in weights],
        "bias": round(bias, 6),
        "metadata": {
            "trained_on": ",".join(SETS),
            "split": "same site split as line_model (dev_split.json)",
            "train_pages": str(len(pages["train"])),
            "dev_pages": str(len(pages["dev"])),
            "fit": "conditional logit per page, then a calibration logistic regression",
            "L2": str(L2),
            "C": str(C),
        },
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
