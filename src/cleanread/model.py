"""A small learned line model: logistic regression over block and context features.

The rules in :mod:`cleanread.classify` give each block a jusText-style class,
lexicon hits, duplicate marks and a main-content guess. This model reads those,
with the block's own measurements and its neighbours', and returns the
probability that the block belongs to the article body. Its weights are a data
file (``data/model/line_model.json``), trained by ``tools/train_line_model.py``
on the permissively licensed benchmark sets with a held-out split by site.

Inference is a dot product per block: pure Python, deterministic, no numpy.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from operator import mul

from cleanread.blocks import Block

__all__ = [
    "FEATURE_NAMES",
    "LineModel",
    "block_vectors",
    "context_features",
    "html_title_model",
    "line_model",
    "load_model",
    "title_model",
]

# Neighbour offsets whose block vectors join a block's features.
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)
# Half-widths of the windows whose share of good blocks is a feature.
WINDOWS = (3, 10)
# Scale of log word/char counts, so the features sit around 0..1.
LOG_WORDS_SCALE, LOG_CHARS_SCALE = 5.0, 8.0
# Pages whose share of good blocks times this reaches 1 read as prose pages;
# below, "low prose" features let short lines count (products, listings).
LOW_PROSE_SCALE = 4.0
# A page whose context-free good blocks hold this many characters reads as an
# article: its "prose mass" feature is 1 (less prose scales it down).
PROSE_MASS_CHARS = 2000
# Logits are clipped to this magnitude before the sigmoid.
LOGIT_CLIP = 30.0

BLOCK_FEATURES = (
    "log_words",
    "log_chars",
    "stopwords",
    "terminal_punct",
    "upper_share",
    "digit_share",
    "link_like",
    "title_case",
    "cf_good",
    "cf_near_good",
    "cf_short",
    "good",
    "lexicon",
    "duplicate",
    "blank_before",
    "in_body",
    "stop_x_words",
    "lex_comment",
    "lex_related",
    "lex_nav",
    "lex_ad",
    "date_like",
    "log_good_distance",
)
_PAGE_FEATURES = (
    "rel_pos",
    "rel_pos_sq",
    "before_body",
    "after_body",
    "after_comment_header",
    *(f"good_share_{w}" for w in WINDOWS),
    "log_page_blocks",
    "page_good_share",
    "page_short_share",
    "mid_distance",
    "short_x_low_prose",
    "good_x_low_prose",
    "in_body_x_low_prose",
    # where the block sits in the page's prose: the share of the context-free good
    # blocks' characters before it, the page's prose mass, and their product (the
    # teasers after a whole article differ from the items of a listing)
    "prose_before",
    "prose_mass",
    "prose_before_x_mass",
)
FEATURE_NAMES: tuple[str, ...] = (
    *BLOCK_FEATURES,
    *(f"{name}@{off:+d}" for off in NEIGHBOUR_OFFSETS for name in BLOCK_FEATURES),
    *_PAGE_FEATURES,
    # the block's own features again, scaled by how little prose the page has:
    # listings and product pages weigh short lines differently from articles
    *(f"{name}*low_prose" for name in BLOCK_FEATURES),
)


@dataclass(frozen=True, slots=True)
class BlockSignals:
    """What the rule passes know about a block, as the model reads it."""

    cf_good: bool
    cf_near_good: bool
    cf_short: bool
    good: bool  # after jusText-style smoothing
    lexicon: bool  # a lexicon, DOM or template hit
    duplicate: bool
    in_body: bool  # inside the rules' main-content clusters
    comment_header: bool  # a comments / comment-form header
    lexicon_group: str | None = None  # "comment", "related", "nav" or "ad"
    date_like: bool = False  # a short line holding a date
    chars: int = 0  # the block's characters


def _good_distances(signals: Sequence[BlockSignals]) -> list[float]:
    """log(1 + blocks to the nearest context-free good block), scaled."""
    n = len(signals)
    far = float(n + 1)
    dist = [far] * n
    last = -1
    for i in range(n):
        if signals[i].cf_good:
            last = i
        if last >= 0:
            dist[i] = float(i - last)
    last = -1
    for i in range(n - 1, -1, -1):
        if signals[i].cf_good:
            last = i
        if last >= 0:
            dist[i] = min(dist[i], float(last - i))
    return [math.log1p(d) / LOG_WORDS_SCALE for d in dist]


def block_vectors(blocks: Sequence[Block], signals: Sequence[BlockSignals]) -> list[list[float]]:
    """One vector of BLOCK_FEATURES per block."""
    out: list[list[float]] = []
    distances = _good_distances(signals)
    for block, s, good_distance in zip(blocks, signals, distances, strict=True):
        f = block.features
        log_words = math.log1p(f.words) / LOG_WORDS_SCALE
        out.append(
            [
                log_words,
                math.log1p(f.chars) / LOG_CHARS_SCALE,
                f.stopword_density,
                float(f.terminal_punct),
                f.upper_share,
                f.digit_share,
                f.link_like,
                f.title_case,
                float(s.cf_good),
                float(s.cf_near_good),
                float(s.cf_short),
                float(s.good),
                float(s.lexicon),
                float(s.duplicate),
                float(block.blank_before),
                float(s.in_body),
                f.stopword_density * log_words,
                float(s.lexicon_group == "comment"),
                float(s.lexicon_group == "related"),
                float(s.lexicon_group == "nav"),
                float(s.lexicon_group == "ad"),
                float(s.date_like),
                good_distance,
            ]
        )
    return out


@dataclass(frozen=True, slots=True)
class _PageContext:
    """Page-level quantities shared by every block's feature row."""

    good_prefix: list[int]  # good_prefix[i]: smoothed-good blocks before block i
    body_start: int  # first block in the rules' main content (n if none)
    body_end: int  # last block in the rules' main content (-1 if none)
    log_n: float
    good_share: float  # share of context-free good blocks
    short_share: float  # share of context-free short blocks
    low_prose: float  # 1 on pages with little running text, 0 on prose pages
    prose_prefix: list[int]  # prose_prefix[i]: characters of cf-good blocks before block i
    prose_mass: float  # the cf-good blocks' characters over PROSE_MASS_CHARS, at most 1

    @classmethod
    def of(cls, signals: Sequence[BlockSignals]) -> _PageContext:
        n = len(signals)
        good_prefix = [0]
        for s in signals:
            good_prefix.append(good_prefix[-1] + (1 if s.good else 0))
        body = [i for i, s in enumerate(signals) if s.in_body]
        good_share = sum(1 for s in signals if s.cf_good) / max(n, 1)
        prose_prefix = [0]
        for s in signals:
            prose_prefix.append(prose_prefix[-1] + (s.chars if s.cf_good else 0))
        return cls(
            good_prefix=good_prefix,
            body_start=body[0] if body else n,
            body_end=body[-1] if body else -1,
            log_n=math.log1p(n) / LOG_CHARS_SCALE,
            good_share=good_share,
            short_share=sum(1 for s in signals if s.cf_short) / max(n, 1),
            low_prose=1.0 - min(1.0, good_share * LOW_PROSE_SCALE),
            prose_prefix=prose_prefix,
            prose_mass=min(1.0, prose_prefix[-1] / PROSE_MASS_CHARS),
        )

    def prose_before(self, i: int) -> float:
        """The share of the page's cf-good characters in the blocks before block ``i``."""
        total = self.prose_prefix[-1]
        return self.prose_prefix[i] / total if total else 0.0


