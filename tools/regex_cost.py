"""Measure each data-file regex on long adversarial strings against a linear baseline.

Usage:
    python tools/regex_cost.py [CHARS] [RECHECK_RATIO]

Every lexicon and DOM class/id pattern of ``cleanread.data`` searches strings of
CHARS characters (default 100,000) built from generic seeds and from the
pattern's own words; the time is divided by that of a regex that fails at
every position in one linear scan. Prints the pattern count and the ten worst
ratios as JSON. A linear regex stays within a few times the baseline; a
quadratic one costs about CHARS times; an exponential one does not return.
The test suite checks the regexes' shape instead (tests/test_safety.py); this
is the measurement, for a change to the data files.
"""

import json
import re
import sys
import time

from cleanread import lexicon

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
# A ratio above this is measured again as the best of several runs (noise is one-sided).
RECHECK_RATIO = float(sys.argv[2]) if len(sys.argv) > 2 else 100.0
patterns = []
langs = sorted(
    p.name
    for p in __import__("importlib.resources")
    .resources.files("cleanread.data")
    .joinpath("lexicon")
    .iterdir()
    if p.is_dir()
)
for lang in langs:
    for kind, pats in lexicon._lexicon_patterns(lang).items():
        patterns += [
            (f"lexicon/{lang}/{kind.value}: {p}", re.compile(p, re.IGNORECASE)) for p in pats
        ]
patterns += [(f"dom/{name}", rx) for name, rx in lexicon.dom_matchers().items()]

GENERIC = ["a", " ", "a ", "1", "\u00e9 ", "\u4e2d", "<a>"]


def strings(pattern):
    words = re.findall(r"[^\W\d_]+", pattern.pattern) or ["a"]
    seeds = [*GENERIC, " ".join(words) + " ", "".join(words), words[0] + " " * 3]
    for seed in seeds:
        yield seed, (seed * (N // len(seed) + 1))[:N] + "!"


baseline = re.compile(r"(?:zq){2}x", re.IGNORECASE)  # fails at every position: one linear scan


def cost(rx, text, repeat=1):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        rx.search(text)
        best = min(best, time.perf_counter() - start)
    return best


baseline_cost = {}  # by seed: the string is a function of its seed


def ratio_of(rx, seed, text, repeat=1):
    if seed not in baseline_cost or repeat > 1:
        baseline_cost[seed] = cost(baseline, text, repeat=3)
    return cost(rx, text, repeat) / max(baseline_cost[seed], 1e-6)


worst = []
for name, rx in patterns:
    ratio, seed_used = 0.0, ""
    for seed, text in strings(rx):
        r = ratio_of(rx, seed, text)
        if r > RECHECK_RATIO:  # confirm with the best of several runs: noise is one-sided
            r = ratio_of(rx, seed, text, repeat=5)
        if r > ratio:
            ratio, seed_used = r, seed
    worst.append((ratio, name, seed_used))
worst.sort(reverse=True)
print(json.dumps({"count": len(patterns), "worst": worst[:10]}))
