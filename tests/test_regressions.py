# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""Regression cases found by fuzzing, properties and the adversarial corpus.

- Every file under ``tests/regressions/`` (inputs that once crashed, hung or
  broke a property; written by the atheris harness in ``fuzz/``) is cleaned
  and must honour the output contract.
- Known bugs in other modules are pinned here as ``xfail(strict=True)`` with
  their exact reproducer, so that the fix turns them into passing tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanread
from cleanread.blocks import Block, Label, LabelledBlock
from cleanread.segment import features
from cleanread.structure import build_document
from strategies import check_contract

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
# Same options as the fuzz harness, so that a saved input replays exactly.
FUZZ_MAX_INPUT_BYTES = 16 * 1024


def _regression_files() -> list[Path]:
    return sorted(p for p in REGRESSIONS.glob("*") if p.is_file() and p.suffix != ".md")


@pytest.mark.parametrize("path", _regression_files(), ids=lambda p: p.name)
def test_regression_input(path: Path) -> None:
    data = path.read_bytes()
    for kind in (None, "text", "html"):
        opts = cleanread.Options(max_input_bytes=FUZZ_MAX_INPUT_BYTES, source_type=kind)
        check_contract(data, lambda s, o=opts: cleanread.clean(s, o))
    check_contract(data)


# --------------------------------------------------------------------------- regex hang

# One "word" of this many letters. A quadratic step on it once took many minutes;
# its cost against size is measured by the benchmark (python -m bench.scaling), and
# here the page must come back whole.
LONG_WORD_CHARS = 100_000


def test_long_word_is_cleaned_whole() -> None:
    word = "A" * LONG_WORD_CHARS
    doc = cleanread.clean(word)
    kept = "".join(p for section in doc.sections for p in section.paragraphs)
    removed = "".join(r.text for r in doc.removed)
    assert word in kept + removed  # every character accounted for, none lost


# --------------------------------------------------------------------------- silent losses


def _labelled(*items: tuple[str, Label]) -> tuple[LabelledBlock, ...]:
    out = []
    for i, (text, label) in enumerate(items):
        block = Block(i, text, i + 1, i + 1, features(text, frozenset()))
        out.append(LabelledBlock(block, label, "test"))
    return tuple(out)


def _kept_lines(labelled: tuple[LabelledBlock, ...]) -> list[str]:
    doc = build_document(labelled, language="en", encoding=None, source_type="text")
    texts = [doc.title, doc.category, *doc.comments, *doc.paragraphs]
    for image in doc.images:
        texts += [image.caption, image.credit_line]
    return [t for t in texts if t]


def test_caption_before_a_captioned_credit_is_kept() -> None:
    labelled = _labelled(
        ("The reading room on the first floor.", Label.CAPTION),
        ("The hall seen from above. Photo: Jane Morrow", Label.CREDIT),
    )
    assert "The reading room on the first floor." in _kept_lines(labelled)


def test_second_category_line_is_accounted_for() -> None:
    labelled = _labelled(("News", Label.CATEGORY), ("Local", Label.CATEGORY))
    doc = build_document(labelled, language="en", encoding=None, source_type="text")
    assert "Local" in _kept_lines(labelled) or any(r.text == "Local" for r in doc.removed)
