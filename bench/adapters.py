"""Adapters that put every extractor behind one call.

Each is ``adapter(source, url, language) -> Extraction``.

``source`` is the text dump (``str``) in text mode and the raw HTML bytes in
html mode.  Optional packages are imported when an adapter is built; a
missing package raises :class:`ToolUnavailableError`, which the runner reports as
a note instead of crashing.
"""

from __future__ import annotations

import html
import importlib
import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from bench.linefilters import C4_UNICODE_END_MARKS, c4_filter, gopher_filter

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from types import ModuleType

Mode = Literal["text", "html"]
Source = str | bytes

DEFAULT_TOOLS: dict[Mode, tuple[str, ...]] = {
    "text": (
        "cleanread",
        "keepall",
        "c4",
        "c4_unicode",
        "gopher",
        "justext",
        "justext_auto",
        "trafilatura",
    ),
    "html": (
        "cleanread",
        "justext",
        "justext_auto",
        "trafilatura",
        "trafilatura_precision",
        "trafilatura_fast",
        "readability",
        "resiliparse",
    ),
}

REPO_SRC = Path(__file__).resolve().parent.parent / "src"
"""Where cleanread's sources live when it is not installed."""
JUSTEXT_FALLBACK_STOPLIST = "English"
_JUSTEXT_LANGUAGES = dict(
    pair.split(":")
    for pair in [
        "af:Afrikaans",
        "ar:Arabic",
        "bg:Bulgarian",
        "ca:Catalan",
        "cs:Czech",
        "cy:Welsh",
        "da:Danish",
        "de:German",
        "el:Greek",
        "en:English",
        "es:Spanish",
        "et:Estonian",
        "eu:Basque",
        "fa:Persian",
        "fi:Finnish",
        "fr:French",
        "ga:Irish",
        "gl:Galician",
        "he:Hebrew",
        "hi:Hindi",
        "hr:Croatian",
        "hu:Hungarian",
        "id:Indonesian",
        "is:Icelandic",
        "it:Italian",
        "ko:Korean",
        "lt:Lithuanian",
        "lv:Latvian",
        "ms:Malay",
        "nl:Dutch",
        "no:Norwegian_Bokmal",
        "nb:Norwegian_Bokmal",
        "nn:Norwegian_Nynorsk",
        "pl:Polish",
        "pt:Portuguese",
        "ro:Romanian",
        "ru:Russian",
        "sk:Slovak",
        "sl:Slovenian",
        "sr:Serbian",
        "sv:Swedish",
        "sw:Swahili",
        "ta:Tamil",
        "tl:Tagalog",
        "tr:Turkish",
        "uk:Ukrainian",
        "ur:Urdu",
        "vi:Vietnamese",
    ]
)
"""ISO 639-1 code to jusText stoplist name."""
_SCRIPT_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]*>")
_WORD_RE = re.compile(r"\w+")
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
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
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)


class ToolUnavailableError(Exception):
    """The adapter cannot run here (package missing or API absent)."""


@dataclass(frozen=True)
class Extraction:
    """What a tool returns for one page."""

    body: str
    title: str | None = None
    author: str | None = None
    date: str | None = None


class Adapter(Protocol):
    """A callable extractor."""

    def __call__(self, source: Source, url: str, language: str | None, /) -> Extraction: ...


class SiteAdapter(Adapter, Protocol):
    """An extractor that first learns from all pages of a site (``fit``)."""

    def fit(self, pages: Iterable[tuple[str, Source]]) -> None: ...


def _import(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ToolUnavailableError(f"package {name!r} is not importable ({exc})") from exc


def _as_text(source: Source) -> str:
    return source if isinstance(source, str) else source.decode("utf-8", errors="replace")


def _opt(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def lines_to_html(text: str) -> str:
    """Wrap every non-empty line of a text dump in ``<p>`` inside a minimal HTML page.

    >>> lines_to_html("a < b\\n\\nc")
    '<html><body><p>a &lt; b</p>\\n<p>c</p></body></html>'
    """
    paragraphs = "\n".join(
        f"<p>{html.escape(line.strip(), quote=False)}</p>"
        for line in text.splitlines()
        if line.strip()
    )
    return f"<html><body>{paragraphs}</body></html>"


def fragment_to_text(fragment: str) -> str:
    """Turn an HTML fragment into text with one line per block element.

    >>> fragment_to_text("<div><h1>T</h1><p>a <b>b</b></p><p>c</p></div>")
    'T\\na b\\nc'
    """
    lxml_html = _import("lxml.html")
    if not fragment.strip():
        return ""
    root = lxml_html.fromstring(fragment)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    text = str(root.text_content())
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --- adapters ------------------------------------------------------------


def keepall(source: Source, _url: str, _language: str | None) -> Extraction:
    """Keep the whole input."""
    return Extraction(_as_text(source))


def c4(source: Source, _url: str, _language: str | None) -> Extraction:
    """C4 line filter with its page-level rules."""
    return Extraction(c4_filter(_as_text(source)))


def c4_unicode(source: Source, _url: str, _language: str | None) -> Extraction:
    """C4 line filter that also accepts typographic closing quotes as line ends."""
    return Extraction(c4_filter(_as_text(source), end_marks=C4_UNICODE_END_MARKS))


def gopher(source: Source, _url: str, _language: str | None) -> Extraction:
    """Gopher/FineWeb-style line rules."""
    return Extraction(gopher_filter(_as_text(source)))


def import_cleanread() -> ModuleType:
    """Import cleanread, falling back to the repository's ``src/`` when it is not installed."""
    try:
        return importlib.import_module("cleanread")
    except ImportError:
        if not (REPO_SRC / "cleanread" / "__init__.py").is_file():
            raise
    sys.path.insert(0, str(REPO_SRC))
    return _import("cleanread")


def _build_cleanread(_mode: Mode) -> Adapter:
    try:
        module = import_cleanread()
    except ImportError as exc:
        raise ToolUnavailableError(f"cleanread is not importable ({exc})") from exc
    clean = getattr(module, "clean", None)
    if not callable(clean):
        raise ToolUnavailableError("cleanread has no clean() yet")

    def run(source: Source, _url: str, _language: str | None) -> Extraction:
        return _from_cleanread_doc(clean(source))

    return run


def _from_cleanread_doc(doc: Any) -> Extraction:
    body = getattr(doc, "body", None)
    if body is None:
        body = getattr(doc, "text", "")
    return Extraction(
        body=str(body or ""),
        title=_opt(getattr(doc, "title", None)),
        author=_opt(getattr(doc, "author", None)),
        date=_opt(getattr(doc, "date", None)),
    )


class CleanreadSiteAdapter:
    """cleanread with site templates learned from all pages of the set first.

    Uses ``cleanread.sites.SiteProfile.from_records(pages)`` with ``pages`` the
    ``(url, source)`` pairs of the set (the profile keys sites by the url's
    domain), then ``cleanread.clean(source, url=url, site_profile=profile)``.
    """

    def __init__(self) -> None:
        try:
            module = import_cleanread()
        except ImportError as exc:
            raise ToolUnavailableError(f"cleanread is not importable ({exc})") from exc
        profile_cls = getattr(module, "SiteProfile", None)
        if profile_cls is None:
            try:
                profile_cls = importlib.import_module("cleanread.sites").SiteProfile
            except (ImportError, AttributeError):
                profile_cls = None
        if profile_cls is None or not hasattr(profile_cls, "from_records"):
            raise ToolUnavailableError(
                "--site-templates needs cleanread.sites.SiteProfile.from_records("
                "[(url, source), ...]); it is not there yet"
            )
        self._clean: Callable[..., Any] = module.clean
        self._profile_cls: Any = profile_cls
        self._profile: Any = None

    def fit(self, pages: Iterable[tuple[str, Source]]) -> None:
        """Learn the site profile from ``(url, source)`` pages."""
        self._profile = self._profile_cls.from_records(pages)

    def __call__(self, source: Source, url: str, _language: str | None, /) -> Extraction:
        doc = self._clean(source, url=url or None, site_profile=self._profile)
        return _from_cleanread_doc(doc)


def _build_justext(_mode: Mode, guess_language: bool = False) -> Adapter:
    justext = _import("justext")
    names = tuple(justext.get_stoplists())
    stoplists = {name: frozenset(justext.get_stoplist(name)) for name in names}

    def stoplist(source: Source, language: str | None) -> frozenset[str]:
        code = (language or "").split("-")[0].lower()
        name = _JUSTEXT_LANGUAGES.get(code)
        if name is None and guess_language:
            name = guess_stoplist(source, stoplists)
        if name not in stoplists:
            name = JUSTEXT_FALLBACK_STOPLIST
        return stoplists[name]

    def run(source: Source, _url: str, language: str | None) -> Extraction:
        document = lines_to_html(source) if isinstance(source, str) else source
        paragraphs = justext.justext(document, stoplist(source, language))
        return Extraction("\n".join(str(p.text) for p in paragraphs if not p.is_boilerplate))

    return run


def guess_stoplist(source: Source, stoplists: dict[str, frozenset[str]]) -> str:
    """Pick the stoplist whose words occur most often in the page's visible words.

    >>> guess_stoplist("der die und das ist the", {"German": frozenset({"der", "die", "und"}),
    ...                                             "English": frozenset({"the", "and"})})
    'German'
    """
    text = source if isinstance(source, str) else source.decode("utf-8", errors="replace")
    if "<" in text:
        text = _TAG_RE.sub(" ", _SCRIPT_RE.sub(" ", text))
    counts = Counter(word.lower() for word in _WORD_RE.findall(text))
    return max(
        stoplists,
        key=lambda name: sum(n for word, n in counts.items() if word in stoplists[name]),
    )


def _build_trafilatura(**options: bool) -> Callable[[Mode], Adapter]:
    def build(_mode: Mode) -> Adapter:
        trafilatura = _import("trafilatura")
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

        def run(source: Source, url: str, _language: str | None) -> Extraction:
            document = lines_to_html(source) if isinstance(source, str) else source
            result = trafilatura.bare_extraction(
                document, url=url or None, with_metadata=True, **options
            )
            if result is None:
                return Extraction("")
            return Extraction(
                body=str(result.text or ""),
                title=_opt(result.title),
                author=_opt(result.author),
                date=_opt(result.date),
            )

        return run

    return build


def _build_readability(_mode: Mode) -> Adapter:
    readability = _import("readability")
    logging.getLogger("readability").setLevel(logging.CRITICAL)

    def run(source: Source, url: str, _language: str | None) -> Extraction:
        document = readability.Document(source, url=url or None)
        return Extraction(
            body=fragment_to_text(str(document.summary(html_partial=True))),
            title=_opt(document.short_title()),
        )

    return run


def _build_resiliparse(_mode: Mode) -> Adapter:
    html2text = _import("resiliparse.extract.html2text")
    parse_html = _import("resiliparse.parse.html")
    encoding = _import("resiliparse.parse.encoding")

    def run(source: Source, _url: str, _language: str | None) -> Extraction:
        if isinstance(source, bytes):
            tree = parse_html.HTMLTree.parse_from_bytes(source, encoding.detect_encoding(source))
        else:
            tree = parse_html.HTMLTree.parse(source)
        return Extraction(
            body=str(html2text.extract_plain_text(tree, main_content=True)),
            title=_opt(tree.title),
        )

    return run


def _plain(function: Adapter) -> Callable[[Mode], Adapter]:
    def build(mode: Mode) -> Adapter:
        if mode != "text":
            raise ToolUnavailableError("works on text dumps only (use --mode text)")
        return function

    return build


def _html_only(builder: Callable[[Mode], Adapter]) -> Callable[[Mode], Adapter]:
    def build(mode: Mode) -> Adapter:
        if mode != "html":
            raise ToolUnavailableError("works on HTML only (use --mode html)")
        return builder(mode)

    return build


BUILDERS: dict[str, Callable[[Mode], Adapter]] = {
    "cleanread": _build_cleanread,
    "keepall": _plain(keepall),
    "c4": _plain(c4),
    "c4_unicode": _plain(c4_unicode),
    "gopher": _plain(gopher),
    "justext": _build_justext,
    "justext_auto": partial(_build_justext, guess_language=True),
    "trafilatura": _build_trafilatura(),
    "trafilatura_precision": _build_trafilatura(favor_precision=True),
    "trafilatura_fast": _build_trafilatura(fast=True),
    "readability": _html_only(_build_readability),
    "resiliparse": _html_only(_build_resiliparse),
}
"""Every known tool name and how to build its adapter for a mode."""


def build_adapter(name: str, mode: Mode) -> Adapter:
    """Build the adapter ``name`` for ``mode`` or raise :class:`ToolUnavailableError`."""
    builder = BUILDERS.get(name)
    if builder is None:
        raise ToolUnavailableError(f"unknown tool (known: {', '.join(BUILDERS)})")
    return builder(mode)
