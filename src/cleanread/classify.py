"""Label every block: a context-free pass, then context passes, jusText-style.

The algorithm reads top to bottom:

1. **Context-free pass.** Each block gets a content class from its own
   features (length, stopword density, sentence punctuation, link-likeness)
   and, when it is short enough, a boilerplate kind from the phrase lexicons.
2. **Duplicates.** A repeated headline or block keeps its first occurrence.
3. **Context pass.** Short and doubtful blocks take the class of their
   neighbours, as in jusText; boilerplate "header" lines (e.g. "Read also",
   "12 Comments") label the short lines that follow them.
4. **Main content.** Good blocks are grouped into clusters; the largest
   cluster (by characters) is the article; small far-away clusters are dropped.
5. **Roles.** Title, category, captions, credits, bylines and headings are
   picked among the blocks around and inside the main content.

Every decision carries a short reason naming the rule and its evidence.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from itertools import repeat
from operator import contains, mul

from cleanread.blocks import CELL_SEPARATOR, UNSPACED_SCRIPT, Block, Kind, Label, LabelledBlock
from cleanread.lexicon import phrase_matcher
from cleanread.meta import find_credit, find_date, parse_byline
from cleanread.model import (
    WINDOWS,
    BlockSignals,
    block_vectors,
    context_features,
    line_model,
    title_model,
)
from cleanread.options import Options

__all__ = ["TITLE_FEATURES", "Content", "classify", "content_class", "line_rows", "title_rows"]

# --- context-free thresholds (words are CJK-aware, see segment.features) ---
# Blocks with fewer words than this are "short": their fate is set by context.
LENGTH_LOW = 7
# Blocks with at least this many words and enough stopwords are good on their own.
LENGTH_HIGH = 15
# Stopword density at or above which a long block reads as running text.
STOPWORDS_HIGH = 0.30
# Stopword density below which a block does not read as running text at all.
STOPWORDS_LOW = 0.18
# Share of link-like tokens (urls, separators like | and ») above which a block is a link list.
LINK_LIKE_MAX = 0.25
# Share of digits above which a block is a table of numbers, a date or a counter.
DIGIT_SHARE_MAX = 0.35
# Share of upper-case letters above which a long block is shouting (menus, labels).
UPPER_SHARE_MAX = 0.7
# Lexicon hits count only on blocks up to this many words: a long sentence that
# merely mentions "cookies" or "share" is body text.
LEXICON_MAX_WORDS = 18
# Kinds whose distinctive phrases are trusted in longer blocks (risk warnings,
# consent notes), up to this many words.
LEXICON_LONG_KINDS = frozenset({Kind.AD, Kind.COOKIE_NOTICE, Kind.COMMENT_FORM, Kind.NEWSLETTER})
LEXICON_LONG_MAX_WORDS = 70
# ...and only when they read less like prose than this stopword density (risk
# warnings and consent notes are dense legalese; real paragraphs mentioning
# cookies are not worth the lexicon lookup).
LEXICON_LONG_MAX_STOPWORDS = 0.6

# HTML: share of a block's characters inside links above which it is navigation.
DOM_LINK_DENSITY_MAX = 0.5

# The line model keeps a block when P(body) reaches this (``favor`` shifts it).
# 0.5 -> 0.55 in session 4 with the blended model (line and aligned labels), whose
# probabilities run higher: text wcxb-dev .816 -> .819, sh .909 -> .908, held-out up.
MODEL_KEEP = 0.55
# Between the first and last kept block, a block is kept from this P(body) on
# (0.3 -> 0.25 in session 3: wcxb-dev text .814 -> .816, other sets level;
# 0.25 -> 0.28 in session 4 with the blended model, as MODEL_KEEP).
MODEL_KEEP_INSIDE = 0.28
# After the last kept block, its following siblings (same DOM parent, no kind, not
# link lines) are kept from this P(body) on: the model's probability fades along a
# long list or recipe, the DOM says the tail is the same run (session 4: of 0.0,
# 0.1, 0.2, 0.28, 0.0 lifted sh HTML most; sh .968 -> .972, other sets up too).
SIBLING_TAIL_KEEP = 0.0
# ...when the last kept block's parent holds at least this many kept blocks: one
# kept paragraph says little about its parent's later children (2, 3, 5 measured:
# sh .9718/.9717/.9713, wcxb-dev .8355/.8353/.8351, trafilatura-dev .931/.931/.930).
SIBLING_TAIL_MIN_KEPT = 2
# The line model reads up to max(WINDOWS) blocks either side of a block and was
# trained on whole text dumps, nearly all longer than this: on a shorter text page
# its removals are not trusted. (HTML blocks are what the DOM pass left open:
# their number says nothing about the page's length.)
MODEL_MIN_BLOCKS = 2 * max(WINDOWS) + 1
# On a longer page, a single kept block shorter than this (in words) is no body.
LONE_LINE_MAX_WORDS = 2 * LENGTH_HIGH

# --- tables: a row is one block whose cells are joined by CELL_SEPARATOR ---
# This many adjacent rows in a row make a table.
TABLE_MIN_ROWS = 2
# ...when at least this share of them have the run's most common number of cells.
TABLE_CELLS_SHARE = 0.5
# A table with kept blocks this close on both sides (1: right next to it) is part
# of the body: the line model reads each row alone, and its probability sags on
# rows of numbers and names, so a table inside an article kept only some rows.
TABLE_GAP_MAX = 2
# A table right after the body's last kept block (within TABLE_GAP_MAX) ends the
# body when at least this share of its rows hold a digit: a data table closing
# the article, not a grid of links to other pages.
TABLE_END_NUMBER_ROWS = 0.5

# --- lists: runs of short list-like lines (quantities, "label: value", bullets) ---
# This many adjacent list-like lines make a list.
LIST_MIN_ITEMS = 2
# A list item has at most this many words (and no sentence end).
LIST_ITEM_MAX_WORDS = 12
# A list with kept blocks right before and after it, of which at least this share
# is kept already, is kept whole: the line model's probability sags on the items.
LIST_KEPT_SHARE = 0.5
# A list item opens with a digit, a bullet, or a short label and a colon.
_LIST_ITEM = re.compile(
    r"\d|[-*\u2022\u00b7\u25cf\u25aa\u25e6\u2013\u2014]\s|[^:\uff1a]{1,30}[:\uff1a]\s*\S"
)

# --- pages without boilerplate evidence (text input) ---
# This many short lines in a row with no blank line between them read as a menu
# or a link list: evidence that the page holds boilerplate.
MENU_RUN_MIN = 2

# --- duplicates ---
# Blocks shorter than this (in characters) may repeat legitimately ("Reply", "1").
DUPLICATE_MIN_CHARS = 12
# Inside the DOM's main content, repeats up to this many words are the article's own lines.
DUPLICATE_INSIDE_MAX_WORDS = 25
# On a text page, a lone repeat up to this many words whose first copy is inside the
# line model's kept span too is a recurring label of the body ("Pros", "Disadvantages:"
# under each reviewed product), judged like any other line (wcxb-dev text .8187 -> .8204
# at 12; 6 and 25 words measured .8203 and .8204).
INNER_REPEAT_MAX_WORDS = 12
# Paragraph-like elements whose short repeats inside the main content are kept.
_ITEM_TAGS = frozenset({"p", "li", "dd", "dt", "td", "tr"})

# --- main content clustering ---
# A run of this many blocks with no good block ends a cluster of good blocks.
CLUSTER_GAP = 6
# A cluster is kept beside the main one when its characters reach this share of it.
CLUSTER_KEEP_SHARE = 0.25
# A cluster before a comment header is the article when it has this share of the
# largest cluster (found behind the header, i.e. long comments).
COMMENTS_OUTWEIGH = 0.3
# The body ends at a comment header once this many characters of body precede it...
COMMENTS_CUT_MIN_CHARS = 400
# ...and they are at least this share of all the body kept (else the header is in a menu).
COMMENTS_CUT_SHARE = 0.7
# A page whose running text after its first comment header is more than this
# many times that before it is a discussion (forum thread, Q&A): its replies are
# body text, so the header neither ends the body nor marks what follows it.
DISCUSSION_OUTWEIGH = 1.0
# A boilerplate "header" (Read also, Comments...) labels up to this many following short blocks.
ZONE_MAX_BLOCKS = 25

# --- roles ---
# How many blocks before the body are searched for the title.
TITLE_SCAN_BLOCKS = 40
# A title has between these many words.
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 2, 30
# A title or heading is at most this many characters.
TITLE_MAX_CHARS = 250
# Titles of this many words look most like headlines.
TITLE_GOOD_MIN_WORDS, TITLE_GOOD_MAX_WORDS = 3, 22
# A byline or date this many blocks after a candidate marks it as the headline.
TITLE_BYLINE_WINDOW = 4
# Below this score no block is taken as the title (hand weights)...
TITLE_MIN_SCORE = -2.5
# ...or below this probability (trained title model: the chance that a page's
# best candidate is its title; on wcxb-dev 0.03 drops 13 of 1467 picks, 1 right).
TITLE_MIN_PROBABILITY = 0.03
# A person's name on its own line has this many words.
NAME_MIN_WORDS, NAME_MAX_WORDS = 2, 4
# A category/kicker label has at most this many words and characters.
CATEGORY_MAX_WORDS, CATEGORY_MAX_CHARS = 3, 40
# A heading has at most this many words.
HEADING_MAX_WORDS = 20
# A heading phrased as a question or exclamation has at most this many words.
QUESTION_HEADING_MAX_WORDS = 12
# A caption has at most this many words.
CAPTION_MAX_WORDS = 40
# A byline or date line has at most this many words.
BYLINE_MAX_WORDS = 14
# Title, bylines and dates are looked for this many blocks into the body too.
HEAD_OVERLAP_BLOCKS = 3


class Content(str, Enum):
    """The content class of a block, before roles are assigned."""

    GOOD = "good"
    NEAR_GOOD = "near_good"
    SHORT = "short"
    BAD = "bad"


@dataclass(frozen=True, slots=True)
class _Decision:
    """A block's class and, for boilerplate, the kind and reason."""

    content: Content
    reason: str
    kind: Kind | None = None


