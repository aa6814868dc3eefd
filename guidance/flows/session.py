"""A flow session: the engine plus a store, so every step is saved the moment it is taken.

Each answer, step back, change or exit is worked out first (the engine is pure), then written in
one transaction, and only then shown as done. A session killed at any point resumes with every
answer it had acknowledged.
"""

from __future__ import annotations

import json

from guidance.flows.answers import dumps, from_json_value, to_json_value
from guidance.flows.engine import Engine, State
from guidance.flows.outcome import build_report
from guidance.flows.prefill import Prefill
from guidance.records.store import ACTIVE, FINISHED, SessionStore


class SessionMismatch(ValueError):
    """A session resumed with the wrong flow."""


def dump_state(state: State) -> str:
    data = {"trail": state.trail, "answers": to_json_value(state.answers), "results": to_json_value(state.results)}
    if state.prefill is not None:
        data["prefill"] = state.prefill.to_json()
    if state.confirm:
        data["confirm"] = list(state.confirm)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def load_state(text: str) -> State:
    data = json.loads(text)
    return State(list(data["trail"]), from_json_value(data["answers"]), from_json_value(data["results"]),
                 Prefill.from_json(data.get("prefill")), [str(n) for n in data.get("confirm", [])])


class Session:
    def __init__(self, engine: Engine, store: SessionStore, session_id: str, state: State, release: str, note: str | None = None):
        self.engine = engine
        self.store = store
        self.id = session_id
        self.state = state
        self.release = release
        self.note = note

    # -- starting and resuming ------------------------------------------------------------
    @classmethod
    def start(cls, engine: Engine, store: SessionStore, release: str, label: str | None = None,
              prefill: Prefill | None = None, mode: str = "officer") -> "Session":
        """A new session, saved before it is shown. ``prefill``: answers filled from a source
        (the audit trail records the source, its record and the questions, not the answers).
        ``mode``: "officer" or "recipient", who it is run for (offered back only in that mode)."""
        state = engine.start(prefill=prefill)
        flow = engine.flow
        origin = prefill.trail_detail() if prefill is not None else None
        record = store.create(flow.id, flow.version, release, engine.on, dump_state(state), label, origin=origin, mode=mode)
        return cls(engine, store, record.id, state, release)

    @classmethod
    def resume(cls, engine: Engine, store: SessionStore, session_id: str, release: str) -> "Session":
        """Pick up where the session stopped; a changed flow is replayed and explained."""
        record = store.get(session_id)
        flow = engine.flow
        if record.flow_id != flow.id:
            raise SessionMismatch(f"session {session_id} is for flow '{record.flow_id}', not '{flow.id}'")
        saved = load_state(record.state)
        kept = {n: v for n, v in saved.answers.items() if n in flow.nodes}
        state, matched = engine.replay(saved.trail, kept, saved.prefill, saved.confirm)
        note = None
        if matched and record.flow_version == flow.version:
            return cls(engine, store, session_id, state, release)
        if matched:
            note = (f"This flow was updated (version {record.flow_version} to {flow.version}) since the session "
                    "started. Your answers still fit the new version, so you carry on where you stopped.")
        else:
            state = engine.prune(engine.fast_forward(state))
            where = engine.node(state.current)
            label = where.title or where.text.split("\n")[0]
            if record.flow_version != flow.version:
                note = (f"This flow changed (version {record.flow_version} to {flow.version}) since the session started, "
                        f"and your earlier answers no longer lead to the same place. Answers that still apply are kept; "
                        f"please carry on from: {label}")
            else:
                note = ("Some saved answers no longer fit this flow (the figures or rules changed). Answers that still "
                        f"apply are kept; please carry on from: {label}")
        session = cls(engine, store, session_id, state, release, note)
        session._save("resume", None, {"from_version": record.flow_version, "matched": matched}, state)
        return session

    # -- where we are -----------------------------------------------------------------------
    @property
    def current(self) -> str:
        return self.state.current

    @property
    def node(self):
        return self.engine.node(self.current)

    @property
    def finished(self) -> bool:
        return self.engine.is_finished(self.state)

    def kept_answer(self, node_id: str | None = None):
        """The answer given before for this step (after going back), offered as the default."""
        return self.state.answers.get(node_id or self.current)

    def to_confirm(self, node_id: str | None = None) -> bool:
        """True when this step's kept answer rests on an answer changed since: ask it again."""
        return (node_id or self.current) in self.state.confirm

    # -- moving (each one saved before it counts) ---------------------------------------------
    def answer(self, raw) -> None:
        """Take the answer for the current step. A step asked again because an earlier answer
        changed, once confirmed, goes on through the kept answers that still apply."""
        node_id = self.current
        self._check_record_number(node_id, raw)
        new = self.engine.answer(self.state, raw)
        if node_id in self.state.confirm:
            new = self.engine.fast_forward(new)
        new = self.engine.prune(new)
        self._save("answer", node_id, new.answers[node_id], new)

    def back(self) -> None:
        new = self.engine.back(self.state)
        self._save("back", new.current, None, new)

    def change(self, node_id: str, raw) -> None:
        self._check_record_number(node_id, raw)
        new = self.engine.change(self.state, node_id, raw)
        self._save("change", node_id, new.answers[node_id], new)

    def safeguarding(self) -> None:
        new = self.engine.safeguarding(self.state)
        self._save("safeguarding", self.current, None, new)

    def report(self, base=None) -> dict:
        return build_report(self.engine, self.state, base, self.release)

    def _check_record_number(self, node_id: str, raw) -> None:
        """A source's record number (``prefill.check_record_number``): the one the session was
        started from, or, given by hand, one kept in the records this session is kept in."""
        from guidance.flows.prefill import check_record_number

        check_record_number(self.engine.flow, node_id, raw, self.state.prefill, getattr(self.store, "database", None))

    def _save(self, kind: str, node: str | None, value, new: State) -> None:
        status = FINISHED if self.engine.is_finished(new) else ACTIVE
        encoded = None if value is None else dumps(value)
        self.store.record(self.id, kind, node, encoded, dump_state(new), status=status, flow_version=self.engine.flow.version)
        self.state = new
