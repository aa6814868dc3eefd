"""The core never imports Textual: the CLI and scripts must start fast and run anywhere."""

import subprocess
import sys

CORE_MODULES = [
    "guidance",
    "guidance.cli",
    "guidance.content.base",
    "guidance.content.check",
    "guidance.commands.content",
]


def test_importing_the_core_does_not_import_textual():
    code = (
        "import sys, importlib\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "from guidance.cli import build_parser; build_parser()\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_running_a_content_command_does_not_import_textual(tmp_path):
    code = (
        "import sys\n"
        "from guidance.cli import main\n"
        "main(['rates', '--on', '2026-04-01', '--json'])\n"
        "print('TEXTUAL' if any(m.startswith('textual') for m in sys.modules) else 'CLEAN', file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip().endswith("CLEAN")


def test_a_search_does_not_build_the_calculators_options():
    # The calculators' options need the calculators and their rates (and pydantic): a search
    # never uses them, and importing them was most of a cold search's start.
    code = (
        "import sys\n"
        "from guidance.cli import build_parser, command_word\n"
        "parser = build_parser(command_word(['--root', 'x', 'search', 'holiday', 'pay']))\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(('guidance.calculators', 'pydantic')))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_calc_command_still_has_every_calculator_and_its_options(capsys):
    from guidance.cli import command_word, main

    assert command_word(["--root", "calc", "calc", "holiday"]) == "calc"
    assert command_word(["--help", "calc"]) is None
    try:
        main(["calc", "holiday", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "--days-per-week" in capsys.readouterr().out


def test_opening_search_does_not_import_asyncio():
    # Whoosh's reader takes one property from a backport that imports asyncio; the standard
    # library's stands in for it (guidance/search/_light_whoosh.py).
    code = (
        "import sys\n"
        "import guidance.search.searcher, whoosh.reading\n"
        "print('asyncio' in sys.modules, whoosh.reading.cached_property.__module__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "functools"]


def test_a_search_imports_no_other_command_and_no_web_client():
    # A command named after its module is parsed by that module alone; Whoosh's re-export of
    # urlretrieve is a stand-in until called (guidance/search/_light_whoosh.py).
    code = (
        "import sys\n"
        "from guidance.cli import main\n"
        "main(['search', 'holiday', 'pay'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('guidance.commands.') or m in ('urllib.request', 'http.client', 'ssl'))\n"
        "print(','.join(loaded), file=sys.stderr)\n"
        "import whoosh.compat, urllib.request\n"
        "print(whoosh.compat.urlretrieve.__module__, 'urlopen' in dir(urllib.request), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    loaded, late = out.stderr.strip().splitlines()[-2:]
    # terminal_text is the shared printer of page text (bold on a terminal, plain when piped), not a command
    assert loaded.split(",") == ["guidance.commands.common", "guidance.commands.search", "guidance.commands.terminal_text"]
    assert late.split() == ["guidance.search._light_whoosh", "True"]


def test_commands_without_a_module_of_their_name_and_mistyped_ones_still_parse(capsys):
    from guidance.cli import build_parser

    assert build_parser("index").parse_args(["index", "status"]).action == "status"
    assert build_parser("search").parse_args(["search", "sick", "pay"]).query == ["sick", "pay"]
    try:
        build_parser("serch").parse_args(["serch", "pay"])
    except SystemExit as exc:
        assert exc.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'serch'" in error and "'search'" in error and "'calc'" in error


def test_a_search_process_leaves_its_objects_to_the_exit_but_a_call_with_arguments_does_not():
    code = (
        "import gc, sys\n"
        "from guidance.cli import main\n"
        "main(['search', 'holiday', 'pay'])\n"
        "called = gc.get_freeze_count()\n"
        "sys.argv = ['guidance', 'search', 'holiday', 'pay']\n"
        "main()\n"
        "print(called, gc.get_freeze_count() > 0, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stderr.split()[-2:] == ["0", "True"]


def test_opening_the_app_module_does_not_load_search():
    """The first screen comes up before search is loaded (in a worker): importing the app must not
    bring in the search engine or Whoosh, or every start pays for them."""
    code = (
        "import sys, guidance.tui.app\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(('guidance.search', 'whoosh')))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
