"""Batch benchmark: throughput, scaling, memory, resume, and the site-template F1 gain.

Run ``python -m bench.batch [--bench-dir ../shared/bench] [--records 20000]``.

1. Builds a JSONL.gz of ``--records`` records from ``<bench-dir>/*/text/*.txt``
   (repeated to reach the count), urls from each set's ``index.json``, with
   corrupt records mixed in: invalid UTF-8, a blank line, an empty text, a
   50 MB record, wrong types, broken JSON.
2. Runs ``cleanread batch`` with ``--workers 1`` and ``--workers 2`` and reports
   docs/s, the speed-up, the RSS of the whole process tree sampled over time,
   and the error records.
3. Starts a ``--workers 2`` run, SIGKILLs it halfway, reruns with ``--resume``
   and checks that the output holds every record exactly once, in order.
4. Groups wcxb-dev and trafilatura-dev by site, learns a :class:`SiteProfile`
   and reports text-mode F1 with and without site templates, overall and split
   into pages of sites large enough to have templates and the rest.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_BENCH_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
DEFAULT_RECORDS = 20_000
BIG_RECORD_BYTES = 50 * 1024 * 1024
RSS_SAMPLE_SECONDS = 0.5
RSS_SERIES_POINTS = 12
KILL_AT_SHARE = 0.5
SITE_SETS = ("wcxb-dev", "trafilatura-dev")
# Corrupt records, by position (fraction of the corpus) and raw line.
CORRUPT_AT = (0.1, 0.3, 0.45, 0.6, 0.75, 0.9)


def _corrupt_lines() -> list[bytes]:
    bad_utf8 = (
        b'{"id": "bad-utf8", "url": null, "text": "Caf\xe9 au lait \xff\xfe is served here daily."}'
    )
    return [
        bad_utf8,
        b"",  # blank line
        b'{"id": "empty", "text": ""}',
        b'{"id": "big", "text": "' + b"x" * BIG_RECORD_BYTES + b'"}',
        b'{"id": "wrong-type", "text": 42}',
        b'[1, 2, "not an object"]',
        b'{"id": "broken", "text": "unterminated',
    ]


def _pages(bench_dir: Path) -> list[tuple[str, str]]:
    pages: list[tuple[str, str]] = []
    for set_dir in sorted(p for p in bench_dir.iterdir() if (p / "index.json").is_file()):
        index = json.loads((set_dir / "index.json").read_text(encoding="utf-8"))
        for text_file in sorted((set_dir / "text").glob("*.txt")):
            meta = index.get(text_file.stem) or {}
            pages.append(
                (
                    str(meta.get("url") or ""),
                    text_file.read_text(encoding="utf-8", errors="replace"),
                )
            )
    return pages


def build_corpus(bench_dir: Path, path: Path, records: int) -> dict[str, Any]:
    """Write the corpus; return what is in it."""
    pages = _pages(bench_dir)
    corrupt = _corrupt_lines()
    positions = {int(records * share): i for i, share in enumerate(CORRUPT_AT)}
    extra = corrupt[len(CORRUPT_AT) :]
    ids: list[str] = []
    with gzip.open(path, "wb", compresslevel=1) as out:
        page_i = 0
        for line_no in range(1, records + 1):
            if line_no - 1 in positions:
                out.write(corrupt[positions[line_no - 1]] + b"\n")
                ids.append(f"corrupt{positions[line_no - 1]}")
                continue
            if line_no > records - len(extra):
                out.write(extra[records - line_no] + b"\n")
                ids.append("corrupt-extra")
                continue
            url, text = pages[page_i % len(pages)]
            page_i += 1
            rid = f"r{line_no:05d}"
            ids.append(rid)
            out.write(
                json.dumps(
                    {"id": rid, "url": url or None, "text": text}, ensure_ascii=False
                ).encode()
                + b"\n"
            )
    return {
        "records": records,
        "corrupt": len(corrupt),
        "distinct_pages": len(pages),
        "bytes": path.stat().st_size,
    }


@dataclass
class RssSampler:
    """Samples the RSS of a process and its descendants in a thread."""

    pid: int
    samples: list[tuple[float, int]] = field(default_factory=list)
    cpu: dict[int, float] = field(default_factory=dict)  # pid -> user+system seconds seen
    _stop: threading.Event = field(default_factory=threading.Event)

    def _tree_rss(self) -> int:
        import psutil

        try:
            root = psutil.Process(self.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0
        total = 0
        for proc in procs:
            try:
                total += proc.memory_info().rss
                times = proc.cpu_times()
                self.cpu[proc.pid] = max(self.cpu.get(proc.pid, 0.0), times.user + times.system)
            except psutil.Error:  # noqa: PERF203 - processes come and go while sampling
                continue
        return total

    def run(self) -> None:
        start = time.monotonic()
        while not self._stop.is_set():
            rss = self._tree_rss()
            if rss:
                self.samples.append((time.monotonic() - start, rss))
            self._stop.wait(RSS_SAMPLE_SECONDS)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()

    def series(self, points: int = RSS_SERIES_POINTS) -> list[tuple[float, float]]:
        """Peak RSS (MB) in ``points`` equal time buckets."""
        if not self.samples:
            return []
        end = self.samples[-1][0] or 1.0
        buckets: dict[int, int] = {}
        for t, rss in self.samples:
            b = min(points - 1, int(t / end * points))
            buckets[b] = max(buckets.get(b, 0), rss)
        return [
            (round((b + 1) * end / points, 1), round(v / 2**20, 1))
            for b, v in sorted(buckets.items())
        ]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleanread.cli", *args]


def run_batch(corpus: Path, out: Path, workers: int, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    summary_path = out.with_suffix(".summary.json")
    cmd = _cli("batch", str(corpus), "-o", str(out), "--workers", str(workers), "--no-progress",
               "--summary-json", str(summary_path), *extra)  # fmt: skip
    load_before = os.getloadavg()[0]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    sampler = RssSampler(proc.pid)
    sampler.start()
    _, stderr = proc.communicate()
    sampler.stop()
    wall = time.monotonic() - start
    if proc.returncode != 0:
        raise RuntimeError(f"cleanread batch failed ({proc.returncode}): {stderr[-2000:]}")
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    peak = max((rss for _, rss in sampler.samples), default=0)
    return {
        "workers": workers,
        "wall_seconds": round(wall, 1),
        "docs_per_second": summary["docs_per_second"],
        "records": summary["records"],
        "errors": summary["errors"],
        "peak_rss_mb": round(peak / 2**20, 1),
        "cpu_seconds": round(sum(sampler.cpu.values()), 1),
        "docs_per_cpu_second": round(summary["records"] / max(sum(sampler.cpu.values()), 1e-9), 1),
        "load_average_before_after": (round(load_before, 2), round(os.getloadavg()[0], 2)),
        "rss_series_mb": sampler.series(),
    }


def _output_ids(path: Path) -> list[Any]:
    ids: list[Any] = []
    with open(path, encoding="utf-8") as handle:
        ids.extend(json.loads(line)["id"] for line in handle)
    return ids


def kill_and_resume(corpus: Path, out: Path, records: int, reference: list[Any]) -> dict[str, Any]:
    partial = out.with_name(out.name + ".partial")
    cmd = _cli("batch", str(corpus), "-o", str(out), "--workers", "2", "--no-progress")
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, start_new_session=True)
    target = int(records * KILL_AT_SHARE)
    done = 0
    while proc.poll() is None:
        time.sleep(0.2)
        if partial.exists():
            with open(partial, "rb") as handle:
                done = sum(1 for _ in handle)
            if done >= target:
                break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with open(partial, "rb") as handle:
        at_kill = sum(1 for _ in handle)
    resumed = subprocess.run([*cmd, "--resume"], stderr=subprocess.PIPE, text=True, check=False)
    if resumed.returncode != 0:
        return {"ok": False, "error": resumed.stderr[-2000:]}
    ids = _output_ids(out)
    counts = Counter(json.dumps(i) for i in ids)
    return {
        "killed_after_lines": at_kill,
        "output_records": len(ids),
        "duplicates": sum(c - 1 for c in counts.values() if c > 1),
        "same_ids_in_same_order_as_uninterrupted_run": ids == reference,
        "ok": ids == reference and len(ids) == records,
    }


# ---------------------------------------------------------------- site templates


def site_template_f1(
    bench_dir: Path, set_name: str, min_site_pages: int | None = None
) -> dict[str, Any]:
    from bench.dataset import load_pages
    from bench.metric import aggregate_shingles, aggregate_snippets, page_counts, snippet_counts
    from cleanread import Options, clean
    from cleanread.sites import SiteProfile, site_of

    pages = load_pages(bench_dir / set_name)
    sources = {p.page_id: p.text() for p in pages}
    thresholds = {} if min_site_pages is None else {"min_site_pages": min_site_pages}
    profile = SiteProfile.from_records(((p.url, sources[p.page_id]) for p in pages), **thresholds)
    site_pages = Counter(site_of(p.url) for p in pages)
    templated = {s for s in profile.sites() if profile.template_lines(s)}
    groups: dict[str, dict[str, list[Any]]] = {
        g: {"shingle_base": [], "shingle_site": [], "snip_base": [], "snip_site": []}
        for g in ("all", "large sites", "small sites")
    }
    removed_lines = 0
    for page in pages:
        truth = page.truth()
        if not truth.scorable:
            continue
        source = sources[page.page_id]
        base = clean(source, Options(url=page.url or None))
        site = site_of(page.url)
        if site in templated:
            with_site = clean(source, Options(url=page.url or None, site_profile=profile))
            removed_lines += sum(1 for r in with_site.removed if r.reason.startswith("on "))
        else:
            with_site = base
        size = (
            "large sites"
            if site is not None and site_pages[site] >= profile.min_site_pages
            else "small sites"
        )
        for group in ("all", size):
            acc = groups[group]
            if truth.has_body:
                acc["shingle_base"].append(page_counts(truth.body, base.body))
                acc["shingle_site"].append(page_counts(truth.body, with_site.body))
            if truth.has_snippets:
                acc["snip_base"].append(
                    snippet_counts(base.body, truth.with_snippets, truth.without_snippets)
                )
                acc["snip_site"].append(
                    snippet_counts(with_site.body, truth.with_snippets, truth.without_snippets)
                )
    report: dict[str, Any] = {
        "set": set_name,
        "min_site_pages": profile.min_site_pages,
        "sites": len(site_pages),
        "sites_with_templates": len(templated),
        "template_lines_removed": removed_lines,
    }
    for group, acc in groups.items():
        row: dict[str, Any] = {}
        if acc["shingle_base"]:
            b, s = aggregate_shingles(acc["shingle_base"]), aggregate_shingles(acc["shingle_site"])
            row["shingle_f1"] = (round(b.f1, 4), round(s.f1, 4), round(s.f1 - b.f1, 4), b.pages)
        if acc["snip_base"]:
            b, s = aggregate_snippets(acc["snip_base"]), aggregate_snippets(acc["snip_site"])
            row["snippet_f1"] = (round(b.f1, 4), round(s.f1, 4), round(s.f1 - b.f1, 4), b.pages)
        report[group] = row
    return report


def _print_sites(report: dict[str, Any]) -> None:
    head = f"  {report['set']} (min_site_pages={report['min_site_pages']})"
    print(f"{head}: {report['sites']} sites, "
          f"{report['sites_with_templates']} with template lines, "
          f"{report['template_lines_removed']} lines removed by the profile alone")  # fmt: skip
    for group in ("all", "large sites", "small sites"):
        for metric, value in report[group].items():
            base, site, gain, n = value
            print(
                f"    {group:<12} {metric:<11} without {base:.4f}  with {site:.4f}  "
                f"gain {gain:+.4f}  ({n} pages)"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.batch", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--records", type=int, default=DEFAULT_RECORDS)
    parser.add_argument(
        "--work-dir", type=Path, default=None, help="keep files here (default: a temp dir)"
    )
    parser.add_argument(
        "--skip", default="", help="comma list of parts to skip: scaling,resume,sites"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="cleanread-bench-") as tmp:
        work = args.work_dir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus = work / "corpus.jsonl.gz"
        if not skip >= {"scaling", "resume"}:
            print(f"building {args.records} records from {args.bench_dir} ...", file=sys.stderr)
            results["corpus"] = build_corpus(args.bench_dir, corpus, args.records)
            print(f"corpus: {results['corpus']}")
        reference: list[Any] = []
        if "scaling" not in skip:
            runs = []
            for workers in (1, 2):
                out = work / f"out-w{workers}.jsonl"
                for stale in (
                    out,
                    out.with_name(out.name + ".partial"),
                    out.with_name(out.name + ".partial.json"),
                ):
                    stale.unlink(missing_ok=True)
                run = run_batch(corpus, out, workers)
                runs.append(run)
                print(f"workers={workers}: {run['docs_per_second']} docs/s, "
                      f"wall {run['wall_seconds']} s, {run['records']} records, "
                      f"{run['errors']} errors, "
                      f"peak RSS {run['peak_rss_mb']} MB, "
                      f"{run['cpu_seconds']} CPU-s ({run['docs_per_cpu_second']} docs/CPU-s), "
                      f"load avg before/after {run['load_average_before_after']}")  # fmt: skip
                print(f"  RSS over time (s, MB): {run['rss_series_mb']}")
            reference = _output_ids(work / "out-w1.jsonl")
            results["scaling"] = runs
            ratio = runs[1]["docs_per_second"] / runs[0]["docs_per_second"]
            results["speedup_w2_over_w1"] = round(ratio, 2)
            print(f"speed-up w2/w1: {ratio:.2f}x")
            ids_ok = (
                reference == _output_ids(work / "out-w2.jsonl") and len(reference) == args.records
            )
            results["one_output_per_input_in_order"] = ids_ok
            print(f"one output record per input, same order for w1 and w2: {ids_ok}")
        if "resume" not in skip:
            if not reference:
                out = work / "out-ref.jsonl"
                run_batch(corpus, out, 2)
                reference = _output_ids(out)
            check = kill_and_resume(corpus, work / "out-killed.jsonl", args.records, reference)
            results["resume"] = check
            print(f"SIGKILL halfway + --resume: {check}")
        if "sites" not in skip:
            reports = []
            print("site templates, text mode (F1 without -> with):")
            for set_name in SITE_SETS:
                for min_pages in (None, 3):
                    report = site_template_f1(args.bench_dir, set_name, min_pages)
                    reports.append(report)
                    _print_sites(report)
            results["site_templates"] = reports
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
