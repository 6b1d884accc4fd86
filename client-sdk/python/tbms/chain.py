"""Model chains and mix groups, and the forms they may be written in.

A **chain** is the ordered list of models a query tries, best first, each with its usual
latency (``est_ms``). Any of these forms is accepted wherever a chain is expected; order is
kept as written::

    tbms.models(("embedding", 35), ("svm", 25), ("bayes", 15), ("keyword", 5))
    {"embedding": {"est": 35}, "svm": {"est": 25}}       # the seed's tbmsList form
    {"embedding": 35, "svm": 25}                          # the short dict form
    [("embedding", 35), "keyword", tbms.Model("svm", 25)] # a list; a bare name has no estimate

In the dict forms each value may be a number (``est_ms``), ``None`` (no estimate: the broker
uses its registry's), or a dict with ``est`` or ``est_ms`` and optionally ``version``.

A **mix query** replaces each chain entry by a **group** whose members run together and whose
answers are combined: ``"max"`` keeps the member answer with the highest score, ``"avg"``
averages each label's score over the members that answered. Accepted forms::

    tbms.groups(tbms.group("mix1", "max", ("svm", 25), ("bayes", 15)),
                tbms.group("mix2", "avg", ("embedding", 35), ("keyword", 5)))
    {"mix1": {"mix": "max", "models": {"svm": 25, "bayes": 15}},       # the dict form
     "mix2": {"mix": "avg", "models": [("embedding", 35), ("keyword", 5)]}}
    {"mix1": {"svm": {"est": 25}, "bayes": {"est": 15}, "mix": "max"}}  # the seed's tbmsMixList form

In the dict form ``"combine"`` may be written instead of ``"mix"``; without either, ``"max"``.
In the seed's form every key other than ``"mix"``/``"combine"`` is a model, so a group whose
only model is called ``models`` must use the dict form.

Model names pass to the broker unchanged; a name the broker does not know is refused with
:class:`~tbms.InvalidRequest` naming the entry (``models[3].name``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from .errors import InvalidRequest

__all__ = ["Model", "Group", "models", "group", "groups", "as_chain", "as_groups"]


@dataclass(frozen=True)
class Model:
    """One chain entry.

    Attributes:
        name: the model's name in the broker's registry (``embedding``, ``svm`` ...).
        est_ms: how long it usually takes, in milliseconds; sets when its backup fires.
            ``None``: the broker uses its registry's estimate.
        version: a model version, or ``None`` for the registry's.
    """

    name: str
    est_ms: Optional[float] = None
    version: Optional[str] = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise TypeError(f"a model name must be a non-empty string, was {self.name!r}")
        if self.est_ms is not None:
            if isinstance(self.est_ms, bool) or not isinstance(self.est_ms, (int, float)):
                raise TypeError(f"est_ms of {self.name!r} must be a number of ms, was {self.est_ms!r}")
            if not math.isfinite(self.est_ms):
                raise ValueError(f"est_ms of {self.name!r} must be finite, was {self.est_ms!r}")
        if self.version is not None and not isinstance(self.version, str):
            raise TypeError(f"version of {self.name!r} must be a string, was {self.version!r}")

    def to_json(self) -> Dict[str, Any]:
        """The broker's JSON for this entry: ``{"name", "est_ms"?, "version"?}``."""
        entry: Dict[str, Any] = {"name": self.name}
        if self.est_ms is not None:
            entry["est_ms"] = self.est_ms
        if self.version is not None:
            entry["version"] = self.version
        return entry