def _shift(options: Options) -> float:
    return options.threshold_shift


def content_class(block: Block, shift: float = 0.0, *, has_stoplist: bool = True) -> _Decision:
    """The context-free class of one block (jusText's classify_paragraphs, on lines).

    ``shift`` > 0 asks for more evidence (``favor="precision"``).

    >>> from cleanread.segment import features
    >>> from cleanread.blocks import Block
    >>> def mk(t, stop): return Block(0, t, 1, 1, features(t, stop))
    >>> stop = frozenset("the a of and to in is it that was for on".split())
    >>> best = "It was the best of times and it was the worst of times for all of us."
    >>> content_class(mk(best, stop)).content
    <Content.GOOD: 'good'>
    >>> content_class(mk("Home", stop)).content
    <Content.SHORT: 'short'>
    """
    f = block.features
    words = f.words
    stop_high = STOPWORDS_HIGH + shift * 0.5
    stop_low = STOPWORDS_LOW + shift * 0.5
    if f.link_like > LINK_LIKE_MAX and words >= LENGTH_LOW:
        return _Decision(Content.BAD, f"link-like tokens {f.link_like:.2f} > {LINK_LIKE_MAX}")
    if f.digit_share > DIGIT_SHARE_MAX and words >= LENGTH_LOW:
        return _Decision(Content.BAD, f"digit share {f.digit_share:.2f} > {DIGIT_SHARE_MAX}")
    if words < LENGTH_LOW:
        return _Decision(Content.SHORT, f"short ({words} words < {LENGTH_LOW})")
    if words < LENGTH_HIGH and not f.terminal_punct:
        # Headlines, headings, menu entries and list items: context decides.
        return _Decision(Content.SHORT, f"headline-like ({words} words, no sentence end)")
    if f.upper_share > UPPER_SHARE_MAX and not f.cjk:
        return _Decision(Content.BAD, f"upper-case share {f.upper_share:.2f}")
    if not has_stoplist or (f.cjk and f.stopword_density == 0.0):
        # No stoplist for this language: sentence shape decides.
        if words >= LENGTH_HIGH and (f.terminal_punct or words >= 2 * LENGTH_HIGH):
            return _Decision(Content.GOOD, f"long sentence-like block ({words} words)")
        if f.terminal_punct:
            return _Decision(Content.NEAR_GOOD, f"sentence-like block ({words} words)")
        return _Decision(Content.BAD, f"no sentence punctuation ({words} words)")
    density = f.stopword_density
    if density >= stop_high and (words >= LENGTH_HIGH or f.terminal_punct):
        return _Decision(Content.GOOD, f"running text (stopwords {density:.2f}, {words} words)")
    if density >= stop_low:
        if words >= LENGTH_HIGH and f.terminal_punct:
            return _Decision(
                Content.GOOD, f"long sentence (stopwords {density:.2f}, {words} words)"
            )
        return _Decision(Content.NEAR_GOOD, f"near running text (stopwords {density:.2f})")
    if words >= 2 * LENGTH_HIGH and f.terminal_punct and density >= stop_low / 2:
        return _Decision(Content.NEAR_GOOD, f"long sentence, few stopwords ({density:.2f})")
    return _Decision(Content.BAD, f"few stopwords ({density:.2f} < {stop_low:.2f})")


def _lexicon_kind(block: Block, lang: str | None) -> tuple[Kind, str] | None:
    words = block.features.words
    if words > LEXICON_LONG_MAX_WORDS or (
        words > LEXICON_MAX_WORDS and block.features.stopword_density > LEXICON_LONG_MAX_STOPWORDS
    ):
        return None
    text = block.text
    if block.tag == "tr":
        # a data row's cell joints are the reader's, not a menu's separators: its first
        # cell says whether the row is boilerplate ("© 2024 ...", "Share")
        text = text.split(CELL_SEPARATOR, 1)[0]
    return _lexicon_hit(lang, words > LEXICON_MAX_WORDS, text)


# Distinct (language, length class, text) lexicon lookups remembered: menus, footers
# and share bars repeat the same short lines on every page of a site.
LEXICON_CACHE_SIZE = 1 << 14


@functools.lru_cache(maxsize=LEXICON_CACHE_SIZE)
def _lexicon_hit(lang: str | None, long: bool, text: str) -> tuple[Kind, str] | None:
    """The lexicon hit in ``text`` (long blocks: LEXICON_LONG_KINDS only); pure and cached."""
    if long:
        return phrase_matcher(lang, LEXICON_LONG_KINDS).find(text)
    return phrase_matcher(lang).find(text)


# Kinds whose lexicon hit opens a zone: the short blocks after it belong to it.


# Classes that decide a short block's neighbourhood (jusText skips near-good ones first).
_DECISIVE = frozenset({Content.GOOD, Content.BAD, Content.NEAR_GOOD})
_DECISIVE_SKIP_NEAR = frozenset({Content.GOOD, Content.BAD})


def _neighbours(
    decisions: list[_Decision], *, skip_near: bool
) -> tuple[list[Content], list[Content]]:
    """For each block, the class of the nearest non-short neighbour before and after it.

    jusText's _get_neighbour, computed for all blocks in two linear sweeps.
    Near-good blocks are skipped too when ``skip_near``; the page edges count as bad.
    """
    n = len(decisions)
    decisive = _DECISIVE_SKIP_NEAR if skip_near else _DECISIVE
    contents = [d.content for d in decisions]
    prev = [Content.BAD] * n
    last = Content.BAD
    for i, content in enumerate(contents):
        prev[i] = last
        if content in decisive:
            last = content
    nxt = [Content.BAD] * n
    last = Content.BAD
    for i in range(n - 1, -1, -1):
        nxt[i] = last
        if contents[i] in decisive:
            last = contents[i]
    return prev, nxt


def _smooth(decisions: list[_Decision]) -> list[_Decision]:
    """JusText's context-sensitive revision: short and near-good blocks follow their neighbours."""
    out = list(decisions)
    prev_s, next_s = _neighbours(decisions, skip_near=True)
    prev_n, next_n = _neighbours(decisions, skip_near=False)
    for i, d in enumerate(decisions):
        if d.content is not Content.SHORT or d.kind is not None:
            continue
        prev, nxt = prev_s[i], next_s[i]
        if prev is Content.GOOD and nxt is Content.GOOD:
            out[i] = _Decision(Content.GOOD, d.reason + "; between good blocks")
        elif prev is Content.BAD and nxt is Content.BAD:
            out[i] = _Decision(Content.BAD, d.reason + "; between boilerplate blocks")
        elif (prev is Content.BAD and prev_n[i] is Content.NEAR_GOOD) or (
            nxt is Content.BAD and next_n[i] is Content.NEAR_GOOD
        ):
            out[i] = _Decision(Content.GOOD, d.reason + "; next to near-good text")
    prev_s, next_s = _neighbours(out, skip_near=True)
    final = list(out)
    for i, d in enumerate(out):
        if d.content is not Content.NEAR_GOOD or d.kind is not None:
            continue
        if prev_s[i] is Content.BAD and next_s[i] is Content.BAD:
            final[i] = _Decision(Content.BAD, d.reason + "; between boilerplate blocks")
        else:
            final[i] = _Decision(Content.GOOD, d.reason + "; next to good text")
    return final


def _dom_decision(block: Block, lang: str | None = None) -> _Decision | None:
    """Evidence from the DOM (HTML input only): class/id kinds, forms, link lists, main content.

    ``cleanread.html`` sets ``dom_kind`` only where it is trusted and ``dom_content``
    for blocks inside the page's main content container. Returns None when the DOM
    says nothing decisive; text blocks always give None.
    """
    return _dom_evidence(block, lang)[0]


_LexiconHit = tuple[Kind, str] | None


def _dom_evidence(block: Block, lang: str | None) -> tuple[_Decision | None, bool, _LexiconHit]:
    """``_dom_decision``, with whether it looked the block up in the lexicon and the hit.

    The rule pass reuses that lookup instead of matching the block's text twice.
    """
    if block.tag is None:
        return None, False, None
    f = block.features
    if block.dom_kind is not None:
        return (
            _Decision(
                Content.BAD, f"class/id says {block.dom_kind.value} ({block.path})", block.dom_kind
            ),
            False,
            None,
        )
    if block.link_density > DOM_LINK_DENSITY_MAX and (
        f.words < LENGTH_HIGH * 2 or block.tag == "tr"
    ):
        # a long block of links may be prose with links; a long table row of them is a menu
        return (
            _Decision(
                Content.BAD, f"link density {block.link_density:.2f} > {DOM_LINK_DENSITY_MAX}"
            ),
            False,
            None,
        )
    if block.in_form:
        # a short line of a form is a field label or a button, never body text; longer
        # form text (a forum's posts are forms) is left to the line model to keep
        kind = Kind.TEMPLATE if f.words < LENGTH_LOW else None
        return _Decision(Content.BAD, f"inside a form ({block.path})", kind), False, None
    if not block.dom_content or f.words == 0:
        return None, False, None
    hit = _lexicon_kind(block, lang)
    if hit is not None:
        # boilerplate wording, in the page's language too: the lexicon pass names it
        return None, True, hit
    if block.heading_level and f.words <= HEADING_MAX_WORDS:
        return _Decision(Content.GOOD, f"<{block.tag}> heading inside the main content"), True, None
    if block.in_table and block.link_density <= DOM_LINK_DENSITY_MAX / 2:
        return _Decision(Content.GOOD, "table row inside the main content"), True, None
    base = content_class(block)
    if base.content is Content.GOOD or base.content is Content.NEAR_GOOD:
        return _Decision(Content.GOOD, base.reason + "; inside the main content"), True, None
    return None, True, None


