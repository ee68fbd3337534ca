"""Recognise image credits, bylines and dates in single lines of text.

Pure functions of one string; the labels they look for come from the data
files (``credit_labels.txt``, ``byline_labels.txt``, ``months.txt``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from cleanread.lexicon import byline_labels, credit_labels, months

__all__ = ["clean_author", "find_credit", "find_date", "parse_byline"]

# A credit names an agency or a person: longer than this is not a credit.
CREDIT_MAX_WORDS = 10
# An author name has at most this many words ("Anna Maria von der Leyen").
AUTHOR_MAX_WORDS = 6
# Lines longer than this are not searched for a date (dates sit in short lines).
DATE_LINE_MAX_CHARS = 300
# Years outside this range are not publication dates.
YEAR_MIN, YEAR_MAX = 1990, 2100

_WORDISH = re.compile(r"\w+")


def _alternation(words: frozenset[str]) -> str:
    # Longest first, so "photos" wins over "photo"; escaped, as the files hold plain words.
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_COLONS = (":", "：")
_COPYRIGHT = ("©", "(c)", "(C)")
_LABEL_STRIP = " \t([|–—-/·•"
_CREDIT_STRIP = " .;,)]"


def _label_before(text: str) -> tuple[str, str] | None:
    """Split ``text`` into (caption, label) when it ends with a credit label."""
    labels = credit_labels()
    words = text.rstrip(_LABEL_STRIP).split()
    for size in (2, 1):
        if len(words) >= size:
            label = " ".join(words[-size:]).strip(_LABEL_STRIP).casefold()
            if label in labels:
                return " ".join(words[:-size]).strip(_LABEL_STRIP), label
    # CJK labels are written without a space before them ("图片来源")
    tail = text.rstrip(_LABEL_STRIP)
    folded = tail.casefold()
    unspaced = _unspaced_credit_labels()
    if not folded.endswith(unspaced):
        return None
    label = next(label for label in unspaced if folded.endswith(label))
    return tail[: len(tail) - len(label)].strip(_LABEL_STRIP), label


@functools.cache
def _unspaced_credit_labels() -> tuple[str, ...]:
    """Credit labels outside ASCII, longest first: "图片来源" wins over "来源"."""
    labels = (label for label in credit_labels() if not label.isascii())
    return tuple(sorted(labels, key=lambda label: (-len(label), label)))


def find_credit(line: str) -> tuple[str | None, str] | None:
    """Split an image credit line into (caption or None, credit).

    >>> find_credit("Foto: Bloomberg")
    (None, 'Bloomberg')
    >>> find_credit("Premier Li Qiang in Peking. Photo: Reuters")
    ('Premier Li Qiang in Peking.', 'Reuters')
    >>> find_credit("© Reuters")
    (None, 'Reuters')
    >>> find_credit("Der Markt reagiert euphorisch.") is None
    True
    """
    colon = max(line.rfind(":"), line.rfind("："))
    caption: str | None
    if colon > 0:
        split = _label_before(line[:colon])
        if split is None:
            return None
        caption, credit = split[0] or None, line[colon + 1 :].strip(_CREDIT_STRIP)
    else:
        mark = next((m for m in _COPYRIGHT if m in line), None)
        if mark is None:
            return None
        before, _, after = line.partition(mark)
        caption, credit = before.strip(_LABEL_STRIP) or None, after.strip(_CREDIT_STRIP)
    if (
        not credit
        or len(_WORDISH.findall(credit)) > CREDIT_MAX_WORDS
        or not _WORDISH.search(credit)
    ):
        return None
    return caption, credit


@functools.cache
def _byline_rx() -> re.Pattern[str]:
    labels = _alternation(byline_labels())
    return re.compile(rf"^(?:{labels})\s*[:：]?\s+(?P<name>\S.{{1,100}})$", re.IGNORECASE)


_NAME_STOP = re.compile(r"\s*(?:[|,•·–—]|\bund\b|\band\b|\bet\b|\by\b|\d).*$", re.IGNORECASE)


@functools.cache
def _unspaced_byline_labels() -> tuple[str, ...]:
    """Labels of scripts written without spaces ("文", "記者"), matched as prefixes."""
    return tuple(sorted(w for w in byline_labels() if not w.isascii()))


@functools.cache
def _label_first_words() -> frozenset[str]:
    """First words of the byline labels: "written" for "written by"."""
    return frozenset(label.split(" ", 1)[0].rstrip(":：") for label in byline_labels())


# A capitalised label glued to a capitalised name, as text dumps of adjacent
# elements give it: "ByNina Pineda" (label, upper case, lower case).
_GLUED = re.compile(r"^([A-Z][a-z]{1,2})(?=[A-Z][a-z])")


def _unglue(line: str) -> str:
    """Split a byline label glued to the name ("ByNina Pineda" -> "By Nina Pineda").

    >>> _unglue("ByNina Pineda"), _unglue("Bywater Street"), _unglue("DeSoto County")
    ('By Nina Pineda', 'Bywater Street', 'DeSoto County')
    """
    match = _GLUED.match(line)
    if match is None or match.group(1).casefold() not in byline_labels():
        return line
    return f"{match.group(1)} {line[match.end() :]}"


# Words that introduce a date after an author's name ("By Jo Lee Updated Sep 5").
_DATE_INTRODUCERS = frozenset(
    {
        "on",
        "updated",
        "published",
        "posted",
        "last",
        "aktualisiert",
        "veröffentlicht",
        "am",
        "publié",
        "mis",
        "actualizado",
        "publicado",
        "aggiornato",
        "pubblicato",
    }
)


def _date_opening(word: str) -> bool:
    return (
        word.rstrip(".").casefold() in months()
        or word.rstrip(":：").casefold() in _DATE_INTRODUCERS
    )


# Text dumps glue the date's first word to the name: "ZeldmanNovember",
# "MILLERPUBLISHED:", "GiuffridaMar". The glued part has at least this many letters.
GLUED_OPENING_MIN_CHARS = 3


def _glued_opening(word: str) -> str | None:
    """The name part of a word ending in a glued month or date introducer, else None.

    >>> _glued_opening("ZeldmanNovember"), _glued_opening("MILLERPUBLISHED:")
    ('Zeldman', 'MILLER')
    >>> _glued_opening("McDonald"), _glued_opening("Marchetti") is None
    (None, True)
    """
    bare = word.rstrip(".:：")
    for k in range(1, len(bare) - GLUED_OPENING_MIN_CHARS + 1):
        head, tail = bare[:k], bare[k:]
        if not _date_opening(tail):
            continue
        camel = tail[0].isupper() and head[-1].islower()
        shouted = bare.isupper() and len(head) > 1
        if camel or shouted:
            return head
    return None


def _without_date_tail(words: list[str]) -> list[str]:
    """Drop a date's opening after a name: "Sofia Gonzalez December", "Jo Lee Updated".

    >>> _without_date_tail(["Jeffrey", "ZeldmanNovember"])
    ['Jeffrey', 'Zeldman']
    """
    words = list(words)
    while words:
        if len(words) > 1 and _date_opening(words[-1]):
            words.pop()
            continue
        head = _glued_opening(words[-1])
        if head is None:
            break
        words[-1] = head
    return words


# A label glued to the end of a name: "Korin MillerPublished:" (lower, then upper case).
_GLUED_TAIL = re.compile(r"(?<=[a-z])[A-Z][a-z]+[:：]$")
_NAME_EDGE = " ,;|·•-–—:："


def clean_author(name: str | None) -> str | None:
    """Tidy an author name read from metadata or a byline element; None if none is left.

    >>> clean_author(", USA TODAY"), clean_author("Korin MillerPublished:")
    ('USA TODAY', 'Korin Miller')
    >>> clean_author("Written By") is None, clean_author("Dr. Vahid Osman -")
    (True, 'Dr. Vahid Osman')
    """
    if not name:
        return None
    text = _GLUED_TAIL.sub("", name.strip()).strip(_NAME_EDGE)
    words = text.split()
    if words and words[-1].endswith((":", "：")):
        words.pop()  # "Jo Lee Published:"
    text = " ".join(_without_date_tail(words)).strip(_NAME_EDGE)
    if not text or text.casefold() in _label_forms():
        return None
    return text


@functools.cache
def _label_forms() -> frozenset[str]:
    """Byline labels without their colon ("written by", "author"): no name on their own."""
    return frozenset(label.rstrip(":：").strip() for label in byline_labels())


def parse_byline(line: str) -> str | None:
    """Return the author named by a byline such as "Von Anna Keller".

    >>> parse_byline("Von Anna Keller | 12.03.2025")
    'Anna Keller'
    >>> parse_byline("By Jane Doe and John Roe")
    'Jane Doe and John Roe'
    >>> parse_byline("Written by Camila Karalyte"), parse_byline("ByKathryn Giuffrida")
    ('Camila Karalyte', 'Kathryn Giuffrida')
    >>> parse_byline("By Sofia Gonzalez December 2, 2025")
    'Sofia Gonzalez'
    >>> parse_byline("By the way, this is a sentence about something.") is None
    True
    """
    line = _unglue(line)
    first = line.split(" ", 1)[0].rstrip(":：").casefold()
    if first not in _label_first_words() and not line.startswith(_unspaced_byline_labels()):
        return None
    match = _byline_rx().match(line)
    if match is None:
        return None
    name = match.group("name").strip()
    head = re.split(r"\s*[|•·⋅●–—,]\s*|\s+-\s*|\s+\d", name, maxsplit=1)[0].strip()
    words = head.split()
    words = _without_date_tail(words)
    head = " ".join(words)
    if not words or len(words) > AUTHOR_MAX_WORDS * 2:
        return None
    # Cased scripts: every name part but particles starts upper case.
    cased = [w for w in words if w[:1].isalpha() and w[:1].lower() != w[:1].upper()]
    particles = {
        "von",
        "van",
        "der",
        "de",
        "da",
        "del",
        "di",
        "la",
        "le",
        "and",
        "und",
        "et",
        "y",
        "bin",
        "al",
    }
    if cased and any(w[:1].islower() and w.lower() not in particles for w in cased):
        return None
    if sum(1 for w in words if w.lower() not in particles) > AUTHOR_MAX_WORDS:
        return None
    return head.rstrip(".")


_TWO_DIGITS = re.compile(r"\d\d")
_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?!\d)")
_CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
_NAMED_DMY = re.compile(
    r"(?<!\d)(\d{1,2})(?:\.|er|º|st|nd|rd|th)?\s*(?:de\s+)?([^\W\d_]{3,12}\.?)\s*(?:de\s+|,\s*)?(\d{4})(?!\d)"
)
_NAMED_MDY = re.compile(r"([^\W\d_]{3,12}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)")


def _valid(year: int, month: int, day: int) -> str | None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(line: str, *, month_first: bool = False) -> str | None:
    """Return the first date in ``line`` as ISO YYYY-MM-DD, or None.

    >>> find_date("12. März 2025")
    '2025-03-12'
    >>> find_date("March 3, 2025 at 5:50 am")
    '2025-03-03'
    >>> find_date("2025年3月12日")
    '2025-03-12'
    >>> find_date("03/04/2025", month_first=True)
    '2025-03-04'
    >>> find_date("No date here") is None
    True
    """
    if len(line) > DATE_LINE_MAX_CHARS or _TWO_DIGITS.search(line) is None:
        return None  # every date form below holds a year of at least two digits
    for rx in (_ISO, _CJK_DATE):
        match = rx.search(line)
        if match:
            y, m, d = (int(g) for g in match.groups())
            found = _valid(y, m, d)
            if found:
                return found
    names = months()
    match = _NAMED_DMY.search(line)
    if match and match.group(2).rstrip(".").casefold() in names:
        found = _valid(
            int(match.group(3)), names[match.group(2).rstrip(".").casefold()], int(match.group(1))
        )
        if found:
            return found
    match = _NAMED_MDY.search(line)
    if match and match.group(1).rstrip(".").casefold() in names:
        found = _valid(
            int(match.group(3)), names[match.group(1).rstrip(".").casefold()], int(match.group(2))
        )
        if found:
            return found
    match = _DMY.search(line)
    if match:
        a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if year < 100:
            year += 2000
        if month_first and a <= 12:
            a, b = b, a
        return _valid(year, b, a)
    return None
