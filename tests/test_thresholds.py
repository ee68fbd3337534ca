# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""Pin every named threshold on synthetic blocks, one just below and one just above.

As in jusText's tests, blocks are built by a small helper (:func:`block`) with
the exact feature values a rule looks at, so a test names the constant it pins
and follows it when the value is tuned. The constants are imported by name: a
renamed or removed threshold fails here loudly. Page-level rules (duplicates,
clusters, zones, title search) are pinned on synthetic pages built line by line.

Also here: :mod:`cleanread.meta` (credits, bylines, dates in several languages)
and :func:`cleanread.lang.detect_language` on sentences in eight languages, with
its determinism (the global :mod:`random` state is left alone).
"""

from __future__ import annotations

import dataclasses
import math
import random
import subprocess
import sys

import pytest

from cleanread import Kind, Label, Options, clean
from cleanread import classify as classify_module
from cleanread import lang as lang_module
from cleanread.blocks import Block, Features, LabelledBlock
from cleanread.classify import (
    BODY_VOCAB_MIN_WORDS,
    BYLINE_MAX_WORDS,
    CAPTION_MAX_WORDS,
    CATEGORY_MAX_CHARS,
    CATEGORY_MAX_WORDS,
    CLUSTER_GAP,
    CLUSTER_KEEP_SHARE,
    DIGIT_SHARE_MAX,
    DISCUSSION_OUTWEIGH,
    DOM_LINK_DENSITY_MAX,
    DUPLICATE_INSIDE_MAX_WORDS,
    DUPLICATE_MIN_CHARS,
    HEAD_OVERLAP_BLOCKS,
    HEADING_MAX_WORDS,
    INNER_REPEAT_MAX_WORDS,
    LEDE_WORDS,
    LENGTH_HIGH,
    LENGTH_LOW,
    LEXICON_LONG_KINDS,
    LEXICON_LONG_MAX_STOPWORDS,
    LEXICON_LONG_MAX_WORDS,
    LEXICON_MAX_WORDS,
    LINK_LIKE_MAX,
    LIST_ITEM_MAX_WORDS,
    LIST_KEPT_SHARE,
    LIST_MIN_ITEMS,
    LONE_LINE_MAX_WORDS,
    MENU_RUN_MIN,
    MODEL_KEEP,
    MODEL_KEEP_INSIDE,
    MODEL_MIN_BLOCKS,
    NAME_MAX_WORDS,
    NAME_MIN_WORDS,
    QUESTION_HEADING_MAX_WORDS,
    REPEAT_NEAR_BLOCKS,
    SIBLING_TAIL_KEEP,
    SIBLING_TAIL_MIN_KEPT,
    STOPWORDS_HIGH,
    STOPWORDS_LOW,
    TABLE_CELLS_SHARE,
    TABLE_END_NUMBER_ROWS,
    TABLE_GAP_MAX,
    TABLE_MIN_ROWS,
    TITLE_BYLINE_WINDOW,
    TITLE_FEATURES,
    TITLE_GOOD_MAX_WORDS,
    TITLE_GOOD_MIN_WORDS,
    TITLE_MAX_CHARS,
    TITLE_MAX_WORDS,
    TITLE_MIN_PROBABILITY,
    TITLE_MIN_SCORE,
    TITLE_MIN_WORDS,
    TITLE_SCAN_BLOCKS,
    UPPER_SHARE_MAX,
    VOCAB_MIN_CHARS,
    ZONE_MAX_BLOCKS,
    Content,
    _BodyWords,
    _boilerplate_evidence,
    _category_like,
    _Decision,
    _discussion,
    _dom_decision,
    _duplicates,
    _heading_like,
    _is_date_line,
    _lexicon_kind,
    _main_content,
    _name_like,
    _question_heading,
    _rule_passes,
    _shared,
    _title_candidates,
    _title_like,
    classify,
    content_class,
)
from cleanread.core import LANG_SAMPLE_CHARS, LANG_SAMPLE_MIN_LINE, _language_sample
from cleanread.html import (
    BESIDE_CONTENT_MIN_SHARE,
    BODY_CLASS_MIN_BLOCKS,
    BODY_CLASS_MIN_SHARE,
    BYLINE_AFTER_TITLE_KEPT,
    CAPTION_CLASS,
    CAPTION_ELEMENT_MAX_BLOCKS,
    CAPTION_ELEMENT_MAX_WORDS,
    CJK_CHAR_WEIGHT,
    CONTAINER_GAP_MAX_BLOCKS,
    CONTAINER_GROW_SHOWN_MAX,
    CONTAINER_MIN_CHARS,
    DATE_BLOCK_MAX_CHARS,
    FORUM_ARTICLE_MIN_SHARE,
    HTML_TITLE_FEATURES,
    IMAGE_CLASS,
    LINK_LABEL_MAX_WORDS,
    LINK_LINE_FULL_DENSITY,
    LINK_LINE_MAX_SHARE,
    LINK_LINE_MAX_WORDS,
    LINK_LINE_MIN_DENSITY,
    MANY_H1S,
    POST_MIN_BLOCKS,
    POST_MIN_WRAPPERS,
    POST_SHARE,
    REFERENCES_CLASS,
    RUNNING_TEXT_MIN_WORDS,
    SHELL_MAX_SHARE,
    SHORT_TITLE_WORDS,
    TEASER_BYLINE_GAP,
    TEASER_GAP_MAX_BLOCKS,
    TEASER_MIN_CARDS,
    TEASER_RUN_MIN_HEADINGS,
    TITLE_H2S,
    URL_FULL_WORDS,
    TitleSources,
    _ancestors,
    _body_classes,
    _boilerplate_kind,
    _build_blocks,
    _caption_blocks,
    _container_pass,
    _date_from_blocks,
    _empty_sections,
    _lead_widget,
    _link_lines,
    _more_posts,
    _Page,
    _Pre,
    _repeats,
    _roles,
    _running_text,
    _teaser_headings,
    _teasers,
    html_title_sources,
    parse_html,
    segment_html,
    title_candidates,
)
from cleanread.html import (
    BYLINE_MAX_WORDS as HTML_BYLINE_MAX_WORDS,
)
from cleanread.lang import (
    GUESS_LANGS,
    GUESS_MIN_MARGIN,
    GUESS_MIN_SHARE,
    MIN_LETTERS,
    MIN_SCRIPT_LETTERS,
    SAMPLE_CHARS,
    SAMPLE_WORDS,
    SCRIPT_SHARE,
    _script_language,
    _stopword_guess,
    _stopword_index,
    detect_language,
    reconcile_language,
)
from cleanread.lexicon import (
    NEEDLE_MIN_CHARS,
    pattern_needles,
    stopwords,
)
from cleanread.meta import (
    AUTHOR_MAX_WORDS,
    CREDIT_MAX_WORDS,
    GLUED_OPENING_MIN_CHARS,
    YEAR_MAX,
    YEAR_MIN,
    _glued_opening,
    find_credit,
    find_date,
    parse_byline,
)
from cleanread.model import (
    BLOCK_FEATURES,
    FEATURE_NAMES,
    PROSE_MASS_CHARS,
    BlockSignals,
    context_features,
)
from cleanread.options import FAVOR_SHIFT
from cleanread.segment import (
    CJK_BLOCK_SHARE,
    CJK_CHARS_PER_WORD,
    features,
    segment_text,
)
from cleanread.structure import HEADLINE_MIN_WORDS, _without_site_name
from support import features as synthetic_features

EPS = 1e-6
TITLE = "Quokkas Take Over The Town Square"
EN_STOP = stopwords("en")

# --- helpers -------------------------------------------------------------------------


def block(text: str = "synthetic block", index: int = 0, **overrides: object) -> Block:
    """A Block whose features are those of a clean running-text line, then ``overrides``.

    Feature fields (``words``, ``stopword_density``...) go to :class:`Features`;
    Block fields (``tag``, ``link_density``...) go to the Block.
    """
    base = synthetic_features(
        chars=max(len(text), 1),
        words=LENGTH_HIGH,
        stopword_density=STOPWORDS_HIGH + 0.1,
        terminal_punct=True,
        upper_share=0.05,
    )
    feature_names = {f.name for f in dataclasses.fields(Features)}
    feats = dataclasses.replace(base, **{k: v for k, v in overrides.items() if k in feature_names})
    block_fields = {k: v for k, v in overrides.items() if k not in feature_names}
    return Block(index, text, index + 1, index + 1, feats, **block_fields)  # type: ignore[arg-type]


def cls(**overrides: object) -> Content:
    shift = float(overrides.pop("shift", 0.0))  # type: ignore[arg-type]
    has_stoplist = bool(overrides.pop("has_stoplist", True))
    return content_class(block(**overrides), shift, has_stoplist=has_stoplist).content


_FILLER = [
    "the",
    "cat",
    "sat",
    "on",
    "the",
    "mat",
    "and",
    "it",
    "was",
    "happy",
    "in",
    "the",
    "sun",
    "of",
    "the",
    "day",
    "for",
    "a",
    "while",
]


def sentence(chars: int, seed: int = 0) -> str:
    """English running text of exactly ``chars`` characters, ending with a period."""
    assert chars >= 40
    words: list[str] = []
    k = seed
    while len(" ".join(words)) < chars - 12:
        words.append(_FILLER[k % len(_FILLER)])
        k += 1
    text = " ".join(words)
    pad = chars - len(text) - 2  # a space, then a padding word, then "."
    return f"{text} {'z' * pad}." if pad > 0 else text[: chars - 1] + "."


def paragraph(seed: int = 0) -> str:
    """A clearly good English paragraph (distinct per seed, so never a duplicate)."""
    return (
        f"It was the {seed} time that the people of the town went to the market, "
        f"and they said that it was one of the best days of the year {seed}."
    )


def nonsense(k: int) -> str:
    """A one-word line no lexicon knows (distinct per ``k``)."""
    letters = "bcdfghjklmnpqrstvwxz"
    return "Qu" + letters[k % 20] + letters[(k // 20) % 20] + "ov"


def run(lines: list[str], lang: str = "en", options: Options | None = None) -> list[LabelledBlock]:
    """Classify a page given line by line (blank line between lines)."""
    blocks = segment_text("\n\n".join(lines), stopwords(lang))
    return list(classify(blocks, lang, options or Options(), has_stoplist=True))


def label_of(result: list[LabelledBlock], text: str) -> list[tuple[Label, Kind | None]]:
    return [(lb.label, lb.kind) for lb in result if lb.block.text == text]


# --- content_class: context-free thresholds ------------------------------------------


def test_helper_block_is_good() -> None:
    assert cls() is Content.GOOD


def test_length_low() -> None:
    assert cls(words=LENGTH_LOW - 1) is Content.SHORT
    assert cls(words=LENGTH_LOW) is not Content.SHORT


def test_length_high_without_sentence_end() -> None:
    assert cls(words=LENGTH_HIGH - 1, terminal_punct=False) is Content.SHORT
    assert cls(words=LENGTH_HIGH, terminal_punct=False) is Content.GOOD


def test_stopwords_high() -> None:
    # No sentence end, long enough: only the stopword density decides good vs near-good.
    assert cls(stopword_density=STOPWORDS_HIGH, terminal_punct=False) is Content.GOOD
    assert cls(stopword_density=STOPWORDS_HIGH - EPS, terminal_punct=False) is Content.NEAR_GOOD


def test_stopwords_low() -> None:
    short_sentence = {"words": LENGTH_LOW, "terminal_punct": True}
    assert cls(stopword_density=STOPWORDS_LOW, **short_sentence) is Content.NEAR_GOOD
    assert cls(stopword_density=STOPWORDS_LOW - EPS, **short_sentence) is Content.BAD


def test_long_sentence_with_few_stopwords_is_near_good() -> None:
    # At twice LENGTH_HIGH a sentence needs only half the low density.
    long_sentence = {"words": 2 * LENGTH_HIGH, "terminal_punct": True}
    assert cls(stopword_density=STOPWORDS_LOW / 2, **long_sentence) is Content.NEAR_GOOD
    assert cls(stopword_density=STOPWORDS_LOW / 2 - EPS, **long_sentence) is Content.BAD
    assert cls(stopword_density=STOPWORDS_LOW / 2, words=2 * LENGTH_HIGH - 1) is Content.BAD


def test_link_like_max() -> None:
    assert cls(link_like=LINK_LIKE_MAX) is Content.GOOD
    assert cls(link_like=LINK_LIKE_MAX + EPS) is Content.BAD
    # Short blocks are left to context even when link-like.
    assert cls(link_like=1.0, words=LENGTH_LOW - 1) is Content.SHORT


def test_digit_share_max() -> None:
    assert cls(digit_share=DIGIT_SHARE_MAX) is Content.GOOD
    assert cls(digit_share=DIGIT_SHARE_MAX + EPS) is Content.BAD
    assert cls(digit_share=1.0, words=LENGTH_LOW - 1) is Content.SHORT


def test_upper_share_max() -> None:
    assert cls(upper_share=UPPER_SHARE_MAX) is Content.GOOD
    assert cls(upper_share=UPPER_SHARE_MAX + EPS) is Content.BAD
    # CJK has no case: the rule does not apply.
    assert cls(upper_share=1.0, cjk=True) is Content.GOOD


def test_without_stoplist_sentence_shape_decides() -> None:
    no_stop = {"has_stoplist": False, "stopword_density": 0.0}
    assert cls(words=LENGTH_HIGH, **no_stop) is Content.GOOD
    assert cls(words=LENGTH_HIGH - 1, **no_stop) is Content.NEAR_GOOD
    assert cls(words=2 * LENGTH_HIGH, terminal_punct=False, **no_stop) is Content.GOOD
    assert cls(words=2 * LENGTH_HIGH - 1, terminal_punct=False, **no_stop) is Content.BAD


def test_cjk_block_without_stopword_hits_uses_sentence_shape() -> None:
    assert cls(cjk=True, stopword_density=0.0, words=LENGTH_HIGH) is Content.GOOD


@pytest.mark.parametrize("favor", ["precision", "recall"])
def test_favor_shifts_the_stopword_thresholds(favor: str) -> None:
    shift = FAVOR_SHIFT[favor]
    at = STOPWORDS_HIGH + shift * 0.5
    assert cls(stopword_density=at, terminal_punct=False, shift=shift) is Content.GOOD
    assert cls(stopword_density=at - EPS, terminal_punct=False, shift=shift) is Content.NEAR_GOOD


def test_precision_asks_more_than_recall() -> None:
    density = STOPWORDS_HIGH  # good when balanced
    common = {"stopword_density": density, "terminal_punct": False}
    assert cls(shift=FAVOR_SHIFT["precision"], **common) is Content.NEAR_GOOD
    assert cls(shift=FAVOR_SHIFT["balanced"], **common) is Content.GOOD
    assert cls(shift=FAVOR_SHIFT["recall"], **common) is Content.GOOD


def test_content_class_gives_a_reason() -> None:
    decision = content_class(block(words=LENGTH_LOW - 1))
    assert str(LENGTH_LOW) in decision.reason


# --- lexicon hits: word limits ---------------------------------------------------------


def test_lexicon_max_words() -> None:
    text = "Read also"
    hit = _lexicon_kind(block(text, words=LEXICON_MAX_WORDS), "en")
    assert hit is not None
    assert hit[0] not in LEXICON_LONG_KINDS
    assert _lexicon_kind(block(text, words=LEXICON_MAX_WORDS + 1), "en") is None


def test_lexicon_long_kinds_max_words() -> None:
    text = "67,0% der Kleinanlegerkonten verlieren Geld."
    hit = _lexicon_kind(block(text, words=LEXICON_LONG_MAX_WORDS), "de")
    assert hit is not None
    assert hit[0] in LEXICON_LONG_KINDS
    assert _lexicon_kind(block(text, words=LEXICON_LONG_MAX_WORDS + 1), "de") is None


def test_lexicon_long_max_stopwords() -> None:
    # Long blocks that read like prose are not looked up at all.
    text = "67,0% der Kleinanlegerkonten verlieren Geld."
    long_block = {"words": LEXICON_MAX_WORDS + 1}
    hit = _lexicon_kind(
        block(text, stopword_density=LEXICON_LONG_MAX_STOPWORDS, **long_block), "de"
    )
    assert hit is not None
    dense = LEXICON_LONG_MAX_STOPWORDS + EPS
    assert _lexicon_kind(block(text, stopword_density=dense, **long_block), "de") is None
    # Short blocks are looked up whatever their stopwords.
    assert (
        _lexicon_kind(block(text, stopword_density=1.0, words=LEXICON_MAX_WORDS), "de") is not None
    )


def test_lexicon_long_kinds_are_trusted_longer() -> None:
    assert LEXICON_LONG_MAX_WORDS > LEXICON_MAX_WORDS
    assert Kind.AD in LEXICON_LONG_KINDS


# --- DOM evidence ----------------------------------------------------------------------


def test_dom_link_density_max() -> None:
    html_block = {"tag": "p", "words": LENGTH_HIGH}
    assert _dom_decision(block(link_density=DOM_LINK_DENSITY_MAX, **html_block)) is None
    decision = _dom_decision(block(link_density=DOM_LINK_DENSITY_MAX + EPS, **html_block))
    assert decision is not None
    assert decision.content is Content.BAD
    # Long blocks are not judged by their links alone.
    long_block = {"tag": "p", "words": 2 * LENGTH_HIGH}
    assert _dom_decision(block(link_density=1.0, **long_block)) is None
    # ... but a long table row of links is a menu laid out in a table.
    long_row = {"tag": "tr", "words": 2 * LENGTH_HIGH, "in_table": True}
    decision = _dom_decision(block(link_density=DOM_LINK_DENSITY_MAX + EPS, **long_row))
    assert decision is not None
    assert decision.content is Content.BAD


def test_dom_evidence_is_silent_on_text_blocks() -> None:
    assert _dom_decision(block(link_density=1.0, dom_kind=Kind.NAVIGATION)) is None


def test_dom_kind_is_removed_with_that_kind() -> None:
    decision = _dom_decision(block(tag="div", dom_kind=Kind.SHARE, path="body/div.share"))
    assert decision is not None
    assert decision.kind is Kind.SHARE


# --- roles: shape limits ---------------------------------------------------------------


def test_title_words() -> None:
    title = {"terminal_punct": False}
    assert _title_like(block("A Title", words=TITLE_MIN_WORDS, chars=20, **title))
    assert not _title_like(block("Title", words=TITLE_MIN_WORDS - 1, chars=20, **title))
    assert _title_like(block("A Title", words=TITLE_MAX_WORDS, chars=100, **title))
    assert not _title_like(block("A Title", words=TITLE_MAX_WORDS + 1, chars=100, **title))


def test_title_chars() -> None:
    assert _title_like(block("A Title", words=TITLE_MIN_WORDS, chars=TITLE_MAX_CHARS))
    assert not _title_like(block("A Title", words=TITLE_MIN_WORDS, chars=TITLE_MAX_CHARS + 1))


def test_a_table_row_is_not_a_title() -> None:
    assert _title_like(block("Player Position Plays", words=3, chars=21))
    assert not _title_like(block("Player\tPosition\tPlays", words=3, chars=21))


def test_title_does_not_end_with_a_period_and_is_not_a_link_list() -> None:
    assert not _title_like(block("A sentence.", words=TITLE_MIN_WORDS, chars=20))
    assert not _title_like(block("A Title", words=3, chars=20, link_like=LINK_LIKE_MAX + EPS))
    assert not _title_like(block("A Title", words=3, chars=20, digit_share=DIGIT_SHARE_MAX + EPS))


def test_category_limits() -> None:
    label = {"terminal_punct": False}
    assert _category_like(
        block("Politik", words=CATEGORY_MAX_WORDS, chars=CATEGORY_MAX_CHARS, **label)
    )
    assert not _category_like(block("Politik", words=CATEGORY_MAX_WORDS + 1, chars=20, **label))
    assert not _category_like(block("Politik", words=1, chars=CATEGORY_MAX_CHARS + 1, **label))
    assert not _category_like(block("Politik 2025", words=2, chars=12, digit_share=0.2, **label))


def test_heading_max_words() -> None:
    assert _heading_like(block("A heading", words=HEADING_MAX_WORDS, chars=80))
    assert not _heading_like(block("A heading", words=HEADING_MAX_WORDS + 1, chars=80))
    assert not _heading_like(block("A heading", words=HEADING_MAX_WORDS, chars=TITLE_MAX_CHARS + 1))
    assert not _heading_like(block("Ends like a sentence.", words=4, chars=21))


def test_question_heading_max_words() -> None:
    question = "Was bedeutet das für Anleger?"
    assert _question_heading(block(question, words=QUESTION_HEADING_MAX_WORDS))
    assert not _question_heading(block(question, words=QUESTION_HEADING_MAX_WORDS + 1))
    assert not _question_heading(block("Ein Satz. Und dann eine Frage?", words=6))
    assert not _question_heading(block("Keine Frage", words=2))


def test_byline_max_words_for_date_lines() -> None:
    assert _is_date_line(block("12. März 2025", words=BYLINE_MAX_WORDS), month_first=False)
    assert not _is_date_line(block("12. März 2025", words=BYLINE_MAX_WORDS + 1), month_first=False)


# --- page-level rules on synthetic pages -----------------------------------------------


@pytest.mark.parametrize(
    ("chars", "duplicate"),
    [(DUPLICATE_MIN_CHARS - 1, False), (DUPLICATE_MIN_CHARS, True)],
    ids=["below", "at"],
)
def test_duplicate_min_chars(chars: int, duplicate: bool) -> None:
    line = ("Quokka" + "x" * chars)[:chars]
    result = run([paragraph(1), line, paragraph(2), paragraph(3), line, paragraph(4)])
    labels = label_of(result, line)
    assert len(labels) == 2
    assert labels[0][1] is not Kind.DUPLICATE
    assert (labels[1] == (Label.REMOVED, Kind.DUPLICATE)) is duplicate


def test_repeated_headline_is_the_title_and_the_repeat_a_duplicate() -> None:
    headline = "Quokkas Take Over The Town Square"
    result = run(["Quhov", headline, paragraph(1), headline, paragraph(2), paragraph(3)])
    assert label_of(result, headline) == [(Label.TITLE, None), (Label.REMOVED, Kind.DUPLICATE)]


def _clusters(sizes_and_gaps: list[int | None], shift: float = 0.0) -> list[bool]:
    """``_main_content`` over good blocks of the given sizes; ``None`` is one bad block."""
    blocks, decisions = [], []
    for i, size in enumerate(sizes_and_gaps):
        blocks.append(block(f"block {i}", index=i, chars=size or 5))
        content = Content.BAD if size is None else Content.GOOD
        decisions.append(_Decision(content, "synthetic"))
    return _main_content(tuple(blocks), decisions, decisions, {}, shift)


@pytest.mark.parametrize(("gap", "joined"), [(CLUSTER_GAP - 1, True), (CLUSTER_GAP, False)])
def test_cluster_gap(gap: int, joined: bool) -> None:
    # A big cluster, a gap of bad blocks, then a small good block far below the
    # share that would keep a separate cluster.
    in_body = _clusters([400] * 8 + [None] * gap + [100])
    assert all(in_body[:8])
    assert in_body[-1] is joined


@pytest.mark.parametrize(("above", "kept"), [(False, False), (True, True)])
def test_cluster_keep_share(above: bool, kept: bool) -> None:
    main_chars = 2000
    side = math.ceil(CLUSTER_KEEP_SHARE * main_chars) + (1 if above else -1)
    in_body = _clusters([400] * 5 + [None] * (CLUSTER_GAP + 2) + [side])
    assert in_body[-1] is kept


@pytest.mark.parametrize("favor", ["precision", "recall"])
def test_cluster_keep_share_follows_favor(favor: str) -> None:
    shift = FAVOR_SHIFT[favor]
    side = math.ceil((CLUSTER_KEEP_SHARE + shift) * 2000)
    cells = [400] * 5 + [None] * (CLUSTER_GAP + 2)
    assert _clusters([*cells, side + 1], shift)[-1]
    assert not _clusters([*cells, side - 1], shift)[-1]


def test_clusters_end_at_a_comment_header() -> None:
    blocks = [block(f"block {i}", index=i, chars=400) for i in range(6)]
    decisions = [_Decision(Content.GOOD, "synthetic") for _ in range(6)]
    header = block("3 comments", index=6, chars=10, words=2)
    blocks.insert(3, header)
    decisions.insert(3, _Decision(Content.BAD, "lexicon comments", Kind.COMMENTS))
    blocks = [dataclasses.replace(b, index=i) for i, b in enumerate(blocks)]
    in_body = _main_content(tuple(blocks), decisions, decisions, {}, 0.0)
    assert in_body[:3] == [True] * 3
    assert not any(in_body[4:])


@pytest.mark.parametrize(
    ("offset", "related"), [(ZONE_MAX_BLOCKS, True), (ZONE_MAX_BLOCKS + 1, False)]
)
def test_zone_max_blocks(offset: int, related: bool) -> None:
    body = [paragraph(k) for k in range(4)]
    zone = [nonsense(k) for k in range(ZONE_MAX_BLOCKS + 3)]
    result = run([*body, "Read also", *zone])
    probe = zone[offset - 1]  # the offset-th line after the header
    assert (label_of(result, probe)[0][1] is Kind.RELATED) is related


def test_zone_ends_at_a_long_good_block() -> None:
    body = [paragraph(k) for k in range(4)]
    result = run([*body, "Read also", nonsense(1), paragraph(50), nonsense(2)])
    assert label_of(result, nonsense(1)) == [(Label.REMOVED, Kind.RELATED)]
    assert label_of(result, nonsense(2))[0][1] is not Kind.RELATED


@pytest.mark.parametrize(
    ("distance", "found"), [(TITLE_SCAN_BLOCKS, True), (TITLE_SCAN_BLOCKS + 1, False)]
)
def test_title_scan_blocks(distance: int, found: bool) -> None:
    # Share buttons between headline and body are metadata: they cost no distance,
    # so only the scan window decides.
    fillers = ["Share"] * (distance - 1)
    result = run([TITLE, *fillers, paragraph(1), paragraph(2), paragraph(3)])
    assert (label_of(result, TITLE)[0][0] is Label.TITLE) is found


# --- pages without boilerplate evidence, pages without a body ----------------------------


def _evidence(*blocks: Block) -> str | None:
    numbered = tuple(dataclasses.replace(b, index=i) for i, b in enumerate(blocks))
    return _boilerplate_evidence(numbered, _rule_passes(numbered, "en", 0.0, has_stoplist=True))


@pytest.mark.parametrize(
    ("overrides", "evidence"),
    [
        ({"link_like": LINK_LIKE_MAX}, False),
        ({"link_like": LINK_LIKE_MAX + EPS}, True),
        # menus are short: a link list is evidence at any length
        ({"link_like": LINK_LIKE_MAX + EPS, "words": 2, "terminal_punct": False}, True),
        ({"digit_share": DIGIT_SHARE_MAX}, False),
        ({"digit_share": DIGIT_SHARE_MAX + EPS}, True),
        ({"digit_share": DIGIT_SHARE_MAX + EPS, "words": LENGTH_LOW - 1}, False),
        ({"upper_share": UPPER_SHARE_MAX}, False),
        ({"upper_share": UPPER_SHARE_MAX + EPS}, True),
        ({"upper_share": UPPER_SHARE_MAX + EPS, "words": LENGTH_LOW - 1}, False),
        ({"upper_share": UPPER_SHARE_MAX + EPS, "cjk": True}, False),
        # few stopwords is no sign of boilerplate: the stoplist may be another language's
        ({"stopword_density": 0.0}, False),
        ({"tag": "p"}, True),  # HTML: the DOM pass has already taken the boilerplate away
    ],
)
def test_boilerplate_evidence_shapes(overrides: dict[str, object], evidence: bool) -> None:
    probe = block("Quhov quxov", index=1, **overrides)
    assert (_evidence(block(paragraph(1)), probe) is not None) is evidence


def test_boilerplate_evidence_lexicon_and_undecodable_yes_repeat_no() -> None:
    share = block("Share on Facebook", words=3, terminal_punct=False)
    assert "lexicon share: 'Share on Facebook'" in str(_evidence(block(paragraph(1)), share))
    # a repeat is removed by the duplicate rule; a clean text may repeat a heading
    assert _evidence(block(paragraph(1)), block(paragraph(1))) is None
    # undecodable bytes: the input is no clean text
    assert "U+FFFD" in str(_evidence(block(paragraph(1)), block("Quhov \ufffd")))


@pytest.mark.parametrize("joined", [MENU_RUN_MIN - 1, MENU_RUN_MIN])
def test_menu_run_min(joined: int) -> None:
    short = {"words": 1, "terminal_punct": False}
    run_blocks = [
        block(nonsense(k), blank_before=k == 0, **short)  # type: ignore[arg-type]
        for k in range(joined)
    ]
    # the same short lines set apart by blank lines are no menu
    apart = [block(nonsense(k + 10), **short) for k in range(MENU_RUN_MIN)]  # type: ignore[arg-type]
    found = _evidence(block(paragraph(1)), *run_blocks, *apart, block(paragraph(2)))
    assert (found is not None) is (joined >= MENU_RUN_MIN)


class _StubLineModel:
    """Stands in for the trained line model: P(body) = ``p``, or 1 for good-only blocks.

    With ``good_only`` it keeps exactly the blocks good on their own (feature
    ``cf_good``), so a test sees where the model's removals stand.
    """

    def __init__(self, p: float = 0.0, *, good_only: bool = False) -> None:
        self.p = p
        self.good_only = good_only

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        at = FEATURE_NAMES.index("cf_good")
        return [row[at] if self.good_only else self.p for row in rows]

    def block_probabilities(
        self, _vectors: list[list[float]], signals: list[BlockSignals]
    ) -> list[float]:
        return [float(s.cf_good) if self.good_only else self.p for s in signals]


def _kept(result: list[LabelledBlock], text: str) -> bool:
    labels = label_of(result, text)
    assert labels, f"no block {text!r}"
    return all(label is not Label.REMOVED for label, _ in labels)


def _no_stopwords(words: int, end: str = ".") -> str:
    return " ".join(nonsense(k) for k in range(words)) + end


def test_page_without_boilerplate_evidence_is_all_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classify_module, "line_model", lambda: _StubLineModel(good_only=True))
    odd = ["Qubov.", _no_stopwords(LENGTH_HIGH, end="")]  # short; few stopwords
    lines = ["Quhov quxov", paragraph(1), paragraph(2), *odd]
    assert all(_kept(run(lines), line) for line in lines)
    # a line without a word is not content by itself
    assert not _kept(run([*lines, "* * *"]), "* * *")
    # one lexicon hit is evidence: the model's removals stand
    result = run([*lines, "Share on Facebook"])
    assert _kept(result, paragraph(1))
    assert not any(_kept(result, line) for line in odd)


@pytest.mark.parametrize("words", [LENGTH_LOW - 1, LENGTH_LOW])
def test_sentences_kept_on_a_page_without_body(monkeypatch: pytest.MonkeyPatch, words: int) -> None:
    # No stopwords: the rules find no body; the model keeps nothing either.
    monkeypatch.setattr(classify_module, "line_model", lambda: _StubLineModel(0.0))
    sentence = _no_stopwords(words)
    result = run(["Share on Facebook", sentence])
    assert _kept(result, sentence) is (words >= LENGTH_LOW)
    # a link list is no sentence, however it ends
    links = " | ".join(nonsense(k) for k in range(LENGTH_LOW)) + "."
    assert not _kept(run(["Share on Facebook", links]), links)


@pytest.mark.parametrize("size", [MODEL_MIN_BLOCKS - 1, MODEL_MIN_BLOCKS])
def test_model_min_blocks(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    # On a page this long the model's "no body" verdict stands.
    monkeypatch.setattr(classify_module, "line_model", lambda: _StubLineModel(0.0))
    sentence = _no_stopwords(LENGTH_LOW)
    result = run(["Share on Facebook"] * (size - 1) + [sentence])
    assert len(result) == size
    assert _kept(result, sentence) is (size < MODEL_MIN_BLOCKS)


def test_rules_body_stands_when_the_model_keeps_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classify_module, "line_model", lambda: _StubLineModel(0.0))
    sentence = _no_stopwords(LENGTH_LOW)
    result = run(["Share on Facebook", sentence, paragraph(1), paragraph(2)])
    assert _kept(result, paragraph(1))
    assert _kept(result, paragraph(2))
    assert not _kept(result, sentence)  # not in the rules' body: no sentence fallback


class _StubTitleModel:
    """Stands in for the trained title model: every candidate gets probability ``p``."""

    def __init__(self, p: float) -> None:
        self.p = p

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        return [self.p] * len(rows)


def _title_found(monkeypatch: pytest.MonkeyPatch, model: object) -> bool:
    monkeypatch.setattr(classify_module, "title_model", lambda: model)
    result = run([TITLE, paragraph(1), paragraph(2), paragraph(3)])
    return label_of(result, TITLE)[0][0] is Label.TITLE


def test_title_min_probability(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _title_found(monkeypatch, _StubTitleModel(TITLE_MIN_PROBABILITY))
    assert not _title_found(monkeypatch, _StubTitleModel(TITLE_MIN_PROBABILITY - EPS))


def test_title_min_score_without_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    # Hand weights are the fallback: only "good_length" (1.0 for this headline) counts here.
    assert TITLE_GOOD_MIN_WORDS <= len(TITLE.split()) <= TITLE_GOOD_MAX_WORDS
    monkeypatch.setattr(classify_module, "TITLE_DEFAULT_WEIGHTS", {"good_length": TITLE_MIN_SCORE})
    assert _title_found(monkeypatch, None)
    weights = {"good_length": TITLE_MIN_SCORE - EPS}
    monkeypatch.setattr(classify_module, "TITLE_DEFAULT_WEIGHTS", weights)
    assert not _title_found(monkeypatch, None)


def test_title_found_with_the_shipped_model_or_hand_weights(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = run(["Quhov", TITLE, paragraph(1), paragraph(2), paragraph(3)])
    assert label_of(result, TITLE)[0][0] is Label.TITLE
    assert _title_found(monkeypatch, None)


def test_name_words() -> None:
    name = {"stopword_density": 0.0, "digit_share": 0.0}
    assert _name_like(block(" ".join(["Anna"] * NAME_MIN_WORDS), **name))
    assert not _name_like(block(" ".join(["Anna"] * (NAME_MIN_WORDS - 1)), **name))
    assert _name_like(block(" ".join(["Anna"] * NAME_MAX_WORDS), **name))
    assert not _name_like(block(" ".join(["Anna"] * (NAME_MAX_WORDS + 1)), **name))
    assert not _name_like(block("Anna keller", **name))


@pytest.mark.parametrize(
    ("words", "caption"), [(CAPTION_MAX_WORDS, True), (CAPTION_MAX_WORDS + 1, False)]
)
def test_caption_max_words(words: int, caption: bool) -> None:
    # A caption line directly above a credit line (no blank line between them).
    cap = " ".join(nonsense(k) for k in range(words))
    page = f"Quokka Town Square Today\n\n{cap}\nPhoto: Reuters\n\n" + "\n\n".join(
        paragraph(k) for k in range(4)
    )
    doc = clean(page, language="en")
    assert doc.image_credit == "Reuters"
    assert (doc.images[0].caption == cap) is caption


@pytest.mark.parametrize(
    ("offset", "byline"), [(HEAD_OVERLAP_BLOCKS, True), (HEAD_OVERLAP_BLOCKS + 1, False)]
)
def test_head_overlap_blocks_for_bylines(offset: int, byline: bool) -> None:
    # Title at 0, body from 1: a byline is found up to HEAD_OVERLAP_BLOCKS into the body.
    # (The share line is boilerplate evidence: a page with none is all body, title included.)
    body = [paragraph(k) for k in range(8)]
    lines = ["Quokkas Take Over The Town Square", *body, "Share on Facebook"]
    lines.insert(1 + offset, "By Anna Keller")
    result = run(lines)
    assert label_of(result, "Quokkas Take Over The Town Square")[0][0] is Label.TITLE
    assert (label_of(result, "By Anna Keller")[0][0] is Label.BYLINE) is byline


@pytest.mark.parametrize(
    ("distance", "byline"), [(TITLE_BYLINE_WINDOW, True), (TITLE_BYLINE_WINDOW + 1, False)]
)
def test_byline_zone_starts_before_the_title(distance: int, byline: bool) -> None:
    # A "By" line up to TITLE_BYLINE_WINDOW blocks above the title is a byline;
    # higher up it is a menu entry ("By Industry").
    body = [paragraph(k) for k in range(8)]
    fillers = [f"Menu{k}" for k in range(distance - 1)]
    lines = ["By Anna Keller", *fillers, TITLE, *body, "Share on Facebook"]
    result = run(lines)
    assert label_of(result, TITLE)[0][0] is Label.TITLE
    assert (label_of(result, "By Anna Keller")[0][0] is Label.BYLINE) is byline


def test_glued_opening_min_chars() -> None:
    # "ZeldmanMar": a month glued to a name is cut off from this many letters on.
    month = "Mar"
    assert len(month) == GLUED_OPENING_MIN_CHARS
    assert _glued_opening("Zeldman" + month) == "Zeldman"
    assert _glued_opening("ZeldmanAm") is None  # "am" (German "on") is one letter short
    assert parse_byline("By Jeffrey ZeldmanNovember 3, 2024") == "Jeffrey Zeldman"
    assert parse_byline("By KORIN MILLERPUBLISHED: Jan 3") == "KORIN MILLER"
    assert parse_byline("By Matthew Richardson ⋅ Review Editor ⋅") == "Matthew Richardson"


@pytest.mark.parametrize("words", [HEADLINE_MIN_WORDS - 1, HEADLINE_MIN_WORDS])
def test_title_loses_a_site_name_the_page_shows(words: int) -> None:
    head = " ".join(["Quokkas", "Take", "Over", "Town"][:words])
    site = "Quokka Daily"
    page = tuple(
        LabelledBlock(block(text, index=k), Label.PARAGRAPH, "test")
        for k, text in enumerate([f"{head} | {site}", paragraph(1), site])
    )
    title = _without_site_name(f"{head} | {site}", page)
    assert title == (head if words >= HEADLINE_MIN_WORDS else f"{head} | {site}")


def test_title_loses_what_a_pipe_sets_off() -> None:
    body = "\n\n".join(paragraph(k) for k in range(4))
    page = f"Menu\n\nQuokkas Take Over | Top 19 Towns\n\n{body}\n\nShare on Facebook"
    assert clean(page, language="en").title == "Quokkas Take Over"


def test_title_site_name_in_a_full_page() -> None:
    site = "Quokka Daily"
    body = "\n\n".join(paragraph(k) for k in range(4))
    page = f"Menu\n\n{TITLE} | {site}\n\nBy Anna Keller\n\n{body}\n\nShare on Facebook\n\n{site}"
    assert clean(page, language="en").title == TITLE


def test_title_keeps_an_end_the_page_does_not_repeat() -> None:
    body = "\n\n".join(paragraph(k) for k in range(4))
    page = f"Menu\n\nQuokkas Take Over – A Town Square Story\n\n{body}\n\nShare on Facebook"
    assert clean(page, language="en").title == "Quokkas Take Over – A Town Square Story"
    page = page + "\n\n© 2025 A Town Square Story"
    assert clean(page, language="en").title == "Quokkas Take Over"


# --- segment: CJK-aware counting -------------------------------------------------------


def test_cjk_chars_per_word() -> None:
    n = round(10 * CJK_CHARS_PER_WORD)
    assert features("中" * n, frozenset()).words == round(n / CJK_CHARS_PER_WORD)
    # Latin tokens in a CJK line count as one word each.
    assert features("中" * n + " GPU AI", frozenset()).words == round(n / CJK_CHARS_PER_WORD) + 2


def test_cjk_block_share() -> None:
    total = 100
    at = math.ceil(CJK_BLOCK_SHARE * total)
    assert features("中" * at + " " + "a" * (total - at), frozenset()).cjk
    below = at - 1
    assert not features("中" * below + " " + "a" * (total - below), frozenset()).cjk


def test_features_on_plain_text() -> None:
    f = features("The cat sat on the mat, and it was happy.", EN_STOP)
    assert f.words == 10
    assert f.terminal_punct
    assert not f.cjk
    assert 0 < f.stopword_density < 1
    assert features("Home | News | Sport | www.example.com", EN_STOP).link_like > LINK_LIKE_MAX


# --- lang: thresholds -------------------------------------------------------------------


def test_min_script_letters() -> None:
    assert detect_language("あ" * MIN_SCRIPT_LETTERS) == "ja"
    assert detect_language("あ" * (MIN_SCRIPT_LETTERS - 1)) is None


def test_min_letters() -> None:
    # Latin letters below MIN_LETTERS are too little evidence, whatever they say.
    short = "und nicht auch"
    letters = sum(c.isalpha() for c in short)
    assert letters < MIN_LETTERS
    assert detect_language(short) is None


def test_script_share() -> None:
    total = 100
    above = math.floor(SCRIPT_SHARE * total) + 1
    sample = "中" * above + "a" * (total - above)
    assert _script_language(sample, total) == "zh"
    at = math.floor(SCRIPT_SHARE * total)
    assert _script_language("中" * at + "a" * (total - at), total) is None


def _only_in(lang: str) -> list[str]:
    """Stopwords of ``lang`` in no other stoplist the guess chooses among."""
    i = GUESS_LANGS.index(lang)
    words = sorted(w for w, langs in _stopword_index().items() if langs == (i,) and w.isalpha())
    assert len(words) >= 5, f"too few words unique to {lang}"
    return words


def test_guess_min_share() -> None:
    de = _only_in("de")
    total = 200
    hits = math.ceil(GUESS_MIN_SHARE * total)
    junk = ["qxzv"] * (total - hits)
    assert _stopword_guess(" ".join([*de[:1] * hits, *junk])) == "de"
    junk = ["qxzv"] * (total - hits + 1)
    assert _stopword_guess(" ".join([*de[:1] * (hits - 1), *junk])) is None


def test_guess_min_margin() -> None:
    de, fr = _only_in("de"), _only_in("fr")
    n_fr = 20
    n_de = math.ceil(GUESS_MIN_MARGIN * n_fr)
    assert _stopword_guess(" ".join(de[:1] * n_de + fr[:1] * n_fr)) == "de"
    assert _stopword_guess(" ".join(de[:1] * (n_de - 1) + fr[:1] * n_fr)) is None


def test_sample_words_bounds_the_guess() -> None:
    de, fr = _only_in("de"), _only_in("fr")
    text = " ".join(de[:1] * SAMPLE_WORDS + fr[:1] * (10 * SAMPLE_WORDS))
    assert _stopword_guess(text) == "de"


def test_sample_chars_bounds_detection() -> None:
    german = "Der Markt reagiert euphorisch, und die Regierung hat das so gewollt. "
    head = (german * (SAMPLE_CHARS // len(german) + 1))[:SAMPLE_CHARS]
    assert detect_language(head + "これは日本語の文章です。" * 500) == "de"


def test_hint_wins() -> None:
    assert detect_language("Der Markt reagiert euphorisch, und die Regierung.", hint="fr") == "fr"


# --- lang: eight languages ----------------------------------------------------------------

SENTENCES = {
    "de": "Die Stadt hat am Montag beschlossen, dass die neue Brücke über den Fluss "
    "erst im nächsten Jahr gebaut wird, weil das Geld noch nicht reicht.",
    "en": "The city council decided on Monday that the new bridge over the river will "
    "not be built until next year, because there is not enough money yet.",
    "fr": "Le conseil municipal a décidé lundi que le nouveau pont sur la rivière ne "
    "sera construit que l'année prochaine, car l'argent manque encore.",
    "es": "El ayuntamiento decidió el lunes que el nuevo puente sobre el río no se "
    "construirá hasta el año que viene, porque todavía falta dinero.",
    "ru": "Городской совет в понедельник решил, что новый мост через реку построят "
    "только в следующем году, потому что денег пока не хватает.",
    "zh": "市议会星期一决定，横跨河流的新桥要到明年才会动工，因为资金还不够。",
    "ja": "市議会は月曜日、川に架かる新しい橋の建設は"
    "資金がまだ足りないため来年になると決めました。",
    "ar": "قرر مجلس المدينة يوم الاثنين أن الجسر الجديد فوق النهر لن يبنى قبل العام المقبل "
    "لأن المال لا يزال غير كاف.",
}


@pytest.mark.parametrize(("lang", "text"), list(SENTENCES.items()), ids=list(SENTENCES))
def test_detect_language(lang: str, text: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(("lang", "text"), list(SENTENCES.items()), ids=list(SENTENCES))
def test_clean_detects_the_language_of_a_page(lang: str, text: str) -> None:
    page = "\n\n".join([text, text.replace("。", "！").replace(".", "!"), text[::-1]])
    assert clean(page).language == lang


def test_language_sample_min_line() -> None:
    at = sentence(LANG_SAMPLE_MIN_LINE)
    short = sentence(LANG_SAMPLE_MIN_LINE)[: LANG_SAMPLE_MIN_LINE - 1]
    assert _language_sample(f"{short}\n{at}") == at
    # without a line that long, the short lines are the sample...
    assert _language_sample(short) == short
    # ...but not boilerplate wording, bylines or image credits
    lines = ["Share on Facebook", "Photo: Reuters", "By Jane Morrow", "Die Stadt baut."]
    assert _language_sample("\n".join(lines)) == "Die Stadt baut."


def test_language_sample_chars() -> None:
    lines = [sentence(1000, seed=k) for k in range(8)]
    sample = _language_sample("\n".join(lines))
    assert sample.count("\n") + 1 == math.ceil(LANG_SAMPLE_CHARS / 1000)


def test_language_sample_ignores_order_repeats_and_line_ends() -> None:
    a, b = sentence(60, seed=1), sentence(80, seed=2)
    assert _language_sample(f"{a}\n{b}\n{a}") == _language_sample(f"{b}\r{a}") == f"{b}\n{a}"


def test_detect_language_leaves_global_random_alone() -> None:
    random.seed(12345)
    before = random.getstate()
    for text in SENTENCES.values():
        detect_language(text)
    # Text the stopword guess cannot decide goes through langdetect.
    detect_language("Quokka Wombat Numbat Bilby Dunnart Potoroo Bettong Quoll")
    clean(SENTENCES["en"] * 3)
    assert random.getstate() == before


def test_detect_language_is_deterministic_in_process() -> None:
    hard = "Quokka Wombat Numbat Bilby Dunnart Potoroo Bettong Quoll Kowari"
    first = [detect_language(t) for t in (*SENTENCES.values(), hard)]
    for _ in range(3):
        random.seed()  # whatever the global state, the answer is the same
        assert [detect_language(t) for t in (*SENTENCES.values(), hard)] == first


def test_detect_language_is_deterministic_across_processes() -> None:
    hard = "Quokka Wombat Numbat Bilby Dunnart Potoroo Bettong Quoll Kowari Mulgara"
    code = (
        "import random, sys; random.seed(int(sys.argv[1])); "
        "from cleanread.lang import detect_language; "
        f"print(detect_language({hard!r}))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, str(seed)], capture_output=True, text=True, check=True
        ).stdout
        for seed in (1, 2)
    }
    assert len(outputs) == 1


# --- meta: credits -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        ("Foto: Bloomberg", None, "Bloomberg"),
        ("Bild: dpa/Anna Keller", None, "dpa/Anna Keller"),
        ("Photo: Reuters", None, "Reuters"),
        ("Image: Getty Images", None, "Getty Images"),
        ("Credit: NASA", None, "NASA"),
        ("© AFP", None, "AFP"),
        ("Quelle: Statistisches Bundesamt", None, "Statistisches Bundesamt"),
        ("Fuente: EFE", None, "EFE"),
        ("Crédit : AFP", None, "AFP"),
        ("Фото: ТАСС", None, "ТАСС"),
        ("图片：新华社", None, "新华社"),
        ("摄影：李明", None, "李明"),
        ("Premier Li Qiang in Peking. Photo: Reuters", "Premier Li Qiang in Peking.", "Reuters"),
        ("Der Rhein bei Köln (Foto: dpa)", "Der Rhein bei Köln", "dpa"),
    ],
)
def test_find_credit(line: str, caption: str | None, credit: str) -> None:
    assert find_credit(line) == (caption, credit)


@pytest.mark.parametrize(
    "line",
    [
        "Der Markt reagiert euphorisch.",
        "The photographer said the light was perfect that morning.",
        "Photo",
        "",
    ],
)
def test_find_credit_rejects_ordinary_lines(line: str) -> None:
    assert find_credit(line) is None


def test_credit_max_words() -> None:
    names = [f"Name{chr(97 + k)}" for k in range(CREDIT_MAX_WORDS + 1)]
    assert find_credit("Foto: " + " ".join(names[:CREDIT_MAX_WORDS])) == (
        None,
        " ".join(names[:CREDIT_MAX_WORDS]),
    )
    assert find_credit("Foto: " + " ".join(names)) is None


# --- meta: bylines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Von Anna Keller", "Anna Keller"),
        ("Von Anna Keller | 12.03.2025", "Anna Keller"),
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("Por María García", "María García"),
        ("Par Jean Dupont", "Jean Dupont"),
        ("Автор: Иван Петров", "Иван Петров"),
        ("Von Anna Maria von der Leyen", "Anna Maria von der Leyen"),
    ],
)
def test_parse_byline(line: str, author: str) -> None:
    assert parse_byline(line) == author


@pytest.mark.parametrize(
    "line",
    [
        "By the way, this is a sentence about something.",
        "Von hier aus sieht man den ganzen See.",
        "Anna Keller",
        "",
    ],
)
def test_parse_byline_rejects_sentences(line: str) -> None:
    assert parse_byline(line) is None


def test_author_max_words() -> None:
    names = [f"Name{chr(97 + k)}" for k in range(AUTHOR_MAX_WORDS + 1)]
    assert parse_byline("By " + " ".join(names[:AUTHOR_MAX_WORDS])) == " ".join(
        names[:AUTHOR_MAX_WORDS]
    )
    assert parse_byline("By " + " ".join(names)) is None


# --- meta: dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "month_first", "iso"),
    [
        ("12. März 2025", False, "2025-03-12"),
        ("Veröffentlicht am 12.03.2025, 14:05 Uhr", False, "2025-03-12"),
        ("March 3, 2025 at 5:50 am", True, "2025-03-03"),
        ("03/04/2025", True, "2025-03-04"),
        ("03/04/2025", False, "2025-04-03"),
        ("Published 2025-03-12T10:00:00Z", False, "2025-03-12"),
        ("le 5 avril 2024", False, "2024-04-05"),
        ("5 de abril de 2024", False, "2024-04-05"),
        ("5 апреля 2024", False, "2024-04-05"),
        ("2025年3月12日", False, "2025-03-12"),
        ("2025년 3월 12일", False, "2025-03-12"),
    ],
)
def test_find_date(line: str, month_first: bool, iso: str) -> None:
    assert find_date(line, month_first=month_first) == iso


@pytest.mark.parametrize("line", ["No date here", "31.02.2025", "Seite 12 von 30", ""])
def test_find_date_rejects_non_dates(line: str) -> None:
    assert find_date(line) is None


def test_year_range() -> None:
    assert find_date(f"{YEAR_MIN}-01-02") == f"{YEAR_MIN}-01-02"
    assert find_date(f"{YEAR_MIN - 1}-01-02") is None
    assert find_date(f"{YEAR_MAX}-01-02") == f"{YEAR_MAX}-01-02"
    assert find_date(f"{YEAR_MAX + 1}-01-02") is None


# --------------------------------------------------------------------------- line model


@pytest.mark.parametrize(
    "case", ["de-news-ki-boerse", "en-product-headphones", "ja-news-typhoon", "ar-news-economy"]
)
def test_line_model_fast_scoring_equals_full_rows(case: str) -> None:
    """Scoring by per-slot dot products gives the probabilities of the full feature rows."""
    from pathlib import Path

    from cleanread.classify import _model_signals, _rule_passes
    from cleanread.core import _language_sample
    from cleanread.lang import detect_language
    from cleanread.lexicon import stopwords
    from cleanread.model import block_vectors, context_features, line_model
    from cleanread.segment import segment_text

    model = line_model()
    assert model is not None
    text = (Path(__file__).parents[1] / "fixtures" / case / "input.txt").read_text("utf-8")
    lang = detect_language(_language_sample(text))
    blocks = segment_text(text, stopwords(lang))
    passes = _rule_passes(blocks, lang, 0.0, has_stoplist=True)
    signals = _model_signals(blocks, passes)
    vectors = block_vectors(blocks, signals)
    fast = model.block_probabilities(vectors, signals)
    full = model.probabilities(context_features(vectors, signals))
    assert len(fast) == len(blocks) > 10
    assert fast == pytest.approx(full, abs=1e-12)


# --------------------------------------------------------------------------- author anywhere

_ARTICLE = "\n\n".join(
    "The council voted on Tuesday night to keep the old library open for another "
    f"year, and the decision was welcomed by readers number {k} in the town."
    for k in range(6)
)


def test_author_box_after_the_article_names_the_author() -> None:
    """Without a byline near the title, an explicit byline anywhere gives the author."""
    from cleanread.structure import META_LINE_MAX_WORDS as AUTHOR_LINE_MAX_WORDS

    page = f"Library Stays Open\n\n{_ARTICLE}\n\nWritten by Anna Keller\n\nShare this"
    assert clean(page).author == "Anna Keller"

    def box(words: int) -> str:  # a byline line of exactly ``words`` words
        return "Written by Anna Keller |" + " Staff" * (words - 4)

    head = f"Library Stays Open\n\n{_ARTICLE}\n\n"
    assert clean(head + box(AUTHOR_LINE_MAX_WORDS)).author == "Anna Keller"
    assert clean(head + box(AUTHOR_LINE_MAX_WORDS + 1)).author is None


def test_date_line_anywhere_dates_the_page() -> None:
    """Without a date near the title, the first short line holding a date gives it."""
    from cleanread.structure import META_LINE_MAX_WORDS

    head = f"Library Stays Open\n\n{_ARTICLE}\n\n"
    assert clean(head + "Updated March 4, 2025").date == "2025-03-04"

    def line(words: int) -> str:  # a date line of exactly ``words`` words
        return "Updated March 4, 2025 by the" + " town" * (words - 6)

    assert clean(head + line(META_LINE_MAX_WORDS)).date == "2025-03-04"
    assert clean(head + line(META_LINE_MAX_WORDS + 1)).date is None


def test_body_vocabulary_min_words_and_lede() -> None:
    long_block = block("quokka harbour " * 10, words=BODY_VOCAB_MIN_WORDS)
    short_block = block("wombat", words=BODY_VOCAB_MIN_WORDS - 1)
    words_of = _BodyWords.of((long_block, short_block), (True, True))
    vocab, lede = words_of.vocab, words_of.lede
    assert "quokka" in vocab
    assert "wombat" not in vocab
    assert lede <= vocab
    words = [f"word{k}" for k in range(LEDE_WORDS)]
    first = block(" ".join(words), words=LEDE_WORDS)
    second = block("later words " * 5, words=BODY_VOCAB_MIN_WORDS)
    words_of = _BodyWords.of((first, second), (True, True))
    vocab, lede = words_of.vocab, words_of.lede
    assert "later" in vocab
    assert "later" not in lede  # the lede is full after the first block


def test_shared_words_skip_short_words() -> None:
    vocab = frozenset({"quokka", "town"})
    assert _shared("The Quokka and the Town", vocab) == 1.0
    assert len("town") == VOCAB_MIN_CHARS
    assert _shared("abc", vocab) == 0.0


@pytest.mark.parametrize(
    ("distance", "near"), [(REPEAT_NEAR_BLOCKS, 1.0), (REPEAT_NEAR_BLOCKS + 1, 0.0)]
)
def test_title_repeated_near(distance: int, near: float) -> None:
    fillers = [block(f"filler {k}", index=k + 1) for k in range(distance - 1)]
    blocks = (
        block(TITLE, index=0, words=len(TITLE.split()), terminal_punct=False),
        *fillers,
        block(TITLE, index=distance, words=len(TITLE.split()), terminal_punct=False),
    )
    decisions = [_Decision(Content.SHORT, "test", None)] * len(blocks)
    rows = _title_candidates(blocks, decisions, {}, [False] * len(blocks), month_first=True)
    column = TITLE_FEATURES.index("repeated_near")
    assert rows[0][1][column] == near


def test_title_candidate_once_per_text_nearest_the_body() -> None:
    # A headline shown at the top (block 0) and again before the body (block 2) is
    # one candidate: scored at the later copy, though it is a duplicate, and
    # labelled at the first.
    head = {"words": len(TITLE.split()), "terminal_punct": False}
    blocks = (
        block(TITLE, index=0, **head),
        block("filler", index=1),
        block(TITLE, index=2, **head),
        block("filler body", index=3),
    )
    decisions = [_Decision(Content.SHORT, "test", None)] * len(blocks)
    in_body = [False, False, False, True]
    rows = _title_candidates(blocks, decisions, {2: 0}, in_body, month_first=True)
    ours = [(i, row) for i, row, _ in rows if blocks[i].text == TITLE]
    assert [i for i, _ in ours] == [0]
    assert ours[0][1][TITLE_FEATURES.index("rel_pos")] == 2 / 3


def test_title_contained_in_other_lines() -> None:
    head = {"words": len(TITLE.split()), "terminal_punct": False}
    blocks = (
        block(f"Re: {TITLE}", index=0, words=7, terminal_punct=False),
        block(f"Home > News > {TITLE}", index=1, words=8, terminal_punct=False),
        block(TITLE, index=2, **head),
    )
    decisions = [_Decision(Content.SHORT, "test", None)] * len(blocks)
    rows = _title_candidates(blocks, decisions, {}, [False] * len(blocks), month_first=True)
    column = TITLE_FEATURES.index("log_contained_in")
    assert {i: row[column] for i, row, _ in rows}[2] == math.log1p(2)


# --------------------------------------------------------------------------- HTML link lines


def _para(b: Block) -> LabelledBlock:
    return LabelledBlock(b, Label.PARAGRAPH, "test")


def _link_line(index: int, **overrides: object) -> Block:
    fields: dict[str, object] = {
        "words": LINK_LINE_MAX_WORDS,
        "link_density": LINK_LINE_MIN_DENSITY,
        "tag": "p",
    }
    fields.update(overrides)
    return block("[Source]", index, **fields)


def test_link_line_thresholds() -> None:
    text = "x" * 400  # a body paragraph long enough to keep the link lines under the share
    body = [_para(block(text, i, tag="p")) for i in range(3)]
    cases = [
        (_link_line(3), True),
        (_link_line(3, link_density=LINK_LINE_MIN_DENSITY - 0.01), False),
        (_link_line(3, words=LINK_LINE_MAX_WORDS + 1), False),
        (_link_line(3, in_list=True), False),
        (_link_line(3, heading_level=3), False),
    ]
    for line, removed in cases:
        out = _link_lines((*body, _para(line)))
        assert (out[-1].label is Label.REMOVED) is removed, line
        assert all(lb.label is Label.PARAGRAPH for lb in out[:-1])


def test_link_lines_making_the_page_stay() -> None:
    # link lines holding more than LINK_LINE_MAX_SHARE of the kept text are a listing
    body = _para(block("x" * 100, 0, tag="p"))
    share = LINK_LINE_MAX_SHARE * 100 / (1 - LINK_LINE_MAX_SHARE)
    lines = [_para(_link_line(1, chars=math.ceil(share) + 1))]
    assert _link_lines((body, *lines))[1].label is Label.PARAGRAPH
    fewer = [_para(_link_line(1, chars=math.floor(share) - 1))]
    assert _link_lines((body, *fewer))[1].label is Label.REMOVED


def _cards(count: int, gap: int) -> tuple[tuple[LabelledBlock, ...], _Page]:
    """``count`` teaser cards: a link line, ``gap - 1`` plain lines, then a byline."""
    out: list[LabelledBlock] = [_para(block("x" * 400, 0, tag="p"))]
    for _ in range(count):
        out.append(_para(_link_line(len(out))))
        out.extend(_para(block("y", len(out) + k, tag="p")) for k in range(gap - 1))
        out.append(LabelledBlock(block("By Staff", len(out)), Label.BYLINE, "test"))
    blocks = tuple(lb.block for lb in out)
    return tuple(out), _Page(blocks, {}, "div", frozenset(), frozenset(), frozenset())


def test_teaser_thresholds() -> None:
    labelled, page = _cards(TEASER_MIN_CARDS, TEASER_BYLINE_GAP)
    out = _teasers(labelled, page)
    assert sum(lb.label is Label.REMOVED for lb in out) == TEASER_MIN_CARDS
    assert out[0].label is Label.PARAGRAPH
    # fewer cards, or a byline further away, is not a teaser list
    labelled, page = _cards(TEASER_MIN_CARDS - 1, TEASER_BYLINE_GAP)
    assert _teasers(labelled, page) == labelled
    labelled, page = _cards(TEASER_MIN_CARDS, TEASER_BYLINE_GAP + 1)
    assert _teasers(labelled, page) == labelled


def test_joined_copy_ending_in_a_removed_link_list_is_a_repeat() -> None:
    first = "The council voted to rebuild the bridge before spring."
    second = "A new bakery opened on the main square on Monday morning."
    links = "How to invest in index funds, explained"
    body = [_para(block(first, 0, tag="p")), _para(block(second, 1, tag="p"))]
    removed = LabelledBlock(block(links, 2, tag="li"), Label.REMOVED, "test", Kind.NAVIGATION)
    copy = _para(block(f"{first} {second} {links}", 3, tag="div"))
    out = _repeats((*body, removed, copy))
    assert out[3].label is Label.REMOVED
    assert out[0].label is Label.PARAGRAPH
    # a removed block never serves as the start of a copy
    out = _repeats((removed, _para(block(f"{links} {second} {links}", 1, tag="div"))))
    assert out[1].label is Label.PARAGRAPH


def _heading(index: int, level: int) -> LabelledBlock:
    return LabelledBlock(block("Recommended", index, heading_level=level), Label.HEADING, "t")


def _dropped(index: int, **overrides: object) -> LabelledBlock:
    fields: dict[str, object] = {"dom_content": True, **overrides}
    return LabelledBlock(block("Story", index, **fields), Label.REMOVED, "t", Kind.RELATED)


def test_heading_over_removed_boilerplate_is_removed() -> None:
    para = _para(block("x" * 200, 0, tag="p"))
    rail = _dropped(2, link_density=LINK_LINE_MIN_DENSITY)
    out = _empty_sections((para, _heading(1, 2), rail, _heading(3, 2), _para(block("y", 4))))
    assert out[1].label is Label.REMOVED
    assert out[3].label is Label.HEADING
    # a heading at the end, over a block the DOM marks as boilerplate
    out = _empty_sections((para, _heading(1, 3), _dropped(2, dom_kind=Kind.RELATED)))
    assert out[1].label is Label.REMOVED


def test_headings_over_text_or_over_nothing_stay() -> None:
    para = _para(block("x" * 200, 0, tag="p"))
    # a section heading, its sub-heading, then text
    out = _empty_sections((para, _heading(1, 2), _heading(2, 3), _para(block("y", 3))))
    assert [lb.label for lb in out[1:3]] == [Label.HEADING, Label.HEADING]
    # a block outside the main content is no evidence
    outside = _dropped(2, link_density=1.0, dom_content=False)
    assert _empty_sections((para, _heading(1, 2), outside))[1].label is Label.HEADING
    # a removed block that is neither marked nor all links is no evidence
    out = _empty_sections((para, _heading(1, 2), _dropped(2, link_density=0.2)))
    assert out[1].label is Label.HEADING
    # no kept paragraph: the headings are all the page has
    rail = _dropped(1, link_density=1.0)
    assert _empty_sections((_heading(0, 1), rail))[0].label is Label.HEADING


# --------------------------------------------------------------------------- HTML title chooser


def _title_feature(sources: TitleSources, text: str, name: str) -> float:
    rows = dict(title_candidates(sources))
    return rows[text][HTML_TITLE_FEATURES.index(name)]


def test_short_title_words() -> None:
    short = " ".join(["Word"] * SHORT_TITLE_WORDS)
    longer = " ".join(["Word"] * (SHORT_TITLE_WORDS + 1))
    sources = TitleSources(h1s=(short, longer))
    assert _title_feature(sources, short, "short") == 1.0
    assert _title_feature(sources, longer, "short") == 0.0


def test_title_h2s() -> None:
    h2s = tuple(f"Section Heading {i}" for i in range(TITLE_H2S + 1))
    texts = [text for text, _ in title_candidates(TitleSources(h2s=h2s))]
    assert texts == list(h2s[:TITLE_H2S])


def test_many_h1s() -> None:
    h1s = tuple(f"Card Heading {i}" for i in range(MANY_H1S))
    assert _title_feature(TitleSources(h1s=h1s), h1s[0], "many_h1") == 1.0
    fewer = h1s[: MANY_H1S - 1]
    assert _title_feature(TitleSources(h1s=fewer), fewer[0], "many_h1") == 0.0


def test_bare_h1() -> None:
    root = parse_html(
        '<title>Quokkas Take Over | Example</title><h1 class="entry-title">Quokkas Take Over</h1>'
        "<h1>Quokkas on the Move</h1>"
    )
    sources = html_title_sources(root)
    assert sources.bare_h1s == frozenset({"Quokkas on the Move"})
    assert _title_feature(sources, "Quokkas on the Move", "bare_h1") == 1.0
    assert _title_feature(sources, "Quokkas Take Over", "bare_h1") == 0.0


def test_url_full_words() -> None:
    words = [f"quokka{i}" for i in range(URL_FULL_WORDS)]
    url = "https://example.org/news/" + "-".join(words) + ".html"
    root = parse_html(f'<link rel="canonical" href="{url}"><title>T</title>')
    assert html_title_sources(root).url_words == frozenset({"news", *words})
    full = " ".join(w.title() for w in words)
    one_short = " ".join(w.title() for w in words[:-1])
    sources = TitleSources(h1s=(full, one_short), url_words=frozenset(words))
    assert _title_feature(sources, full, "in_url") == 1.0
    # fewer words than URL_FULL_WORDS count in proportion
    assert _title_feature(sources, one_short, "in_url") == (URL_FULL_WORDS - 1) / URL_FULL_WORDS
    # og:url stands in for a missing canonical link; words outside the path do not count
    root = parse_html(f'<meta property="og:url" content="{url}"><title>T</title>')
    assert html_title_sources(root).url_words == frozenset({"news", *words})
    half = f"{words[0].title()} Elsewhere Entirely Here"
    share = _title_feature(TitleSources(h1s=(half,), url_words=frozenset(words)), half, "in_url")
    assert share == 1 / max(4, URL_FULL_WORDS)


def test_date_block_max_chars() -> None:
    def dated(text: str) -> str | None:
        return _date_from_blocks(segment_html(parse_html(f"<p>{text}</p>")), month_first=False)

    line = "Posted on 5 May 2024"
    fits = line + " " + "x" * (DATE_BLOCK_MAX_CHARS - len(line) - 1)
    assert dated(fits) == "2024-05-05"
    assert dated(fits + "x") is None  # longer text mentions a date in passing


def test_html_date_falls_back_on_time_then_a_date_line() -> None:
    story = "<p>" + "The council met again and the vote was close, said the clerk. " * 5 + "</p>"
    page = "<html><body><article><h1>Vote Is Close</h1>{}" + story + "</article></body></html>"
    with_time = page.format('<p>Filed <time datetime="2024-02-03T08:00">Saturday</time></p>')
    assert clean(with_time).date == "2024-02-03"
    assert clean(page.format("<p>Filed on 4 March 2024</p>")).date == "2024-03-04"
    assert clean(page.format("")).date is None


# --------------------------------------------------------------------------- prose position


def _prose_row(chars: list[int], i: int) -> dict[str, float]:
    """The prose-position features of block ``i`` on a page of cf-good blocks of ``chars``."""
    signals = [
        BlockSignals(
            cf_good=True,
            cf_near_good=False,
            cf_short=False,
            good=True,
            lexicon=False,
            duplicate=False,
            in_body=True,
            comment_header=False,
            chars=c,
        )
        for c in chars
    ]
    vectors = [[0.0] * len(BLOCK_FEATURES) for _ in chars]
    row = context_features(vectors, signals)[i]
    names = ("prose_before", "prose_mass", "prose_before_x_mass")
    return {name: row[FEATURE_NAMES.index(name)] for name in names}


@pytest.mark.parametrize(("total", "mass"), [(PROSE_MASS_CHARS // 2, 0.5), (PROSE_MASS_CHARS, 1.0)])
def test_prose_mass_chars(total: int, mass: float) -> None:
    # a page's prose mass grows with its good blocks' characters up to PROSE_MASS_CHARS
    assert _prose_row([total // 2, total // 2], 0)["prose_mass"] == pytest.approx(mass)
    assert _prose_row([total, total], 0)["prose_mass"] == 1.0


def test_prose_before_is_the_share_of_prose_characters_before_a_block() -> None:
    row = _prose_row([300, 100, PROSE_MASS_CHARS], 2)
    assert row["prose_before"] == pytest.approx(400 / (400 + PROSE_MASS_CHARS))
    assert row["prose_before_x_mass"] == pytest.approx(row["prose_before"])
    assert _prose_row([300, 100], 0)["prose_before"] == 0.0


@pytest.mark.parametrize(("extra", "discussion"), [(0, False), (1, True)])
def test_discussion_outweigh(extra: int, discussion: bool) -> None:
    # running text after the first comment header against that before it
    before_chars = 1000
    after_chars = round(before_chars * DISCUSSION_OUTWEIGH) + extra
    blocks = (
        block("post", index=0, chars=before_chars),
        block("3 comments", index=1, chars=10, words=2),
        block("reply", index=2, chars=after_chars),
    )
    decisions = [
        _Decision(Content.GOOD, "synthetic"),
        _Decision(Content.BAD, "lexicon comments", Kind.COMMENTS),
        _Decision(Content.GOOD, "synthetic"),
    ]
    assert _discussion(blocks, decisions) is discussion
    # a page without a comment header is no discussion
    assert not _discussion(blocks[2:], decisions[2:])


@pytest.mark.parametrize("words", [LONE_LINE_MAX_WORDS - 1, LONE_LINE_MAX_WORDS])
def test_lone_line_max_words(monkeypatch: pytest.MonkeyPatch, words: int) -> None:
    # On a long page the model keeps one block (the only one good on its own).
    monkeypatch.setattr(classify_module, "line_model", lambda: _StubLineModel(good_only=True))
    lone = " ".join(["it was the"] * (words // 3) + ["day"] * (words % 3)) + "."
    lines = ["Share on Facebook"] + [nonsense(k) for k in range(MODEL_MIN_BLOCKS)] + [lone]
    result = run(lines)
    assert lone in {lb.block.text for lb in result}
    assert _kept(result, lone) is (words >= LONE_LINE_MAX_WORDS)


class _ByIndexLineModel:
    """Stands in for the line model: P(body) of block ``i`` is ``probs.get(i, 0)``."""

    def __init__(self, probs: dict[int, float]) -> None:
        self.probs = probs

    def block_probabilities(
        self, vectors: list[list[float]], _signals: list[BlockSignals]
    ) -> list[float]:
        return [self.probs.get(i, 0.0) for i in range(len(vectors))]


@pytest.mark.parametrize(
    ("p", "kept"), [(MODEL_KEEP_INSIDE, True), (MODEL_KEEP_INSIDE - EPS, False)]
)
def test_model_keep_inside(monkeypatch: pytest.MonkeyPatch, p: float, kept: bool) -> None:
    # between two blocks the model keeps, MODEL_KEEP_INSIDE suffices
    probs = {1: MODEL_KEEP, 2: p, 3: MODEL_KEEP}
    monkeypatch.setattr(classify_module, "line_model", lambda: _ByIndexLineModel(probs))
    lines = ["Share on Facebook"] + [paragraph(k) for k in range(MODEL_MIN_BLOCKS)]
    result = run(lines)
    assert _kept(result, paragraph(0))
    assert _kept(result, paragraph(2))
    assert _kept(result, paragraph(1)) is kept
    assert not _kept(result, paragraph(3))  # outside the span, below MODEL_KEEP


@pytest.mark.parametrize(
    ("source", "words", "kept"),
    [
        (1, INNER_REPEAT_MAX_WORDS + 1, True),
        (3, INNER_REPEAT_MAX_WORDS, True),
        (3, INNER_REPEAT_MAX_WORDS + 1, False),
    ],
    ids=["before-span", "in-span-at", "in-span-above"],
)
def test_inner_repeats(
    monkeypatch: pytest.MonkeyPatch, source: int, words: int, kept: bool
) -> None:
    # a repeat inside the model's kept span counts as a line of its own when its first
    # copy lies before the span (a table of contents above the article's headings), or,
    # up to INNER_REPEAT_MAX_WORDS, when its first copy is inside the span too (a label
    # recurring in the body); a longer repeat of a line of the span stays a duplicate
    heading = " ".join(" ".join(["Why the market matters to the town"] * 3).split()[:words])
    assert len(heading.split()) == words
    lines = ["Share on Facebook", paragraph(90), paragraph(0), paragraph(1), paragraph(2)]
    lines[source] = heading
    lines.insert(5, heading)  # the repeat, inside the span (blocks 2..6)
    lines.append(paragraph(3))
    lines += [paragraph(k) for k in range(10, 10 + MODEL_MIN_BLOCKS)]
    probs = {2: MODEL_KEEP, 3: MODEL_KEEP, 4: MODEL_KEEP, 5: MODEL_KEEP_INSIDE, 6: MODEL_KEEP}
    monkeypatch.setattr(classify_module, "line_model", lambda: _ByIndexLineModel(probs))
    # no headline on this page: a repeat of the headline stays a duplicate anyway
    monkeypatch.setattr(classify_module, "_pick_title", lambda *_args: (None, ""))
    result = run(lines)
    repeat = result[5]
    assert repeat.block.text == heading
    assert (repeat.label is not Label.REMOVED) is kept
    assert kept or repeat.kind is Kind.DUPLICATE


@pytest.mark.parametrize(
    ("p", "link_density", "kept"),
    [
        (SIBLING_TAIL_KEEP, 0.0, True),
        (SIBLING_TAIL_KEEP - EPS, 0.0, False),
        (SIBLING_TAIL_KEEP, DOM_LINK_DENSITY_MAX, True),
        (SIBLING_TAIL_KEEP, DOM_LINK_DENSITY_MAX + EPS, False),
    ],
)
def test_sibling_tail_keep(p: float, link_density: float, kept: bool) -> None:
    # after the last kept block, its following siblings (same parent) are kept from
    # SIBLING_TAIL_KEEP on, unless they are link lines; the run ends at another parent
    # or at a block with a kind
    head = [block(f"Item {k} of the list.", k, parent=7) for k in range(SIBLING_TAIL_MIN_KEPT)]
    blocks = (
        *head,
        block("Second item of the list.", 1, parent=7, link_density=link_density),
        block("Third item of the list.", 2, parent=7),
        block("Share on Facebook", 3, parent=7),
        block("Fourth item of the list.", 4, parent=7),
        block("Footer line of the site.", 5, parent=8),
    )
    plain = classify_module._Decision(Content.SHORT, "synthetic")
    share = classify_module._Decision(Content.BAD, "synthetic", Kind.SHARE)
    decisions = [plain] * len(head) + [plain, plain, share, plain, plain]
    probs = [MODEL_KEEP] * len(head) + [p, SIBLING_TAIL_KEEP, 1.0, 1.0, 1.0]
    usable = [d.kind is None for d in decisions]
    before = [True] * len(head) + [False] * 5
    out = classify_module._sibling_tail(
        blocks, decisions, usable, before, probs, floor=SIBLING_TAIL_KEEP
    )
    tail = out[len(head) :]
    assert tail[0] is kept
    assert tail[1]  # the run goes on past a block it does not keep
    assert tail[2:] == [False, False, False]  # a kind ends the run
    # with one kept sibling fewer, the tail is left alone
    fewer = [True] * (len(head) - 1) + [False] * 6
    out = classify_module._sibling_tail(
        blocks, decisions, usable, fewer, probs, floor=SIBLING_TAIL_KEEP
    )
    assert out == fewer


def test_sibling_tail_takes_in_a_sibling_list() -> None:
    # a list right after the last kept block (a heading leading it) joins the run;
    # a list elsewhere on the page does not
    head = [
        block(f"Paragraph {k} of the story.", k, parent=3, path="div.story/div.row/p")
        for k in range(SIBLING_TAIL_MIN_KEPT)
    ]
    item = block("First team of the group", 9, parent=4, path="div.row/ul/li", in_list=True)
    other = block("Other list item", 9, parent=5, path="div.side/ul/li", in_list=True)
    plain = classify_module._Decision(Content.SHORT, "synthetic")
    for last, expected in ((item, True), (other, False)):
        blocks = (*head, last)
        n = len(blocks)
        out = classify_module._sibling_tail(
            blocks,
            [plain] * n,
            [True] * n,
            [True] * (n - 1) + [False],
            [MODEL_KEEP] * (n - 1) + [SIBLING_TAIL_KEEP],
            floor=SIBLING_TAIL_KEEP,
        )
        assert out[-1] is expected


def test_sibling_tail_needs_a_parent() -> None:
    # text pages (no DOM parent) are left as they are
    blocks = (block("First line.", 0), block("Second line.", 1), block("Third line.", 2))
    plain = classify_module._Decision(Content.SHORT, "synthetic")
    before = [True, True, False]
    out = classify_module._sibling_tail(
        blocks, [plain] * 3, [True] * 3, before, [1.0] * 3, floor=SIBLING_TAIL_KEEP
    )
    assert out == before


# --- HTML: repeats inside the main content, captions, forums -----------------------------


def _inside(text: str, index: int, words: int, parent: int = 1) -> Block:
    """A short paragraph inside the DOM's main content, at a fixed depth."""
    return block(text, index, words=words, tag="p", depth=6, dom_content=True, parent=parent)