def classify(
    blocks: tuple[Block, ...],
    lang: str | None,
    options: Options,
    *,
    has_stoplist: bool = True,
    template_hits: Mapping[int, tuple[Kind, str]] | None = None,
) -> tuple[LabelledBlock, ...]:
    """Label every block; the result has one LabelledBlock per input block, in order.

    ``template_hits`` maps block indexes to a kind and reason decided outside the
    page (site templates learned from a batch); they are trusted like lexicon hits.
    """
    if not blocks:
        return ()
    n = len(blocks)
    analysis = _analyse(blocks, lang, options, has_stoplist)
    context_free, decisions = analysis.context_free, analysis.decisions
    duplicate_of, in_body = analysis.duplicate_of, analysis.in_body
    body_start = next((i for i in range(n) if in_body[i]), n)
    body_end = max((i for i in range(n) if in_body[i]), default=-1)
    decisions = _zones(blocks, decisions, in_body)
    decisions = _propagate_kinds(blocks, decisions, in_body)
    if template_hits:
        decisions = _with_templates(decisions, template_hits)
        context_free = _with_templates(context_free, template_hits)

    # 5. roles
    labels: list[LabelledBlock | None] = [None] * n
    month_first = lang == "en"

    # title: the best-scoring headline-like block around the start of the body
    title_i, title_reason = _pick_title(blocks, context_free, duplicate_of, in_body, month_first)
    if title_i is not None:
        labels[title_i] = LabelledBlock(blocks[title_i], Label.TITLE, title_reason)
        # the headline printed again further down stays a repeat (see _inner_repeats)
        headline = blocks[title_i].text.casefold()
        duplicate_of = {
            **{
                i: title_i
                for i in range(title_i + 1, n)
                if decisions[i].kind is None and blocks[i].text.casefold() == headline
            },
            **duplicate_of,
        }
        # category: a short label right before the title, not part of a menu nor of the body
        c = title_i - 1
        if (
            c >= 0
            and not in_body[c]
            and decisions[c].kind is None
            and _category_like(blocks[c])
            and (
                c == 0
                or not _short_nav(blocks[c - 1])
                # menus are runs of adjacent lines; a label set apart by a blank line is not one
                or (blocks[c].blank_before and not blocks[c - 1].blank_before)
            )
        ):
            labels[c] = LabelledBlock(
                blocks[c], Label.CATEGORY, "short label right before the title"
            )

    # duplicates of the title and of other blocks
    for i, src in duplicate_of.items():
        if labels[i] is None and decisions[i].kind is not None:
            d = decisions[i]
            labels[i] = LabelledBlock(blocks[i], Label.REMOVED, d.reason, d.kind)
        elif labels[i] is None:
            what = "headline" if src == title_i else "block"
            labels[i] = LabelledBlock(
                blocks[i],
                Label.REMOVED,
                f"repeated {what} (first at line {_line(blocks[src], src)})",
                Kind.DUPLICATE,
            )

    # captions and credits, bylines and dates
    byline_zone_end = min(n, max(body_start, (title_i or 0)) + HEAD_OVERLAP_BLOCKS + 1)
    # ...and, on a text page, start a few blocks before the title: "By" lines higher
    # up are menus ("By Industry"). (On HTML the DOM places the title after this
    # pass, and the headline picked here may sit below the page's byline.)
    text_page = all(block.tag is None for block in blocks)
    byline_zone_start = title_i - TITLE_BYLINE_WINDOW if title_i is not None and text_page else 0
    for i, block in enumerate(blocks):
        if labels[i] is not None or decisions[i].kind is not None:
            continue
        if block.features.words <= CAPTION_MAX_WORDS + 10:
            credit = find_credit(block.text)
            if credit is not None:
                labels[i] = LabelledBlock(block, Label.CREDIT, "image credit line")
                p = i - 1
                if (
                    credit[0] is None
                    and p >= 0
                    and labels[p] is None
                    and decisions[p].kind is None
                    and blocks[p].features.words <= CAPTION_MAX_WORDS
                    and (not block.blank_before or not blocks[p].features.terminal_punct)
                ):
                    labels[p] = LabelledBlock(
                        blocks[p], Label.CAPTION, "line right before an image credit"
                    )
                continue
        if (
            byline_zone_start <= i < byline_zone_end
            and block.features.words <= BYLINE_MAX_WORDS
            and (parse_byline(block.text) or _is_date_line(block, month_first))
        ):
            labels[i] = LabelledBlock(block, Label.BYLINE, "author or date line near the title")

    # body blocks, headings and the rest
    for i, block in enumerate(blocks):
        if labels[i] is not None:
            continue
        d = decisions[i]
        if d.kind is not None:
            labels[i] = LabelledBlock(block, Label.REMOVED, d.reason, d.kind)
            continue
        if in_body[i]:
            short = context_free[i].content is Content.SHORT or _question_heading(block)
            nxt = _next_unlabelled_good(decisions, in_body, labels, i)
            heading = _heading_like(block) and nxt
            if heading and _list_line(blocks, context_free, i):
                labels[i] = LabelledBlock(block, Label.PARAGRAPH, "list item inside body text")
                continue
            if short and heading:
                labels[i] = LabelledBlock(block, Label.HEADING, "short line leading body text")
                continue
            if d.content is Content.GOOD:
                labels[i] = LabelledBlock(block, Label.PARAGRAPH, d.reason)
                continue
            if heading:
                labels[i] = LabelledBlock(block, Label.HEADING, "short line leading body text")
            elif d.content is Content.SHORT and (
                block.features.terminal_punct or _prev_next_good(decisions, i)
            ):
                labels[i] = LabelledBlock(
                    block, Label.PARAGRAPH, d.reason + "; inside main content"
                )
            else:
                labels[i] = LabelledBlock(
                    block,
                    Label.REMOVED,
                    d.reason + "; inside main content",
                    _kind_for(i, body_start, body_end),
                )
            continue
        if d.content is Content.GOOD and body_start <= i <= body_end:
            labels[i] = LabelledBlock(block, Label.PARAGRAPH, d.reason)
            continue
        where = "before" if i < body_start else "after"
        labels[i] = LabelledBlock(
            block,
            Label.REMOVED,
            f"{d.reason}; {where} the main content",
            _kind_for(i, body_start, body_end),
        )

    out: list[LabelledBlock] = []
    for i, lb in enumerate(labels):
        out.append(
            lb
            if lb is not None
            else LabelledBlock(blocks[i], Label.REMOVED, "unclassified", Kind.BOILERPLATE)
        )
    # reader comments are kept aside when asked for
    if options.include_comments:
        out = [
            LabelledBlock(lb.block, Label.COMMENT, lb.reason, Kind.COMMENTS)
            if lb.kind is Kind.COMMENTS and lb.block.features.words >= LENGTH_LOW
            else lb
            for lb in out
        ]
    return tuple(out)


def _with_templates(
    decisions: list[_Decision], template_hits: Mapping[int, tuple[Kind, str]]
) -> list[_Decision]:
    """Remove the site's template lines after the page's own passes have run.

    The page is read as it would be without a site profile, so a template line
    never changes how its neighbours are judged: the profile can only remove
    lines, never add or move any. A line the page's rules removed already keeps
    its kind, and its reason adds the site evidence.

    >>> kept = _Decision(Content.GOOD, "long text")
    >>> gone = _Decision(Content.BAD, "lexicon share: 'Share'", Kind.SHARE)
    >>> hits = {0: (Kind.NAVIGATION, "on 9 of 10 pages of example.com")}
    >>> _with_templates([kept], hits)[0].reason
    'on 9 of 10 pages of example.com'
    >>> moved = _with_templates([gone], hits)[0]
    >>> moved.kind, moved.reason
    (<Kind.SHARE: 'share'>, "lexicon share: 'Share'; on 9 of 10 pages of example.com")
    """
    out = list(decisions)
    for i, (kind, reason) in template_hits.items():
        d = out[i]
        out[i] = (
            _Decision(Content.BAD, reason, kind)
            if d.kind is None
            else _Decision(d.content, f"{d.reason}; {reason}", d.kind)
        )
    return out


@dataclass(frozen=True, slots=True)
class _Passes:
    """The rule passes' view of a page, before roles."""

    context_free: list[_Decision]
    decisions: list[_Decision]
    duplicate_of: dict[int, int]
    in_body: list[bool]


