"""The parsed-page cache is reused when files are unchanged and never trusted when damaged."""

from pathlib import Path

from guidance.content.base import ContentBase
from guidance.content.cache import PageCache

BROKEN = Path(__file__).resolve().parent / "data" / "broken"


def test_cache_is_written_and_reused(monkeypatch):
    first = ContentBase.load(BROKEN)
    cache = PageCache.for_root(BROKEN)
    assert cache.file.is_file()
    calls = []
    import guidance.content.base as base_module

    real = base_module.parse_page
    monkeypatch.setattr(base_module, "parse_page", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    second = ContentBase.load(BROKEN)
    assert set(second.pages) == set(first.pages)
    # only the broken files (never cached) are parsed again
    assert all(not str(path).endswith("good-page.md") for path in calls)
    assert second.pages["good-page"].meta == first.pages["good-page"].meta


def test_a_damaged_cache_is_ignored(tmp_path):
    ContentBase.load(BROKEN)
    cache_file = PageCache.for_root(BROKEN).file
    cache_file.write_text("{ not json")
    again = ContentBase.load(BROKEN)
    assert "good-page" in again.pages
    assert PageCache.for_root(BROKEN).entries  # rewritten whole


def test_an_edited_file_is_parsed_again(content_copy):
    page = content_copy / "content" / "employment" / "minimum-wage.md"
    ContentBase.load(content_copy)
    page.write_text(page.read_text().replace("title: Minimum wage for personal assistants", "title: Minimum wage for PAs"))
    assert ContentBase.load(content_copy).pages["minimum-wage"].meta.title == "Minimum wage for PAs"
