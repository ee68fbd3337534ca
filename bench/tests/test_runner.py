"""End-to-end test of the runner and report on a tiny generated set."""

from __future__ import annotations

import gzip
import json
from typing import TYPE_CHECKING

from bench import adapters
from bench.report import grid_from_json, grid_from_results, run_metadata, set_table, to_json
from bench.runner import run_set

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    import pytest

    from bench.adapters import Extraction

BODY = "This is the body of the article. It has several sentences that matter."


def _make_set(root: Path) -> Path:
    set_dir = root / "tiny"
    for sub in ("pages", "text", "truth"):
        (set_dir / sub).mkdir(parents=True)
    pages = {
        "a": {"body": BODY, "title": "A title"},
        "b": {"with": ["sentences that matter"], "without": ["Menu"]},
        "c": {},
    }
    index = {}
    for page_id, truth in pages.items():
        (set_dir / "text" / f"{page_id}.txt").write_text(f"Menu\n{BODY}\n", encoding="utf-8")
        with gzip.open(set_dir / "pages" / f"{page_id}.html.gz", "wb") as handle:
            handle.write(f"<html><body><p>{BODY}</p></body></html>".encode())
        (set_dir / "truth" / f"{page_id}.json").write_text(json.dumps(truth), encoding="utf-8")
        index[page_id] = {"url": f"https://x.example/{page_id}", "language": "en"}
    (set_dir / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return set_dir


def test_run_set_scores_and_reports(tmp_path: Path) -> None:
    result = run_set(_make_set(tmp_path), "text", ["keepall", "nosuchtool", "readability"])
    assert result.pages == 2
    assert result.skipped == 1
    assert [t.name for t in result.tools] == ["keepall"]
    assert len(result.notes) == 2
    keepall = result.tools[0]
    assert keepall.shingle is not None
    assert keepall.shingle.recall == 1.0
    assert keepall.snippets is not None
    assert (keepall.snippets.precision, keepall.snippets.recall) == (0.5, 1.0)
    assert keepall.title is None
    table = set_table(result)
    assert "| keepall |" in table
    payload = json.loads(to_json([result], run_metadata(tmp_path)))
    assert grid_from_json(payload) == grid_from_results([result])


def test_raising_tool_scores_empty_and_counts_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_mode: str) -> Callable[[object, str, str | None], Extraction]:
        def run(_source: object, _url: str, _language: str | None) -> Extraction:
            raise ValueError("boom")

        return run

    monkeypatch.setitem(adapters.BUILDERS, "broken", broken)
    result = run_set(_make_set(tmp_path), "html", ["broken"])
    tool = result.tools[0]
    assert tool.errors == 2
    assert tool.first_error is not None
    assert "boom" in tool.first_error
    assert tool.shingle is not None
    assert tool.shingle.recall == 0.0
