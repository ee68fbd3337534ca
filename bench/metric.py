"""Scoring functions: the shingle metric, the with/without snippet metric and field matches.

Everything here is a pure function over strings and numbers, so it can be
tested in isolation.

The shingle metric is the one of scrapinghub's article-extraction-benchmark:

1. tokens are the Unicode ``\\w+`` matches, except that every Han or Kana
   character is a token of its own (``\\w+`` would glue a whole Chinese or
   Japanese sentence into one token);
2. a text becomes the multiset of its 4-token shingles; a text with fewer
   than 4 tokens (but at least one) is one shingle;
3. per page, tp/fp/fn come from the multiset counts and are normalised to sum 1;
4. precision is the mean over pages with tp + fp > 0, recall the mean over pages
   with tp + fn > 0, and F1 = 2PR / (P + R) of those two means.

The snippet metric follows trafilatura's evaluation: whitespace-normalised
substring matching, counted over all pages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

SHINGLE_SIZE = 4
"""Number of tokens per shingle."""

_CJK_CLASS = (
    "\u3005-\u3007"  # ideographic iteration mark, closing mark, number zero
    "\u3040-\u309f"  # Hiragana
    "\u30a0-\u30ff"  # Katakana
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width Katakana
    "\U00020000-\U0003134f"  # CJK extensions B-G
)
_TOKEN_RE = re.compile(rf"[{_CJK_CLASS}]|(?:(?![{_CJK_CLASS}])\w)+")
_WHITESPACE_RE = re.compile(r"\s+")
_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
ISO_DATE_LENGTH = 10
"""Length of a ``YYYY-MM-DD`` prefix."""


def tokenize(text: str | None) -> list[str]:
    """Split ``text`` into ``\\w+`` tokens, with each Han/Kana character a token.

    >>> tokenize("Hello, world! It's 2024.")
    ['Hello', 'world', 'It', 's', '2024']
    >>> tokenize("中文abc 日本語です")
    ['中', '文', 'abc', '日', '本', '語', 'で', 'す']
    >>> tokenize(None)
    []
    """
    if not text:
        return []
    return _TOKEN_RE.findall(text)


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Return the multiset of ``size``-token shingles of ``text``.

    A text shorter than ``size`` tokens (but not empty) is a single shingle.

    >>> sorted(shingles("a b c d e").items())
    [(('a', 'b', 'c', 'd'), 1), (('b', 'c', 'd', 'e'), 1)]
    >>> shingles("a b")
    Counter({('a', 'b'): 1})
    >>> shingles("  ")
    Counter()
    """
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True)
class PageCounts:
    """Normalised tp/fp/fn of one page (they sum to 1, or are all 0)."""

    tp: float
    fp: float
    fn: float


