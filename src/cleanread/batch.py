# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""Cleaning many records: :func:`clean_many` and the engine behind ``cleanread batch``.

A *record* is a page (``str`` or ``bytes``), a mapping with a text or html field
plus an id and a url, or a :class:`~cleanread.formats.RawRecord` from a reader.
A *result* is the Document dict plus ``id``, ``url`` and ``notes``; a record that
fails gives an error record ``{"id", "url", "error": {"type", "message"}}``.
Every record gives exactly one result, in input order, and one bad record never
stops the batch.

With ``workers >= 1`` records are cleaned in a pool of worker processes
(forkserver, or spawn where there is no forkserver). Records travel in chunks;
at most a few chunks per worker are in flight, so memory stays flat however
long the input is. Workers send each result as soon as it is ready, so the
parent knows which record a worker is on: a record that takes longer than the
time limit becomes an error record, and its worker is killed and replaced.
Workers also retire after a fixed number of records, so that slow leaks in
parsers cannot grow without bound.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

from cleanread.core import clean
from cleanread.errors import CleanreadError
from cleanread.formats import (
    DEFAULT_MAX_RECORD_BYTES,
    PARTIAL_SUFFIX,
    STATE_SUFFIX,
    TEXT_FIELDS,
    BatchInputError,
    OutputSpool,
    RawRecord,
    detect_format,
    iter_records,
)
from cleanread.options import Options

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from cleanread.sites import PageSignature, SiteProfile

__all__ = [
    "CHUNK_SIZE",
    "DEFAULT_TIMEOUT_SECONDS",
    "MAX_RECORDS_PER_WORKER",
    "BatchError",
    "BatchSummary",
    "CleanJob",
    "Fields",
    "Outcome",
    "clean_many",
    "run_batch",
    "run_pool",
]

# Records sent to a worker at once: large enough to amortise the pipe, small
# enough that a time-out only re-sends a little.
CHUNK_SIZE = 32
# Chunks in flight (being cleaned, or cleaned and waiting for their turn) per worker.
INFLIGHT_CHUNKS_PER_WORKER = 4
# A worker retires and is replaced after this many records (flat memory).
MAX_RECORDS_PER_WORKER = 10_000
# Default per-record time limit in seconds (pool mode only).
DEFAULT_TIMEOUT_SECONDS = 60.0
# Workers that die before they are ready, in a row, before the pool gives up.
MAX_START_FAILURES = 3
# How often the parent wakes up to check time limits when nothing arrives.
POLL_SECONDS = 0.5
# Text cleaned once when a worker starts, so lazy loading does not count against a record.
_WARM_UP = "Warm up\n\nThis is a short paragraph that warms up the classifier and its lexicons."

# Notes attached to results.
NOTE_INVALID_UTF8 = "invalid UTF-8 decoded with replacement characters"


class BatchError(CleanreadError, RuntimeError):
    """The worker pool cannot run (workers keep dying while they start)."""


@dataclass(frozen=True, slots=True)
class Fields:
    """Field names of mapping records.

    ``text=None`` tries ``text``, ``html``, ``content`` and ``raw_content``, in that order.
    """

    text: str | None = None
    id: str = "id"
    url: str = "url"


class Outcome(NamedTuple):
    """What a worker returns for one record: the result (a dict or its JSON line) and a digest."""

    payload: Any
    error: bool
    removed_kinds: tuple[str, ...] = ()


def error_record(record_id: Any, url: str | None, kind: str, message: str) -> dict[str, Any]:
    """The result of a record that could not be cleaned.

    >>> error_record(3, None, "JSONDecodeError", "Expecting value")
    {'id': 3, 'url': None, 'error': {'type': 'JSONDecodeError', 'message': 'Expecting value'}}
    """
    return {"id": record_id, "url": url, "error": {"type": kind, "message": message}}


def _as_raw(item: object, index: int) -> RawRecord:
    if isinstance(item, RawRecord):
        return item
    if isinstance(item, (str, bytes)):
        return RawRecord("page", item, index)
    if isinstance(item, Mapping):
        return RawRecord("mapping", item, index)
    message = (
        f"a record must be str, bytes or a mapping with a text field, not {type(item).__name__}"
    )
    return RawRecord("error", ("InputError", message), index)