@pytest.mark.parametrize(
    ("words", "duplicate"),
    [(DUPLICATE_INSIDE_MAX_WORDS, False), (DUPLICATE_INSIDE_MAX_WORDS + 1, True)],
    ids=["at", "above"],
)
def test_duplicate_inside_max_words(words: int, duplicate: bool) -> None:
    line = "Eat every two to three hours"
    blocks = (
        _inside("Meal one", 0, 2),
        _inside(line, 1, words),
        _inside("Meal two", 2, 2),
        _inside(line, 3, words),
    )
    decisions = [_Decision(Content.GOOD, "synthetic")] * len(blocks)
    assert (3 in _duplicates(blocks, decisions)) is duplicate


@pytest.mark.parametrize(("parent", "duplicate"), [(1, False), (2, True)])
def test_repeat_with_a_repeated_neighbour_is_a_copy_elsewhere(parent: int, duplicate: bool) -> None:
    # the same two lines again: in the same element a repeated plan, in another a copy
    line = "Eat every two to three hours"
    blocks = (
        _inside("Meal one", 0, 2),
        _inside(line, 1, 6),
        _inside("Meal one", 2, 2, parent),
        _inside(line, 3, 6, parent),
    )
    decisions = [_Decision(Content.GOOD, "synthetic")] * len(blocks)
    assert (3 in _duplicates(blocks, decisions)) is duplicate


