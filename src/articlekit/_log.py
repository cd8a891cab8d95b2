"""The library's logger, ``logging.getLogger("articlekit")``: silent unless the
application configures logging."""

from __future__ import annotations

import logging

__all__ = ["logger"]

logger = logging.getLogger("articlekit")
# without a handler of its own, Python's last-resort handler would print warnings to
# standard error of applications that never asked for articlekit's messages
logger.addHandler(logging.NullHandler())
