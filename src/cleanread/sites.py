# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""Site templates learned from a batch: :class:`SiteProfile`.

Pages of one site share their template: the menu, "most read", the footer.
A first pass over the batch counts, per site (the registered domain of the
page url), on how many pages each normalised line occurs and where on the page
it sits. The second pass (:func:`cleanread.clean` with
``Options(site_profile=profile, url=url)``) removes lines that recur on many
pages of the same site, with a reason such as "on 37 of 40 pages of example.com".
The kind comes from a lexicon hit if there is one (``related``, ``navigation``...),
else from the position: near the top ``navigation``, near the bottom
``footer``, elsewhere ``template``.

Memory is bounded: lines are kept as 64-bit hashes, and when a site (or the
whole profile) holds too many distinct lines, the rarest are pruned
(lossy counting: counts become lower bounds, off by at most the prune floor).
Profiles are immutable, picklable, saved and loaded as JSON, and merged by
adding counts, so that shards of a crawl (or Dask partitions) can be counted
apart and combined.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

from cleanread.blocks import Kind
from cleanread.lexicon import phrase_matcher
from cleanread.options import DEFAULT_MAX_INPUT_BYTES
from cleanread.parse import read_source
from cleanread.segment import split_lines

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "MIN_LINE_PAGES",
    "MIN_LINE_SHARE",
    "MIN_SITE_PAGES",
    "PageSignature",
    "SiteProfile",
    "SiteProfileBuilder",
    "line_key",
    "normalise_line",
    "page_signature",
    "site_of",
]

# A site needs at least this many pages before any of its lines counts as template:
# small sites are left alone.
MIN_SITE_PAGES = 5
# A line is template when it occurs on at least this share of the site's pages...
# (low, because the profile only removes lines the page's own rules kept, after
# they have run: a sidebar box shown on every fifth page is template too; 0.5 and
# 0.3 gave less on trafilatura-dev and no more on wcxb-dev, see docs/batch.md)
MIN_LINE_SHARE = 0.2
# ...and on at least this many pages.
MIN_LINE_PAGES = 3
# Mean relative position (0 = top, 1 = bottom) below which a template line is navigation...
TOP_ZONE = 0.3
# ...and above which it is a footer.
BOTTOM_ZONE = 0.7
# Distinct lines counted per site before the rarest are pruned.
MAX_LINES_PER_SITE = 50_000
# Distinct lines counted over all sites before the rarest are pruned everywhere.
MAX_LINES_TOTAL = 2_000_000
# Lines longer than this (characters) are not counted: template lines are short.
MAX_LINE_CHARS = 400
# Positions are stored as whole percents so that counts pack into one int.
_POSITION_SCALE = 100
_COUNT_BITS = 32
_COUNT_MASK = (1 << _COUNT_BITS) - 1
# Hash size of a line key, in bytes.
_KEY_BYTES = 8
# Site name used by :meth:`SiteProfile.from_pages` when the pages have no url.
ANONYMOUS_SITE = "(pages without url)"
# Lexicon kinds that a template line may take; other hits fall back to the position rule.
_LEXICON_TEMPLATE_KINDS = frozenset({Kind.NAVIGATION, Kind.RELATED, Kind.FOOTER, Kind.TEMPLATE})
# Second-level labels under which a country TLD registers names (bbc.co.uk, abc.net.au).
_GENERIC_SLD = frozenset(
    {"co", "com", "net", "org", "ac", "gov", "edu", "ne", "or", "go", "gob", "nic"}
)
# Block elements whose text is one line of an HTML page.
_HTML_BLOCK_TAGS = (
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd",
    "figcaption", "blockquote", "pre", "a", "button", "label", "span",
)  # fmt: skip
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


def normalise_line(text: str) -> str:
    """Case-fold, turn digit runs into ``0`` and collapse whitespace.

    >>> normalise_line("  © 2024  Example   Inc. ")
    '© 0 example inc.'
    """
    return _DIGITS.sub("0", _SPACE.sub(" ", text).strip().casefold())


def line_key(text: str) -> int:
    """A 64-bit hash of the normalised line.

    >>> line_key("Home | News") == line_key("home  |  news")
    True
    """
    digest = hashlib.blake2b(normalise_line(text).encode("utf-8"), digest_size=_KEY_BYTES).digest()
    return int.from_bytes(digest, "big")


