# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""The public entry point ``cleanread.clean``: inputs, errors, options and overrides."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

import cleanread
from cleanread import Document, InputError, Options, OptionsError, clean
from support import DOCUMENT_KEYS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

GERMAN = (
    "Kultur\n\nDie große Überschrift des Tages über Straßen\n\n"
    + "Der Markt reagiert euphorisch, und die Regierung hat das so gewollt, "
    "sagen die Experten aus der Stadt, die für ihre Größe bekannt ist.\n\n" * 3
)
ENGLISH = (
    "News\n\nA Headline For The Whole Day\n\n"
    + "This is the first sentence of the body, and it is long enough to count as text "
    "that a reader would want to keep when the page is cleaned.\n\n" * 3
)
HTML = (
    "<!doctype html><html><head><title>Page</title></head><body><article>"
    "<h1>A Headline For The Whole Day</h1>"
    "<p>This is the first sentence of the body, and it is long enough to count as text "
    "that a reader would want to keep when the page is cleaned.</p>"
    "<p>And here is a second paragraph of the article, with enough words in it to be "
    "read as running text by any reasonable classifier.</p>"
    "</article></body></html>"
)


def text_fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("*/input.txt"))


# --- wrong types -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "type_name", "hint"),
    [
        pytest.param(None, "NoneType", "None", id="None"),
        pytest.param(42, "int", "str or bytes", id="int"),
        pytest.param(4.2, "float", "str or bytes", id="float"),
        pytest.param(["a page"], "list", "str or bytes", id="list"),
        pytest.param({"text": "a page"}, "dict", "str or bytes", id="dict"),
        pytest.param(io.StringIO("a page"), "StringIO", "f.read()", id="text-file"),
        pytest.param(io.BytesIO(b"a page"), "BytesIO", "f.read()", id="binary-file"),
    ],
)
def test_wrong_type_raises_input_error_saying_what_to_pass(
    source: object, type_name: str, hint: str
) -> None:
    with pytest.raises(InputError) as info:
        clean(source)  # type: ignore[arg-type]
    message = str(info.value)
    assert "str or bytes" in message
    assert type_name in message
    assert hint in message


def test_open_file_object_is_refused_with_a_read_hint(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(ENGLISH, encoding="utf-8")
    with page.open(encoding="utf-8") as handle, pytest.raises(InputError, match=r"read\(\)"):
        clean(handle)  # type: ignore[arg-type]


def test_input_error_is_a_type_error_and_a_cleanread_error() -> None:
    assert issubclass(InputError, TypeError)
    assert issubclass(InputError, cleanread.CleanreadError)
    with pytest.raises(TypeError):
        clean(None)  # type: ignore[arg-type]


def test_options_of_wrong_type_is_refused() -> None:
    with pytest.raises(InputError, match="Options"):
        clean(ENGLISH, options={"favor": "precision"})  # type: ignore[arg-type]


# --- bytes and encodings -----------------------------------------------------------


def test_str_input_records_no_encoding() -> None:
    assert clean(GERMAN).encoding is None


def test_utf8_bytes_are_decoded_and_recorded() -> None:
    doc = clean(GERMAN.encode("utf-8"))
    assert doc.encoding is not None
    assert doc.encoding.replace("_", "-").lower() in {"utf-8", "utf8"}
    assert doc.to_dict() == {**clean(GERMAN).to_dict(), "encoding": doc.encoding}


def test_utf8_bom_is_honoured_and_stripped() -> None:
    doc = clean(b"\xef\xbb\xbf" + GERMAN.encode("utf-8"))
    assert doc.encoding is not None
    assert "sig" in doc.encoding or "utf-8" in doc.encoding.replace("_", "-").lower()
    assert "\ufeff" not in doc.text
    assert doc.title == clean(GERMAN).title


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_decoded(codec: str) -> None:
    doc = clean(GERMAN.encode(codec))
    assert doc.encoding is not None
    assert "16" in doc.encoding
    assert doc.paragraphs == clean(GERMAN).paragraphs


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_legacy_single_byte_bytes_are_detected(codec: str) -> None:
    raw = GERMAN.encode(codec)
    doc = clean(raw)
    assert doc.encoding is not None
    assert "utf" not in doc.encoding.lower()
    # The recorded encoding reproduces the text that was cleaned.
    assert raw.decode(doc.encoding) == GERMAN
    assert doc.title == "Die große Überschrift des Tages über Straßen"


def test_bytearray_and_memoryview_are_accepted() -> None:
    raw = ENGLISH.encode("utf-8")
    assert clean(bytearray(raw)).paragraphs == clean(raw).paragraphs
    assert clean(memoryview(raw)).paragraphs == clean(raw).paragraphs  # type: ignore[arg-type]


# --- empty and garbage -------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("", id="empty-str"),
        pytest.param(b"", id="empty-bytes"),
        pytest.param("   \n\t\n  \r\n", id="whitespace"),
        pytest.param("\x00\x01\x02\x03", id="control-chars"),
        pytest.param("!!! ??? ... --- ***", id="punctuation"),
        pytest.param(b"\xff\xfe\xfd\x00\x80", id="binary-garbage"),
    ],
)
def test_empty_or_garbage_gives_empty_document_with_every_key(source: str | bytes) -> None:
    doc = clean(source)
    assert isinstance(doc, Document)
    assert doc.is_empty
    assert doc.title is None
    assert doc.sections == ()
    assert doc.text == ""
    data = doc.to_dict()
    assert set(data) == DOCUMENT_KEYS
    assert set(data["flags"]) == {k.value for k in cleanread.Kind}


