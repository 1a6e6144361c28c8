"""Fixtures of the site tests: the fixture dataset and one strict build of it per session."""

from pathlib import Path

import pytest

from accesswatch.sitegen.build import build_site
from accesswatch.tables import load_dataset

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(scope="session")
def fixture_dataset():
    return load_dataset(FIXTURE_DATA)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """The fixture dataset built (strict) into a temporary folder; returns the BuildReport."""
    root = tmp_path_factory.mktemp("fixture-site")
    return build_site(FIXTURE_DATA, root / "site", base_url="https://example.org/aw/")