@dataclass(frozen=True)
class Group:
    """One entry of a mix query: models that run together, answers combined.

    Attributes:
        name: the group's name, reported as the answer's ``model``.
        combine: ``"max"`` (highest-scoring member answer) or ``"avg"`` (label scores
            averaged over the members that answered).
        models: the members.
    """

    name: str
    combine: str = "max"
    models: Tuple[Model, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise TypeError(f"a group name must be a non-empty string, was {self.name!r}")
        if not isinstance(self.combine, str):
            raise TypeError(f"combine of group {self.name!r} must be \"max\" or \"avg\", was {self.combine!r}")
        object.__setattr__(self, "models", tuple(self.models))

    def to_json(self) -> Dict[str, Any]:
        """The broker's JSON for this group: ``{"name", "combine", "models"}``."""
        return {"name": self.name, "combine": self.combine, "models": [m.to_json() for m in self.models]}


ModelSpec = Union[Model, str, Tuple[Any, ...], List[Any]]
"""One chain entry: a :class:`Model`, a name, ``(name,)``, ``(name, est_ms)`` or
``(name, est_ms, version)``."""
ChainLike = Union[Mapping[str, Any], Iterable[ModelSpec]]
"""A chain in any accepted form (see the module documentation)."""
GroupsLike = Union[Mapping[str, Any], Iterable[Group]]
"""Mix groups in any accepted form (see the module documentation)."""


def _model(spec: Any) -> Model:
    if isinstance(spec, Model):
        return spec
    if isinstance(spec, str):
        return Model(spec)
    if isinstance(spec, (tuple, list)) and 1 <= len(spec) <= 3:
        return Model(*spec)
    raise TypeError(
        f"a chain entry is a tbms.Model, a name, or (name, est_ms[, version]), was {spec!r}"
    )


def _model_from_dict_value(name: str, value: Any) -> Model:
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        return Model(name, value)
    if isinstance(value, Mapping):
        unknown = set(value) - {"est", "est_ms", "version"}
        if unknown:
            raise ValueError(f"model {name!r}: unknown keys {sorted(unknown)} (use est or est_ms, version)")
        est = value.get("est_ms", value.get("est"))
        return Model(name, est, value.get("version"))
    raise TypeError(f"model {name!r}: give est_ms as a number, None, or {{\"est\": ms}}, was {value!r}")


def as_chain(chain: ChainLike) -> List[Model]:
    """A chain in any accepted form as a list of :class:`Model`, order kept.

    Raises:
        TypeError, ValueError: an entry that is not a model in any accepted form.
    """
    if isinstance(chain, (str, bytes)):
        raise TypeError(f"a chain is a list of models or a dict, not a string: {chain!r}")
    if isinstance(chain, Mapping):
        return [_model_from_dict_value(name, value) for name, value in chain.items()]
    return [_model(spec) for spec in chain]


def models(*entries: Any) -> List[Model]:
    """A chain, best first: ``tbms.models(("embedding", 35), ("svm", 25), "keyword")``.

    A single dict or list argument is read as a whole chain (``tbms.models({"svm": 25})``).
    """
    if len(entries) == 1 and (isinstance(entries[0], Mapping) or isinstance(entries[0], list)):
        return as_chain(entries[0])
    return as_chain(entries)


def group(name: str, combine: str = "max", *members: Any) -> Group:
    """A mix group: ``tbms.group("mix1", "max", ("svm", 25), ("bayes", 15))``.

    The members are chain entries; a single dict or list argument is read as all of them.
    """
    if len(members) == 1 and (isinstance(members[0], Mapping) or isinstance(members[0], list)):
        return Group(name, combine, tuple(as_chain(members[0])))
    return Group(name, combine, tuple(as_chain(members)))


_COMBINE_KEYS = ("mix", "combine")


def _group_from_dict_value(name: str, value: Any) -> Group:
    if isinstance(value, Mapping):
        combine = next((value[k] for k in _COMBINE_KEYS if k in value), "max")
        if "models" in value and not isinstance(value["models"], (int, float)) and value["models"] is not None:
            unknown = set(value) - {"models", *_COMBINE_KEYS}
            if unknown:
                raise ValueError(f"group {name!r}: unknown keys {sorted(unknown)} beside models")
            return Group(name, combine, tuple(as_chain(value["models"])))
        # the seed's form: the members inline beside "mix"
        inline = {k: v for k, v in value.items() if k not in _COMBINE_KEYS}
        return Group(name, combine, tuple(as_chain(inline)))
    if isinstance(value, (list, tuple)):
        combine = "max"
        members: List[Any] = []
        for item in value:
            if isinstance(item, Mapping) and set(item) and set(item) <= set(_COMBINE_KEYS):
                combine = next(item[k] for k in _COMBINE_KEYS if k in item)
            else:
                members.append(item)
        return Group(name, combine, tuple(as_chain(members)))
    raise TypeError(f"group {name!r}: give {{\"mix\": ..., \"models\": ...}} or a list of models, was {value!r}")


def as_groups(groups_: GroupsLike) -> List[Group]:
    """Mix groups in any accepted form as a list of :class:`Group`, order kept."""
    if isinstance(groups_, (str, bytes)):
        raise TypeError(f"groups are a list of tbms.Group or a dict, not a string: {groups_!r}")
    if isinstance(groups_, Mapping):
        return [_group_from_dict_value(name, value) for name, value in groups_.items()]
    result = []
    for g in groups_:
        if not isinstance(g, Group):
            raise TypeError(f"a mix group is a tbms.Group (see tbms.group), was {g!r}")
        result.append(g)
    return result


def groups(*entries: Any) -> List[Group]:
    """Mix groups, best first: ``tbms.groups(tbms.group(...), tbms.group(...))``.

    A single dict argument is read in the dict or the seed's form.
    """
    if len(entries) == 1 and (isinstance(entries[0], Mapping) or isinstance(entries[0], list)):
        return as_groups(entries[0])
    return as_groups(entries)


def require_chain(chain: Sequence[Model], field: str = "models") -> None:
    """Refuses an empty chain before sending: the broker would refuse it anyway."""
    if not chain:
        raise InvalidRequest(f"{field} must hold at least one model", field=field)


def require_groups(groups_: Sequence[Group]) -> None:
    """Refuses no groups, or a group without members, before sending."""
    if not groups_:
        raise InvalidRequest("groups must hold at least one group", field="groups")
    for i, g in enumerate(groups_):
        require_chain(g.models, f"groups[{i}].models")
