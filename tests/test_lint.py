"""The code style the pre-commit hooks enforce, checked in CI too."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).with_name("ruff")
TARGETS = ["src", "tests", "notebooks"]


@pytest.fixture(scope="module")
def ruff() -> str:
    found = str(RUFF) if RUFF.exists() else shutil.which("ruff")
    if found is None:
        pytest.fail("ruff is not installed; run make setup")
    return found


def test_ruff_finds_nothing(ruff):
    result = subprocess.run(
        [ruff, "check", *TARGETS], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_code_is_formatted(ruff):
    result = subprocess.run(
        [ruff, "format", "--check", *TARGETS], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
