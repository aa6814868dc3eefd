"""Search quality on a question set: top-1, top-3 and MRR, ours beside SQLite FTS5.

    python benchmarks/search_quality.py QUESTIONS.tsv [--root PATH] [--on DATE]

QUESTIONS.tsv: a header line, then question <tab> subject key(s) separated by '|' <tab> ...
A result is a hit when its ``covers`` holds one of the subjects. Every question is run as
written and again with deterministic typos (a swapped, dropped or doubled letter in one word of
three), against our searcher and against FTS5 over the same rendered pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fts5_baseline import Fts5Index  # noqa: E402

from guidance.commands.common import today  # noqa: E402
from guidance.content.base import ContentBase  # noqa: E402
from guidance.content.roots import resolve_root  # noqa: E402
from guidance.search import Searcher  # noqa: E402
from guidance.search.analysis import is_stop  # noqa: E402
from guidance.search.documents import ContentSource  # noqa: E402
from guidance.search.store import IndexStore  # noqa: E402
from guidance.search.synonyms import load_synonyms  # noqa: E402


def read_questions(path: Path) -> list[tuple[str, set[str]]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        cells = line.split("\t")
        if number == 0 or len(cells) < 2 or not cells[0].strip():
            continue
        rows.append((cells[0].strip(), set(cells[1].split("|"))))
    return rows


def with_typos(question: str) -> str:
    """Swap, drop or double a letter in every third word of four letters or more."""
    out, eligible = [], 0
    for word in question.split(" "):
        core = word.strip("?,.!;:'\"()")
        if len(core) >= 4 and core.isalpha() and not is_stop(core.lower()):
            if eligible % 3 == 0:
                at = 1 + zlib.crc32(core.encode()) % (len(core) - 2)
                kind = zlib.crc32(question.encode()) % 3 if eligible == 0 else (eligible // 3) % 3
                if kind == 0:
                    changed = core[:at] + core[at + 1] + core[at] + core[at + 2:]
                elif kind == 1:
                    changed = core[:at] + core[at + 1:]
                else:
                    changed = core[:at] + core[at] + core[at:]
                word = word.replace(core, changed, 1)
            eligible += 1
        out.append(word)
    return " ".join(out)


def score(ranked: list[list[str]], subjects: set[str]) -> tuple[int, int, float]:
    for rank, covers in enumerate(ranked, start=1):
        if subjects & set(covers):
            return int(rank == 1), int(rank <= 3), 1.0 / rank
    return 0, 0, 0.0


def evaluate(questions, run) -> tuple[float, float, float]:
    totals = [0.0, 0.0, 0.0]
    for question, subjects in questions:
        for i, value in enumerate(score(run(question), subjects)):
            totals[i] += value
    return tuple(t / len(questions) for t in totals)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--root", help="content root (default: the bundled content)")
    parser.add_argument("--on", type=dt.date.fromisoformat, help="render figures as on this date (default today)")
    parser.add_argument("--misses", action="store_true", help="list the questions ours misses in the top 3")
    args = parser.parse_args(argv)
    on = args.on or today()
    base = ContentBase.load(resolve_root(args.root))
    questions = read_questions(args.questions)
    with tempfile.TemporaryDirectory() as cache:
        source = ContentSource(base, on)
        searcher = Searcher.from_source(source, load_synonyms(base.content_dir), IndexStore(Path(cache)))
        fts = Fts5Index()
        fts.add([source.document(page_id) for page_id in sorted(base.pages)])
        ours = lambda q: [h.covers for h in searcher.search(q, limit=10)]
        theirs = lambda q: [covers for _id, covers in fts.search(q, 10)]
        typo_questions = [(with_typos(q), s) for q, s in questions]
        print(f"{len(questions)} questions from {args.questions.name}, {len(base.pages)} pages, figures as on {on.isoformat()}")
        print(f"{'':<22}{'top-1':>8}{'top-3':>8}{'MRR':>8}")
        for label, qs in (("as written", questions), ("with typos", typo_questions)):
            for engine, run in (("ours", ours), ("FTS5", theirs)):
                top1, top3, mrr = evaluate(qs, run)
                print(f"{label + ', ' + engine:<22}{top1:>8.3f}{top3:>8.3f}{mrr:>8.3f}")
        if args.misses:
            for label, qs in (("as written", questions), ("with typos", typo_questions)):
                for question, subjects in qs:
                    if not score(ours(question), subjects)[1]:
                        top = searcher.search(question, limit=3)
                        print(f"MISS ({label}) {question!r} want {sorted(subjects)} got {[h.id for h in top]} {top.suggestion or ''}")
        searcher.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
