#!/usr/bin/env bash
# Runs every test of the project: the whole Maven reactor (unit, property and end-to-end tests).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

"$(dirname "${BASH_SOURCE[0]}")/install-deps.sh"
mvn -B -ntp verify "$@"