def context_features(
    vectors: Sequence[Sequence[float]], signals: Sequence[BlockSignals]
) -> list[list[float]]:
    """Full feature rows: own vector, neighbours' vectors, page-level context."""
    n = len(vectors)
    if n == 0:
        return []
    zero = [0.0] * len(BLOCK_FEATURES)
    page = _PageContext.of(signals)
    good_prefix, body_start, body_end = page.good_prefix, page.body_start, page.body_end
    low_prose = page.low_prose
    rows: list[list[float]] = []
    header_seen = False
    for i in range(n):
        row = list(vectors[i])
        for off in NEIGHBOUR_OFFSETS:
            j = i + off
            row.extend(vectors[j] if 0 <= j < n else zero)
        rel = i / max(n - 1, 1)
        row.extend((rel, rel * rel, float(i < body_start), float(i > body_end), float(header_seen)))
        for w in WINDOWS:
            lo, hi = max(0, i - w), min(n, i + w + 1)
            row.append((good_prefix[hi] - good_prefix[lo]) / (hi - lo))
        s = signals[i]
        row.extend(
            (
                page.log_n,
                page.good_share,
                page.short_share,
                min(rel, 1.0 - rel),
                float(s.cf_short) * low_prose,
                float(s.good) * low_prose,
                float(s.in_body) * low_prose,
                page.prose_before(i),
                page.prose_mass,
                page.prose_before(i) * page.prose_mass,
            )
        )
        row.extend(v * low_prose for v in vectors[i])
        rows.append(row)
        if signals[i].comment_header:
            header_seen = True
    return rows


