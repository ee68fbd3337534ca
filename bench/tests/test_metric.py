"""Tests of the benchmark metric and line filters."""

from __future__ import annotations

import math

from bench.linefilters import c4_filter, gopher_filter
from bench.metric import (
    PageCounts,
    aggregate_shingles,
    aggregate_snippets,
    page_counts,
    shingles,
    snippet_counts,
    tokenize,
)


def test_identical_texts_score_one() -> None:
    text = "The quick brown fox jumps over the lazy dog."
    scores = aggregate_shingles([page_counts(text, text)])
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)


def test_counts_sum_to_one() -> None:
    counts = page_counts("a b c d e f g", "c d e f g h i j")
    assert math.isclose(counts.tp + counts.fp + counts.fn, 1.0)


def test_repeated_shingles_are_a_multiset() -> None:
    gold = "a b c d"
    counts = page_counts(gold, f"{gold} {gold}")
    # predicted: (a b c d) twice plus 3 bridging shingles; gold: (a b c d) once
    assert counts == PageCounts(tp=1 / 5, fp=4 / 5, fn=0.0)


def test_empty_output_counts_for_recall_only() -> None:
    scores = aggregate_shingles([page_counts("a b c d e", ""), page_counts("x y z w", "x y z w")])
    assert scores.precision == 1.0
    assert scores.recall == 0.5


def test_cjk_characters_are_tokens() -> None:
    assert tokenize("我爱北京abc") == ["我", "爱", "北", "京", "abc"]
    assert len(shingles("我爱北京天安门")) == 4


def test_snippets_are_whitespace_normalised() -> None:
    counts = snippet_counts("Body\n  text   here", ["Body text", "gone"], ["here"])
    assert (counts.tp, counts.fn, counts.fp) == (1, 1, 1)
    scores = aggregate_snippets([counts])
    assert scores.f1 == 2 / 4


def test_c4_keeps_sentences_and_drops_boilerplate() -> None:
    text = "\n".join(
        ["Home | News", "Please enable javascript to view this page."]
        + [f"This is sentence number {i} of the article." for i in range(6)]
        + ["Read our privacy policy for more details."]
    )
    kept = c4_filter(text).splitlines()
    assert len(kept) == 6
    assert all(line.startswith("This is sentence") for line in kept)
    assert c4_filter(text + "\nfunction () { return 1; }.") == ""


def test_gopher_drops_short_and_repeated_lines() -> None:
    long_line = "This paragraph is long enough to be considered body text."
    assert gopher_filter(f"Menu\n{long_line}\n{long_line}") == long_line
