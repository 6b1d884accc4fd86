"""The broker's answer to a query (docs/design.md §2), as plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, List, Mapping, Optional

from .errors import Unavailable

__all__ = ["Answer", "TraceEntry", "ANSWERED", "EMPTY"]

ANSWERED = "ANSWERED"
EMPTY = "EMPTY"


@dataclass(frozen=True)
class TraceEntry:
    """What happened to one chain entry (or mix group member) of a query.

    Attributes:
        model: the model's name.
        outcome: ``ANSWERED``, ``LATE`` (fired, no answer by the end), ``CANCELLED``,
            ``ERROR``, ``SKIPPED_LAG``, ``SKIPPED_CIRCUIT``, ``SHED`` or ``NOT_FIRED``.
        fired_ms: when it fired (or would have), in ms since the query arrived.
        done_ms: when its answer arrived, in ms since the query arrived; ``None`` if none did.
    """

    model: str
    outcome: str
    fired_ms: float
    done_ms: Optional[float] = None


@dataclass(frozen=True)
class Answer:
    """A query's one terminal result. **Falsy when EMPTY**, so the seed's idioms work::

        answer = client.try_(question, chain)
        print(answer if answer else "human assist")
        if len(answer) == 0:  # the seed's own test
            print("human assist")

    ``len(answer)`` is the number of answers it holds: 0 when EMPTY, 1 when ANSWERED, so
    ``len(answer) > 0`` and ``bool(answer)`` always agree.

    Attributes:
        status: ``"ANSWERED"`` or ``"EMPTY"`` (no model answered within the budget).
        label: the answer's label (e.g. ``"alarm"``); ``None`` when EMPTY.
        score: the answering model's score for the label; ``None`` when EMPTY.
        text: the answer's text, if the model gives one (``""`` otherwise); ``None`` when EMPTY.
        model: the chain entry (model or mix group) that answered; ``None`` when EMPTY.
        rank: its position in the chain, 0 = the first; ``None`` when EMPTY.
        downgraded: whether the answer came from an entry other than the first.
        elapsed_ms: the broker's time from arrival to answer, in ms.
        trace: one :class:`TraceEntry` per model, in chain order.
    """

    status: str
    label: Optional[str] = None
    score: Optional[float] = None
    text: Optional[str] = None
    model: Optional[str] = None
    rank: Optional[int] = None
    downgraded: bool = False
    elapsed_ms: float = 0.0
    trace: List[TraceEntry] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        """Whether a model answered (status ``ANSWERED``)."""
        return self.status == ANSWERED

    def __bool__(self) -> bool:
        return self.answered

    def __len__(self) -> int:
        """0 when EMPTY, 1 when ANSWERED (the seed decided on "human assist" by ``len``)."""
        return 1 if self.answered else 0

    def __str__(self) -> str:
        if self.answered:
            score = f"{self.score:.3f}" if self.score is not None else "-"
            downgraded = ", downgraded" if self.downgraded else ""
            return (
                f"ANSWERED  {self.label}  (score {score})  by {self.model}, rank {self.rank}{downgraded}, "
                f"in {self.elapsed_ms:.1f} ms"
            )
        return f"{self.status}  human assist: no model answered in time, in {self.elapsed_ms:.1f} ms"

    def trace_table(self) -> str:
        """The trace as an aligned text table, one line per model."""
        lines = [f"  {'model':<12} {'outcome':<16} {'fired_ms':>9} {'done_ms':>9}"]
        for entry in self.trace:
            done = f"{entry.done_ms:.1f}" if entry.done_ms is not None else "-"
            lines.append(f"  {entry.model:<12} {entry.outcome:<16} {entry.fired_ms:>9.1f} {done:>9}")
        return "\n".join(lines)

    @classmethod
    def from_json(cls, reply: Any) -> "Answer":
        """Reads the broker's answer JSON (already decoded).

        Raises:
            Unavailable: the reply does not have the answer's shape.
        """
        try:
            return _parse(reply)
        except (KeyError, TypeError, ValueError) as e:
            raise Unavailable(f"malformed reply from the broker: {e}") from None


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number, was {value!r}")
    return float(value)


def _string(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, was {value!r}")
    return value


def _parse(reply: Any) -> Answer:
    if not isinstance(reply, Mapping):
        raise TypeError("the answer must be a JSON object")
    status = _string(reply["status"], "status")
    trace_json = reply.get("trace") or []
    if not isinstance(trace_json, list):
        raise TypeError("trace must be a list")
    trace = []
    for i, entry in enumerate(trace_json):
        if not isinstance(entry, Mapping):
            raise TypeError(f"trace[{i}] must be an object")
        done = entry.get("done_ms")
        trace.append(
            TraceEntry(
                model=_string(entry["model"], f"trace[{i}].model"),
                outcome=_string(entry["outcome"], f"trace[{i}].outcome"),
                fired_ms=_number(entry["fired_ms"], f"trace[{i}].fired_ms"),
                done_ms=None if done is None else _number(done, f"trace[{i}].done_ms"),
            )
        )
    elapsed_ms = _number(reply.get("elapsed_ms", 0.0), "elapsed_ms")
    if status != ANSWERED:
        return Answer(status=status, elapsed_ms=elapsed_ms, trace=trace)
    answer = reply["answer"]
    if not isinstance(answer, Mapping):
        raise TypeError("answer must be an object when ANSWERED")
    rank = reply.get("rank")
    if isinstance(rank, bool) or not isinstance(rank, int):
        raise TypeError(f"rank must be a whole number, was {rank!r}")
    text = answer.get("text")
    return Answer(
        status=status,
        label=_string(answer["label"], "answer.label"),
        score=_number(answer["score"], "answer.score"),
        text=None if text is None else _string(text, "answer.text"),
        model=_string(reply["model"], "model"),
        rank=rank,
        downgraded=bool(reply.get("downgraded", False)),
        elapsed_ms=elapsed_ms,
        trace=trace,
    )
