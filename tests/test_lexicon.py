# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""Data files: each loads and validates, the validator refuses bad patterns, rules.md is fresh."""

from __future__ import annotations

import importlib.util
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cleanread import CleanreadError, Kind
from cleanread.lexicon import (
    ANY_LANGUAGE_KINDS,
    LEXICON_KINDS,
    DataError,
    _lexicon_patterns,
    _read_lines,
    _validated,
    byline_labels,
    credit_labels,
    dom_matchers,
    months,
    phrase_matcher,
    stopwords,
)

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
DATA = resources.files("cleanread.data")


def lexicon_languages() -> list[str]:
    root = DATA.joinpath("lexicon")
    return sorted(
        p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))
    )


LANGS = lexicon_languages()
KIND_FILES = {f"{k.value}.txt" for k in LEXICON_KINDS}
DOM_FILES = KIND_FILES | {"content.txt", "hidden.txt"}


def test_lexicon_languages_cover_the_required_ones() -> None:
    assert {"xx", "en", "de", "fr", "es", "ru", "zh", "ja", "ar"} <= set(LANGS)


def test_lexicon_kinds_are_removal_kinds() -> None:
    assert set(LEXICON_KINDS) <= set(Kind)
    assert Kind.DUPLICATE not in LEXICON_KINDS  # decided by repetition, not wording


# --- phrase lexicons -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_loads_and_validates(lang: str) -> None:
    patterns = _lexicon_patterns(lang)
    assert set(patterns) == set(LEXICON_KINDS)
    assert sum(len(p) for p in patterns.values()) > 0, f"lexicon/{lang} is empty"
    for kind, pats in patterns.items():
        assert len(set(pats)) == len(pats), f"{lang}/{kind.value}: duplicates"
        for pattern in pats:
            compiled = re.compile(pattern, re.IGNORECASE)
            assert compiled.search("") is None, f"{lang}/{kind.value}: {pattern!r} matches ''"
            assert not compiled.groupindex


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_directory_holds_only_known_kind_files(lang: str) -> None:
    """A misspelt file name (``cookies.txt``) would be silently ignored by the loader."""
    names = {p.name for p in DATA.joinpath("lexicon", lang).iterdir() if p.is_file()}
    unknown = sorted(n for n in names - KIND_FILES if not n.startswith((".", "_")))
    assert not unknown, f"lexicon/{lang}: files the loader ignores: {unknown}"


@pytest.mark.parametrize("lang", LANGS)
def test_phrase_matcher_builds_and_finds_nothing_in_plain_prose(lang: str) -> None:
    matcher = phrase_matcher(lang)
    assert matcher.find("") is None
    assert matcher.find("Qwzxv plorbt kvennig drumpf.") is None


@pytest.mark.parametrize(
    ("lang", "line", "kind"),
    [
        ("de", "Lesen Sie auch", Kind.RELATED),
        ("de", "67,0% der Kleinanlegerkonten verlieren Geld.", Kind.AD),
        ("de", "Ihre E-Mail-Adresse wird nicht veröffentlicht.", Kind.COMMENT_FORM),
        ("en", "Exit mobile version", Kind.NAVIGATION),
        ("en", "Place this code at the end of your tag:", Kind.TEMPLATE),
        ("en", "Leave a Reply", Kind.COMMENT_FORM),
        ("en", "Advertisement", Kind.AD),
        ("en", "Share on Facebook", Kind.SHARE),
    ],
)
def test_phrase_matcher_knows_the_issue_examples(lang: str, line: str, kind: Kind) -> None:
    hit = phrase_matcher(lang).find(line)
    assert hit is not None, f"no lexicon hit for {line!r}"
    assert hit[0] is kind


def test_any_language_kinds_match_in_every_language() -> None:
    # A German consent banner on a page detected as English (or French) is still one...
    banner = "Wir verwenden Cookies, um unsere Website für Sie zu verbessern."
    assert Kind.COOKIE_NOTICE in ANY_LANGUAGE_KINDS
    for lang in ("en", "fr", None):
        hit = phrase_matcher(lang).find(banner)
        assert hit is not None
        assert hit[0] is Kind.COOKIE_NOTICE
    # ...while other kinds stay with the page's language, English and xx.
    assert phrase_matcher("en").find("Lesen Sie auch") is None
    assert phrase_matcher("de").find("Lesen Sie auch") is not None


# --- other data files ---------------------------------------------------------------------


