# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""HTML input: parse safely, segment the DOM into Blocks, classify, build a Document.

The page goes through the same classifier as a text dump; the DOM only adds
evidence. The stages read top to bottom:

1. **Parse.** lxml's HTML parser with no network access, no DTD loading, no
   entity expansion, comments and processing instructions dropped, libxml2's
   depth and size guards on (``huge_tree=False``) and recovery from broken
   markup.
2. **Metadata.** Title (``<title>``, og:title, JSON-LD headline and ``<h1>``,
   reconciled), author and date (meta tags, JSON-LD), ``html[lang]``.
3. **Segment.** One iterative walk (no recursion, so deep nesting is safe)
   turns block elements into :class:`~cleanread.blocks.Block` values with DOM
   features: tag, heading level, short path, class/id kind, link density,
   list/table/figure/form membership and depth. Table rows become
   ``cell | cell`` blocks; hidden elements become blocks removed as hidden.
4. **Main container.** The deepest element holding most of the page's running
   text is the content container; blocks outside it are removed up front.
5. **Classify** with :func:`cleanread.classify.classify`, then a short DOM role
   pass: ``h1``-``h6`` leading kept text become headings, the ``h1`` that is
   the title becomes the title, figure captions and credits go to images.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
from dataclasses import dataclass, field
from html import unescape as html_unescape
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from cleanread.blocks import CELL_SEPARATOR, CJK, Block, Features, Kind, Label, LabelledBlock
from cleanread.classify import DIGIT_SHARE_MAX, LENGTH_LOW, Content, _dom_decision, classify
from cleanread.core import template_hits
from cleanread.lang import reconcile_language
from cleanread.lexicon import dom_matchers, stopwords
from cleanread.meta import clean_author, find_credit, find_date, parse_byline
from cleanread.model import html_title_model
from cleanread.segment import features
from cleanread.structure import build_document

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cleanread.document import Document
    from cleanread.options import Options
    from cleanread.parse import Source

__all__ = ["clean_html", "html_metadata", "parse_html", "segment_html"]

# --- segmentation ---
# Elements whose content is never page text (or is executable, or vector art).
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "canvas",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "datalist",
        "input",
        "source",
        "track",
        "area",
        "param",
    ]
)
# A script shell's fallback content is read (see _script_shell).
_SKIP_BUT_NOSCRIPT = SKIP_TAGS - {"noscript"}
# A page is a script shell when its text outside <noscript> is under this share of its
# text with <noscript> read: JS forum apps show 0-2% (a splash or a bare header), pages
# that only wrap pixels, styles or a lazy image copy in <noscript> stay above 50%.
SHELL_MAX_SHARE = 0.25
# Form controls: their own text is noise ("Accept", "Menu"), but broken markup
# can nest a whole page inside one, so block elements below them are read.
CONTROL_TAGS = frozenset(
    ["button", "select", "option", "optgroup", "textarea", "progress", "meter"]
)
# Elements that start and end a block of text.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
    ]
)
# Inline elements that, without attributes, add nothing but their text.
_PLAIN_INLINE = frozenset(
    [
        "b",
        "i",
        "u",
        "s",
        "em",
        "strong",
        "small",
        "big",
        "span",
        "font",
        "abbr",
        "cite",
        "code",
        "dfn",
        "kbd",
        "mark",
        "q",
        "samp",
        "sub",
        "sup",
        "time",
        "var",
        "bdi",
        "bdo",
        "ins",
        "del",
        "label",
        "wbr",
        "nobr",
        "tt",
        "strike",
        "data",
    ]
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Tags inside a table row that make it layout, not data: the row's cells are then
# read as ordinary containers instead of one "cell | cell" line.
ROW_LAYOUT_TAGS = frozenset(
    [
        "table",
        "ul",
        "ol",
        "dl",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "form",
        "article",
        "section",
        "header",
        "footer",
        "nav",
    ]
)
# A table row with more descendant elements than this is layout, not a data row.
ROW_SCAN_MAX = 200
# Separator between the cells of a table row.
# Inside a figure, class/id tokens that set an image credit apart from its caption.
# (Kept here until the DOM lexicons grow a "credit" list.)
CREDIT_CLASS = re.compile(r"credit|copyright|photographer|attribution|\bsource\b", re.IGNORECASE)
# Outside a <figure>, a class/id token "caption", or one ending in an image word and
# "caption" (``wp-caption-text``, ``image-caption``, ``newsCaption``), marks an image
# caption: it is read like a <figcaption>. ("item-caption", "product-caption" are cards.)
CAPTION_CLASS = re.compile(
    r"(?:^|\s)(?:\S*(?:wp|image|img|photo|pic|picture|media|figure|fig|video|embed|news|slide|gallery)[-_]*)?"
    r"caption(?:s)?(?:[-_]?text)?(?:\s|$)",
    re.IGNORECASE,
)
# An element whose class/id token is just an image word ("div.image", "div.photo") holds
# an image: text inside it is the image's caption, read like one (within the limits below).
IMAGE_CLASS = re.compile(r"(?:^|\s)(?:image|img|photo|picture)(?:\s|$)", re.IGNORECASE)
# The words IMAGE_CLASS needs, to skip its regex on class values without them.
_IMAGE_WORDS = ("image", "img", "photo", "picture")
# A caption element with more words than this is a text card, not one image's caption.
CAPTION_ELEMENT_MAX_WORDS = 120
# ... or with more blocks than this (a caption, a credit, a "more" line).
CAPTION_ELEMENT_MAX_BLOCKS = 6
# A class/id token naming a list of references or footnotes: its text, however long,
# never chooses the main container (an abstract above 60 references is the article).
_REFERENCE_WORDS = (
    "references",
    "bibliography",
    "reflist",
    "ref-list",
    "citation-list",
    "footnotes",
)
REFERENCES_CLASS = re.compile(
    r"(?:^|[\s_-])(?:" + "|".join(map(re.escape, _REFERENCE_WORDS)) + r")(?:[\s_-]|$)",
    re.IGNORECASE,
)
# A heading of at least this many words in the article header, above the text, is a
# standfirst (a summary sentence), left out of the body as the headline is.
STANDFIRST_MIN_WORDS = 10
# A DOM path through an article header (headline, standfirst, kicker, byline).
_HEADER_PATH = re.compile(r"head|standfirst|subline|kicker", re.IGNORECASE)
# Elements that wrap a page or its controls, never one image's caption.
_NOT_CAPTIONS = frozenset({"html", "body", "main", "article", "header", "option", "select"})
# Class/id tokens of author and date lines (short blocks near the top of the article).
BYLINE_CLASS = re.compile(
    r"byline|author|\bdate|dateline|published|posted|timestamp|\btime\b", re.IGNORECASE
)
# Paragraphs at least this long are checked for repeating text kept above, by
# looking up this many characters of their start and of their end.
REPEAT_MIN_CHARS, REPEAT_PROBE_CHARS = 120, 30
# Class/id of an element holding the author's name, looked for this many levels up.
_AUTHOR_CLASS = re.compile(r"author|byline", re.IGNORECASE)
_BY = re.compile(r"^(?:by|von|par|por|di|door|av|przez)\s+", re.IGNORECASE)
AUTHOR_CLASS_LEVELS = 3
# An author's name has at most this many words.
AUTHOR_MAX_WORDS = 5
# A byline or date line has at most this many words.
BYLINE_MAX_WORDS = 14
# A block of at most this many characters may date the page when nothing else does
# (a dateline, "Posted on 5 May 2024 by Ann"); longer text mentions dates in passing.
DATE_BLOCK_MAX_CHARS = 120
# Inline styles that hide an element.
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# Pages that hide at least this share of their running text reveal it with
# JavaScript: their hidden marks are ignored.
HIDDEN_MAX_SHARE = 0.3
# Semantic markers of the main content besides class/id tokens.
_CONTENT_PROPS = frozenset({"articlebody", "text", "reviewbody", "description"})

# Inherited element flags.
_LIST, _TABLE, _FIGURE, _FORM, _HIDDEN, _LINK, _CONTROL, _REFS = 1, 2, 4, 8, 16, 32, 64, 128
# A hidden element carrying itemscope: structured data for machines (a schema.org copy
# of the headline, author, dates, image sizes), never shown, whatever the hidden share.
_DATA = 256
# Inside a <blockquote> (a forum post's quote of another: its "Ann said:" is a citation).
_QUOTE = 512
_FLAG_OF_TAG = {
    "li": _LIST,
    "ul": _LIST,
    "ol": _LIST,
    "dl": _LIST,
    "dd": _LIST,
    "dt": _LIST,
    "table": _TABLE,
    "td": _TABLE,
    "th": _TABLE,
    "tr": _TABLE,
    "figure": _FIGURE,
    "figcaption": _FIGURE,
    "form": _FORM,
    "blockquote": _QUOTE,
    "a": _LINK,
}

# --- main content container ---
# Blocks with at least this many words and little link text count as running text.
RUNNING_TEXT_MIN_WORDS = 10
# ... if their stopword density (where the language has a stoplist) reaches this.
RUNNING_TEXT_MIN_STOPWORDS = 0.15
# ... and their link density stays at or below this.
RUNNING_TEXT_MAX_LINKS = 0.3
# The broad container is the deepest element holding at least this share of running text.
CONTAINER_SHARE = 0.6
# When the best-scoring paragraphs lie outside the broad container, the broad one
# still wins if it holds paragraphs scoring at least this share of the best:
# otherwise it is a rail of short teasers.
BROAD_SCORE_RATIO = 0.4
# Share of a paragraph's score given to the element around it, the next one up, and the one above.
SCORE_DECAY = (1.0, 0.5, 0.25)
# Inside the broad container, an element whose class/id marks it as the article body
# and that holds the best paragraphs becomes the container when it holds at least
# this share of the running text (and no other marked element holds any).
MARKED_MIN_SHARE = 0.25
# The container grows to its parent while the parent adds at most this share of running text.
CONTAINER_GROW_MAX = 0.4
# ... and at most this many times the visible text (any text, link lists included) the
# container already holds: a headline and a byline grow a short article, the page's
# menus and rails around it (which hold no running text) do not.
CONTAINER_GROW_SHOWN_MAX = 2.0
# ...and grows on while at least this share of the running text a parent adds is
# more posts built like the container (a thread's other posts, see _more_posts)...
POST_SHARE = 0.8
# ...in at least this many blocks (a lone promo line set like the article's text is no post).
POST_MIN_BLOCKS = 2
# ...each inside at least this many wrappers of the container's classes: a post's
# skeleton (div.post > div.post-body), not one generic class the whole site uses.
POST_MIN_WRAPPERS = 2
# At most this many blocks, removed by position alone, between two kept blocks of the
# main container are taken back (the lines under each kept subheading of a menu or
# a schedule); a longer run is a widget the container happens to hold.
CONTAINER_GAP_MAX_BLOCKS = 3
# A class whose elements hold at least this share of the container's running text
# (and at least this many of its blocks) marks the article's paragraphs: blocks in
# elements of that class outside the container (a body split over sibling wrappers)
# are taken in as well.
BODY_CLASS_MIN_SHARE, BODY_CLASS_MIN_BLOCKS = 0.5, 3
# No container is trusted when the page has fewer characters of running text.
CONTAINER_MIN_CHARS = 400
# A CJK character carries about as much text as this many alphabetic characters (a
# word is one or two characters): on a page whose running text is mostly CJK, the
# minimum above is divided by it (a 150-character Chinese report is an article).
CJK_CHAR_WEIGHT = 3.0
# A <form> holding more than this share of the page's running text wraps the page
# (ASP.NET style) and says nothing about its blocks.
FORM_MAX_SHARE = 0.3
# A class/id kind on an element holding more than this share of the page's running
# text names a wrapper ("ad-wrapper" around the whole page), not boilerplate...
KIND_MAX_SHARE = 0.5
# ... except for comments, as a long discussion can outweigh its article: only a
# comment section holding nearly all of the text is taken for a wrapper.
COMMENTS_MAX_SHARE = 0.85
# ... unless an element said to be content (``<article>``, ``div.entry-content``)
# holding at least this share of the running text lies beside it: then the big
# element is a sidebar or a rail next to a short article, not the page's wrapper.
BESIDE_CONTENT_MIN_SHARE = 0.1
_COMMENT_KINDS = frozenset({Kind.COMMENTS, Kind.COMMENT_FORM})
# At most this many blocks between the headline and the container count as the article's lead.
LEAD_MAX_BLOCKS = 30
# Comment-marked blocks holding this share of the running text make the page a forum.
FORUM_SHARE = 0.5
# ... unless one element with no comment below holds this share of it (the article).
FORUM_ARTICLE_MIN_SHARE = 0.15
# Among this many kept blocks right after the title, a short line that is a byline
# ("By Reuters") or a bare date with no sentence end ("Nov. 20, 2019, 9:28 AM UTC")
# is the article's byline, whatever its class/id (the standfirst and the lead
# photo's caption may come before it).
BYLINE_AFTER_TITLE_KEPT = 4
# Path components kept in ``Block.path`` (innermost last).
PATH_PARTS = 4

# --- metadata ---
# JSON-LD scripts longer than this are not parsed.
JSONLD_MAX_CHARS = 1_000_000
# Separators between a headline and the site name in <title>.
_TITLE_SPLIT = re.compile(r"\s+[|–—•·:»/⋆★-]\s+|\s+::\s+|\s*\|\s*")
# Separators between a headline and its tagline in an <h1> (a colon is punctuation:
# "Gel tardif : dans le Mâconnais…" is one headline).
_TAGLINE_SPLIT = re.compile(r"\s+[|–—•·»/-]\s+|\s*\|\s*")
_ARTICLE_TYPES = re.compile(
    r"Article|BlogPosting|Report|Posting|Recipe|Review|WebPage|Product", re.IGNORECASE
)
_NON_WORD = re.compile(r"[\W_]+")
_POSITION = re.compile(r"\[\d+\]$")
_SITE_CLASS = re.compile(r"site-title|site-name|logo|brand", re.IGNORECASE)
_PLAIN_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
# og:type values of pages that carry a publication date (absent counts as an article).
_DATED_TYPES = frozenset({"article", "blog", "news", "website", "blogposting", "newsarticle"})
# Characters of block text given to language detection.
LANG_SAMPLE_CHARS = 4000
# Blocks shorter than this are skipped when sampling text for language detection.
LANG_SAMPLE_MIN_CHARS = 40
# An <h1> shorter or longer than this (characters) is not a headline.
TITLE_MIN_CHARS, TITLE_MAX_CHARS = 4, 300
# An <h1> sharing less than this share of its words with the metadata title is a
# section or site label ("Latest News", "Our Blog"): another <h1> is looked for.
TITLE_MIN_OVERLAP = 0.2
# An <h1> that no other source repeats is the title only when it shares at least
# this share of its words with the metadata title (both phrase one headline);
# below it, the <h1> is a promo or section line and the metadata title wins.
H1_MIN_OVERLAP = 0.5
# Permalink marks that documentation generators append to headings ("Usage¶").
_ANCHOR_MARKS = "¶§🔗"
# Zero-width and bidi control characters some CMSs leave in headings.
# Marks a cell boundary inside a data row while its text is gathered (a control
# character: the source text never holds one, parse.sanitize drops them).
_CELL_MARK = "\x1f"
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\ufeff]")
# Separators and spaces left at either end of a title ("Best Boxes in 2025 |").
_TITLE_EDGE = " |–—•·:»/⋆★-"
# Markdown a CMS left in a title: heading marks ("## Headline") and emphasis
# around words ("*Book Title* (1792)").
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2})(?=\S)([^*]+?)(?<=\S)\1(?![\w*])")
# Brackets a template left empty ("Clips, Clear, 40-Clips ()").
_EMPTY_BRACKETS = re.compile(r"\s*(?:\(\s*\)|\[\s*\])")
# UTF-8 read as Latin-1 once too often ("Investorâ\x80\x99s" for "Investor’s").
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]")
# Full-width forms of ASCII ("Work？") in a title of Latin script.
_FULL_WIDTH = MappingProxyType({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)})
# A <title> part that is a domain name ("Move.org", "bcbs.com") names the site.
_DOMAIN_NAME = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
# JSON-LD types whose name is the site's or its publisher's, not the page's.
_SITE_TYPES = re.compile(r"WebSite|Organization|Corporation|LocalBusiness|Brand", re.IGNORECASE)
# Blocks searched for the h1 that repeats the title.
TITLE_BLOCK_SCAN = 400
# A kept paragraph (not a heading, list item or table row) whose text is at least
# this share of link text, with at most this many words, is a link line ("[CNET]",
# "Print this article", a teaser headline): about a fifth of their text is body text.
LINK_LINE_MIN_DENSITY, LINK_LINE_MAX_WORDS = 0.9, 10
# A paragraph with this share of link text is a link line up to twice the words (a
# promoted headline between the article's paragraphs).
LINK_LINE_FULL_DENSITY = 0.99
# A label of at most this many words and a colon ("READ MORE:", "Related:") may
# lead a link line; the rest of the line is the link.
LINK_LABEL_MAX_WORDS = 3
_LINK_LABEL = re.compile(r"^\s*(?:\w+\s+){0,2}\w+\s*:\s*")
# Link lines holding more than this share of the kept characters are the page's
# content (a listing of products or rankings), not lines around an article.
LINK_LINE_MAX_SHARE = 0.15
# A teaser card is a link line followed, within this many blocks, by an author or
# date line (its byline); this many cards on a page make a teaser list, removed
# whatever its share of the text: one linked headline with a byline may be a quote.
TEASER_BYLINE_GAP, TEASER_MIN_CARDS = 2, 2
# This many kept headings made of link text, each after the last with at most
# TEASER_GAP_MAX_BLOCKS kept short lines (fewer than LENGTH_LOW words: a section
# label, "share") between them, are a list of teaser cards ("More on", "More news"),
# removed; a heading followed by running text is a section of the article. Runs
# holding more characters than the page's other kept paragraphs of running text
# (RUNNING_TEXT_MIN_WORDS words or more) are a listing's content and stay.
TEASER_RUN_MIN_HEADINGS, TEASER_GAP_MAX_BLOCKS = 3, 3


