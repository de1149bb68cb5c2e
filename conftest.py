"""Fixtures shared by tests/ and every plugin's tests."""

from __future__ import annotations

import pytest

from tests.sitebuild import SAMPLE_CONTENT, BuiltSite, run_pelican


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> BuiltSite:
    """The sample commune built once per session, with the machine's TZ set to UTC."""
    output = tmp_path_factory.mktemp("sample-site")
    process = run_pelican(SAMPLE_CONTENT, output, env={"TZ": "UTC"})
    assert process.returncode == 0, f"sample site failed to build:\n{process.stdout}\n{process.stderr}"
    return BuiltSite(output, process)
