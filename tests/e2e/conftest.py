"""End-to-end fixtures: the command line run in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pmodesk import cli

#: ``run(*args)`` -> (exit code, standard output, standard error).
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``pmodesk <args>`` in-process; returns (exit code, stdout, stderr)."""

    def invoke(*args: str | Path) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke
