"""A progress bar for people, silence for cron.

On an interactive terminal (stderr is a TTY) long commands draw a rich progress
bar on stderr; otherwise nothing is drawn and the command prints only its
one-line machine-readable summary on stdout, which is what cron mails and logs
want.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["progress_bar"]


@contextmanager
def progress_bar(label: str, *, force: bool | None = None) -> Iterator[Callable[[int, int], None] | None]:
    """A ``(done, total)`` callback drawing a bar on a TTY, or None when stderr is not interactive."""
    interactive = sys.stderr.isatty() if force is None else force
    if not interactive:
        yield None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=max(total, done))

        yield update
