"""Flow checks for ``guidance content check`` and ``guidance flow check``.

``content_check`` is the flows' part of ``guidance content check`` (listed in
``guidance.content.check.checks``), so one command names every problem in pages, rates, flows
and letters.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from guidance.flows.checker import Known, calculator_names, check_flow, check_paths, check_references, letter_ids
from guidance.flows.loader import LoadedFlow, load_flow_file, load_flows
from guidance.flows.static import check_static
from guidance.problems import Problems


def known_for(base) -> Known:
    return Known(
        pages=set(base.pages) | base.unreadable_pages,  # an unreadable page's own error is told
        calculators=calculator_names(), letters=letter_ids(base.content_dir),
        safeguarding_page=base.settings.safeguarding_page,
    )


def check_loaded(flows: list[LoadedFlow], base, on: dt.date, problems: Problems, run_paths: bool = True, every_path: bool = True) -> None:
    """Graph checks for each flow, then (for flows with no errors) a run of its texts.

    ``every_path=True`` (``guidance flow check``) runs every path; ``every_path=False``
    (``guidance content check``) renders every text and works out every condition once with
    sample answers (``static.check_static``): work that grows with the file, not its paths.
    """
    known = known_for(base)
    for loaded in flows:
        mine = Problems()
        check_flow(loaded, known, mine, references=False)
        if run_paths and not mine.errors and known.calculators is not None:
            if every_path:
                check_paths(loaded, base.rates, on, mine)
            else:
                check_static(loaded, base.rates, on, mine)
        check_references(loaded, known, mine)
        problems.extend(mine)


def check_files(paths: list[Path], base, on: dt.date, problems: Problems) -> list[LoadedFlow]:
    """``guidance flow check FILE...``: load and check the files named."""
    loaded = []
    for path in paths:
        flow = load_flow_file(Path(path), _shown(Path(path), base.root), problems)
        if flow is not None:
            loaded.append(flow)
    check_loaded(loaded, base, on, problems)
    return loaded


def check_all(base, on: dt.date, problems: Problems) -> dict[str, LoadedFlow]:
    flows = load_flows(base.root, problems)
    check_loaded(list(flows.values()), base, on, problems)
    return flows


def content_check(base, on: dt.date, problems: Problems) -> None:
    """The flows' part of ``guidance content check``: the graph and every text once, no paths listed.

    A flow whose text, rates, date and references are unchanged since the last check is not
    run again: its problems come from the check cache.
    """
    from guidance.content.cache import ResultCache, code_fingerprint
    from guidance.problems import Problem

    flows = base.flows()
    problems.extend(base.part_problems("flows"))
    cache = ResultCache("flows")
    known = known_for(base)
    context = (
        code_fingerprint("guidance.flows", "guidance.calculators", "guidance.content.render", "guidance.content.rates", "guidance.content.formatting"),
        _rates_bytes(base), on.isoformat(), known.safeguarding_page, sorted(known.pages or ()), sorted(known.letters or ()),
        sorted((name, sorted(inputs), sorted(required)) for name, (inputs, required) in (known.calculators or {}).items()),
    )
    for loaded in flows.values():
        key = cache.key(loaded.path, _flow_bytes(base, loaded), *map(repr, context))
        found = cache.get(key)
        if found is None:
            mine = Problems()
            check_loaded([loaded], base, on, mine, every_path=False)
            found = [p.as_dict() for p in mine]
            cache.put(key, found)
        problems.extend([Problem(p["path"], p["line"], p["level"], p["message"]) for p in found])
    cache.save()


def _flow_bytes(base, loaded) -> bytes:
    try:
        return (Path(base.root) / loaded.path).read_bytes()
    except OSError:
        return repr(loaded.flow.model_dump()).encode("utf-8")


def _rates_bytes(base) -> bytes:
    try:
        return (base.content_dir / "rates.yaml").read_bytes()
    except OSError:
        return b""


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path(root).resolve()))
    except ValueError:
        return str(path)

