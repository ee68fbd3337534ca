# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""Reading corpora into raw records, and writing batch results to disk.

Readers turn an input path into a stream of :class:`RawRecord` without parsing
the records themselves (that happens in the worker processes, see
:mod:`cleanread.batch`):

- a directory of ``.txt`` / ``.html`` / ``.htm`` files (one page per file, id = relative path);
- JSON Lines, plain, ``.gz`` or ``.zst`` (``zstandard``, extra ``cleanread[zstd]``);
- WARC and WET files (``.warc``, ``.warc.gz``, ``.wet``, ``.wet.gz``) through
  fastwarc (extra ``cleanread[warc]``);
- Parquet through pyarrow (extra ``cleanread[parquet]``).

Records larger than the size limit are never loaded whole: the reader skips
them and hands on an error record instead.

Writers never leave a half-written output behind: results go to
``OUTPUT.partial`` (JSON Lines, flushed after every chunk, fsynced at
intervals), and only a finished run is renamed to ``OUTPUT``. A JSON sidecar
``OUTPUT.partial.json`` remembers the inputs so that ``--resume`` can refuse to
continue a different job.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple, cast

from cleanread.blocks import Kind
from cleanread.errors import CleanreadError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

__all__ = [
    "DEFAULT_MAX_RECORD_BYTES",
    "PAGE_SUFFIXES",
    "BatchInputError",
    "InputFormat",
    "OutputSpool",
    "RawRecord",
    "detect_format",
    "iter_records",
    "write_parquet",
]

# Records larger than this (bytes of the raw line, file or payload) become error records.
DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024
# Page files read from a directory input.
PAGE_SUFFIXES = (".txt", ".html", ".htm")
# How much of an oversized JSON line is kept to find its id.
ID_SNIFF_BYTES = 4096
# Reading block size used to skip the rest of an oversized line.
SKIP_BLOCK_BYTES = 1024 * 1024
# Rows per Parquet batch, both when reading and when writing.
PARQUET_BATCH_ROWS = 512
# Seconds between fsyncs of the partial output (every chunk is flushed regardless).
FSYNC_INTERVAL_SECONDS = 2.0
# Suffix of the partial output and of its sidecar.
PARTIAL_SUFFIX = ".partial"
STATE_SUFFIX = ".partial.json"
# HTTP content types that are pages (other WARC responses are not records).
_PAGE_CONTENT_TYPE = re.compile(r"text/|html|xml", re.IGNORECASE)
_ID_IN_JSON = re.compile(rb'"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,20})')

InputFormat = Literal["dir", "jsonl", "warc", "parquet", "page"]
RecordKind = Literal["json", "page", "mapping", "error"]


class BatchInputError(CleanreadError, ValueError):
    """An input or output path of a batch job cannot be used (message says why)."""


class RawRecord(NamedTuple):
    """One record as read, before it is parsed or cleaned.

    ``kind`` says what ``data`` holds: ``"json"`` (one JSONL line, bytes),
    ``"page"`` (a whole page, bytes or str), ``"mapping"`` (a dict with text,
    id and url fields) or ``"error"`` (``data`` is ``(type, message)``).
    """

    kind: RecordKind
    data: Any
    id: Any = None
    url: str | None = None


def _strip_compression(name: str) -> tuple[str, str | None]:
    lower = name.lower()
    for suffix, codec in ((".gz", "gzip"), (".zst", "zstd")):
        if lower.endswith(suffix):
            return lower[: -len(suffix)], codec
    return lower, None


