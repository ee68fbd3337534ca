"""Pages with a gold title in the benchmark sets, for the title-model training scripts.

Both ``train_title_model.py`` (text dumps) and ``train_html_title_model.py``
(HTML) walk the same sets, index and truth files and split pages by site with
the line model's rule (``train_line_model.py``); this module holds that walk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from train_line_model import DEV_FOLDS, fold, norm, site_of

__all__ = ["GoldTitle", "iter_gold_titles"]


@dataclass(frozen=True, slots=True)
class GoldTitle:
    """One page with a gold title: where its files are and which split it is in."""

    set_dir: Path
    page_id: str
    title: str  # whitespace-normalised, as the benchmark compares titles
    split: str  # "train" or "dev" (the held-out site folds)

    def html_path(self) -> Path:
        return self.set_dir / "pages" / f"{self.page_id}.html.gz"

    def text_path(self) -> Path:
        return self.set_dir / "text" / f"{self.page_id}.txt"


def iter_gold_titles(bench: Path, sets: Iterable[str]) -> Iterator[GoldTitle]:
    """Every page of ``sets`` under ``bench`` with a non-empty gold title, in id order."""
    for name in sets:
        set_dir = bench / name
        index = json.loads((set_dir / "index.json").read_text(encoding="utf-8"))
        for page_id, meta in sorted(index.items()):
            truth = json.loads((set_dir / "truth" / f"{page_id}.json").read_text(encoding="utf-8"))
            title = norm(truth.get("title") or "")
            if not title:
                continue
            split = "dev" if fold(site_of(meta, page_id)) in DEV_FOLDS else "train"
            yield GoldTitle(set_dir, page_id, title, split)
