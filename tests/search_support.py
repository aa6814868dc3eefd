"""A small content base for the search tests, written into a temp folder."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 6, 1)
AFTER_RISE = dt.date(2027, 5, 1)

TAXONOMY = """
employment:
  holiday: Holiday entitlement and holiday pay, bank holidays, irregular hours, leavers.
  dismissal: Ending a PA's employment fairly, notice, unfair dismissal rights.
  dbs_checks: Criminal record (DBS) checks for PAs, levels, umbrella bodies, renewal.
  sickness: Sickness absence, Statutory Sick Pay, fit notes, covering sick leave.
  pay_and_minimum_wage: Minimum wage, hourly rates, sleep-ins, travel time, overtime, cash.
care_act:
  direct_payments_basics: What direct payments are and how the Care Act provides for them.
"""

RATES = """
national_living_wage:
  label: National Living Wage, per hour
  unit: money
  source: GOV.UK rates
  url: https://www.gov.uk/national-minimum-wage-rates
  periods:
    - {from: 2025-04-01, value: "12.21"}
    - {from: 2027-04-01, value: "13.10"}
"""

MANIFEST = "release: 2026.1.0\ndate: '2026-01-01'\nchangelog: []\n"

SYNONYMS = """
# caller words
sack: [dismiss, dismissal]
carer: personal assistant
off sick: [sickness, sick pay]
wages: pay
"""

PAGES = {
    ("employment", "holiday-irregular-hours"): dict(
        title="Holiday pay for irregular hours workers",
        summary="A PA with irregular hours builds up holiday at 12.07 percent of the hours they work in each pay period.",
        covers="[holiday]",
        audience="both",
        keywords="[annual leave, time off]",
        body="""
        ## Working it out

        Keep a record of the hours your PA works in each pay period. Holiday builds up as they work.

        ## Paying it

        Pay holiday at the PA's normal rate when they take it.
        """,
    ),
    ("employment", "holiday-entitlement"): dict(
        title="Holiday entitlement",
        summary="Every PA is entitled to 5.6 weeks of paid holiday a year, including bank holidays.",
        covers="[holiday]",
        audience="recipient",
        keywords="[annual leave]",
        body="""
        ## How much holiday

        A PA who works five days a week gets 28 days of holiday. Part-time PAs get the same in weeks.
        """,
    ),
    ("employment", "dismissing-a-pa"): dict(
        title="Dismissing a personal assistant fairly",
        summary="You can end a personal assistant's employment only for a fair reason and after a fair procedure.",
        covers="[dismissal]",
        audience="both",
        keywords="[notice, ending employment]",
        body="""
        ## Fair reasons

        Conduct, capability, redundancy and a legal bar are fair reasons for dismissal.

        ## Notice

        Give the notice the contract says, and at least one week for each year worked.
        """,
    ),
    ("employment", "dbs-checks"): dict(
        title="DBS checks for a new PA",
        summary="Ask for a criminal record check through an umbrella body once you have offered the job.",
        covers="[dbs_checks]",
        audience="recipient",
        keywords="[criminal record, police check]",
        body="""
        ## Umbrella bodies

        An umbrella body processes the check for employers who ask for fewer than 100 checks a year.
        Your direct payment support service can tell you which umbrella body to use.
        """,
    ),
    ("employment", "sick-pay"): dict(
        title="Statutory Sick Pay",
        summary="A PA who is off work ill may get Statutory Sick Pay from you, from their first day off.",
        covers="[sickness]",
        audience="officer",
        keywords="[SSP, off sick]",
        body="""
        ## Who qualifies

        From 6 April 2026 a PA can get it for one day off ill. Before then they had to be ill for
        at least four days in a row, counting days they do not work.

        ## Fit notes

        After seven days the PA needs a fit note from a doctor.
        """,
    ),
    ("employment", "minimum-wage"): dict(
        title="Minimum wage for personal assistants",
        summary="You must pay your PA at least the minimum wage for their age for every hour they work.",
        covers="[pay_and_minimum_wage]",
        audience="both",
        keywords="[hourly rate, living wage]",
        body="""
        ## The rate now

        The National Living Wage is {{ rate("national_living_wage") }} an hour.

        Sick days and paydays are separate things: this page is about hourly pay.
        """,
    ),
    ("care_act", "what-are-direct-payments"): dict(
        title="What direct payments are",
        summary="A direct payment is money from the council so you can arrange your own care and support.",
        covers="[direct_payments_basics]",
        audience="officer",
        keywords="[personal budget]",
        body="""
        ## The basics

        The council pays the money into a separate account and you use it to meet your assessed needs.
        """,
    ),
}


def page_text(page_id: str, fields: dict, version: int = 1) -> str:
    body = textwrap.dedent(fields["body"]).strip()
    return (
        f"---\nid: {page_id}\ntitle: {fields['title']}\nsummary: {fields['summary']}\ncovers: {fields['covers']}\n"
        f"audience: {fields['audience']}\nversion: {version}\nupdated: 2026-01-01\nreview_by: 2027-12-31\n"
        f"owner: Direct payments team\nkeywords: {fields['keywords']}\nsources:\n  - title: GOV.UK guidance\n"
        f"    url: https://www.gov.uk/\n---\n\n{body}\n"
    )


def make_root(folder: Path, synonyms: str | None = SYNONYMS, pages: dict | None = None) -> Path:
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    (content / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    (content / "rates.yaml").write_text(RATES, encoding="utf-8")
    (content / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    if synonyms is not None:
        (content / "synonyms.yaml").write_text(synonyms, encoding="utf-8")
    for (area, page_id), fields in (pages or PAGES).items():
        write_page(folder, area, page_id, fields)
    return folder


def write_page(root: Path, area: str, page_id: str, fields: dict, version: int = 1) -> Path:
    path = root / "content" / area / f"{page_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_text(page_id, fields, version), encoding="utf-8")
    return path


class CountingSource:
    """Wraps a document source and counts which pages (``rendered``) and which flows,
    calculators and letters (``others``, by index id) were made into documents for indexing."""

    def __init__(self, source):
        self.source = source
        self.rendered: list[str] = []
        self.others: list[str] = []

    def fingerprints(self):
        return self.source.fingerprints()

    def document(self, doc_id):
        (self.others if ":" in doc_id else self.rendered).append(doc_id)
        return self.source.document(doc_id)


def open_shipped(tmp_path_factory, on: dt.date):
    """The shipped content base indexed afresh in a temp folder, searched as on ``on``: a generator
    for a module-scoped fixture (``yield from open_shipped(...)``)."""
    from guidance.content.base import ContentBase
    from guidance.search import Searcher
    from guidance.search.documents import ContentSource
    from guidance.search.store import IndexStore
    from guidance.search.synonyms import load_synonyms

    base = ContentBase.load(REPO_ROOT, use_cache=False)
    store = IndexStore(tmp_path_factory.mktemp("shipped-index"))
    with Searcher.from_source(ContentSource(base, on), load_synonyms(base.content_dir), store) as opened:
        yield opened


def page_ids(searcher, question: str, limit: int = 10) -> list[str]:
    """The ids of the first ``limit`` pages found for ``question`` (flows and calculators left out)."""
    return searcher.search(question, limit=limit, kinds=("page",)).ids


class ListSource:
    """A page source over made-up IndexDoc pages: fingerprints by id, and each page by its id."""

    def __init__(self, docs):
        self.docs = {d.id: d for d in docs}

    def fingerprints(self):
        return {d.id: d.fingerprint for d in self.docs.values()}

    def document(self, doc_id):
        return self.docs[doc_id]


def page(page_id: str, title: str | None = None, body: str = "", *, related=(), covers=("holiday",), area: str | None = None,
         kind: str = "page", keywords=()):
    """A made-up index document: a page (``kind``) titled ``title`` ("Page <id>" when None)
    whose text is ``body``; a guided help, calculator or letter has its kind before its id and
    no area. Its fingerprint changes with any of its parts, so an edited page is re-indexed."""
    from guidance.search.documents import Block, IndexDoc, fingerprint

    title = f"Page {page_id}" if title is None else title
    area = ("employment" if kind == "page" else "") if area is None else area
    return IndexDoc(
        id=page_id if kind == "page" else f"{kind}:{page_id}", title=title, summary="", covers=list(covers),
        audience=["officer"], area=area, keywords=list(keywords), blocks=[Block(body)],
        fingerprint=fingerprint(page_id, kind, title, body, tuple(related), tuple(covers), area, tuple(keywords)),
        kind=kind, related=list(related),
    )