def collapse(text: str) -> str:
    r"""Collapse every run of whitespace (source formatting in HTML) to one space.

    >>> collapse(" a\t\n b ")
    'a b'
    """
    return " ".join(text.split())


def parse_html(text: str) -> Any:
    """Parse ``text`` with a safe, recovering lxml configuration; return the root or None.

    No network, no DTD, no entity expansion; libxml2 bounds depth and sizes.

    >>> parse_html("<p>Hi <b>there</b>").findtext(".//b")
    'there'
    >>> parse_html("") is None
    True
    """
    if not text.strip():
        return None
    parser = etree.HTMLParser(
        encoding="utf-8",
        recover=True,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        remove_blank_text=False,
        huge_tree=False,
        collect_ids=False,
        compact=True,
    )
    try:
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root


# --- metadata ---------------------------------------------------------------


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _is_title_heading(block: Block | _Pre, norm_title: str) -> bool:
    """Tell whether ``block`` is a heading spelling the page title (``_norm``-ed).

    The heading is compared as cleaned: the title sources were repaired (encoding,
    markdown marks...), the blocks were not.
    """
    return bool(block.heading_level) and _norm(_clean_title(block.text) or "") == norm_title


def _jsonld_items(data: Any) -> list[dict[str, Any]]:
    """Every dict in a JSON-LD value, breadth first, without recursion."""
    out: list[dict[str, Any]] = []
    queue = [data]
    while queue and len(out) < 200:
        item = queue.pop(0)
        if isinstance(item, dict):
            out.append(item)
            queue.extend(
                v for k, v in item.items() if k in ("@graph", "mainEntity", "itemListElement")
            )
        elif isinstance(item, list):
            queue.extend(item[:50])
    return out


def _ld_name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _ld_name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value[:5]) if n]
        return ", ".join(names) if names else None
    return None


def _text_of(el: Any) -> str:
    """All text below ``el`` (lxml's C-level itertext)."""
    return "".join(el.itertext())


def _heading_text(el: Any) -> str:
    """Text of a heading as displayed: ``<br>`` and block children part words, no CSS or script.

    >>> _heading_text(parse_html("<h1>Data<br>Agency<style>.a{}</style></h1>").find(".//h1"))
    'Data Agency'
    """
    pieces = [el.text or ""]
    skip = 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if node is el:
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if skip or tag in SKIP_TAGS:
                skip += 1
                continue
            if tag == "br" or tag in BLOCK_TAGS:
                pieces.append(" ")
            pieces.append(node.text or "")
        else:
            if skip:
                skip -= 1
                if skip:
                    continue
            elif tag in BLOCK_TAGS:
                pieces.append(" ")
            pieces.append(node.tail or "")
    return collapse("".join(pieces))


def _site_heading(el: Any) -> bool:
    """Tell whether an ``<h1>`` holds the site's name or logo rather than a headline."""
    if _SITE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
        return True
    return any(a.get("rel") == "home" for a in el.iter("a"))


def html_metadata(root: Any) -> dict[str, str | None]:
    """Title, author, date and ``html[lang]`` from the head, JSON-LD and ``<h1>``.

    >>> root = parse_html('<html lang="en"><head><title>Big News | Site</title>'
    ...     '<meta name="author" content="Ann Lee"></head><body><h1>Big News</h1></body></html>')
    >>> m = html_metadata(root)
    >>> (m["title"], m["author"], m["lang"])
    ('Big News', 'Ann Lee', 'en')
    """
    return _metadata(root)[0]


def html_title_sources(root: Any) -> TitleSources:
    """The title sources the chooser weighs (for training and inspection).

    >>> html_title_sources(parse_html("<title>A | B</title><h1>A</h1>")).h1s
    ('A',)
    """
    return _metadata(root)[1]


def _metadata(root: Any) -> tuple[dict[str, str | None], TitleSources]:
    """``html_metadata`` and the title sources, from one walk."""
    metas: dict[str, str] = {}
    ld_title = ld_author = ld_date = None
    sites: list[str] = []
    page_title = None
    h1s: list[str] = []
    bare_h1s: set[str] = set()  # <h1>s without a class or id
    h2s: list[str] = []
    ld_kinds: list[str] = []
    ld_headline = ld_name = None
    canonical = None
    first_time = None  # the first <time datetime="..."> of the page, whatever its role
    for el in root.iter("meta", "title", "script", "h1", "h2", "time", "link"):
        tag = el.tag
        if tag == "link":
            if canonical is None and (el.get("rel") or "").strip().lower() == "canonical":
                canonical = el.get("href")
        elif tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            content = el.get("content")
            if key and content and key not in metas:
                metas[key] = collapse(html_unescape(content))
        elif tag == "title":
            if page_title is None:
                page_title = collapse(_text_of(el))
        elif tag == "h1":
            if len(h1s) < 5 and not _site_heading(el):
                text = _heading_text(el)
                if text:
                    h1s.append(text)
                    if not (el.get("class") or el.get("id") or "").strip():
                        bare_h1s.add(text)
        elif tag == "h2":
            if len(h2s) < TITLE_H2S and not _site_heading(el):
                text = _heading_text(el)
                if text:
                    h2s.append(text)
        elif tag == "time":
            first_time = first_time or el.get("datetime")
            if "time" not in metas and (el.get("itemprop") or "").lower() == "datepublished":
                value = el.get("datetime") or _text_of(el)
                if value:
                    metas["time"] = value
        elif (el.get("type") or "").strip().lower() == "application/ld+json" and el.text:
            if len(el.text) > JSONLD_MAX_CHARS:
                continue
            try:
                data = json.loads(el.text)
            except (ValueError, RecursionError):
                continue
            for item in _jsonld_items(data):
                kind = item.get("@type")
                kind_text = " ".join(kind) if isinstance(kind, list) else str(kind or "")
                if _SITE_TYPES.search(kind_text) and (name := _ld_name(item.get("name"))):
                    sites.append(name)
                if not _ARTICLE_TYPES.search(kind_text):
                    continue
                ld_kinds.append(kind_text)
                if ld_headline is None and ld_name is None:
                    ld_headline = _ld_name(item.get("headline"))
                    ld_name = _ld_name(item.get("name"))
                if ld_title is None:
                    ld_title = _ld_name(item.get("headline")) or (
                        _ld_name(item.get("name")) if "WebPage" not in kind_text else None
                    )
                ld_author = ld_author or _ld_name(item.get("author"))
                if ld_date is None and isinstance(item.get("datePublished"), str):
                    ld_date = item["datePublished"]
    og_title = metas.get("og:title") or metas.get("twitter:title")
    sites.extend(metas[k] for k in ("og:site_name", "application-name") if metas.get(k))
    rule, headline = _reconcile_title(page_title, og_title, ld_title, h1s, sites)
    clean_h1s = [(_clean_title(h), h in bare_h1s) for h in h1s]
    sources = TitleSources(
        page=_clean_title(page_title),
        og=_clean_title(metas.get("og:title")),
        twitter=_clean_title(metas.get("twitter:title")),
        ld_headline=_clean_title(ld_headline),
        ld_name=_clean_title(ld_name),
        h1s=tuple(c for c, _ in clean_h1s if c),
        bare_h1s=frozenset(c for c, bare in clean_h1s if c and bare),
        h2s=tuple(c for c in (_clean_title(h) for h in h2s) if c),
        sites=tuple(sites),
        article=(metas.get("og:type") or "").lower() in _ARTICLE_OG
        or any(_ARTICLE_LD.search(k) for k in ld_kinds),
        product=(metas.get("og:type") or "").lower() == "product"
        or any("Product" in k for k in ld_kinds),
        rule=rule,
        url_words=_url_words(canonical or metas.get("og:url")),
    )
    title = choose_title(sources)
    author = None
    for key in ("author", "article:author", "parsely-author", "dc.creator", "sailthru.author"):
        value = metas.get(key)
        if value and "http" not in value and "@" not in value:
            author = value
            break
    author = clean_author(author) or clean_author(ld_author)
    raw_date = None
    for key in (
        "article:published_time",
        "og:published_time",
        "datepublished",
        "publishdate",
        "pubdate",
        "date",
        "dc.date",
        "dc.date.issued",
        "sailthru.date",
        "parsely-pub-date",
    ):
        if key in metas:
            raw_date = metas[key]
            break
    raw_date = raw_date or ld_date or metas.get("time")
    date = find_date(raw_date) if raw_date else None
    html_lang = root.get("lang") if root.tag == "html" else None
    lang = html_lang.split("-")[0].split("_")[0].strip().lower() if html_lang else None
    return {
        "title": title,
        # the text of the heading that shows the title on the page
        "headline": headline,
        "author": author,
        "date": date,
        "lang": lang if lang and lang.isalpha() and 2 <= len(lang) <= 3 else None,
        "h1": h1s[0] if h1s else None,
        # pages whose type has a publication date (not a product, a profile...)
        "dated": "1" if (metas.get("og:type") or "article").lower() in _DATED_TYPES else None,
        # the page's first machine-readable <time>, a fallback when no tag names the date
        "time_date": find_date(first_time) if first_time else None,
    }, sources


