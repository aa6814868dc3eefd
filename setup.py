"""Build hook: ship the bundled content base (content/ and flows/) inside the package.

The content and flows live at the top of the repository, where their authors edit them; a wheel
(``pip install .``, ``pipx install``) copies them into ``guidance/_bundled/``, which
``guidance.content.roots.bundled_root`` finds. An editable install reads them in place.
Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLED = ("content", "flows")


class build_py_with_content(build_py):
    """build_py, then content/ and flows/ copied to <build>/guidance/_bundled/."""

    def run(self):
        super().run()
        target = Path(self.build_lib) / "guidance" / "_bundled"
        for name in BUNDLED:
            source = HERE / name
            if not source.is_dir():
                raise SystemExit(f"setup.py: {source} is missing: the package cannot ship its content")
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns(".*", "__pycache__", "*.pyc"))


setup(cmdclass={"build_py": build_py_with_content})
