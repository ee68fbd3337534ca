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
import importlib.util
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

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
    "af": "Afrikaans",
    "ar": "Arabic",
    "bg": "Bulgarian",
    "ca": "Catalan",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "eo": "Esperanto",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "gl": "Galician",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "id": "Indonesian",
    "is": "Icelandic",
    "it": "Italian",
    "ko": "Korean",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mk": "Macedonian",
    "ms": "Malay",
    "nl": "Dutch",
    "no": "Norwegian_Bokmal",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sq": "Albanian",
    "sr": "Serbian",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "vi": "Vietnamese",
}

# Kinds a phrase lexicon may name (file stem == Kind value).
LEXICON_KINDS: tuple[Kind, ...] = (
    Kind.AD,
    Kind.COMMENT_FORM,
    Kind.COMMENTS,
    Kind.NAVIGATION,
    Kind.RELATED,
    Kind.SHARE,
    Kind.COOKIE_NOTICE,
    Kind.NEWSLETTER,
    Kind.FOOTER,
    Kind.TEMPLATE,
)

# Kinds whose phrases are matched in every shipped language, not only the page's:
# consent banners are worded distinctively, often stay in the site's language when
# an article is in another, and a short page's language guess may be off.
ANY_LANGUAGE_KINDS = frozenset({Kind.COOKIE_NOTICE})

_DATA = "cleanread.data"
# Lexicon hits are looked for in the first characters of a line only: boilerplate
# announces itself early, and the cost per line stays bounded.
LINE_SCAN_CHARS = 400


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


# Unkeyed whole-line patterns (menus of symbols, separators) are only tried on
# lines up to this long: a whole line that long is not a menu entry.
WHOLE_LINE_MAX_CHARS = 200
# Index keys are the first characters of a word a pattern requires.
KEY_CHARS = 4
# Shorter required words than this cannot key a pattern (it is always tried).
KEY_MIN_CHARS = 2
_KEY_TOKEN = re.compile(r"\w+")


