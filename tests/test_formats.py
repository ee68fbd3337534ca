# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""Readers (directories, JSONL, WARC/WET, Parquet) and the atomic, resumable output spool."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from cleanread.batch import clean_many
from cleanread.formats import (
    BatchInputError,
    OutputSpool,
    _truncate_torn_tail,
    detect_format,
    iter_records,
    write_parquet,
)

HTML = (
    b"<html><head><title>T</title></head><body><p>"
    + b"A paragraph of real text here. " * 5
    + b"</p></body></html>"
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.jsonl", "jsonl"),
        ("a.jsonl.gz", "jsonl"),
        ("a.ndjson.zst", "jsonl"),
        ("a.warc.gz", "warc"),
        ("a.wet", "warc"),
        ("a.parquet", "parquet"),
        ("a.html", "page"),
    ],
    ids=str,
)
def test_detect_format(name, expected):
    assert detect_format(name) == expected


def test_unknown_format_is_an_input_error():
    with pytest.raises(BatchInputError, match="unknown input format"):
        detect_format("x.pdf")


def test_directory_of_pages_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.html").write_bytes(HTML)
    (tmp_path / "one.txt").write_text("Hello.", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    records = list(iter_records([tmp_path]))
    assert [(r.kind, r.id) for r in records] == [("page", "b/two.html"), ("page", "one.txt")]


def test_jsonl_gz_and_zst(tmp_path):
    zstandard = pytest.importorskip("zstandard")
    data = b'{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n'
    with gzip.open(tmp_path / "a.jsonl.gz", "wb") as handle:
        handle.write(data)
    (tmp_path / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    for name in ("a.jsonl.gz", "b.jsonl.zst"):
        assert [r.data for r in iter_records([tmp_path / name])] == data.splitlines(keepends=True)


def test_oversized_jsonl_line_is_skipped_with_its_id(tmp_path):
    big = b'{"id": "big", "text": "' + b"x" * 5000 + b'"}\n'
    (tmp_path / "a.jsonl").write_bytes(
        b'{"id": 1, "text": "a"}\n' + big + b'{"id": 3, "text": "c"}\n'
    )
    records = list(iter_records([tmp_path / "a.jsonl"], max_record_bytes=1000))
    assert [r.kind for r in records] == ["json", "error", "json"]
    assert records[1].id == "big"
    assert records[1].data[0] == "RecordTooLarge"
    results = list(clean_many(records))
    assert [r["id"] for r in results] == [1, "big", 3]


def _warc(path, *, wet: bool) -> None:
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=str(path).endswith(".gz"))
        if wet:
            for n in range(2):
                text = f"Page {n}\n\nA paragraph of real text number {n}.".encode()
                record = writer.create_warc_record(
                    f"https://example.com/{n}",
                    "conversion",
                    payload=io.BytesIO(text),
                    length=len(text),
                    warc_headers_dict={"Content-Type": "text/plain"},
                )
                writer.write_record(record)
            return
        for n, (ctype, body) in enumerate(
            [("text/html; charset=utf-8", HTML), ("image/png", b"\x89PNG")]
        ):
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://example.com/{n}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
            )
            writer.write_record(record)
        get = b"GET / HTTP/1.1\r\n\r\n"
        request = writer.create_warc_record(
            "https://example.com/0", "request", payload=io.BytesIO(get), length=len(get)
        )
        writer.write_record(request)
    assert warcio  # the writer library is the reference


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"], ids=["warc", "warc.gz"])
def test_warc_response_records(tmp_path, name):
    pytest.importorskip("fastwarc")
    _warc(tmp_path / name, wet=False)
    records = list(iter_records([tmp_path / name]))
    assert [(r.kind, r.url) for r in records] == [("page", "https://example.com/0")]
    assert records[0].id.startswith("<urn:uuid:")
    assert records[0].data == HTML
    (result,) = clean_many(records)
    assert result["url"] == "https://example.com/0"
    assert "A paragraph of real text here." in result["text"]


@pytest.mark.parametrize("name", ["crawl.warc.wet", "crawl.warc.wet.gz"], ids=["wet", "wet.gz"])
def test_wet_conversion_records(tmp_path, name):
    pytest.importorskip("fastwarc")
    _warc(tmp_path / name, wet=True)
    records = list(iter_records([tmp_path / name]))
    assert [r.url for r in records] == ["https://example.com/0", "https://example.com/1"]
    assert records[1].data.startswith(b"Page 1")


def test_parquet_in_and_out(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "doc": ["First page text.", "Second."],
            "key": ["a", "b"],
            "url": ["https://x.example/", None],
        }
    )
    pq.write_table(table, tmp_path / "in.parquet")
    records = list(iter_records([tmp_path / "in.parquet"], text_field="doc", id_field="key"))
    assert [r.id for r in records] == ["a", "b"]
    results = [*clean_many(records), {"id": 3, "url": None, "error": {"type": "X", "message": "y"}}]
    write_parquet(results, tmp_path / "out.parquet")
    back = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [row["id"] for row in back] == ["a", "b", "3"]
    assert back[0]["url"] == "https://x.example/"
    assert back[2]["error"] == {"type": "X", "message": "y"}
    assert back[0]["flags"]["ad"] is False


def test_torn_tail_is_truncated(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_bytes(b'{"a": 1}\n{"a": 2}\n{"a"')
    assert _truncate_torn_tail(path) == 2
    assert path.read_bytes() == b'{"a": 1}\n{"a": 2}\n'


def test_spool_writes_parquet_atomically(tmp_path):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    out = tmp_path / "out.parquet"
    spool = OutputSpool(out, {"job": 1}, "parquet")
    assert spool.open(resume=False) == 0
    spool.write([json.dumps({"id": 1, "url": None, "error": {"type": "X", "message": "m"}})])
    assert not out.exists()
    spool.finish()
    assert pq.read_table(out).num_rows == 1
    assert not spool.partial.exists()
    assert not spool.state.exists()