@dataclass(frozen=True, slots=True)
class LineModel:
    """Logistic regression weights over FEATURE_NAMES."""

    weights: tuple[float, ...]
    bias: float
    metadata: Mapping[str, str]

    def probabilities(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """P(body) for each feature row.

        >>> m = LineModel((1.0,) * len(FEATURE_NAMES), 0.0, {})
        >>> m.probabilities([[0.0] * len(FEATURE_NAMES)])
        [0.5]
        """
        w = self.weights
        bias = self.bias
        out = []
        for row in rows:
            z = bias + sum(map(mul, w, row))
            z = max(-LOGIT_CLIP, min(LOGIT_CLIP, z))
            out.append(1.0 / (1.0 + math.exp(-z)))
        return out

    def block_probabilities(
        self, vectors: Sequence[Sequence[float]], signals: Sequence[BlockSignals]
    ) -> list[float]:
        """P(body) per block: ``probabilities(context_features(vectors, signals))``, faster.

        The model is linear, so a block's logit splits into one dot product per
        slot of its row (own vector, each neighbour offset, low-prose copy) plus
        the page terms. Each block vector is dotted once per slot instead of being
        copied into the rows of its neighbours.

        >>> m = LineModel(tuple((k % 7 - 3) / 10 for k in range(len(FEATURE_NAMES))), -1.0, {})
        >>> sig = [BlockSignals(k % 2 == 0, False, k % 3 == 0, k > 1, False, False, k < 4, k == 2,
        ...                     chars=400 * k) for k in range(6)]
        >>> vecs = [[(k * j % 5) / 5 for j in range(len(BLOCK_FEATURES))] for k in range(6)]
        >>> fast = m.block_probabilities(vecs, sig)
        >>> slow = m.probabilities(context_features(vecs, sig))
        >>> all(abs(a - b) < 1e-12 for a, b in zip(fast, slow, strict=True))
        True
        """
        n = len(vectors)
        if n == 0:
            return []
        size = len(BLOCK_FEATURES)
        w = self.weights
        slots = 2 + len(NEIGHBOUR_OFFSETS)
        own = w[:size]
        by_offset = [w[size * (k + 1) : size * (k + 2)] for k in range(len(NEIGHBOUR_OFFSETS))]
        page_w = w[size * (slots - 1) : len(w) - size]
        low_w = w[len(w) - size :]
        own_dot = [sum(map(mul, own, v)) for v in vectors]
        low_dot = [sum(map(mul, low_w, v)) for v in vectors]
        offset_dots = [[sum(map(mul, wk, v)) for v in vectors] for wk in by_offset]

        page = _PageContext.of(signals)
        good_prefix, body_start, body_end = page.good_prefix, page.body_start, page.body_end
        low_prose = page.low_prose
        (w_rel, w_rel2, w_before, w_after, w_header, *rest) = page_w
        w_windows = rest[: len(WINDOWS)]
        (
            w_log_n,
            w_good_share,
            w_short_share,
            w_mid,
            w_short_lp,
            w_good_lp,
            w_body_lp,
            w_prose_before,
            w_prose_mass,
            w_prose_x_mass,
        ) = rest[len(WINDOWS) :]
        constant = self.bias + w_log_n * page.log_n + w_good_share * page.good_share
        constant += w_short_share * page.short_share + w_prose_mass * page.prose_mass
        w_before_prose = w_prose_before + w_prose_x_mass * page.prose_mass
        out: list[float] = []
        header_seen = False
        for i in range(n):
            z = constant + own_dot[i] + low_prose * low_dot[i]
            for k, off in enumerate(NEIGHBOUR_OFFSETS):
                j = i + off
                if 0 <= j < n:
                    z += offset_dots[k][j]
            rel = i / max(n - 1, 1)
            z += w_rel * rel + w_rel2 * rel * rel + w_mid * min(rel, 1.0 - rel)
            if i < body_start:
                z += w_before
            if i > body_end:
                z += w_after
            if header_seen:
                z += w_header
            for wk, half in zip(w_windows, WINDOWS, strict=True):
                lo, hi = max(0, i - half), min(n, i + half + 1)
                z += wk * (good_prefix[hi] - good_prefix[lo]) / (hi - lo)
            s = signals[i]
            z += low_prose * (
                w_short_lp * float(s.cf_short) + w_good_lp * float(s.good) + w_body_lp * s.in_body
            )
            z += w_before_prose * page.prose_before(i)
            z = max(-LOGIT_CLIP, min(LOGIT_CLIP, z))
            out.append(1.0 / (1.0 + math.exp(-z)))
            if s.comment_header:
                header_seen = True
        return out


class ModelError(ValueError):
    """The model data file does not match this version's features."""


def load_model(name: str, features: Sequence[str]) -> LineModel | None:
    """Load ``data/model/<name>.json``, checking it was trained on ``features``."""
    node = resources.files("cleanread.data").joinpath(f"model/{name}.json")
    if not node.is_file():
        return None
    data = json.loads(node.read_text(encoding="utf-8"))
    if tuple(data.get("features", ())) != tuple(features):
        msg = (
            f"{name}.json was trained on other features; retrain it with tools/train_line_model.py"
        )
        raise ModelError(msg)
    weights = tuple(float(x) for x in data["weights"])
    if len(weights) != len(features) or not all(math.isfinite(x) for x in weights):
        raise ModelError(f"{name}.json: weights do not match the feature list or are not finite")
    meta = {str(k): str(v) for k, v in data.get("metadata", {}).items()}
    return LineModel(weights, float(data["bias"]), meta)


@functools.cache
def line_model() -> LineModel | None:
    """The shipped line model, or None when no model file is present."""
    return load_model("line_model", FEATURE_NAMES)


@functools.cache
def html_title_model() -> LineModel | None:
    """The shipped HTML title chooser, or None when no model file is present."""
    from cleanread.html import HTML_TITLE_FEATURES

    return load_model("html_title_model", HTML_TITLE_FEATURES)


@functools.cache
def title_model() -> LineModel | None:
    """The shipped title model, or None when no model file is present."""
    from cleanread.classify import TITLE_FEATURES

    return load_model("title_model", TITLE_FEATURES)
