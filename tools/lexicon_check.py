#!/usr/bin/env python3
"""Validate cleanread's lexicon data files and measure them on benchmark dev data.

Usage:
    python tools/lexicon_check.py                         # validate only
    python tools/lexicon_check.py /path/to/bench/<set> [...]  # validate + measure
Options:
    --max-len N   only measure text-dump lines of at most N characters (default 200;
                  the classifier only trusts hits on fairly short lines)
    --top N       how many worst patterns to print (default 40)
    --min-hits N  only rank patterns with at least N hits (default 5)
    --examples N  gold-body example lines to print per bad pattern (default 2)
    --lang a,b    only load these lexicon languages (default: all)
    --skip-timing skip the catastrophic-backtracking timing test

Measurement: every text-dump line (whitespace collapsed, stripped) is matched against
every pattern.  A hit is "in gold" when the line is part of the gold main text:
its normalised text equals a whole gold line, or it is longer than 20 characters
and is a substring of the normalised gold body (also compared with all whitespace
removed, for CJK gold wrapped at arbitrary points).  Sets with only `with`
snippets (trafilatura) use those: a line is in gold if it contains a snippet or
is a >20-char substring of one.  Hits on lines containing a `without` snippet are
reported as known-boilerplate hits.

Exit status is 1 when validation fails.
"""

import argparse
import glob
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, os.pardir, "src", "cleanread", "data")
sys.path.insert(0, os.path.join(HERE, os.pardir, "src"))
from cleanread.lexicon import LEXICON_KINDS  # noqa: E402 - after the src path is set

KINDS = [kind.value for kind in LEXICON_KINDS]
DOM_KINDS = [*KINDS, "content", "hidden"]
WS = re.compile(r"\s+")

ADVERSARIAL = [
    "a" * 100000 + "!",
    ("Lorem ipsum dolor sit amet, 12.03.2024 — «Share» on Facebook | " * 1600)[:100000] + "\u00a9",
    (" " * 50000) + ("x " * 25000) + "?",
    ("ab-" * 33333) + "!",
    ("的了是在和" * 20000) + "。",
    ("اقرأ أيضا " * 10000),
    ("a b " * 25000) + "\n",
    ("e-mail*" * 14000),
]


def norm(s):
    return WS.sub(" ", s).strip()


