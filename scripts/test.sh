#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need
# (DuckDB for the second-engine interop check, in a venv under target/),
# then runs every test of the workspace with one build profile.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/pyenv
if ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'duckdb==2.0.0'
fi
export LAKEAUDIT_PYTHON="$PWD/$venv/bin/python"
export LAKEAUDIT_REQUIRE_INTEROP=1
# Snapshots are compared, never rewritten, here.
export INSTA_UPDATE=no

cargo test --workspace --locked "$@"
