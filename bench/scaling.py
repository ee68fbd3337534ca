"""Time ``cleanread.clean`` on synthetic text and HTML inputs of growing size.

Run ``python -m bench.scaling [--sizes 1,10,50] [--kinds text,html]``.  Inputs are
generated (seeded, so runs are comparable) by repeating varied paragraphs,
navigation lines and nested HTML until the requested size is reached.  The
table shows seconds, MB/s and the ratio to linear scaling: the time per MB at
a size divided by the time per MB at the smallest size (1.0 is linear).
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from typing import TYPE_CHECKING, Any

from bench.adapters import import_cleanread

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

MEGABYTE = 1_000_000
DEFAULT_SIZES = "1,10,50"
WARM_UP_BYTES = 20_000
SEED = 20_241_126
SYLLABLES = (
    *("ka", "to", "ri", "mo", "sen", "val", "dor", "mi", "la", "ne", "port", "ex", "gra"),
    *("tion", "ber", "lin", "ock", "sta", "fe", "ru", "an", "el", "is", "ma", "der", "com"),
    *("pre", "ven", "tu", "al", "ly", "os", "ti", "ca", "ble", "un", "ver", "so", "phi", "na"),
)
MIN_SENTENCE_WORDS, MAX_SENTENCE_WORDS = 6, 28
MIN_PARAGRAPH_SENTENCES, MAX_PARAGRAPH_SENTENCES = 1, 7
MAX_NESTING = 8
NAV_ITEMS = ("Home", "News", "Sport", "Contact", "About us", "Subscribe", "Log in", "Search")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def _sentence(rng: random.Random) -> str:
    words = [_word(rng) for _ in range(rng.randint(MIN_SENTENCE_WORDS, MAX_SENTENCE_WORDS))]
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice((".", ".", ".", "!", "?"))


def _paragraph(rng: random.Random) -> str:
    count = rng.randint(MIN_PARAGRAPH_SENTENCES, MAX_PARAGRAPH_SENTENCES)
    return " ".join(_sentence(rng) for _ in range(count))


def _text_block(rng: random.Random) -> str:
    lines = [" | ".join(rng.sample(NAV_ITEMS, 4)), _sentence(rng).rstrip(".!?")]
    lines += [_paragraph(rng) for _ in range(rng.randint(3, 9))]
    lines += [f"• {_word(rng)} {_word(rng)}" for _ in range(rng.randint(0, 4))]
    lines.append(f"© 2024 {_word(rng).capitalize()} Media. All rights reserved.")
    return "\n".join(lines) + "\n"


def _html_block(rng: random.Random) -> str:
    nav = "".join(f'<li><a href="/{i}">{item}</a></li>' for i, item in enumerate(NAV_ITEMS))
    depth = rng.randint(1, MAX_NESTING)
    opening = "".join(f'<div class="wrap-{i} col">' for i in range(depth))
    closing = "</div>" * depth
    paragraphs = "".join(
        f"<p>{_paragraph(rng)} <a href='/x'>{_word(rng)}</a> <b>{_word(rng)}</b></p>"
        for _ in range(rng.randint(3, 9))
    )
    items = "".join(f"<li>{_sentence(rng)}</li>" for _ in range(rng.randint(0, 5)))
    return (
        f'<header><nav><ul class="menu">{nav}</ul></nav></header>'
        f"{opening}<article><h2>{_sentence(rng)}</h2>{paragraphs}<ul>{items}</ul></article>"
        f'<aside class="related"><h3>Related</h3><ul>{nav}</ul></aside>{closing}'
        f"<script>var x = {rng.randint(0, 9999)};</script>"
        f"<footer><p>© 2024 {_word(rng)} Media</p></footer>\n"
    )


def synthetic(kind: str, size_bytes: int, seed: int = SEED) -> str:
    """Build a synthetic ``text`` or ``html`` page of about ``size_bytes`` UTF-8 bytes.

    >>> page = synthetic("text", 5_000)
    >>> 5_000 <= len(page.encode()) < 20_000
    True
    >>> synthetic("html", 1_000).startswith("<!DOCTYPE html>")
    True
    """
    rng = random.Random(seed)  # noqa: S311 - test data, not cryptography
    block = _text_block if kind == "text" else _html_block
    parts: list[str] = []
    size = 0
    if kind == "html":
        parts.append("<!DOCTYPE html><html><head><title>Synthetic page</title></head><body>")
    while size < size_bytes:
        part = block(rng)
        parts.append(part)
        size += len(part.encode("utf-8"))
    if kind == "html":
        parts.append("</body></html>")
    return "".join(parts)


def time_call(function: Callable[..., Any], source: str) -> tuple[float, bool]:
    """Wall seconds of one ``function(source)`` call, and whether the output says it truncated.

    The input-size limit is raised above the input's size so that the whole
    input is processed.
    """
    gc.collect()
    limit = {"max_input_bytes": 2 * len(source.encode("utf-8")) + 1}
    start = time.perf_counter()
    result = function(source, **limit)
    seconds = time.perf_counter() - start
    return seconds, bool(getattr(result, "truncated", False))


def main(argv: Sequence[str] | None = None) -> int:
    """Print seconds, MB/s and the ratio to linear for each kind and size."""
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__)
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="sizes in MB, comma-separated")
    parser.add_argument("--kinds", default="text,html", help="text, html or both")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    clean = import_cleanread().clean
    clean(synthetic("text", WARM_UP_BYTES))  # load lexicons and models before timing
    print("| input | MB | seconds | MB/s | ratio to linear | truncated |")
    print("|---|---|---|---|---|---|")
    for kind in args.kinds.split(","):
        base_per_mb: float | None = None
        for size_mb in sizes:
            source = synthetic(kind, int(size_mb * MEGABYTE))
            megabytes = len(source.encode("utf-8")) / MEGABYTE
            try:
                seconds, truncated = time_call(clean, source)
            except Exception as exc:
                print(f"| {kind} | {megabytes:.1f} | error: {type(exc).__name__}: {exc} | | | |")
                break
            per_mb = seconds / megabytes
            base_per_mb = base_per_mb or per_mb
            print(
                f"| {kind} | {megabytes:.1f} | {seconds:.2f} | {megabytes / seconds:.2f} "
                f"| {per_mb / base_per_mb:.2f} | {'yes' if truncated else 'no'} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