def _reconcile_title(
    page: str | None, og: str | None, ld: str | None, h1s: list[str], sites: list[str]
) -> tuple[str | None, str | None]:
    """Pick the page's title; return it and the ``<h1>`` text that shows it on the page.

    The metadata title is ``<title>`` without its site name (else og:title, else
    the JSON-LD headline). The visible ``<h1>`` wins over it when another source
    repeats the ``<h1>`` or when both share most of their words: then they are
    two phrasings of one headline. An ``<h1>`` sharing few words with the
    metadata is a section or promo line ("Latest News", "Get a quote today").
    """
    page, og, ld = (_clean_title(t) for t in (page, og, ld))
    site_norms = {_norm(s) for s in sites if _norm(s)}
    candidates = [
        c
        for c in (_clean_title(h) for h in h1s)
        if c and TITLE_MIN_CHARS <= len(c) <= TITLE_MAX_CHARS and _norm(c) not in site_norms
    ]
    confirmers = [t for t in (og, ld, *candidates) if t]
    og_head = _title_head(og, site_norms, [ld or "", *candidates]) if og else None
    meta = _title_head(page, site_norms, confirmers) if page else og_head or ld
    if not candidates:
        return meta, meta
    if meta is None:
        return candidates[0], candidates[0]
    norm_meta = _norm(meta)
    repeated = {_norm(t) for t in (og, og_head, ld) if t}
    h1 = next(
        (c for c in candidates if _norm(c) in repeated or _norm(c) == norm_meta),
        next((c for c in candidates if _overlap(c, meta) >= TITLE_MIN_OVERLAP), candidates[0]),
    )
    n = _norm(h1)
    if n != norm_meta and n not in repeated and _overlap(h1, meta) < H1_MIN_OVERLAP:
        return meta, meta
    # "Headline | Tagline" in the <h1> where the <title> starts with the headline alone
    head = _TAGLINE_SPLIT.split(h1, maxsplit=1)[0].strip()
    first = _TITLE_SPLIT.split(page or meta, maxsplit=1)[0].strip()
    if head != h1 and _norm(head) == _norm(first):
        return _plain_variant(first, head), h1
    return (_plain_variant(meta, h1) if n == norm_meta else h1), h1


# --- the scored title chooser ---
# Features of one title candidate (a distinct spelling from the page's title
# sources), in the order the shipped html_title_model.json weighs them. Source
# flags hold when any source gives the candidate's words (case and punctuation
# aside); the ``spelled_*`` flags when a source gives this exact spelling.
HTML_TITLE_FEATURES = (
    "rule",  # the rule-based reconciliation (_reconcile_title) picks this spelling
    "title_full",  # the whole <title>
    "title_single",  # the whole <title>, which has no separator
    "title_first",  # the first part of a <title> with separators
    "title_last",  # the last part
    "title_mid",  # a middle part
    "title_prefix",  # leading parts joined ("Headline: Sub | Site" less the site)
    "title_suffix",  # trailing parts joined
    "og_full",  # the whole og:title
    "og_part",  # a part of og:title
    "twitter",  # twitter:title, whole or a part
    "ld_headline",  # JSON-LD headline of the page's article/page item
    "ld_name",  # JSON-LD name of the page's item
    "h1_first",  # the first headline-like <h1>
    "h1_later",  # a later <h1>
    "h2",  # one of the first <h2>s
    "families",  # share of source families (title, og, twitter, JSON-LD, h1, h2) giving it
    "spelled_h1",  # an <h1> spells it so
    "spelled_meta",  # <title>, og:title or JSON-LD spells it so
    "spelled_title",  # <title> spells it so
    "spelled_og",  # og:title or twitter:title spells it so
    "capitals",  # share of its words of letters that start with a capital
    "upper",  # all in capitals
    "site",  # names the site (og:site_name, JSON-LD publisher, a domain)
    "site_first",  # names the site and leads a <title> with separators ("Site | Headline")
    "tagline",  # the <title>'s headline, then a separator (not a colon) and more
    "article_h1",  # an <h1>, on a page typed as an article
    "article_title",  # a <title> part or the whole, on a page typed as an article
    "many_h1",  # an <h1>, on a page with several headline-like <h1>s
    "log_words",  # log(1 + words)
    "short",  # at most SHORT_TITLE_WORDS words
    "separator",  # holds a headline/site separator itself
    "overlap",  # share of words shared with the <title>'s headline (first part not naming the site)
    "inside_title",  # an <h1>/<h2> whose words sit inside the <title>'s headline
    "holds_h1",  # a <title> or og part that holds the first <h1>'s words and more
    "byline",  # holds a byline or date phrase ("Posted on", "by Ann Lee")
    "product_h1",  # an <h1>, on a page typed as a product
    "product_title",  # a <title> part, on a page typed as a product
    "many_parts",  # a <title> part, of a <title> with three parts or more
    "longest",  # the most words of all candidates
    "bare_h1",  # an <h1> without a class or id spells it so (themes mark their headline <h1>)
    "in_url",  # share of its words in the page's URL path (canonical or og:url; URL_FULL_WORDS)
)
# A candidate with a phrase like these carries a byline or date, not only a headline.
_BYLINE_PHRASE = re.compile(
    r"\b(?:posted|published|updated)\b|\bby\s+\w|\b(?:19|20)\d\d-\d\d-\d\d\b", re.IGNORECASE
)
# A candidate of at most this many words is a label rather than a headline.
SHORT_TITLE_WORDS = 2
# A candidate of fewer words than this counts its URL-word share in proportion
# (one word found in "/c/hiking-boots" is weak evidence; "Hiking Boots" is not).
URL_FULL_WORDS = 2
# The URL's scheme and host, and a path segment's file extension (".html").
_URL_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//[^/]*", re.IGNORECASE)
_URL_EXTENSION = re.compile(r"\.[a-z]{2,5}$", re.IGNORECASE)
# <h2>s offered as title candidates (the first ones; later ones are sections).
TITLE_H2S = 3
# <h1>s from this count up make the page's <h1>s labels and cards, not one headline.
MANY_H1S = 3
# og:type values and JSON-LD types of article pages (their <h1> is the headline).
_ARTICLE_OG = frozenset({"article", "blog", "news", "blogposting", "newsarticle"})
_ARTICLE_LD = re.compile(r"Article|BlogPosting|Posting|Report", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TitleSources:
    """The page's title sources, cleaned, for the scored chooser."""

    page: str | None = None
    og: str | None = None
    twitter: str | None = None
    ld_headline: str | None = None
    ld_name: str | None = None
    h1s: tuple[str, ...] = ()
    bare_h1s: frozenset[str] = frozenset()  # the h1s whose element has no class or id
    h2s: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    article: bool = False
    product: bool = False
    rule: str | None = None
    url_words: frozenset[str] = frozenset()  # words of the page URL's path (``_url_words``)


def _url_words(url: str | None) -> frozenset[str]:
    """Words of a URL's path, without digits-only words and file extensions.

    >>> sorted(_url_words("https://example.com/c/hiking-boots/12345.html?page=2"))
    ['boots', 'c', 'hiking']
    """
    if not url:
        return frozenset()
    path = _URL_HOST.sub("", url.strip()).split("?")[0].split("#")[0]
    words = (
        _norm(_URL_EXTENSION.sub("", segment)).split() for segment in path.split("/") if segment
    )
    return frozenset(w for ws in words for w in ws if not w.isdigit())


def _title_pieces(title: str) -> tuple[list[str], list[str], list[str]]:
    """A title's parts, its leading-part joins and its trailing-part joins.

    >>> _title_pieces("Big News: Today | Section | Site")
    (['Big News: Today', 'Section', 'Site'], ['Big News: Today | Section'], ['Section | Site'])
    """
    seps = list(_TITLE_SPLIT.finditer(title))
    parts = [p.strip() for p in _TITLE_SPLIT.split(title)]
    prefixes = [title[: m.start()].strip() for m in seps[1:]]
    suffixes = [title[m.end() :].strip() for m in seps[:-1]]
    return [p for p in parts if p], [p for p in prefixes if p], [p for p in suffixes if p]


def title_candidates(src: TitleSources) -> list[tuple[str, tuple[float, ...]]]:
    """Every distinct spelling the sources offer as the title, with HTML_TITLE_FEATURES.

    >>> cands = title_candidates(TitleSources(page="Big News | Site", h1s=("Big News",)))
    >>> [c for c, _ in cands]
    ['Big News | Site', 'Big News', 'Site']
    """
    tags: dict[str, set[str]] = {}  # spelling -> source tags

    def add(text: str | None, tag: str) -> None:
        text = _clean_title(text)
        # a heading shorter than TITLE_MIN_CHARS is a label; metadata may be short ("海姑娘")
        shortest = TITLE_MIN_CHARS if tag.startswith("h") else 1
        if text and shortest <= len(text) <= TITLE_MAX_CHARS:
            tags.setdefault(text, set()).add(tag)

    site_norms = {_norm(s) for s in src.sites if _norm(s)}
    first_part = ""  # the <title>'s headline: its first part that does not name the site
    n_parts = 0
    if src.page:
        parts, prefixes, suffixes = _title_pieces(src.page)
        n_parts = len(parts)
        add(src.page, "title_full" if len(parts) > 1 else "title_single")
        if len(parts) > 1:
            first_part = next((p for p in parts if not _is_site_part(p, site_norms)), parts[0])
            for i, part in enumerate(parts):
                add(
                    part,
                    "title_first"
                    if i == 0
                    else "title_last"
                    if i == len(parts) - 1
                    else "title_mid",
                )
            for text in prefixes:
                add(text, "title_prefix")
            for text in suffixes:
                add(text, "title_suffix")
        else:
            first_part = src.page
    if src.og:
        add(src.og, "og_full")
        for part in _title_pieces(src.og)[0]:
            add(part, "og_part")
    if src.twitter:
        add(src.twitter, "twitter")
        for part in _title_pieces(src.twitter)[0]:
            add(part, "twitter")
    add(src.ld_headline, "ld_headline")
    add(src.ld_name, "ld_name")
    for i, h1 in enumerate(src.h1s):
        add(h1, "h1_first" if i == 0 else "h1_later")
    for h2 in src.h2s[:TITLE_H2S]:
        add(h2, "h2")
    add(src.rule, "rule")
    by_norm: dict[str, set[str]] = {}
    for text, t in tags.items():
        by_norm.setdefault(_norm(text), set()).update(t)
    rule = _clean_title(src.rule)
    first_norm = f" {_norm(first_part)} "
    h1_norm = f" {_norm(src.h1s[0])} " if src.h1s else ""
    most_words = max((len(t.split()) for t in tags), default=0)
    out = []
    for text, own in tags.items():
        t = by_norm[_norm(text)]
        norm = f" {_norm(text)} "
        families = {"title" if x.startswith("title") else x.split("_")[0] for x in t if x != "rule"}
        is_h1 = "h1_first" in t or "h1_later" in t
        in_title = any(x.startswith("title") for x in t)
        words = len(text.split())
        site = _is_site_part(text, site_norms)
        alpha = [w for w in text.split() if w[0].isalpha()]
        own_words = set(norm.split())
        in_url = len(own_words & src.url_words) / max(len(own_words), URL_FULL_WORDS)
        values = {
            "rule": float(text == rule),
            "families": len(families) / 6,
            "spelled_h1": float("h1_first" in own or "h1_later" in own),
            "spelled_meta": float(any(x.startswith(("title", "og", "ld", "tw")) for x in own)),
            "spelled_title": float(any(x.startswith("title") for x in own)),
            "spelled_og": float(any(x.startswith(("og", "tw")) for x in own)),
            "capitals": sum(w[0].isupper() for w in alpha) / len(alpha) if alpha else 0.0,
            "upper": float(text.isupper()),
            "site": float(site),
            "site_first": float(site and "title_first" in t),
            "tagline": float(
                text != first_part
                and text.startswith(first_part)
                and bool(_TAGLINE_SPLIT.match(text[len(first_part) :]))
            ),
            "article_h1": float(is_h1 and src.article),
            "article_title": float(in_title and src.article),
            "many_h1": float(is_h1 and len(src.h1s) >= MANY_H1S),
            "log_words": math.log1p(words),
            "short": float(words <= SHORT_TITLE_WORDS),
            "separator": float(bool(_TITLE_SPLIT.search(text))),
            "overlap": _overlap(text, first_part) if first_part else 0.0,
            "inside_title": float(
                (is_h1 or "h2" in t) and norm != first_norm and norm in first_norm
            ),
            "holds_h1": float(bool(h1_norm) and norm != h1_norm and h1_norm in norm and not is_h1),
            "byline": float(bool(_BYLINE_PHRASE.search(text))),
            "product_h1": float(is_h1 and src.product),
            "product_title": float(in_title and src.product),
            "many_parts": float(in_title and n_parts >= 3),
            "longest": float(words == most_words),
            "bare_h1": float(text in src.bare_h1s),
            "in_url": in_url,
        }
        row = tuple(values.get(name, float(name in t)) for name in HTML_TITLE_FEATURES)
        out.append((text, row))
    return out


def choose_title(src: TitleSources) -> str | None:
    """The candidate the shipped title model scores highest; the rule's pick without a model.

    >>> choose_title(TitleSources(page="Big News | Site", h1s=("Big News",), rule="Big News"))
    'Big News'
    """
    model = html_title_model()
    cands = title_candidates(src)
    if model is None or not cands:
        return src.rule
    return cands[best_candidate([row for _, row in cands], model.weights)][0]


def best_candidate(rows: Sequence[Sequence[float]], weights: Sequence[float]) -> int:
    """Index of the top-scored candidate row; "Headline | Tagline" never beats the headline.

    >>> tagline = HTML_TITLE_FEATURES.index("tagline")
    >>> rows = [[0.0] * len(HTML_TITLE_FEATURES) for _ in range(2)]
    >>> rows[1][0] = rows[1][tagline] = 1.0
    >>> best_candidate(rows, [1.0] * len(HTML_TITLE_FEATURES))
    0
    """
    scores = [sum(w * x for w, x in zip(weights, row, strict=True)) for row in rows]
    tagline = HTML_TITLE_FEATURES.index("tagline")
    allowed = [i for i, row in enumerate(rows) if not row[tagline]] or range(len(rows))
    return max(allowed, key=scores.__getitem__)


def _clean_title(text: str | None) -> str | None:
    """Unescape entities left in metadata, drop a heading's permalink mark ("Usage¶").

    Also repairs doubly encoded UTF-8, full-width ASCII in Latin text, markdown
    marks and empty brackets a template left in.

    >>> _clean_title("## *Coffee* (1792) ()")
    'Coffee (1792)'
    >>> _clean_title("Does It Work？ ⋆ Site")
    'Does It Work? ⋆ Site'
    """
    if not text:
        return None
    text = collapse(_INVISIBLE.sub("", html_unescape(text)))
    if _MOJIBAKE.search(text):
        text = _undo_mojibake(text)
    if not CJK.search(text):  # CJK text keeps its full-width punctuation
        text = text.translate(_FULL_WIDTH)
    text = _MARKDOWN_EMPHASIS.sub(r"\2", _MARKDOWN_HEADING.sub("", text))
    text = _EMPTY_BRACKETS.sub("", text)
    return text.rstrip(_ANCHOR_MARKS).strip(_TITLE_EDGE) or None


def _undo_mojibake(text: str) -> str:
    """Decode UTF-8 that was read as Latin-1; the text as it was when it is not.

    >>> _undo_mojibake("Investor\u00e2\u0080\u0099s Guide")
    'Investor’s Guide'
    >>> _undo_mojibake("Café")
    'Café'
    """
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def _plain_variant(meta: str, h1: str) -> str:
    """Of two spellings of one title, keep the metadata's unless it is in capitals."""
    if meta.isupper() and not h1.isupper():
        return h1
    return meta


def _is_site_part(part: str, site_norms: set[str]) -> bool:
    """Tell whether a ``<title>`` part names the site: its og:site_name/JSON-LD name or a domain."""
    if _DOMAIN_NAME.match(part):
        return True
    n = _norm(part)
    return any(n == s or f" {n} " in f" {s} " or f" {s} " in f" {n} " for s in site_norms)


def _title_head(title: str, site_norms: set[str], confirmers: list[str]) -> str:
    """Strip the site name from a ``<title>``: the part another source repeats, else the first.

    "Headline | Section | Site" puts the headline first; a part naming the site
    (a known site name or a domain) is never the headline.
    """
    parts = [p.strip() for p in _TITLE_SPLIT.split(title) if p.strip()]
    if len(parts) <= 1:
        return title
    normed = {_norm(c): c for c in confirmers}
    for k in range(len(parts) - 1, 1, -1):  # "Gel tardif : dans le Mâconnais… | Site"
        prefix = _norm(" ".join(parts[:k]))
        if prefix in normed:
            return normed[prefix]
    for part in parts:
        if _norm(part) in normed and not _is_site_part(part, site_norms):
            return part
    rest = [p for p in parts if not _is_site_part(p, site_norms)]
    return rest[0] if rest else parts[0]


def _overlap(a: str, b: str) -> float:
    """Share of the shorter title's words found in the other one."""
    wa, wb = set(_norm(a).split()), set(_norm(b).split())
    return len(wa & wb) / (min(len(wa), len(wb)) or 1)


# --- segmentation -----------------------------------------------------------


@dataclass(slots=True, eq=False)
class _Frame:
    """One open element during the walk (internal, local to one call)."""

    tag: str
    parent: _Frame | None
    depth: int
    flags: int
    kind: Kind | None  # from this element's own class/id tokens
    content: bool  # this element's class/id/itemprop says "main content"
    name: str  # path component, e.g. "div.entry-content"
    heading: int
    row: bool = False  # a <tr> read as one "cell | cell" line
    credit: bool = False  # an image credit element inside a figure
    caption: _Frame | None = (
        None  # the nearest <figcaption> or caption class/id element at or above
    )
    byline: bool = False  # this element or an ancestor has byline/date class tokens
    marked: bool = False  # this element's own class/id tokens say "main content"
    children: dict[str, int] = field(default_factory=dict)
    good: int = 0  # characters of running text below, boilerplate excluded (container choice)
    score: float = 0.0  # readability-style score from the paragraphs just below
    text_all: int = 0  # characters of running text below
    shown: int = 0  # characters of any visible text below (container growth)


@dataclass(slots=True)
class _Raw:
    """A block before features: its text, link characters and owning element."""

    text: str
    links: int
    frame: _Frame


# How a DOM lexicon pattern may start: at the token start, or at a "-"/"_" separator.
_AT_START = ("(?:^", "^")
_AT_SEPARATOR = ("(?:(^|[-_])", "(?:([-_])", "(^|[-_])", "([-_])")
# The positions those patterns are tried at: the token start and each "-" or "_".
_SEPARATOR_GUARD = "(?:^|(?=[-_]))"


def _non_capturing(pattern: str) -> str:
    r"""``pattern`` with its capturing groups made non-capturing, when it has no backreference.

    The kind is read from the named group around each pattern; groups inside only
    slow the regex down (its alternatives can no longer be skipped on their first
    character).

    >>> _non_capturing(r"^(nav|menu)([-_].*)?$"), _non_capturing(r"[(]\(x(?:y)")
    ('^(?:nav|menu)(?:[-_].*)?$', '[(]\\(x(?:y)')
    >>> _non_capturing(r"(a)\1"), _non_capturing(r"[^](]x(y)")
    ('(a)\\1', '[^](]x(?:y)')
    """
    if re.search(r"\\[1-9]|\(\?P=", pattern):
        return pattern  # a backreference needs its group
    out: list[str] = []
    escaped = False
    class_start = -1  # where the character class being read opened, -1 outside one
    for i, ch in enumerate(pattern):
        out.append(ch)
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif class_start >= 0:
            # a "]" first in the class ("[]a]", "[^]a]") is a member, not its end
            if ch == "]" and pattern[class_start + 1 : i] not in ("", "^"):
                class_start = -1
        elif ch == "[":
            class_start = i
        elif ch == "(" and not pattern.startswith("?", i + 1):
            out.append("?:")
    return "".join(out)


@functools.cache
def _token_regexes() -> tuple[
    re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None
]:
    """Compile the DOM lexicons into three regexes with one named group per kind.

    Patterns anchored at the token start are tried with ``match`` at position 0,
    patterns that start at a separator at position 0 and at each "-" or "_" (a
    guard in front of the regex skips the other positions), and the rest with
    ``search``: far fewer positions than searching everything. A pure function of
    the package data.
    """
    groups: tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]] = ({}, {}, {})
    for name, rx in dom_matchers().items():
        pieces = rx.pattern.split("|(?:")
        parts = [pieces[0], *[f"(?:{p}" for p in pieces[1:]]]
        try:
            for part in parts:
                re.compile(part)
        except re.error:
            parts = [rx.pattern]  # a pattern with "|(?:" inside: keep the kind whole
        for part in parts:
            where = 0 if part.startswith(_AT_START) else 1 if part.startswith(_AT_SEPARATOR) else 2
            groups[where].setdefault(name, []).append(part)

    def build(group: dict[str, list[str]], guard: str = "") -> re.Pattern[str] | None:
        if not group:
            return None
        return re.compile(
            guard
            + "(?:"
            + "|".join(
                f"(?P<{name}>{'|'.join(map(_non_capturing, parts))})"
                for name, parts in group.items()
            )
            + ")"
        )

    # the separator patterns are tried at the token start and at each "-" or "_": one
    # search with that guard tries the same positions, in the same order, in C
    return build(groups[0]), build(groups[1], _SEPARATOR_GUARD), build(groups[2])