def detect_format(path: str | Path) -> InputFormat:
    """Say how ``path`` is read, from its type and file name.

    >>> detect_format("crawl/part-0001.jsonl.zst")
    'jsonl'
    >>> detect_format("CC-MAIN-1.warc.wet.gz")
    'warc'
    >>> detect_format("shard.parquet")
    'parquet'
    >>> detect_format("notes.pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleanread.formats.BatchInputError: notes.pdf: unknown input format; expected a directory, ...
    """
    if str(path) == "-":
        return "jsonl"
    if Path(path).is_dir():
        return "dir"
    base, _ = _strip_compression(Path(path).name)
    if base.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if base.endswith((".warc", ".wet")):
        return "warc"
    if base.endswith(".parquet"):
        return "parquet"
    if base.endswith(PAGE_SUFFIXES):
        return "page"
    raise BatchInputError(
        f"{path}: unknown input format; expected a directory, .jsonl[.gz|.zst], "
        ".warc[.gz], .wet[.gz], .parquet, .txt or .html"
    )


def _open_binary(path: str | Path) -> IO[bytes]:
    if str(path) == "-":
        return sys.stdin.buffer
    _, codec = _strip_compression(Path(path).name)
    if codec == "gzip":
        return cast("IO[bytes]", gzip.open(path, "rb"))
    if codec == "zstd":
        try:
            import zstandard
        except ImportError as exc:
            raise BatchInputError(
                f"{path}: reading .zst needs zstandard: pip install 'cleanread[zstd]'"
            ) from exc
        compressed = open(path, "rb")  # noqa: SIM115 - closed by the stream reader (closefd)
        raw = zstandard.ZstdDecompressor().stream_reader(compressed, closefd=True)
        return io.BufferedReader(raw)
    return open(path, "rb")


def _too_large(size: int, limit: int) -> tuple[str, str]:
    return ("RecordTooLarge", f"record of {size} bytes exceeds the limit of {limit} bytes")


def _sniff_id(prefix: bytes) -> Any:
    match = _ID_IN_JSON.search(prefix)
    if match is None:
        return None
    try:
        return json.loads(match.group(1))
    except ValueError:
        return None


def _iter_jsonl(path: str | Path, max_bytes: int) -> Iterator[RawRecord]:
    handle = _open_binary(path)
    try:
        number = 0
        while True:
            line = handle.readline(max_bytes + 1)
            if not line:
                return
            number += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                size = len(line)
                prefix = line[:ID_SNIFF_BYTES]
                del line
                while True:
                    rest = handle.readline(SKIP_BLOCK_BYTES)
                    size += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
                sniffed = _sniff_id(prefix)
                yield RawRecord(
                    "error", _too_large(size, max_bytes), sniffed if sniffed is not None else number
                )
                continue
            yield RawRecord("json", line, number)
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def _iter_page_file(path: Path, rel: str, max_bytes: int) -> Iterator[RawRecord]:
    size = path.stat().st_size
    if size > max_bytes:
        yield RawRecord("error", _too_large(size, max_bytes), rel)
    else:
        yield RawRecord("page", path.read_bytes(), rel)


def _iter_dir(path: Path, max_bytes: int) -> Iterator[RawRecord]:
    files = sorted(
        p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES)
    )
    for file in files:
        yield from _iter_page_file(file, file.relative_to(path).as_posix(), max_bytes)


def _iter_warc(path: str | Path, max_bytes: int) -> Iterator[RawRecord]:
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError as exc:
        raise BatchInputError(
            f"{path}: reading WARC/WET needs fastwarc: pip install 'cleanread[warc]'"
        ) from exc
    wanted = WarcRecordType.response | WarcRecordType.conversion | WarcRecordType.resource
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle, record_types=wanted, parse_http=True):
            record_id = record.headers.get("WARC-Record-ID")
            url = record.headers.get("WARC-Target-URI")
            if record.record_type == WarcRecordType.response:
                content_type = record.http_content_type or ""
                if content_type and not _PAGE_CONTENT_TYPE.search(content_type):
                    continue
            size = int(record.content_length)
            if size > max_bytes:
                yield RawRecord("error", _too_large(size, max_bytes), record_id, url)
                continue
            yield RawRecord("page", record.reader.read(), record_id, url)


