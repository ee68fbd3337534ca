"""Train cleanread's title scorer (logistic regression over title candidates).

Usage:
    python tools/train_title_model.py BENCH_DIR [--out src/cleanread/data/model/title_model.json]

Only wcxb-dev has gold titles among the permissively licensed sets. Candidates
come from ``cleanread.classify.title_rows``; a candidate is positive when its
whitespace-normalised text equals the gold title. Pages are split by site with
the same rule as the line model (tools/train_line_model.py), and the held-out
split is never trained on; the script prints the exact-match rate on both.

Needs numpy and scikit-learn (training only).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_line_model import DEV_FOLDS, fold, norm, site_of

from cleanread.classify import TITLE_FEATURES, title_rows
from cleanread.core import _language_sample
from cleanread.lang import detect_language
from cleanread.lexicon import stopwords
from cleanread.options import Options
from cleanread.segment import segment_text

SETS = ("wcxb-dev",)
# Inverse regularisation strength.
C = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument(
        "--out", type=Path, default=Path("src/cleanread/data/model/title_model.json")
    )
    args = parser.parse_args()
    pages: dict[str, list[tuple[list[list[float]], list[int]]]] = {"train": [], "dev": []}
    for name in SETS:
        set_dir = args.bench / name
        index = json.loads((set_dir / "index.json").read_text(encoding="utf-8"))
        for page_id, meta in sorted(index.items()):
            truth = json.loads((set_dir / "truth" / f"{page_id}.json").read_text(encoding="utf-8"))
            gold = norm(truth.get("title") or "")
            if not gold:
                continue
            text = (set_dir / "text" / f"{page_id}.txt").read_text(
                encoding="utf-8", errors="replace"
            )
            lang = detect_language(_language_sample(text))
            stop = stopwords(lang)
            blocks = segment_text(text, stop)
            rows = title_rows(blocks, lang, Options(), has_stoplist=bool(stop))
            labels = [int(norm(blocks[i].text) == gold) for i, _ in rows]
            part = "dev" if fold(site_of(meta, page_id)) in DEV_FOLDS else "train"
            pages[part].append(([row for _, row in rows], labels))
    x = np.array([r for rows, _ in pages["train"] for r in rows])
    y = np.array([v for _, labels in pages["train"] for v in labels])
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    model.fit(x, y)
    for part, items in pages.items():
        hits = 0
        reachable = 0
        for rows, labels in items:
            reachable += int(any(labels))
            if rows:
                probs = model.predict_proba(np.array(rows))[:, 1]
                hits += int(labels[int(np.argmax(probs))] == 1)
        print(
            f"{part}: {len(items)} pages with a gold title, {reachable} reachable, "
            f"exact match {hits / len(items):.3f}"
        )
    out = {
        "features": list(TITLE_FEATURES),
        "weights": [round(float(v), 6) for v in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 6),
        "metadata": {
            "trained_on": ",".join(SETS),
            "split": "same site split as line_model (dev_split.json)",
            "train_pages": str(len(pages["train"])),
            "dev_pages": str(len(pages["dev"])),
            "C": str(C),
        },
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
