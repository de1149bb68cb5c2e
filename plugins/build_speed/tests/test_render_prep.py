"""What the render does ahead of the workers and remembers: templates loaded before the fork, striptags results."""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment
from jinja2.filters import do_striptags
from markupsafe import Markup

from plugins.build_speed import filters
from plugins.build_speed.fingerprint import ItemView
from plugins.build_speed.rendering import ReadTracker, compile_ahead

TEXTS = [
    "",
    "Thủ tục <b>đăng ký</b> khai sinh",
    "a &amp; b &lt;i&gt; <br/>  nhiều   khoảng\n trắng ",
    "<!-- chú thích --> còn <script>x</script> lại",
    Markup("Đã <em>đánh dấu</em> &amp; an toàn"),
    "&lt;không phải thẻ&gt; &#39;nháy&#39;",
]


class WithHTML:
    def __html__(self) -> str:
        return "<p>Có &amp; __html__</p>"


@pytest.mark.parametrize("value", [*TEXTS, WithHTML(), 42, None])
def test_striptags_gives_jinjas_result_and_type(value):
    filters._stripped.cache_clear()
    for _ in range(2):  # computed, then remembered
        result = filters.striptags(value)
        assert result == do_striptags(value)
        assert type(result) is type(do_striptags(value))


def test_str_and_markup_of_the_same_text_give_one_result_remembered():
    filters._stripped.cache_clear()
    for _ in range(2):
        assert filters.striptags("a <b>b</b>") == filters.striptags(Markup("a <b>b</b>")) == "a b"
    assert filters._stripped.cache_info().hits == 2


def test_install_replaces_jinjas_filter_only():
    environment = Environment()
    filters.install(environment)
    assert environment.filters["striptags"] is filters.striptags
    assert environment.from_string("{{ t|striptags }}").render(t="<i>x</i>  y") == "x y"
    own = Environment()
    own.filters["striptags"] = str.upper
    filters.install(own)
    assert own.filters["striptags"] is str.upper


def test_tracker_leaves_the_remembering_filters_unwrapped():
    environment = Environment()
    filters.install(environment)
    ReadTracker({}).watch(environment)
    assert environment.filters["striptags"] is filters.striptags


def test_inlined_getattr_reads_like_jinjas():
    class Item:
        title = "Tiêu đề"

    item = Item()
    environment = Environment()
    tracker = ReadTracker({id(item): ItemView("/c/a.md", "fp", frozenset(), ())})
    tracker.watch(environment)
    assert environment.from_string("{{ i.title }}|{{ d.key }}|{{ i.nothing is defined }}").render(i=item, d={"key": 1}) == "Tiêu đề|1|False"
    assert tracker.read == {"/c/a.md"}


def test_templates_are_loaded_with_what_they_extend_include_and_import():
    loader = DictLoader(
        {
            "page.html": '{% extends "base.html" %}{% from "_list.html" import item_list with context %}{% block b %}{{ item_list() }}{% endblock %}',
            "base.html": '{% include "head.html" ignore missing %}{%- include "feeds/links.html" -%}{% block b %}{% endblock %}',
            "_list.html": "{% macro item_list() %}danh sách{% endmacro %}",
            "feeds/links.html": "<link>",
            "unused.html": "không dùng",
        }
    )
    environments = [Environment(loader=loader), Environment(loader=loader)]
    pages = [environment.get_template("page.html") for environment in environments]
    compile_ahead(pages)
    for environment in environments:
        assert {key[1] for key in environment.cache} == {"page.html", "base.html", "_list.html", "feeds/links.html"}
    assert pages[0].render() == "<link>danh sách"


def test_a_broken_template_named_only_in_a_comment_does_not_stop_the_loading():
    loader = DictLoader(
        {
            "page.html": '{# {% include "old.html" %} #}{% include "part.html" %}',
            "old.html": "{% if %}",
            "part.html": "phần",
        }
    )
    environment = Environment(loader=loader)
    page = environment.get_template("page.html")
    compile_ahead([page])
    assert {key[1] for key in environment.cache} == {"page.html", "part.html"}
    assert page.render() == "phần"
