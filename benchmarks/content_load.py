"""Load and check a synthetic content base of 5,000 pages; print pages per second.

Baseline, in the same run: reading the same files and parsing only their front matter with
PyYAML's C loader (the least any loader must do). The pages are made from the shipped pages,
varied (ids, titles, shuffled paragraphs), not copies.

First, the goal for team leaders: ``guidance content check`` on the shipped content takes at
most 4 times as long as ``guidance rates`` (each run as a command, CPU time of the process,
best of 3). Printed for a cold cache (first check after an install) and a warm one (a check
after editing a page or two, the usual case), and beside them the slow ``--boundaries`` mode
(one run), which the everyday check leaves out.

    python benchmarks/content_load.py [--pages 5000] [--shipped-only]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from guidance.content.base import ContentBase  # noqa: E402
from guidance.content.check import check_content  # noqa: E402


def split_front(text: str) -> tuple[str, str]:
    """(front matter, body): the front matter ends at the second line that is exactly '---'."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    return "\n".join(lines[1:end]) + "\n", "\n".join(lines[end + 1:])


def make_base(target: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    source = REPO / "content"
    for name in ("taxonomy.yaml", "rates.yaml", "manifest.yaml"):
        shutil.copy(source / name, target / name)
    shipped = ContentBase.load(REPO, use_cache=False)
    originals = sorted(REPO / page.path for page in shipped.pages.values())
    for index in range(count):
        original = originals[index % len(originals)]
        text = original.read_text(encoding="utf-8")
        front, body = split_front(text)
        new_id = f"{original.stem}-{index}"
        front = front.replace(f"id: {original.stem}", f"id: {new_id}", 1)
        front = re.sub(r"^title: ([\"']?)", lambda m: f"title: {m.group(1)}({index}) ", front, count=1, flags=re.M)
        front = "\n".join(line for line in front.split("\n") if not line.startswith("related:"))
        paragraphs = body.split("\n\n")
        head, rest = paragraphs[:1], paragraphs[1:]
        rng.shuffle(rest)
        body = "\n\n".join(head + rest).replace("](page:", "](https://example.org/")
        area = target / original.parent.name
        area.mkdir(exist_ok=True)
        (area / f"{new_id}.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def baseline(content: Path) -> float:
    start = time.perf_counter()
    for path in content.glob("*/*.md"):
        text = path.read_text(encoding="utf-8")
        yaml.load(split_front(text)[0], Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


GOAL = 4.0


def command_cpu(argv: list[str], env: dict) -> float:
    """CPU seconds (user + system) one run of ``guidance ARGV`` takes, as a separate process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "guidance", "--root", str(REPO), *argv], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def shipped_goal() -> bool:
    """Print content check against rates on the shipped content; True when within the goal."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        check = ["content", "check", "--on", "2026-11-25"]
        cold = command_cpu(check, env)  # first run: empty cache
        rates = min(command_cpu(["rates", "--on", "2026-11-25"], env) for _ in range(3))
        warm = min(command_cpu(check, env) for _ in range(3))
        boundaries = command_cpu([*check, "--boundaries"], env)  # the slow mode, before a release
    print("shipped content, each as a command (CPU seconds, best of 3):")
    print(f"  guidance rates:                      {rates:6.2f} s")
    print(f"  guidance content check, cold cache:  {cold:6.2f} s  ({cold / rates:4.1f}x rates)")
    print(f"  guidance content check, warm cache:  {warm:6.2f} s  ({warm / rates:4.1f}x rates)  "
          f"goal: at most {GOAL:.0f}x: {'met' if warm / rates <= GOAL else 'NOT met'}")
    print(f"  guidance content check --boundaries: {boundaries:6.2f} s  ({boundaries / rates:4.1f}x rates; "
          "every text on every day a figure changes: a separate mode, before a release)")
    return warm / rates <= GOAL


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--shipped-only", action="store_true", help="only the check-against-rates goal")
    args = parser.parse_args()
    shipped_goal()
    if args.shipped_only:
        return
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        root = Path(tmp) / "root"
        (root / "content").mkdir(parents=True)
        make_base(root / "content", args.pages)
        n = args.pages
        base_time = baseline(root / "content")
        cold, base = timed(lambda: ContentBase.load(root, use_cache=True))
        warm, base = timed(lambda: ContentBase.load(root, use_cache=True))
        on = dt.date(2026, 11, 25)
        check_fast, problems = timed(lambda: check_content(base, on, style_checks=False))
        check_full, problems_full = timed(lambda: check_content(base, on, style_checks=True))
        assert len(base.pages) == n, (len(base.pages), [str(p) for p in base.problems][:5])
        print(f"pages: {n}")
        print(f"baseline (read + C YAML front matter only): {base_time:6.2f} s  {n / base_time:8.0f} pages/s")
        print(f"load, cold (parse + validate + cache write): {cold:6.2f} s  {n / cold:8.0f} pages/s  ({cold / base_time:.1f}x baseline)")
        print(f"load, warm (from cache):                     {warm:6.2f} s  {n / warm:8.0f} pages/s  ({warm / base_time:.1f}x baseline)")
        print(f"check without style (links, rates, render):  {check_fast:6.2f} s  {n / check_fast:8.0f} pages/s  ({len(problems.errors)} errors)")
        print(f"check with readability + plain words:        {check_full:6.2f} s  {n / check_full:8.0f} pages/s  ({len(problems_full.warnings)} warnings)")


if __name__ == "__main__":
    main()
