"""The seed's client script, as the seed wrote it: its names (``keysearch`` among them), its
call with ``priority`` given, and ``len(answer)`` to choose between the answer and a human.

    python3 examples/seed_client.py ["a question" ...]

Prints one line per question, in order: the answer's label, or ``human assist`` when no model
answered within the 50 ms budget, or when the broker is unreachable or overloaded (why goes to
stderr). A query the broker refuses as wrong (a bad name, bad credentials) ends the script with
the error: that is a mistake to fix, not a question for a human.

The broker and credentials come from TBMS_ENDPOINT, TBMS_ACCESS_ID, TBMS_ACCESS_KEY and
TBMS_INSTANCE, else the demo's (``./tbms demo`` serves them on localhost:8080; its registry
serves ``keysearch`` as an alias of ``keyword``).
"""

import os
import sys

from tbms import Overloaded, Unavailable, tbmsClient, tbmsList, tbmsTry

ENDPOINT = os.environ.get("TBMS_ENDPOINT", "localhost:8080")
ACCESSID = os.environ.get("TBMS_ACCESS_ID", "demo")
ACCESSKEY = os.environ.get("TBMS_ACCESS_KEY", "demo-secret-key")
INSTANCENAME = os.environ.get("TBMS_INSTANCE", "demo")

QUESTIONS = sys.argv[1:] or [
    "set an alarm for 7 am",
    "what's the weather like",
    "how do i reset my pin",
    "play some music",
]

tbms_client = tbmsClient(ENDPOINT, ACCESSID, ACCESSKEY, INSTANCENAME)
tbms_models = tbmsList({"embedding": {"est": 35}, "svm": {"est": 25}, "bayes": {"est": 15}, "keysearch": {"est": 5}})

for question in QUESTIONS:
    try:
        answer = tbmsTry(tbms_client, tbms_models, question, tloc=50, crossRequest=1, crossLag=10, priority=0)
    except (Unavailable, Overloaded) as e:
        print(f"{question!r}: {e}", file=sys.stderr)
        print("human assist", flush=True)
        continue
    if len(answer) > 0:
        print(answer.label, flush=True)
    else:
        print("human assist", flush=True)
