"""Messages the app posts to its screens (messages go up and across; method calls go down)."""

from textual.message import Message


class ContentReady(Message):
    """The content base has loaded."""


class SearchReady(Message):
    """The search index is open."""


class ModeChanged(Message):
    """Officer/recipient mode switched."""
