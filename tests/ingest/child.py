"""Run the ``parley`` command line in a child process, as cron would, for the multi-process tests.

These tests are about claims, overlap and crashes, not about language: by
default the child replaces the language layer's ``extract`` with an empty
extraction (every article is "seen, not coded") so that each process does not
pay the language layer's start-up cost.  Set ``PARLEY_TEST_REAL_LANGUAGE=1``
to run the real pipeline in the children instead.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    if os.environ.get("PARLEY_TEST_REAL_LANGUAGE") != "1":
        import app.language
        from app.language.types import Extraction

        def extract(text: str, published_date: object) -> Extraction:
            return Extraction(sentences=(), quotes=(), timexes=(), actors=(), events=())

        app.language.extract = extract  # type: ignore[assignment]  # before app.ingest.pipeline imports it
    from app.cli.main import cli

    cli(args=sys.argv[1:], prog_name="parley")


if __name__ == "__main__":
    main()
