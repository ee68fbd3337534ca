"""Coverage-guided fuzz harness for ``cleanread.clean(bytes)`` (atheris / libFuzzer).

Each input is cleaned as raw bytes (sniffed), as forced text and as forced HTML,
then checked against the properties the test suite pins: only ``Document`` comes
back, the result is deterministic, it round-trips through ``to_dict`` and its
JSON is valid UTF-8 with no NUL or lone surrogate. Any exception or failed check
is a crash; libFuzzer writes the input to ``crash-*`` for ``tests/regressions/``.

Run (see fuzz/README.md)::

    pip install atheris
    python fuzz/fuzz_clean.py -max_total_time=600 -max_len=65536 fuzz/corpus

Set ``CLEANREAD_FUZZ_TEXT_ONLY=1`` to skip the HTML path (e.g. while
``cleanread.html`` is unavailable).
"""

from __future__ import annotations

import json
import os
import sys

import atheris

with atheris.instrument_imports():
    import cleanread
    from cleanread import Document

# A small input limit keeps each run fast, so the fuzzer explores more inputs;
# truncation itself is then exercised on every input above this size.
FUZZ_MAX_INPUT_BYTES = 16 * 1024
TEXT_ONLY = os.environ.get("CLEANREAD_FUZZ_TEXT_ONLY") == "1"
_LONE_SURROGATE = range(0xD800, 0xE000)


def _check(doc: Document, again: Document) -> None:
    if doc != again:
        raise AssertionError("clean() is not deterministic")
    data = doc.to_dict()
    if Document.from_dict(data) != doc:
        raise AssertionError("Document does not round-trip through to_dict/from_dict")
    text = doc.to_json()
    if "\x00" in text or any(ord(ch) in _LONE_SURROGATE for ch in text):
        raise AssertionError("output holds a NUL or a lone surrogate")
    json.loads(text.encode("utf-8").decode("utf-8"))


def test_one_input(data: bytes) -> None:
    """Clean ``data`` every way the API allows and check the result."""
    kinds: tuple[str | None, ...] = ("text",) if TEXT_ONLY else (None, "text", "html")
    for kind in kinds:
        opts = cleanread.Options(max_input_bytes=FUZZ_MAX_INPUT_BYTES, source_type=kind)  # type: ignore[arg-type]
        _check(cleanread.clean(data, opts), cleanread.clean(data, opts))
    if TEXT_ONLY:
        return
    # The same bytes as a str, decoded leniently as a caller might.
    as_text = data.decode("utf-8", errors="surrogateescape")
    opts = cleanread.Options(max_input_bytes=FUZZ_MAX_INPUT_BYTES)
    _check(cleanread.clean(as_text, opts), cleanread.clean(as_text, opts))


def main() -> None:
    """Hand the harness to libFuzzer with the command-line flags."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
