"""Let Whoosh load without the ``cached_property`` backport, which imports asyncio (a tenth of a
second of a cold ``guidance search``) for a feature Whoosh does not use.

Whoosh's reader takes ``cached_property`` from that package for one property; the standard
library's ``functools.cached_property`` does the same for it. The stand-in is installed only if
the package has not been imported already, and only Whoosh imports it.
"""

from __future__ import annotations

import functools
import sys
import types

if "cached_property" not in sys.modules:
    _module = types.ModuleType("cached_property", "functools.cached_property, standing in for the backport")
    _module.cached_property = functools.cached_property
    sys.modules["cached_property"] = _module
