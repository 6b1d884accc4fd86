"""``python -m tbms``: one signed query from the command line, its answer and trace printed.

Exit codes: 0 answered, 1 EMPTY (human assist), 2 usage, 3 refused or unavailable.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from typing import List, Optional, Sequence, TextIO

from ._call import DEFAULT_TIMEOUT_MARGIN_MS
from .answer import Answer
from .chain import Group, Model, models as chain_of
from .client import Client
from .errors import InvalidRequest, TbmsError

EXIT_ANSWERED = 0
EXIT_EMPTY = 1
EXIT_USAGE = 2
EXIT_FAILED = 3

DEFAULT_CHAIN = "embedding:35,svm:25,bayes:15,keyword:5"

_EPILOG = """\
exit codes: 0 answered, 1 empty (human assist), 2 usage, 3 refused or unavailable
environment: TBMS_ENDPOINT, TBMS_ACCESS_ID, TBMS_ACCESS_KEY, TBMS_INSTANCE give the defaults
of --endpoint, --access-id, --access-key, --instance (else the demo's: localhost:8080, demo,
demo-secret-key, demo)
"""


def _env(name: str, fallback: str) -> str:
    value = os.environ.get(name, "")
    return value if value.strip() else fallback


def _chain(text: str) -> List[Model]:
    """``embedding:35,svm:25,keyword`` as a chain."""
    entries = []
    for item in text.split(","):
        name, sep, est = item.strip().partition(":")
        if not name:
            raise argparse.ArgumentTypeError(f"{text!r}: each entry is NAME or NAME:EST_MS")
        if sep:
            try:
                entries.append(Model(name, float(est)))
            except (TypeError, ValueError):
                raise argparse.ArgumentTypeError(f"{item!r}: EST_MS must be a number of ms") from None
        else:
            entries.append(Model(name))
    return chain_of(entries)


def _group(text: str) -> Group:
    """``mix1/max=svm:25,bayes:15`` as a group."""
    head, sep, members = text.partition("=")
    if not sep or not head:
        raise argparse.ArgumentTypeError(f"{text!r}: a group is NAME[/max|/avg]=MODEL[:EST_MS],...")
    name, _, combine = head.partition("/")
    return Group(name, combine or "max", tuple(_chain(members)))


def _budget(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: the budget is a whole number of ms") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tbms",
        description="Ask a TBMS broker from the command line (signed POST /v1/try or /v1/mix-try).",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    common = argparse.ArgumentParser(add_help=False)
    connection = common.add_argument_group("broker and credentials")
    connection.add_argument("--endpoint", default=_env("TBMS_ENDPOINT", "localhost:8080"),
                            help="host:port or http://host:port (default: %(default)s)")
    connection.add_argument("--access-id", default=_env("TBMS_ACCESS_ID", "demo"),
                            help="access id (default: %(default)s)")
    connection.add_argument("--access-key", default=_env("TBMS_ACCESS_KEY", "demo-secret-key"),
                            help="access key that signs the request (default: TBMS_ACCESS_KEY, else the demo's)")
    connection.add_argument("--instance", default=_env("TBMS_INSTANCE", "demo"),
                            help="the instance the credentials belong to (default: %(default)s)")
    query = common.add_argument_group("query")
    query.add_argument("--budget", type=_budget, default=50, metavar="MS",
                       help="the whole time budget in ms, 1..60000 (default: %(default)s)")
    query.add_argument("--policy", default="first", choices=("first", "best"),
                       help="first: the first answer wins; best: wait for a better one while it can still "
                            "answer in time (default: %(default)s)")
    query.add_argument("--priority", type=int, metavar="0..9",
                       help="0 most important .. 9; shed first under load (default: the broker's default_priority)")
    query.add_argument("--task", help="a task name for reports (default: the instance)")
    query.add_argument("--no-cross-request", dest="cross_request", action="store_false",
                       help="do not share a model call with other callers' queries")
    query.add_argument("--cross-lag", type=int, metavar="MS",
                       help="how long to wait for a shared call (default: 10, at most the budget)")
    query.add_argument("--margin", type=float, default=DEFAULT_TIMEOUT_MARGIN_MS, metavar="MS",
                       help="how long past the budget to wait for the reply (default: %(default)g)")
    query.add_argument("--json", action="store_true", help="print the answer as JSON instead of a table")

    ask = commands.add_parser(
        "try", parents=[common], help="ask a chain of models, best first",
        description="Ask a chain of models, best first, and print the answer and the trace.",
        epilog="example: python -m tbms try --budget 50 --models " + DEFAULT_CHAIN + ' "set an alarm for 7 am"\n\n'
               + _EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ask.add_argument("--models", type=_chain, default=_chain(DEFAULT_CHAIN), metavar="NAME[:EST_MS],...",
                     help=f"the chain, best first (default: {DEFAULT_CHAIN})")
    ask.add_argument("text", nargs="+", metavar="TEXT", help="the utterance (several words are joined)")

    mix = commands.add_parser(
        "mix-try", parents=[common], help="ask groups of models whose answers are combined",
        description="Ask mix groups, best first; each group's members run together and their answers "
                    "are combined (max: highest score; avg: label scores averaged).",
        epilog='example: python -m tbms mix-try --group mix1/max=svm:25,bayes:15 '
               '--group mix2/avg=embedding:35,keyword:5 "set an alarm for 7 am"\n\n' + _EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    mix.add_argument("--group", type=_group, action="append", required=True, dest="groups",
                     metavar="NAME[/max|/avg]=MODEL[:EST_MS],...", help="a group; repeat for each, best first")
    mix.add_argument("text", nargs="+", metavar="TEXT", help="the utterance (several words are joined)")
    return parser


def print_answer(answer: Answer, out: TextIO) -> None:
    """The answer's line, then its trace as a table."""
    print(answer, file=out)
    print(answer.trace_table(), file=out)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        client = Client(args.endpoint, args.access_id, args.access_key, args.instance,
                        timeout_margin_ms=args.margin)
    except ValueError as e:
        parser.error(str(e))
    text = " ".join(args.text)
    options = dict(budget_ms=args.budget, cross_request=args.cross_request, cross_lag_ms=args.cross_lag,
                   priority=args.priority, policy=args.policy, task=args.task)
    try:
        if args.command == "try":
            answer = client.try_(text, args.models, **options)
        else:
            answer = client.mix_try(text, args.groups, **options)
    except InvalidRequest as e:
        if e.status is None:  # refused before sending: a usage error
            parser.error(str(e))
        print(f"tbms: refused: {e}" + (f" (field {e.field})" if e.field else ""), file=sys.stderr)
        return EXIT_FAILED
    except TbmsError as e:
        print(f"tbms: {'refused' if e.status is not None and e.status < 500 else 'unavailable'}: {e}"
              + (f" (field {e.field})" if e.field else ""), file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(dataclasses.asdict(answer), indent=2))
    else:
        print_answer(answer, sys.stdout)
    return EXIT_ANSWERED if answer else EXIT_EMPTY
