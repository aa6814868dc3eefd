"""Let Whoosh load without two imports it makes for features guidance never uses; together they
were most of the time Whoosh took to load in a cold ``guidance search``.

- Whoosh's reader takes ``cached_property`` from the backport package of that name (which imports
  asyncio) for one property; the standard library's ``functools.cached_property`` does the same
  for it. The stand-in is installed only if the package has not been imported already, and only
  Whoosh imports it.
- ``whoosh.compat`` imports ``urllib.request`` (and with it http.client, email and ssl) only to
  re-export ``urlretrieve``, which Whoosh itself never calls. While ``whoosh.compat`` loads, a
  stand-in module offering just that name sits in its place; ``whoosh.compat.urlretrieve`` then
  imports the real module when called, and the stand-in is removed at once, so any later import
  of ``urllib.request`` gets the real one. This is done only when one thread is running (a
  command-line run): in the app, where another thread could import ``urllib.request`` at that
  moment, Whoosh is loaded the ordinary way.
"""

from __future__ import annotations

import functools
import sys
import threading
import types

if "cached_property" not in sys.modules:
    _module = types.ModuleType("cached_property", "functools.cached_property, standing in for the backport")
    _module.cached_property = functools.cached_property
    sys.modules["cached_property"] = _module


def urlretrieve(*args, **kwargs):
    """``urllib.request.urlretrieve``, imported when first called."""
    from urllib.request import urlretrieve as real

    return real(*args, **kwargs)


def _load_compat() -> None:
    """Import ``whoosh.compat`` with the ``urllib.request`` stand-in (see the module's docstring)."""
    if "whoosh.compat" in sys.modules or "urllib.request" in sys.modules or threading.active_count() != 1:
        return
    stand_in = types.ModuleType("urllib.request", "urlretrieve only, while whoosh.compat loads")
    stand_in.urlretrieve = urlretrieve
    sys.modules["urllib.request"] = stand_in
    try:
        import whoosh.compat  # noqa: F401
    finally:
        if sys.modules.get("urllib.request") is stand_in:
            del sys.modules["urllib.request"]


_load_compat()
