"""Fingerprinted theme assets: names follow content, templates get the published address."""

from __future__ import annotations

import pytest

from plugins.site_sections.assets import (
    UnknownAsset,
    asset_url_filter,
    fingerprint_assets,
    fingerprinted_name,
    write_fingerprinted_copies,
)


def test_name_carries_the_digest_before_the_suffix():
    assert fingerprinted_name("css/site.css", "0123456789") == "css/site.0123456789.css"


def test_css_and_js_are_fingerprinted_and_the_name_changes_with_the_content(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body{color:red}")
    (tmp_path / "site.js").write_text("1")
    (tmp_path / "logo.svg").write_text("<svg/>")
    first = fingerprint_assets(tmp_path)
    assert set(first) == {"css/site.css", "site.js"}
    (tmp_path / "css" / "site.css").write_text("body{color:blue}")
    second = fingerprint_assets(tmp_path)
    assert first["css/site.css"] != second["css/site.css"]
    assert first["site.js"] == second["site.js"]


def test_filter_gives_the_published_address_and_refuses_unknown_files(tmp_path):
    (tmp_path / "app.js").write_text("1")
    asset_url = asset_url_filter(fingerprint_assets(tmp_path), "theme")
    assert asset_url("app.js").startswith("theme/app.") and asset_url("app.js").endswith(".js")
    with pytest.raises(UnknownAsset):
        asset_url("missing.css")


def test_copies_are_written_under_the_target(tmp_path):
    source, target = tmp_path / "static", tmp_path / "out"
    (source / "css").mkdir(parents=True)
    (source / "css" / "a.css").write_text("a{}")
    fingerprints = fingerprint_assets(source)
    written = write_fingerprinted_copies(source, fingerprints, target)
    assert [p.relative_to(target).as_posix() for p in written] == [fingerprints["css/a.css"]]
    assert written[0].read_text() == "a{}"