def _decode_line(line: bytes) -> tuple[str, list[str]]:
    try:
        return line.decode("utf-8"), []
    except UnicodeDecodeError:
        return line.decode("utf-8", errors="replace"), [NOTE_INVALID_UTF8]


@dataclass(frozen=True, slots=True)
class _Page:
    id: Any
    url: str | None
    source: Any
    notes: list[str]


def _open_record(raw: RawRecord, fields: Fields, max_bytes: int) -> _Page | dict[str, Any]:
    """Turn a raw record into a page to clean, or an error record."""
    notes: list[str] = []
    data: Any = raw.data
    record_id, url = raw.id, raw.url
    if raw.kind == "error":
        kind, message = data
        return error_record(record_id, url, kind, message)
    if raw.kind == "json":
        text, notes = _decode_line(data)
        if not text.strip():
            return error_record(
                record_id, url, "EmptyRecord", "blank line where a JSON record was expected"
            )
        try:
            data = json.loads(text)
        except ValueError as exc:
            return error_record(record_id, url, "JSONDecodeError", str(exc))
        if isinstance(data, str):
            return _Page(record_id, url, data, notes)
        if not isinstance(data, dict):
            message = (
                f"a JSONL record must be an object with a text field, not {type(data).__name__}"
            )
            return error_record(record_id, url, "InputError", message)
    if raw.kind in ("json", "mapping"):
        record_id = data.get(fields.id, record_id)
        url_value = data.get(fields.url, url)
        url = url_value if isinstance(url_value, str) else None
        names = (fields.text,) if fields.text else TEXT_FIELDS
        name = next((n for n in names if n in data), None)
        if name is None:
            message = f"record has no {' or '.join(repr(n) for n in names)} field"
            return error_record(record_id, url, "InputError", message)
        data = data[name]
    if isinstance(data, (str, bytes)) and len(data) > max_bytes:
        message = f"record of {len(data)} bytes exceeds the limit of {max_bytes} bytes"
        return error_record(record_id, url, "RecordTooLarge", message)
    return _Page(record_id, url, data, notes)


@dataclass(frozen=True, slots=True)
class CleanJob:
    """Clean one raw record into an :class:`Outcome` (runs inside the workers)."""

    options: Options = field(default_factory=Options)
    fields: Fields = field(default_factory=Fields)
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    encode: bool = False  # return JSON lines instead of dicts

    def _wrap(self, result: dict[str, Any], removed: tuple[str, ...] = ()) -> Outcome:
        payload = json.dumps(result, ensure_ascii=False) if self.encode else result
        return Outcome(payload, "error" in result, removed)

    def __call__(self, raw: RawRecord) -> Outcome:
        """Clean ``raw``; never raises."""
        try:
            page = _open_record(raw, self.fields, self.max_record_bytes)
            if isinstance(page, dict):
                return self._wrap(page)
            options = (
                self.options.replace(url=page.url) if page.url != self.options.url else self.options
            )
            doc = clean(page.source, options)
        except Exception as exc:  # noqa: BLE001 - one bad record never stops the batch
            return self.failed(raw, type(exc).__name__, str(exc))
        result = {"id": page.id, "url": page.url, **doc.to_dict(), "notes": page.notes}
        return self._wrap(result, tuple(r.kind.value for r in doc.removed))

    def failed(self, raw: RawRecord, kind: str, message: str) -> Outcome:
        """The outcome of a record whose worker failed (time-out, crash)."""
        record_id, url = raw.id, raw.url
        if raw.kind == "mapping":
            record_id = raw.data.get(self.fields.id, record_id)
            url = raw.data.get(self.fields.url, url)
        return self._wrap(error_record(record_id, url, kind, message))

    def warm_up(self) -> None:
        """Load lexicons and models once, before the first real record."""
        clean(_WARM_UP, self.options)


