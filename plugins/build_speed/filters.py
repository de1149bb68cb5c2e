"""Jinja filters that give Jinja's own results, remembered across the pages a worker renders.

An item's title and summary are stripped of their tags on every listing page
that shows the item (its tags, its area, its unit, its month and year…): the
same strings, over and over. :func:`striptags` is Jinja's ``striptags`` with
the result of each string kept, so the work is done once per string in each
render worker.
"""

from __future__ import annotations

import functools

from jinja2 import Environment
from jinja2.filters import do_striptags
from markupsafe import Markup

# Titles and summaries of a large site fit; a bound keeps a devserver's memory flat.
STRIPPED_KEPT = 16384


@functools.lru_cache(maxsize=STRIPPED_KEPT)
def _stripped(text: str) -> str:
    return Markup(text).striptags()


def striptags(value: object) -> str:
    """Jinja's ``striptags``: the same ``str`` for the same text, computed once per text."""
    # Exactly str and Markup only: both stand for their characters (Jinja takes a Markup's __html__, itself),
    # so equal texts give equal results; any other object goes to Jinja's filter, which may call its __html__.
    if type(value) is str or type(value) is Markup:
        return _stripped(value)
    return do_striptags(value)


# Filters that read only the text they are given: the read tracker need not look at their arguments.
striptags.reads_no_item = True  # type: ignore[attr-defined]

# Each filter by name, with the Jinja filter it stands for.
MEMOIZED_FILTERS = {"striptags": (do_striptags, striptags)}


def install(environment: Environment) -> None:
    """Put the remembering filters in place of Jinja's in ``environment``, unless the site set its own."""
    for name, (jinja_filter, function) in MEMOIZED_FILTERS.items():
        if environment.filters.get(name) is jinja_filter:
            environment.filters[name] = function