def _iter_parquet(
    path: str | Path, max_bytes: int, fields: tuple[str | None, str, str]
) -> Iterator[RawRecord]:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise BatchInputError(
            f"{path}: reading Parquet needs pyarrow: pip install 'cleanread[parquet]'"
        ) from exc
    text_field, id_field, url_field = fields
    parquet = pq.ParquetFile(path)
    names = set(parquet.schema_arrow.names)
    text_candidates = (text_field,) if text_field else TEXT_FIELDS
    text_col = next((name for name in text_candidates if name in names), None)
    if text_col is None:
        raise BatchInputError(f"{path}: no text column (looked for {', '.join(text_candidates)})")
    columns = [c for c in (text_col, id_field, url_field) if c in names]
    row = 0
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
        for item in batch.to_pylist():
            row += 1
            value = item.get(text_col)
            size = len(value) if isinstance(value, (str, bytes)) else 0
            record_id = item.get(id_field, row)
            if size > max_bytes:
                yield RawRecord(
                    "error", _too_large(size, max_bytes), record_id, item.get(url_field)
                )
                continue
            yield RawRecord(
                "mapping", {"text": value, "id": record_id, "url": item.get(url_field)}, record_id
            )


# Field names tried, in order, for the page of a mapping record.
TEXT_FIELDS = ("text", "html", "content", "raw_content")


def iter_records(
    paths: Sequence[str | Path],
    *,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    text_field: str | None = None,
    id_field: str = "id",
    url_field: str = "url",
) -> Iterator[RawRecord]:
    r"""Read every input path in order, yielding one :class:`RawRecord` per record.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.jsonl").write_bytes(b'{"id": 7, "text": "Hi"}\nnot json\n')
    >>> [(r.kind, r.id) for r in iter_records([d / "a.jsonl"])]
    [('json', 1), ('json', 2)]
    """
    for path in paths:
        fmt = detect_format(path)
        if fmt == "dir":
            yield from _iter_dir(Path(path), max_record_bytes)
        elif fmt == "jsonl":
            yield from _iter_jsonl(path, max_record_bytes)
        elif fmt == "warc":
            yield from _iter_warc(path, max_record_bytes)
        elif fmt == "parquet":
            yield from _iter_parquet(path, max_record_bytes, (text_field, id_field, url_field))
        else:
            yield from _iter_page_file(Path(path), Path(path).name, max_record_bytes)


# ---------------------------------------------------------------- output


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _truncate_torn_tail(path: Path) -> int:
    """Cut a partial last line off ``path``; return the number of complete lines."""
    lines = 0
    good_end = 0
    with open(path, "rb") as handle:
        position = 0
        for line in handle:
            position += len(line)
            if line.endswith(b"\n"):
                lines += 1
                good_end = position
    if good_end != path.stat().st_size:
        with open(path, "r+b") as handle:
            handle.truncate(good_end)
    return lines


