"""The seed's client code runs unchanged (issue 14): ``len(answer)``, no priority sent unless
given (the broker's default applies), and the seed's script against the real stack, where
``keysearch`` is an alias of ``keyword``."""

import asyncio
import json
import os
import re
import subprocess
import sys
import unittest

import tbms
from tbms import cli
from tbms._call import Call

from . import stack

EMPTY_REPLY = b'{"status":"EMPTY","elapsed_ms":50.0,"trace":[]}'
SEED_CHAIN = {"embedding": {"est": 35}, "svm": {"est": 25}, "bayes": {"est": 15}, "keysearch": {"est": 5}}
SEED_MIX = {"mix1": {"svm": {"est": 25}, "bayes": {"est": 15}, "mix": "max"},
            "mix2": {"embedding": {"est": 35}, "keysearch": {"est": 5}, "mix": "avg"}}


def body_of(call: Call) -> dict:
    """The JSON body of the HTTP request a call would send."""
    return json.loads(call.wire.split(b"\r\n\r\n", 1)[1])


class RecordingClient(tbms.Client):
    """Answers every call EMPTY without a network, keeping the request bodies."""

    def __init__(self) -> None:
        super().__init__("127.0.0.1:9", "demo", "demo-secret-key", "demo")
        self.sent = []

    def _exchange(self, call):
        self.sent.append(body_of(call))
        return 200, {"content-type": "application/json"}, EMPTY_REPLY


class RecordingAsyncClient(tbms.AsyncClient):
    def __init__(self) -> None:
        super().__init__("127.0.0.1:9", "demo", "demo-secret-key", "demo")
        self.sent = []

    async def _exchange(self, call):
        self.sent.append(body_of(call))
        return 200, {"content-type": "application/json"}, EMPTY_REPLY


class LenTest(unittest.TestCase):
    def test_an_empty_answer_has_length_0_and_an_answered_one_1(self):
        empty = tbms.Answer.from_json({"status": "EMPTY", "elapsed_ms": 49.0, "trace": []})
        answered = tbms.Answer.from_json({"status": "ANSWERED", "answer": {"label": "alarm", "score": 0.9},
                                          "model": "keyword", "rank": 3, "elapsed_ms": 12.0, "trace": []})
        self.assertEqual(len(empty), 0)
        self.assertEqual(len(answered), 1)
        for answer in (empty, answered):
            self.assertEqual(len(answer) > 0, bool(answer), answer)


class PriorityTest(unittest.TestCase):
    def test_no_priority_is_sent_unless_given(self):
        client = RecordingClient()
        client.try_("hi", SEED_CHAIN)
        client.mix_try("hi", SEED_MIX)
        tbms.tbmsTry(client, SEED_CHAIN, "hi", tloc=50, crossRequest=1, crossLag=10)
        tbms.tbmsMixTry(client, SEED_MIX, "hi", tloc=50, crossRequest=1, crossLag=10)
        self.assertEqual(len(client.sent), 4)
        for body in client.sent:
            self.assertNotIn("priority", body)

    def test_a_given_priority_is_sent_even_0(self):
        client = RecordingClient()
        client.try_("hi", SEED_CHAIN, priority=0)
        tbms.tbmsTry(client, SEED_CHAIN, "hi", tloc=50, crossRequest=1, crossLag=10, priority=0)
        tbms.tbmsMixTry(client, SEED_MIX, "hi", priority=7)
        self.assertEqual([body["priority"] for body in client.sent], [0, 0, 7])

    def test_the_command_line_sends_none_unless_given(self):
        parser = cli._parser()
        self.assertIsNone(parser.parse_args(["try", "--models", "svm:25", "hi"]).priority)
        self.assertEqual(parser.parse_args(["try", "--priority", "0", "--models", "svm:25", "hi"]).priority, 0)

    def test_the_async_client_sends_none_unless_given(self):
        client = RecordingAsyncClient()

        async def calls():
            await client.try_("hi", SEED_CHAIN)
            await tbms.tbmsMixTry(client, SEED_MIX, "hi")
            await client.try_("hi", SEED_CHAIN, priority=3)

        asyncio.run(calls())
        self.assertEqual([body.get("priority") for body in client.sent], [None, None, 3])
        self.assertNotIn("priority", client.sent[0])


