"""Letter speed: per-letter time for each format, and a 1,000-row Word mail merge.

Baseline, in the same run: a bare Jinja2 render (no sandbox, no field checks, no formatting) of
each template's body with the same example values and figures, which is the least any letter
renderer must do. Targets: under 20 ms a letter in the text formats, the whole merge under 30 s.

    python benchmarks/letters.py [--rows 1000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import jinja2

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from guidance.content.base import ContentBase  # noqa: E402
from guidance.letters.catalogue import Catalogue  # noqa: E402
from guidance.letters.fields import convert  # noqa: E402
from guidance.letters.formats import FORMATS, write  # noqa: E402
from guidance.letters.merge import merge  # noqa: E402

ON = dt.date(2026, 11, 25)


def per_letter_ms(action, repeat: int) -> float:
    action()  # warm caches (compiled templates, the Word master document)
    start = time.perf_counter()
    for _ in range(repeat):
        action()
    return (time.perf_counter() - start) * 1000 / repeat


def bare_jinja(catalogue: Catalogue, template_id: str):
    """The baseline: plain Jinja2 over the same body, values and figures, and nothing else."""
    template = catalogue.template(template_id)
    env = jinja2.Environment()
    env.filters.update(long_date=str, money=lambda value, pence=None: f"£{value}")
    compiled = env.from_string(template.body)
    values = {name: convert(spec, spec.example) for name, spec in template.meta.fields.items()}
    rates = catalogue.base.rates
    values.update(
        rate=lambda key: rates.figure(key, ON), rate_from=lambda key, day: rates.figure(key, day),
        page_ref=lambda page_id: page_id, explain=lambda term, meaning=None: term, require=lambda *a: "",
        council=catalogue.council.model_dump(), on=ON,
    )
    return lambda: compiled.render(values)


def merge_seconds(catalogue: Catalogue, rows: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "rows.csv"
        with open(source, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["recipient_name", "recipient_address", "reference", "change_date"])
            for number in range(rows):
                writer.writerow([f"Employer {number}", "1 High Street; Northfield; NF1 1AA", f"DP-{number:06d}", "2026-04-01"])
        start = time.perf_counter()
        result = merge(catalogue, "minimum-wage-change", source, Path(folder) / "out", ON, "docx")
        seconds = time.perf_counter() - start
        assert len(result.written) == rows, result.summary()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    catalogue = Catalogue.load(ContentBase.load(REPO))
    print(f"{'template':28} {'baseline':>9} " + " ".join(f"{fmt:>8}" for fmt in FORMATS) + "   (ms a letter: fill, render, write)")
    totals = {fmt: 0.0 for fmt in FORMATS}
    base_total = 0.0
    ids = [t.id for t in catalogue.sorted_templates()]
    for template_id in ids:
        baseline = per_letter_ms(bare_jinja(catalogue, template_id), args.repeat)
        base_total += baseline
        cells = []
        for fmt in FORMATS:
            example = catalogue.template(template_id).examples()
            ms = per_letter_ms(lambda: write(catalogue.make(template_id, example, ON), fmt), args.repeat)
            totals[fmt] += ms
            cells.append(f"{ms:8.2f}")
        print(f"{template_id:28} {baseline:9.3f} " + " ".join(cells))
    count = len(ids)
    print(f"{'average':28} {base_total / count:9.3f} " + " ".join(f"{totals[fmt] / count:8.2f}" for fmt in FORMATS))
    seconds = merge_seconds(catalogue, args.rows)
    print(f"\nmail merge: {args.rows} Word letters in {seconds:.1f} s ({seconds * 1000 / args.rows:.1f} ms a letter; target under 30 s)")


if __name__ == "__main__":
    main()