# Class prefixes naming a post's taxonomy terms (WordPress and others) or a Drupal
# node's properties ("node--promoted": promoted to the front page, "node--type-
# newsletter-article"), not an element's role.
_TAXONOMY_PREFIXES = ("tag-", "category-", "tags-", "categories-", "topic-", "node-")
# Distinct class/id tokens whose lexicon lookup is remembered (framework tokens
# such as "menu-item" or "col-md-6" recur on most pages).
TOKEN_CACHE_SIZE = 1 << 16


@functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)
def _token_kind(token: str) -> tuple[Kind | None, bool, bool]:
    """Return (kind, content, hidden) for one lower-cased class/id token (pure, cached)."""
    anchored, separated, floating = _token_regexes()
    hit = anchored.match(token) if anchored is not None else None
    if hit is None and separated is not None:
        hit = separated.search(token)
    if hit is None and floating is not None:
        hit = floating.search(token)
    name = hit.lastgroup if hit is not None else None
    if name is None:
        return None, False, False
    if name == "content":
        return None, True, False
    if name == "hidden":
        return None, False, True
    return Kind(name), False, False


@functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)
def _class_marks(value: str) -> tuple[bool, bool]:
    """Whether a ``"class id"`` value marks a reference list, and a caption or image (cached).

    >>> _class_marks("wp-caption-text "), _class_marks("mw-references-wrap ")
    ((False, True), (True, False))
    """
    if value.isascii():
        # both regexes need one of their words; for ASCII text, IGNORECASE is lower()
        low = value.lower()
        references = any(word in low for word in _REFERENCE_WORDS)
        caption = "caption" in low
        image = any(word in low for word in _IMAGE_WORDS)
    else:
        references = caption = image = True
    return (
        references and REFERENCES_CLASS.search(value) is not None,
        (caption and CAPTION_CLASS.search(value) is not None)
        or (image and IMAGE_CLASS.search(value) is not None),
    )


@functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)
def _class_kind(value: str) -> tuple[Kind | None, bool, bool]:
    """(kind, content, hidden) named by the class/id tokens in ``value``, from the DOM lexicons.

    Each token is matched on its own, lower-cased, as the lexicon files expect.

    >>> _class_kind("menu-item main-nav")[0]
    <Kind.NAVIGATION: 'navigation'>
    >>> _class_kind("entry-content")
    (None, True, False)
    """
    kind: Kind | None = None
    content = hidden = False
    for token in value.lower().split():
        if token.startswith(_TAXONOMY_PREFIXES):
            continue  # "tag-newsletter", "node--promoted": the post's topics or state, not its role
        t_kind, t_content, t_hidden = _token_kind(token)
        kind = kind or t_kind
        content = content or t_content
        hidden = hidden or t_hidden
    return kind, content, hidden


class _Marks(NamedTuple):
    """What an element's class and id values mark, looked up once per distinct pair."""

    kind: Kind | None  # boilerplate kind of the class/id tokens
    content: bool  # a token says "main content"
    caption: bool  # a caption or image element
    flags: int  # _HIDDEN for a hiding token, _REFS for a reference list
    name: str  # path component after the tag: ".first-class", "#id" or ""

    @classmethod
    def of(cls, klass: str, ident: str) -> _Marks:
        """Look ``klass`` and ``ident`` up in the DOM lexicons (via the cached helpers).

        >>> _Marks.of("menu-item wp-caption", "")
        _Marks(kind=<Kind.NAVIGATION: 'navigation'>, content=False, caption=True, flags=0, \
name='.menu-item')
        """
        kind, content, hidden = _class_kind(f"{klass} {ident}" if ident else klass)
        references, caption = _class_marks(f"{klass} {ident}")
        first = klass.split(None, 1)[0] if klass.strip() else ""
        return cls(
            kind,
            content,
            caption,
            (_HIDDEN if hidden else 0) | (_REFS if references else 0),
            f".{first}" if first else f"#{ident}" if ident else "",
        )