def _caption_page(words: int, blocks: int = 1) -> list[int]:
    caption = " ".join(["dog"] * words)
    inner = "".join(f"<p>{caption}</p>" for _ in range(blocks))
    raws = segment_html(parse_html(f'<div class="wp-caption">{inner}</div><p>Text here.</p>'))
    pre = [_Pre(r.text, features(r.text, EN_STOP), 0.0, 0) for r in raws]
    return sorted(_caption_blocks(raws, pre))


def test_caption_element_max_words() -> None:
    assert _caption_page(CAPTION_ELEMENT_MAX_WORDS) == [0]
    assert _caption_page(CAPTION_ELEMENT_MAX_WORDS + 1) == []


def test_caption_element_max_blocks() -> None:
    assert _caption_page(2, CAPTION_ELEMENT_MAX_BLOCKS) == list(range(CAPTION_ELEMENT_MAX_BLOCKS))
    assert _caption_page(2, CAPTION_ELEMENT_MAX_BLOCKS + 1) == []


def test_caption_class_tokens() -> None:
    for token in ("caption", "wp-caption-text", "image-caption", "newsCaption", "media__caption"):
        assert CAPTION_CLASS.search(token), token
    for token in ("item-caption", "product-caption", "caption-source", "captions.tpl"):
        assert not CAPTION_CLASS.search(token), token


