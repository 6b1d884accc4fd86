"""429 from a broker of its own whose admission allows 8 model calls in flight: a burst of
concurrent three-model queries at the least important priority exhausts it."""

import threading
import unittest

import tbms

from . import stack

FIXED_LIMIT_OF_8 = {"algorithm": "fixed", "initial_limit": 8, "min_limit": 1, "max_limit": 8}
CHAIN = tbms.models(("embedding", 35), ("svm", 25), ("keyword", 5))
BURST = 30


class OverloadedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.broker = stack.get().start_broker(admission=FIXED_LIMIT_OF_8)
        cls.addClassCleanup(cls.broker.stop)

    def burst(self):
        client = self.broker.client()
        results = [None] * BURST
        start = threading.Barrier(BURST)

        def ask(i):
            start.wait()
            try:
                results[i] = client.try_("play some music", CHAIN, budget_ms=2000, priority=9)
            except tbms.TbmsError as e:
                results[i] = e

        threads = [threading.Thread(target=ask, args=(i,)) for i in range(BURST)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        return results

    def test_a_burst_past_the_limit_is_refused_429_with_retry_after_the_rest_answered(self):
        for _ in range(3):  # the threads must overlap enough; on a busy machine they may not at once
            results = self.burst()
            if any(isinstance(r, tbms.Overloaded) for r in results):
                break
        overloaded = [r for r in results if isinstance(r, tbms.Overloaded)]
        others = [r for r in results if not isinstance(r, tbms.Overloaded)]
        self.assertTrue(overloaded, f"no 429 in {BURST} concurrent queries: {results}")
        for error in overloaded:
            self.assertEqual((error.status, error.retry_after), (429, 1))
            self.assertEqual(error.reason, "RESOURCE_EXHAUSTED")
        for answer in others:
            self.assertIsInstance(answer, tbms.Answer, repr(answer))
            self.assertEqual(answer.status, "ANSWERED", f"{answer}\n{answer.trace_table()}")
        # and the broker serves on
        self.assertTrue(self.broker.client().try_("play some music", CHAIN, budget_ms=3000))


if __name__ == "__main__":
    unittest.main()
