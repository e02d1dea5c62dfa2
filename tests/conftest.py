"""Shared test fixtures: where the repository and the shared evaluation data are."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (CI has it); tests that need it skip without it."""
    if not (SHARED / "eval" / "seeds.gold.jsonl").is_file():
        pytest.skip("../shared/eval is not beside this checkout")
    return SHARED
