#!/usr/bin/env bash
# Runs every test of the project: the whole Maven reactor (unit, property and end-to-end tests),
# then the Python SDK's tests against the runnable jar the reactor built.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

"$(dirname "${BASH_SOURCE[0]}")/install-deps.sh"
mvn -B -ntp verify "$@"
python3 -m unittest discover -s client-sdk/python/tests -t client-sdk/python
