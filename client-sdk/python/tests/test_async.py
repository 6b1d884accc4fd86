"""The asyncio client against the real broker and against servers that stall."""

import asyncio
import time
import unittest

import tbms

from . import stack
from .support import NO_DEADLINE_S, MisbehavingServer, check_terminal

CHAIN = tbms.models(*stack.CHAIN)
NAMES = [m.name for m in CHAIN]


def setUpModule():
    global broker
    broker = stack.get().broker


def run(coroutine):
    return asyncio.run(coroutine)


class AsyncClientTest(unittest.TestCase):
    def test_answers(self):
        client = broker.async_client()
        answer = run(client.try_("set an alarm for 7 am", CHAIN, budget_ms=3000))
        self.assertTrue(answer)
        self.assertEqual(answer.label, "alarm")
        check_terminal(run(client.try_("what's the weather like", CHAIN, budget_ms=50)), NAMES, 50, "weather")

    def test_answers_concurrent_queries_and_mix_queries(self):
        client = broker.async_client()

        async def several():
            return await asyncio.gather(
                client.try_("set an alarm for 7 am", CHAIN, budget_ms=3000),
                client.try_("what's the weather like", CHAIN, budget_ms=3000),
                client.mix_try("set an alarm for 7 am",
                               tbms.groups(tbms.group("mix1", "max", ("svm", 25), ("bayes", 15))), budget_ms=3000),
            )

        alarm, weather, mixed = run(several())
        self.assertEqual((alarm.label, weather.label), ("alarm", "weather"))
        self.assertEqual((mixed.label, mixed.model), ("alarm", "mix1"))

    def test_empty_and_refusals(self):
        client = broker.async_client()
        self.assertFalse(run(client.try_("set an alarm for 7 am", CHAIN, budget_ms=1)))
        with self.assertRaises(tbms.AuthError) as refused:
            run(broker.async_client(access_key="wrong").try_("hi", CHAIN))
        self.assertEqual(refused.exception.status, 401)
        with self.assertRaises(tbms.InvalidRequest) as refused:
            run(client.try_("hi", CHAIN, budget_ms=0))
        self.assertEqual(refused.exception.field, "budget_ms")
        with self.assertRaises(tbms.Unavailable):
            run(tbms.AsyncClient(f"127.0.0.1:{stack.free_port()}", "demo", "k", "demo").try_("hi", CHAIN))

    def assertDeadlineKept(self, mode):
        with MisbehavingServer(mode) as server:
            client = tbms.AsyncClient(server.endpoint, "demo", "demo-secret-key", "demo", timeout_margin_ms=100)
            started = time.monotonic()
            with self.assertRaises(tbms.Unavailable) as failed:
                run(client.try_("set an alarm for 7 am", CHAIN, budget_ms=200))
            took = time.monotonic() - started
        # the client's own deadline ended it: not before the budget, and not never
        self.assertIn("within the budget of 200 ms plus the margin of 100 ms", failed.exception.message)
        self.assertGreaterEqual(took, 0.2)
        self.assertLess(took, NO_DEADLINE_S, f"took {took:.3f} s")

    def test_a_stalled_server_does_not_hold_the_caller_past_budget_plus_margin(self):
        self.assertDeadlineKept("stall")

    def test_a_server_that_trickles_bytes_does_not_either(self):
        self.assertDeadlineKept("trickle")


if __name__ == "__main__":
    unittest.main()
