"""Publishing: build with publishconf.py, check, precompress, and deploy atomically; roll back.

``make publish`` runs :func:`deploy.pipeline.publish`; ``make rollback``
:func:`deploy.pipeline.rollback`. The target layout (``releases/<name>/``
beside a ``current`` symlink) and the one-step switch are in ``switch.sh``,
run unchanged on this machine or over SSH. ``nginx/`` holds a sample server
configuration for the published folder. See README, "Publishing".
"""
