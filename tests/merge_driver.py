"""A mail merge in a child process that is killed (SIGKILL) part-way, for the kill test.

argv: csv, out, where, n. ``where`` says when the process kills itself: ``before-record`` (the
letter's file is waiting, its record not committed), ``after-record`` (recorded, not yet renamed
into place), or ``progress`` (it prints each row done and waits to be killed from outside).
"""

from __future__ import annotations

import os
import signal
import sys
import time

from letters_support import ON, shipped

from guidance.letters import merge as merge_module
from guidance.records.letters import open_letter_store


def main(csv_path: str, out: str, where: str, n: int) -> None:
    store = open_letter_store()
    calls = {"add": 0, "replace": 0}
    add, replace = store.add, merge_module.os.replace

    def add_then_maybe_die(*args, **kwargs):
        calls["add"] += 1
        if where == "before-record" and calls["add"] == n:
            os.kill(os.getpid(), signal.SIGKILL)
        return add(*args, **kwargs)

    class _Os:
        def __getattr__(self, name):
            return getattr(os, name)

        @staticmethod
        def replace(source, target):
            calls["replace"] += 1
            if where == "after-record" and calls["replace"] == n:
                os.kill(os.getpid(), signal.SIGKILL)
            return replace(source, target)

    store.add = add_then_maybe_die
    merge_module.os = _Os()

    def progress(done, total):
        if where == "progress":
            print(done, flush=True)
            if done >= n:
                time.sleep(600)  # killed from outside long before this

    merge_module.merge(shipped(), "minimum-wage-change", csv_path, out, ON, "txt", store=store, progress=progress)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
