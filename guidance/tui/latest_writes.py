"""Writes of what is being typed, kept at once and in order: at most one write in flight, only the
newest waiting (it replaces one already waiting), and the last one asked for always written.

A killed app loses at most the write under way, typing never waits on the records, and an older
text can never be written over a newer one (as two writes racing in two threads could). The
owner starts a worker when ``put`` says so; the worker calls ``drain`` with the one write.
"""

from __future__ import annotations

import threading
from typing import Callable


class LatestWrites:
    """What is waiting to be written, and whether a writer is at work (both under one lock)."""

    def __init__(self) -> None:
        self._next = None
        self._writing = False
        self._lock = threading.Lock()

    def put(self, what) -> bool:
        """Ask for ``what`` (never None) to be written after the write in flight. True when no
        writer is at work: the caller then starts one (a worker calling ``drain``)."""
        with self._lock:
            self._next = what
            start, self._writing = not self._writing, True
        return start

    @property
    def settled(self) -> bool:
        """No write in flight or waiting: the records hold what was last asked for."""
        with self._lock:
            return not self._writing

    def drain(self, write: Callable[[object], None]) -> None:
        """Write what waits, then what came while writing, until nothing waits (in a worker).
        A write that fails leaves nothing waiting (the next change tries again) and raises."""
        while True:
            with self._lock:
                what, self._next = self._next, None
                if what is None:
                    self._writing = False
                    return
            try:
                write(what)
            except BaseException:
                with self._lock:
                    self._next, self._writing = None, False
                raise
