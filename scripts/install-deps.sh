#!/usr/bin/env bash
# Installs the system packages the test suite needs, if they are missing (Debian/Ubuntu).
#   promtool and prometheus (package prometheus): the model server's /metrics exposition is
#     validated, and a real Prometheus scrapes the demo with docs/ops/prometheus.yml
#   python3 with venv (python3, python3-venv): the Python SDK and its tests
#   chromium and chromedriver (chromium, chromium-driver): the dashboard's browser tests
set -euo pipefail

missing=()
command -v mvn >/dev/null || missing+=(maven)
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v promtool >/dev/null || missing+=(prometheus)
command -v python3 >/dev/null || missing+=(python3)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing ${missing[*]}; run as root or install them yourself" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
