"""Assemble labelled blocks into a :class:`Document`.

Title, category, bylines, captions and credits become metadata; headings open
sections; paragraphs fill them; removed blocks are listed with kind, location
and reason. Pure: labelled blocks in, Document out.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleanread.blocks import Kind, Label, LabelledBlock
from cleanread.document import Document, Image, Removed, Section
from cleanread.meta import find_credit, find_date, parse_byline

__all__ = ["build_document"]


# Separators between a headline and a site or section name appended to it.
TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " · ")
# Of those, the ones a headline line never holds itself: what follows names the
# site or a section even when the page does not repeat it ("Movers in NYC | Top 19").
SITE_SEPARATORS = (" | ",)
# What is left of a title once a site name is cut off keeps at least this many words.
HEADLINE_MIN_WORDS = 2

# A line that names the author or the date anywhere on the page ("Written by
# ..." in an author box, "Updated Sep 4, 2025") has at most this many words;
# longer lines are prose, whose dates are not the page's.
META_LINE_MAX_WORDS = 14


def _meta_lines(labelled: tuple[LabelledBlock, ...]) -> Iterator[str]:
    """Short lines of the page in order, reader comments aside."""
    for lb in labelled:
        if lb.kind is Kind.COMMENTS or lb.label is Label.COMMENT:
            continue
        if lb.block.features.words <= META_LINE_MAX_WORDS:
            yield lb.block.text


def _byline_anywhere(labelled: tuple[LabelledBlock, ...]) -> str | None:
    """The author of the first explicit byline from the title on, else before it.

    Used when no byline sits near the title: author boxes and "Posted by" lines
    often come after the article, and are removed as boilerplate there, while
    "By" lines above the title are mostly menus and filters ("By Industry"). The
    block keeps its label; only the author's name is read from it.
    """
    title_at = next((k for k, lb in enumerate(labelled) if lb.label is Label.TITLE), 0)
    ordered = labelled[title_at:] + labelled[:title_at]
    return next(filter(None, map(parse_byline, _meta_lines(ordered))), None)


def _date_anywhere(labelled: tuple[LabelledBlock, ...], *, month_first: bool) -> str | None:
    """The date of the first short line holding one, when none sits near the title."""
    found = (find_date(text, month_first=month_first) for text in _meta_lines(labelled))
    return next(filter(None, found), None)


def _without_site_name(title: str, labelled: tuple[LabelledBlock, ...]) -> str:
    """The title without trailing names the page shows on their own, as its site name.

    "Car Checklist – Bridgestone Tires" is "Car Checklist" when "Bridgestone
    Tires" is a line of its own elsewhere on the page, or part of its copyright
    line; a title whose end the page does not repeat is kept whole, unless a
    SITE_SEPARATORS mark ("|") sets it off.
    """
    others = [lb.block.text for lb in labelled if lb.block.text != title]
    while True:
        sep = next((s for s in TITLE_SEPARATORS if s in title), None)
        if sep is None:
            return title
        head, _, tail = title.rpartition(sep)
        if len(head.split()) < HEADLINE_MIN_WORDS or (
            sep not in SITE_SEPARATORS
            and not any(line == tail or (tail in line and _copyright_line(line)) for line in others)
        ):
            return title
        title = head


def _copyright_line(line: str) -> bool:
    return "©" in line or "copyright" in line.casefold()


def build_document(
    labelled: tuple[LabelledBlock, ...],
    *,
    language: str | None,
    encoding: str | None,
    source_type: str,
    truncated: bool = False,
    include_images: bool = True,
    meta: dict[str, str | None] | None = None,
) -> Document:
    """Read labelled blocks, in order, into a Document."""
    title: str | None = None
    category: str | None = None
    author: str | None = None
    date: str | None = None
    images: list[Image] = []
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[str] = []
    comments: list[str] = []
    removed: list[Removed] = []
    pending_caption: str | None = None
    month_first = language == "en"

    def close_section() -> None:
        nonlocal heading, paragraphs
        if heading is not None or paragraphs:
            sections.append(Section(heading, tuple(paragraphs)))
        heading, paragraphs = None, []

    for lb in labelled:
        block = lb.block
        text = block.text
        label = lb.label
        if label is Label.TITLE and title is None:
            title = _without_site_name(text, labelled)
        elif label is Label.TITLE or label is Label.HEADING:
            close_section()
            heading = text
        elif label is Label.CATEGORY and category is None:
            category = text
        elif label is Label.PARAGRAPH:
            paragraphs.append(text)
        elif (label is Label.CAPTION or label is Label.CREDIT) and not include_images:
            lines = (
                (block.first_line, block.last_line or block.first_line)
                if block.first_line
                else None
            )
            removed.append(
                Removed(
                    Kind.BOILERPLATE,
                    text,
                    f"image {label.value} (include_images=False)",
                    lines,
                    block.path,
                )
            )
        elif label is Label.CAPTION:
            if pending_caption is not None and include_images:
                images.append(Image(pending_caption, None, None))
            pending_caption = text
        elif label is Label.CREDIT:
            found = find_credit(text)
            own_caption = found[0] if found else None
            if own_caption and pending_caption is not None and include_images:
                images.append(Image(pending_caption, None, None))  # an earlier, uncredited image
                pending_caption = None
            caption = own_caption or pending_caption
            if include_images:
                images.append(Image(caption, found[1] if found else None, text))
            pending_caption = None
        elif label is Label.BYLINE:
            author = author or parse_byline(text)
            date = date or find_date(text, month_first=month_first)
        elif label is Label.COMMENT:
            comments.append(text)
        else:
            # removed blocks, and a role taken twice (a second category label)
            kind = lb.kind if lb.kind is not None else Kind.NAVIGATION
            reason = lb.reason if lb.kind is not None else f"another {label.value} ({lb.reason})"
            lines = (
                (
                    block.first_line,
                    block.last_line if block.last_line is not None else block.first_line,
                )
                if block.first_line is not None
                else None
            )
            removed.append(Removed(kind, text, reason, lines, block.path))
    if pending_caption is not None and include_images:
        images.append(Image(pending_caption, None, None))
    close_section()
    meta = meta or {}
    if author is None and not meta.get("author"):
        author = _byline_anywhere(labelled)
    if date is None and not meta.get("date"):
        date = _date_anywhere(labelled, month_first=month_first)
    return Document(
        title=title or meta.get("title"),
        category=category or meta.get("category"),
        author=author or meta.get("author"),
        date=date or meta.get("date"),
        language=language,
        images=tuple(images),
        sections=tuple(sections),
        comments=tuple(comments),
        removed=tuple(removed),
        encoding=encoding,
        source_type=source_type,
        truncated=truncated,
    )
