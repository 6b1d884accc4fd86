"""Python client for TBMS, the latency-budget inference broker.

A caller says "answer this within 50 ms; try these models, best first, each usually takes this
long"; the broker answers from the best model that fits, or with an explicit EMPTY answer so the
caller can hand over to a human::

    import tbms

    client = tbms.Client("localhost:8080", "demo", "demo-secret-key", "demo")
    chain = tbms.models(("embedding", 35), ("svm", 25), ("bayes", 15), ("keyword", 5))
    answer = client.try_("set an alarm for 7 am", chain, budget_ms=50)
    print(answer if answer else "human assist")

:class:`Client` blocks, :class:`AsyncClient` is its asyncio twin. Refusals raise subclasses of
:class:`TbmsError`. The original client's names (``tbmsClient``, ``tbmsList``, ``tbmsMixList``,
``tbmsTry``, ``tbmsMixTry``) are kept as aliases. ``python -m tbms try --help`` asks from the
command line.
"""

from .aio import AsyncClient
from .answer import ANSWERED, EMPTY, Answer, TraceEntry
from .chain import Group, Model, group, groups, models
from .client import Client
from .errors import AuthError, InvalidRequest, Overloaded, TbmsError, Unavailable
from .seed import tbmsClient, tbmsList, tbmsMixList, tbmsMixTry, tbmsTry
from .signing import sign

__version__ = "0.1.0"

__all__ = [
    "ANSWERED",
    "EMPTY",
    "Answer",
    "AsyncClient",
    "AuthError",
    "Client",
    "Group",
    "InvalidRequest",
    "Model",
    "Overloaded",
    "TbmsError",
    "TraceEntry",
    "Unavailable",
    "group",
    "groups",
    "models",
    "sign",
    "tbmsClient",
    "tbmsList",
    "tbmsMixList",
    "tbmsMixTry",
    "tbmsTry",
]
