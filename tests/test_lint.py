"""The code base passes its own linter (the rules chosen in pyproject.toml), so style drift fails CI."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from app.settings import PROJECT_ROOT


def test_ruff_finds_nothing() -> None:
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed: pip install -e '.[test]'")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
