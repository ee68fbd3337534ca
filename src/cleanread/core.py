"""The one verb: :func:`clean`.

parse -> segment -> classify -> structure, each a pure stage over immutable values.
"""

from __future__ import annotations

from typing import Any

from cleanread.blocks import Block, Kind
from cleanread.classify import classify
from cleanread.document import Document
from cleanread.errors import InputError
from cleanread.lang import detect_language
from cleanread.lexicon import phrase_matcher, stopwords
from cleanread.meta import find_credit, parse_byline
from cleanread.options import Options
from cleanread.parse import read_source
from cleanread.segment import segment_text, split_lines
from cleanread.structure import build_document

__all__ = ["clean", "template_hits"]

# Characters of running text handed to language detection.
LANG_SAMPLE_CHARS = 4000
# Lines shorter than this are skipped when sampling text for language detection.
LANG_SAMPLE_MIN_LINE = 40


def _check_source(source: object) -> str | bytes:
    if isinstance(source, (str, bytes)):
        return source
    if isinstance(source, (bytearray, memoryview)):
        return bytes(source)
    hint = ""
    if hasattr(source, "read"):
        hint = " It looks like a file object: pass its contents, e.g. clean(f.read())."
    elif source is None:
        hint = " Got None: is the page missing from your record?"
    raise InputError(
        f"clean() expects the page as str or bytes, not {type(source).__name__}.{hint}"
    )


def _language_sample(text: str) -> str:
    r"""The page's distinct lines that tell its language best, up to LANG_SAMPLE_CHARS.

    The longest lines come first: running text tells a language, boilerplate is
    short. Lines shorter than LANG_SAMPLE_MIN_LINE are used only when there is no
    longer one, and then not the ones with boilerplate wording (the lexicons every
    page is matched against), image credits or bylines, which name people and
    agencies. Repeats and the order of lines do not count, so a page and its
    cleaned text are judged on the same lines. Lines end as in segmentation
    (\n, \r\n or \r).

    >>> _language_sample("Menu\rThis line is long enough to tell its language.\rToo short.")
    'This line is long enough to tell its language.'
    >>> _language_sample("Share on Facebook\nPhoto: Reuters\nDie Stadt\nbaut.")
    'Die Stadt\nbaut.'
    """
    lines = {" ".join(line.split()) for line in split_lines(text)}
    lines.discard("")
    sample = sorted((line for line in lines if len(line) >= LANG_SAMPLE_MIN_LINE), key=_longest)
    if not sample:
        sample = sorted((line for line in lines if _tells_language(line)), key=_longest)
    parts: list[str] = []
    size = 0
    for line in sample:
        parts.append(line)
        size += len(line)
        if size >= LANG_SAMPLE_CHARS:
            break
    return "\n".join(parts)


def _longest(line: str) -> tuple[int, str]:
    return (-len(line), line)


def _tells_language(line: str) -> bool:
    """Not boilerplate wording, a byline or an image credit (without a caption)."""
    if phrase_matcher(None).find(line) is not None or parse_byline(line) is not None:
        return False
    credit = find_credit(line)
    return credit is None or credit[0] is not None


def template_hits(blocks: tuple[Block, ...], options: Options) -> dict[int, tuple[Kind, str]]:
    """Blocks that the site profile in ``options`` marks as template lines, by position."""
    profile = options.site_profile
    if profile is None:
        return {}
    hits: dict[int, tuple[Kind, str]] = {}
    for i, block in enumerate(blocks):
        found = profile.template_kind(options.url, block.text)
        if found is not None:
            hits[i] = found
    return hits


def clean(source: str | bytes, options: Options | None = None, **overrides: Any) -> Document:
    r"""Clean one raw page (text dump or HTML, as str or bytes) into a Document.

    >>> body = "This is the first sentence of the body, and it is long enough to count. " * 2
    >>> doc = clean("Sport\n\nA Headline For The Day\n\n" + body)
    >>> doc.title
    'A Headline For The Day'
    >>> clean("").to_dict()["sections"]
    []
    >>> clean(None)
    Traceback (most recent call last):
    ...
    cleanread.errors.InputError: clean() expects the page as str or bytes, not NoneType. ...
    """
    raw = _check_source(source)
    opts = options if options is not None else Options()
    if not isinstance(opts, Options):
        raise InputError(f"options must be a cleanread.Options, not {type(opts).__name__}")
    if overrides:
        opts = opts.replace(**overrides)
    src = read_source(raw, max_bytes=opts.max_input_bytes, source_type=opts.source_type)
    if src.source_type == "html":
        from cleanread.html import clean_html

        return clean_html(src, opts)
    language = opts.language or detect_language(_language_sample(src.text))
    stoplist = stopwords(language)
    blocks = segment_text(src.text, stoplist)
    labelled = classify(
        blocks,
        language,
        opts,
        has_stoplist=bool(stoplist),
        template_hits=template_hits(blocks, opts),
    )
    return build_document(
        labelled,
        language=language if blocks else opts.language,
        encoding=src.encoding,
        source_type=src.source_type,
        truncated=src.truncated,
        include_images=opts.include_images,
    )
