"""``python -m app`` is the ``parley`` command."""

from app.cli.main import run

run()