@dataclass
class OutputSpool:
    r"""The ``OUTPUT.partial`` JSON Lines file a batch run appends to.

    ``open()`` returns how many records are already done (0 unless resuming);
    ``write()`` appends a chunk of JSON lines and flushes; ``finish()`` writes
    the final file (JSONL or Parquet) atomically and removes the partial files.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
    >>> spool = OutputSpool(out, fingerprint={"inputs": ["x"]})
    >>> spool.open(resume=False)
    0
    >>> spool.write(['{"id": 1}'])
    >>> spool.finish()
    >>> out.read_text()
    '{"id": 1}\n'
    """

    output: Path
    fingerprint: dict[str, Any]
    output_format: Literal["jsonl", "parquet"] = "jsonl"
    _handle: IO[bytes] | None = None
    _last_sync: float = 0.0

    @property
    def partial(self) -> Path:
        """The path records are appended to while the run lasts."""
        return self.output.with_name(self.output.name + PARTIAL_SUFFIX)

    @property
    def state(self) -> Path:
        """The sidecar that records what job the partial output belongs to."""
        return self.output.with_name(self.output.name + STATE_SUFFIX)

    def open(self, *, resume: bool) -> int:
        """Prepare the partial file; return the number of records already written."""
        done = 0
        if resume and self.partial.exists():
            saved: dict[str, Any] = {}
            if self.state.exists():
                saved = json.loads(self.state.read_text(encoding="utf-8"))
            if saved != self.fingerprint:
                raise BatchInputError(
                    f"{self.partial} belongs to a different job (other inputs or options); "
                    "delete it or run without --resume"
                )
            done = _truncate_torn_tail(self.partial)
        elif self.partial.exists() and not resume:
            raise BatchInputError(
                f"{self.partial} exists from an interrupted run: pass --resume to continue it, "
                "or delete it to start over"
            )
        else:
            self.partial.write_bytes(b"")
        tmp_state = self.state.with_name(self.state.name + ".tmp")
        tmp_state.write_text(json.dumps(self.fingerprint, sort_keys=True), encoding="utf-8")
        tmp_state.replace(self.state)
        self._handle = open(self.partial, "ab")  # noqa: SIM115 - held until close()
        self._last_sync = time.monotonic()
        return done

    def write(self, lines: Iterable[str]) -> None:
        """Append JSON lines (without newlines) and flush; fsync every few seconds."""
        if self._handle is None:
            raise BatchInputError("OutputSpool.write() before open()")
        data = "".join(f"{line}\n" for line in lines).encode("utf-8")
        self._handle.write(data)
        self._handle.flush()
        now = time.monotonic()
        if now - self._last_sync >= FSYNC_INTERVAL_SECONDS:
            os.fsync(self._handle.fileno())
            self._last_sync = now

    def close(self) -> None:
        """Flush, fsync and close the partial file (the run can be resumed later)."""
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            self._handle = None

    def finish(self) -> None:
        """Turn the partial file into the final output, atomically."""
        self.close()
        if self.output_format == "parquet":
            tmp = self.output.with_name(self.output.name + ".tmp")
            with open(self.partial, "rb") as handle:
                write_parquet((json.loads(line) for line in handle), tmp)
            tmp.replace(self.output)
            self.partial.unlink()
        else:
            self.partial.replace(self.output)
        self.state.unlink(missing_ok=True)
        _fsync_dir(self.output.parent)


def _parquet_schema() -> Any:
    import pyarrow as pa

    string = pa.string()
    image = pa.struct([("caption", string), ("credit", string), ("credit_line", string)])
    section = pa.struct([("heading", string), ("paragraphs", pa.list_(string))])
    removed = pa.struct(
        [
            ("kind", string),
            ("text", string),
            ("lines", pa.list_(pa.int64())),
            ("path", string),
            ("reason", string),
        ]
    )
    flags = pa.struct([(kind.value, pa.bool_()) for kind in Kind])
    return pa.schema(
        [
            ("id", string),
            ("url", string),
            ("schema_version", pa.int64()),
            ("title", string),
            ("category", string),
            ("author", string),
            ("date", string),
            ("language", string),
            ("images", pa.list_(image)),
            ("image_credit", string),
            ("sections", pa.list_(section)),
            ("comments", pa.list_(string)),
            ("text", string),
            ("removed", pa.list_(removed)),
            ("flags", flags),
            ("encoding", string),
            ("source_type", string),
            ("truncated", pa.bool_()),
            ("notes", pa.list_(string)),
            ("error", pa.struct([("type", string), ("message", string)])),
        ]
    )


def _parquet_row(record: dict[str, Any]) -> dict[str, Any]:
    row = dict(record)
    row["id"] = None if row.get("id") is None else str(row["id"])
    return row


def write_parquet(records: Iterable[dict[str, Any]], path: Path) -> None:
    """Write result records (Document dicts with id/url, or error records) to Parquet.

    Ids are stored as strings; error records have null Document fields.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise BatchInputError(
            "writing Parquet needs pyarrow: pip install 'cleanread[parquet]'"
        ) from exc
    schema = _parquet_schema()
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(_parquet_row(record))
            if len(batch) >= PARQUET_BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
