"""Line-level filters used as text-dump anchors: C4's rules and Gopher/FineWeb-style rules.

Both are written from the published descriptions of the rules (the C4 paper,
Raffel et al. 2020, and its TensorFlow Datasets pipeline; the Gopher paper,
Rae et al. 2021, and FineWeb's quality filters), applied to one page's text
dump with one block per line.
"""

from __future__ import annotations

import re

from bench.metric import normalize_space, tokenize

# --- C4 -----------------------------------------------------------------

C4_END_MARKS = (".", "?", "!", '"')
"""A kept line must end with one of these (ASCII only, as in C4)."""
C4_UNICODE_END_MARKS = (*C4_END_MARKS, "\u201d", "\u2019", "\u00bb")
"""Variant that also accepts typographic closing quotes (” ’ »), common in text dumps."""
C4_ELLIPSIS = "..."
C4_MIN_WORDS_PER_LINE = 3
C4_MAX_WORD_LENGTH = 1000
C4_MIN_SENTENCES = 5
C4_POLICY_SUBSTRINGS = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
_C4_CITATION_RE = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")


def count_sentences(text: str) -> int:
    """Roughly count sentences as runs of terminal punctuation before a space or the end.

    >>> count_sentences("One. Two! Three? 3.5 is a number.")
    4
    """
    return len(_SENTENCE_END_RE.findall(text))


def c4_filter(text: str, page_rules: bool = True, end_marks: tuple[str, ...] = C4_END_MARKS) -> str:
    """Apply C4's line rules to a text dump and return the kept lines.

    Line rules: drop lines with a word over 1,000 characters; remove citation
    markers such as ``[1]`` or ``[edit]``; keep only lines ending in terminal
    punctuation (``.``, ``?``, ``!``, ``"``) but not in ``...``; with at least 3
    words; without "javascript"; and without cookie or terms-of-use notices.

    ``end_marks`` can widen the terminal marks, e.g. to
    :data:`C4_UNICODE_END_MARKS`.

    Page rules (``page_rules=True``, as in C4): a line with "lorem ipsum" or a
    curly brace drops the whole page, as does keeping fewer than 5 sentences.
    C4's bad-words page filter is left out: it judges content, not boilerplate.

    >>> page = "Home\\nThis is a fine sentence here.\\nUse JavaScript now please.\\nShort one."
    >>> c4_filter(page, page_rules=False)
    'This is a fine sentence here.'
    >>> c4_filter(page)
    ''
    """
    kept: list[str] = []
    sentences = 0
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if any(len(word) > C4_MAX_WORD_LENGTH for word in line.split()):
            continue
        line = _C4_CITATION_RE.sub("", line).strip()
        if not line.endswith(end_marks) or line.endswith(C4_ELLIPSIS):
            continue
        if len(line.split()) < C4_MIN_WORDS_PER_LINE:
            continue
        lower = line.lower()
        if "lorem ipsum" in lower or "{" in line:
            if page_rules:
                return ""
            continue
        if "javascript" in lower:
            continue
        if any(policy in lower for policy in C4_POLICY_SUBSTRINGS):
            continue
        kept.append(line)
        sentences += count_sentences(line)
    if page_rules and sentences < C4_MIN_SENTENCES:
        return ""
    return "\n".join(kept)


# --- Gopher / FineWeb-style ----------------------------------------------

GOPHER_MIN_LINE_CHARS = 30
"""FineWeb counts lines of at most 30 characters as short; they are dropped."""
GOPHER_MIN_ALPHA_WORD_FRACTION = 0.8
"""Gopher: at least 80% of words must contain an alphabetic character."""
GOPHER_MAX_SYMBOL_RATIO = 0.1
"""Gopher: at most 0.1 hash or ellipsis symbols per word."""
GOPHER_MIN_MEAN_WORD_LENGTH = 3.0
GOPHER_MAX_MEAN_WORD_LENGTH = 10.0
GOPHER_MAX_CJK_FRACTION = 0.3
"""Above this share of Han/Kana tokens a line is not space-separated: no word-length rule."""
_ELLIPSES = ("...", "…")
_BULLETS = ("•", "●", "▪", "‣", "◦", "·", "-", "*", "»", "›")
_CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _gopher_keep_line(line: str) -> bool:
    if len(line) < GOPHER_MIN_LINE_CHARS:
        return False
    if line.endswith(_ELLIPSES) or line.startswith(_BULLETS):
        return False
    words = line.split()
    symbols = line.count("#") + sum(line.count(e) for e in _ELLIPSES)
    if symbols / len(words) > GOPHER_MAX_SYMBOL_RATIO:
        return False
    alpha_words = sum(1 for w in words if any(ch.isalpha() for ch in w))
    if alpha_words / len(words) < GOPHER_MIN_ALPHA_WORD_FRACTION:
        return False
    tokens = tokenize(line)
    cjk_tokens = sum(1 for t in tokens if _CJK_RE.match(t))
    if tokens and cjk_tokens / len(tokens) > GOPHER_MAX_CJK_FRACTION:
        return True
    mean_length = sum(len(w) for w in words) / len(words)
    return GOPHER_MIN_MEAN_WORD_LENGTH <= mean_length <= GOPHER_MAX_MEAN_WORD_LENGTH


def gopher_filter(text: str) -> str:
    """Apply Gopher-style quality rules line by line and return the kept lines.

    A line is kept when it is at least 30 characters long, is not a repeat of
    an earlier line, neither ends in an ellipsis nor starts with a bullet, has
    at most 0.1 ``#``/ellipsis symbols per word, has at least 80% of words with
    a letter and, for space-separated scripts, a mean word length of 3 to 10.

    >>> gopher_filter("Menu\\nThis line is long enough to be kept as body text.\\n"
    ...               "This line is long enough to be kept as body text.\\n# # # # # # # # # # # #")
    'This line is long enough to be kept as body text.'
    """
    seen: set[str] = set()
    kept: list[str] = []
    for raw_line in text.splitlines():
        line = normalize_space(raw_line)
        if not line or line in seen:
            continue
        seen.add(line)
        if _gopher_keep_line(line):
            kept.append(line)
    return "\n".join(kept)
