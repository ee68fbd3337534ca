# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""The ``cleanread`` command line: ``clean`` for one page, ``batch`` for corpora.

Exit codes: 0 ok, 2 usage error (argparse), 1 input error (message on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cleanread.__about__ import __version__
from cleanread.errors import CleanreadError, OptionsError
from cleanread.options import FAVOR_SHIFT, Options

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["EXIT_INPUT", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
PROG = "cleanread"


def _add_option_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--favor",
        choices=tuple(FAVOR_SHIFT),
        default="balanced",
        help="shift every threshold together",
    )
    parser.add_argument(
        "--include-comments", action="store_true", help="keep reader comments in Document.comments"
    )
    parser.add_argument("--language", help="ISO 639-1 code that skips language detection, e.g. de")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Turn raw scraped pages into clean, structured, explained documents."
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    one = commands.add_parser("clean", help="clean one page (a file, or - for stdin)")
    one.add_argument("path", metavar="PATH|-", help="text dump or HTML file; - reads stdin")
    one.add_argument("--format", choices=("json", "markdown", "text"), default="json")
    one.add_argument("--url", help="the page's url (metadata, site templates)")
    _add_option_flags(one)

    many = commands.add_parser(
        "batch", help="clean a corpus: directories, JSONL, WARC/WET, Parquet"
    )
    many.add_argument("inputs", nargs="+", metavar="INPUT", help="inputs, read in order")
    many.add_argument("-o", "--output", required=True, help="output file (.jsonl or .parquet)")
    many.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: all CPUs; 0: none)"
    )
    many.add_argument(
        "--format", choices=("jsonl", "parquet"), default=None, help="default: from -o's suffix"
    )
    many.add_argument(
        "--text-field",
        default=None,
        help="page field of JSONL/Parquet records (default: text, html, ...)",
    )
    many.add_argument(
        "--id-field", default="id", help="id field (default: id; else the line number)"
    )
    many.add_argument("--url-field", default="url", help="url field (default: url)")
    many.add_argument("--resume", action="store_true", help="continue an interrupted run")
    many.add_argument(
        "--site-templates", action="store_true", help="learn and remove each site's template lines"
    )
    many.add_argument(
        "--max-record-bytes", type=int, default=None, help="larger records become error records"
    )
    many.add_argument(
        "--timeout", type=float, default=None, help="seconds per record before it is given up"
    )
    many.add_argument(
        "--no-progress", action="store_true", help="no progress bar even on a terminal"
    )
    many.add_argument(
        "--summary-json", default=None, help="also write the summary as JSON to this file"
    )
    _add_option_flags(many)
    return parser


def _options(
    args: argparse.Namespace, parser: argparse.ArgumentParser, url: str | None = None
) -> Options:
    try:
        return Options(
            favor=args.favor,
            include_comments=args.include_comments,
            language=args.language,
            url=url,
        )
    except OptionsError as exc:
        parser.error(str(exc))


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    file = Path(path)
    if file.is_dir():
        raise CleanreadError(
            f"{path} is a directory; use `cleanread batch {path} -o OUTPUT` for many pages"
        )
    try:
        return file.read_bytes()
    except OSError as exc:
        raise CleanreadError(f"{path}: {exc.strerror or exc}") from exc


def _clean_one(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from cleanread.core import clean

    options = _options(args, parser, url=args.url)
    doc = clean(_read(args.path), options)
    if args.format == "markdown":
        out = doc.to_markdown()
    elif args.format == "text":
        out = doc.text
    else:
        out = doc.to_json(indent=2)
    sys.stdout.write(out + "\n")
    sys.stdout.flush()
    return EXIT_OK


def _batch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from cleanread.batch import DEFAULT_TIMEOUT_SECONDS, Fields, run_batch
    from cleanread.formats import DEFAULT_MAX_RECORD_BYTES

    if args.workers is not None and args.workers < 0:
        parser.error("--workers must be 0 or more")
    if args.max_record_bytes is not None and args.max_record_bytes <= 0:
        parser.error("--max-record-bytes must be positive")
    if args.timeout is not None and args.timeout <= 0:
        parser.error("--timeout must be positive")
    summary = run_batch(
        args.inputs,
        args.output,
        options=_options(args, parser),
        workers=args.workers,
        output_format=args.format,
        fields=Fields(text=args.text_field, id=args.id_field, url=args.url_field),
        resume=args.resume,
        site_templates=args.site_templates,
        max_record_bytes=args.max_record_bytes or DEFAULT_MAX_RECORD_BYTES,
        timeout=args.timeout or DEFAULT_TIMEOUT_SECONDS,
        progress=False if args.no_progress else None,
    )
    print(summary.format(), file=sys.stderr)
    if args.summary_json:
        Path(args.summary_json).write_text(
            json.dumps(summary.to_dict(), indent=2), encoding="utf-8"
        )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    >>> main(["--version"])
    Traceback (most recent call last):
    ...
    SystemExit: 0
    """
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "clean":
            return _clean_one(args, parser)
        return _batch(args, parser)
    except CleanreadError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): nothing more to say
        return EXIT_OK
    except OSError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted (rerun with --resume to continue a batch)", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