class SeedClientScriptTest(unittest.TestCase):
    """``examples/seed_client.py`` as a process of its own, against the real stack's broker."""

    # every reference model labels these two alike (test_try relies on it too)
    EXPECTED = {"set an alarm for 7 am": "alarm", "what's the weather like": "weather"}

    def run_script(self, *questions):
        broker = stack.get().broker
        environment = dict(os.environ, PYTHONPATH=str(stack.PYTHON_ROOT), TBMS_ENDPOINT=broker.endpoint,
                           TBMS_ACCESS_ID=stack.ACCESS_ID, TBMS_ACCESS_KEY=stack.ACCESS_KEY, TBMS_INSTANCE=stack.INSTANCE)
        return subprocess.run([sys.executable, str(stack.PYTHON_ROOT / "examples" / "seed_client.py"), *questions],
                              capture_output=True, text=True, timeout=120, env=environment, cwd=str(stack.REPO))

    def test_prints_an_answer_or_human_assist_for_each_question(self):
        questions = list(self.EXPECTED)
        run = self.run_script(*questions)
        self.assertEqual(run.returncode, 0, f"{run.stdout}\n{run.stderr}")
        lines = run.stdout.splitlines()
        self.assertEqual(len(lines), len(questions), run.stdout)
        for question, line in zip(questions, lines):
            self.assertIn(line, (self.EXPECTED[question], "human assist"), f"{question!r}\n{run.stderr}")

    def test_its_default_questions_each_get_a_label_or_human_assist(self):
        run = self.run_script()
        self.assertEqual(run.returncode, 0, f"{run.stdout}\n{run.stderr}")
        lines = run.stdout.splitlines()
        self.assertEqual(len(lines), 4, run.stdout)
        for line in lines:
            self.assertTrue(line == "human assist" or re.fullmatch(r"[a-z_]+", line), line)

    def test_keysearch_is_answered_by_the_keyword_model(self):
        client = stack.get().broker.client()
        answer = client.try_("set an alarm for 7 am", {"keysearch": {"est": 5}}, budget_ms=3000)
        self.assertEqual(len(answer), 1, str(answer))
        self.assertEqual(answer.model, "keyword")
        self.assertEqual([t.model for t in answer.trace], ["keyword"])
        self.assertEqual(answer.label, client.try_("set an alarm for 7 am", {"keyword": {"est": 5}}, budget_ms=3000).label)


class SeedClientAgainstTheDemoTest(unittest.TestCase):
    """``examples/seed_client.py`` against ``tbms demo`` itself (no traffic, free ports), as a user
    runs it after the README's first command."""

    def test_the_demo_answers_the_seed_script(self):
        stack.get()  # the models are trained (or loaded from the cache) once, by the shared stack
        workdir = stack.get().workdir
        port = stack.free_port()
        zoo = ",".join(str(stack.free_port()) for _ in range(3))
        demo = stack.Process("demo", ["demo", "--port", str(port), "--zoo-ports", zoo, "--traffic", "0", "--burst", "0"],
                             workdir / "demo.log")
        try:
            stack.wait_ready(demo, f"http://127.0.0.1:{port}/readyz")
            environment = dict(os.environ, PYTHONPATH=str(stack.PYTHON_ROOT), TBMS_ENDPOINT=f"127.0.0.1:{port}")
            for name in ("TBMS_ACCESS_ID", "TBMS_ACCESS_KEY", "TBMS_INSTANCE"):
                environment.pop(name, None)  # the script's defaults are the demo's credentials
            run = subprocess.run([sys.executable, str(stack.PYTHON_ROOT / "examples" / "seed_client.py")],
                                 capture_output=True, text=True, timeout=120, env=environment, cwd=str(stack.REPO))
        finally:
            demo.stop()
        self.assertEqual(run.returncode, 0, f"{run.stdout}\n{run.stderr}\n{demo.tail()}")
        lines = run.stdout.splitlines()
        self.assertEqual(len(lines), 4, run.stdout)
        for line in lines:
            self.assertTrue(line == "human assist" or re.fullmatch(r"[a-z_]+", line), line)
        print(f"\nseed_client.py against tbms demo: {lines}", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