def _forum_page(article_chars: int) -> str:
    article = sentence(article_chars)
    replies = "".join(
        f'<li class="comment"><p>{sentence(200, seed=n)} Reply {n}.</p></li>' for n in range(20)
    )
    return (
        f"<html><body><div class='wrap'><div class='text'><p>{article}</p></div>"
        f"<ol class='comment-list'>{replies}</ol></div></body></html>"
    )


def test_forum_article_min_share() -> None:
    # 20 replies of about 210 characters each; the article's share decides forum or article
    replies = 20 * len(sentence(200) + " Reply 10.")
    below = int(FORUM_ARTICLE_MIN_SHARE * replies / (1 - FORUM_ARTICLE_MIN_SHARE)) - 80
    above = int(FORUM_ARTICLE_MIN_SHARE * replies / (1 - FORUM_ARTICLE_MIN_SHARE)) + 80
    assert "Reply 3." in clean(_forum_page(below)).body
    assert "Reply 3." not in clean(_forum_page(above)).body


def _shell_page(outside_chars: int, inside_chars: int) -> str:
    outside = sentence(outside_chars)
    inside = sentence(inside_chars, seed=1)
    return (
        f"<html><body><div class='app'><p>{outside}</p></div>"
        f"<noscript><div class='thread'><p>{inside} Fallback.</p></div></noscript></body></html>"
    )


