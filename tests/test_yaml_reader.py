"""The shared YAML reader builds plain documents in one pass: the same data, lines and errors
as PyYAML's own constructor after the line walk, for every shipped YAML file and odd input."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidance import yamlio
from guidance.yamlio import ContentYamlError, load_yaml

REPO = Path(__file__).resolve().parents[1]
SHIPPED = sorted(p for folder in ("content", "flows") for p in (REPO / folder).rglob("*.yaml"))
ODD = [
    "a: 1\nb: [1, 2.5, true, null, ~, 2026-01-01, 2026-04-06T10:00:00]\n",
    "a: 1\na: 2\n", "x: {a: 1, a: 2}\n", "a:\n  - b: 1\n    b: 2\n",
    "<<: {a: 1}\nb: 2\n", "!!set {a, b}\n", "a: !!binary aGVsbG8=\n", "a: !!omap [{x: 1}]\n", "= : x\n",
    "1: one\n2.5: two\nnull: three\ntrue: four\n", "a: !foo bar\n", "- a\n- {b: c}\n- - d\n", "plain\n",
    "a: !!str 12\nb: !!int '7'\n", "? [1, 2]\n: x\n",
]


def _long_way(text: str):
    """PyYAML's constructor after the line walk: what the reader did before it built in one pass."""
    loader = yamlio._Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict = {}
        yamlio._walk(node, (), lines, 0, True)
        return loader.construct_document(node), lines
    except (ContentYamlError, Exception) as exc:  # noqa: BLE001  (compared, not hidden)
        return type(exc).__name__, str(exc).splitlines()[0]
    finally:
        loader.dispose()


def _one_pass(text: str):
    loader = yamlio._Loader(text)
    try:
        return yamlio._construct(loader, loader.get_single_node(), 0, True)
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__, str(exc).splitlines()[0]
    finally:
        loader.dispose()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_files_read_the_same(path):
    text = path.read_text(encoding="utf-8")
    assert _one_pass(text) == _long_way(text)


@pytest.mark.parametrize("text", ODD)
def test_odd_documents_read_the_same(text):
    assert _one_pass(text) == _long_way(text)


def test_an_unhashable_key_is_a_clear_error_not_a_traceback():
    with pytest.raises(ContentYamlError, match="keys must be plain words") as err:
        load_yaml("? [1, 2]\n: x\n", offset=3)
    assert err.value.line == 4


def _read(text: str, lazy: bool, offset: int = 0):
    try:
        doc = load_yaml(text, offset=offset, lazy_lines=lazy)
    except ContentYamlError as exc:
        return "error", exc.message, exc.line
    return doc.data, doc.lines, doc.line_of("a", 0, "b"), doc.line_of()


PLAN = "reference: DP-1\nperiod:\n  from: '2026-04-06'\n  to: 2026-10-04\npayees:\n- match: A\n  kind: wages\n- {match: B, kind: x}\n"


@pytest.mark.parametrize("text", ODD + [PLAN, "a:\n- b: 1\n  c: 2\n- b: 3\n", "a: 1\nb:\n  c: 1\n  c: 2\n", ""])
@pytest.mark.parametrize("offset", [0, 4])
def test_lines_worked_out_when_asked_are_the_lines_noted_when_read(text, offset):
    assert _read(text, lazy=True, offset=offset) == _read(text, lazy=False, offset=offset)


@pytest.mark.parametrize("path", SHIPPED[:40], ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_files_give_the_same_lines_when_worked_out_later(path):
    text = path.read_text(encoding="utf-8")
    assert _read(text, lazy=True) == _read(text, lazy=False)
