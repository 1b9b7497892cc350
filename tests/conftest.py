"""Shared fixtures: offscreen Qt, the shared corpus, settings paths in tmp, tiny in-memory documents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("REDLINER_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """../shared/corpus; skipped on a clone without it, but a missing corpus fails under CI."""
    if not CORPUS.is_dir():
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"the shared corpus is missing at {CORPUS} (CI=true requires it)")
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def samples(corpus) -> Path:
    return corpus / "samples"
