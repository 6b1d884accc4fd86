"""The original client's names, as thin aliases of the package's API, so code written in the
seed's style runs unchanged::

    tbms_client = tbmsClient(ENDPOINT, ACCESSID, ACCESSKEY, INSTANCENAME)
    tbms_models = tbmsList({"embedding": {"est": 35}, "svm": {"est": 25},
                            "bayes": {"est": 15}, "keysearch": {"est": 5}})
    answer = tbmsTry(tbms_client, tbms_models, question, tloc=50, crossRequest=1, crossLag=10, priority=0)
    print(answer.label if len(answer) else "human assist")

``len(answer)`` is 0 for an EMPTY answer and 1 for an answered one. ``priority`` defaults to
``None``: no priority is sent and the broker's ``default_priority`` applies.

Model names pass through unchanged: the seed called its keyword model ``keysearch``, which the
demo's registry declares as an alias of the reference model server's ``keyword`` (the answer
and its trace then name ``keyword``); a name the broker does not know is refused with
:class:`~tbms.InvalidRequest` (400, ``field`` naming the entry).

Refusals and failures raise as with the new API (:class:`~tbms.TbmsError` and its subclasses);
code that treats anything but an answer as "human assist" catches ``tbms.TbmsError``.
Given an :class:`~tbms.AsyncClient`, :func:`tbmsTry` and :func:`tbmsMixTry` return coroutines.
"""

from __future__ import annotations

from typing import Any, List, Mapping, Optional, Union

from ._call import DEFAULT_BUDGET_MS
from .aio import AsyncClient
from .answer import Answer
from .chain import ChainLike, Group, GroupsLike, Model, as_chain, as_groups
from .client import Client

__all__ = ["tbmsClient", "tbmsList", "tbmsMixList", "tbmsTry", "tbmsMixTry"]


def tbmsClient(endpoint: str, accessId: str, accessKey: str, instanceName: str, **options: Any) -> Client:
    """:class:`~tbms.Client` under the seed's name; ``options`` as the client's keywords."""
    return Client(endpoint, accessId, accessKey, instanceName, **options)


def tbmsList(models: ChainLike) -> List[Model]:
    """A chain from the seed's dict form ``{"embedding": {"est": 35}, ...}`` (or any form
    :func:`tbms.models` takes), order kept."""
    return as_chain(models)


def tbmsMixList(groups: GroupsLike) -> List[Group]:
    """Mix groups from the seed's form ``{"mix1": {"svm": {"est": 25}, "bayes": {"est": 15},
    "mix": "max"}, ...}`` (or any form :func:`tbms.groups` takes), order kept."""
    return as_groups(groups)


def tbmsTry(
    client: Union[Client, AsyncClient],
    models: ChainLike,
    question: str,
    tloc: float = DEFAULT_BUDGET_MS,
    crossRequest: Union[int, bool] = 1,
    crossLag: Optional[float] = None,
    priority: Optional[int] = None,
    policy: str = "first",
    task: Optional[str] = None,
) -> Answer:
    """``client.try_(question, models, budget_ms=tloc, ...)``: the Answer, falsy when EMPTY.

    ``crossLag`` defaults to the seed's 10 ms, at most ``tloc``.
    """
    return client.try_(question, models, tloc, bool(crossRequest), crossLag, priority, policy, task)  # type: ignore[return-value]


def tbmsMixTry(
    client: Union[Client, AsyncClient],
    groups: Union[GroupsLike, Mapping[str, Any]],
    question: str,
    tloc: float = DEFAULT_BUDGET_MS,
    crossRequest: Union[int, bool] = 1,
    crossLag: Optional[float] = None,
    priority: Optional[int] = None,
    policy: str = "first",
    task: Optional[str] = None,
) -> Answer:
    """``client.mix_try(question, groups, budget_ms=tloc, ...)``: the Answer, falsy when EMPTY."""
    return client.mix_try(question, groups, tloc, bool(crossRequest), crossLag, priority, policy, task)  # type: ignore[return-value]
