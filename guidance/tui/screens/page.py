"""A page: the rendered Markdown with its contents, and beside it the read-out answer and facts.

Links between pages open inside the app (``page:ID``); web links go through ``App.open_url`` so
they work in a terminal and in a browser. Figures show as in force today, or on a date the
officer picks ("as at"), for a caller asking about last year's pay.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, MarkdownViewer, OptionList, Static

from guidance.tui.widgets.page_viewer import PageViewer
from textual.widgets.option_list import Option

from guidance.content.formatting import long_date
from guidance.content.pages import PAGE_LINK
from guidance.tui.messages import ModeChanged
from guidance.tui.widgets.call_panel import CallPanelHost


CONTENTS_WIDTH = 160  # columns from which the page's contents show beside it from the start


class PageScreen(CallPanelHost, Screen):
    CALL_PANEL_PARENT = "#page-layout"
    """One page of guidance."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="page.back"),
        Binding("a", "as_at", "As at", id="page.as_at"),
        Binding("g", "glossary", "Glossary", id="page.glossary"),
        Binding("c", "copy_summary", "Copy", id="page.copy_summary"),
        Binding("t", "toggle_contents", "Contents", id="page.toggle_contents"),
        Binding("i", "toggle_info", "Facts", id="page.toggle_info"),
    ]

    def __init__(self, page_id: str, on_date: dt.date | None = None):
        super().__init__()
        self.page_id = page_id
        self.on_date = on_date

    @property
    def base(self):
        return self.app.services.base

    @property
    def page(self):
        return self.base.pages[self.page_id]

    @property
    def shown_date(self) -> dt.date:
        return self.on_date or self.app.today

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="page-layout"):
            yield PageViewer(
                self._markdown(),
                id="page-body",
                show_table_of_contents=False,
                open_links=False,
            )
            with VerticalScroll(id="page-info"):
                yield Static(id="page-summary", markup=False)
                yield Static(id="page-facts")
                yield Static("Related pages", classes="info-heading", id="page-related-heading")
                yield OptionList(id="page-related")
                yield Static("Work it out", classes="info-heading", id="page-calcs-heading")
                yield OptionList(id="page-calcs")
                yield Static("Sources", classes="info-heading", id="page-sources-heading")
                yield Static(id="page-sources", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.shown_mode = self.app.mode  # the mode the text is shown for
        self.title = self.page.meta.title
        self.app.services.remember_page(self.page_id)
        self._fill_info()
        self.query_one("#page-body").show_table_of_contents = self.app.size.width >= CONTENTS_WIDTH
        self.query_one(MarkdownViewer).document.focus()
        self.sync_call_panel()

    def on_screen_resume(self) -> None:
        if getattr(self, "shown_mode", self.app.mode) != self.app.mode:  # F2 pressed on a screen over this one
            if not self.app.services.offered("page", self.page_id, self.app.mode):
                self.call_after_refresh(self._close_for_officers)
                return
            self.call_after_refresh(self._show_for_mode)
        self.sync_call_panel()

    def _markdown(self) -> str:
        page = self.page
        may_change = self.base.figures_may_change(page, self.shown_date)
        warning = f"> **Warning:** {may_change}\n\n" if may_change else ""
        return f"# {page.meta.title}\n\n{warning}" + self.app.services.page_text_for(page, self.shown_date, self.app.mode)

    def _fill_info(self) -> None:
        meta = self.page.meta
        officer = self.app.mode != "recipient"  # a recipient is spoken to, not read out to
        label = "Read out" if officer else "In short"
        self.query_one("#page-summary", Static).update(f"{label}:\n{self.base.try_render_summary(self.page, self.shown_date)}")
        as_at = "today" if self.on_date is None else f"as at {long_date(self.on_date)}"
        facts = [f"Version {meta.version} · updated {long_date(meta.updated)}", f"Review by {long_date(meta.review_by)}",
                 f"Figures {as_at}"]
        if officer:
            facts.append(f"For: {', '.join(meta.audience)}")
        self.query_one("#page-facts", Static).update("\n".join(facts))
        related = self.query_one("#page-related", OptionList)
        related.clear_options()
        offered = {page.id for page in self.app.services.pages_for(self.app.mode)}
        for page_id in meta.related:
            target = self.base.pages.get(page_id)
            if target is not None and page_id in offered:
                related.add_option(Option(target.meta.title, id=page_id))
        # never a heading with nothing under it
        related.display = self.query_one("#page-related-heading").display = related.option_count > 0
        self._fill_calculators(meta.covers)
        sources = "\n".join(f"• {s.title}" + (f"\n  {s.url}" if s.url else f"\n  {s.citation}") for s in meta.sources)
        self.query_one("#page-sources", Static).update(sources)
        self.query_one("#page-sources", Static).display = self.query_one("#page-sources-heading").display = bool(sources)

    def _fill_calculators(self, covers) -> None:
        from guidance.calculators.registry import CALCULATORS

        calcs = self.query_one("#page-calcs", OptionList)
        calcs.clear_options()
        names = [name for name in self.app.services.base.settings.calculators_for(covers) if name in CALCULATORS]
        for name in names:
            calcs.add_option(Option(CALCULATORS[name].title, id=name))
        calcs.display = self.query_one("#page-calcs-heading").display = bool(names)

    @on(OptionList.OptionSelected, "#page-calcs")
    def open_calculator(self, event: OptionList.OptionSelected) -> None:
        self.app.open_calculator(event.option.id)

    @on(Markdown.LinkClicked)
    def follow_link(self, event: Markdown.LinkClicked) -> None:
        event.prevent_default()
        href = event.href
        if href.startswith(PAGE_LINK):
            self.app.open_page(href[len(PAGE_LINK):])
        elif href.startswith("calc:"):
            self.app.open_calculator(href[len("calc:"):])
        elif href.startswith(("http://", "https://", "mailto:")):
            self.app.open_url(href)

    @on(OptionList.OptionSelected, "#page-related")
    def open_related(self, event: OptionList.OptionSelected) -> None:
        self.app.open_page(event.option.id)

    def action_back(self) -> None:
        """Esc goes back one step: from the read-out answer and facts (I, at 80 columns) or the
        contents opened with T, back to the page's text; from the page, to where it was opened."""
        viewer = self.query_one(MarkdownViewer)
        if self.has_class("-info") and self.has_class("-narrow"):
            self.remove_class("-info")
        elif viewer.show_table_of_contents and self.app.size.width < CONTENTS_WIDTH:
            viewer.show_table_of_contents = False
        else:
            self.app.pop_screen()
            return
        viewer.document.focus()

    def action_toggle_info(self) -> None:
        """I: below 100 columns the page has the width; the read-out answer and facts take it
        in turn (wide terminals show both side by side, and this hides or shows the facts)."""
        self.toggle_class("-info")

    def action_toggle_contents(self) -> None:
        viewer = self.query_one(MarkdownViewer)
        viewer.show_table_of_contents = not viewer.show_table_of_contents

    def action_copy_summary(self) -> None:
        self.app.copy_to_clipboard(self.base.try_render_summary(self.page, self.shown_date))
        self.notify("Answer copied")

    def on_mode_changed(self, _: ModeChanged) -> None:
        """The mode switched (F2) with this page open: its text and panel now speak to the new
        mode's reader; a page written for officers only is closed in recipient mode."""
        if not self.app.services.offered("page", self.page_id, self.app.mode):
            self._close_for_officers()
            return
        self._show_for_mode()

    def _show_for_mode(self) -> None:
        """The text and panel for the app's mode now."""
        self.shown_mode = self.app.mode
        self.query_one(MarkdownViewer).document.update(self._markdown())
        self._fill_info()

    def _close_for_officers(self) -> None:
        """Close this page, written for officers only, now that the app is in recipient mode
        (once, and only while it is the screen on top)."""
        if self.app.screen is not self or getattr(self, "closing_for_mode", False):
            return
        self.closing_for_mode = True
        self.app.notify("That page is for officers: it is closed in recipient mode.", severity="warning")
        self.dismiss()

    def action_as_at(self) -> None:
        from guidance.tui.screens.date_prompt import DatePrompt

        def chosen(value: dt.date | None) -> None:
            if value is None:
                return
            self.on_date = None if value == self.app.today else value
            self.query_one(MarkdownViewer).document.update(self._markdown())
            self._fill_info()

        self.app.push_screen(DatePrompt("Show figures as at which date?", self.shown_date), chosen)

    def action_glossary(self) -> None:
        from guidance.tui.screens.glossary import GlossaryScreen

        text = self.base.try_render_summary(self.page, self.shown_date) + "\n" + self.page.body
        self.app.push_screen(GlossaryScreen(self.base.glossary.found_in(text) or self.base.glossary.entries))
