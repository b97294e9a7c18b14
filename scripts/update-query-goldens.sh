#!/usr/bin/env bash
# Regenerate tests/golden/queries/<id>.csv: every catalogue query on the mini fixture, through the CLI.
# Review the diff before committing: the goldens are the expected answers of tests/test_queries.py.
set -euo pipefail
cd "$(dirname "$0")/.."
YKG=${YKG:-.venv/bin/ykg}
rm -f tests/golden/queries/*.csv
"$YKG" query run-all --data tests/fixtures/mini --out tests/golden/queries