class Job(Protocol):
    """``job(raw)`` per record; ``job.failed(raw, type, message)`` on a crash."""

    def __call__(self, raw: RawRecord, /) -> Any:
        """The result of one record; must not raise."""

    def failed(self, raw: RawRecord, kind: str, message: str, /) -> Any:
        """The result standing for a record whose worker failed."""

    def warm_up(self) -> None:
        """Prepare before the first record."""


def _batched(items: Iterable[RawRecord], size: int) -> Iterator[list[RawRecord]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# ------------------------------------------------------------------ the pool


def _worker_main(conn: Connection, job: Job, max_records: int) -> None:
    """Worker loop: clean the chunks it is sent, one result message per record."""
    job.warm_up()
    conn.send(("ready", None))
    handled = 0
    while True:
        try:
            chunk = conn.recv()
        except EOFError:
            return
        if chunk is None:
            return
        for raw in chunk:
            conn.send(("result", job(raw)))
        handled += len(chunk)
        retire = handled >= max_records
        conn.send(("done", retire))  # one message, so no chunk is ever sent to a retiring worker
        if retire:
            return


@dataclass
class _Task:
    seq: int
    items: list[RawRecord]
    results: list[Any] = field(default_factory=list)


@dataclass
class _Slot:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    task: _Task | None = None
    since: float = 0.0  # when the current record started


def _context() -> Any:  # ForkServerContext or SpawnContext
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["cleanread.batch"])
        return ctx
    return multiprocessing.get_context("spawn")


class _Pool:
    """Worker processes, each cleaning one chunk at a time (see :func:`run_pool`)."""

    def __init__(self, job: Job, workers: int, timeout: float | None, max_records: int) -> None:
        self.job = job
        self.timeout = timeout
        self.max_records = max_records
        self.ctx = _context()
        self.slots: list[_Slot] = [self._start() for _ in range(workers)]
        self.orphans: list[_Task] = []
        self.completed: list[_Task] = []
        self.restarts = 0
        self.start_failures = 0

    def _start(self) -> _Slot:
        parent, child = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(
            target=_worker_main, args=(child, self.job, self.max_records), daemon=True
        )
        process.start()
        child.close()
        return _Slot(process, parent)

    def _stop(self, slot: _Slot) -> None:
        with contextlib.suppress(OSError):
            slot.conn.close()
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join()

    def _replace(self, slot: _Slot) -> None:
        self._stop(slot)
        if not slot.ready:
            self.start_failures += 1
            if self.start_failures >= MAX_START_FAILURES:
                code = slot.process.exitcode
                message = (
                    f"{self.start_failures} workers died while starting (exit code {code}); "
                    "if this runs from a script, guard it with `if __name__ == '__main__':`"
                )
                raise BatchError(message)
        else:
            self.start_failures = 0
        self.slots[self.slots.index(slot)] = self._start()
        self.restarts += 1

    def _fail_current(self, slot: _Slot, kind: str, message: str) -> None:
        """Give the record a worker was on an error result; the rest goes to another worker."""
        task = slot.task
        slot.task = None
        if task is not None:
            current = task.items[len(task.results)]
            task.results.append(self.job.failed(current, kind, message))
            self.orphans.append(task)
        self._replace(slot)

    def assign(self, slot: _Slot, task: _Task) -> None:
        """Send the records of ``task`` that have no result yet to an idle worker."""
        if len(task.results) >= len(task.items):
            self.completed.append(task)  # a time-out hit its last record: nothing left to send
            return
        slot.task = task
        slot.since = time.monotonic()
        slot.conn.send(task.items[len(task.results) :])

    def idle(self) -> list[_Slot]:
        return [s for s in self.slots if s.ready and s.task is None]

    def busy(self) -> bool:
        return any(s.task is not None for s in self.slots) or bool(self.orphans or self.completed)

    def poll(self) -> list[_Task]:
        """Wait for messages; return the tasks that completed."""
        completed, self.completed = self.completed, []
        if completed:
            return completed
        conns = [s.conn for s in self.slots]
        wait_for = POLL_SECONDS
        if self.timeout is not None:
            now = time.monotonic()
            pending = [s.since + self.timeout - now for s in self.slots if s.task is not None]
            if pending:
                wait_for = max(0.0, min(wait_for, *pending))
        for conn in wait(conns, timeout=wait_for):
            slot = next((s for s in self.slots if s.conn is conn), None)
            if slot is not None:  # None: replaced while draining another worker
                self._drain(slot, completed)
        if self.timeout is not None:
            now = time.monotonic()
            for slot in list(self.slots):
                if slot.task is not None and now - slot.since > self.timeout:
                    message = f"record took longer than {self.timeout:g} s; its worker was replaced"
                    self._fail_current(slot, "TimeoutError", message)
        return completed

    def _drain(self, slot: _Slot, completed: list[_Task]) -> None:
        while True:
            try:
                if not slot.conn.poll():
                    return
                kind, payload = slot.conn.recv()
            except (EOFError, OSError):
                code = slot.process.exitcode
                if slot.task is not None:
                    message = f"worker process died (exit code {code}) while cleaning this record"
                    self._fail_current(slot, "WorkerDied", message)
                else:
                    self._replace(slot)
                return
            if kind == "ready":
                slot.ready = True
            elif kind == "result" and slot.task is not None:
                slot.task.results.append(payload)
                slot.since = time.monotonic()
            elif kind == "done" and slot.task is not None:
                completed.append(slot.task)
                slot.task = None
                if payload:  # the worker retires after this chunk
                    self._replace(slot)
                    return

    def close(self) -> None:
        for slot in self.slots:
            with contextlib.suppress(OSError, BrokenPipeError):
                slot.conn.send(None)
        for slot in self.slots:
            slot.process.join(timeout=POLL_SECONDS)
            self._stop(slot)


