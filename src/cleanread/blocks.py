"""The immutable values that flow through the pipeline.

``segment`` turns a page into a tuple of :class:`Block`; ``classify`` pairs each
block with a :class:`Label` (and, for removed blocks, a :class:`Kind`) and a
reason, giving :class:`LabelledBlock`; ``structure`` reads those into a
Document. Nothing here is ever mutated in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

__all__ = [
    "CELL_SEPARATOR",
    "CJK",
    "UNSPACED_SCRIPT",
    "Block",
    "Features",
    "Kind",
    "Label",
    "LabelledBlock",
]

CELL_SEPARATOR = "\t"
"""Joins the cells of an HTML data row (a ``<tr>`` block) into one line, as a text dump does."""
# Han, kana and hangul (with compatibility ideographs): the scripts of Chinese,
# Japanese and Korean text, counted by character rather than by word.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Han and kana only: the scripts written without spaces between words (Korean
# puts spaces between its words, so hangul is left out).
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class Kind(str, Enum):
    """Why a block was removed. Each kind is one key of ``Document.flags``."""

    AD = "ad"
    COMMENT_FORM = "comment_form"
    COMMENTS = "comments"
    NAVIGATION = "navigation"
    RELATED = "related"
    SHARE = "share"
    COOKIE_NOTICE = "cookie_notice"
    NEWSLETTER = "newsletter"
    FOOTER = "footer"
    TEMPLATE = "template"
    DUPLICATE = "duplicate"
    BOILERPLATE = "boilerplate"  # low-content line with no more specific kind


class Label(str, Enum):
    """What a block is, once classified."""

    TITLE = "title"
    CATEGORY = "category"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    CREDIT = "credit"
    BYLINE = "byline"  # author and/or date line, kept as metadata
    COMMENT = "comment"  # reader comment text (kept only with include_comments)
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Features:
    """Cheap per-block measurements used by the classifier."""

    chars: int
    words: int  # CJK-aware: each Han/Kana/Hangul character counts as a word
    stopword_density: float  # share of words that are stopwords of the page language
    terminal_punct: bool  # ends like a sentence (. ! ? … 。 ！ ？ ؟ ...)
    upper_share: float  # share of cased letters that are upper case
    digit_share: float  # share of non-space characters that are digits
    link_like: float  # share of "link-like" tokens: urls, @handles, separators
    title_case: float  # share of words starting with an upper-case letter
    cjk: bool  # mostly CJK script


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the page: a line of a text dump or a block element of HTML."""

    index: int  # position in the block tuple
    text: str  # whitespace-collapsed, stripped
    first_line: int | None  # 1-based input line (text input), None for HTML
    last_line: int | None
    features: Features
    blank_before: bool = True  # text input: a blank line (or the start) precedes it
    tag: str | None = None  # HTML: the element's tag ("p", "h2", "li", "td", "figcaption"...)
    heading_level: int = 0  # HTML: 1-6 for h1-h6, else 0
    path: str | None = None  # HTML: a short DOM path such as "body/div.main/p[3]"
    dom_kind: Kind | None = None  # HTML: boilerplate kind hinted by class/id tokens
    dom_content: bool = False  # HTML: inside an element whose class/id says "content"
    link_density: float = 0.0  # HTML: share of characters inside <a>
    in_list: bool = False
    in_table: bool = False
    in_figure: bool = False
    in_form: bool = False
    in_quote: bool = False  # HTML: inside a <blockquote>
    depth: int = 0
    parent: int | None = None  # HTML: number of the parent element, unique within the page


@dataclass(frozen=True, slots=True)
class LabelledBlock:
    """A block with its decision and the reason for it."""

    block: Block
    label: Label
    reason: str
    kind: Kind | None = None  # set when label is REMOVED (and for COMMENT: Kind.COMMENTS)
