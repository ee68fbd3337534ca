# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""The command line: cleanread clean, cleanread batch, --version, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cleanread import __version__
from cleanread.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main

PAGE = (
    "Sport\n\nA Headline For The Day\n\n"
    + "This is the body of the page, long enough to count. " * 3
)


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == EXIT_OK
    assert capsys.readouterr().out.strip() == f"cleanread {__version__}"


def test_clean_prints_document_json(page, capsys):
    assert main(["clean", str(page)]) == EXIT_OK
    doc = json.loads(capsys.readouterr().out)
    assert doc["title"] == "A Headline For The Day"
    assert doc["schema_version"] == 1


@pytest.mark.parametrize(
    ("fmt", "start"), [("markdown", "# A Headline"), ("text", "A Headline")], ids=["md", "text"]
)
def test_clean_formats(page, capsys, fmt, start):
    assert main(["clean", str(page), "--format", fmt]) == EXIT_OK
    assert capsys.readouterr().out.startswith(start)


def test_clean_options(page, capsys):
    assert (
        main(["clean", str(page), "--language", "de", "--favor", "precision", "--include-comments"])
        == EXIT_OK
    )
    assert json.loads(capsys.readouterr().out)["language"] == "de"


def test_clean_stdin():
    proc = subprocess.run(
        [sys.executable, "-m", "cleanread.cli", "clean", "-", "--format", "text"],
        input=PAGE.encode(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == EXIT_OK
    assert proc.stdout.decode().startswith("A Headline For The Day")


def test_missing_file_is_an_input_error(tmp_path, capsys):
    assert main(["clean", str(tmp_path / "nope.txt")]) == EXIT_INPUT
    assert "nope.txt" in capsys.readouterr().err


def test_directory_is_an_input_error(tmp_path, capsys):
    assert main(["clean", str(tmp_path)]) == EXIT_INPUT
    assert "cleanread batch" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["clean"],
        ["clean", "x", "--favor", "fast"],
        ["clean", "x", "--language", "12"],
        ["batch", "x"],
        ["frobnicate"],
    ],
    ids=["no-path", "bad-favor", "bad-language", "no-output", "unknown-command"],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


def test_batch_directory_to_jsonl_and_parquet(tmp_path, capsys):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(PAGE, encoding="utf-8")
    (pages / "b.html").write_text(f"<html><body><p>{PAGE}</p></body></html>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(pages), "-o", str(out), "--workers", "0"]) == EXIT_OK
    assert "records: 2 (0 errors)" in capsys.readouterr().err
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        "a.txt",
        "b.html",
    ]
    pytest.importorskip("pyarrow")
    parquet = tmp_path / "out.parquet"
    assert (
        main(["batch", str(pages), "-o", str(parquet), "--workers", "1", "--site-templates"])
        == EXIT_OK
    )
    assert parquet.exists()


def test_batch_refuses_to_overwrite_its_input(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "x"}\n', encoding="utf-8")
    assert main(["batch", str(source), "-o", str(source)]) == EXIT_INPUT
    assert "refusing" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == '{"text": "x"}\n'