# --- options -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "field_values",
    [
        pytest.param({"favor": "fast"}, id="favor-unknown"),
        pytest.param({"favor": None}, id="favor-None"),
        pytest.param({"include_comments": "yes"}, id="include_comments-str"),
        pytest.param({"include_images": 1}, id="include_images-int"),
        pytest.param({"language": "german"}, id="language-name"),
        pytest.param({"language": "d"}, id="language-one-letter"),
        pytest.param({"language": "d3"}, id="language-digit"),
        pytest.param({"language": 7}, id="language-int"),
        pytest.param({"max_input_bytes": 0}, id="max_input_bytes-zero"),
        pytest.param({"max_input_bytes": -5}, id="max_input_bytes-negative"),
        pytest.param({"max_input_bytes": True}, id="max_input_bytes-bool"),
        pytest.param({"max_input_bytes": "1000"}, id="max_input_bytes-str"),
        pytest.param({"source_type": "pdf"}, id="source_type-unknown"),
        pytest.param({"url": 5}, id="url-int"),
    ],
)
def test_options_are_validated_when_built(field_values: dict[str, object]) -> None:
    with pytest.raises(OptionsError) as info:
        Options(**field_values)  # type: ignore[arg-type]
    (name,) = field_values
    assert name in str(info.value)


def test_options_error_is_a_value_error() -> None:
    assert issubclass(OptionsError, ValueError)


def test_options_defaults() -> None:
    opts = Options()
    assert opts.favor == "balanced"
    assert opts.include_comments is False
    assert opts.language is None
    assert opts.max_input_bytes > 0
    assert opts.source_type is None


def test_options_are_frozen() -> None:
    opts = Options()
    with pytest.raises(dataclasses.FrozenInstanceError):
        opts.favor = "recall"  # type: ignore[misc]


def test_replace_validates_again_and_rejects_unknown_names() -> None:
    opts = Options().replace(favor="recall", include_comments=True)
    assert (opts.favor, opts.include_comments) == ("recall", True)
    with pytest.raises(OptionsError, match="favor"):
        Options().replace(favor="nope")
    with pytest.raises(OptionsError, match="unknown option"):
        Options().replace(favour="precision")


def test_favor_shifts_are_ordered() -> None:
    from cleanread.options import FAVOR_SHIFT

    assert set(FAVOR_SHIFT) == {"balanced", "precision", "recall"}
    assert FAVOR_SHIFT["recall"] < FAVOR_SHIFT["balanced"] == 0 < FAVOR_SHIFT["precision"]


def test_override_keyword_reaches_the_pipeline() -> None:
    page = FIXTURES / "de-news-ki-boerse" / "input.txt"
    if not page.is_file():
        pytest.skip(f"{page} is missing")
    text = page.read_text(encoding="utf-8")
    assert clean(text, include_comments=True).comments
    assert not clean(text).comments
    assert clean(text, include_comments=True) == clean(text, Options(include_comments=True))


def test_overrides_apply_on_top_of_options() -> None:
    base = Options(include_comments=True)
    doc = clean(ENGLISH, base, language="de")
    assert doc.language == "de"
    assert doc == clean(ENGLISH, Options(include_comments=True, language="de"))


def test_unknown_override_raises_options_error_naming_it() -> None:
    with pytest.raises(OptionsError) as info:
        clean(ENGLISH, favr="precision")
    assert "favr" in str(info.value)
    assert "favor" in str(info.value)  # lists the valid names


def test_bad_override_value_raises_options_error() -> None:
    with pytest.raises(OptionsError, match="favor"):
        clean(ENGLISH, favor="fast")


# --- favor -------------------------------------------------------------------------


FAVORS = ("precision", "balanced", "recall")


def _kept_chars(doc: Document) -> int:
    return sum(len(p) for p in doc.paragraphs) + sum(len(s.heading or "") for s in doc.sections)


def test_favor_orders_what_is_kept_on_every_text_fixture() -> None:
    pages = text_fixtures()
    assert pages, "no text fixtures"
    strictly_less = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        prec, bal, rec = (_kept_chars(clean(text, favor=f)) for f in FAVORS)
        assert prec <= bal <= rec, f"{page.parent.name}: {prec} <= {bal} <= {rec} fails"
        strictly_less += prec < rec
    assert strictly_less >= 1, "favor changed nothing on any fixture"


def _kept(doc: Document) -> set[str]:
    """Every text kept in the body or as title, whatever role it got."""
    kept = set(doc.paragraphs) | {s.heading for s in doc.sections if s.heading}
    return kept | ({doc.title} if doc.title else set())


def test_favor_precision_keeps_a_subset_of_recall() -> None:
    for page in text_fixtures():
        text = page.read_text(encoding="utf-8")
        prec = _kept(clean(text, favor="precision"))
        rec = _kept(clean(text, favor="recall"))
        assert prec <= rec, f"{page.parent.name}: precision keeps {sorted(prec - rec)[:3]}"


# --- language ----------------------------------------------------------------------


def test_language_is_detected_without_a_hint() -> None:
    assert clean(GERMAN).language == "de"
    assert clean(ENGLISH).language == "en"


def test_language_hint_skips_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleanread.core

    def refuse(*_args: object, **_kwargs: object) -> str:
        msg = "detect_language called despite a language hint"
        raise AssertionError(msg)

    monkeypatch.setattr(cleanread.core, "detect_language", refuse)
    doc = clean(ENGLISH, language="de")
    assert doc.language == "de"
    with pytest.raises(AssertionError, match="despite"):
        clean(ENGLISH)


# --- source type -------------------------------------------------------------------


def test_plain_text_is_sniffed_as_text() -> None:
    assert clean(ENGLISH).source_type == "text"
    assert clean(ENGLISH).to_dict()["source_type"] == "text"


def test_html_is_sniffed_as_html() -> None:
    doc = clean(HTML)
    assert doc.source_type == "html"
    assert not any("<p>" in p for p in doc.paragraphs)
    assert any(p.startswith("This is the first sentence") for p in doc.paragraphs)


def test_source_type_option_forces_text() -> None:
    doc = clean(HTML, source_type="text")
    assert doc.source_type == "text"


def test_text_with_a_stray_angle_bracket_stays_text() -> None:
    page = ENGLISH + "\n\nPrices: 3 < 5 and 7 > 2, which is all the maths on this page.\n"
    assert clean(page).source_type == "text"


# --- size limit --------------------------------------------------------------------


def test_max_input_bytes_truncates_and_says_so() -> None:
    big = ENGLISH * 50
    assert not clean(big).truncated
    doc = clean(big, max_input_bytes=2000)
    assert doc.truncated
    assert doc.to_dict()["truncated"] is True
    assert len(doc.text.encode("utf-8")) <= 2000


def test_cleaning_imports_neither_justext_nor_trafilatura() -> None:
    """Text and HTML cleaning never import jusText (its stoplists are read as files).

    Importing jusText needs ``lxml.html.clean``, a separate package that a plain
    ``pip install`` may not bring; trafilatura is an anchor of the benchmark, not a
    part of cleaning (dates come from cleanread's own reading of the page).
    """
    import subprocess
    import sys

    code = (
        "import sys, cleanread\n"
        "cleanread.clean('Der Markt reagiert euphorisch, und die Anleger kaufen Aktien.')\n"
        "cleanread.clean('<html><body><article><p>The market rose today, and the traders "
        "were pleased with it.</p></article></body></html>')\n"
        "print(sorted(m for m in ('justext', 'trafilatura') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"