def test_shell_max_share() -> None:
    # the text outside <noscript> against the page's text with it: under the share,
    # the page is a script shell and its <noscript> fallback is read
    inside = 2000
    total = inside + len(" Fallback.")
    at = int(SHELL_MAX_SHARE * total / (1 - SHELL_MAX_SHARE))
    assert "Fallback." in clean(_shell_page(at - 40, inside)).text
    assert "Fallback." not in clean(_shell_page(at + 40, inside)).text


def test_an_opening_post_built_like_its_replies_is_no_article() -> None:
    # the replies are marked as comments ("forum-post-reply"); the opening post shares
    # their markup, so it is one of the thread's posts, not an article beside comments
    post = '<div class="forum-post {}"><div class="forum-post-content"><p>{}</p></div></div>'
    opening = post.format("forum-post-original", sentence(600))
    replies = "".join(
        post.format("forum-post-reply", f"{sentence(300, seed=n)} Reply {n}.") for n in range(8)
    )
    page = f"<html><body><div class='forum-thread'>{opening}{replies}</div></body></html>"
    assert "Reply 3." in clean(page).body
    # built differently, the opening post is an article and the replies its comments
    article = f'<div class="story"><div class="entry-content"><p>{sentence(600)}</p></div></div>'
    page = f"<html><body><div class='forum-thread'>{article}{replies}</div></body></html>"
    assert "Reply 3." not in clean(page).body


