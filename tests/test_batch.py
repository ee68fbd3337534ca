# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""clean_many and the worker pool: order, one result per record, errors, limits, resume."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass

import pytest

from cleanread import Options
from cleanread.batch import (
    NOTE_INVALID_UTF8,
    BatchSummary,
    CleanJob,
    Fields,
    clean_many,
    run_batch,
    run_pool,
)
from cleanread.formats import BatchInputError, RawRecord

PAGE = (
    "Sport\n\nA Headline For The Day\n\n"
    + "This is the body of the page, long enough to count. " * 3
)


def _records(n: int) -> list[object]:
    return [
        {"id": f"r{i}", "url": f"https://example.com/{i}", "text": f"{PAGE}\n\nPage {i} ends."}
        for i in range(n)
    ]


@dataclass(frozen=True)
class SleepyJob:
    """A job whose records can hang or kill their worker (for the pool tests)."""

    def __call__(self, raw: RawRecord) -> object:
        if raw.data == "hang":
            time.sleep(120)
        if raw.data == "die":
            os._exit(3)
        return raw.data

    def failed(self, raw: RawRecord, kind: str, _message: str) -> object:
        return ("failed", raw.id, kind)

    def warm_up(self) -> None:
        return None


def test_in_process_results_in_order_with_ids_and_urls():
    results = list(clean_many(_records(5)))
    assert [r["id"] for r in results] == [f"r{i}" for i in range(5)]
    assert results[3]["url"] == "https://example.com/3"
    assert results[0]["title"] == "A Headline For The Day"
    assert results[0]["notes"] == []


def test_pool_gives_the_same_results_as_in_process():
    records = [*_records(40), 42, b"\xff\xfeBad bytes", ""]
    assert list(clean_many(records, workers=2, chunk_size=3)) == list(clean_many(records))


def test_every_bad_record_gives_one_error_record():
    records = [None, 3.5, {"id": "no-text"}, {"id": "int-text", "text": 5}, PAGE]
    results = list(clean_many(records))
    assert len(results) == len(records)
    assert [r.get("error", {}).get("type") for r in results] == [
        "InputError",
        "InputError",
        "InputError",
        "InputError",
        None,
    ]
    assert results[2]["id"] == "no-text"


def test_jsonl_lines_invalid_json_and_invalid_utf8():
    lines = [
        b'{"id": "ok", "text": "Caf\xc3\xa9 text here."}\n',
        b"{not json\n",
        b'{"id": "latin", "text": "Caf\xe9 au lait."}\n',
        b"\n",
        b"[1, 2]\n",
    ]
    raws = [RawRecord("json", line, n) for n, line in enumerate(lines, start=1)]
    results = list(clean_many(raws))
    assert results[0]["id"] == "ok"
    assert results[1] == {
        "id": 2,
        "url": None,
        "error": {"type": "JSONDecodeError", "message": results[1]["error"]["message"]},
    }
    assert results[2]["id"] == "latin"
    assert results[2]["notes"] == [NOTE_INVALID_UTF8]
    assert "error" not in results[2]
    assert results[3]["error"]["type"] == "EmptyRecord"
    assert results[4]["error"]["type"] == "InputError"


def test_record_size_limit():
    results = list(clean_many(["x" * 100, "short page"], max_record_bytes=50))
    assert results[0]["error"]["type"] == "RecordTooLarge"
    assert "error" not in results[1]


def test_custom_fields():
    records = [{"doc_id": 9, "link": "https://a.example/", "body": PAGE}]
    result = next(clean_many(records, fields=Fields(text="body", id="doc_id", url="link")))
    assert (result["id"], result["url"]) == (9, "https://a.example/")


def test_options_reach_the_workers():
    job = CleanJob(Options(language="de"))
    outcome = job(RawRecord("page", PAGE, 1))
    assert outcome.payload["language"] == "de"


