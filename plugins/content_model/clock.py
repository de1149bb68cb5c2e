"""The build's "now", in the site's timezone, injectable for tests and reports.

Scheduling (an item dated in the future waits), the quota report's "up to
today" and anything else that asks "what time is it" read :func:`build_now`,
so a build with ``CCHC_NOW=2026-01-31`` behaves exactly as on that day.
"""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

NOW_SETTING = "CCHC_NOW"


def build_now(settings: dict) -> datetime:
    """The moment this build treats as now: ``CCHC_NOW`` (setting or environment), else the clock.

    ``CCHC_NOW`` is an ISO date or datetime (``2026-11-25`` or
    ``2026-11-25T08:00+07:00``); without an offset it is in the site's timezone.
    """
    zone = ZoneInfo(settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")
    fixed = settings.get(NOW_SETTING) or os.environ.get(NOW_SETTING)
    if not fixed:
        return datetime.now(zone)
    moment = datetime.fromisoformat(str(fixed))
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment
