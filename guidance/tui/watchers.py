"""Dropping Textual's watchers left by widgets that have gone.

A widget that watches another node's reactive (``Header`` watches the app's and its screen's
title, every ``FooterKey`` is bound to its ``Footer``'s ``compact`` with ``data_bind``) puts
(itself, callback) in that node's list of watchers. Textual takes the entry out only when the
watched value next changes: the app's title never does, and a footer's ``compact`` never does,
so every page closed left its header, and every footer redrawn (a mode switch, the keys on
offer changing) left its old keys, held by those lists for the rest of the session. A long
session grew by hundreds of megabytes.

``drop_gone_watchers`` takes out the entries of widgets that are closing or closed, as Textual
itself does when the value changes.
"""

from __future__ import annotations

from collections.abc import Iterable

WATCHERS = "__watchers"  # where Textual keeps a reactable's watchers (name -> [(node, callback)])


def drop_gone_watchers(nodes: Iterable) -> int:
    """Take out, from each node's watchers, those of widgets that have closed or are closing.
    Returns how many were taken out."""
    dropped = 0
    for node in nodes:
        watchers = getattr(node, WATCHERS, None)
        if not watchers:
            continue
        for entries in watchers.values():
            kept = [(watcher, callback) for watcher, callback in entries if not _gone(watcher)]
            dropped += len(entries) - len(kept)
            entries[:] = kept
    return dropped


def _gone(node) -> bool:
    """Whether ``node`` has been removed (or is being removed)."""
    return bool(getattr(node, "_closing", False) or getattr(node, "_closed", False))


def app_nodes(app) -> Iterable:
    """The app and every node on the screens in its stack."""
    yield app
    for screen in list(app.screen_stack):
        yield from screen.walk_children(with_self=True)
