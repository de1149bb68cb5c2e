"""The editors' workflow: scaffold a new item, check everything fast, preview with live reload.

Commands (``python -m plugins.editor_workflow``, wrapped by the Makefile):

- ``new`` (``make new KIND=tin TITLE="…"``): :mod:`.scaffold` writes a new
  item, a draft, with every field of its kind filled in or explained;
- ``check`` (``make check``): :mod:`.check` reads and validates all content
  as a build would and writes nothing;
- ``serve`` (``make devserver``): :mod:`.devserver` rebuilds on save, reloads
  the browser and shows content errors in Vietnamese.

As a Pelican plugin it makes sure the scaffold's «[điền: …]» placeholders are
never published (:mod:`.placeholders`): a draft may keep them, an item to be
published, now or at its scheduled date, may not.

Other plugins explain their fields to the scaffold through the settings
``CCHC_FIELD_HELP`` and ``CCHC_FIELD_CHOICES`` (:mod:`.fields`), and add quick
checks to ``make check`` through ``CCHC_CHECKERS``: callables
``checker(settings, generators)`` that report problems with
``plugins.content_model.report``.
"""

from __future__ import annotations

from pelican import signals

from plugins.content_model import add_validator

from .placeholders import header_placeholders, report_body_placeholder

__all__ = ["register"]


def guard_placeholders(pelican) -> None:
    """Check every kind's header for placeholders left in an item to be published."""
    settings = pelican.settings
    for kind in dict.fromkeys(settings.get("CCHC_KIND_FOLDERS", {}).values()):
        add_validator(settings, kind, header_placeholders)
    settings.setdefault("CCHC_CHECKERS", [])


def register() -> None:
    signals.initialized.connect(guard_placeholders)
    signals.content_object_init.connect(report_body_placeholder)
