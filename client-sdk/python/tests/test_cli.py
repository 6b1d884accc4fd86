"""``python -m tbms`` as a user runs it: a subprocess, its output and its exit code."""

import os
import subprocess
import sys
import unittest

from . import stack


def tbms_cli(*args, env=None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TBMS_")}
    environment["PYTHONPATH"] = str(stack.PYTHON_ROOT)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "tbms", *args], env=environment, capture_output=True,
                          text=True, timeout=60)


def setUpModule():
    global endpoint
    endpoint = stack.get().broker.endpoint


class CliTest(unittest.TestCase):
    def test_try_prints_the_answer_and_the_trace_and_exits_0(self):
        run = tbms_cli("try", "--endpoint", endpoint, "--access-id", "demo", "--access-key", "demo-secret-key",
                       "--instance", "demo", "--budget", "3000", "--models", "embedding:35,svm:25,bayes:15,keyword:5",
                       "set an alarm for 7 am")
        self.assertEqual(run.returncode, 0, run.stderr)
        first, *trace = run.stdout.splitlines()
        self.assertTrue(first.startswith("ANSWERED  alarm"), run.stdout)
        self.assertIn("rank", first)
        self.assertIn("fired_ms", trace[0])
        self.assertEqual([line.split()[0] for line in trace[1:]], ["embedding", "svm", "bayes", "keyword"])

    def test_endpoint_and_credentials_come_from_the_environment(self):
        run = tbms_cli("try", "--budget", "3000", "what's", "the", "weather", "like",
                       env={"TBMS_ENDPOINT": endpoint, "TBMS_ACCESS_ID": "demo",
                            "TBMS_ACCESS_KEY": "demo-secret-key", "TBMS_INSTANCE": "demo"})
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("weather", run.stdout.splitlines()[0])

    def test_mix_try(self):
        run = tbms_cli("mix-try", "--endpoint", endpoint, "--budget", "3000",
                       "--group", "mix1/max=svm:25,bayes:15", "--group", "mix2/avg=embedding:35,keyword:5",
                       "set an alarm for 7 am")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("alarm", run.stdout)
        self.assertIn("by mix1", run.stdout)

    def test_empty_prints_human_assist_and_exits_1(self):
        run = tbms_cli("try", "--endpoint", endpoint, "--budget", "1", "set an alarm for 7 am")
        self.assertEqual(run.returncode, 1, run.stdout + run.stderr)
        self.assertIn("human assist", run.stdout)

    def test_refused_exits_3_with_the_error_on_stderr(self):
        run = tbms_cli("try", "--endpoint", endpoint, "--access-key", "wrong", "hi")
        self.assertEqual(run.returncode, 3)
        self.assertIn("401", run.stderr)
        self.assertEqual(run.stdout, "")
        run = tbms_cli("try", "--endpoint", endpoint, "--models", "svm:25,keyfinder:5", "hi")
        self.assertEqual(run.returncode, 3)
        self.assertIn("models[1].name", run.stderr)

    def test_unavailable_exits_3(self):
        run = tbms_cli("try", "--endpoint", f"127.0.0.1:{stack.free_port()}", "hi")
        self.assertEqual(run.returncode, 3)
        self.assertIn("unavailable", run.stderr)

    def test_usage_errors_exit_2(self):
        self.assertEqual(tbms_cli("try", "--models", "svm:fast", "hi").returncode, 2)
        self.assertEqual(tbms_cli("try").returncode, 2)
        self.assertEqual(tbms_cli("try", "--endpoint", "https://x:1", "hi").returncode, 2)
        self.assertEqual(tbms_cli().returncode, 2)
        helped = tbms_cli("try", "--help")
        self.assertEqual(helped.returncode, 0)
        self.assertIn("--budget", helped.stdout)
        self.assertIn("exit codes", helped.stdout)


if __name__ == "__main__":
    unittest.main()