def _first_words(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Lower-cased leading literal words a parsed regex must start with, or None."""
    from re import _constants as c  # type: ignore[attr-defined]

    chars: list[str] = []
    for op, arg in items:
        if op is c.AT:
            if chars:
                break
            continue
        if op is c.LITERAL:
            ch = chr(arg)
            if ch.isalnum() or ch == "_":
                chars.append(ch.lower())
                continue
            break
        if not chars and op is c.SUBPATTERN:
            return _first_words(list(arg[-1]))
        if not chars and op is c.BRANCH:
            keys: set[str] = set()
            for branch in arg[1]:
                sub = _first_words(list(branch))
                if sub is None:
                    return None
                keys |= sub
            return keys
        break
    if len(chars) < KEY_MIN_CHARS:
        return None
    return {"".join(chars)[:KEY_CHARS]}


@functools.cache
def pattern_keys(pattern: str) -> tuple[frozenset[str] | None, bool]:
    r"""Word prefixes one of which a line must contain for ``pattern`` to match.

    The flag is True when the word must be the line's first word. None keys
    mean the pattern cannot be keyed and is always tried.

    >>> keys, at_start = pattern_keys(r"^(lesen sie|read) (auch|also)$")
    >>> sorted(keys), at_start
    (['lese', 'read'], True)
    >>> pattern_keys(r"^\d+ comments$")
    (frozenset({'comm'}), False)
    """
    from re import _parser  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return None, False
    items = list(parsed)
    keys = _first_words(items)
    if keys is not None and all(len(k) >= KEY_MIN_CHARS for k in keys):
        return frozenset(keys), pattern.startswith("^")
    keys = _required_word(items)
    return (None if keys is None else frozenset(keys)), False


def _required_word(items: list[tuple[Any, Any]]) -> set[str] | None:
    """A literal word that any match must contain at a word start, or None.

    Used for patterns that open with something optional, e.g. ``^(the )?comment``.
    """
    from re import _constants as c  # type: ignore[attr-defined]

    best = ""
    group_keys: set[str] | None = None
    run: list[str] = []
    at_word_start = True
    for op, arg in [*items, (None, None)]:
        if op is c.SUBPATTERN and group_keys is None:
            found = _first_words(list(arg[-1]))
            if found and all(len(k) >= KEY_MIN_CHARS for k in found):
                group_keys = found
        ch = chr(arg) if op is c.LITERAL else ""
        if ch and (ch.isalnum() or ch == "_"):
            if run or at_word_start:
                run.append(ch.lower())
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
        # a word can start after a literal non-word character, an anchor or a group
        at_word_start = bool(ch) or op is c.AT or op is c.SUBPATTERN or op is c.MAX_REPEAT
    if len(best) < KEY_CHARS - 1:
        return group_keys
    return {best[:KEY_CHARS]}


# A keyed pattern is pre-checked by literal text it needs only when that text is this long.
NEEDLE_MIN_CHARS = 3


@functools.cache
def pattern_needles(pattern: str) -> tuple[str, ...]:
    r"""Lower-cased ASCII strings one of which every match of ``pattern`` contains.

    Empty when the pattern needs no such string of NEEDLE_MIN_CHARS or more. On
    ASCII text, where IGNORECASE matching is matching after ``lower()``, a line
    holding none of them cannot match, so the regex is not run.

    >>> pattern_needles(r"(this|our) (site|website) uses cookies\b")
    (' uses cookies',)
    >>> pattern_needles(r"^(read|see) (more|also)$")
    ('more', 'also')
    >>> pattern_needles(r"^\d+ (of|/) \d+$")
    ()
    """
    from re import _parser  # type: ignore[attr-defined]

    options = _needle_options(list(_parser.parse(pattern, re.IGNORECASE)))
    return options if options and min(map(len, options)) >= NEEDLE_MIN_CHARS else ()


def _needle_options(items: list[tuple[Any, Any]]) -> tuple[str, ...]:
    """The best set of strings one of which a match of ``items`` must contain (or ())."""
    from re import _constants as c  # type: ignore[attr-defined]

    found: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is c.LITERAL and chr(arg).isascii():
            run.append(chr(arg).lower())
            continue
        if run:  # consecutive literals match consecutive characters
            found.append(("".join(run),))
            run = []
        if op is c.SUBPATTERN:
            found.append(_needle_options(list(arg[-1])))
        elif op is c.BRANCH:
            branches = [_needle_options(list(branch)) for branch in arg[1]]
            if all(branches):
                found.append(tuple(dict.fromkeys(n for b in branches for n in b)))
    # the set whose shortest string is longest rules out the most lines
    return max((f for f in found if f), key=lambda f: min(map(len, f)), default=())


_Entries = tuple[tuple[Kind, re.Pattern[str]], ...]


def _lookup(
    index: Mapping[str, _Entries], token: str, out: list[tuple[Kind, re.Pattern[str]]]
) -> None:
    for size in (KEY_CHARS, 3, KEY_MIN_CHARS):
        found = index.get(token[:size])
        if found:
            out.extend(found)


@dataclass(frozen=True, slots=True)
class _Alternation:
    """Several patterns as one regex: one scan finds the earliest hit of any.

    At the leftmost position where some pattern matches, the first one in
    order wins, exactly as trying them one by one and keeping the earliest
    start would. Each pattern sits in a named group that says its kind.
    """

    regex: re.Pattern[str] | None
    kinds: Mapping[str, Kind]
    anchored: bool = False  # every pattern starts with ``^``: only position 0 is tried

    @classmethod
    def of(cls, entries: _Entries) -> _Alternation:
        if not entries:
            return cls(None, MappingProxyType({}))
        names = {f"k{i}": kind for i, (kind, _) in enumerate(entries)}
        joined = "|".join(f"(?P<k{i}>{rx.pattern})" for i, (_, rx) in enumerate(entries))
        anchored = all(rx.pattern.startswith("^") for _, rx in entries)
        return cls(re.compile(joined, re.IGNORECASE), MappingProxyType(names), anchored)

    def search(self, text: str) -> tuple[int, Kind, str] | None:
        if self.regex is None:
            return None
        hit = self.regex.match(text) if self.anchored else self.regex.search(text)
        if hit is None or hit.lastgroup is None:
            return None
        return hit.start(), self.kinds[hit.lastgroup], hit.group(0)


@dataclass(frozen=True, slots=True)
class PhraseMatcher:
    """Lexicon patterns indexed by the word they start with.

    A line is tried only against the patterns keyed by the prefixes of its words:
    patterns anchored at the line start by its first word, the others by any
    word. The few patterns that cannot be keyed are joined into one regex each
    (``always``, and ``short_only`` for whole-line patterns tried on short
    lines), so they cost one scan per line. The cost per line stays small
    however large the lexicons grow.
    """

    first: Mapping[str, _Entries]  # anchored patterns, keyed by their first word
    anywhere: Mapping[str, _Entries]  # keyed by a word they require anywhere
    always: _Alternation  # unkeyed patterns, tried on every line
    short_only: _Alternation  # unkeyed whole-line patterns (^...$), tried on short lines
    # the shortest prefix of every ``anywhere`` key: a token without one cannot hit
    anywhere_heads: frozenset[str] = frozenset()

    def find(self, text: str) -> tuple[Kind, str] | None:
        """Return the kind and matched text of the earliest lexicon hit, or None.

        >>> m = phrase_matcher("de")
        >>> m.find("Lesen Sie auch") is not None or not m.first
        True
        """
        tokens = _KEY_TOKEN.findall(text[:LINE_SCAN_CHARS].lower())
        candidates: list[tuple[Kind, re.Pattern[str]]] = []
        if tokens and text[:1].isalnum():
            _lookup(self.first, tokens[0], candidates)
        heads = self.anywhere_heads
        # each distinct token once, in reading order: the candidates' order decides ties at
        # one position, so it must not follow the string hash seed
        for token in dict.fromkeys(tokens):
            if token[:KEY_MIN_CHARS] in heads:
                _lookup(self.anywhere, token, candidates)
        best: tuple[int, Kind, str] | None = None
        lowered = text.lower() if candidates and text.isascii() else None
        for kind, rx in candidates:
            if lowered is not None:
                needles = pattern_needles(rx.pattern)
                if needles and not any(needle in lowered for needle in needles):
                    continue
            hit = rx.search(text)
            if hit is not None and (best is None or hit.start() < best[0]):
                best = (hit.start(), kind, hit.group(0))
        for group in (self.always, self.short_only):
            if group is self.short_only and len(text) > WHOLE_LINE_MAX_CHARS:
                break
            found = group.search(text)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        return None if best is None else (best[1], best[2])


@functools.cache
def _lexicon_languages() -> tuple[str, ...]:
    """The language codes with a lexicon folder, sorted."""
    root = resources.files(_DATA).joinpath("lexicon")
    return tuple(sorted(node.name for node in root.iterdir() if node.is_dir()))


@functools.cache
def _lexicon_patterns(lang: str) -> dict[Kind, tuple[str, ...]]:
    return {
        kind: _validated(
            _read_lines("lexicon", lang, f"{kind.value}.txt"), f"lexicon/{lang}/{kind.value}.txt"
        )
        for kind in LEXICON_KINDS
    }


@functools.cache
def _compiled_entry(kind: Kind, pattern: str) -> tuple[Kind, re.Pattern[str]]:
    """One lexicon pattern, compiled once for all the matchers that hold it."""
    return kind, re.compile(pattern, re.IGNORECASE)


@functools.cache
def phrase_matcher(lang: str | None, kinds: frozenset[Kind] | None = None) -> PhraseMatcher:
    """The matcher for a page in ``lang``: its own lexicon plus ``xx`` and ``en``.

    ``kinds`` restricts it to some kinds (None: all). For ANY_LANGUAGE_KINDS the
    lexicons of every shipped language are matched too.

    English is included for every page because English boilerplate ("Share",
    "Cookie settings") is common on sites in any language.
    """
    langs = ["xx", "en"]
    if lang and lang not in langs and lang.isalpha():
        langs.append(lang)
    first: dict[str, list[tuple[Kind, re.Pattern[str]]]] = {}
    anywhere: dict[str, list[tuple[Kind, re.Pattern[str]]]] = {}
    always: list[tuple[Kind, re.Pattern[str]]] = []
    short_only: list[tuple[Kind, re.Pattern[str]]] = []
    others = [code for code in _lexicon_languages() if code not in langs]
    for code in [*langs, *others]:
        own = code in langs
        for kind, patterns in _lexicon_patterns(code).items():
            if kinds is not None and kind not in kinds:
                continue
            if not (own or kind in ANY_LANGUAGE_KINDS):
                continue
            for pattern in patterns:
                entry, (keys, at_start) = _compiled_entry(kind, pattern), pattern_keys(pattern)
                if keys is None and pattern.startswith("^") and pattern.endswith("$"):
                    short_only.append(entry)
                    continue
                if keys is None:
                    always.append(entry)
                    continue
                index = first if at_start else anywhere
                for key in keys:
                    index.setdefault(key, []).append(entry)
    return PhraseMatcher(
        MappingProxyType({k: tuple(v) for k, v in first.items()}),
        MappingProxyType({k: tuple(v) for k, v in anywhere.items()}),
        _Alternation.of(tuple(always)),
        _Alternation.of(tuple(short_only)),
        frozenset(key[:KEY_MIN_CHARS] for key in anywhere),
    )


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
        for raw_name in fields[2].split("|"):
            name = raw_name.strip().casefold()
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
    folder = _justext_stoplists()
    node = None if folder is None else folder / f"{name}.txt"
    if node is None or not node.is_file():
        return frozenset()
    return frozenset(
        w.strip().casefold() for w in node.read_text(encoding="utf-8").splitlines() if w.strip()
    )


@functools.cache
def _justext_stoplists() -> Path | None:
    """The ``stoplists`` folder of jusText, found without importing it.

    Importing it runs its ``__init__``, which needs ``lxml.html.clean``, a
    separate package that some installs lack; its stoplists are plain files.
    """
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "stoplists"