def test_stuck_record_times_out_and_worker_is_replaced():
    raws = [RawRecord("page", value, n) for n, value in enumerate(["a", "b", "hang", "c", "d"])]
    results = [
        r
        for chunk in run_pool(SleepyJob(), raws, workers=1, timeout=1.0, chunk_size=2)
        for r in chunk
    ]
    assert results == ["a", "b", ("failed", 2, "TimeoutError"), "c", "d"]


def test_dead_worker_gives_an_error_record_and_the_batch_goes_on():
    raws = [RawRecord("page", value, n) for n, value in enumerate(["a", "die", "b", "c"])]
    results = [r for chunk in run_pool(SleepyJob(), raws, workers=2, chunk_size=3) for r in chunk]
    assert results == ["a", ("failed", 1, "WorkerDied"), "b", "c"]


def test_workers_are_recycled_without_losing_records():
    raws = [RawRecord("page", str(n), n) for n in range(25)]
    chunks = run_pool(SleepyJob(), raws, workers=2, chunk_size=2, max_records_per_worker=4)
    assert [r for chunk in chunks for r in chunk] == [str(n) for n in range(25)]


def test_summary_counts():
    summary = BatchSummary()
    job = CleanJob()
    for raw in [RawRecord("page", PAGE, 1), RawRecord("error", ("X", "y"), 2)]:
        summary.add(job(raw))
    assert (summary.records, summary.errors) == (2, 1)
    assert "records: 2 (1 errors)" in summary.format()


def _write_jsonl(path, n):
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(record) + "\n" for record in _records(n))
        handle.write("{broken\n")


def test_run_batch_writes_one_line_per_record(tmp_path):
    _write_jsonl(tmp_path / "in.jsonl", 10)
    summary = run_batch([tmp_path / "in.jsonl"], tmp_path / "out.jsonl", workers=0, progress=False)
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 11
    assert json.loads(lines[-1])["id"] == 11
    assert (summary.records, summary.errors) == (11, 1)
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_resume_continues_after_a_torn_line(tmp_path):
    _write_jsonl(tmp_path / "in.jsonl", 12)
    inputs = [tmp_path / "in.jsonl"]
    run_batch(inputs, tmp_path / "full.jsonl", workers=0, progress=False)
    full = (tmp_path / "full.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    # an interrupted run: the sidecar, 5 complete lines and half of the 6th
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        _interrupted_run(inputs, out)
    partial = tmp_path / "out.jsonl.partial"
    partial.write_text("".join(full[:5]) + full[5][:20], encoding="utf-8")
    with pytest.raises(BatchInputError, match="--resume"):
        run_batch(inputs, out, workers=0, progress=False)
    summary = run_batch(inputs, out, workers=0, progress=False, resume=True)
    assert summary.skipped == 5
    assert out.read_text(encoding="utf-8").splitlines(keepends=True) == full


def _interrupted_run(inputs, out):
    from cleanread import batch

    real = batch.run_pool

    def interrupted(*args, **kwargs):
        yield from ()
        raise KeyboardInterrupt

    batch.run_pool = interrupted
    try:
        run_batch(inputs, out, workers=0, progress=False)
    finally:
        batch.run_pool = real


def test_resume_refuses_another_job(tmp_path):
    _write_jsonl(tmp_path / "a.jsonl", 2)
    _write_jsonl(tmp_path / "b.jsonl", 2)
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        _interrupted_run([tmp_path / "a.jsonl"], out)
    with pytest.raises(BatchInputError, match="different job"):
        run_batch([tmp_path / "b.jsonl"], out, workers=0, progress=False, resume=True)


def test_output_may_not_be_an_input(tmp_path):
    _write_jsonl(tmp_path / "in.jsonl", 1)
    with pytest.raises(BatchInputError, match="refusing"):
        run_batch([tmp_path / "in.jsonl"], tmp_path / "in.jsonl", workers=0, progress=False)
