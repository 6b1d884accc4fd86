"""Chains, groups and their dict forms; the answer; endpoints; refusals; the HTTP reader. No
broker needed."""

import unittest

import tbms
from tbms._http import Endpoint, ResponseParser
from tbms.errors import error_for_response


def names(chain):
    return [(m.name, m.est_ms) for m in chain]


class ChainFormsTest(unittest.TestCase):
    SEED = [("embedding", 35), ("svm", 25), ("bayes", 15), ("keyword", 5)]

    def test_models_keeps_the_order_written(self):
        self.assertEqual(names(tbms.models(*self.SEED)), self.SEED)
        self.assertEqual(names(tbms.models(("keyword", 5), ("embedding", 35))), [("keyword", 5), ("embedding", 35)])

    def test_seed_dict_form_and_short_dict_form_keep_insertion_order(self):
        seed = {"keyword": {"est": 5}, "embedding": {"est": 35}, "svm": {"est": 25}, "bayes": {"est": 15}}
        self.assertEqual(names(tbms.tbmsList(seed)), [("keyword", 5), ("embedding", 35), ("svm", 25), ("bayes", 15)])
        self.assertEqual(names(tbms.models({"svm": 25, "embedding": 35})), [("svm", 25), ("embedding", 35)])
        self.assertEqual(names(tbms.models({"svm": {"est_ms": 25}, "bayes": None})), [("svm", 25), ("bayes", None)])

    def test_entries_may_be_names_models_or_tuples_with_a_version(self):
        chain = tbms.models("keyword", tbms.Model("svm", 25), ("embedding", 35, "2"))
        self.assertEqual([m.to_json() for m in chain], [
            {"name": "keyword"},
            {"name": "svm", "est_ms": 25},
            {"name": "embedding", "est_ms": 35, "version": "2"},
        ])

    def test_names_pass_through_unchanged(self):
        self.assertEqual(tbms.tbmsList({"keysearch": {"est": 5}})[0].name, "keysearch")

    def test_bad_entries_are_refused_at_once(self):
        with self.assertRaises(TypeError):
            tbms.models(("svm", "25"))
        with self.assertRaises(TypeError):
            tbms.models(42)
        with self.assertRaises(ValueError):
            tbms.models({"svm": {"estimate": 25}})
        with self.assertRaises(TypeError):
            tbms.models("")


class GroupFormsTest(unittest.TestCase):
    def expected(self):
        return [("mix1", "max", [("svm", 25), ("bayes", 15)]), ("mix2", "avg", [("embedding", 35), ("keyword", 5)])]

    @staticmethod
    def shape(groups):
        return [(g.name, g.combine, names(g.models)) for g in groups]

    def test_group_helpers(self):
        groups = tbms.groups(tbms.group("mix1", "max", ("svm", 25), ("bayes", 15)),
                             tbms.group("mix2", "avg", ("embedding", 35), ("keyword", 5)))
        self.assertEqual(self.shape(groups), self.expected())
        self.assertEqual(groups[1].to_json(), {"name": "mix2", "combine": "avg", "models": [
            {"name": "embedding", "est_ms": 35}, {"name": "keyword", "est_ms": 5}]})

    def test_dict_form(self):
        groups = tbms.groups({"mix1": {"mix": "max", "models": {"svm": 25, "bayes": 15}},
                              "mix2": {"combine": "avg", "models": [("embedding", 35), ("keyword", 5)]}})
        self.assertEqual(self.shape(groups), self.expected())

    def test_seed_form_through_tbmsMixList(self):
        groups = tbms.tbmsMixList({"mix1": {"svm": {"est": 25}, "bayes": {"est": 15}, "mix": "max"},
                                   "mix2": [("embedding", 35), ("keyword", 5), {"mix": "avg"}]})
        self.assertEqual(self.shape(groups), self.expected())

    def test_combine_defaults_to_max(self):
        self.assertEqual(tbms.tbmsMixList({"g": {"svm": 25}})[0].combine, "max")


