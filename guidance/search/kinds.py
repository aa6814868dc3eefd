"""Guided help (flows), calculators and letters as index documents beside the pages.

A caller who types "off sick" wants the "Your PA is off sick" guided help and the sick-pay
calculator as much as the page on sickness, so they are indexed with the pages and come back in
the same results, each marked by its ``kind``. Their index ids are "<kind>:<id>" (page ids stay
bare, so nothing that knows page ids changes); hits carry the bare id and the kind.

Fingerprints are cheap (file digests, no parsing), so opening an up-to-date index never loads a
flow, a letter or the calculators.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Callable

PAGE, FLOW, CALCULATOR, LETTER = "page", "flow", "calculator", "letter"
KINDS = (PAGE, FLOW, CALCULATOR, LETTER)
#: How each kind is named to the caller (CLI, app).
KIND_LABELS = {PAGE: "Page", FLOW: "Guided help", CALCULATOR: "Calculator", LETTER: "Letter"}
#: The command that opens a hit of each kind, before its id (``guidance calc redundancy``): a page
#: and a calculator may share an id, so the results say which command opens which.
OPEN_COMMANDS = {PAGE: "show", FLOW: "flow run", CALCULATOR: "calc", LETTER: "letter render"}
#: Score multipliers for the kinds that are not pages: guided help and calculators come beside
#: the page that answers (a short document matches a word strongly), a letter below them.
KIND_WEIGHTS = {FLOW: 0.85, CALCULATOR: 0.85, LETTER: 0.6}
#: Score multiplier for a kind the caller names ("sick pay calculator", "a letter asking for
#: statements", or a caller word that ``content/synonyms.yaml`` maps to the kind's name, such as
#: "work out" or "template"): that kind ranks above its usual place, and the best of it is first
#: or second (``ranking.WANTED_PLACE``).
NAMED_KIND_WEIGHT = 1.3
#: Letters are written by officers, whoever reads them.
LETTER_AUDIENCE = ["officer"]
CALCULATOR_AUDIENCE = ["recipient", "officer"]


@functools.lru_cache(maxsize=1)
def kind_name_stems() -> dict[tuple[str, ...], str]:
    """The stems of each kind's name ("Guided help" -> ("guid", "help")) -> the kind, pages left
    out: a query alternative with these stems names that kind. The names are indexed with each
    flow, calculator and letter, so a caller's "calculator" finds the calculators."""
    from guidance.search.analysis import raw_words, stem

    return {tuple(stem(w) for w in raw_words(label)): kind for kind, label in KIND_LABELS.items() if kind != PAGE}


def index_id(kind: str, doc_id: str) -> str:
    """The id a document has in the index: pages keep their own id, others get "<kind>:"."""
    return doc_id if kind == PAGE else f"{kind}:{doc_id}"


def split_index_id(value: str) -> tuple[str, str]:
    """(kind, id) for an index id made by ``index_id``."""
    kind, sep, rest = value.partition(":")
    return (kind, rest) if sep and kind in KINDS else (PAGE, value)


def _file_digest(path: Path) -> str:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=12).hexdigest()
    except OSError:
        return "?"


def flow_paths(root: Path) -> dict[str, Path]:
    """Flow file stem -> path (a flow's id must match its file name; ``guidance flow check`` says so).

    The same files ``flows.loader.flow_files`` lists, found without importing the flow schema,
    so that opening an up-to-date index stays cheap."""
    folder = Path(root) / "flows"
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.iterdir()) if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")}


def letter_paths(content_dir: Path) -> dict[str, Path]:
    folder = Path(content_dir) / "letters"
    return {path.stem: path for path in sorted(folder.glob("*.md"))} if folder.is_dir() else {}


def other_fingerprints(root: Path, content_dir: Path, make: Callable[..., str], calculators: dict) -> dict[str, str]:
    """Index id -> fingerprint for every flow, calculator and letter (``make`` hashes parts).

    ``calculators`` is settings.yaml's calculator name -> subjects it is offered for."""
    prints: dict[str, str] = {}
    for flow_id, path in flow_paths(root).items():
        prints[index_id(FLOW, flow_id)] = make(FLOW, _file_digest(path))
    for letter_id, path in letter_paths(content_dir).items():
        prints[index_id(LETTER, letter_id)] = make(LETTER, _file_digest(path))
    from guidance.calculators.registry import CALCULATORS

    registry = Path(__file__).resolve().parents[1] / "calculators" / "registry.py"
    for name in CALCULATORS:
        prints[index_id(CALCULATOR, name)] = make(CALCULATOR, _file_digest(registry), tuple(calculators.get(name, ())))
    return prints


def flow_fields(root: Path, flow_id: str) -> dict | None:
    """Title, summary and text of a flow for the index; None if the file does not load."""
    from guidance.flows.loader import load_flow_file
    from guidance.problems import Problems

    path = flow_paths(root).get(flow_id)
    loaded = load_flow_file(path, path.name, Problems()) if path else None
    if loaded is None:
        return None
    flow = loaded.flow
    steps = [node.title for node in flow.nodes.values() if getattr(node, "title", None)]
    return {
        "title": flow.title,
        "summary": " ".join((flow.description or "").split()),
        "audience": list(flow.audience),
        "headings": steps,
        "keywords": [name_words(flow_id)],
    }


def name_words(doc_id: str) -> str:
    """The words of a guided help's, letter's or calculator's id ("dp-surplus-repayment" ->
    "dp surplus repayment"): the results show the id in the command that opens it, and it is
    the team's short name for what the document is about, often in the officer's word where the
    title uses the reader's ("surplus" for "Money to pay back")."""
    return " ".join(_ID_SEPARATORS.sub(" ", doc_id).split())


_ID_SEPARATORS = re.compile(r"[-_.]+")


def letter_fields(content_dir: Path, letter_id: str) -> dict | None:
    from guidance.letters.templates import parse_template
    from guidance.problems import Problems

    path = letter_paths(content_dir).get(letter_id)
    template = parse_template(path, path.name, Problems()) if path else None
    if template is None:
        return None
    meta = template.meta
    return {
        "title": meta.title,
        "summary": " ".join((meta.purpose or "").split()),
        "audience": list(LETTER_AUDIENCE),
        "headings": [f.label for f in meta.fields.values() if getattr(f, "label", None)],
        "keywords": [name_words(letter_id)],
    }


def calculator_fields(name: str, calculators: dict) -> dict | None:
    """Title and subjects of a calculator (``calculators`` as for ``other_fingerprints``)."""
    from guidance.calculators.registry import CALCULATORS

    calculator = CALCULATORS.get(name)
    if calculator is None:
        return None
    return {
        "title": calculator.title,
        "summary": "",
        "audience": list(CALCULATOR_AUDIENCE),
        "headings": [f.label for f in calculator.fields if f.label],
        "keywords": [name_words(name)],
        "covers": list(calculators.get(name, ())),
    }
