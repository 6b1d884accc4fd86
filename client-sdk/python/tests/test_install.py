"""The package as a user gets it: a fresh virtual environment, an offline install
(``pip install --no-index --no-build-isolation ./client-sdk/python``), and the seed-style example
run from that environment against the test broker, getting real answers.

The package builds with its own standard-library backend (``build_backend/tbms_build.py``), so
the venv needs neither setuptools nor wheel; the test removes setuptools from it to prove that.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from . import stack

class OfflineInstallTest(unittest.TestCase):
    def setUp(self):
        self.home = Path(tempfile.mkdtemp(prefix="tbms-venv-"))
        self.addCleanup(shutil.rmtree, self.home, True)

    def run_in(self, *args, **kwargs):
        run = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300,
                             cwd=str(self.home), **kwargs)
        self.assertEqual(run.returncode, 0, f"{' '.join(map(str, args))}\n{run.stdout}\n{run.stderr}")
        return run

    def test_installs_offline_in_a_fresh_venv_and_the_seed_style_script_gets_answers(self):
        endpoint = stack.get().broker.endpoint
        self.run_in(sys.executable, "-m", "venv", self.home / "venv")
        python = self.home / "venv" / "bin" / "python"
        # nothing to build with but the package's own backend
        self.run_in(python, "-m", "pip", "uninstall", "-y", "setuptools", "wheel")
        # a copy of the sources, so that nothing the build writes lands in the checkout
        source = self.home / "python"
        source.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy(stack.PYTHON_ROOT / name, source / name)
        for folder in ("tbms", "build_backend"):
            shutil.copytree(stack.PYTHON_ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
        self.run_in(python, "-m", "pip", "install", "--no-index", "--no-build-isolation", source)

        environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        where = self.run_in(python, "-c", "import tbms; print(tbms.__file__); print([m.name for m in "
                            "tbms.models(('embedding', 35), ('svm', 25))])", env=environment)
        self.assertTrue(where.stdout.startswith(str(self.home / "venv")), where.stdout)
        self.assertIn("['embedding', 'svm']", where.stdout)

        environment.update(TBMS_ENDPOINT=endpoint, TBMS_ACCESS_ID="demo", TBMS_ACCESS_KEY="demo-secret-key",
                           TBMS_INSTANCE="demo")
        script = stack.PYTHON_ROOT / "examples" / "seed_style.py"
        # the example's own 50 ms budget: each question gets its label or a human (the script exits
        # 1 when the broker refuses or cannot be reached); whether 50 ms suffices here is bench/'s
        run = self.run_in(python, script, "set an alarm for 7 am", "what's the weather like", env=environment)
        found = dict(answer_of(line) for line in run.stdout.splitlines())
        self.assertIn(found.get("set an alarm for 7 am"), ("alarm", "human assist"), run.stdout)
        self.assertIn(found.get("what's the weather like"), ("weather", "human assist"), run.stdout)
        # and real answers through the installed package, at a budget that leaves no doubt
        real = self.run_in(python, "-c", REAL_ANSWERS, "set an alarm for 7 am", "what's the weather like", env=environment)
        self.assertEqual(real.stdout.split(), ["alarm", "weather"], real.stdout)


# the seed style at a 3 s budget, from the fresh venv: one label per question
REAL_ANSWERS = """
import os, sys
from tbms import tbmsClient, tbmsList, tbmsTry
client = tbmsClient(os.environ["TBMS_ENDPOINT"], "demo", "demo-secret-key", "demo")
models = tbmsList({"embedding": {"est": 35}, "svm": {"est": 25}, "bayes": {"est": 15}, "keyword": {"est": 5}})
for question in sys.argv[1:]:
    answer = tbmsTry(client, models, question, tloc=3000, priority=0)
    print(answer.label if answer else "EMPTY")
"""


def answer_of(line):
    """``'question': label  (mix: label)`` as (question, label)."""
    question, _, rest = line.partition(": ")
    return question.strip("'\""), rest.split("  (mix:")[0]


if __name__ == "__main__":
    unittest.main()
