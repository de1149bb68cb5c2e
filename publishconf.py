"""Production settings: everything of pelicanconf.py, with the public address and the publishing target.

``make publish`` builds with this file. The values that differ per
installation come from the environment or the ``.env`` file beside this one
(copy ``.env.example``); the environment wins:

- ``SITEURL``: the public address, absolute, e.g.
  ``https://xa-tanhoa.vinhlong.gov.vn/cchc`` (the section may live under a
  path of an existing site);
- ``DEPLOY_PATH``, ``DEPLOY_HOST``, ``DEPLOY_USER``, ``DEPLOY_PORT``,
  ``DEPLOY_KEEP``, ``DEPLOY_SSH_OPTIONS``, ``DEPLOY_RSYNC_OPTIONS``: where the
  ``deploy`` package puts the site (README, "Publishing").
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deploy.config import env_setting  # noqa: E402
from pelicanconf import *  # noqa: E402,F403

SITEURL = (env_setting("SITEURL") or "").rstrip("/")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Feeds must carry the public address, never the development server's.
FEED_SITEURL = None

# Publishing switches on what a development build may leave off, and checks
# everything: the site_checks plugin in the build, then valid HTML and feeds.
SITE_CHECKS = True
PUBLISH_REQUIRE_FEEDS = True
# Search (plugins.search): its index and page are always part of a publication.
SEARCH_ENABLED = True

DEPLOY_PATH = env_setting("DEPLOY_PATH", "")
DEPLOY_HOST = env_setting("DEPLOY_HOST", "")
DEPLOY_USER = env_setting("DEPLOY_USER", "")
DEPLOY_PORT = env_setting("DEPLOY_PORT", "")
DEPLOY_KEEP = env_setting("DEPLOY_KEEP", "3")
DEPLOY_SSH_OPTIONS = env_setting("DEPLOY_SSH_OPTIONS", "")
DEPLOY_RSYNC_OPTIONS = env_setting("DEPLOY_RSYNC_OPTIONS", "")