@functools.lru_cache(maxsize=4096)
def site_of(url: str | None) -> str | None:
    """The registered domain of ``url`` (a public-suffix-free heuristic), or None.

    >>> site_of("https://www.News.example.com:8080/a/b")
    'example.com'
    >>> site_of("http://www.bbc.co.uk/news")
    'bbc.co.uk'
    >>> site_of("not a url") is None
    True
    """
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.rstrip(".")
    if _IPV4.match(host):
        return host
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _GENERIC_SLD:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _html_lines(text: str) -> list[str]:
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(text)
    except (ValueError, TypeError, SyntaxError):
        return []
    for bad in root.iter("script", "style", "noscript", "template"):
        bad.text = None
    lines: list[str] = []
    for element in root.iter(*_HTML_BLOCK_TAGS):
        if any(child.tag in _HTML_BLOCK_TAGS for child in element.iterdescendants()):
            continue
        line = _SPACE.sub(" ", "".join(t for t in element.itertext() if isinstance(t, str))).strip()
        if line:
            lines.append(line)
    return lines


def page_lines(source: str | bytes, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> list[str]:
    r"""The non-blank lines of a page, whitespace-collapsed, as the profile counts them.

    >>> page_lines("Home\n\n  Top   story \n")
    ['Home', 'Top story']
    """
    src = read_source(source, max_bytes=max_bytes)
    if src.source_type == "html":
        return _html_lines(src.text)
    return [line for raw in split_lines(src.text) if (line := _SPACE.sub(" ", raw).strip())]


class PageSignature(NamedTuple):
    """What the first pass keeps of one page: its site and its distinct line keys with positions."""

    site: str
    keys: tuple[int, ...]
    positions: tuple[int, ...]  # percent of the page height where the line first occurs


def page_signature(
    url: str | None,
    source: str | bytes,
    *,
    max_bytes: int = DEFAULT_MAX_INPUT_BYTES,
    site: str | None = None,
) -> PageSignature | None:
    r"""Summarise a page for the first pass; None when it has no site.

    >>> sig = page_signature("https://example.com/a", "Menu\nStory text.\nMenu")
    >>> sig.site, len(sig.keys), sig.positions
    ('example.com', 2, (0, 50))
    """
    name = site or site_of(url)
    if name is None:
        return None
    lines = page_lines(source, max_bytes=max_bytes)
    seen: dict[int, int] = {}
    last = max(1, len(lines) - 1)
    for number, line in enumerate(lines):
        if len(line) > MAX_LINE_CHARS:
            continue
        key = line_key(line)
        if key not in seen:
            seen[key] = number * _POSITION_SCALE // last
    return PageSignature(name, tuple(seen), tuple(seen.values()))


def _pack(count: int, position_sum: int) -> int:
    return (position_sum << _COUNT_BITS) | count


def _unpack(value: int) -> tuple[int, int]:
    return value & _COUNT_MASK, value >> _COUNT_BITS


@dataclass
class _SiteCounts:
    pages: int = 0
    floor: int = 0  # counts pruned at or below this value are gone
    lines: dict[int, int] = field(default_factory=dict)  # key -> packed (count, position sum)


class SiteProfileBuilder:
    r"""Mutable counter for the first pass; :meth:`build` gives an immutable :class:`SiteProfile`.

    >>> builder = SiteProfileBuilder()
    >>> for n in range(6):
    ...     page = f"Home | News\nStory {n} is unique, told here.\nImprint"
    ...     builder.add_page(f"https://example.com/{n}", page)
    >>> profile = builder.build()
    >>> profile.pages("example.com")
    6
    >>> profile.template_kind("https://example.com/9", "Home | News")
    (<Kind.NAVIGATION: 'navigation'>, 'on 6 of 6 pages of example.com')
    """

    def __init__(
        self,
        *,
        max_lines_per_site: int = MAX_LINES_PER_SITE,
        max_lines_total: int = MAX_LINES_TOTAL,
    ) -> None:
        """Start empty, with the given memory bounds."""
        self._sites: dict[str, _SiteCounts] = {}
        self._max_site = max_lines_per_site
        self._max_total = max_lines_total
        self._total = 0

    def add(self, signature: PageSignature | None) -> None:
        """Count one page (None is ignored)."""
        if signature is None:
            return
        counts = self._sites.setdefault(signature.site, _SiteCounts())
        counts.pages += 1
        lines = counts.lines
        before = len(lines)
        for key, position in zip(signature.keys, signature.positions, strict=True):
            value = lines.get(key)
            if value is None:
                lines[key] = _pack(1, position)
            else:
                lines[key] = value + _pack(1, position)
        self._total += len(lines) - before
        if len(lines) > self._max_site:
            self._prune(counts)
        if self._total > self._max_total:
            for site_counts in self._sites.values():
                self._prune(site_counts)

    def add_page(self, url: str | None, source: str | bytes) -> None:
        """Count one page given its url and source."""
        self.add(page_signature(url, source))

    def _prune(self, counts: _SiteCounts) -> None:
        counts.floor += 1
        before = len(counts.lines)
        counts.lines = {k: v for k, v in counts.lines.items() if _unpack(v)[0] > counts.floor}
        self._total -= before - len(counts.lines)

    def merge(self, other: SiteProfileBuilder | SiteProfile) -> None:
        """Add another builder's or profile's counts to this one."""
        sites = other._sites if isinstance(other, SiteProfileBuilder) else other.counts
        for site, theirs in sites.items():
            mine = self._sites.setdefault(site, _SiteCounts())
            mine.pages += theirs.pages
            mine.floor = max(mine.floor, theirs.floor)
            before = len(mine.lines)
            for key, value in theirs.lines.items():
                mine.lines[key] = mine.lines.get(key, 0) + value
            self._total += len(mine.lines) - before
            if len(mine.lines) > self._max_site:
                self._prune(mine)

    def build(self, **thresholds: Any) -> SiteProfile:
        """The immutable profile of what was counted (``thresholds`` override the defaults)."""
        sites = {
            site: _SiteCounts(c.pages, c.floor, dict(c.lines)) for site, c in self._sites.items()
        }
        return SiteProfile(counts=sites, **thresholds)


@dataclass(frozen=True, eq=False)
class SiteProfile:
    """Line counts per site and the template lines they imply (immutable, picklable, hashable).

    ``template_kind(url, text)`` is what :func:`cleanread.clean` asks for every
    block when ``Options(site_profile=profile, url=url)`` is set.
    """

    counts: dict[str, _SiteCounts] = field(default_factory=dict, repr=False)
    min_site_pages: int = MIN_SITE_PAGES
    min_line_share: float = MIN_LINE_SHARE
    min_line_pages: int = MIN_LINE_PAGES
    _templates: dict[str, dict[int, tuple[int, float]]] = field(
        init=False, repr=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        """Work out the template lines of every large enough site."""
        templates: dict[str, dict[int, tuple[int, float]]] = {}
        for site, counts in self.counts.items():
            if counts.pages < self.min_site_pages:
                continue
            need = max(self.min_line_pages, self.min_line_share * counts.pages)
            found: dict[int, tuple[int, float]] = {}
            for key, value in counts.lines.items():
                count, position_sum = _unpack(value)
                if count >= need:
                    found[key] = (min(count, counts.pages), position_sum / count / _POSITION_SCALE)
            if found:
                templates[site] = found
        object.__setattr__(self, "_templates", templates)

    # -- building ------------------------------------------------------------

    @classmethod
    def from_records(
        cls, pages: Iterable[tuple[str | None, str | bytes]], **thresholds: Any
    ) -> SiteProfile:
        r"""Count ``(url, source)`` pairs into a profile.

        >>> pages = [(f"https://x.example/{n}", f"Menu\nUnique line {n}!") for n in range(5)]
        >>> SiteProfile.from_records(pages).sites()
        ('x.example',)
        """
        builder = SiteProfileBuilder()
        for url, source in pages:
            builder.add_page(url, source)
        return builder.build(**thresholds)

    @classmethod
    def from_pages(
        cls, sources: Iterable[str | bytes], url: str | None = None, **thresholds: Any
    ) -> SiteProfile:
        r"""Count pages known to come from one site (``url`` names it, else it is anonymous).

        The profile then answers for that site, and for ``url=None``.

        >>> p = SiteProfile.from_pages([f"Menu\nBody {n} text." for n in range(5)])
        >>> p.template_kind(None, "Menu")[1]
        'on 5 of 5 pages of (pages without url)'
        """
        name = site_of(url) or ANONYMOUS_SITE
        builder = SiteProfileBuilder()
        for source in sources:
            builder.add(page_signature(None, source, site=name))
        return builder.build(**thresholds)

    def merge(self, other: SiteProfile) -> SiteProfile:
        """A profile holding the counts of both (for shards and Dask reductions)."""
        builder = SiteProfileBuilder()
        builder.merge(self)
        builder.merge(other)
        return builder.build(**self.thresholds)

    def compact(self) -> SiteProfile:
        """The same decisions with only the template lines kept (small enough to ship to workers).

        A compact profile cannot be merged meaningfully any more.
        """
        counts = {
            site: _SiteCounts(
                c.pages,
                c.floor,
                {k: v for k, v in c.lines.items() if k in self._templates.get(site, {})},
            )
            for site, c in self.counts.items()
            if site in self._templates
        }
        return SiteProfile(counts=counts, **self.thresholds)

    # -- asking --------------------------------------------------------------

    @property
    def thresholds(self) -> dict[str, Any]:
        """The thresholds this profile decides with."""
        return {
            "min_site_pages": self.min_site_pages,
            "min_line_share": self.min_line_share,
            "min_line_pages": self.min_line_pages,
        }

    def sites(self) -> tuple[str, ...]:
        """The sites counted, sorted."""
        return tuple(sorted(self.counts))

    def pages(self, site: str) -> int:
        """Pages counted for ``site``."""
        counts = self.counts.get(site)
        return counts.pages if counts else 0

    def template_lines(self, site: str) -> int:
        """How many distinct lines of ``site`` count as template."""
        return len(self._templates.get(site, {}))

    def _site(self, url: str | None) -> str | None:
        return site_of(url) if url else ANONYMOUS_SITE

    def template_kind(self, url: str | None, text: str) -> tuple[Kind, str] | None:
        """Kind and reason if ``text`` is a template line of ``url``'s site, else None."""
        site = self._site(url)
        if site is None:
            return None
        found = self._templates.get(site)
        if not found:
            return None
        hit = found.get(line_key(text))
        if hit is None:
            return None
        count, position = hit
        reason = f"on {count} of {self.counts[site].pages} pages of {site}"
        lexicon = phrase_matcher(None).find(text)
        if lexicon is not None and lexicon[0] in _LEXICON_TEMPLATE_KINDS:
            return lexicon[0], reason
        if position < TOP_ZONE:
            return Kind.NAVIGATION, reason
        if position > BOTTOM_ZONE:
            return Kind.FOOTER, reason
        return Kind.TEMPLATE, reason

    # -- identity --------------------------------------------------------------

    @functools.cached_property
    def fingerprint(self) -> str:
        """A digest of counts and thresholds; equal profiles have equal fingerprints."""
        digest = hashlib.blake2b(digest_size=16)
        digest.update(json.dumps(self.thresholds, sort_keys=True).encode())
        for site in sorted(self.counts):
            c = self.counts[site]
            digest.update(f"{site}\0{c.pages}\0{c.floor}\0".encode())
            for key in sorted(c.lines):
                digest.update(f"{key:x}:{c.lines[key]:x};".encode())
        return digest.hexdigest()

    def __eq__(self, other: object) -> bool:
        """Profiles are equal when their counts and thresholds are."""
        if not isinstance(other, SiteProfile):
            return NotImplemented
        return self.fingerprint == other.fingerprint

    def __hash__(self) -> int:
        """Hash of the fingerprint."""
        return hash(self.fingerprint)

    # -- JSON ------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        r"""A JSON-ready mapping (line keys as hex strings).

        >>> p = SiteProfile.from_pages(["Menu\nText."] * 5, url="https://a.example/")
        >>> SiteProfile.from_dict(p.to_dict()) == p
        True
        """
        sites: dict[str, Any] = {}
        for site in sorted(self.counts):
            c = self.counts[site]
            lines = [[f"{key:016x}", *_unpack(c.lines[key])] for key in sorted(c.lines)]
            sites[site] = {"pages": c.pages, "floor": c.floor, "lines": lines}
        return {
            "format": "cleanread-site-profile",
            "version": 1,
            "thresholds": self.thresholds,
            "sites": sites,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SiteProfile:
        """Rebuild a profile from :meth:`to_dict` output."""
        if not isinstance(data, dict) or data.get("format") != "cleanread-site-profile":
            raise ValueError(
                "not a cleanread site profile (expected the output of SiteProfile.to_dict())"
            )
        counts = {
            site: _SiteCounts(
                int(entry["pages"]),
                int(entry["floor"]),
                {
                    int(key, 16): _pack(int(count), int(position))
                    for key, count, position in entry["lines"]
                },
            )
            for site, entry in data["sites"].items()
        }
        return cls(counts=counts, **data.get("thresholds", {}))

    def save(self, path: str | Path) -> None:
        """Write the profile as JSON."""
        Path(path).write_text(json.dumps(self.to_dict()), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> SiteProfile:
        """Read a profile written by :meth:`save`."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