def read_lines(path):
    out = []
    with open(path, encoding="utf-8") as fh:
        for no, raw in enumerate(fh, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            out.append((no, line))
    return out


def load_regex_dir(base, kinds, langs=None):
    """{(lang, kind): [(lineno, source, compiled_or_None, error)]}"""
    res = {}
    for path in sorted(glob.glob(os.path.join(base, "**", "*.txt"), recursive=True)):
        rel = os.path.relpath(path, base)
        parts = rel.split(os.sep)
        lang = parts[0] if len(parts) == 2 else ""
        kind = os.path.splitext(parts[-1])[0]
        if langs and lang not in langs:
            continue
        items = []
        for no, src in read_lines(path):
            try:
                rx = re.compile(src, re.IGNORECASE)
                err = None
            except re.error as e:
                rx, err = None, str(e)
            items.append((no, src, rx, err))
        res[(lang, kind)] = (path, items)
    return res


def validate_regexes(table, kinds, label, timing=True):
    errors = []
    for (lang, kind), (path, items) in sorted(table.items()):
        rel = os.path.relpath(path, DATA)
        if kind not in kinds:
            errors.append(f"{rel}: unknown kind {kind!r}")
        seen = {}
        for no, src, rx, err in items:
            where = f"{rel}:{no}"
            if src != src.strip():
                errors.append(f"{where}: leading/trailing whitespace in {src!r}")
            if err:
                errors.append(f"{where}: does not compile: {err}: {src!r}")
                continue
            key = src.strip().lower()
            if key in seen:
                errors.append(f"{where}: duplicate of line {seen[key]}: {src!r}")
            seen[key] = no
            if rx.search("") is not None:
                errors.append(f"{where}: matches the empty string: {src!r}")
            elif rx.search(" ") is not None:
                errors.append(f"{where}: matches a single space: {src!r}")
            if timing:
                for s in ADVERSARIAL:
                    dt = 1.0
                    for _ in range(3):  # best of 3: the machine may be busy
                        t0 = time.perf_counter()
                        rx.search(s)
                        dt = min(dt, time.perf_counter() - t0)
                        if dt < 0.01:
                            break
                    if dt > 0.05:
                        errors.append(f"{where}: slow ({dt:.3f}s on adversarial input): {src!r}")
                        break
    return errors


def validate_plain(path, lower=True):
    errors = []
    rel = os.path.relpath(path, DATA)
    seen = {}
    for no, line in read_lines(path):
        w = line.strip()
        if w != line:
            errors.append(f"{rel}:{no}: leading/trailing whitespace")
        if lower and w != w.lower():
            errors.append(f"{rel}:{no}: not lowercase: {w!r}")
        if w in seen:
            errors.append(f"{rel}:{no}: duplicate of line {seen[w]}: {w!r}")
        seen[w] = no
    return errors, len(seen)


def validate_months(path):
    errors = []
    langs = defaultdict(set)
    for no, line in read_lines(path):
        parts = line.split("\t")
        if len(parts) != 3:
            errors.append(f"months.txt:{no}: expected 3 tab-separated fields")
            continue
        lang, m, names = parts
        if not m.isdigit() or not 1 <= int(m) <= 12:
            errors.append(f"months.txt:{no}: bad month {m!r}")
            continue
        if (lang, int(m)) in [(l, x) for l in langs for x in langs[l]] and int(m) in langs[lang]:
            errors.append(f"months.txt:{no}: duplicate month {lang} {m}")
        langs[lang].add(int(m))
        ns = names.split("|")
        if any(not n.strip() or n != n.strip() for n in ns):
            errors.append(f"months.txt:{no}: empty name or whitespace")
        if len(set(ns)) != len(ns):
            errors.append(f"months.txt:{no}: duplicate name")
    for lang, ms in langs.items():
        if ms != set(range(1, 13)):
            errors.append(f"months.txt: {lang} lacks months {sorted(set(range(1, 13)) - ms)}")
    return errors, sorted(langs)


DOM_MUST_NOT = {
    "ad": [
        "address",
        "header",
        "add-to-cart",
        "adjust",
        "admin",
        "shadow",
        "loaded",
        "badge",
        "head",
        "headline",
        "advice",
        "download",
        "readmore",
        "lead",
        "thread",
        "adventure",
        "google-map",
        "gradient",
        "shade",
        "readable",
    ],
    "navigation": ["canvas", "navy", "unavailable"],
    "hidden": ["hide-show", "overflow-hidden", "collapse", "show"],
    "comments": ["commentary"],
    "footer": ["bottom", "footnote"],
    "share": ["shareholders"],
    "cookie_notice": [
        "comment-form-cookies-consent",
        "wp-comment-cookies-consent",
        "filternongdprembeds",
        "cmp-container",
        "cmp-text",
    ],
    "template": ["no-js", "dialog-off-canvas-main-canvas", "js"],
    "content": ["text", "context"],
}
DOM_MUST = {
    "ad": [
        "ad",
        "ads",
        "advert",
        "advertisement",
        "ad-slot",
        "ad_unit",
        "adsbygoogle",
        "sponsored",
    ],
    "navigation": ["nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "main-nav", "pagination"],
    "comments": ["comments", "comment-list", "disqus_thread"],
    "comment_form": ["respond", "commentform"],
    "share": ["share", "social-share", "sharedaddy"],
    "related": ["related-posts", "most-read", "content-recirculation", "recirc_item"],
    "cookie_notice": ["cookie-banner", "cookie-notice", "gdpr", "consent"],
    "newsletter": ["newsletter", "subscribe", "paywall"],
    "footer": ["footer", "site-footer"],
    "content": ["article", "entry-content", "post-content", "article-body", "story-body"],
    "hidden": ["sr-only", "visually-hidden", "hidden", "d-none"],
}


def check_dom(table):
    errors = []
    for kind in set(DOM_MUST) | set(DOM_MUST_NOT):
        entry = table.get(("", kind))
        if not entry:
            errors.append(f"dom/{kind}.txt missing")
            continue
        rxs = [rx for _, _, rx, _ in entry[1] if rx]
        for tok in DOM_MUST.get(kind, []):
            if not any(rx.search(tok) for rx in rxs):
                errors.append(f"dom/{kind}.txt: does not match {tok!r}")
        for tok in DOM_MUST_NOT.get(kind, []):
            bad = [rx.pattern for rx in rxs if rx.search(tok)]
            if bad:
                errors.append(f"dom/{kind}.txt: false positive on {tok!r} by {bad}")
    return errors


# ---------------------------------------------------------------- measurement


def load_set(setdir):
    pages = []
    for tpath in sorted(glob.glob(os.path.join(setdir, "text", "*.txt"))):
        pid = os.path.splitext(os.path.basename(tpath))[0]
        jpath = os.path.join(setdir, "truth", pid + ".json")
        if not os.path.exists(jpath):
            continue
        with open(jpath, encoding="utf-8") as fh:
            truth = json.load(fh)
        with open(tpath, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        pages.append((pid, text, truth))
    return pages


class Gold:
    def __init__(self, truth):
        body = truth.get("body") or ""
        self.with_ = [norm(s) for s in (truth.get("with") or []) if norm(s)]
        self.without = [norm(s) for s in (truth.get("without") or []) if norm(s)]
        if not body and self.with_:
            body = "\n".join(self.with_)
        self.has = bool(body)
        self.norm = norm(body)
        self.nows = WS.sub("", body)
        self.lines = {norm(l) for l in body.splitlines() if norm(l)}
        self.snippets_only = not (truth.get("body") or "")

    def contains(self, line):
        if line in self.lines:
            return True
        if len(line) > 20 and (line in self.norm or WS.sub("", line) in self.nows):
            return True
        if self.snippets_only:
            return any(s in line for s in self.with_)
        return False

    def boiler(self, line):
        return any(s in line for s in self.without)


def measure(setdir, table, max_len, top, min_hits, n_examples, count_gold=False):
    pages = load_set(setdir)
    # one union regex per file as a prefilter
    files = []
    for key, (path, items) in sorted(table.items()):
        good = [(no, src, rx) for no, src, rx, err in items if rx is not None]
        if not good:
            continue
        union = re.compile("|".join(f"(?:{src})" for _, src, _ in good), re.IGNORECASE)
        files.append((key, union, good))
    hits = Counter()
    gold_hits = Counter()
    gold_pages = defaultdict(set)
    boiler_hits = Counter()
    examples = defaultdict(list)
    kind_lines = Counter()
    kind_gold = Counter()
    n_lines = n_hit = n_gold_hit = n_boiler_hit = n_gold_pages = n_gold_lines = 0
    for pid, text, truth in pages:
        gold = Gold(truth)
        if not gold.has:
            continue
        n_gold_pages += 1
        for raw in text.splitlines():
            line = norm(raw)
            if not line or len(line) > max_len:
                continue
            n_lines += 1
            if count_gold:
                n_gold_lines += gold.contains(line)
            in_gold = None
            line_hit = False
            kinds_hit = set()
            for (lang, kind), union, good in files:
                if not union.search(line):
                    continue
                for no, src, rx in good:
                    if rx.search(line):
                        if in_gold is None:
                            in_gold = gold.contains(line)
                            is_boiler = gold.boiler(line)
                        k = (lang, kind, src)
                        hits[k] += 1
                        line_hit = True
                        kinds_hit.add(kind)
                        if in_gold:
                            gold_hits[k] += 1
                            gold_pages[k].add(pid)
                            if len(examples[k]) < n_examples:
                                examples[k].append(line[:120])
                        if is_boiler:
                            boiler_hits[k] += 1
            if line_hit:
                n_hit += 1
                n_gold_hit += bool(in_gold)
                n_boiler_hit += bool(is_boiler)
                for kd in kinds_hit:
                    kind_lines[kd] += 1
                    kind_gold[kd] += bool(in_gold)
    name = os.path.basename(os.path.normpath(setdir))
    print(
        f"\n=== {name}: {n_gold_pages} pages with gold, {n_lines} lines <= {max_len} chars"
        + (f", {n_gold_lines} of them in gold" if count_gold else "")
    )
    share = n_gold_hit / n_hit if n_hit else 0.0
    print(
        f"lines hit by any pattern: {n_hit}  in gold body: {n_gold_hit} ({share:.1%})"
        f"  on known-boilerplate ('without') lines: {n_boiler_hit}"
    )
    print("per kind (lines hit / in gold):")
    for kd in KINDS:
        if kind_lines[kd]:
            share = kind_gold[kd] / kind_lines[kd]
            print(f"  {kd:14s} {kind_lines[kd]:7d} {kind_gold[kd]:6d} ({share:.1%})")
    ranked = [
        (gold_hits[k] / hits[k], gold_hits[k], k)
        for k in hits
        if hits[k] >= min_hits and gold_hits[k]
    ]
    ranked.sort(key=lambda x: (-x[0], -x[1]))
    bad = sum(1 for r in ranked if r[0] >= 0.10)
    print(
        f"patterns with >= {min_hits} hits: {sum(1 for k in hits if hits[k] >= min_hits)};"
        f" of these with >= 10% gold hits: {bad}"
    )
    print("worst patterns (ratio, gold/hits, pages with gold hits, lang/kind, pattern):")
    for ratio, g, k in ranked[:top]:
        lang, kind, src = k
        where = f"{lang or '-'}/{kind:13s}"
        print(f"  {ratio:5.0%} {g:4d}/{hits[k]:<5d} p{len(gold_pages[k]):<3d} {where} {src}")
        for ex in examples[k]:
            print(f"          | {ex}")
    # low-count patterns that hit gold
    low = [(gold_hits[k], hits[k], k) for k in hits if hits[k] < min_hits and gold_hits[k]]
    if low:
        print(f"patterns with < {min_hits} hits that hit gold: {len(low)}")
        for g, h, k in sorted(low, key=lambda x: -x[0])[: top // 2]:
            example = examples[k][0] if examples[k] else ""
            print(f"        {g}/{h} {k[0] or '-'}/{k[1]:13s} {k[2]}  | {example}")
    return n_hit, n_gold_hit, hits


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("sets", nargs="*")
    ap.add_argument("--max-len", type=int, default=200)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--min-hits", type=int, default=5)
    ap.add_argument("--examples", type=int, default=2)
    ap.add_argument("--lang", default="")
    ap.add_argument("--skip-timing", action="store_true")
    ap.add_argument(
        "--count-gold", action="store_true", help="also count how many measured lines are in gold"
    )
    ap.add_argument("--data", default=DATA)
    args = ap.parse_args()
    data = os.path.abspath(args.data)
    langs = set(filter(None, args.lang.split(",")))

    errors = []
    lex = load_regex_dir(os.path.join(data, "lexicon"), KINDS, langs)
    errors += validate_regexes(lex, KINDS, "lexicon", timing=not args.skip_timing)
    dom = load_regex_dir(os.path.join(data, "dom"), DOM_KINDS)
    errors += validate_regexes(dom, DOM_KINDS, "dom", timing=not args.skip_timing)
    errors += check_dom(dom)
    counts = defaultdict(dict)
    for (lang, kind), (path, items) in lex.items():
        counts[lang][kind] = len(items)
    print("lexicon patterns per language/kind:")
    print("  lang " + " ".join(f"{k[:8]:>8s}" for k in KINDS) + "    total")
    for lang in sorted(counts):
        row = [counts[lang].get(k, 0) for k in KINDS]
        print(f"  {lang:4s} " + " ".join(f"{n:8d}" for n in row) + f" {sum(row):8d}")
    print(f"  total lexicon patterns: {sum(sum(v.values()) for v in counts.values())}")
    print("dom tokens: " + ", ".join(f"{k}={len(v[1])}" for (_, k), v in sorted(dom.items())))
    for name in ("credit_labels.txt", "byline_labels.txt"):
        p = os.path.join(data, name)
        if os.path.exists(p):
            e, n = validate_plain(p)
            errors += e
            print(f"{name}: {n} entries")
        else:
            errors.append(f"{name} missing")
    for lang in ("zh", "ja"):
        p = os.path.join(data, "stopwords", lang + ".txt")
        if os.path.exists(p):
            e, n = validate_plain(p)
            errors += e
            print(f"stopwords/{lang}.txt: {n} entries")
        else:
            errors.append(f"stopwords/{lang}.txt missing")
    p = os.path.join(data, "months.txt")
    if os.path.exists(p):
        e, ml = validate_months(p)
        errors += e
        print(f"months.txt: languages {' '.join(ml)}")
    else:
        errors.append("months.txt missing")
    if errors:
        print(f"\nVALIDATION: {len(errors)} error(s)")
        for e in errors:
            print("  " + e)
    else:
        print("\nVALIDATION: ok")
    for s in args.sets:
        measure(s, lex, args.max_len, args.top, args.min_hits, args.examples, args.count_gold)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
