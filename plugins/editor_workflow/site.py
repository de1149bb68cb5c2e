"""Loading the site's settings and plugins the way ``pelican`` does, for the editors' commands.

``Pelican(settings)`` loads the plugins and sends ``initialized``; after that
the settings hold what every plugin merged into them (``CCHC_FIELDS``…).
:class:`ReadOnlyPelican` then runs a build up to, and not including, writing.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import Pelican, signals
from pelican.log import LimitFilter
from pelican.log import init as init_logging
from pelican.settings import read_settings

from plugins.content_model import READ_ONLY

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SETTINGS_FILE = PROJECT_ROOT / "pelicanconf.py"


def load_settings(settings_file: str | Path = DEFAULT_SETTINGS_FILE, **overrides) -> dict:
    """The settings of ``settings_file`` with ``overrides`` (paths made absolute), before plugins run."""
    for key in ("PATH", "OUTPUT_PATH"):
        if overrides.get(key):
            overrides[key] = os.path.abspath(overrides[key])
    return read_settings(str(settings_file), override=overrides)


def start_logging(level: int = logging.WARNING) -> None:
    """Pelican's log output, as the ``pelican`` command sets it up."""
    init_logging(level=level)


def forget_logged_messages() -> None:
    """Let Pelican log again, in this process's next build, the warnings it already logged once.

    Pelican drops a repeated warning for the life of the process; a preview
    that rebuilds must see (and report) the same broken link every time.
    """
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


class ReadOnlyPelican(Pelican):
    """A Pelican run that reads and checks every file, then stops before writing anything."""

    def read_everything(self) -> list:
        """Run every generator's ``generate_context`` and ``all_generators_finalized``; return the generators.

        The steps are those of ``Pelican.run`` up to the writer, without
        cleaning the output folder.
        """
        self.settings[READ_ONLY] = True
        context = self.settings.copy()
        context["generated_content"] = {}
        context["static_links"] = set()
        context["static_content"] = {}
        context["localsiteurl"] = self.settings["SITEURL"]
        generators = [
            cls(context=context, settings=self.settings, path=self.path, theme=self.theme, output_path=self.output_path)
            for cls in self._get_generator_classes()
        ]
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
            if hasattr(generator, "check_disabled_readers"):
                generator.check_disabled_readers()
        for checker in self.settings.get("CCHC_CHECKERS", []):
            checker(self.settings, generators)
        signals.all_generators_finalized.send(generators)
        return generators