def run_pool(
    job: Job,
    records: Iterable[RawRecord],
    *,
    workers: int,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    chunk_size: int = CHUNK_SIZE,
    max_records_per_worker: int = MAX_RECORDS_PER_WORKER,
) -> Iterator[list[Any]]:
    """Run ``job`` over ``records`` in ``workers`` processes; yield result chunks in input order.

    ``workers=0`` runs in this process (no time limit).

    >>> chunks = list(run_pool(CleanJob(), [RawRecord("page", "A page.", 1)], workers=0))
    >>> [outcome.payload["id"] for chunk in chunks for outcome in chunk]
    [1]
    """
    if workers <= 0:
        for chunk in _batched(records, chunk_size):
            yield [job(raw) for raw in chunk]
        return
    pool = _Pool(job, workers, timeout, max_records_per_worker)
    chunks = enumerate(_batched(records, chunk_size))
    max_inflight = workers * INFLIGHT_CHUNKS_PER_WORKER
    finished: dict[int, list[Any]] = {}
    next_seq = 0
    assigned = 0
    exhausted = False
    try:
        while True:
            for slot in pool.idle():
                if pool.orphans:
                    pool.assign(slot, pool.orphans.pop(0))
                elif not exhausted and assigned - next_seq < max_inflight:
                    item = next(chunks, None)
                    if item is None:
                        exhausted = True
                        break
                    pool.assign(slot, _Task(item[0], list(item[1])))
                    assigned += 1
            while next_seq in finished:
                yield finished.pop(next_seq)
                next_seq += 1
            if exhausted and next_seq >= assigned and not pool.busy():
                return
            for task in pool.poll():
                finished[task.seq] = task.results
    finally:
        pool.close()


