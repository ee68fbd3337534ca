"""Segment a page into a tuple of :class:`Block` with their :class:`Features`.

Text input: one non-blank line is one block, numbered by its 1-based input
line. HTML input is segmented by :mod:`cleanread.html` into the same Block
type, so one classifier serves both.
"""

from __future__ import annotations

import re

from cleanread.blocks import CJK, Block, Features

__all__ = ["features", "segment_text", "split_lines"]

_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"[^\S\t]+")
_TAB_SPACE = re.compile(r" ?\t[\t ]*")
_LINK_LIKE = re.compile(r"https?://|www\.|@\w|\.(com|org|net|de|html?)\b|[|»›•·]")
_UPPER = re.compile(r"[^\W\d_a-z]")  # cased letters that are not ASCII lower...
_CASED = re.compile(r"[^\W\d_]")
_ASCII_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_LOWER = _ASCII_UPPER.lower()
_ASCII_DIGITS = b"0123456789"
# Characters that end a sentence in the scripts we handle.
_TERMINAL = frozenset(".!?…。！？؟;:»\"'”’)]")
# Share of CJK characters among word characters that makes a block "CJK".
CJK_BLOCK_SHARE = 0.3
# Characters of a block measured for shares (stopwords, case, digits): a
# paragraph's opening is as telling as the whole, and the cost stays bounded.
FEATURE_WINDOW = 400
# In CJK text, this many characters count as one word (a word averages ~1.5-2 characters).
CJK_CHARS_PER_WORD = 2.0


def split_lines(text: str) -> list[str]:
    r"""Split on the line break styles \n, \r\n and \r.

    Other separators (U+2028, form feed...) count as spaces inside a line, so
    line numbers match what editors and ``wc -l`` show.

    >>> split_lines("a\r\nb\rc\u2028d")
    ['a', 'b', 'c\u2028d']
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def features(text: str, stoplist: frozenset[str]) -> Features:
    """Measure one block of whitespace-collapsed text.

    Word counts use the whole block; the shares (stopwords, case, digits, links)
    are measured on its first ``FEATURE_WINDOW`` characters, which keeps the cost
    per block bounded while a paragraph's opening is as telling as its whole.

    >>> f = features("Der Markt reagiert euphorisch.", frozenset({"der"}))
    >>> (f.words, round(f.stopword_density, 2), f.terminal_punct)
    (4, 0.25, True)
    >>> features("中国投资人工智能。", frozenset()).words
    4
    """
    chars = len(text)
    window = text if chars <= FEATURE_WINDOW else text[:FEATURE_WINDOW]
    tokens = _TOKEN.findall(window)
    cjk_chars = 0 if text.isascii() else len(CJK.findall(window))
    if cjk_chars:
        latin_tokens = [t for t in tokens if not CJK.search(t)]
        word_chars = sum(map(len, tokens)) or 1
        cjk = cjk_chars / word_chars >= CJK_BLOCK_SHARE
        # scale window counts to the whole block
        scale = chars / len(window)
        words = round((len(latin_tokens) + cjk_chars / CJK_CHARS_PER_WORD) * scale)
    else:
        latin_tokens = tokens
        cjk = False
        words = len(tokens) if chars <= FEATURE_WINDOW else text.count(" ") + 1
    if stoplist and latin_tokens:
        hits = sum(map(stoplist.__contains__, map(str.lower, latin_tokens)))
        density = hits / len(latin_tokens)
    elif stoplist and cjk_chars:
        # CJK: the share of characters that are function characters.
        density = sum(map(stoplist.__contains__, window)) / cjk_chars
    else:
        density = 0.0
    upper, cased, digits, letters = _char_counts(window)
    # letters of scripts without case (Devanagari, Arabic, Thai...) count against the
    # upper-case share: "HDFC" in a Hindi sentence is no shouted line (CJK is flagged apart)
    uncased = max(letters - cased - cjk_chars, 0)
    nonspace = len(window) - window.count(" ") or 1
    n_tokens = len(tokens) or 1
    link_like = len(_LINK_LIKE.findall(window)) / n_tokens
    title_case = sum(map(str.isupper, [t[0] for t in latin_tokens])) / (len(latin_tokens) or 1)
    return Features(
        chars=chars,
        words=words,
        stopword_density=density,
        terminal_punct=bool(text) and text[-1] in _TERMINAL,
        upper_share=upper / ((cased + uncased) or 1),
        digit_share=digits / nonspace,
        link_like=min(1.0, link_like),
        title_case=title_case,
        cjk=cjk,
    )


def _char_counts(window: str) -> tuple[int, int, int, int]:
    """Upper-case, cased, digit and letter characters of ``window``.

    ASCII text (most lines) is counted by deleting byte classes in C, which
    gives the same counts as ``str.isupper``/``islower``/``isdigit`` per char
    (every ASCII letter is cased).

    >>> _char_counts("Hello World 42"), _char_counts("Größe 42"), _char_counts("HDFC का")
    ((2, 10, 2, 10), (1, 5, 2, 5), (4, 4, 0, 5))
    """
    if window.isascii():
        raw = window.encode("ascii")
        size = len(raw)
        upper = size - len(raw.translate(None, _ASCII_UPPER))
        lower = size - len(raw.translate(None, _ASCII_LOWER))
        cased = upper + lower
        return upper, cased, size - len(raw.translate(None, _ASCII_DIGITS)), cased
    upper = sum(map(str.isupper, window))
    return (
        upper,
        upper + sum(map(str.islower, window)),
        sum(map(str.isdigit, window)),
        sum(map(str.isalpha, window)),
    )


def collapse(text: str) -> str:
    r"""Collapse runs of whitespace (tabs aside: they separate table cells) and strip.

    >>> collapse("  a  b  ")
    'a b'
    >>> collapse("cell one \t cell two")
    'cell one\tcell two'
    """
    line = text.strip()
    if "  " not in line and line.isprintable():
        return line  # no tab, no double space, no other whitespace: nothing to collapse
    return _TAB_SPACE.sub("\t", _SPACE.sub(" ", line)).strip()


def segment_text(text: str, stoplist: frozenset[str]) -> tuple[Block, ...]:
    r"""One Block per non-blank line, with its 1-based line number.

    >>> [b.text for b in segment_text("Title\n\n  Body  text.\n", frozenset())]
    ['Title', 'Body text.']
    """
    blocks: list[Block] = []
    blank_before = True
    for number, raw in enumerate(split_lines(text), start=1):
        line = collapse(raw)
        if not line:
            blank_before = True
            continue
        blocks.append(
            Block(
                index=len(blocks),
                text=line,
                first_line=number,
                last_line=number,
                features=features(line, stoplist),
                blank_before=blank_before,
            )
        )
        blank_before = False
    return tuple(blocks)