def _boilerplate_kind(chain: list[_Frame], stop: _Frame | None) -> Kind | None:
    """Return the kind of the nearest boilerplate element above a block, below ``stop``.

    ``chain`` runs from the block's element outwards; the walk stops at ``stop``
    (the main container), so tokens on the container and its ancestors are
    ignored. A "content" token below a boilerplate element does not shield it
    (a comment's ``div.content`` is still a comment); wrappers whose kind is
    misleading are dropped beforehand by their size.
    """
    for f in chain:
        if f is stop:
            return None
        if f.kind is not None:
            return f.kind
    return None


def _row_is_data(tr: Any) -> bool:
    """Tell whether a <tr> holds plain cells (a data row) rather than page layout."""
    for count, el in enumerate(tr.iterdescendants()):
        if count > ROW_SCAN_MAX or el.tag in ROW_LAYOUT_TAGS:
            return False
    return True


def segment_html(root: Any, *, noscript: bool = False) -> list[_Raw]:
    r"""Walk the DOM iteratively; return the raw blocks in document order.

    >>> [r.text for r in segment_html(parse_html("<ul><li>One</li><li>Two <b>x</b></li></ul>"))]
    ['One', 'Two x']
    >>> [r.text for r in segment_html(parse_html("<table><tr><td>a</td><td>b</td></tr></table>"))]
    ['a\tb']
    """
    skip = _SKIP_BUT_NOSCRIPT if noscript else SKIP_TAGS
    out: list[_Raw] = []
    pieces: list[str] = []
    links = 0
    last_br = False
    class_cache: dict[tuple[str, str], _Marks] = {}  # (class, id) -> what they mark
    byline_cache: dict[str, bool] = {}
    top = _Frame("#root", None, 0, 0, None, content=False, name="", heading=0)
    stack: list[_Frame] = [top]
    owner = top  # the element whose block the current text belongs to

    def flush() -> None:
        nonlocal pieces, links, last_br
        if pieces:
            joined = "".join(pieces)
            if owner.row:  # each cell's whitespace collapsed, the cells joined as in a dump
                cells = (" ".join(cell.split()) for cell in joined.split(_CELL_MARK))
                text = CELL_SEPARATOR.join(cell for cell in cells if cell)
            else:
                text = " ".join(joined.split())
            if text:
                out.append(_Raw(text, min(links, len(text)), owner))
        pieces, links, last_br = [], 0, False

    def add(text: str | None, frame: _Frame) -> None:
        nonlocal links, last_br
        if (
            text
            and not (frame.flags & _HIDDEN and not owner.flags & _HIDDEN)
            and not frame.flags & _CONTROL
        ):
            pieces.append(text)
            if frame.flags & _LINK:
                links += len(text.strip())
            if last_br and text.strip():
                last_br = False

    fresh: list[bool] = [True]  # False where an element shares its parent's frame
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        if event == "end":
            frame = stack.pop()
            if fresh.pop() and frame is owner:
                flush()
                owner = _owner_of(frame.parent or top)
            tail = el.tail
            if tail:
                add(tail, stack[-1])
            continue
        tag = el.tag
        parent = stack[-1]
        if not isinstance(tag, str) or tag in skip:
            walker.skip_subtree()
            stack.append(parent)
            fresh.append(False)
            continue
        keys = el.keys()
        if not keys and tag in _PLAIN_INLINE:
            stack.append(parent)
            fresh.append(False)
            if el.text:
                add(el.text, parent)
            continue
        flags = parent.flags | _FLAG_OF_TAG.get(tag, 0)
        if tag in CONTROL_TAGS:
            flags |= _CONTROL
        elif flags & _CONTROL and tag in BLOCK_TAGS:
            flags &= ~_CONTROL
        kind: Kind | None = None
        content = marked = caption_class = False
        name = tag
        cls = ident = ""
        if keys:
            cls = el.get("class") or ""
            ident = el.get("id") or ""
            if cls or ident:
                marks = class_cache.get((cls, ident))
                if marks is None:
                    marks = class_cache[cls, ident] = _Marks.of(cls, ident)
                kind, content, caption_class = marks.kind, marks.content, marks.caption
                marked = content
                flags |= marks.flags
                if marks.name:
                    name = tag + marks.name
            if (
                "hidden" in keys
                or ("aria-hidden" in keys and el.get("aria-hidden") == "true")
                or ("style" in keys and _HIDDEN_STYLE.search(el.get("style")))
            ):
                flags |= _HIDDEN
                if "itemscope" in keys:
                    flags |= _DATA
            if "itemprop" in keys and el.get("itemprop").lower() in _CONTENT_PROPS:
                content = True
            if kind is None and "role" in keys and el.get("role") == "navigation":
                kind = Kind.NAVIGATION
        if tag in {"article", "main"}:
            content = True
        if content:
            kind = None  # an element that says "content" is not boilerplate itself
        elif kind is None and tag == "nav":
            kind = Kind.NAVIGATION
        elif kind is None and tag == "aside":
            kind = Kind.RELATED
        frame = _Frame(
            tag,
            parent,
            parent.depth + 1,
            flags,
            kind,
            content=content,
            name=name,
            heading=_HEADINGS.get(tag, parent.heading),
            marked=marked,
        )
        if tag == "figcaption" or (caption_class and tag not in _NOT_CAPTIONS):
            frame.caption = frame
        else:
            frame.caption = parent.caption
        if parent.byline:
            frame.byline = True
        elif name != tag:
            byline = byline_cache.get(name)
            if byline is None:
                byline = byline_cache[name] = BYLINE_CLASS.search(name) is not None
            frame.byline = byline
        count = parent.children.get(tag, 0) + 1
        parent.children[tag] = count
        if count > 1:
            frame.name = f"{name}[{count}]"
        stack.append(frame)
        fresh.append(True)
        if tag == "br":
            if last_br:
                flush()
            else:
                pieces.append(" ")
                last_br = True
            continue
        if owner.row and tag in {"td", "th"}:
            pieces.append(_CELL_MARK)
        elif tag in BLOCK_TAGS and not owner.row:
            flush()
            owner = frame
            if tag == "tr" and _row_is_data(el):
                frame.row = True
        elif frame.caption is frame and tag != "figcaption" and not owner.row:
            flush()
            owner = frame
        elif (
            flags & _FIGURE
            and not owner.row
            and (cls or ident)
            and CREDIT_CLASS.search(f"{cls} {ident}")
        ):
            flush()
            owner = frame
            frame.credit = True
        if el.text:
            add(el.text, frame)
    flush()
    return out


def _owner_of(frame: _Frame) -> _Frame:
    """Return the nearest block element at or above ``frame`` (its text joins that block)."""
    f: _Frame | None = frame
    while f is not None:
        if f.tag in BLOCK_TAGS or f.tag == "#root":
            return f
        f = f.parent
    return frame


def _path(chain: list[_Frame]) -> str:
    """The short DOM path of a block from its element's ``_ancestors`` (innermost first)."""
    return "/".join([f.name for f in chain[PATH_PARTS - 1 :: -1]])


def _ancestors(frame: _Frame) -> list[_Frame]:
    out: list[_Frame] = []
    f: _Frame | None = frame
    while f is not None and f.tag != "#root":
        out.append(f)
        f = f.parent
    return out


# --- blocks, container and roles -----------------------------------------------


@dataclass(frozen=True, slots=True)
class _Page:
    """Blocks of one page with the pre-decisions taken from the DOM."""

    blocks: tuple[Block, ...]
    hits: dict[int, tuple[Kind, str]]
    container: str | None
    credits: frozenset[int]  # indexes of image credit elements
    captions: frozenset[int]  # indexes of blocks inside an element with a caption class/id
    bylines: frozenset[int]  # indexes of short blocks with byline/date class tokens


@dataclass(frozen=True, slots=True)
class _Pre:
    """What the container choice needs of a block before the Block is built."""

    text: str
    features: Features
    link_density: float
    heading_level: int


def _running_text(block: _Pre, has_stoplist: bool) -> bool:
    f = block.features
    if f.words < RUNNING_TEXT_MIN_WORDS or block.link_density > RUNNING_TEXT_MAX_LINKS:
        return False
    if f.digit_share > DIGIT_SHARE_MAX:
        return False  # dates, scores, counters: a listing's metadata, not prose
    if has_stoplist and not f.cjk:
        return f.stopword_density >= RUNNING_TEXT_MIN_STOPWORDS
    return f.terminal_punct or f.words >= 2 * RUNNING_TEXT_MIN_WORDS


def _build_blocks(raws: list[_Raw], stoplist: frozenset[str], title: str | None = None) -> _Page:
    has_stoplist = bool(stoplist)
    first = [
        _Pre(
            raw.text,
            features(raw.text, stoplist),
            raw.links / max(len(raw.text), 1),
            raw.frame.heading,
        )
        for raw in raws
    ]
    running = [_running_text(b, has_stoplist) for b in first]
    hidden_chars = sum(
        b.features.chars
        for b, r, ok in zip(first, raws, running, strict=True)
        if ok and r.frame.flags & _HIDDEN and not r.frame.flags & _DATA
    )
    all_chars = sum(
        b.features.chars
        for b, r, ok in zip(first, raws, running, strict=True)
        if ok and not r.frame.flags & _DATA
    )
    trust_hidden = hidden_chars < HIDDEN_MAX_SHARE * all_chars
    hidden = [
        bool(r.frame.flags & _DATA) or (trust_hidden and bool(r.frame.flags & _HIDDEN))
        for r in raws
    ]
    chains = [_ancestors(raw.frame) for raw in raws]
    # class/id kinds on elements that hold most of the page's text name a wrapper, not boilerplate
    for i, (block, chain) in enumerate(zip(first, chains, strict=True)):
        if not hidden[i]:
            ok = running[i]
            for f in chain:
                f.shown += block.features.chars
                if ok:
                    f.text_all += block.features.chars
    min_chars = _container_min_chars(first, running)
    if all_chars >= min_chars:
        beside = _content_frames(chains, BESIDE_CONTENT_MIN_SHARE * all_chars)
        for chain in chains:
            for f in chain:
                if (
                    f.kind is not None
                    and f.text_all > _kind_max_share(f.kind) * all_chars
                    and not any(_is_beside(c, f) for c in beside)
                ):
                    f.kind = None
    _forum_comments(first, chains, running, hidden, all_chars, min_chars=min_chars)
    # the class/id kind above each block, now that wrappers and forums have lost theirs
    dom_kinds = [_boilerplate_kind(chain, None) for chain in chains]
    # the main container: the deepest element holding most of the running text
    scoring = [ok and not r.frame.flags & _REFS for ok, r in zip(running, raws, strict=True)]
    total = 0
    for i, (block, chain) in enumerate(zip(first, chains, strict=True)):
        if hidden[i] or not scoring[i]:
            continue
        if dom_kinds[i] is not None:
            continue
        total += block.features.chars
        for f in chain:
            f.good += block.features.chars
    container = _choose_container(
        first, chains, hidden, scoring, total, dom_kinds=dom_kinds, min_chars=min_chars
    )

    def in_small_form(chain: list[_Frame]) -> bool:
        # ASP.NET-style pages wrap everything in one <form>: only small forms count.
        return any(f.tag == "form" and f.good <= FORM_MAX_SHARE * total for f in chain)

    hits: dict[int, tuple[Kind, str]] = {}
    blocks: list[Block] = []
    lead = _lead_span(first, chains, container, title)
    body_classes = _body_classes(raws, first, chains, running, container)
    body_start = next((i for i, chain in enumerate(chains) if container in chain), len(chains))
    seen_container = False
    parents: dict[int, int] = {}  # id() of a parent frame -> its number on this page
    for i, (block, raw, chain) in enumerate(zip(first, raws, chains, strict=True)):
        inside = container is not None and (
            container in chain
            or (i in lead and not _lead_widget(block))
            or (
                not hidden[i]
                and i < body_start
                and container.parent in chain
                and block.link_density <= RUNNING_TEXT_MAX_LINKS
                and _body_class(raw.frame) in body_classes
            )
            or (running[i] and not hidden[i] and _in_sibling_chunk(chain, container))
        )
        seen_container = seen_container or inside
        kind = _boilerplate_kind(chain, container)
        content = inside or (container is None and any(f.content for f in chain))
        path = _path(chain)
        flags = raw.frame.flags
        blocks.append(
            Block(
                index=i,
                text=block.text,
                first_line=None,
                last_line=None,
                features=block.features,
                tag=raw.frame.tag,
                heading_level=block.heading_level,
                path=path,
                dom_kind=kind,
                dom_content=content,
                link_density=block.link_density,
                in_list=bool(flags & _LIST),
                in_table=bool(flags & _TABLE),
                in_figure=bool(flags & _FIGURE),
                in_form=bool(flags & _FORM) and in_small_form(chain),
                in_quote=bool(flags & _QUOTE),
                depth=raw.frame.depth,
                parent=parents.setdefault(id(raw.frame.parent), len(parents)),
            )
        )
        if hidden[i]:
            hits[i] = (kind or Kind.BOILERPLATE, f"hidden element ({path})")
        elif container is not None and not inside:
            where = Kind.FOOTER if seen_container else Kind.NAVIGATION
            hits[i] = (kind or where, f"outside the main content <{container.name}> ({path})")
    return _Page(
        tuple(blocks),
        hits,
        container.name if container is not None else None,
        frozenset(i for i, raw in enumerate(raws) if raw.frame.credit),
        _caption_blocks(raws, first),
        frozenset(
            i
            for i, (raw, b) in enumerate(zip(raws, first, strict=True))
            if raw.frame.byline and b.features.words <= BYLINE_MAX_WORDS
        ),
    )


