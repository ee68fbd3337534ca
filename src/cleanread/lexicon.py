"""Load and validate the data files under ``cleanread/data``.

Everything the classifier knows about wording lives in data files: phrase
lexicons per language and kind, DOM class/id tokens per kind, image-credit and
byline labels, month names and stoplists. They are validated when loaded: a
pattern that is empty, duplicated, does not compile or matches the empty string
raises :class:`DataError`, so a broken data file fails loudly at start-up
instead of silently matching everything.

Loading is cached with :func:`functools.cache` over pure functions of the
(immutable) package data; there is no other module-level state.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from cleanread.blocks import Kind
from cleanread.errors import CleanreadError

__all__ = [
    "LANG_TO_JUSTEXT",
    "DataError",
    "PhraseMatcher",
    "byline_labels",
    "credit_labels",
    "dom_matchers",
    "months",
    "phrase_matcher",
    "stopwords",
]

# ISO 639-1 codes -> jusText stoplist names (jusText ships with trafilatura).
LANG_TO_JUSTEXT: dict[str, str] = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ms": "Malay", "nl": "Dutch", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian",
    "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}

# Kinds a phrase lexicon may name (file stem == Kind value).
LEXICON_KINDS: tuple[Kind, ...] = (
    Kind.AD, Kind.COMMENT_FORM, Kind.COMMENTS, Kind.NAVIGATION, Kind.RELATED, Kind.SHARE,
    Kind.COOKIE_NOTICE, Kind.NEWSLETTER, Kind.FOOTER, Kind.TEMPLATE,
)

_DATA = "cleanread.data"


class DataError(CleanreadError, ValueError):
    """A data file under ``cleanread/data`` is malformed."""


def _read_lines(*parts: str) -> tuple[str, ...]:
    """Non-blank, non-comment lines of a package data file ('' tuple if absent)."""
    node = resources.files(_DATA).joinpath("/".join(parts))
    if not node.is_file():
        return ()
    lines = []
    for raw in node.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return tuple(lines)


def _validated(patterns: tuple[str, ...], where: str) -> tuple[str, ...]:
    """Check each pattern; raise DataError naming the file and pattern on failure."""
    seen: set[str] = set()
    for pattern in patterns:
        if pattern in seen:
            raise DataError(f"{where}: duplicate pattern {pattern!r}")
        seen.add(pattern)
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise DataError(f"{where}: pattern {pattern!r} does not compile: {exc}") from exc
        if compiled.search("") is not None:
            raise DataError(f"{where}: pattern {pattern!r} matches the empty string")
        if compiled.groupindex:
            raise DataError(f"{where}: pattern {pattern!r} must not use named groups")
    return patterns


@dataclass(frozen=True, slots=True)
class PhraseMatcher:
    """Combined regexes for one language: anchored ones use ``match``, the rest ``search``."""

    anchored: re.Pattern[str] | None
    floating: re.Pattern[str] | None

    def find(self, text: str) -> tuple[Kind, str] | None:
        """Return the kind and matched text of the first lexicon hit, or None.

        >>> m = phrase_matcher("de")
        >>> m.find("Lesen Sie auch") is not None or not m.anchored
        True
        """
        for rx, method in ((self.anchored, "match"), (self.floating, "search")):
            if rx is None:
                continue
            hit = getattr(rx, method)(text)
            if hit is not None and hit.lastgroup is not None:
                return Kind(hit.lastgroup), hit.group(0)
        return None


def _combine(groups: dict[Kind, list[str]]) -> re.Pattern[str] | None:
    parts = [
        f"(?P<{kind.value}>{'|'.join(f'(?:{p})' for p in pats)})"
        for kind, pats in groups.items()
        if pats
    ]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


@functools.cache
def _lexicon_patterns(lang: str) -> dict[Kind, tuple[str, ...]]:
    return {
        kind: _validated(_read_lines("lexicon", lang, f"{kind.value}.txt"), f"lexicon/{lang}/{kind.value}.txt")
        for kind in LEXICON_KINDS
    }


@functools.cache
def phrase_matcher(lang: str | None) -> PhraseMatcher:
    """The matcher for a page in ``lang``: its own lexicon plus ``xx`` and ``en``.

    English is included for every page because English boilerplate ("Share",
    "Cookie settings") is common on sites in any language.
    """
    langs = ["xx", "en"]
    if lang and lang not in langs and lang.isalpha():
        langs.append(lang)
    anchored: dict[Kind, list[str]] = {k: [] for k in LEXICON_KINDS}
    floating: dict[Kind, list[str]] = {k: [] for k in LEXICON_KINDS}
    for code in langs:
        for kind, patterns in _lexicon_patterns(code).items():
            for pattern in patterns:
                (anchored if pattern.startswith("^") else floating)[kind].append(pattern)
    return PhraseMatcher(_combine(anchored), _combine(floating))


@functools.cache
def dom_matchers() -> dict[str, re.Pattern[str]]:
    """Class/id token regexes per kind name (``content`` and ``hidden`` included)."""
    out: dict[str, re.Pattern[str]] = {}
    names = [k.value for k in LEXICON_KINDS] + ["content", "hidden"]
    for name in names:
        patterns = _validated(_read_lines("dom", f"{name}.txt"), f"dom/{name}.txt")
        if patterns:
            out[name] = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return out


def _plain_words(name: str) -> frozenset[str]:
    words = _read_lines(name)
    if len(set(words)) != len(words):
        dupes = sorted({w for w in words if words.count(w) > 1})
        raise DataError(f"{name}: duplicate entries {dupes[:5]}")
    return frozenset(w.casefold() for w in words)


@functools.cache
def credit_labels() -> frozenset[str]:
    """Words that introduce an image credit ("foto", "photo", "фото", "图片"...)."""
    return _plain_words("credit_labels.txt")


@functools.cache
def byline_labels() -> frozenset[str]:
    """Words that introduce an author ("von", "by", "por", "автор"...)."""
    return _plain_words("byline_labels.txt")


@functools.cache
def months() -> dict[str, int]:
    """Month names (casefolded, all languages) -> month number."""
    out: dict[str, int] = {}
    for line in _read_lines("months.txt"):
        fields = line.split("\t")
        if len(fields) != 3 or not fields[1].isdigit() or not 1 <= int(fields[1]) <= 12:
            raise DataError(f"months.txt: bad line {line!r}; expected LANG<TAB>N<TAB>name|name")
        for name in fields[2].split("|"):
            name = name.strip().casefold()
            if name:
                out.setdefault(name, int(fields[1]))
    return out


@functools.cache
def stopwords(lang: str | None) -> frozenset[str]:
    """The stoplist of ``lang``: jusText's where it has one, else ours in data/stopwords."""
    if not lang:
        return frozenset()
    own = _read_lines("stopwords", f"{lang}.txt")
    if own:
        return frozenset(w.casefold() for w in own)
    name = LANG_TO_JUSTEXT.get(lang)
    if name is None:
        return frozenset()
    node = resources.files("justext").joinpath("stoplists", f"{name}.txt")
    if not node.is_file():
        return frozenset()
    return frozenset(
        w.strip().casefold() for w in node.read_text(encoding="utf-8").splitlines() if w.strip()
    )