def page_counts(gold: str | None, predicted: str | None) -> PageCounts:
    """Compare the shingle multisets of ``gold`` and ``predicted`` for one page.

    >>> page_counts("a b c d e", "a b c d e")
    PageCounts(tp=1.0, fp=0.0, fn=0.0)
    >>> page_counts("a b c d e", "")
    PageCounts(tp=0.0, fp=0.0, fn=1.0)
    >>> page_counts("a b c d e", "a b c d x")
    PageCounts(tp=0.3333333333333333, fp=0.3333333333333333, fn=0.3333333333333333)
    >>> page_counts("", "")
    PageCounts(tp=0.0, fp=0.0, fn=0.0)
    """
    gold_sh = shingles(gold)
    pred_sh = shingles(predicted)
    tp = fp = fn = 0
    for key in gold_sh.keys() | pred_sh.keys():
        g = gold_sh.get(key, 0)
        p = pred_sh.get(key, 0)
        tp += min(g, p)
        fp += max(0, p - g)
        fn += max(0, g - p)
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of a tool on a set."""

    precision: float
    recall: float
    f1: float
    pages: int


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean of ``precision`` and ``recall`` (0 when both are 0).

    >>> f1_score(0.5, 1.0)
    0.6666666666666666
    >>> f1_score(0.0, 0.0)
    0.0
    """
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def aggregate_shingles(counts: Sequence[PageCounts]) -> Scores:
    """Average per-page precision and recall as the scrapinghub benchmark does.

    Precision averages over pages where the tool output something (tp + fp > 0),
    recall over pages with gold text (tp + fn > 0).

    >>> s = aggregate_shingles([PageCounts(1.0, 0.0, 0.0), PageCounts(0.0, 0.0, 1.0)])
    >>> (s.precision, s.recall, round(s.f1, 4), s.pages)
    (1.0, 0.5, 0.6667, 2)
    """
    precisions = [c.tp / (c.tp + c.fp) for c in counts if c.tp + c.fp > 0]
    recalls = [c.tp / (c.tp + c.fn) for c in counts if c.tp + c.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    return Scores(precision, recall, f1_score(precision, recall), len(counts))


def normalize_space(text: str | None) -> str:
    """Collapse runs of whitespace into one space and strip the ends.

    >>> normalize_space("  a\\n\\t b  ")
    'a b'
    """
    if not text:
        return ""
    return _WHITESPACE_RE.sub(" ", text).strip()


@dataclass(frozen=True)
class SnippetCounts:
    """Snippet matches of one page (or summed over pages)."""

    tp: int
    fp: int
    fn: int


def snippet_counts(
    predicted: str | None, with_snippets: Iterable[str], without_snippets: Iterable[str]
) -> SnippetCounts:
    """Count "with" snippets found (tp) or missing (fn) and "without" snippets present (fp).

    >>> snippet_counts("The  main\\ntext here.", ["main text", "absent"], ["here", "menu"])
    SnippetCounts(tp=1, fp=1, fn=1)
    """
    text = normalize_space(predicted)
    tp = fn = fp = 0
    for snippet in with_snippets:
        if normalize_space(snippet) in text:
            tp += 1
        else:
            fn += 1
    for snippet in without_snippets:
        if normalize_space(snippet) in text:
            fp += 1
    return SnippetCounts(tp, fp, fn)


def aggregate_snippets(counts: Sequence[SnippetCounts]) -> Scores:
    """Micro-averaged precision, recall and F1 over all snippets of all pages.

    >>> aggregate_snippets([SnippetCounts(3, 1, 0), SnippetCounts(1, 0, 2)])
    Scores(precision=0.8, recall=0.6666666666666666, f1=0.7272727272727273, pages=2)
    """
    tp = sum(c.tp for c in counts)
    fp = sum(c.fp for c in counts)
    fn = sum(c.fn for c in counts)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return Scores(precision, recall, f1, len(counts))


def title_matches(gold: str, predicted: str | None) -> bool:
    """Whitespace-normalised, case-sensitive exact match of titles.

    >>> title_matches("A  Title", " A Title\\n")
    True
    >>> title_matches("A Title", "a title")
    False
    """
    return predicted is not None and normalize_space(gold) == normalize_space(predicted)


def author_matches(gold: str, predicted: str | None) -> bool:
    """Whitespace-normalised, case-insensitive exact match of author strings.

    >>> author_matches("Jane  Doe", "jane doe")
    True
    >>> author_matches("Jane Doe", None)
    False
    """
    if predicted is None:
        return False
    return normalize_space(gold).casefold() == normalize_space(predicted).casefold()


def iso_date_prefix(value: str | None) -> str | None:
    """Return the ``YYYY-MM-DD`` date at the start of ``value``, zero-padded.

    >>> iso_date_prefix("2005-5-7 21:23:57")
    '2005-05-07'
    >>> iso_date_prefix("2024-03-01T10:00:00Z")
    '2024-03-01'
    >>> iso_date_prefix("2019年11月2日")
    '2019-11-02'
    >>> iso_date_prefix("yesterday") is None
    True
    """
    if not value:
        return None
    match = _DATE_RE.match(value.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"[:ISO_DATE_LENGTH]


def date_matches(gold: str, predicted: str | None) -> bool:
    """Compare two dates on their ``YYYY-MM-DD`` prefix.

    >>> date_matches("2005-5-7 21:23:57", "2005-05-07")
    True
    >>> date_matches("2005-05-07", "2005-05-08")
    False
    """
    gold_day = iso_date_prefix(gold)
    return gold_day is not None and gold_day == iso_date_prefix(predicted)