def _container_min_chars(blocks: list[_Pre], running: list[bool]) -> float:
    """The least running text (characters) for a container: fewer on a mostly CJK page.

    >>> zh, en = "中" * 30 + "。", "A plain sentence of several words here."
    >>> def pre(t): return _Pre(t, features(t, frozenset()), 0.0, 0)
    >>> _container_min_chars([pre(zh)], [True]) < _container_min_chars([pre(en)], [True])
    True
    """
    chars = cjk = 0
    for block, ok in zip(blocks, running, strict=True):
        if ok:
            chars += block.features.chars
            cjk += block.features.chars if block.features.cjk else 0
    return CONTAINER_MIN_CHARS / CJK_CHAR_WEIGHT if 2 * cjk > chars else CONTAINER_MIN_CHARS


def _caption_blocks(raws: list[_Raw], blocks: list[_Pre]) -> frozenset[int]:
    """Return the blocks inside a <figcaption>, or a caption element small enough to be one.

    >>> raws = segment_html(parse_html('<div class="wp-caption"><p>A dog.</p></div><p>Text</p>'))
    >>> sorted(_caption_blocks(raws, [_Pre(r.text, features(r.text, frozenset()), 0.0, 0)
    ...     for r in raws]))
    [0]
    """
    words: dict[int, int] = {}
    count: dict[int, int] = {}
    for raw, block in zip(raws, blocks, strict=True):
        root = raw.frame.caption
        if root is not None:
            words[id(root)] = words.get(id(root), 0) + block.features.words
            count[id(root)] = count.get(id(root), 0) + 1
    return frozenset(
        i
        for i, raw in enumerate(raws)
        if raw.frame.caption is not None
        and (
            raw.frame.caption.tag == "figcaption"
            or (
                words[id(raw.frame.caption)] <= CAPTION_ELEMENT_MAX_WORDS
                and count[id(raw.frame.caption)] <= CAPTION_ELEMENT_MAX_BLOCKS
            )
        )
    )


def _markup_name(frame: _Frame) -> str:
    """An element's path step without its position: "div.post" for "div.post[3]"."""
    return _POSITION.sub("", frame.name)


def _markup_names(frames: list[_Frame]) -> set[str]:
    """The markup of ``frames`` that has a class or id ("div.post-body", not a bare "div")."""
    return {name for f in frames if (name := _markup_name(f)) != f.tag}


def _body_class(frame: _Frame) -> str | None:
    """An element's first class token (its position and tag left out), if it has one."""
    _, dot, cls = _markup_name(frame).partition(".")
    return cls if dot else None


def _in_sibling_chunk(chain: list[_Frame], container: _Frame) -> bool:
    """Tell whether a block lies in an element of the container's own class near it.

    An article body cut into chunks between images (``div.block-text`` after
    ``div.block-text``, each alone in its wrapper) leaves the container on the largest
    chunk: the other chunks of the same class under the container's grandparent
    belong to it too.

    >>> top = _Frame("div", None, 1, 0, None, content=False, name="div.body", heading=0)
    >>> a = _Frame("div", top, 2, 0, None, content=False, name="div.block", heading=0)
    >>> a.children["div"] = 1
    >>> chunk = _Frame("div", a, 3, 0, None, content=False, name="div.text", heading=0)
    >>> b = _Frame("div", top, 2, 0, None, content=False, name="div.block[2]", heading=0)
    >>> other = _Frame("div", b, 3, 0, None, content=False, name="div.text", heading=0)
    >>> _in_sibling_chunk([other, b, top], chunk), _in_sibling_chunk([b, top], chunk)
    (True, False)
    """
    cls = _body_class(container)
    parent = container.parent
    top = parent.parent if parent is not None else None
    # a grid cell among its parent's cells is layout, not one chunk in its own wrapper
    if cls is None or parent is None or top is None or parent.children.get(container.tag) != 1:
        return False
    for f in chain:
        if f is top:
            return False
        if f is not container and _body_class(f) == cls:
            return top in chain
    return False


def _body_classes(
    raws: list[_Raw],
    blocks: list[_Pre],
    chains: list[list[_Frame]],
    running: list[bool],
    container: _Frame | None,
) -> frozenset[str]:
    """The class of the elements that carry most of the container's running text.

    Some layouts split one article body over sibling wrappers (the first paragraphs
    beside a video, the rest in the body element): a block before the container and
    under its parent, in an element of the same class as the body's paragraphs,
    belongs to the article (after the body, such blocks are feedback or promo boxes).
    """
    if container is None:
        return frozenset()
    chars: dict[str, int] = {}
    count: dict[str, int] = {}
    total = 0
    for raw, block, chain, ok in zip(raws, blocks, chains, running, strict=True):
        if ok and container in chain:
            total += block.features.chars
            cls = _body_class(raw.frame) if raw.frame is not container else None
            if cls:
                chars[cls] = chars.get(cls, 0) + block.features.chars
                count[cls] = count.get(cls, 0) + 1
    return frozenset(
        cls
        for cls, n in chars.items()
        if n >= BODY_CLASS_MIN_SHARE * total and count[cls] >= BODY_CLASS_MIN_BLOCKS
    )


def _lead_span(
    blocks: list[_Pre], chains: list[list[_Frame]], container: _Frame | None, title: str | None
) -> range:
    """Blocks between the headline and a container that starts after it: standfirst, byline, photo.

    Many layouts put the headline and the lead paragraph in a header beside the
    article body; they belong to the article when nothing but them lies between.
    """
    if container is None or not title:
        return range(0)
    start = next((i for i, chain in enumerate(chains) if container in chain), None)
    if start is None:
        return range(0)
    norm_title = _norm(title)
    for i in range(start - 1, max(-1, start - LEAD_MAX_BLOCKS - 1), -1):
        block = blocks[i]
        if _is_title_heading(block, norm_title):
            # blocks in between with a boilerplate kind stay removed by that kind
            return range(i + 1, start)
    return range(0)


def _lead_widget(block: _Pre) -> bool:
    """Tell whether a block between the headline and the container is a link widget.

    A standfirst is prose and a byline is short: a long block of link text there
    is a most-read list or a link bar squeezed into the article's header.

    >>> text = "1 First story 2 Second story 3 Third story 4 Fourth story 5 Fifth one here"
    >>> _lead_widget(_Pre(text, features(text, frozenset()), 0.97, 0))
    True
    >>> _lead_widget(_Pre("By Ann Lee", features("By Ann Lee", frozenset()), 1.0, 0))
    False
    """
    return block.link_density >= LINK_LINE_MIN_DENSITY and block.features.words > BYLINE_MAX_WORDS


def _forum_comments(
    blocks: list[_Pre],
    chains: list[list[_Frame]],
    running: list[bool],
    hidden: list[bool],
    all_chars: int,
    *,
    min_chars: float = CONTAINER_MIN_CHARS,
) -> None:
    """On a forum or Q&A page the posts are the content: drop comment kinds there.

    A page where blocks marked as comments hold at least ``FORUM_SHARE`` of the
    running text is a discussion, not an article with a comment section.
    """
    comment_chars = sum(
        block.features.chars
        for block, chain, ok, hid in zip(blocks, chains, running, hidden, strict=True)
        if ok and not hid and _boilerplate_kind(chain, None) in _COMMENT_KINDS
    )
    if (
        all_chars >= min_chars
        and comment_chars >= FORUM_SHARE * all_chars
        and not _article_beside_comments(chains, running, hidden, all_chars)
    ):
        for chain in chains:
            for f in chain:
                if f.kind in _COMMENT_KINDS:
                    f.kind = None


def _article_beside_comments(
    chains: list[list[_Frame]], running: list[bool], hidden: list[bool], all_chars: int
) -> bool:
    """Tell whether an element whose class/id says "content" holds running text and no comment.

    A blog post followed by a long discussion keeps its text in such an element
    (``div.entry-content``, ``div.post-body``) beside the comment section: the page
    is an article with comments, not a forum, however long the discussion. Bare
    ``<article>``/``<main>`` tags and itemprops do not count: forums and teaser
    cards use them too. Any element with no comment below that holds at least
    ``FORUM_ARTICLE_MIN_SHARE`` of the running text is such an article too.
    """
    article_chars = FORUM_ARTICLE_MIN_SHARE * all_chars
    with_comments: set[int] = set()
    # the classes of the comments' own wrappers: an opening post built like the
    # replies (div.post > div.post-body for all of them) is one of the posts
    post_names: set[str] = set()
    for chain, ok, hid in zip(chains, running, hidden, strict=True):
        if ok and not hid and _boilerplate_kind(chain, None) in _COMMENT_KINDS:
            with_comments.update(id(f) for f in chain)
            top = next(k for k, f in enumerate(chain) if f.kind in _COMMENT_KINDS)
            post_names.update(_markup_names(chain[1 : top + 1]))
    return any(
        ok
        and not hid
        and _boilerplate_kind(chain, None) is None
        and not any(id(f) not in with_comments and _markup_name(f) in post_names for f in chain)
        and any(
            id(f) not in with_comments and (f.marked or f.text_all >= article_chars) for f in chain
        )
        for chain, ok, hid in zip(chains, running, hidden, strict=True)
    )


def _content_frames(chains: list[list[_Frame]], min_chars: float) -> list[_Frame]:
    """Return the elements said to be content (class/id, itemprop, tag) with running text."""
    found: dict[int, _Frame] = {}
    for chain in chains:
        for f in chain:
            if f.content and f.text_all >= min_chars:
                found[id(f)] = f
    return list(found.values())


def _is_beside(content: _Frame, frame: _Frame) -> bool:
    """Tell whether ``content`` lies neither inside ``frame`` nor around it."""
    return not _is_below(content, frame) and not _is_below(frame, content)


def _kind_max_share(kind: Kind) -> float:
    return COMMENTS_MAX_SHARE if kind in _COMMENT_KINDS else KIND_MAX_SHARE


def _choose_container(
    blocks: list[_Pre],
    chains: list[list[_Frame]],
    hidden: list[bool],
    running: list[bool],
    total: int,
    *,
    dom_kinds: list[Kind | None],
    min_chars: float = CONTAINER_MIN_CHARS,
) -> _Frame | None:
    """The main content container (see _pick_container), widened to a thread's other posts."""
    container = _pick_container(
        blocks, chains, hidden, running, total, dom_kinds=dom_kinds, min_chars=min_chars
    )
    while (
        container is not None
        and container.parent is not None
        and container.parent.tag != "#root"
        and _more_posts(container, blocks, chains, hidden, running, dom_kinds=dom_kinds)
    ):
        container = container.parent
    return container


def _more_posts(
    container: _Frame,
    blocks: list[_Pre],
    chains: list[list[_Frame]],
    hidden: list[bool],
    running: list[bool],
    *,
    dom_kinds: list[Kind | None],
) -> bool:
    """Tell whether what the container's parent adds to it is more posts built like it.

    A thread's posts (the question and its answers, the opening post and the
    replies) repeat one markup: the running text the parent adds lies, for at least
    POST_SHARE of it and in at least POST_MIN_BLOCKS blocks, inside POST_MIN_WRAPPERS
    or more wrappers of classes also found between the container's own paragraphs
    and the container (the paragraph elements' own classes, which an article's promo
    lines share with its text, and the container's do not count).
    """
    parent = container.parent
    if parent is None:
        return False
    names: set[str] = set()
    for chain in chains:
        if container in chain:
            names.update(_markup_names(chain[1 : chain.index(container)]))
    added = alike = count = 0
    for block, chain, hid, ok, kind in zip(blocks, chains, hidden, running, dom_kinds, strict=True):
        if hid or not ok or parent not in chain or container in chain or kind is not None:
            continue
        added += block.features.chars
        skeleton = _markup_names(chain[1 : chain.index(parent)]) & names
        if len(skeleton) >= POST_MIN_WRAPPERS:
            alike += block.features.chars
            count += 1
    return count >= POST_MIN_BLOCKS and alike >= POST_SHARE * added


