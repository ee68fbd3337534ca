"""Language identification: a fast stopword/script guess first, langdetect second.

Deterministic by construction: langdetect runs through a private
``DetectorFactory`` with a fixed seed (each ``Detector`` owns its own
``random.Random``), so the global :mod:`random` state is never touched, and the
amount of text sampled is bounded so the cost does not grow with the page.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from cleanread.lexicon import stopwords

__all__ = ["detect_language", "reconcile_language"]

# Languages the fast stopword guess chooses among (the rest go to langdetect).
GUESS_LANGS: tuple[str, ...] = (
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "pl",
    "ru",
    "uk",
    "tr",
    "id",
    "sv",
    "cs",
    "ro",
    "hu",
    "da",
    "fi",
    "no",
    "ar",
    "fa",
    "vi",
)
# Text sampled for detection: enough for a stable answer, bounded for speed.
SAMPLE_CHARS = 3000
# Words sampled by the stopword guess.
SAMPLE_WORDS = 400
# The stopword guess decides alone when the best language covers this share of
# the sampled words...
GUESS_MIN_SHARE = 0.08
# ...and beats the runner-up by this factor.
GUESS_MIN_MARGIN = 1.5
# Fewer letters than this: too little evidence to name a language...
MIN_LETTERS = 20
# ...except for a script that names its language alone (Kana, Hangul...).
MIN_SCRIPT_LETTERS = 6
# langdetect's seed; any fixed value makes it deterministic.
LANGDETECT_SEED = 0
# Share of letters in a script that decides script-specific languages.
SCRIPT_SHARE = 0.3

_WORD = re.compile(r"[^\W\d_]+")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_HEBREW = re.compile(r"[\u0590-\u05ff]")
_GREEK = re.compile(r"[\u0370-\u03ff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_LETTER = re.compile(r"[^\W\d_]")
# Every script above in one class: Greek, Hebrew, Arabic, Thai, Kana, Han, Hangul.
_OTHER_SCRIPT = re.compile(
    r"[\u0370-\u03ff\u0590-\u06ff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
)


@functools.cache
def _factory() -> Any:
    """A private, seeded langdetect factory (profiles load once)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(LANGDETECT_SEED)
    return factory


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _ascii_letters(sample: str) -> int:
    r"""Letters in an ASCII ``sample``, counted in C (as ``[^\W\d_]`` would).

    >>> _ascii_letters("Hi 42, you_2!")
    5
    """
    raw = sample.encode("ascii")
    return len(raw) - len(raw.translate(None, _ASCII_LETTERS))


def _script_language(sample: str, letters: int) -> str | None:
    """Languages decided by their script alone."""
    kana = len(_KANA.findall(sample))
    han = len(_HAN.findall(sample))
    if kana and (kana + han) / letters > SCRIPT_SHARE and kana >= han * 0.05:
        return "ja"
    if han / letters > SCRIPT_SHARE:
        return "zh"
    for rx, code in ((_HANGUL, "ko"), (_HEBREW, "he"), (_GREEK, "el"), (_THAI, "th")):
        if len(rx.findall(sample)) / letters > SCRIPT_SHARE:
            return code
    return None


@functools.cache
def _stopword_index() -> dict[str, tuple[int, ...]]:
    """Word -> indexes into GUESS_LANGS of the stoplists holding it."""
    index: dict[str, list[int]] = {}
    for i, code in enumerate(GUESS_LANGS):
        for word in stopwords(code):
            index.setdefault(word, []).append(i)
    return {word: tuple(langs) for word, langs in index.items()}


def _stopword_guess(sample: str) -> str | None:
    words = _WORD.findall(sample)[:SAMPLE_WORDS]
    if not words:
        return None
    index = _stopword_index()
    # A stopword shared by k languages adds 1/k to each: shared words decide little.
    counts = [0.0] * len(GUESS_LANGS)
    for word in words:
        langs = index.get(word.casefold())
        if langs:
            weight = 1.0 / len(langs)
            for i in langs:
                counts[i] += weight
    scores = sorted(zip(counts, GUESS_LANGS, strict=True), reverse=True)
    (best, code), (second, _) = scores[0], scores[1]
    if best / len(words) >= GUESS_MIN_SHARE and best >= GUESS_MIN_MARGIN * second:
        return code
    return None


def detect_language(text: str, hint: str | None = None) -> str | None:
    """Return the ISO 639-1 code of ``text``'s language, or None if unsure.

    >>> detect_language("Der Markt reagiert euphorisch, und die Regierung hat das so gewollt.")
    'de'
    >>> detect_language("これは日本語の文章です。")
    'ja'
    >>> detect_language("12345 ... !!!") is None
    True
    """
    if hint:
        return hint
    return _detect(text)[0]


def _detect(text: str) -> tuple[str | None, bool]:
    """``detect_language`` without a hint, and whether langdetect gave the answer."""
    sample = text[:SAMPLE_CHARS]
    ascii_only = sample.isascii()
    letters = _ascii_letters(sample) if ascii_only else len(_LETTER.findall(sample))
    if letters < MIN_SCRIPT_LETTERS:
        return None, False
    # one scan tells whether any script other than Latin/Cyrillic occurs at all
    other_script = not ascii_only and _OTHER_SCRIPT.search(sample) is not None
    by_script = _script_language(sample, letters) if other_script else None
    if by_script:
        return by_script, False
    if letters < MIN_LETTERS:
        return None, False
    arabic = other_script and len(_ARABIC.findall(sample)) / letters > SCRIPT_SHARE
    guess = _stopword_guess(sample)
    if guess and (not arabic or guess in {"ar", "fa", "ur"}):
        return guess, False
    return _langdetect(sample), True


def _langdetect(sample: str) -> str | None:
    """Langdetect's answer (character n-gram profiles) for ``sample``, or None."""
    try:
        detector = _factory().create()
        detector.append(sample)
        code: str = detector.detect()
    except Exception:  # noqa: BLE001 - langdetect raises its own LangDetectException on no features
        return None
    return code.split("-", maxsplit=1)[0].lower()


def reconcile_language(text: str, declared: str | None) -> str | None:
    """The page's language: the ``declared`` one (``html[lang]``) checked against detection.

    Detection overrides the declaration only when both detectors agree: the stopword
    guess alone is fooled by lists of names, which some stoplists hold (a sports
    results page read as Finnish), so when it contradicts the declaration, langdetect's
    character n-grams are asked and a confirmation of the declaration keeps it.

    >>> reconcile_language("Der Markt reagiert euphorisch, und die Regierung will das.", "en")
    'de'
    >>> reconcile_language("The market reacted with joy, and the government wanted it so.", "en")
    'en'
    >>> reconcile_language("", "fr")
    'fr'
    """
    detected, by_langdetect = _detect(text)
    if not declared or detected is None or detected == declared:
        return detected or declared
    # (when langdetect gave the answer, it has already contradicted the declaration)
    if not by_langdetect and _langdetect(text[:SAMPLE_CHARS]) == declared:
        return declared
    return detected
