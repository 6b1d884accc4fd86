"""429 from a broker of its own whose admission allows 8 model calls in flight: eight queries to a
model whose replica never answers hold all eight, so the next query is refused, whatever the
machine's speed."""

import threading
import time
import unittest

import tbms

from . import stack
from .support import MisbehavingServer

FIXED_LIMIT_OF_8 = {"algorithm": "fixed", "initial_limit": 8, "min_limit": 1, "max_limit": 8}
CHAIN = tbms.models(("embedding", 35), ("svm", 25), ("keyword", 5))
# long enough that nothing but the stalled replica's going away ends a holding query
HOLD_BUDGET_MS = 30_000
PATIENCE_S = 30


class OverloadedTest(unittest.TestCase):
    def setUp(self):
        # bayes goes over REST: here, to a server that reads each request and never answers
        self.stalled = MisbehavingServer("stall").__enter__()
        self.addCleanup(self.stalled.__exit__, None, None, None)
        self.broker = stack.get().start_broker(admission=FIXED_LIMIT_OF_8, replicas_at={"bayes": self.stalled.endpoint})
        self.addCleanup(self.broker.stop)

    def hold(self, results, i):
        try:
            results[i] = self.broker.client().try_("play some music", [("bayes", 15)], budget_ms=HOLD_BUDGET_MS)
        except tbms.TbmsError as e:
            results[i] = e

    def await_inflight(self, calls):
        deadline = time.monotonic() + PATIENCE_S
        while self.broker.metric("tbms_broker_admission_inflight") != calls:
            self.assertLess(time.monotonic(), deadline, f"model calls in flight never reached {calls}: "
                            f"{self.broker.metric('tbms_broker_admission_inflight')}")
            time.sleep(0.05)

    def test_a_query_past_the_limit_is_refused_429_with_retry_after_and_the_broker_serves_on(self):
        holders = [None] * 8
        threads = [threading.Thread(target=self.hold, args=(holders, i), daemon=True) for i in range(8)]
        for thread in threads:
            thread.start()
        self.await_inflight(8)

        with self.assertRaises(tbms.Overloaded) as refused:
            self.broker.client().try_("play some music", CHAIN, budget_ms=2000, priority=9)
        error = refused.exception
        self.assertEqual((error.status, error.retry_after, error.reason), (429, 1, "RESOURCE_EXHAUSTED"))
        # even the most important query: no call can start beyond the limit
        with self.assertRaises(tbms.Overloaded):
            self.broker.client().try_("play some music", CHAIN, budget_ms=2000, priority=0)

        # the stalled replica goes away: its calls fail, the holding queries end EMPTY, the calls are freed
        self.stalled.__exit__(None, None, None)
        for thread in threads:
            thread.join(PATIENCE_S)
        for answer in holders:
            self.assertIsInstance(answer, tbms.Answer, repr(answer))
            self.assertFalse(answer, f"{answer}\n{answer.trace_table()}")
        self.await_inflight(0)
        self.assertTrue(self.broker.client().try_("play some music", CHAIN, budget_ms=3000))


if __name__ == "__main__":
    unittest.main()