def test_references_class_tokens() -> None:
    for value in ("references", "article__references", "reflist", "mw-references-wrap x"):
        assert REFERENCES_CLASS.search(value), value
    for value in ("preferences", "referenced-item", "refs"):
        assert not REFERENCES_CLASS.search(value), value


@pytest.mark.parametrize(
    ("label", "link_line"),
    [("Read more", True), ("See also more", True), ("See also more here", False)],
    ids=["two-words", "at-max", "above-max"],
)
def test_link_label_max_words(label: str, link_line: bool) -> None:
    # a label of up to LINK_LABEL_MAX_WORDS words and a colon may lead a link line
    assert len(label.split()) <= LINK_LABEL_MAX_WORDS or not link_line
    link = "Plague confirmed in two patients"
    text = f"{label}: {link}"
    density = len(link) / len(text)
    out = _link_lines(
        (
            _para(block("x" * 400, 0, tag="p")),
            _para(block(text, 1, tag="p", words=len(text.split()), link_density=density)),
        )
    )
    assert (out[1].label is Label.REMOVED) is link_line


@pytest.mark.parametrize(
    ("density", "words", "removed"),
    [
        (LINK_LINE_FULL_DENSITY, 2 * LINK_LINE_MAX_WORDS, True),
        (LINK_LINE_FULL_DENSITY, 2 * LINK_LINE_MAX_WORDS + 1, False),
        (LINK_LINE_FULL_DENSITY - 0.01, LINK_LINE_MAX_WORDS + 1, False),
    ],
    ids=["at", "too-long", "not-all-link"],
)
def test_link_line_full_density(density: float, words: int, removed: bool) -> None:
    out = _link_lines(
        (
            _para(block("x" * 400, 0, tag="p")),
            _para(_link_line(1, words=words, link_density=density)),
        )
    )
    assert (out[1].label is Label.REMOVED) is removed


