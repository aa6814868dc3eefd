"""Search quality on a question set: top-1, top-3 and MRR, ours beside SQLite FTS5.

    python benchmarks/search_quality.py QUESTIONS.tsv [--root PATH] [--on DATE] [--misses] [--unmatched]

QUESTIONS.tsv: a header line naming the columns, then one question a row. ``question`` and
``topic`` (subject keys separated by '|') are needed; ``answers`` (page ids separated by '|') is
optional; an empty cell or "-" means no page answers the question. An answer that names no page
stops the run with the file, line and field. Without a header naming them, the first two columns
are question and topic.

Two measures are printed:

- subject level: a result is right when its ``covers`` holds one of the topic keys (a page on
  the right subject);
- answer level, for rows with ``answers``: a result is right when it is one of the pages that
  actually answer the question (what an officer could read out).

Two answer-level sets are kept in ``benchmarks/data/``: ``questions_answers.tsv`` is the
development set (look at its misses, fix mechanisms and pages); ``questions_heldout.tsv`` holds
other real questions from other public sources and is only for measuring: never tune pages,
synonyms or ranking on its questions, or it stops telling how search does on questions nobody
has seen. ``questions_heldout2.tsv`` is a second such set (47 questions from other council,
charity and forum pages). Both have since had their misses read to find kinds of fault, so their
figures now flatter search. ``questions_heldout3.tsv`` (61 questions from other council, charity,
forum and GOV.UK pages, two of which no page answers yet: measured at subject level) was made
without running search, but its misses have since been read too. ``questions_heldout4.tsv`` and
``questions_heldout5.tsv`` were made the same way, by people who did not run search, and are the
sets to judge unseen questions by (see ``benchmarks/data/README.md``). ``questions_heldout6.tsv``
(71 questions from forums, council, charity, payroll and advice pages, nine with no answering page)
was made the same way, but as a development aid: its misses may be read to find kinds of fault,
so heldout4 and heldout5 stay the blind sets. ``questions_heldout7.tsv`` (71 questions, four with
no answering page) was made the same way, also as a development aid.

``--unmatched`` lists the words of the questions that no page and no caller phrase in the
synonyms file uses, most frequent first: the callers' words to map to the pages' words (only for
sets whose questions may be read).

Every question is run as written and again with deterministic typos (a swapped, dropped or doubled
letter in one word of three), against our searcher and against FTS5 over the same rendered pages.
Only page results count: flows, calculators and letters found beside them are left out here.
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
    """(question, subject keys) for each row."""
    return [(q, subjects) for q, subjects, _answers in read_rows(path)]


def read_rows(path: Path) -> list[tuple[str, set[str], set[str]]]:
    """(question, subject keys, answering page ids) for each row; no answers: an empty set."""
    return [(question, subjects, answers) for _line, question, subjects, answers in _numbered_rows(path)]


def unknown_answers(path: Path, page_ids: set[str]) -> list[str]:
    """One message per answer that names no page, as ``FILE:LINE: answers: 'x' is not a page id``."""
    return [f"{path}:{line}: answers: {answer!r} is not a page id"
            for line, _question, _subjects, answers in _numbered_rows(path)
            for answer in sorted(answers) if answer not in page_ids]


NO_ANSWERING_PAGE = "-"


def _numbered_rows(path: Path) -> list[tuple[int, str, set[str], set[str]]]:
    """(line number, question, subject keys, answering page ids) for each question row.

    An answers cell that is empty or "-" means no page answers the question.
    """
    rows = []
    columns = {"question": 0, "topic": 1}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        cells = line.split("\t")
        if number == 0:
            named = {name.strip().lower(): i for i, name in enumerate(cells)}
            if "question" in named and "topic" in named:
                columns = named
            continue
        if len(cells) <= max(columns["question"], columns["topic"]) or not cells[columns["question"]].strip():
            continue
        answers = cells[columns["answers"]] if "answers" in columns and len(cells) > columns["answers"] else ""
        rows.append((
            number + 1,
            cells[columns["question"]].strip(),
            {s for s in cells[columns["topic"]].split("|") if s.strip()},
            {a.strip() for a in answers.split("|") if a.strip() and a.strip() != NO_ANSWERING_PAGE},
        ))
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


def score(ranked: list, wanted: set[str]) -> tuple[int, int, float]:
    """(right at 1, right in top 3, reciprocal rank); each result is a set of keys or ids."""
    for rank, keys in enumerate(ranked, start=1):
        if wanted & set(keys):
            return int(rank == 1), int(rank <= 3), 1.0 / rank
    return 0, 0, 0.0


def evaluate(questions, run) -> tuple[float, float, float]:
    """Mean of ``score`` over (question, wanted) pairs; ``run(question)`` gives ranked key sets."""
    totals = [0.0, 0.0, 0.0]
    for question, wanted in questions:
        for i, value in enumerate(score(run(question), wanted)):
            totals[i] += value
    return tuple(t / len(questions) for t in totals) if questions else (0.0, 0.0, 0.0)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--root", help="content root (default: the bundled content)")
    parser.add_argument("--on", type=dt.date.fromisoformat, help="render figures as on this date (default today)")
    parser.add_argument("--misses", action="store_true", help="list the questions ours misses in the top 3")
    parser.add_argument("--unmatched", action="store_true",
                        help="list the question words that no page and no synonym uses")
    args = parser.parse_args(argv)
    on = args.on or today()
    base = ContentBase.load(resolve_root(args.root))
    rows = read_rows(args.questions)
    problems = unknown_answers(args.questions, set(base.pages))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as cache:
        source = ContentSource(base, on)
        searcher = Searcher.from_source(source, load_synonyms(base.content_dir), IndexStore(Path(cache)))
        fts = Fts5Index(searcher.equivalents)
        fts.add([source.document(page_id) for page_id in sorted(base.pages)])
        covers = {page_id: set(page.meta.covers) for page_id, page in base.pages.items()}

        def ours(question: str) -> list[str]:
            return [h.id for h in searcher.search(question, limit=10, kinds=("page",))]

        def theirs(question: str) -> list[str]:
            return [page_id for page_id, _covers in fts.search(question, 10)]

        engines = (("ours", ours), ("FTS5", theirs))
        typo = {q: with_typos(q) for q, _s, _a in rows}
        answered = [r for r in rows if r[2]]
        print(f"{len(rows)} questions from {args.questions.name} ({len(answered)} with answering pages), "
              f"{len(base.pages)} pages, figures as on {on.isoformat()}")
        print(f"{'':<32}{'top-1':>8}{'top-3':>8}{'MRR':>8}")
        for level, chosen, wanted_of, as_keys in (
            ("subject", rows, lambda r: r[1], lambda ids: [covers.get(i, set()) for i in ids]),
            ("answer", answered, lambda r: r[2], lambda ids: [{i} for i in ids]),
        ):
            if not chosen:
                continue
            for label, text_of in (("as written", lambda q: q), ("with typos", lambda q: typo[q])):
                pairs = [(text_of(r[0]), wanted_of(r)) for r in chosen]
                for engine, run in engines:
                    top1, top3, mrr = evaluate(pairs, lambda q, run=run: as_keys(run(q)))
                    print(f"{level + ', ' + label + ', ' + engine:<32}{top1:>8.3f}{top3:>8.3f}{mrr:>8.3f}")
        if args.misses:
            for question, subjects, answers in rows:
                wanted = answers or subjects
                ids = ours(question)
                keys = [{i} for i in ids] if answers else [covers.get(i, set()) for i in ids]
                if not score(keys, wanted)[0]:
                    rank = next((n for n, k in enumerate(keys, 1) if wanted & k), None)
                    print(f"MISS@1 {question!r} want {sorted(wanted)} (at {rank or '-'}) got {ids[:3]}")
        if args.unmatched:
            for word, count, question in unmatched_words([r[0] for r in rows], searcher):
                print(f"UNMATCHED {word!r} ({count}) in {question!r}")
        searcher.close()
    return 0


def unmatched_words(questions: list[str], searcher: Searcher) -> list[tuple[str, int, str]]:
    """(word, how many questions use it, the first of them) for each word of ``questions`` that
    no indexed document and no caller phrase of the synonyms uses, most used first."""
    from guidance.search.analysis import join_equivalents, raw_words, stem

    found: dict[str, list] = {}
    known = {s for entry in searcher.synonyms.entries for s in entry.stems}
    for question in questions:
        for word in dict.fromkeys(join_equivalents(raw_words(question), searcher.synonyms.equivalents)):
            if is_stop(word) or stem(word) in known or searcher.document_frequency(stem(word)):
                continue
            entry = found.setdefault(word, [0, question])
            entry[0] += 1
    return sorted(((w, n, q) for w, (n, q) in found.items()), key=lambda item: (-item[1], item[0]))


if __name__ == "__main__":
    raise SystemExit(main())
