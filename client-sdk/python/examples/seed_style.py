"""The original client's style, unchanged: a chain with estimates, a 50 ms budget, and a human
when no model answers in time.

    python3 examples/seed_style.py ["a question" ...]

The broker and credentials come from TBMS_ENDPOINT, TBMS_ACCESS_ID, TBMS_ACCESS_KEY and
TBMS_INSTANCE, else the demo's (``./tbms demo`` serves them on localhost:8080).
"""

import os
import sys

from tbms import TbmsError, tbmsClient, tbmsList, tbmsMixList, tbmsMixTry, tbmsTry

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
# the seed called its keyword model "keysearch": the demo's registry serves it as "keyword"
tbms_models = tbmsList({"embedding": {"est": 35}, "svm": {"est": 25}, "bayes": {"est": 15}, "keysearch": {"est": 5}})
tbms_mix = tbmsMixList({
    "mix1": {"svm": {"est": 25}, "bayes": {"est": 15}, "mix": "max"},
    "mix2": {"embedding": {"est": 35}, "keysearch": {"est": 5}, "mix": "avg"},
})

failed = False
for question in QUESTIONS:
    try:
        answer = tbmsTry(tbms_client, tbms_models, question, tloc=50, crossRequest=1, crossLag=10, priority=0)
        mixed = tbmsMixTry(tbms_client, tbms_mix, question, tloc=50, crossRequest=1, crossLag=10, priority=0)
    except TbmsError as e:  # refused or unreachable: a human takes over too, but say why
        print(f"{question!r}: human assist ({e})")
        failed = True
        continue
    print(f"{question!r}: {answer.label if answer else 'human assist'}"
          f"  (mix: {mixed.label if mixed else 'human assist'})")
sys.exit(1 if failed else 0)