@pytest.mark.parametrize(("extra", "removed"), [(0, True), (1, False)], ids=["at", "above"])
def test_labelled_link_line_max_words(extra: int, removed: bool) -> None:
    # a labelled link line may run to LINK_LABEL_MAX_WORDS + 2 * LINK_LINE_MAX_WORDS words
    words = LINK_LABEL_MAX_WORDS + 2 * LINK_LINE_MAX_WORDS + extra
    text = "Read more: " + " ".join(["quokka"] * (words - 2))
    density = (len(text) - len("Read more: ")) / len(text)
    out = _link_lines(
        (
            _para(block("x" * 2000, 0, tag="p")),  # keeps the line under the share
            _para(block(text, 1, tag="p", words=words, link_density=density)),
        )
    )
    assert (out[1].label is Label.REMOVED) is removed


@pytest.mark.parametrize(
    ("digits", "running"),
    [(DIGIT_SHARE_MAX, True), (DIGIT_SHARE_MAX + 0.01, False)],
    ids=["at", "above"],
)
def test_running_text_digit_share(digits: float, running: bool) -> None:
    # a reply list's "title [author] 08-11 17:20 124 [137/0]" lines do not choose the container
    base = block("synthetic", words=2 * RUNNING_TEXT_MIN_WORDS, cjk=True, digit_share=digits)
    pre = _Pre(base.text, base.features, 0.0, 0)
    assert _running_text(pre, has_stoplist=True) is running


def _container_gap(gap: int, *, repeat_at: int | None = None) -> tuple[LabelledBlock, ...]:
    """Two kept paragraphs of the container with ``gap`` short lines removed by position."""
    out: list[LabelledBlock] = [_para(block("x" * 400, 0, tag="p", dom_content=True))]
    for k in range(gap):
        line = block("Two spoons", len(out), tag="p", dom_content=True, words=2)
        line = dataclasses.replace(
            line, features=dataclasses.replace(line.features, stopword_density=0.0)
        )
        repeated = k == repeat_at
        reason = "repeated block (first at line 1)" if repeated else "short; after the main content"
        kind = Kind.DUPLICATE if repeated else Kind.FOOTER
        out.append(LabelledBlock(line, Label.REMOVED, reason, kind))
    out.append(_para(block("y" * 400, len(out), tag="p", dom_content=True)))
    return tuple(out)


def _pass(labelled: tuple[LabelledBlock, ...]) -> tuple[LabelledBlock, ...]:
    blocks = tuple(lb.block for lb in labelled)
    page = _Page(blocks, {}, "div", frozenset(), frozenset(), frozenset())
    return _container_pass(labelled, page)


def test_container_gap_max_blocks() -> None:
    out = _pass(_container_gap(CONTAINER_GAP_MAX_BLOCKS))
    assert all(lb.label is Label.PARAGRAPH for lb in out)
    # a longer run between kept blocks is a widget the container holds
    out = _pass(_container_gap(CONTAINER_GAP_MAX_BLOCKS + 1))
    assert all(lb.label is Label.REMOVED for lb in out[1:-1])
    # a repeated block inside the run is passed over and stays removed
    out = _pass(_container_gap(CONTAINER_GAP_MAX_BLOCKS + 1, repeat_at=1))
    assert [lb.label is Label.REMOVED for lb in out[1:-1]] == [False, True, False, False]


def _body_class_page(inside: int, promo_chars: int) -> frozenset[str]:
    """``inside`` paragraphs of class ``story-para`` in the container, one beside it, promos."""
    paras = "".join(f'<p class="story-para">{"w " * 50}</p>' for _ in range(inside))
    promos = f'<p class="promo">{"v " * (promo_chars // 2)}</p>'
    html = (
        f'<html><body><div class="top"><p class="story-para">{"u " * 20}</p></div>'
        f'<div class="body">{paras}{promos}</div></body></html>'
    )
    raws = segment_html(parse_html(html))
    first = [_Pre(r.text, features(r.text, frozenset()), 0.0, 0) for r in raws]
    chains = [_ancestors(r.frame) for r in raws]
    container = next(f for c in chains for f in c if f.name.startswith("div.body"))
    return _body_classes(raws, first, chains, [True] * len(raws), container)


def test_body_class_thresholds() -> None:
    para_chars = len(" ".join(["w"] * 50))
    share_chars = math.ceil(BODY_CLASS_MIN_BLOCKS * para_chars / BODY_CLASS_MIN_SHARE)
    promo = share_chars - BODY_CLASS_MIN_BLOCKS * para_chars
    assert _body_classes_ok(BODY_CLASS_MIN_BLOCKS, promo)
    # promos outweighing the paragraphs, or too few paragraphs, name no body class
    assert not _body_classes_ok(BODY_CLASS_MIN_BLOCKS, promo + 10)
    assert not _body_classes_ok(BODY_CLASS_MIN_BLOCKS - 1, 0)


def _body_classes_ok(inside: int, promo_chars: int) -> bool:
    return "story-para" in _body_class_page(inside, promo_chars)


def test_reconcile_language_keeps_a_confirmed_declaration(monkeypatch: pytest.MonkeyPatch) -> None:
    english = "The results came in late and the home team won the game by two points. " * 3
    german = "Der Markt reagiert euphorisch, und die Regierung hat das so gewollt. " * 3
    # the stopword guess fooled by a list of names: langdetect confirms the declaration
    monkeypatch.setattr(lang_module, "_stopword_guess", lambda _sample: "fi")
    assert reconcile_language(english, "en") == "en"
    assert reconcile_language(english, None) == "fi"
    monkeypatch.undo()
    # a declaration both detectors contradict is overridden
    assert reconcile_language(german, "en") == "de"
    assert reconcile_language("", "en") == "en"


def test_image_class_tokens() -> None:
    for token in ("image", "photo", "img lazy", "picture"):
        assert IMAGE_CLASS.search(token), token
    for token in ("image-text", "photo-essay", "images", "hero-image"):
        assert not IMAGE_CLASS.search(token), token
    # text inside a div.image is read as its caption, within the caption limits
    caption = " ".join(["dog"] * CAPTION_ELEMENT_MAX_WORDS)
    raws = segment_html(parse_html(f'<div class="image"><p>{caption}</p></div><p>Text here.</p>'))
    pre = [_Pre(r.text, features(r.text, EN_STOP), 0.0, 0) for r in raws]
    assert sorted(_caption_blocks(raws, pre)) == [0]


def test_form_fields_stay_removed() -> None:
    # a short form line (a field label) gets a kind, so the line model cannot keep it
    for words, kind in ((LENGTH_LOW - 1, Kind.TEMPLATE), (LENGTH_LOW, None)):
        field = block("Name (required)", 0, tag="div", in_form=True, words=words)
        decision = _dom_decision(field)
        assert decision is not None
        assert decision.content is Content.BAD
        assert decision.kind is kind


def test_dom_headings_read_the_page_language_lexicon() -> None:
    # a heading of the main content in the page's own lexicon is left to the lexicon pass
    heading = block(
        "Самые популярные диеты", 0, tag="h2", heading_level=2, dom_content=True, words=3
    )
    assert _dom_decision(heading, "ru") is None
    decision = _dom_decision(heading)
    assert decision is not None
    assert decision.content is Content.GOOD


def test_node_property_class_tokens() -> None:
    from cleanread.html import _class_kind

    # Drupal's node state and type classes describe the article, not an element's role
    assert _class_kind("node node--type-recipe node--promoted")[0] is None
    assert _class_kind("node node-promoted node-sticky")[0] is None
    assert _class_kind("node--type-newsletter-article")[0] is None
    # the same words as roles still count
    assert _class_kind("promoted-content")[0] is Kind.AD
    assert _class_kind("newsletter-signup")[0] is Kind.NEWSLETTER


def test_widget_and_rail_class_tokens() -> None:
    from cleanread.html import _class_kind

    # an ad or promo zone's widget
    assert _class_kind("smg-zone-widget")[0] is Kind.TEMPLATE
    assert _class_kind("rail__item")[0] is Kind.RELATED
    assert _class_kind("right-rail")[0] is Kind.RELATED
    # page builders and editors wrap content in "...-widget" elements: they say nothing
    # (WordPress "widget_*" classes too: page builders put whole articles in them)
    tokens = ("elementor-widget", "product-widget", "widget_text", "widget", "guardrail")
    for token in (*tokens, "pg-rail-tall__body"):
        assert _class_kind(token)[0] is None, token


def test_body_words_leave_one_out_matches_recomputing() -> None:
    texts = [
        "quokka harbour wombat ferry " * 3,
        "harbour lighthouse keeper quokka morning tide",
        "a short line",
        "wombat burrow harbour evening ferry timetable",
        "lighthouse keeper " * LEDE_WORDS,
    ]
    blocks = tuple(
        block(t, index=k, words=max(BODY_VOCAB_MIN_WORDS, len(t.split())))
        for k, t in enumerate(texts)
    )
    in_body = (True, True, True, False, True)
    body_words = _BodyWords.of(blocks, in_body)
    for i in (0, 1, 4):
        rest = tuple(b and k != i for k, b in enumerate(in_body))
        rebuilt = _BodyWords.of(blocks, rest)
        vocab, lede = rebuilt.vocab, rebuilt.lede
        expected = (_shared(blocks[i].text, vocab), _shared(blocks[i].text, lede))
        assert body_words.shared_without(i) == expected


def test_needle_min_chars() -> None:
    short = "x" * (NEEDLE_MIN_CHARS - 1)
    assert pattern_needles(f"^{short}$") == ()
    assert pattern_needles(f"^{short}x$") == (f"{short}x",)
    # a needle must be in every match: optional parts never give one
    assert pattern_needles(r"^(the )?comments?$") == ("comment",)
    assert all(n in "read also" for n in pattern_needles(r"^(read|see) (more|also)$")[1:])


# --- tables: runs of rows (cells joined by a tab) next to kept blocks -------------------


def _table_page(rows: list[str], gap: int) -> tuple[tuple[Block, ...], list[bool]]:
    """Kept text, ``gap - 1`` dropped lines, ``rows`` (dropped), the same gap, kept text."""
    filler = [block(f"Line {k}", 0, words=2, terminal_punct=False) for k in range(gap - 1)]
    middle = [block(r, 0, words=2, terminal_punct=False) for r in rows]
    texts = [block(paragraph(0)), *filler, *middle, *filler, block(paragraph(1))]
    blocks = tuple(dataclasses.replace(b, index=k) for k, b in enumerate(texts))
    kept = [k in (0, len(blocks) - 1) for k in range(len(blocks))]
    return blocks, kept


@pytest.mark.parametrize(
    ("rows", "gap", "kept"),
    [
        (TABLE_MIN_ROWS, TABLE_GAP_MAX, True),
        (TABLE_MIN_ROWS - 1, TABLE_GAP_MAX, False),
        (TABLE_MIN_ROWS, TABLE_GAP_MAX + 1, False),
        (TABLE_MIN_ROWS, 1, True),
    ],
)
def test_table_min_rows_and_gap_max(rows: int, gap: int, kept: bool) -> None:
    # a run of TABLE_MIN_ROWS rows or more, with kept blocks within TABLE_GAP_MAX
    # blocks on both sides, is kept whole; a lone row or a far table is left alone
    blocks, before = _table_page([f"Cell {k}\t{k}" for k in range(rows)], gap)
    out = classify_module._tables(blocks, [True] * len(blocks), before)
    table = [k for k, b in enumerate(blocks) if "\t" in b.text]
    assert all(out[k] is kept for k in table)
    assert not any(out[k] for k, b in enumerate(blocks) if b.text.startswith("Line"))