def _rule_passes(
    blocks: tuple[Block, ...],
    lang: str | None,
    shift: float,
    has_stoplist: bool,
) -> _Passes:
    """Steps 1-4: context-free classes, duplicates, context passes, main content."""
    decisions: list[_Decision] = []
    for block in blocks:
        dom, looked_up, hit = _dom_evidence(block, lang)
        if dom is not None:
            decisions.append(dom)
            continue
        if not looked_up:
            hit = _lexicon_kind(block, lang)
        if hit is not None:
            kind, matched = hit
            decisions.append(
                _Decision(Content.BAD, f"lexicon {kind.value}: {matched[:40]!r}", kind)
            )
        else:
            decisions.append(content_class(block, shift, has_stoplist=has_stoplist))
    duplicate_of = _duplicates(blocks, decisions)
    context_free = decisions
    decisions = _smooth(decisions)
    decisions = _related_runs(blocks, decisions)
    in_body = _main_content(blocks, decisions, context_free, duplicate_of, shift)
    return _Passes(context_free, decisions, duplicate_of, in_body)


_LEXICON_GROUPS: dict[Kind, str] = {
    Kind.COMMENTS: "comment",
    Kind.COMMENT_FORM: "comment",
    Kind.RELATED: "related",
    Kind.NAVIGATION: "nav",
    Kind.SHARE: "nav",
    Kind.FOOTER: "nav",
    Kind.AD: "ad",
    Kind.COOKIE_NOTICE: "ad",
    Kind.NEWSLETTER: "ad",
    Kind.TEMPLATE: "ad",
}


def _analyse(
    blocks: tuple[Block, ...],
    lang: str | None,
    options: Options,
    has_stoplist: bool,
) -> _Passes:
    """Steps 1-4, then the line model (when shipped) decides what is body text."""
    shift = _shift(options)
    n = len(blocks)
    passes = _rule_passes(blocks, lang, shift, has_stoplist)
    if _boilerplate_evidence(blocks, passes) is None:
        return _all_content(blocks, passes)
    model = line_model()
    if model is None:
        return passes
    decisions, duplicate_of = passes.decisions, passes.duplicate_of
    signals = _model_signals(blocks, passes)
    discussion = _discussion(blocks, passes.context_free)
    if discussion:
        signals = [replace(s, comment_header=False) for s in signals]
    probs = model.block_probabilities(block_vectors(blocks, signals), signals)
    usable = [d.kind is None and i not in duplicate_of for i, d in enumerate(decisions)]
    kept = [usable[i] and p >= MODEL_KEEP + shift for i, p in enumerate(probs)]
    # Inside the span of kept blocks, less evidence is needed (list items, short lines).
    first = next((i for i in range(n) if kept[i]), n)
    last = max((i for i in range(n) if kept[i]), default=-1)
    inner = MODEL_KEEP_INSIDE + shift
    duplicate_of = _inner_repeats(blocks, duplicate_of, decisions, first, last)
    usable = [d.kind is None and i not in duplicate_of for i, d in enumerate(decisions)]
    kept = [k or (first < i < last and usable[i] and probs[i] >= inner) for i, k in enumerate(kept)]
    kept = _sibling_tail(blocks, decisions, usable, kept, probs, floor=SIBLING_TAIL_KEEP + shift)
    text_page = all(block.tag is None for block in blocks)
    # on HTML the DOM's table-row rule (_dom_decision) speaks for tables
    tabled = _lists(blocks, usable, _tables(blocks, usable, kept)) if text_page else kept
    why = [
        f"line model p={p:.2f}" + ("; a table or list in the body" if t and not k else "")
        for p, t, k in zip(probs, tabled, kept, strict=True)
    ]
    kept = tabled
    if not discussion:
        kept = _cut_at_comments(blocks, passes.context_free, kept)
    if n < MODEL_MIN_BLOCKS and text_page:
        kept, why = _short_page(blocks, passes, usable, kept, why)
    elif text_page and _lone_line(blocks, kept):
        kept = [False] * n
        why = [w + "; the only kept line of a long page is no body" for w in why]
    first = next((i for i in range(n) if kept[i]), n)
    last = max((i for i in range(n) if kept[i]), default=-1)
    decisions = [
        d
        if d.kind is not None
        else _Decision(Content.GOOD if kept[i] else Content.BAD, f"{d.reason}; {why[i]}")
        for i, d in enumerate(decisions)
    ]
    in_body = [first <= i <= last for i in range(n)]
    return _Passes(passes.context_free, decisions, duplicate_of, in_body)


def _sibling_tail(
    blocks: tuple[Block, ...],
    decisions: list[_Decision],
    usable: list[bool],
    kept: list[bool],
    probs: list[float],
    *,
    floor: float,
) -> list[bool]:
    """Keep the run of siblings (same DOM parent) right after the last kept block.

    The line model's probability fades towards the end of a long article, so the
    last items of a list or a long recipe inside the content element fall below
    MODEL_KEEP. Siblings of the last kept block that follow it, up to the first
    block with a kind (a related/comment/share header ends the run), are kept
    when they reach ``floor`` and are not link lines, provided the parent already
    holds SIBLING_TAIL_MIN_KEPT kept blocks. Text pages have no parents and are left as they are.
    """
    last = max((i for i, k in enumerate(kept) if k), default=-1)
    if last < 0 or blocks[last].parent is None:
        return kept
    parent = blocks[last].parent
    if sum(1 for i in range(last + 1) if kept[i] and blocks[i].parent == parent) < (
        SIBLING_TAIL_MIN_KEPT
    ):
        return kept
    out = list(kept)
    parents = {parent}
    for j in range(last + 1, len(blocks)):
        if (
            blocks[j].parent not in parents
            and blocks[j].link_density <= DOM_LINK_DENSITY_MAX
            and _child_list(blocks[last], blocks[j])
        ):
            # a list among the siblings, not opening with a link: its items join the run
            parents.add(blocks[j].parent)
        if blocks[j].parent not in parents or decisions[j].kind is not None:
            break
        # link lines after the article are mostly teaser lists: not kept by this rule
        out[j] = usable[j] and probs[j] >= floor and blocks[j].link_density <= DOM_LINK_DENSITY_MAX
    return out


def _tables(blocks: tuple[Block, ...], usable: list[bool], kept: list[bool]) -> list[bool]:
    r"""Keep every row of a table that has kept blocks close before and after it.

    A table is a run of TABLE_MIN_ROWS or more adjacent rows (blocks with a
    CELL_SEPARATOR) whose cell counts mostly agree (TABLE_CELLS_SHARE). When kept
    blocks lie within TABLE_GAP_MAX blocks on both sides, its usable rows that
    are no link lists are kept: a table is read whole, as the article printed it.
    A table within TABLE_GAP_MAX blocks after the last kept block is kept too
    when it holds numbers (:func:`_numbers_table`): the article ends with it.

    >>> from cleanread.segment import segment_text
    >>> bs = segment_text("Text.\nA\tB\nC\tD\nE\tF\nMore.\nG\tH", frozenset())
    >>> _tables(bs, [True] * 7, [True, False, True, False, True, False, False])
    [True, True, True, True, True, False, False]
    """
    out = list(kept)
    for i, j in _runs(blocks, lambda block: CELL_SEPARATOR in block.text):
        if (
            j - i >= TABLE_MIN_ROWS
            and _cells_agree(blocks[i:j])
            and any(kept[max(0, i - TABLE_GAP_MAX) : i])
            and (
                any(kept[j : j + TABLE_GAP_MAX])
                or (not any(kept[j:]) and _numbers_table(blocks[i:j]))
            )
        ):
            _keep_run(out, blocks, usable, range(i, j))
    return out


def _runs(blocks: tuple[Block, ...], member: Callable[[Block], bool]) -> Iterator[tuple[int, int]]:
    r"""Each maximal run of adjacent ``member`` blocks, as its (start, end) slice bounds.

    >>> from cleanread.segment import segment_text
    >>> bs = segment_text("a\tb\nc\td\nText.\ne\tf", frozenset())
    >>> list(_runs(bs, lambda b: "\t" in b.text))
    [(0, 2), (3, 4)]
    """
    n = len(blocks)
    i = 0
    while i < n:
        if not member(blocks[i]):
            i += 1
            continue
        j = i + 1
        while j < n and member(blocks[j]):
            j += 1
        yield i, j
        i = j


def _keep_run(out: list[bool], blocks: tuple[Block, ...], usable: list[bool], run: range) -> None:
    """Keep the usable blocks of ``run`` that are no link lists (kept ones stay kept)."""
    for k in run:
        out[k] = out[k] or (usable[k] and blocks[k].features.link_like <= LINK_LIKE_MAX)


def _list_item(block: Block) -> bool:
    """A short line opening like a list item (see _LIST_ITEM), no sentence and no table row."""
    f = block.features
    return (
        f.words <= LIST_ITEM_MAX_WORDS
        and not f.terminal_punct
        and CELL_SEPARATOR not in block.text
        and _LIST_ITEM.match(block.text) is not None
    )


def _lists(blocks: tuple[Block, ...], usable: list[bool], kept: list[bool]) -> list[bool]:
    r"""Keep every item of a list that sits between two kept blocks and is half kept already.

    A list is a run of LIST_MIN_ITEMS or more adjacent list items (:func:`_list_item`:
    "2 eggs", "Weight: 254 g", "- step"). When the blocks right before and after it
    are kept and LIST_KEPT_SHARE of its items are, its usable items that are no
    link lists are kept too.

    >>> from cleanread.segment import segment_text
    >>> bs = segment_text("Text.\n2 eggs\n1 onion\nSalt: a pinch\nMore.", frozenset())
    >>> _lists(bs, [True] * 5, [True, True, False, True, True])
    [True, True, True, True, True]
    >>> _lists(bs, [True] * 5, [True, False, False, True, True])
    [True, False, False, True, True]
    """
    out = list(kept)
    for i, j in _runs(blocks, _list_item):
        if (
            j - i >= LIST_MIN_ITEMS
            and i > 0
            and j < len(blocks)
            and kept[i - 1]
            and kept[j]
            and sum(kept[i:j]) >= LIST_KEPT_SHARE * (j - i)
        ):
            _keep_run(out, blocks, usable, range(i, j))
    return out


