"""The loaded content base: every page, the rates, the taxonomy and the release, plus problems.

``ContentBase.load(root)`` never raises for a content mistake. Each file is parsed on its own and
whatever is wrong is collected in ``problems``, so a team leader sees every problem in one run.
The other parts of a content root (flows, letters with the council's details, synonyms and the
style rules) are loaded through the same object the first time they are asked for, once:
``base.flows()``, ``base.letters()``, ``base.synonyms()``, ``base.style()``, each with the
problems found loading it in ``base.part_problems(name)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from guidance.content.cache import PageCache
from guidance.content.glossary import Glossary, load_glossary
from guidance.content.pages import Page, parse_page
from guidance.content.rates import Rates, load_rates
from guidance.content.release import Manifest, load_lock, load_manifest
from guidance.content.render import RenderError, render
from guidance.content.settings import Settings, load_settings
from guidance.content.taxonomy import Taxonomy, load_taxonomy
from guidance.problems import Problems
from guidance.yamlio import MAX_PAGE_BYTES, ContentYamlError, refuse_outside_link

#: Folders under content/ that hold other things than pages.
NON_PAGE_DIRS = {"letters", "history", "style"}


@dataclass
class ContentBase:
    root: Path
    pages: dict[str, Page]
    rates: Rates
    taxonomy: Taxonomy
    manifest: Manifest
    lock: dict[str, dict]
    glossary: Glossary = field(default_factory=lambda: Glossary([], {}))
    problems: Problems = field(default_factory=Problems)
    settings: Settings = field(default_factory=Settings)
    _parts: dict = field(default_factory=dict, repr=False)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def shown(self, path: Path) -> str:
        """Paths in messages are relative to the root, as an author sees them in their repo."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    @classmethod
    def load(cls, root: Path, use_cache: bool = True) -> "ContentBase":
        root = Path(root)
        problems = Problems()
        content = root / "content"

        def shown(path: Path) -> str:
            return str(path.relative_to(root))

        taxonomy = load_taxonomy(content / "taxonomy.yaml", shown(content / "taxonomy.yaml"), problems)
        rates = load_rates(content / "rates.yaml", problems, shown(content / "rates.yaml"))
        manifest = load_manifest(content / "manifest.yaml", shown(content / "manifest.yaml"), problems)
        lock = load_lock(content / "pages.lock", shown(content / "pages.lock"), problems)
        glossary = load_glossary(content / "glossary.yaml", shown(content / "glossary.yaml"), problems)
        settings = load_settings(content, shown(content / "settings.yaml"), problems)
        pages = _load_pages(content, taxonomy, shown, problems, PageCache.for_root(root) if use_cache else None)
        return cls(root, pages, rates, taxonomy, manifest, lock, glossary, problems, settings)

    @property
    def unreadable_pages(self) -> frozenset[str]:
        """Ids (file names) of page files that are there but could not be read. Their own errors
        say why; links and references to them are not reported again as missing pages, so the
        cause is not lost among its knock-ons."""
        if "unreadable" not in self._parts:
            content = self.root / "content"
            files = _page_files(content, self.taxonomy, lambda path: str(path), Problems()) if content.is_dir() else ()
            self._parts["unreadable"] = (frozenset(path.stem for _area, path in files) - set(self.pages), Problems())
        return self._parts["unreadable"][0]

    def _part(self, name: str, load):
        if name not in self._parts:
            found = Problems()
            self._parts[name] = (load(found), found)
        return self._parts[name][0]

    def part_problems(self, name: str) -> Problems:
        """Problems found loading one part ("flows", "letters", "synonyms", "style")."""
        return self._parts[name][1] if name in self._parts else Problems()

    def flows(self) -> dict:
        """Flow id -> LoadedFlow, from ``flows/`` beside ``content/``."""
        from guidance.flows.loader import load_flows

        return self._part("flows", lambda found: load_flows(self.root, found))

    def letters(self):
        """The letter templates and the council's details (a Catalogue)."""
        from guidance.letters.catalogue import Catalogue

        def load(found: Problems):
            catalogue = Catalogue.load(self)
            found.extend(catalogue.problems)
            return catalogue

        return self._part("letters", load)

    def synonyms(self):
        from guidance.search.synonyms import FILE_NAME, load_synonyms

        return self._part("synonyms", lambda found: load_synonyms(self.content_dir, found, self.shown(self.content_dir / FILE_NAME)))

    def style(self):
        from guidance.content.style import load_style

        return self._part("style", lambda found: load_style(self.content_dir, self.shown, found))

    def core_errors(self) -> list:
        """Errors that break the content as a whole: a rates or taxonomy file that cannot be
        read, so no figure (or no page) can be shown. Commands and the app lead with these."""
        core = set()
        if self.rates.broken:
            core.add(self.rates.path)
        taxonomy = self.shown(self.content_dir / "taxonomy.yaml")
        if not self.taxonomy.areas:
            core.add(taxonomy)
        return [p for p in self.problems.errors if p.path in core]

    def page(self, page_id: str) -> Page:
        try:
            return self.pages[page_id]
        except KeyError:
            raise KeyError(f"no page with id '{page_id}'") from None

    def render_body(self, page: Page, on: dt.date) -> str:
        """The page's Markdown with figures in force on ``on``. Raises RenderError."""
        return render(page.body, self.rates, on)

    def figures_may_change(self, page: Page, on: dt.date) -> str | None:
        """For a page that quotes figures, shown for a day after they are known to be right:
        the warning that they may change (see ``Rates.may_change``); else None."""
        import re

        text = f"{page.meta.summary}\n{page.body}"
        if not re.search(r"\b(?:rate|rule|has_rate)\s*\(", text):
            return None
        return self.rates.may_change(on)

    def try_render(self, page: Page, on: dt.date) -> str:
        """Render for display: a broken page shows its error rather than crashing a screen."""
        try:
            return self.render_body(page, on)
        except RenderError as exc:
            return f"*This page cannot be shown: {exc.message}.*\n"

    def render_summary(self, page: Page, on: dt.date) -> str:
        """The read-out summary for ``on``: it may use rate() and rule() as the body does, so it
        states the rule in force on the day shown. Raises RenderError."""
        summary = page.meta.summary
        if "{" not in summary:
            return summary
        return " ".join(render(summary, self.rates, on).split())

    def try_render_summary(self, page: Page, on: dt.date) -> str:
        """The summary for display; a broken one shows its error rather than crashing a screen."""
        try:
            return self.render_summary(page, on)
        except RenderError as exc:
            return f"This summary cannot be shown: {exc.message}."

    def sorted_pages(self) -> list[Page]:
        return sorted(self.pages.values(), key=lambda p: (p.area, p.meta.title.lower()))