def test_dom_tokens_load_and_validate() -> None:
    matchers = dom_matchers()
    assert matchers, "no DOM token files"
    assert set(matchers) <= {n.removesuffix(".txt") for n in DOM_FILES}
    names = {p.name for p in DATA.joinpath("dom").iterdir() if p.is_file()}
    unknown = sorted(n for n in names - DOM_FILES if not n.startswith((".", "_")))
    assert not unknown, f"dom/: files the loader ignores: {unknown}"
    for name in matchers:
        _validated(_read_lines("dom", f"{name}.txt"), f"dom/{name}.txt")


@pytest.mark.parametrize("loader", [credit_labels, byline_labels], ids=["credit", "byline"])
def test_label_lists_load(loader: object) -> None:
    words = loader()  # type: ignore[operator]
    assert words
    assert all(w == w.strip() and w for w in words)


def test_credit_labels_cover_the_issue_languages() -> None:
    labels = credit_labels()
    for word in ("foto", "bild", "photo", "image", "credit", "quelle", "fuente", "фото"):
        assert word in labels, word
    assert "图片" in labels or "摄影" in labels


def test_months_cover_twelve_months_per_language() -> None:
    table = months()
    assert table["märz"] == 3
    assert table["march"] == 3
    per_lang: dict[str, set[int]] = {}
    for line in _read_lines("months.txt"):
        lang, number, _ = line.split("\t")
        per_lang.setdefault(lang, set()).add(int(number))
    incomplete = {
        lang: sorted(set(range(1, 13)) - got) for lang, got in per_lang.items() if len(got) != 12
    }
    assert not incomplete, f"months.txt misses months: {incomplete}"


@pytest.mark.parametrize("lang", [code for code in LANGS if code != "xx"])
def test_every_lexicon_language_has_a_stoplist(lang: str) -> None:
    assert stopwords(lang), f"no stoplist for {lang}: stopword density is 0 on its pages"


def test_stopwords_of_unknown_or_missing_language_are_empty() -> None:
    assert stopwords(None) == frozenset()
    assert stopwords("qq") == frozenset()


# --- the validator ----------------------------------------------------------------------


def test_validated_accepts_good_patterns_unchanged() -> None:
    good = ("^lesen sie auch$", r"\bcfds?\b", "(?:a|b)c")
    assert _validated(good, "test") == good
    assert _validated((), "test") == ()


@pytest.mark.parametrize(
    ("patterns", "message"),
    [
        pytest.param(("",), "empty string", id="empty"),
        pytest.param(("abc", "abc"), "duplicate", id="duplicate"),
        pytest.param(("a*",), "empty string", id="star"),
        pytest.param(("x?",), "empty string", id="optional"),
        pytest.param(("a|",), "empty string", id="empty-alternative"),
        pytest.param(("(?:)",), "empty string", id="empty-group"),
        pytest.param(("^",), "empty string", id="anchor-only"),
        pytest.param(("(?P<kind>ad)",), "named group", id="named-group"),
        pytest.param(("(unclosed",), "compile", id="does-not-compile"),
    ],
)
def test_validated_rejects(patterns: tuple[str, ...], message: str) -> None:
    with pytest.raises(DataError) as info:
        _validated(patterns, "lexicon/xx/test.txt")
    text = str(info.value)
    assert message in text
    assert "lexicon/xx/test.txt" in text  # names the file


def test_data_error_is_a_value_error() -> None:
    assert issubclass(DataError, ValueError)
    assert issubclass(DataError, CleanreadError)


# --- generated docs ---------------------------------------------------------------------


def _load_tool() -> ModuleType:
    path = ROOT / "tools" / "gen_rules_doc.py"
    spec = importlib.util.spec_from_file_location("gen_rules_doc", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_doc_is_up_to_date() -> None:
    tool = _load_tool()
    rules = ROOT / "docs" / "rules.md"
    assert rules.is_file(), "docs/rules.md is missing: run python tools/gen_rules_doc.py"
    assert rules.read_text(encoding="utf-8") == tool.render(), (
        "docs/rules.md is stale: run python tools/gen_rules_doc.py"
    )


def test_rules_doc_lists_every_kind_and_language() -> None:
    text = _load_tool().render()
    for kind in LEXICON_KINDS:
        assert f"## `{kind.value}`" in text
    header = next(line for line in text.splitlines() if line.startswith("| kind |"))
    assert all(f" {lang} " in header for lang in LANGS)