def _numbers_table(rows: tuple[Block, ...]) -> bool:
    """At least TABLE_END_NUMBER_ROWS of ``rows`` hold a digit: data, not a grid of links."""
    with_digits = sum(1 for row in rows if row.features.digit_share > 0)
    return with_digits >= TABLE_END_NUMBER_ROWS * len(rows)


def _cells_agree(rows: tuple[Block, ...]) -> bool:
    """At least TABLE_CELLS_SHARE of ``rows`` have their most common number of cells."""
    counts = Counter(row.text.count(CELL_SEPARATOR) for row in rows)
    return counts.most_common(1)[0][1] >= TABLE_CELLS_SHARE * len(rows)


# The steps a list item's path adds below the list's parent: the list, then the item.
_LIST_ITEM_STEPS = 2


def _child_list(sibling: Block, item: Block) -> bool:
    """Whether ``item`` is an item of a list element that is a sibling of ``sibling``.

    Read from the short DOM paths: the item's path without its list and item steps
    ends where the sibling's path without its own step ends.
    """
    if not item.in_list or sibling.path is None or item.path is None:
        return False
    steps = item.path.split("/")
    if len(steps) <= _LIST_ITEM_STEPS:
        return False
    container = "/".join(steps[:-_LIST_ITEM_STEPS])
    return sibling.path.rsplit("/", 1)[0].endswith(container)


def _inner_repeats(
    blocks: tuple[Block, ...],
    duplicate_of: dict[int, int],
    decisions: list[_Decision],
    first: int,
    last: int,
) -> dict[int, int]:
    r"""Forget the repeats inside the kept span (``first``..``last``) whose first copy is before it.

    A table of contents or a menu above the article names its sections; the
    headings inside the article repeat those entries and are the article's own
    lines, not copies. Such a repeat is judged like any other line of the span,
    unless a neighbour repeats too: a copied run (the headline and byline printed
    again) stays a duplicate.
    Measured (session 4, text, MODEL_KEEP_INSIDE .27, before the copied-run and
    headline guards): wcxb-dev .8180 -> .8190, trafilatura-dev .8813 -> .8829,
    scrapinghub .9084 -> .9076; held-out folds level or up.
    On a text page a short lone repeat (INNER_REPEAT_MAX_WORDS) is released when its
    first copy is inside the span too: a label recurring through the body ("Pros",
    "Cons" under each product). HTML pages keep the DOM rule of :func:`_duplicates`.
    Measured (text): wcxb-dev .8187 -> .8204 (held-out fold .833 -> .834),
    scrapinghub .9084 -> .9088, trafilatura-dev .8824 level, chinese-dev .9253 -> .9252;
    held-out folds of the other sets level.

    >>> from cleanread.segment import segment_text
    >>> bs = segment_text("Intro\nMenu\nMore\nIntro\nMenu\nMore\nEnd", frozenset())
    >>> d = [_Decision(Content.GOOD, "x")] * 7
    >>> _inner_repeats(bs, {3: 0, 4: 1}, d, 2, 6)  # copied run: both stay
    {3: 0, 4: 1}
    >>> bs = segment_text("Intro\nMenu\nMore\nBody\nMenu\nText\nEnd", frozenset())
    >>> _inner_repeats(bs, {4: 1}, d, 2, 6)  # a lone repeat inside the span is released
    {}
    >>> _inner_repeats(bs, {4: 1}, d, 0, 6)  # ...also when its first copy is in the span
    {}
    """
    return {
        i: src
        for i, src in duplicate_of.items()
        if not (
            first < i < last
            and (src < first or _short_text_repeat(blocks[i]))
            and decisions[i].kind is None
            and not _same_neighbour(blocks, i, src)
        )
    }


def _short_text_repeat(block: Block) -> bool:
    """Tell whether a repeat is a short line of a text page (a label recurring in the body)."""
    return block.tag is None and block.features.words <= INNER_REPEAT_MAX_WORDS


def _boilerplate_evidence(blocks: tuple[Block, ...], passes: _Passes) -> str | None:
    """The first sign that a text page holds boilerplate, or None when it shows none.

    Signs: a lexicon or template hit, a block shaped like a link list, a table of
    numbers or a shouted label (as in :func:`content_class`, but link lists count
    at any length: menus are short), and MENU_RUN_MIN short lines in a row
    without a blank line between them (a menu). Undecodable bytes (U+FFFD) are a
    sign too: such input is no clean text. A repeated line is no sign: the
    duplicate rule removes the repeat itself, and a clean text may repeat a
    heading. HTML blocks always count as a sign: the DOM pass removed the page's
    boilerplate containers before classify, so their absence here says nothing.

    >>> from cleanread.segment import features
    >>> stop = frozenset("the a of and to in is it that was for on".split())
    >>> def mk(i, t, blank=True): return Block(i, t, i + 1, i + 1, features(t, stop), blank)
    >>> def why(*bs): return _boilerplate_evidence(bs, _rule_passes(bs, "en", 0.0, True))
    >>> print(why(mk(0, "A Headline"), mk(1, "It was the best of times, and it was the worst.")))
    None
    >>> why(mk(0, "Quokkas"), mk(1, "Wombats", blank=False))
    'menu: 2 short lines in a row (line 2)'
    """
    run = 0
    for i, (block, cf) in enumerate(zip(blocks, passes.context_free, strict=True)):
        line = _line(block, i)
        if block.tag is not None:
            return "HTML input"
        if "\ufffd" in block.text:
            return f"line {line}: undecodable bytes (U+FFFD)"
        if cf.kind is not None:
            return f"line {line}: {cf.reason}"
        f = block.features
        if f.link_like > LINK_LIKE_MAX:
            return f"line {line}: link-like tokens {f.link_like:.2f} > {LINK_LIKE_MAX}"
        if f.words >= LENGTH_LOW and f.digit_share > DIGIT_SHARE_MAX:
            return f"line {line}: digit share {f.digit_share:.2f} > {DIGIT_SHARE_MAX}"
        if f.words >= LENGTH_LOW and f.upper_share > UPPER_SHARE_MAX and not f.cjk:
            return f"line {line}: upper-case share {f.upper_share:.2f} > {UPPER_SHARE_MAX}"
        if cf.content is not Content.SHORT:
            run = 0
            continue
        run = 1 if block.blank_before else run + 1
        if run >= MENU_RUN_MIN:
            return f"menu: {run} short lines in a row (line {line})"
    return None


def _all_content(blocks: tuple[Block, ...], passes: _Passes) -> _Passes:
    """A page with no boilerplate evidence is all content (e.g. a Document's own text).

    Context passes and the line model remove blocks for how they sit on a page
    among boilerplate; with none on the page, their removals have nothing to go on.
    Blocks without a word (separators, stray punctuation) keep the rules' decision.
    """
    decisions = [
        _Decision(Content.GOOD, f"{cf.reason}; no boilerplate evidence on the page")
        if block.features.words
        else d
        for block, cf, d in zip(blocks, passes.context_free, passes.decisions, strict=True)
    ]
    in_body = [True] * len(decisions)
    return _Passes(passes.context_free, decisions, passes.duplicate_of, in_body)


def _short_page(
    blocks: tuple[Block, ...],
    passes: _Passes,
    usable: list[bool],
    kept: list[bool],
    why: list[str],
) -> tuple[list[bool], list[str]]:
    """On a text page of fewer than MODEL_MIN_BLOCKS blocks, the model adds but does not remove.

    Such a page's context is unlike anything the model was trained on, so its
    removals are not trusted: the rules' main content stays. When neither the
    model nor the rules found a body, the sentences (:func:`_sentence_like`) are it.
    """
    decisions = passes.decisions
    rules = [
        usable[i] and passes.in_body[i] and decisions[i].content is Content.GOOD
        for i in range(len(blocks))
    ]
    note = "; the rules' main content on a short page"
    if not any(kept) and not any(rules):
        rules = [usable[i] and _sentence_like(b) for i, b in enumerate(blocks)]
        note = "; a sentence on a short page where no body was found"
    out_why = [w + (note if r and not k else "") for w, k, r in zip(why, kept, rules, strict=True)]
    return [k or r for k, r in zip(kept, rules, strict=True)], out_why


def _lone_line(blocks: tuple[Block, ...], kept: list[bool]) -> bool:
    """The line model keeps a single block, shorter than LONE_LINE_MAX_WORDS.

    On a text page of MODEL_MIN_BLOCKS blocks or more, with boilerplate evidence, one
    short line kept alone is a teaser, a promo or a stray label the model let
    through (on wcxb-dev text, 8 of 13 such outputs share nothing with the gold
    body): the page has no body that can be told, and none is returned.
    """
    lone = [i for i, k in enumerate(kept) if k]
    return len(lone) == 1 and blocks[lone[0]].features.words < LONE_LINE_MAX_WORDS


def _sentence_like(block: Block) -> bool:
    """A sentence: it ends like one, has at least LENGTH_LOW words and is no link list.

    Stopwords do not count: on a page in several languages the stoplist may be
    another language's.
    """
    f = block.features
    return f.terminal_punct and f.words >= LENGTH_LOW and f.link_like <= LINK_LIKE_MAX


