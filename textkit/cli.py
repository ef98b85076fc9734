"""The ``textkit`` command: ``textkit report SEEDS [--out DIR] [--jobs N] [-p NAME VALUE …]``.

``make report`` calls it. ``textkit --help`` lists the commands.

>>> main(["--help"])  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="textkit", description="Computational study of Chinese official discourse."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    report = commands.add_parser(
        "report",
        help="run every notebook on a folder of articles and write the HTML report",
        description="Run notebooks/NN_*.ipynb on SEEDS and write an HTML report (what `make report` does).",
    )
    report.add_argument("seeds", metavar="SEEDS", help="folder of article files (searched recursively)")
    from textkit.report import add_run_arguments

    add_run_arguments(report)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``textkit`` console script; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from textkit.report import _run

    return _run(
        args.seeds, args.notebooks, args.out, args.cache, dict(args.parameter), args.jobs, args.cache_max_mb,
        args.at_once, args.memory_budget,
    )


if __name__ == "__main__":
    sys.exit(main())
