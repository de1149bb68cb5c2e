"""The article-quota report: items published per month, quarter, half-year and year against the plan.

- The plan is a YAML file per year under ``content/ke-hoach/`` (see
  :mod:`.plan`); a bad plan fails the build with Vietnamese messages.
- Every build counts the items Pelican publishes, by month in the site's
  timezone, unit, kind and reform area (:mod:`.tally`), up to the build's
  "now": the content model's clock (``CCHC_NOW`` pins it), the same clock
  that holds back future-dated items, so the site and the report agree.
- ``QUOTA_REPORT_PUBLISH = True`` publishes the HTML reports on the site
  (off by default). ``make report PERIOD=2026-Q1`` (:mod:`.cli`) prints the
  report and writes HTML, CSV, JSON and an official .docx to ``reports/``.

Settings, with their defaults: ``QUOTA_PLAN_PATH = "ke-hoach"``,
``QUOTA_REPORT_PUBLISH = False``, ``QUOTA_REPORT_URL`` /
``QUOTA_REPORT_SAVE_AS`` (``bao-cao-chi-tieu/{period}/``),
``QUOTA_REPORT_INDEX_URL`` / ``QUOTA_REPORT_INDEX_SAVE_AS``,
``QUOTA_REPORT_DIR = "reports"`` and ``QUOTA_REPORT_DOCUMENT`` (number, code,
signer, recipients of the .docx).
"""

from __future__ import annotations

from pelican import signals

from .generator import QuotaReportGenerator

DEFAULTS = {
    "QUOTA_PLAN_PATH": "ke-hoach",
    "QUOTA_REPORT_PUBLISH": False,
    "QUOTA_REPORT_URL": "bao-cao-chi-tieu/{period}/",
    "QUOTA_REPORT_SAVE_AS": "bao-cao-chi-tieu/{period}/index.html",
    "QUOTA_REPORT_INDEX_URL": "bao-cao-chi-tieu/",
    "QUOTA_REPORT_INDEX_SAVE_AS": "bao-cao-chi-tieu/index.html",
    "QUOTA_REPORT_DIR": "reports",
    "QUOTA_REPORT_DOCUMENT": {},
}


def configure(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def quota_generator(pelican) -> type:
    return QuotaReportGenerator


def register() -> None:
    signals.initialized.connect(configure)
    signals.get_generators.connect(quota_generator)