def _discussion(blocks: tuple[Block, ...], context_free: list[_Decision]) -> bool:
    """A forum or Q&A page: the running text after the first comment header outweighs that before.

    On such a page the replies are the content: the model reads the page as if
    it had no comment header, and the body does not end at it. Running text is
    the context-free good blocks' characters; the header is the first short
    comments or comment-form lexicon hit.
    """
    header = next(
        (i for i, d in enumerate(context_free) if _comment_header(blocks[i], d)),
        None,
    )
    if header is None:
        return False
    prose = [
        b.features.chars if d.content is Content.GOOD and d.kind is None else 0
        for b, d in zip(blocks, context_free, strict=True)
    ]
    before, after = sum(prose[:header]), sum(prose[header:])
    return after > DISCUSSION_OUTWEIGH * max(before, 1)


def _comment_header(block: Block, decision: _Decision) -> bool:
    """A short comments or comment-form lexicon hit: where reader comments begin."""
    return _section_header(block, decision, _SPLIT_KINDS)


def _section_header(block: Block, decision: _Decision, kinds: frozenset[Kind]) -> bool:
    """A short lexicon hit of one of ``kinds`` that heads what follows it.

    A line inside a quote is the quote's citation ("Ann said:" over a quoted post),
    not the header of a section of the page.
    """
    return (
        decision.kind in kinds and block.features.words <= LEXICON_MAX_WORDS and not block.in_quote
    )


def _cut_at_comments(
    blocks: tuple[Block, ...], context_free: list[_Decision], kept: list[bool]
) -> list[bool]:
    """End the body at the first comment header that follows most of the article.

    Reader comments read like prose, so the line model keeps them; a "12
    Comments" or "Leave a Reply" header after the article marks where they begin.
    """
    total = sum(blocks[i].features.chars for i in range(len(blocks)) if kept[i])
    before = 0
    for i, block in enumerate(blocks):
        if kept[i]:
            before += block.features.chars
            continue
        if (
            _comment_header(block, context_free[i])
            and before >= COMMENTS_CUT_MIN_CHARS
            and before >= COMMENTS_CUT_SHARE * total
        ):
            return [k and j < i for j, k in enumerate(kept)]
    return kept


def _model_signals(blocks: tuple[Block, ...], passes: _Passes) -> list[BlockSignals]:
    duplicate_of, in_body = passes.duplicate_of, passes.in_body
    out: list[BlockSignals] = []
    for i, (block, cf, d) in enumerate(
        zip(blocks, passes.context_free, passes.decisions, strict=True)
    ):
        f = block.features
        content, kind = cf.content, cf.kind
        out.append(
            BlockSignals(
                cf_good=content is Content.GOOD and kind is None,
                cf_near_good=content is Content.NEAR_GOOD,
                cf_short=content is Content.SHORT,
                good=d.content is Content.GOOD and d.kind is None,
                lexicon=kind is not None,
                duplicate=i in duplicate_of,
                in_body=in_body[i],
                comment_header=kind in _SPLIT_KINDS,
                lexicon_group=_LEXICON_GROUPS.get(kind) if kind is not None else None,
                date_like=f.digit_share > 0
                and f.words <= BYLINE_MAX_WORDS
                and find_date(block.text) is not None,
                chars=f.chars,
            )
        )
    return out


def _model_rows(blocks: tuple[Block, ...], passes: _Passes) -> list[list[float]]:
    signals = _model_signals(blocks, passes)
    return context_features(block_vectors(blocks, signals), signals)


def line_rows(
    blocks: tuple[Block, ...], lang: str | None, options: Options, *, has_stoplist: bool = True
) -> list[list[float]]:
    """The line model's feature rows for ``blocks`` (used to train it)."""
    if not blocks:
        return []
    passes = _rule_passes(blocks, lang, options.threshold_shift, has_stoplist)
    return _model_rows(blocks, passes)


def _duplicates(blocks: tuple[Block, ...], decisions: list[_Decision]) -> dict[int, int]:
    """Map each exact repeat of an earlier block (case-insensitive) to its first occurrence.

    A short paragraph or list item repeated as the same kind of element at the same
    depth inside the DOM's main content ("Eat every 2-3 hours" under each meal of a
    plan) is the article's own wording, not a second copy of a menu or headline,
    unless it sits in another parent element and a neighbour repeats too (a second
    copy of the article, as responsive layouts print it).
    """
    first_seen: dict[str, int] = {}
    duplicate_of: dict[int, int] = {}
    for i, block in enumerate(blocks):
        if len(block.text) < DUPLICATE_MIN_CHARS or decisions[i].kind is not None:
            continue
        key = block.text.casefold()
        if key in first_seen:
            j = first_seen[key]
            first = blocks[j]
            if (
                block.dom_content
                and first.dom_content
                and block.tag in _ITEM_TAGS
                and (block.tag, block.depth) == (first.tag, first.depth)
                and block.features.words <= DUPLICATE_INSIDE_MAX_WORDS
                and (block.parent == first.parent or not _same_neighbour(blocks, i, j))
            ):
                continue
            duplicate_of[i] = first_seen[key]
        else:
            first_seen[key] = i
    return duplicate_of


def _same_neighbour(blocks: tuple[Block, ...], i: int, j: int) -> bool:
    """Tell whether block ``i`` and its earlier copy ``j`` share a neighbour (a copied run)."""
    n = len(blocks)
    return any(
        0 <= i + step < n
        and 0 <= j + step < n
        and i + step != j
        and j + step != i
        and blocks[i + step].text.casefold() == blocks[j + step].text.casefold()
        for step in (-1, 1)
    )


def _related_runs(blocks: tuple[Block, ...], decisions: list[_Decision]) -> list[_Decision]:
    """A "Read also" / "Most read" header labels the non-good blocks that follow it."""
    out = list(decisions)
    i = 0
    n = len(blocks)
    while i < n:
        d = decisions[i]
        if d.kind is not Kind.RELATED or blocks[i].features.words > LEXICON_MAX_WORDS:
            i += 1
            continue
        origin = _line(blocks[i], i)
        j = i + 1
        while j < n and j <= i + ZONE_MAX_BLOCKS:
            dj = decisions[j]
            if dj.kind is not None:
                break
            if dj.content is Content.GOOD and blocks[j].features.words >= LENGTH_HIGH:
                break
            if j > i + 1 and j + 1 < n and _prose(blocks[j + 1]) and decisions[j + 1].kind is None:
                break  # after the teasers, a heading leading body text ends the list
            out[j] = _Decision(
                Content.BAD, f"{dj.reason}; in related list after line {origin}", Kind.RELATED
            )
            j += 1
        i = j
    return out


# Kinds whose header ends the article: what follows them is not body text.
_SPLIT_KINDS = frozenset({Kind.COMMENTS, Kind.COMMENT_FORM})
# Kinds whose header, after the body, labels everything up to the next header.
_ZONE_KINDS = frozenset({Kind.COMMENTS, Kind.COMMENT_FORM, Kind.FOOTER, Kind.NEWSLETTER})


def _main_content(
    blocks: tuple[Block, ...],
    decisions: list[_Decision],
    context_free: list[_Decision],
    duplicate_of: Mapping[int, int],
    shift: float,
) -> list[bool]:
    """Which blocks lie inside the kept clusters of good blocks.

    Seeds are blocks good on their own (or near-good confirmed by context),
    never short blocks promoted by context: those only fill gaps. Clusters end
    after CLUSTER_GAP blocks without a seed, or at a comment/footer header.
    The largest cluster (by characters) is the article; others are kept when
    they reach CLUSTER_KEEP_SHARE of it and do not follow a comment header.
    """
    n = len(blocks)
    clusters: list[list[int]] = []
    after_split: list[bool] = []
    current: list[int] = []
    gap = 0
    split_seen = False
    for i in range(n):
        d = decisions[i]
        seed = (
            d.content is Content.GOOD
            and d.kind is None
            and i not in duplicate_of
            and context_free[i].content is not Content.SHORT
        )
        if seed:
            if not current:
                after_split.append(split_seen)
            current.append(i)
            gap = 0
            continue
        if _section_header(blocks[i], d, _SPLIT_KINDS):
            split_seen = True
            if current:
                clusters.append(current)
                current, gap = [], 0
            continue
        if current:
            gap += 1
            if gap >= CLUSTER_GAP:
                clusters.append(current)
                current, gap = [], 0
    if current:
        clusters.append(current)
    in_body = [False] * n
    if not clusters:
        return in_body
    sizes = [sum(blocks[i].features.chars for i in c) for c in clusters]
    main = max(range(len(clusters)), key=lambda k: (sizes[k], -k))
    if after_split[main]:
        # Comments can outweigh the article: prefer a sizeable cluster before the header.
        before = [
            k
            for k in range(main)
            if not after_split[k] and sizes[k] >= COMMENTS_OUTWEIGH * sizes[main]
        ]
        if before:
            main = max(before, key=lambda k: (sizes[k], -k))
    keep_share = CLUSTER_KEEP_SHARE + shift
    for k, cluster in enumerate(clusters):
        if k == main or (
            sizes[k] >= keep_share * sizes[main] and after_split[k] == after_split[main]
        ):
            for i in range(cluster[0], cluster[-1] + 1):
                in_body[i] = True
    return in_body