def clean_many(
    records: Iterable[object],
    options: Options | None = None,
    *,
    workers: int = 0,
    fields: Fields | None = None,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[dict[str, Any]]:
    """Clean every record, yielding one result dict per record, in input order.

    ``workers=0`` cleans in this process; ``workers=N`` uses N processes with a
    per-record ``timeout`` (seconds). A record without an id gets its position.

    >>> record = {"id": "x", "url": "https://a.example/", "text": ""}
    >>> results = list(clean_many(["A page.", record, 42]))
    >>> [r["id"] for r in results]
    [0, 'x', 2]
    >>> results[1]["url"], results[1]["sections"]
    ('https://a.example/', [])
    >>> results[2]["error"]["type"]
    'InputError'
    """
    job = CleanJob(
        options or Options(), fields or Fields(), max_record_bytes=max_record_bytes, encode=False
    )
    raws = (_as_raw(item, index) for index, item in enumerate(records))
    for chunk in run_pool(job, raws, workers=workers, timeout=timeout, chunk_size=chunk_size):
        for outcome in chunk:
            yield outcome.payload


# ------------------------------------------------------------------ summary


@dataclass
class BatchSummary:
    """Counts of a batch run, printed at its end.

    >>> s = BatchSummary()
    >>> s.add(Outcome({}, False, ("ad", "ad", "navigation")))
    >>> s.add(Outcome({}, True))
    >>> s.records, s.errors, s.removed["ad"]
    (2, 1, 2)
    """

    records: int = 0
    errors: int = 0
    skipped: int = 0  # records already done before a --resume
    removed: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)
    error_types: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.records += 1
        if outcome.error:
            self.errors += 1
        self.removed.update(outcome.removed_kinds)

    @property
    def seconds(self) -> float:
        """Wall-clock seconds since the run started."""
        return time.monotonic() - self.started

    def format(self) -> str:
        """A few human-readable lines."""
        rate = self.records / self.seconds if self.seconds > 0 else 0.0
        kinds = ", ".join(f"{k} {n}" for k, n in self.removed.most_common()) or "none"
        lines = [
            f"records: {self.records} ({self.errors} errors)"
            + (f", {self.skipped} done before resume" if self.skipped else ""),
            f"removed blocks: {kinds}",
            f"time: {self.seconds:.1f} s, {rate:.0f} docs/s",
        ]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready counts."""
        return {
            "records": self.records,
            "errors": self.errors,
            "skipped": self.skipped,
            "removed": dict(self.removed),
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.records / self.seconds, 1) if self.seconds > 0 else 0.0,
        }


def progress_bar(enabled: bool | None = None) -> Any:
    """A tqdm bar on stderr when it is a terminal (and tqdm is installed), else None."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(unit=" docs", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)


def default_workers() -> int:
    """Worker processes used by default: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def profile_job(fields: Fields, max_record_bytes: int, options: Options) -> Job:
    """The first-pass job of ``--site-templates``: a page signature per record."""
    return _ProfileJob(fields, max_record_bytes, options)


@dataclass(frozen=True, slots=True)
class _ProfileJob:
    fields: Fields
    max_record_bytes: int
    options: Options

    def __call__(self, raw: RawRecord) -> PageSignature | None:
        from cleanread.sites import page_signature

        try:
            page = _open_record(raw, self.fields, self.max_record_bytes)
            if isinstance(page, dict):
                return None
            return page_signature(page.url, page.source, max_bytes=self.options.max_input_bytes)
        except Exception:  # noqa: BLE001 - a bad record simply does not count
            return None

    def failed(self, _raw: RawRecord, _kind: str, _message: str) -> None:
        return None

    def warm_up(self) -> None:
        return None


# ------------------------------------------------------------------ cleanread batch


def _fingerprint(
    inputs: Sequence[str | Path], options: Options, fields: Fields, settings: Mapping[str, Any]
) -> dict[str, Any]:
    return {
        "inputs": [str(p) if str(p) == "-" else str(Path(p).resolve()) for p in inputs],
        "options": {
            "favor": options.favor,
            "include_comments": options.include_comments,
            "language": options.language,
            "max_input_bytes": options.max_input_bytes,
            "source_type": options.source_type,
            "include_images": options.include_images,
        },
        "fields": {"text": fields.text, "id": fields.id, "url": fields.url},
        **settings,
    }


def _check_paths(inputs: Sequence[str | Path], output: Path) -> None:
    if not inputs:
        raise BatchInputError("no input given")
    out = output.resolve()
    sidecars = {
        out,
        out.with_name(out.name + PARTIAL_SUFFIX),
        out.with_name(out.name + STATE_SUFFIX),
    }
    for path in inputs:
        if str(path) == "-":
            continue
        resolved = Path(path).resolve()
        if not resolved.exists():
            raise BatchInputError(f"{path}: no such file or directory")
        if resolved in sidecars or (resolved.is_dir() and resolved in out.parents):
            raise BatchInputError(f"refusing to write {output}: it is (inside) the input {path}")
        detect_format(path)
    if not out.parent.is_dir():
        raise BatchInputError(f"{output}: the folder {out.parent} does not exist")


def _input_records(
    inputs: Sequence[str | Path], fields: Fields, max_record_bytes: int
) -> Iterator[RawRecord]:
    """The records of ``inputs``, read with the job's field names and size limit."""
    return iter_records(
        inputs,
        max_record_bytes=max_record_bytes,
        text_field=fields.text,
        id_field=fields.id,
        url_field=fields.url,
    )


