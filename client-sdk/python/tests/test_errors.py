"""Every typed error, from a real broker where one is involved, and the deadline against
servers that stall."""

import socket
import time
import unittest

import tbms

from . import stack
from .support import NO_DEADLINE_S, MisbehavingServer

CHAIN = tbms.models(("svm", 25), ("keyword", 5))


def setUpModule():
    global broker
    broker = stack.get().broker


class AuthErrorTest(unittest.TestCase):
    def test_a_wrong_key_is_401(self):
        with self.assertRaises(tbms.AuthError) as refused:
            broker.client(access_key="wrong-key").try_("set an alarm for 7 am", CHAIN, budget_ms=2000)
        self.assertEqual(refused.exception.status, 401)
        self.assertEqual(refused.exception.reason, "UNAUTHENTICATED")
        self.assertTrue(refused.exception.message)

    def test_an_unknown_access_id_is_401(self):
        with self.assertRaises(tbms.AuthError) as refused:
            broker.client(access_id="nobody").try_("set an alarm for 7 am", CHAIN, budget_ms=2000)
        self.assertEqual(refused.exception.status, 401)

    def test_claiming_another_instance_is_403_naming_instance(self):
        with self.assertRaises(tbms.AuthError) as refused:
            broker.client(instance="tenant-b").try_("set an alarm for 7 am", CHAIN, budget_ms=2000)
        self.assertEqual((refused.exception.status, refused.exception.field), (403, "instance"))
        self.assertIsInstance(refused.exception, tbms.TbmsError)


class InvalidRequestTest(unittest.TestCase):
    def assertRefused(self, status, field, ask):
        with self.assertRaises(tbms.InvalidRequest) as refused:
            ask()
        self.assertEqual((refused.exception.status, refused.exception.field), (status, field),
                         refused.exception.message)
        self.assertTrue(refused.exception.message)
        return refused.exception

    def test_a_zero_budget_is_400_naming_budget_ms(self):
        error = self.assertRefused(400, "budget_ms", lambda: broker.client().try_("hi", CHAIN, budget_ms=0))
        self.assertEqual(error.reason, "INVALID_ARGUMENT")

    def test_an_unknown_model_is_400_naming_the_entry(self):
        self.assertRefused(400, "models[1].name",
                           lambda: broker.client().try_("hi", [("svm", 25), ("gpt", 5)], budget_ms=50))

    def test_a_bad_policy_or_priority_is_400_naming_it(self):
        self.assertRefused(400, "policy", lambda: broker.client().try_("hi", CHAIN, policy="fastest"))
        self.assertRefused(400, "priority", lambda: broker.client().try_("hi", CHAIN, priority=10))

    def test_a_text_over_1_mib_is_413(self):
        big = "x" * ((1 << 20) + 10)
        error = self.assertRefused(413, "body", lambda: broker.client().try_(big, CHAIN, budget_ms=2000))
        self.assertIn("larger", error.message)
        # and the broker serves on
        self.assertTrue(broker.client().try_("set an alarm for 7 am", CHAIN, budget_ms=3000))

    def test_an_empty_chain_is_refused_before_sending(self):
        closed = tbms.Client("127.0.0.1:9", "demo", "demo-secret-key", "demo")  # nothing is sent
        for ask in (lambda: closed.try_("hi", []), lambda: closed.try_("hi", {}),
                    lambda: closed.mix_try("hi", []), lambda: closed.mix_try("hi", {"g": {"models": []}})):
            with self.assertRaises(tbms.InvalidRequest) as refused:
                ask()
            self.assertIsNone(refused.exception.status)


class UnavailableTest(unittest.TestCase):
    def test_a_closed_port_is_unavailable_at_once(self):
        port = stack.free_port()
        started = time.monotonic()
        with self.assertRaises(tbms.Unavailable) as failed:
            tbms.Client(f"127.0.0.1:{port}", "demo", "demo-secret-key", "demo").try_("hi", CHAIN, budget_ms=30_000)
        # refused, not retried until the deadline
        self.assertLess(time.monotonic() - started, 30.0)
        self.assertIsNone(failed.exception.status)
        self.assertIn("connect", failed.exception.message)

    def assertDeadlineKept(self, mode):
        with MisbehavingServer(mode) as server:
            client = tbms.Client(server.endpoint, "demo", "demo-secret-key", "demo", timeout_margin_ms=100)
            started = time.monotonic()
            with self.assertRaises(tbms.Unavailable) as failed:
                client.try_("set an alarm for 7 am", CHAIN, budget_ms=200)
            took = time.monotonic() - started
        # the client's own deadline ended it: not before the budget, and not never
        self.assertIn("within the budget of 200 ms plus the margin of 100 ms", failed.exception.message)
        self.assertGreaterEqual(took, 0.2)
        self.assertLess(took, NO_DEADLINE_S, f"took {took:.3f} s")

    def test_a_stalled_server_does_not_hold_the_caller_past_budget_plus_margin(self):
        self.assertDeadlineKept("stall")

    def test_a_server_that_trickles_bytes_does_not_either(self):
        # a timeout per read would be reset by every byte; the deadline is for the whole call
        self.assertDeadlineKept("trickle")

    def test_a_5xx_or_a_reply_that_is_not_an_answer_is_unavailable(self):
        replies = {
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy": "busy",
            b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nnot json!": "not JSON",
            b"HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\n{\"status\": 42}": "malformed",
            b"SSH-2.0-OpenSSH_9.2\r\n\r\n": "malformed",
        }
        for reply, says in replies.items():
            with MisbehavingServer("reply", reply) as server:
                client = tbms.Client(server.endpoint, "demo", "demo-secret-key", "demo")
                with self.assertRaises(tbms.Unavailable) as failed:
                    client.try_("hi", CHAIN, budget_ms=2000)
            self.assertIn(says, failed.exception.message)

    def test_a_server_that_hangs_up_is_unavailable(self):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        import threading

        def hang_up():
            connection, _ = listener.accept()
            connection.recv(65536)
            connection.close()

        thread = threading.Thread(target=hang_up, daemon=True)
        thread.start()
        try:
            endpoint = "127.0.0.1:%d" % listener.getsockname()[1]
            with self.assertRaises(tbms.Unavailable) as failed:
                tbms.Client(endpoint, "demo", "demo-secret-key", "demo").try_("hi", CHAIN, budget_ms=2000)
            self.assertIn("closed", failed.exception.message)
        finally:
            thread.join(2)
            listener.close()


if __name__ == "__main__":
    unittest.main()