class AnswerTest(unittest.TestCase):
    ANSWERED = {
        "status": "ANSWERED", "answer": {"label": "alarm", "score": 0.91, "text": ""},
        "model": "svm", "rank": 1, "downgraded": True, "elapsed_ms": 27.4,
        "trace": [{"model": "embedding", "outcome": "LATE", "fired_ms": 0.0, "done_ms": None},
                  {"model": "svm", "outcome": "ANSWERED", "fired_ms": 35.0, "done_ms": 27.4}],
    }
    EMPTY = {"status": "EMPTY", "answer": None, "model": None, "rank": None, "downgraded": False,
             "elapsed_ms": 49.0, "trace": [{"model": "svm", "outcome": "LATE", "fired_ms": 0.0, "done_ms": None}]}

    def test_reads_an_answer_and_is_truthy(self):
        answer = tbms.Answer.from_json(self.ANSWERED)
        self.assertTrue(answer)
        self.assertEqual((answer.label, answer.score, answer.model, answer.rank, answer.downgraded),
                         ("alarm", 0.91, "svm", 1, True))
        self.assertEqual(answer.trace[0], tbms.TraceEntry("embedding", "LATE", 0.0, None))
        self.assertEqual(answer.trace[1].done_ms, 27.4)
        self.assertIn("alarm", str(answer))
        self.assertIn("downgraded", str(answer))
        self.assertIn("LATE", answer.trace_table())

    def test_empty_is_falsy_and_says_human_assist(self):
        answer = tbms.Answer.from_json(self.EMPTY)
        self.assertFalse(answer)
        self.assertEqual(answer.status, "EMPTY")
        self.assertIsNone(answer.label)
        self.assertIn("human assist", str(answer))

    def test_a_reply_of_another_shape_is_unavailable(self):
        for reply in ([], {"status": "ANSWERED"}, {"status": 1}, {**self.ANSWERED, "rank": "1"}):
            with self.assertRaises(tbms.Unavailable):
                tbms.Answer.from_json(reply)


class EndpointTest(unittest.TestCase):
    def test_forms(self):
        self.assertEqual(Endpoint.parse("localhost:8080"), Endpoint("localhost", 8080))
        self.assertEqual(Endpoint.parse("http://127.0.0.1:9000/"), Endpoint("127.0.0.1", 9000))
        self.assertEqual(Endpoint.parse("broker"), Endpoint("broker", 8080))
        self.assertEqual(Endpoint.parse("http://broker"), Endpoint("broker", 80))
        self.assertEqual(Endpoint.parse("[::1]:8080").host_header, "[::1]:8080")

    def test_refuses_what_is_not_host_port(self):
        for bad in ("", "https://broker:443", "http://broker:8080/v1", "broker:http"):
            with self.assertRaises(ValueError):
                Endpoint.parse(bad)


class RefusalTest(unittest.TestCase):
    def refusal(self, status, field=None, headers=None):
        body = ('{"error":{"code":%d,"status":"X","message":"m"%s}}'
                % (status, ',"field":"%s"' % field if field else "")).encode()
        return error_for_response(status, headers or {}, body)

    def test_maps_statuses_to_classes_with_field_and_message(self):
        error = self.refusal(400, "budget_ms")
        self.assertIsInstance(error, tbms.InvalidRequest)
        self.assertEqual((error.status, error.field, error.message, error.reason), (400, "budget_ms", "m", "X"))
        self.assertIsInstance(self.refusal(413), tbms.InvalidRequest)
        self.assertIsInstance(self.refusal(401), tbms.AuthError)
        self.assertIsInstance(self.refusal(403, "instance"), tbms.AuthError)
        self.assertIsInstance(self.refusal(503), tbms.Unavailable)
        self.assertIs(type(self.refusal(404)), tbms.TbmsError)

    def test_overloaded_reads_retry_after(self):
        self.assertEqual(self.refusal(429, headers={"retry-after": "1"}).retry_after, 1)
        self.assertIsNone(self.refusal(429).retry_after)

    def test_a_body_that_is_not_json_becomes_the_message(self):
        error = error_for_response(502, {}, b"Bad Gateway")
        self.assertEqual((type(error), error.message), (tbms.Unavailable, "Bad Gateway"))


class ResponseParserTest(unittest.TestCase):
    def test_content_length_fed_byte_by_byte(self):
        parser = ResponseParser()
        raw = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: b\r\n\r\n{}"
        done = [parser.feed(raw[i:i + 1]) for i in range(len(raw))]
        self.assertEqual(done.index(True), len(raw) - 1)
        self.assertEqual(parser.result(), (200, {"content-length": "2", "x-a": "b"}, b"{}"))

    def test_chunked(self):
        parser = ResponseParser()
        self.assertFalse(parser.feed(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n"))
        self.assertFalse(parser.feed(b"0\r\n"))
        self.assertTrue(parser.feed(b"\r\n"))
        self.assertEqual(parser.result()[2], b"abcde")

    def test_body_until_close(self):
        parser = ResponseParser()
        self.assertFalse(parser.feed(b"HTTP/1.1 200 OK\r\n\r\nabc"))
        self.assertTrue(parser.feed_eof())
        self.assertEqual(parser.result()[2], b"abc")

    def test_garbage_is_unavailable(self):
        with self.assertRaises(tbms.Unavailable):
            ResponseParser().feed(b"SSH-2.0-OpenSSH\r\n\r\n")


if __name__ == "__main__":
    unittest.main()