def build_profile(
    inputs: Sequence[str | Path],
    *,
    options: Options,
    fields: Fields,
    workers: int,
    max_record_bytes: int,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
) -> SiteProfile:
    """First pass of ``--site-templates``: count the lines of every site in ``inputs``."""
    from cleanread.sites import SiteProfileBuilder

    builder = SiteProfileBuilder()
    records = _input_records(inputs, fields, max_record_bytes)
    job = profile_job(fields, max_record_bytes, options)
    for chunk in run_pool(job, records, workers=workers, timeout=timeout):
        for signature in chunk:
            builder.add(signature)
    return builder.build()


def run_batch(
    inputs: Sequence[str | Path],
    output: str | Path,
    *,
    options: Options | None = None,
    workers: int | None = None,
    output_format: Literal["jsonl", "parquet"] | None = None,
    fields: Fields | None = None,
    resume: bool = False,
    site_templates: bool = False,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    progress: bool | None = None,
) -> BatchSummary:
    r"""Clean every record of ``inputs`` into ``output`` (what ``cleanread batch`` runs).

    Output is JSON Lines, or Parquet when ``output`` ends in ``.parquet``; it
    appears only when the run is complete. An interrupted run leaves
    ``OUTPUT.partial`` behind, which ``resume=True`` continues.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "in.jsonl").write_text('{"id": "a", "text": "Hello."}\n{oops\n')
    >>> summary = run_batch([d / "in.jsonl"], d / "out.jsonl", workers=0, progress=False)
    >>> summary.records, summary.errors
    (2, 1)
    >>> [json.loads(line)["id"] for line in (d / "out.jsonl").read_text().splitlines()]
    ['a', 2]
    """
    opts = options or Options()
    fields = fields or Fields()
    out = Path(output)
    _check_paths(inputs, out)
    if site_templates and any(str(p) == "-" for p in inputs):
        raise BatchInputError("--site-templates reads the input twice, so it cannot read stdin (-)")
    fmt = output_format or ("parquet" if out.name.lower().endswith(".parquet") else "jsonl")
    n_workers = default_workers() if workers is None else workers
    settings = {
        "format": fmt,
        "site_templates": site_templates,
        "max_record_bytes": max_record_bytes,
    }
    spool = OutputSpool(out, _fingerprint(inputs, opts, fields, settings), fmt)
    summary = BatchSummary()
    summary.skipped = spool.open(resume=resume)
    bar = progress_bar(progress)
    try:
        if site_templates:
            profile = build_profile(
                inputs,
                options=opts,
                fields=fields,
                workers=n_workers,
                max_record_bytes=max_record_bytes,
                timeout=timeout,
            )
            opts = opts.replace(site_profile=profile.compact())
        records = _input_records(inputs, fields, max_record_bytes)
        todo = itertools.islice(records, summary.skipped, None)
        job = CleanJob(opts, fields, max_record_bytes=max_record_bytes, encode=True)
        for chunk in run_pool(job, todo, workers=n_workers, timeout=timeout):
            spool.write(outcome.payload for outcome in chunk)
            for outcome in chunk:
                summary.add(outcome)
            if bar is not None:
                bar.update(len(chunk))
        spool.finish()
    finally:
        spool.close()
        if bar is not None:
            bar.close()
    return summary