def _zones(
    blocks: tuple[Block, ...], decisions: list[_Decision], in_body: list[bool]
) -> list[_Decision]:
    """Outside the body, a comment/footer/newsletter header labels what follows it."""
    out = list(decisions)
    zone: Kind | None = None
    origin = 0
    body_end = max((i for i, inside in enumerate(in_body) if inside), default=len(blocks))
    for i, d in enumerate(decisions):
        if i <= body_end:
            continue
        if d.kind is not None:
            if _section_header(blocks[i], d, _ZONE_KINDS):
                zone, origin = d.kind, _line(blocks[i], i)
            elif d.kind is not Kind.COMMENTS:
                zone = None
            continue
        if zone is not None:
            what = "reader comment" if zone is Kind.COMMENTS else f"in {zone.value} section"
            out[i] = _Decision(Content.BAD, f"{what} after line {origin}", zone)
    return out


# Kinds that spread to adjacent boilerplate lines of the same block group.
_SPREADING_KINDS = frozenset(
    {Kind.AD, Kind.SHARE, Kind.COOKIE_NOTICE, Kind.NEWSLETTER, Kind.RELATED, Kind.COMMENT_FORM}
)


def _prose(block: Block) -> bool:
    """Running text: long, sentence-shaped and with stopwords. Never spread boilerplate onto it."""
    f = block.features
    return f.words >= LENGTH_HIGH and f.terminal_punct and f.stopword_density >= STOPWORDS_LOW


def _propagate_kinds(
    blocks: tuple[Block, ...], decisions: list[_Decision], in_body: list[bool]
) -> list[_Decision]:
    """Unlabelled boilerplate next to a specific kind (no blank line between) takes that kind.

    E.g. a broker's name and "Free" above a risk warning are part of the same ad.
    """
    out = list(decisions)
    n = len(blocks)
    for step in (1, -1):
        order = range(n) if step == 1 else range(n - 1, -1, -1)
        for i in order:
            d = out[i]
            if d.kind not in _SPREADING_KINDS:
                continue
            j = i + step
            while (
                0 <= j < n
                and not in_body[j]
                and out[j].kind is None
                and out[j].content is not Content.GOOD
                and not _prose(blocks[j])
            ):
                joined = not (blocks[j].blank_before if step == 1 else blocks[j + 1].blank_before)
                if not joined:
                    break
                out[j] = _Decision(
                    Content.BAD,
                    f"{out[j].reason}; next to {d.kind.value} line {_line(blocks[i], i)}",
                    d.kind,
                )
                j += step
    return out


def _name_like(block: Block) -> bool:
    """A person's name on its own line ("Andrew King", "LEONARDO GARCIA")."""
    f = block.features
    words = block.text.split()
    return (
        NAME_MIN_WORDS <= len(words) <= NAME_MAX_WORDS
        and f.stopword_density == 0.0
        and f.digit_share == 0.0
        and all(w[:1].isupper() for w in words)
    )


TITLE_FEATURES = (
    "log_words",
    "good_length",
    "too_short",
    "name_like",
    "shouting",
    "repeated",
    "breadcrumb",
    "byline_after",
    "byline_before",
    "log_gap",
    "in_body",
    "log_body_depth",
    "cf_good",
    "cf_short",
    "title_case",
    "stopwords",
    "question",
    "blank_before",
    "next_good",
    "separator",
    "rel_pos",
    "after_short_run",
    "body_words",
    "lede_words",
    "repeated_near",
    "log_copies",
    "log_contained_in",
    "prev_like",
)
# Hand-set weights of the title features, used when no trained title model is shipped.
TITLE_DEFAULT_WEIGHTS: dict[str, float] = {
    "good_length": 1.0,
    "too_short": -1.0,
    "name_like": -1.5,
    "shouting": -1.0,
    "repeated": 1.5,
    "breadcrumb": 1.5,
    "byline_after": 1.0,
    "log_gap": -0.6,
    "log_body_depth": -1.0,
}
# A run of this many short blocks before a candidate reads as a menu it ends.
SHORT_RUN_BLOCKS = 3
# Body blocks of at least this many words give the vocabulary a headline shares.
BODY_VOCAB_MIN_WORDS = 8
# The lede is the body's first blocks up to this many distinct words.
LEDE_WORDS = 60
# Words of at most this many characters (articles, "with", "your") are not compared.
VOCAB_MIN_CHARS = 4
# A copy of a candidate within this many blocks (h1 and breadcrumb, h1 twice) marks it.
REPEAT_NEAR_BLOCKS = 3
_WORD = re.compile(r"\w+")


def _vocab_tokens(text: str) -> list[str]:
    """Content words of ``text``; a CJK run gives its character pairs (it has no spaces)."""
    words = _WORD.findall(text.casefold())
    if text.isascii():
        return [word for word in words if len(word) >= VOCAB_MIN_CHARS]
    out: list[str] = []
    for word in words:
        if UNSPACED_SCRIPT.search(word):  # compared by character pairs
            out.extend(word[k : k + 2] for k in range(len(word) - 1))
        elif len(word) >= VOCAB_MIN_CHARS:
            out.append(word)
    return out


@dataclass(frozen=True, slots=True)
class _BodyWords:
    """The content words of the body's running text, counted so one block can be left out.

    ``blocks_with`` counts, per word, the body blocks of at least
    BODY_VOCAB_MIN_WORDS words that contain it; ``words[i]`` are block ``i``'s
    words when it is one of them (else empty).
    """

    words: list[list[str]]
    blocks_with: dict[str, int]
    vocab: frozenset[str]
    lede: frozenset[str]

    @classmethod
    def of(cls, blocks: tuple[Block, ...], in_body: Sequence[bool]) -> _BodyWords:
        words = [
            _vocab_tokens(block.text)
            if body and block.features.words >= BODY_VOCAB_MIN_WORDS
            else []
            for block, body in zip(blocks, in_body, strict=True)
        ]
        blocks_with: dict[str, int] = {}
        for block_words in words:
            for word in set(block_words):
                blocks_with[word] = blocks_with.get(word, 0) + 1
        return cls(words, blocks_with, frozenset(blocks_with), _lede(words, -1))

    def shared_without(self, i: int) -> tuple[float, float]:
        """Shares of body block ``i``'s words in the body and the lede without block ``i``."""
        words = self.words[i]
        if not words:
            return 0.0, 0.0
        # a word of block i is in the rest of the body when another block holds it too
        in_rest = sum(self.blocks_with[w] > 1 for w in words) / len(words)
        return in_rest, _shared_words(words, _lede(self.words, i))


def _shared(text: str, vocab: frozenset[str]) -> float:
    """Share of the content words of ``text`` found in ``vocab``."""
    return _shared_words(_vocab_tokens(text), vocab)


def _lede(words: list[list[str]], skip: int) -> frozenset[str]:
    """The words of the body's first blocks (block ``skip`` left out), up to LEDE_WORDS."""
    lede: set[str] = set()
    for k, block_words in enumerate(words):
        if len(lede) >= LEDE_WORDS:
            break
        if k != skip:
            lede.update(block_words)
    return frozenset(lede)


def _shared_words(words: list[str], vocab: frozenset[str]) -> float:
    """Share of ``words`` found in ``vocab``."""
    return sum(w in vocab for w in words) / len(words) if words else 0.0


def _shared_with_the_rest(
    blocks: tuple[Block, ...], in_body: Sequence[bool], i: int, body_words: _BodyWords
) -> tuple[float, float]:
    """Shares of block ``i``'s words in the body and the lede, the block itself left out.

    A body block shares all its words with a vocabulary it is part of; a
    headline is told by words it shares with the rest of the body.
    """
    if in_body[i] and blocks[i].features.words >= BODY_VOCAB_MIN_WORDS:
        return body_words.shared_without(i)
    words = _vocab_tokens(blocks[i].text)
    return _shared_words(words, body_words.vocab), _shared_words(words, body_words.lede)


