#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need
# (Microsoft's SARIF validator, from npm;
# DuckDB for the second-engine interop check and, with pyarrow, to write
# Parquet as other tools do; the deltalake and pyiceberg clients to write
# tables as users' pipelines do; in a venv under target/;
# Chromium for the HTML report, from Debian; an
# S3-protocol server and Azurite, started on 127.0.0.1 by scripts/stores.sh
# and stopped after), then runs every test of the workspace with one build
# profile.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/pyenv
if ! "$venv/bin/python" -c 'import duckdb, pyarrow, deltalake, pyiceberg, sqlalchemy' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'duckdb==2.0.0' 'pyarrow==22.0.0' \
        'deltalake==1.6.6' 'pyiceberg[sql-sqlite]==0.12.0'
fi
export LAKEAUDIT_PYTHON="$PWD/$venv/bin/python"
export LAKEAUDIT_REQUIRE_INTEROP=1
# Headless Chromium opens the HTML report (Debian's package).
if ! command -v chromium >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export LAKEAUDIT_REQUIRE_BROWSER=1
# Microsoft's SARIF validator (the SARIF SDK's multitool, self-contained,
# from npm) checks `scan --format sarif` against the SARIF 2.1.0 schema.
sarif_tool=target/tools/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$sarif_tool" ]; then
    npm install --prefix target/tools/sarif --no-audit --no-fund --silent @microsoft/sarif-multitool-linux@5.7.0
    chmod +x "$sarif_tool"
fi
export LAKEAUDIT_SARIF_VALIDATOR="$PWD/$sarif_tool"
# shellcheck source=scripts/stores.sh
source scripts/stores.sh
# Snapshots are compared, never rewritten, here.
export INSTA_UPDATE=no

cargo test --workspace --locked "$@"