def _pick_container(
    blocks: list[_Pre],
    chains: list[list[_Frame]],
    hidden: list[bool],
    running: list[bool],
    total: int,
    *,
    dom_kinds: list[Kind | None],
    min_chars: float,
) -> _Frame | None:
    """Pick the main content container, readability-style, widened to its article.

    Each block of running text scores its characters (less its link text) for the
    element around it, half for the next one up and a quarter for the one above:
    the best-scoring element holds the article's paragraphs, while teasers spread
    over many small cards score little anywhere. The container then grows upwards
    while that adds little running text (a headline, a byline, a figure), and stops
    before a parent that adds a sidebar or a comment section. When the best element
    lies in the broad container (the deepest one holding most of the running text),
    the broad one wins unless a single element marked as the article body
    (``div.entry-content``) holds the best paragraphs. Blocks under a class/id
    kind (``dom_kinds``) score nothing.
    """
    if total < min_chars:
        return None
    best: _Frame | None = None
    for i, (block, chain) in enumerate(zip(blocks, chains, strict=True)):
        if hidden[i] or not running[i] or dom_kinds[i] is not None:
            continue
        score = block.features.chars * (1.0 - block.link_density)
        for f in chain[1 : 1 + len(SCORE_DECAY)]:
            f.score += score * SCORE_DECAY[chain.index(f) - 1]
            if best is None or f.score > best.score:
                best = f
    # the deepest element holding most of the running text
    broad: _Frame | None = None
    for chain in chains:
        for f in chain:
            if f.good >= CONTAINER_SHARE * total and (broad is None or f.depth > broad.depth):
                broad = f
    if best is None:
        return broad
    if broad is not None and (
        _is_below(best, broad) or _best_score_below(chains, broad) >= BROAD_SCORE_RATIO * best.score
    ):
        # the best paragraphs are part of the broad container, or it holds paragraphs
        # nearly as strong (an article cut into one wrapper per paragraph)
        # ... unless an element marked as the article body holds the best paragraphs and
        # no other marked element in the broad one holds running text: the rest of the
        # broad container is teasers and rails around the article
        marked = _marked_between(best, broad)
        if (
            marked is not None
            and marked.good >= MARKED_MIN_SHARE * total
            and _sole_marked(marked, broad, chains)
        ):
            return marked
        return broad
    container = best
    while container.parent is not None and container.parent.tag != "#root":
        parent = container.parent
        if parent.good > container.good * (1.0 + CONTAINER_GROW_MAX):
            break
        if parent.shown > container.shown * (1.0 + CONTAINER_GROW_SHOWN_MAX):
            break
        container = parent
    return container


def _marked_between(best: _Frame, broad: _Frame) -> _Frame | None:
    """Return the outermost element marked as content at or above ``best``, below ``broad``."""
    found = None
    f: _Frame | None = best
    while f is not None and f is not broad:
        if f.marked:
            found = f
        f = f.parent
    return found if f is broad else None


def _sole_marked(marked: _Frame, broad: _Frame, chains: list[list[_Frame]]) -> bool:
    """Tell whether no element marked as content, outside ``marked`` but in ``broad``, holds text.

    An article cut into several marked sections (one ``div.rich-text`` per part)
    needs the broad container; a single marked body beside teasers does not.
    """
    for chain in chains:
        if marked in chain or broad not in chain:
            continue
        if any(f.marked and f.good > 0 for f in chain[: chain.index(broad)]):
            return False
    return True


def _best_score_below(chains: list[list[_Frame]], frame: _Frame) -> float:
    """Return the best paragraph score of any element strictly below ``frame``."""
    best = 0.0
    for chain in chains:
        if frame in chain:
            for f in chain[: chain.index(frame)]:
                best = max(best, f.score)
    return best


def _is_below(frame: _Frame, ancestor: _Frame) -> bool:
    f: _Frame | None = frame
    while f is not None:
        if f is ancestor:
            return True
        f = f.parent
    return False


def _language(raws: list[_Raw], opts: Options, html_lang: str | None) -> str | None:
    if opts.language:
        return opts.language
    parts: list[str] = []
    size = 0
    for raw in raws:
        if len(raw.text) >= LANG_SAMPLE_MIN_CHARS and not raw.frame.flags & _HIDDEN:
            parts.append(raw.text)
            size += len(raw.text)
            if size >= LANG_SAMPLE_CHARS:
                break
    return reconcile_language("\n".join(parts), html_lang)


# Kinds the classifier gives by position alone (before/after/inside its main cluster).
_POSITIONAL_KINDS = frozenset({Kind.NAVIGATION, Kind.FOOTER, Kind.BOILERPLATE})


def _container_pass(
    labelled: tuple[LabelledBlock, ...], page: _Page, language: str | None = None
) -> tuple[LabelledBlock, ...]:
    """Keep running text inside the DOM's main container that the classifier's clusters left out.

    The classifier picks its main cluster from text alone and may cut an article at
    a run of short blocks; inside the container the DOM is the stronger evidence.
    Blocks removed by class/id, lexicon, duplicate or link rules stay removed.
    """
    if page.container is None:
        return labelled
    out = list(labelled)

    def restorable(i: int) -> bool:
        lb = out[i]
        block = lb.block
        return (
            lb.label is Label.REMOVED
            and lb.kind in _POSITIONAL_KINDS
            and block.dom_content
            and i not in page.hits
            and not lb.reason.startswith(("lexicon", "link density", "inside a form", "repeated"))
        )

    for i, lb in enumerate(out):
        if restorable(i):
            decision = _dom_decision(lb.block, language)
            if decision is not None and decision.content is Content.GOOD:
                out[i] = LabelledBlock(
                    lb.block, Label.PARAGRAPH, f"{decision.reason} <{page.container}>"
                )
    # short runs between kept blocks of the container (list items, table cells, the
    # lines under each kept subheading); repeated blocks inside a run are passed over
    kept = [lb.label is Label.PARAGRAPH for lb in out]
    i = 1
    while i < len(out) - 1:
        if not (kept[i - 1] and restorable(i)):
            i += 1
            continue
        run: list[int] = []
        j = i
        while j < len(out) and not kept[j] and len(run) <= CONTAINER_GAP_MAX_BLOCKS:
            if restorable(j):
                run.append(j)
            elif not out[j].reason.startswith("repeated"):
                break
            j += 1
        if j < len(out) and kept[j] and len(run) <= CONTAINER_GAP_MAX_BLOCKS:
            for k in run:
                out[k] = LabelledBlock(
                    out[k].block, Label.PARAGRAPH, "between kept blocks of the main content"
                )
        i = j + 1
    return tuple(out)


def _roles(
    labelled: tuple[LabelledBlock, ...], title: str | None, page: _Page, language: str | None
) -> tuple[LabelledBlock, ...]:
    """DOM roles: tags decide headings, the title's ``<h1>``, figure captions and credits."""
    out = list(labelled)
    month_first = language == "en"
    kept = [i for i, lb in enumerate(out) if lb.label in (Label.PARAGRAPH, Label.HEADING)]
    if not kept:
        return labelled
    start, end = kept[0], kept[-1]
    # the byline zone: kept blocks before the first paragraph longer than any byline,
    # on a page with a single byline
    lead_end = next(
        (
            i
            for i in kept
            if out[i].label is Label.PARAGRAPH
            and not out[i].block.heading_level
            and out[i].block.features.words > BYLINE_MAX_WORDS
            and i not in page.bylines
        ),
        end + 1,
    )
    first_text = lead_end
    if any(i > lead_end and i in page.bylines for i in kept):
        # author lines again further down: the posts of a forum, each with its author
        lead_end = -1
    norm_title = _norm(title) if title else ""
    title_i: int | None = None
    if norm_title:
        for i, lb in enumerate(out[: max(end + 1, TITLE_BLOCK_SCAN)]):
            if _is_title_heading(lb.block, norm_title):
                title_i = i
                break
    after_title = (
        frozenset(
            i
            for i in [k for k in kept if k > title_i][:BYLINE_AFTER_TITLE_KEPT]
            if _bare_byline(out[i].block, month_first)
        )
        if title_i is not None
        else frozenset()
    )
    for i, lb in enumerate(out):
        block, label = lb.block, lb.label
        removable = (label is Label.REMOVED and lb.kind is Kind.BOILERPLATE) or (
            label is Label.REMOVED and not lb.reason.startswith(("hidden", "outside", "class/id"))
        )
        if i == title_i:
            out[i] = LabelledBlock(block, Label.TITLE, f"<{block.tag}> matching the page title")
        elif (
            label in (Label.PARAGRAPH, Label.HEADING)
            and block.heading_level > 1
            and i < first_text
            and block.features.words >= STANDFIRST_MIN_WORDS
            and block.path
            and _HEADER_PATH.search(block.path)
        ):
            out[i] = LabelledBlock(
                block, Label.REMOVED, "standfirst in the article header", Kind.BOILERPLATE
            )
        elif (
            (block.in_figure or i in page.captions)
            and not block.heading_level
            and (
                label in (Label.PARAGRAPH, Label.HEADING, Label.TITLE, Label.CAPTION, Label.CREDIT)
                or removable
            )
            and start <= i <= end
        ):
            if i in page.credits or find_credit(block.text) is not None:
                out[i] = LabelledBlock(block, Label.CREDIT, "image credit in a <figure>")
            elif block.tag == "figcaption":
                out[i] = LabelledBlock(block, Label.CAPTION, "<figcaption>")
            elif i in page.captions:
                out[i] = LabelledBlock(
                    block, Label.CAPTION, f"class/id says caption ({block.path})"
                )
            elif label is not Label.REMOVED:
                out[i] = LabelledBlock(block, Label.PARAGRAPH, lb.reason)
        elif label is Label.TITLE and (title_i is not None or _norm(block.text) != norm_title):
            if start <= i <= end or (i < start and _lead_line(block, i, page, month_first)):
                role = Label.HEADING if block.heading_level else Label.PARAGRAPH
                out[i] = LabelledBlock(block, role, f"<{block.tag}> inside the main content")
            else:
                out[i] = LabelledBlock(
                    block,
                    Label.REMOVED,
                    "headline-like line that is not the page title",
                    Kind.BOILERPLATE,
                )
        elif (
            label in (Label.PARAGRAPH, Label.HEADING)
            and i in page.bylines
            and (
                i < lead_end
                or parse_byline(block.text)
                or find_date(block.text, month_first=month_first)
            )
        ):
            out[i] = LabelledBlock(
                block, Label.BYLINE, "author or date line (class/id says byline)"
            )
        elif label in (Label.PARAGRAPH, Label.HEADING) and i in after_title:
            out[i] = LabelledBlock(block, Label.BYLINE, "author or date line right after the title")
        elif label is Label.HEADING and not block.heading_level:
            out[i] = LabelledBlock(
                block, Label.PARAGRAPH, lb.reason + f"; <{block.tag}> is not a heading"
            )
        elif label is Label.PARAGRAPH and block.heading_level:
            out[i] = LabelledBlock(block, Label.HEADING, f"<{block.tag}> inside the main content")
        elif (
            block.heading_level
            and removable
            and start < i < end
            and block.link_density <= RUNNING_TEXT_MAX_LINKS
        ):
            out[i] = LabelledBlock(block, Label.HEADING, f"<{block.tag}> leading main content")
    return tuple(out)


def _bare_byline(block: Block, month_first: bool) -> bool:
    """Tell whether a short line is a byline or a bare date (no sentence end).

    >>> from cleanread.segment import features
    >>> def mk(t): return Block(0, t, None, None, features(t, frozenset()))
    >>> _bare_byline(mk("Nov. 20, 2019, 9:28 AM UTC"), True), _bare_byline(mk("By Reuters"), True)
    (True, True)
    >>> _bare_byline(mk("On Nov. 20, 2019 the council met."), True)
    False
    """
    if (
        block.features.words > BYLINE_MAX_WORDS
        or block.heading_level
        or block.in_list
        or block.in_table
    ):
        return False
    if parse_byline(block.text) is not None:
        return True
    return not block.features.terminal_punct and (
        find_date(block.text, month_first=month_first) is not None
    )


def _lead_line(block: Block, i: int, page: _Page, month_first: bool) -> bool:
    """Tell whether a headline-like block above the kept text opens the main content.

    A pull quote or a first subheading at the top of the container is the article's;
    bylines, dates, captions, a site's ``<h1>`` and the article header's standfirst
    (left out of the body as the title is) are not.
    """
    return (
        block.dom_content
        and block.heading_level != 1
        and not (block.path and _HEADER_PATH.search(block.path))
        and i not in page.hits
        and i not in page.bylines
        and i not in page.captions
        and not block.in_figure
        and find_date(block.text, month_first=month_first) is None
        and parse_byline(block.text) is None
    )


def _link_line(block: Block) -> bool:
    """Tell whether a block is a link line: short link text, maybe after a "Read more:" label.

    >>> from cleanread.segment import features
    >>> def mk(t, d): return Block(0, t, None, None, features(t, frozenset()), link_density=d)
    >>> _link_line(mk("READ MORE: Plague confirmed in two patients in Beijing", 0.8))
    True
    >>> _link_line(mk("Officials said: the plague was confirmed in Beijing", 0.3))
    False
    >>> _link_line(mk("See tweets:", 0.0))
    False
    """
    words = block.features.words
    if block.link_density >= LINK_LINE_MIN_DENSITY and words <= LINK_LINE_MAX_WORDS:
        return True
    if block.link_density >= LINK_LINE_FULL_DENSITY and words <= 2 * LINK_LINE_MAX_WORDS:
        return True
    label = _LINK_LABEL.match(block.text)
    if label is None or words > 2 * LINK_LINE_MAX_WORDS + LINK_LABEL_MAX_WORDS:
        return False
    # the text after the label is all link text
    rest = (len(block.text) - label.end()) / max(len(block.text), 1)
    return rest > 0 and block.link_density >= LINK_LINE_MIN_DENSITY * rest


