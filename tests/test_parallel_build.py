"""The parallel, cached build writes exactly what a serial cold build without ``plugins.build_speed`` writes.

Byte for byte, every file: on the sample site (built by the session fixture
in parallel, with whatever the shared cache holds), and on a small generated
corpus built cold, then warm with nothing changed, then after an editor
changed one news item's text and one procedure's documents (pages reused from
the cache next to pages rendered again). The reference is always a serial
build without the plugin.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import CORPUS_NOW, generate_corpus
from tests.sitebuild import DEV_SETTINGS, PROJECT_ROOT, SAMPLE_CONTENT

PLUGIN = "plugins.build_speed"


def plugins_without_speed() -> list[str]:
    from pelicanconf import PLUGINS

    assert PLUGIN in PLUGINS, "plugins.build_speed must be enabled in pelicanconf.py"
    return [name for name in PLUGINS if name != PLUGIN]


def output_files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def assert_same_output(built: Path, reference: Path) -> None:
    ours, theirs = output_files(built), output_files(reference)
    assert ours.keys() == theirs.keys(), f"only in parallel: {sorted(ours.keys() - theirs.keys())[:5]}; only in serial: {sorted(theirs.keys() - ours.keys())[:5]}"
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert not differing, f"{len(differing)} files differ, e.g. {differing[:5]}"


def build(content: Path, output: Path, settings: dict, env: dict[str, str], quiet: bool = True) -> subprocess.CompletedProcess:
    """``pelican`` as ``make html`` runs it, with ``settings`` overridden (all in one ``-e``: a second would replace the first)."""
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(DEV_SETTINGS), "--fatal", "errors"]
    command += ["-q"] if quiet else ["-v"]
    command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    process = subprocess.run(command, cwd=PROJECT_ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=600)
    assert process.returncode == 0, process.stdout[-3000:] + process.stderr[-3000:]
    return process


def serial_reference(content: Path, output: Path, env: dict[str, str]) -> Path:
    build(content, output, {"PLUGINS": plugins_without_speed()}, env)
    return output


def test_sample_site_is_identical_to_a_serial_build_without_the_plugin(sample_site, tmp_path):
    assert_same_output(sample_site.output, serial_reference(SAMPLE_CONTENT, tmp_path / "serial", {"TZ": "UTC"}))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return generate_corpus(tmp_path_factory.mktemp("corpus") / "content", 70, seed=5).root


def build_parallel(content: Path, output: Path, cache: Path) -> str:
    process = build(content, output, {"BUILD_SPEED_CACHE_PATH": str(cache), "BUILD_SPEED_WORKERS": 2}, {"CCHC_NOW": CORPUS_NOW}, quiet=False)
    return process.stdout + process.stderr


def rendered_count(log: str) -> int:
    match = re.search(r"build_speed: (\d+) pages, (\d+) rendered", re.sub(r"\s+", " ", log))
    assert match, log[-2000:]
    return int(match.group(2))


def test_cold_warm_and_edited_builds_are_identical_to_serial_builds(corpus, tmp_path):
    env = {"CCHC_NOW": CORPUS_NOW}
    cache = tmp_path / "cache"
    cold_log = build_parallel(corpus, tmp_path / "cold", cache)
    assert rendered_count(cold_log) > 100
    reference = serial_reference(corpus, tmp_path / "serial", env)
    assert_same_output(tmp_path / "cold", reference)

    warm_log = build_parallel(corpus, tmp_path / "warm", cache)
    assert rendered_count(warm_log) == 0, warm_log[-3000:]
    assert_same_output(tmp_path / "warm", reference)
    build_parallel(corpus, tmp_path / "warm", cache)  # over its own output: every file is current and left alone
    assert_same_output(tmp_path / "warm", reference)

    news = sorted((corpus / "tin").glob("*.md"))[len(list((corpus / "tin").glob("*.md"))) // 2]
    news.write_text(news.read_text(encoding="utf-8") + "\nMột đoạn mới do biên tập viên bổ sung.\n", encoding="utf-8")
    procedure = sorted((corpus / "thu-tuc").glob("*.md"))[0]
    text = procedure.read_text(encoding="utf-8")
    procedure.write_text(text.replace("## Thành phần hồ sơ\n\n", "## Thành phần hồ sơ\n\n- Giấy tờ bổ sung | Số lượng: 01 bản sao\n", 1), encoding="utf-8")
    # Over the output of before the edits: the files whose key changed are written, the others left alone.
    edited_log = build_parallel(corpus, tmp_path / "warm", cache)
    assert 0 < rendered_count(edited_log) < 40
    edited_reference = serial_reference(corpus, tmp_path / "serial-edited", env)
    assert_same_output(tmp_path / "warm", edited_reference)
    build_parallel(corpus, tmp_path / "edited", cache)
    assert_same_output(tmp_path / "edited", edited_reference)