def test_table_cells_share() -> None:
    # the rows' cell counts must mostly agree: at TABLE_CELLS_SHARE of the rows
    # with the most common count the run is a table, below it not
    agree = math.ceil(TABLE_CELLS_SHARE * 4)
    rows = ["a\tb"] * agree + ["a\tb\tc\td"] * (4 - agree)
    blocks, before = _table_page(rows, 1)
    assert all(classify_module._tables(blocks, [True] * len(blocks), before))
    rows = ["a\tb", "a\tb\tc", "a\tb\tc\td", "a\tb\tc\td\te"]
    share = 1 / len(rows)
    assert share < TABLE_CELLS_SHARE
    blocks, before = _table_page(rows, 1)
    assert classify_module._tables(blocks, [True] * len(blocks), before) == before


def test_table_rows_not_usable_or_link_like_stay_out() -> None:
    blocks, before = _table_page(["a\tb", "c\td", "e\tf"], 1)
    blocks = (
        *blocks[:2],
        dataclasses.replace(
            blocks[2],
            features=dataclasses.replace(blocks[2].features, link_like=LINK_LIKE_MAX + EPS),
        ),
        *blocks[3:],
    )
    usable = [True] * len(blocks)
    usable[3] = False  # a lexicon hit or a duplicate
    out = classify_module._tables(blocks, usable, before)
    assert out[1:4] == [True, False, False]


# --- lists: runs of short list-like lines between kept blocks ---------------------------


def _list_page(items: list[str], kept_items: int) -> tuple[tuple[Block, ...], list[bool]]:
    """Kept text, ``items`` (the first ``kept_items`` of them kept), kept text."""
    lines = [paragraph(0), *items, paragraph(1)]
    blocks = segment_text("\n".join(lines), EN_STOP)
    kept = [True] + [k < kept_items for k in range(len(items))] + [True]
    return blocks, kept


@pytest.mark.parametrize(
    ("items", "kept_items", "whole"),
    [
        (LIST_MIN_ITEMS, math.ceil(LIST_KEPT_SHARE * LIST_MIN_ITEMS), True),
        (LIST_MIN_ITEMS, math.ceil(LIST_KEPT_SHARE * LIST_MIN_ITEMS) - 1, False),
        (LIST_MIN_ITEMS - 1, 0, False),
        (4, math.ceil(LIST_KEPT_SHARE * 4), True),
        (4, math.ceil(LIST_KEPT_SHARE * 4) - 1, False),
    ],
)
def test_list_min_items_and_kept_share(items: int, kept_items: int, whole: bool) -> None:
    # a run of LIST_MIN_ITEMS list items or more between kept blocks, with
    # LIST_KEPT_SHARE of it kept, is kept whole
    blocks, before = _list_page([f"{k + 2} eggs from the farm" for k in range(items)], kept_items)
    out = classify_module._lists(blocks, [True] * len(blocks), before)
    assert out == ([True] * len(blocks) if whole else before)


def test_list_item_max_words() -> None:
    item = " ".join(["2", *["eggs"] * (LIST_ITEM_MAX_WORDS - 1)])
    assert classify_module._list_item(segment_text(item, EN_STOP)[0])
    longer = item + " more"
    assert not classify_module._list_item(segment_text(longer, EN_STOP)[0])
    # a sentence end, a table row or a plain short line is no list item
    for text in ("2 eggs.", "2\teggs", "Some eggs"):
        assert not classify_module._list_item(segment_text(text, EN_STOP)[0])
    for text in ("Weight: 254 g", "- two eggs", "\u2022 salt", "\u91cd\u91cf\uff1a254g"):
        assert classify_module._list_item(segment_text(text, EN_STOP)[0])


def test_list_needs_kept_neighbours() -> None:
    blocks, before = _list_page(["2 eggs", "1 onion", "Salt: a pinch"], 3)
    before = [*before[:-1], False]
    before[2] = False
    assert classify_module._lists(blocks, [True] * len(blocks), before) == before


@pytest.mark.parametrize(
    ("number_rows", "kept"),
    [
        (math.ceil(TABLE_END_NUMBER_ROWS * 4), True),
        (math.ceil(TABLE_END_NUMBER_ROWS * 4) - 1, False),
    ],
)
def test_table_end_number_rows(number_rows: int, kept: bool) -> None:
    # a table right after the body's last kept block is kept when at least
    # TABLE_END_NUMBER_ROWS of its rows hold a digit (data), not when they are a grid of words
    rows = [f"Row {k}\t{k} %" for k in range(number_rows)]
    rows += [f"Other page\tLink {chr(97 + k)}" for k in range(4 - number_rows)]
    lines = [paragraph(0), *rows, "Site footer"]
    blocks = segment_text("\n".join(lines), EN_STOP)
    before = [True] + [False] * (len(blocks) - 1)
    out = classify_module._tables(blocks, [True] * len(blocks), before)
    assert out[1:5] == [kept] * 4
    assert not out[5]  # the line after the table is no row


def _container_of(html: str) -> str | None:
    return _build_blocks(segment_html(parse_html(html)), frozenset()).container


_STORY = "Rain came back to the valley after a long dry summer and farmers cheered. " * 6


def _short_article_page(menu_chars: int) -> str:
    """One short paragraph in ``div.story`` beside a menu of ``menu_chars`` link text."""
    para = _STORY
    menu = "".join(f'<li><a href="/{i}">Section {i:04d}</a></li>' for i in range(menu_chars // 12))
    return (
        f'<html><body><div class="page"><ul class="links">{menu}</ul>'
        f'<div class="story"><p>{para}</p></div></div></body></html>'
    )


def test_container_grow_shown_max() -> None:
    para_chars = len(_STORY.strip())
    # the wrapper adds a small menu: the container grows to it
    small = int(para_chars * CONTAINER_GROW_SHOWN_MAX * 0.8)
    assert _container_of(_short_article_page(small)) != "div.story"
    # menus and rails of more than CONTAINER_GROW_SHOWN_MAX times the text stop the growth
    big = int(para_chars * CONTAINER_GROW_SHOWN_MAX * 1.3)
    assert _container_of(_short_article_page(big)) == "div.story"


def test_cjk_char_weight() -> None:
    def page(n: int) -> str:
        return f"<html><body><div class='story'><p>{'雨' * (n - 1)}。</p></div></body></html>"

    # a CJK paragraph needs CJK_CHAR_WEIGHT times fewer characters to make a container
    enough = math.ceil(CONTAINER_MIN_CHARS / CJK_CHAR_WEIGHT)
    assert _container_of(page(enough)) is not None
    assert _container_of(page(enough - 5)) is None
    words = "Words here. " * (enough // 12 + 1)
    latin = f"<html><body><div class='story'><p>{words}</p></div></body></html>"
    assert _container_of(latin) is None


def test_beside_content_min_share() -> None:
    teaser = "Teaser number 00 tells a long story about the weather in the hills today."
    body = "Rain came back to the valley and farmers cheered loudly. " * 8

    def page(teasers: int) -> str:
        rail = "".join(f"<p>{teaser.replace('00', f'{i:02d}')}</p>" for i in range(teasers))
        return (
            f'<html><body><div class="related-stories">{rail}</div>'
            f'<article class="story"><p>{body}</p></article></body></html>'
        )

    # the most teasers that leave the article BESIDE_CONTENT_MIN_SHARE of the running text
    most = int(len(body.strip()) * (1 / BESIDE_CONTENT_MIN_SHARE - 1) / len(teaser))
    # the rail beside such an article keeps its kind: the article is the container
    assert _container_of(page(most)) == "article.story"
    # beside a smaller share, the big rail is taken for the page's wrapper
    assert _container_of(page(most + 2)) != "article.story"


def _teaser_run(headings: int, gap: int, prose: int = 10) -> tuple[LabelledBlock, ...]:
    """Link headings with ``gap`` short kept lines after each, then ``prose`` paragraphs."""
    out: list[LabelledBlock] = []
    for _ in range(headings):
        out.append(
            LabelledBlock(
                block("A linked story headline", len(out), heading_level=3, link_density=1.0),
                Label.HEADING,
                "t",
            )
        )
        out.extend(
            _para(block("Business", len(out), words=LENGTH_LOW - 1, link_density=1.0))
            for _ in range(gap)
        )
    out.extend(
        _para(block("The article goes on with its own running text.", len(out)))
        for _ in range(prose)
    )
    return tuple(out)


def test_teaser_run_thresholds() -> None:
    out = _teaser_headings(_teaser_run(TEASER_RUN_MIN_HEADINGS, TEASER_GAP_MAX_BLOCKS))
    assert sum(lb.label is Label.REMOVED and lb.block.heading_level == 3 for lb in out) == (
        TEASER_RUN_MIN_HEADINGS
    )
    assert out[-1].label is Label.PARAGRAPH
    # fewer headings, or more lines between them, are not a teaser list
    labelled = _teaser_run(TEASER_RUN_MIN_HEADINGS - 1, TEASER_GAP_MAX_BLOCKS)
    assert _teaser_headings(labelled) == labelled
    labelled = _teaser_run(TEASER_RUN_MIN_HEADINGS, TEASER_GAP_MAX_BLOCKS + 1)
    assert _teaser_headings(labelled) == labelled
    # teasers outweighing the page's prose are a listing's content
    labelled = _teaser_run(TEASER_RUN_MIN_HEADINGS, TEASER_GAP_MAX_BLOCKS, prose=1)
    assert _teaser_headings(labelled) == labelled
    # link headings each leading running text are the article's sections
    sections = tuple(
        lb
        for k in range(TEASER_RUN_MIN_HEADINGS)
        for lb in (
            LabelledBlock(
                block("Product", 2 * k, heading_level=3, link_density=1.0), Label.HEADING, "t"
            ),
            _para(block("A long paragraph about the product and its uses.", 2 * k + 1)),
        )
    )
    assert _teaser_headings(sections) == sections


def test_lead_widget_thresholds() -> None:
    def pre(words: int, density: float) -> _Pre:
        text = " ".join(["story"] * words)
        return _Pre(text, features(text, frozenset()), density, 0)

    # a long block of link text between the headline and the container is a widget
    assert _lead_widget(pre(HTML_BYLINE_MAX_WORDS + 1, LINK_LINE_MIN_DENSITY))
    # a byline-length block, or a standfirst with some links, belongs to the lead
    assert not _lead_widget(pre(HTML_BYLINE_MAX_WORDS, 1.0))
    assert not _lead_widget(pre(3 * HTML_BYLINE_MAX_WORDS, LINK_LINE_MIN_DENSITY - 0.1))


def test_byline_after_title_kept() -> None:
    title = LabelledBlock(
        block("Council rebuilds the bridge", 0, words=4, heading_level=1), Label.HEADING, "t"
    )
    standfirst = _para(block("The vote ended a long quarrel over the old river crossing.", 1))
    date = LabelledBlock(
        block("Nov. 20, 2019, 9:28 AM UTC", 0, words=6, terminal_punct=False), Label.HEADING, "t"
    )
    body = _para(block("The council met on Monday and voted to rebuild the bridge.", 0))
    page = _Page((), {}, None, frozenset(), frozenset(), frozenset())

    def labels(before: int) -> list[Label]:
        rows = [title, *[standfirst] * before, date, body]
        rows = [
            dataclasses.replace(lb, block=dataclasses.replace(lb.block, index=k))
            for k, lb in enumerate(rows)
        ]
        return [lb.label for lb in _roles(tuple(rows), "Council rebuilds the bridge", page, "en")]

    # a bare date among the first BYLINE_AFTER_TITLE_KEPT kept blocks after the title
    assert labels(BYLINE_AFTER_TITLE_KEPT - 1)[BYLINE_AFTER_TITLE_KEPT] is Label.BYLINE
    # further down it is left to the other rules
    assert labels(BYLINE_AFTER_TITLE_KEPT)[BYLINE_AFTER_TITLE_KEPT + 1] is not Label.BYLINE


def _posts_page(replies: int, note_chars: int, wrappers: int = POST_MIN_WRAPPERS) -> bool:
    """Whether a thread adds ``replies`` posts and a note of ``note_chars`` to its first post.

    Each post nests ``wrappers`` classed elements in its root ``div.post``.
    """
    opening = "".join(f'<div class="w{k}">' for k in range(wrappers))
    closing = "</div>" * wrappers
    post = f'<div class="post">{opening}<p>{{}}</p>{closing}</div>'
    html = (
        '<html><body><div class="thread">'
        + post.format("w " * 100)
        + "".join(post.format("r " * 50) for _ in range(replies))
        + f'<div class="note"><div><p>{"n " * (note_chars // 2)}</p></div></div>'
        + "</div></body></html>"
    )
    raws = segment_html(parse_html(html))
    first = [_Pre(r.text, features(r.text, frozenset()), 0.0, 0) for r in raws]
    chains = [_ancestors(r.frame) for r in raws]
    root = next(f for f in chains[0] if f.name == "div.post")
    dom_kinds = [_boilerplate_kind(chain, None) for chain in chains]
    return _more_posts(
        root, first, chains, [False] * len(raws), [True] * len(raws), dom_kinds=dom_kinds
    )


def test_post_share() -> None:
    alike = 3 * len(" ".join(["r"] * 50))
    at = int(alike * (1 - POST_SHARE) / POST_SHARE)
    assert _posts_page(3, at - 4)
    assert not _posts_page(3, at + 6)


def test_post_min_blocks() -> None:
    assert _posts_page(POST_MIN_BLOCKS, 0)
    assert not _posts_page(POST_MIN_BLOCKS - 1, 0)


def test_post_min_wrappers() -> None:
    assert _posts_page(3, 0, POST_MIN_WRAPPERS)
    assert not _posts_page(3, 0, POST_MIN_WRAPPERS - 1)