def _link_lines(labelled: tuple[LabelledBlock, ...]) -> tuple[LabelledBlock, ...]:
    """Remove short kept paragraphs made of link text alone.

    The line model keeps them inside the article's span (source links, teaser
    headlines, "Print this article"); list items, table rows and headings are
    left alone, as menus of the article's own sections and link tables are.
    """
    lines = [
        i
        for i, lb in enumerate(labelled)
        if lb.label is Label.PARAGRAPH
        and _link_line(lb.block)
        and not (lb.block.in_list or lb.block.in_table or lb.block.heading_level)
    ]
    kept_chars = sum(
        lb.block.features.chars for lb in labelled if lb.label in (Label.PARAGRAPH, Label.HEADING)
    )
    line_chars = sum(labelled[i].block.features.chars for i in lines)
    if not lines or line_chars > LINK_LINE_MAX_SHARE * kept_chars:
        return labelled
    out = list(labelled)
    for i in lines:
        block = out[i].block
        out[i] = LabelledBlock(
            block,
            Label.REMOVED,
            f"link line (link density {block.link_density:.2f})",
            Kind.NAVIGATION,
        )
    return tuple(out)


def _teasers(labelled: tuple[LabelledBlock, ...], page: _Page) -> tuple[LabelledBlock, ...]:
    """Remove teaser cards: kept link-only headlines each followed by their own byline.

    Lists of related stories repeat "linked headline, author, date" cards; the
    bylines are left out of the body, but the headlines are kept as paragraphs or
    headings by the line model. Link lines on a short page may hold more than
    ``LINK_LINE_MAX_SHARE`` of its text, so ``_link_lines`` spares them; a run of
    such cards is a teaser list on any page.
    """
    cards = [
        i
        for i, lb in enumerate(labelled)
        if lb.label in (Label.PARAGRAPH, Label.HEADING)
        and lb.block.link_density >= LINK_LINE_MIN_DENSITY
        and lb.block.features.words <= LINK_LINE_MAX_WORDS
        and not lb.block.in_table
        and any(
            j in page.bylines or labelled[j].label is Label.BYLINE
            for j in range(i + 1, min(i + 1 + TEASER_BYLINE_GAP, len(labelled)))
        )
    ]
    if len(cards) < TEASER_MIN_CARDS:
        return labelled
    out = list(labelled)
    for i in cards:
        block = out[i].block
        out[i] = LabelledBlock(
            block, Label.REMOVED, "teaser headline followed by its byline", Kind.RELATED
        )
    return tuple(out)


def _teaser_headings(labelled: tuple[LabelledBlock, ...]) -> tuple[LabelledBlock, ...]:
    """Remove runs of kept link headings with nothing but short lines between them.

    Teaser lists inside the container ("More on this", "More news") show each story
    as a linked ``<h2>``/``<h3>`` with at most a section label or a share button
    under it: the line model keeps them as headings. Headings that are links in an
    article (a gift guide's product names) each lead running text, which ends a run;
    on a page with less prose than teasers, the teasers are a listing's content.
    """
    runs: list[list[int]] = []  # each run: its link headings and the short lines between
    run: list[int] = []
    heads = 0
    between: list[int] = []  # short kept lines since the last link heading

    def close() -> None:
        nonlocal heads
        if heads >= TEASER_RUN_MIN_HEADINGS:
            runs.append(list(run))
        run.clear()
        between.clear()
        heads = 0

    for i, lb in enumerate(labelled):
        if lb.label is Label.REMOVED:
            continue
        block = lb.block
        if (
            lb.label is Label.HEADING
            and block.link_density >= LINK_LINE_MIN_DENSITY
            and not block.in_table
        ):
            if len(between) > TEASER_GAP_MAX_BLOCKS:
                close()
            run.extend(between if run else ())
            run.append(i)
            heads += 1
            between.clear()
        elif run and lb.label is Label.PARAGRAPH and block.features.words < LENGTH_LOW:
            between.append(i)
        else:
            close()
    close()
    teaser = {i for r in runs for i in r}
    prose = sum(
        lb.block.features.chars
        for i, lb in enumerate(labelled)
        if lb.label is Label.PARAGRAPH
        and i not in teaser
        and lb.block.features.words >= RUNNING_TEXT_MIN_WORDS
    )
    if not teaser or sum(labelled[i].block.features.chars for i in teaser) > prose:
        return labelled
    out = list(labelled)
    for i in sorted(teaser):
        out[i] = LabelledBlock(
            out[i].block, Label.REMOVED, "link heading in a run of teaser cards", Kind.RELATED
        )
    return tuple(out)


def _empty_sections(labelled: tuple[LabelledBlock, ...]) -> tuple[LabelledBlock, ...]:
    """Remove kept headings over removed boilerplate: titles of rails, not of text.

    The titles of related-story rails, link lists and tag boxes ("More on this
    topic", "Recommended") are kept as headings inside the container while what
    they head is removed. A heading with no kept paragraph before the next heading
    of its level or above, over at least one removed block of the main content
    that the DOM marks as boilerplate or that is all links, heads no text (what
    follows the content, an ad or a footer, is no evidence). Headings over nothing at all
    (a landing page of slogans) stay, and so does the only kept text of a page.
    """
    if not any(lb.label is Label.PARAGRAPH for lb in labelled):
        return labelled
    out = list(labelled)
    # headings above that still wait for a paragraph, each with "heads boilerplate"
    pending: list[list[int]] = []  # [index, level, heads boilerplate]

    def close(entry: list[int]) -> None:
        if entry[2]:
            out[entry[0]] = LabelledBlock(
                labelled[entry[0]].block,
                Label.REMOVED,
                "heading over removed boilerplate",
                Kind.BOILERPLATE,
            )

    for i, lb in enumerate(labelled):
        if lb.label is Label.PARAGRAPH:
            pending.clear()
        elif lb.label is Label.HEADING:
            level = lb.block.heading_level or len(_HEADINGS) + 1
            for entry in pending:
                if entry[1] >= level:
                    close(entry)
            pending = [entry for entry in pending if entry[1] < level]
            pending.append([i, level, 0])
        elif (
            lb.label is Label.REMOVED
            and lb.block.dom_content
            and (lb.block.dom_kind is not None or lb.block.link_density >= LINK_LINE_MIN_DENSITY)
        ):
            for entry in pending:
                entry[2] = 1
    for entry in pending:
        close(entry)
    return tuple(out)


def _repeats(labelled: tuple[LabelledBlock, ...]) -> tuple[LabelledBlock, ...]:
    """Remove kept paragraphs that repeat paragraphs kept above (a second copy of the article).

    Pages often carry the article twice (a print or mobile version, a hidden
    copy), sometimes with its paragraphs joined into one: a long paragraph that
    starts like one kept paragraph and ends like any block above (the copy may run
    on through a list of links the reader removed) is such a copy. Starts and
    ends are looked up in sets, so this stays linear on huge pages.
    """
    starts: set[str] = set()
    ends: set[str] = set()
    out = list(labelled)
    for i, lb in enumerate(out):
        text = lb.block.text
        if len(text) < REPEAT_PROBE_CHARS:
            continue
        head, tail = text[:REPEAT_PROBE_CHARS], text[-REPEAT_PROBE_CHARS:]
        if lb.label is not Label.PARAGRAPH:
            ends.add(tail)
            continue
        if len(text) >= REPEAT_MIN_CHARS and head in starts and tail in ends:
            out[i] = LabelledBlock(
                lb.block, Label.REMOVED, "repeats paragraphs kept above", Kind.DUPLICATE
            )
            continue
        starts.add(head)
        ends.add(tail)
    return tuple(out)


def _date_from_blocks(raws: list[_Raw], *, month_first: bool) -> str | None:
    """The date of the page's first short block that is mostly a date line ("Posted March 3, 2025").

    The fallback when neither meta tags, JSON-LD, a ``<time>`` nor a byline date the page.

    >>> raws = segment_html(parse_html("<p>News</p><p>Posted on 5 May 2024</p><p>Text.</p>"))
    >>> _date_from_blocks(raws, month_first=False)
    '2024-05-05'
    """
    for raw in raws:
        if len(raw.text) <= DATE_BLOCK_MAX_CHARS:
            found = find_date(raw.text, month_first=month_first)
            if found:
                return found
    return None


def _author_from_blocks(raws: list[_Raw]) -> str | None:
    """Return a name shown in an element whose class/id says author, e.g. ``span.author-name``.

    A name has at most ``AUTHOR_MAX_WORDS`` words, each capitalised, and no digits;
    a leading "By" is dropped.
    """
    for raw in raws:
        f: _Frame | None = raw.frame
        for _ in range(AUTHOR_CLASS_LEVELS):
            if f is None:
                break
            if f.name != f.tag and _AUTHOR_CLASS.search(f.name):
                name = clean_author(_BY.sub("", raw.text)) or ""
                words = name.split()
                if (
                    0 < len(words) <= AUTHOR_MAX_WORDS
                    and not any(ch.isdigit() for ch in name)
                    and all(w[:1].isupper() for w in words)
                ):
                    return name
                break
            f = f.parent
    return None


def _classify(
    page: _Page, language: str | None, opts: Options, *, has_stoplist: bool
) -> tuple[LabelledBlock, ...]:
    """Run the shared classifier on the blocks the DOM left open; the rest are removed as decided.

    Blocks removed up front (hidden, outside the main container) never reach the
    classifier: they would only cost time, and their removal and reason are final.
    """
    # (the classifier reads blocks by position: they keep their index on the page)
    open_blocks = tuple(block for block in page.blocks if block.index not in page.hits)
    decided = classify(
        open_blocks,
        language,
        opts,
        has_stoplist=has_stoplist,
        template_hits=template_hits(open_blocks, opts),
    )
    out: list[LabelledBlock] = []
    it = iter(decided)
    for block in page.blocks:
        hit = page.hits.get(block.index)
        if hit is not None:
            kind, reason = hit
            comment = kind is Kind.COMMENTS and block.features.words >= LENGTH_LOW
            if opts.include_comments and comment:
                out.append(LabelledBlock(block, Label.COMMENT, reason, kind))
            else:
                out.append(LabelledBlock(block, Label.REMOVED, reason, kind))
        else:
            lb = next(it)
            out.append(LabelledBlock(block, lb.label, lb.reason, lb.kind))
    return tuple(out)


def _script_shell(root: Any, raws: list[_Raw]) -> list[_Raw]:
    """The page's blocks, read with its <noscript> fallback when the page is a script shell.

    A page that renders its content with JavaScript (a forum app, say) may carry the
    same content in <noscript> for clients without it. When the text outside
    <noscript> is under SHELL_MAX_SHARE of the text with it, that fallback is the page.

    >>> shell = parse_html(
    ...     "<body><div>Loading</div><noscript><p>The thread, every post.</p></noscript>"
    ... )
    >>> [r.text for r in _script_shell(shell, segment_html(shell))]
    ['Loading', 'The thread, every post.']
    >>> page = parse_html("<body><p>The article itself.</p><noscript>Enable JS</noscript>")
    >>> [r.text for r in _script_shell(page, segment_html(page))]
    ['The article itself.']
    """
    visible = sum(len(raw.text) for raw in raws)
    # cheap bound first: the raw text under <noscript> (style text included) can only
    # overstate what reading it adds, so most pages never segment twice
    hidden = sum(len(text) for el in root.iter("noscript") for text in el.itertext())
    if (visible + hidden) * SHELL_MAX_SHARE <= visible:
        return raws
    fallback = segment_html(root, noscript=True)
    if visible < sum(len(raw.text) for raw in fallback) * SHELL_MAX_SHARE:
        return fallback
    return raws


def clean_html(src: Source, opts: Options) -> Document:
    """Clean one decoded HTML page into a Document.

    >>> from cleanread.options import Options
    >>> from cleanread.parse import read_source
    >>> page = ("<html><head><title>Rain Returns | Daily</title></head><body>"
    ...     "<nav><a href=/>Home</a></nav><article><h1>Rain Returns</h1><p>"
    ...     + "After a long dry summer the rain came back and the farmers were glad. " * 8
    ...     + "</p></article></body></html>")
    >>> doc = clean_html(read_source(page, max_bytes=10**6), Options())
    >>> doc.title, len(doc.paragraphs), doc.removed[0].path
    ('Rain Returns', 1, 'html/body/nav')
    """
    root = parse_html(src.text)
    if root is None:
        return build_document(
            (),
            language=opts.language,
            encoding=src.encoding,
            source_type="html",
            truncated=src.truncated,
        )
    meta = html_metadata(root)
    raws = _script_shell(root, segment_html(root))
    language = _language(raws, opts, meta["lang"])
    stoplist = stopwords(language)
    page = _build_blocks(raws, stoplist, meta["headline"])
    labelled = _classify(page, language, opts, has_stoplist=bool(stoplist))
    labelled = _container_pass(labelled, page, language)
    labelled = _roles(labelled, meta["headline"], page, language)
    labelled = _empty_sections(_repeats(_teaser_headings(_teasers(_link_lines(labelled), page))))
    date = meta["date"]
    author = meta["author"] or _author_from_blocks(raws)
    if date is None and meta["dated"] and not any(lb.label is Label.BYLINE for lb in labelled):
        date = meta["time_date"] or _date_from_blocks(raws, month_first=language == "en")
    doc = build_document(
        labelled,
        language=language,
        encoding=src.encoding,
        source_type="html",
        truncated=src.truncated,
        include_images=opts.include_images,
        meta={"title": meta["title"], "author": author, "date": date},
    )
    # the title block is located by its heading text; the reconciled title is the title
    return dataclasses.replace(doc, title=meta["title"]) if meta["title"] else doc
