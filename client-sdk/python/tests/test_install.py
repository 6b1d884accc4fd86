"""The package as a user gets it: a fresh virtual environment, an offline install
(``pip install --no-index --no-build-isolation ./client-sdk/python``), and the seed-style example
run from that environment against the test broker, getting real answers.

``--no-build-isolation`` builds with the environment's own setuptools. Below setuptools 70.1
that also needs the ``wheel`` package, which a fresh venv of Python 3.11 (setuptools 65) lacks;
then the test installs ``wheel`` first, offline, from the wheelhouse ``TBMS_WHEELHOUSE`` names
(a directory holding a wheel of ``wheel``), and is skipped with that explanation when none is
given. Where the venv's setuptools is missing (Python 3.12 and later) or older than 61 (Python
3.9, 3.10), the test installs setuptools from the wheelhouse too.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from . import stack

_CAN_BUILD = (
    "import importlib.util, sys\n"
    "try:\n"
    "    import setuptools\n"
    "except ImportError:\n"
    "    sys.exit(3)\n"
    "version = tuple(int(p) for p in setuptools.__version__.split('.')[:2] if p.isdigit())\n"
    "if version < (61,):\n"
    "    sys.exit(3)\n"
    "sys.exit(0 if version >= (70, 1) or importlib.util.find_spec('wheel') else 4)\n"
)


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
        missing = subprocess.run([str(python), "-c", _CAN_BUILD]).returncode
        if missing:
            wheelhouse = os.environ.get("TBMS_WHEELHOUSE")
            needs = ["setuptools>=61", "wheel"] if missing == 3 else ["wheel"]
            if not wheelhouse:
                self.skipTest(f"this venv cannot build with --no-build-isolation without {' and '.join(needs)}; "
                              "set TBMS_WHEELHOUSE to a directory holding their wheels to check the offline install")
            self.run_in(python, "-m", "pip", "install", "--no-index", "--find-links", wheelhouse, *needs)

        # a copy of the sources, so that the build's in-tree build/ and *.egg-info stay out of the checkout
        source = self.home / "python"
        source.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy(stack.PYTHON_ROOT / name, source / name)
        shutil.copytree(stack.PYTHON_ROOT / "tbms", source / "tbms", ignore=shutil.ignore_patterns("__pycache__"))
        self.run_in(python, "-m", "pip", "install", "--no-index", "--no-build-isolation", source)

        environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        where = self.run_in(python, "-c", "import tbms; print(tbms.__file__); print([m.name for m in "
                            "tbms.models(('embedding', 35), ('svm', 25))])", env=environment)
        self.assertTrue(where.stdout.startswith(str(self.home / "venv")), where.stdout)
        self.assertIn("['embedding', 'svm']", where.stdout)

        environment.update(TBMS_ENDPOINT=endpoint, TBMS_ACCESS_ID="demo", TBMS_ACCESS_KEY="demo-secret-key",
                           TBMS_INSTANCE="demo")
        script = stack.PYTHON_ROOT / "examples" / "seed_style.py"
        outputs = []
        for _ in range(3):  # 50 ms budgets on a shared machine: a question may go to a human
            run = self.run_in(python, script, "set an alarm for 7 am", "what's the weather like", env=environment)
            outputs.append(run.stdout)
            found = dict(answer_of(line) for line in run.stdout.splitlines())
            if found.get("set an alarm for 7 am") == "alarm" and found.get("what's the weather like") == "weather":
                break
        answers = [dict(answer_of(line) for line in out.splitlines()) for out in outputs]
        self.assertTrue(any(a["set an alarm for 7 am"] == "alarm" for a in answers), outputs)
        self.assertTrue(any(a["what's the weather like"] == "weather" for a in answers), outputs)


def answer_of(line):
    """``'question': label  (mix: label)`` as (question, label)."""
    question, _, rest = line.partition(": ")
    return question.strip("'\""), rest.split("  (mix:")[0]


if __name__ == "__main__":
    unittest.main()