def _page_files(content: Path, taxonomy: Taxonomy, shown, problems: Problems):
    for area_dir in sorted(p for p in content.iterdir() if p.is_dir()):
        if area_dir.name in NON_PAGE_DIRS or area_dir.name.startswith("."):
            continue
        files = [path for path in sorted(area_dir.rglob("*.md")) if _usable_file(path, content, shown, problems)]
        if area_dir.name not in taxonomy.areas:
            for path in files:
                problems.error(shown(path), None, f"'{area_dir.name}' is not an area in taxonomy.yaml")
            continue
        for path in files:
            yield area_dir.name, path


def _usable_file(path: Path, content: Path, shown, problems: Problems) -> bool:
    """A page file that is what it seems: inside the content folder and of a page's size."""
    try:
        refuse_outside_link(path, content)
        size = path.stat().st_size
    except ContentYamlError as exc:
        problems.error(shown(path), None, exc.message)
        return False
    except OSError as exc:
        problems.error(shown(path), None, f"cannot read file: {exc.strerror}")
        return False
    if size > MAX_PAGE_BYTES:
        problems.error(shown(path), None, f"too large for a page ({size / 1_000_000:.1f} MB; the limit is {MAX_PAGE_BYTES / 1_000_000:.0f} MB): split it or remove what was pasted in")
        return False
    return True


def _load_pages(content: Path, taxonomy: Taxonomy, shown, problems: Problems, cache) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for area, path in _page_files(content, taxonomy, shown, problems):
        page_problems = Problems()
        page = cache.get(path) if cache else None
        if page is None:
            page = parse_page(path, area, shown(path), page_problems)
            if cache and page is not None and not page_problems:
                cache.put(path, page)
        problems.extend(page_problems)
        if page is None:
            continue
        if page.id != path.stem:
            problems.error(page.path, page.line_of("id"), f"id '{page.id}' must match the file name '{path.stem}.md'")
        if page.id in pages:
            other = pages[page.id]
            problems.error(page.path, page.line_of("id"), f"duplicate id '{page.id}' (also in {other.path})")
            continue
        pages[page.id] = page
    if cache:
        cache.save()
    return pages
