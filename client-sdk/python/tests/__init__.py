"""Tests of the Python SDK, most of them against a real broker and model server.

Run from the repository root, after building the runnable jar (``mvn -B package -DskipTests``)::

    python3 -m unittest discover -s client-sdk/python/tests -t client-sdk/python -v

The first test that needs the stack starts ``dist/target/tbms.jar models`` and ``... broker`` on
free loopback ports (``tests/stack.py``); both stop when the run ends. ``TBMS_JAR`` names
another jar; ``TBMS_CACHE_DIR`` and ``TBMS_DATA_DIR`` are passed on to the model server; with
``TBMS_KEEP_TEST_LOGS`` set, the stack's configs and logs are kept (their folder is printed at the
end).
"""

import os
import sys

# the package under test is the source tree beside this folder, not an installed copy
_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _PACKAGE_ROOT not in sys.path:
    sys.path.insert(0, _PACKAGE_ROOT)
