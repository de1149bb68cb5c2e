"""``python -m plugins.quota_report PERIOD``: the command behind ``make report``."""

import sys

from .cli import main

sys.exit(main())