def _title_candidates(
    blocks: tuple[Block, ...],
    decisions: list[_Decision],
    duplicate_of: Mapping[int, int],
    in_body: Sequence[bool],
    month_first: bool,
) -> list[tuple[int, list[float], list[str]]]:
    """Headline-like blocks around the start of the body, with TITLE_FEATURES and evidence.

    Besides shape and position, a headline shares its words with the body (and
    its lede), is often shown twice close together (breadcrumb end and h1), and
    is quoted inside other lines ("Re: <headline>", "Home > <headline>").
    """
    n = len(blocks)
    body_start = next((i for i in range(n) if in_body[i]), n)
    body_words = _BodyWords.of(blocks, in_body)
    copies: dict[str, int] = {}
    for block in blocks:
        copies[block.text] = copies.get(block.text, 0) + 1
    distinct = list(copies)
    start = min(body_start, n)
    lo = max(0, start - TITLE_SCAN_BLOCKS)
    hi = min(n, start + HEAD_OVERLAP_BLOCKS)
    # One candidate per text, scored at its copy nearest the body's start (before
    # it rather than as far after it) and labelled at its first copy in the window.
    nearest: dict[str, int] = {}
    first: dict[str, int] = {}
    for i in range(lo, hi):
        key = blocks[i].text
        first.setdefault(key, i)
        if key not in nearest or _start_distance(i, start) < _start_distance(nearest[key], start):
            nearest[key] = i
    repeated = set(duplicate_of.values())
    texts = [b.text for b in blocks[lo:hi]]
    # Metadata sits between a headline and its body: lexicon hits (share bars...),
    # bylines, dates and image credits. Bylines and dates also mark the headline.
    bylines = [
        i
        for i in range(lo, hi)
        if not decisions[i].kind
        and (parse_byline(blocks[i].text) or _is_date_line(blocks[i], month_first))
    ]
    byline_set = set(bylines)
    metas = [
        decisions[i].kind is not None or i in byline_set or find_credit(blocks[i].text) is not None
        for i in range(lo, hi)
    ]
    out: list[tuple[int, list[float], list[str]]] = []
    gap = 0  # non-metadata blocks between the candidate and the body start
    for i in range(hi - 1, lo - 1, -1):
        block = blocks[i]
        meta = metas[i - lo]
        if i < start and not meta:
            gap += 1
        # A repeated headline counts at its copy nearest the body (after the
        # breadcrumb or menu copy), so duplicates of earlier blocks are candidates too.
        if meta or nearest[block.text] != i or not _title_like(block):
            continue
        if i + 1 < n and not blocks[i + 1].blank_before and find_credit(blocks[i + 1].text):
            continue  # an image caption
        f = block.features
        text = block.text
        why: list[str] = []
        is_repeated = i in repeated
        breadcrumb = any(t != text and t.endswith(text) and len(t) > len(text) + 2 for t in texts)
        byline_after = any(i < j <= i + TITLE_BYLINE_WINDOW for j in bylines)
        if is_repeated:
            why.append("repeated on the page")
        if breadcrumb:
            why.append("ends a breadcrumb")
        if byline_after:
            why.append("followed by a byline or date")
        nxt = next((j for j in range(i + 1, hi) if not metas[j - lo]), None)
        near = range(max(0, i - REPEAT_NEAR_BLOCKS), min(n, i + REPEAT_NEAR_BLOCKS + 1))
        short_run = i >= SHORT_RUN_BLOCKS and all(
            blocks[j].features.words <= CATEGORY_MAX_WORDS for j in range(i - SHORT_RUN_BLOCKS, i)
        )
        row = [
            math.log1p(f.words) / 4.0,
            float(TITLE_GOOD_MIN_WORDS <= f.words <= TITLE_GOOD_MAX_WORDS),
            float(f.words < TITLE_GOOD_MIN_WORDS),
            float(_name_like(block)),
            float(f.upper_share > UPPER_SHARE_MAX and f.words <= CATEGORY_MAX_WORDS),
            float(is_repeated),
            float(breadcrumb),
            float(byline_after),
            float(any(i - TITLE_BYLINE_WINDOW <= j < i for j in bylines)),
            math.log1p(max(gap - 1, 0)) if i < start else 0.0,
            float(i >= start),
            math.log1p(i - start + 1) if i >= start else 0.0,
            float(decisions[i].content is Content.GOOD),
            float(decisions[i].content is Content.SHORT),
            f.title_case,
            f.stopword_density,
            float(text.endswith(("?", "!", "？", "！"))),
            float(block.blank_before),
            float(nxt is not None and decisions[nxt].content is Content.GOOD),
            float(any(sep in text for sep in (" | ", " - ", " – ", " :: "))),
            i / max(n - 1, 1),
            float(short_run),
            *_shared_with_the_rest(blocks, in_body, i, body_words),
            float(any(blocks[j].text == text for j in near if j != i)),
            math.log1p(copies[text] - 1),
            # other distinct lines quoting the candidate (the candidate itself holds it once)
            math.log1p(sum(map(contains, distinct, repeat(text))) - 1),
            float(i > lo and not metas[i - 1 - lo] and _title_like(blocks[i - 1])),
        ]
        out.append((first[text], row, why))
    return out


def _start_distance(i: int, start: int) -> float:
    """How far block ``i`` is from the body starting at ``start`` (half a block more after it)."""
    return start - 1 - i if i < start else i - start + 0.5


def title_rows(
    blocks: tuple[Block, ...], lang: str | None, options: Options, *, has_stoplist: bool = True
) -> list[tuple[int, list[float]]]:
    """The title scorer's candidates and feature rows for ``blocks`` (used to train it)."""
    if not blocks:
        return []
    analysis = _analyse(blocks, lang, options, has_stoplist)
    candidates = _title_candidates(
        blocks, analysis.context_free, analysis.duplicate_of, analysis.in_body, lang == "en"
    )
    return [(i, row) for i, row, _ in candidates]


def _pick_title(
    blocks: tuple[Block, ...],
    decisions: list[_Decision],
    duplicate_of: Mapping[int, int],
    in_body: Sequence[bool],
    month_first: bool,
) -> tuple[int | None, str]:
    """Score headline-like blocks before (and at the very start of) the body; return the best.

    Evidence: shape (words, not a name, not a shouted menu entry), being
    repeated on the page or closing a breadcrumb, a byline right after it, and
    closeness to the body counting only the blocks that are not metadata in
    between. The weights come from the trained title model when it is shipped.
    """
    if not blocks:
        return None, ""
    candidates = _title_candidates(blocks, decisions, duplicate_of, in_body, month_first)
    if not candidates:
        return None, ""
    model = title_model()
    if model is not None:
        probs = model.probabilities([row for _, row, _ in candidates])
        best = max(range(len(candidates)), key=lambda k: (probs[k], -k))
        if probs[best] < TITLE_MIN_PROBABILITY:
            return None, ""
        i, _, why = candidates[best]
        return i, f"headline (title model p={probs[best]:.2f}" + "".join(
            f"; {w}" for w in why
        ) + ")"
    weights = [TITLE_DEFAULT_WEIGHTS.get(name, 0.0) for name in TITLE_FEATURES]
    scores = [sum(map(mul, weights, row)) for _, row, _ in candidates]
    best = max(range(len(candidates)), key=lambda k: (scores[k], -k))
    if scores[best] < TITLE_MIN_SCORE:
        return None, ""
    i, _, why = candidates[best]
    return i, "headline before the body" + (f" ({', '.join(why)})" if why else "")


def _line(block: Block, i: int) -> int:
    return block.first_line if block.first_line is not None else i + 1


def _kind_for(i: int, body_start: int, body_end: int) -> Kind:
    if i < body_start:
        return Kind.NAVIGATION
    if i > body_end:
        return Kind.FOOTER
    return Kind.BOILERPLATE


def _title_like(block: Block) -> bool:
    f = block.features
    if not TITLE_MIN_WORDS <= f.words <= TITLE_MAX_WORDS or f.chars > TITLE_MAX_CHARS:
        return False
    if f.link_like > LINK_LIKE_MAX or f.digit_share > DIGIT_SHARE_MAX:
        return False
    if CELL_SEPARATOR in block.text:
        return False  # a table row (its header row is no headline)
    return not block.text.endswith((".", ",", ";", "。", "،"))  # headlines rarely end with a period


def _heading_like(block: Block) -> bool:
    f = block.features
    if f.words > HEADING_MAX_WORDS or f.chars > TITLE_MAX_CHARS or f.words == 0:
        return False
    if CELL_SEPARATOR in block.text:
        return False  # a table row
    return not block.text.endswith((".", ",", ";", "。", "،", "、"))


def _list_line(blocks: tuple[Block, ...], context_free: list[_Decision], i: int) -> bool:
    r"""A short line of a text page read as a list item, not as a heading.

    It sits between two short heading-like lines (the middle of a list: a heading
    leads one, a last item or the next heading ends it), or its run of such lines
    follows a line ending with a colon ("These are the times I use:").

    >>> from cleanread.segment import segment_text
    >>> bs = segment_text("Ingredients\n2 eggs\n1 onion\nMethod\nBeat the eggs.", frozenset())
    >>> cf = [content_class(b) for b in bs]
    >>> [_list_line(bs, cf, i) for i in range(5)]
    [False, True, True, False, False]
    """

    def short(k: int) -> bool:
        return (
            0 <= k < len(blocks)
            and context_free[k].content is Content.SHORT
            and _heading_like(blocks[k])
        )

    if blocks[i].tag is not None:
        return False  # HTML: the tags tell headings
    if short(i - 1) and short(i + 1):
        return True
    start = i
    while short(start - 1):
        start -= 1
    return start > 0 and blocks[start - 1].text.endswith((":", "\uff1a"))


def _question_heading(block: Block) -> bool:
    """A short question or exclamation standing alone, e.g. "What does it mean for investors?"."""
    text = block.text
    return (
        block.features.words <= QUESTION_HEADING_MAX_WORDS
        and text.endswith(("?", "!", "？", "！", "؟"))
        and ". " not in text
    )


def _category_like(block: Block) -> bool:
    f = block.features
    return (
        f.words <= CATEGORY_MAX_WORDS
        and f.chars <= CATEGORY_MAX_CHARS
        and not f.terminal_punct
        and f.digit_share == 0.0
    )


def _short_nav(block: Block) -> bool:
    return block.features.words <= CATEGORY_MAX_WORDS and not block.features.terminal_punct


def _is_date_line(block: Block, month_first: bool) -> bool:
    return (
        block.features.words <= BYLINE_MAX_WORDS
        and find_date(block.text, month_first=month_first) is not None
    )


def _next_unlabelled_good(
    decisions: list[_Decision], in_body: list[bool], labels: list[LabelledBlock | None], i: int
) -> bool:
    j = i + 1
    if (
        j < len(decisions)
        and in_body[j]
        and decisions[j].content is Content.GOOD
        and decisions[j].kind is None
    ):
        return labels[j] is None
    return False


def _prev_next_good(decisions: list[_Decision], i: int) -> bool:
    prev_ok = i > 0 and decisions[i - 1].content is Content.GOOD and decisions[i - 1].kind is None
    next_ok = (
        i + 1 < len(decisions)
        and decisions[i + 1].content is Content.GOOD
        and decisions[i + 1].kind is None
    )
    return prev_ok and next_ok
