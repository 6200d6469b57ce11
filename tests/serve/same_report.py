#!/usr/bin/env python3
"""Whether the API's JSON report says what the command line's says: the same
verdict and the same errors and warnings (type, row, field, cell and
message, in order); timings and the files list aside.
Usage: same_report.py API_REPORT CLI_REPORT [VALID]"""
import json
import sys

KEYS = ("type", "rowNumber", "fieldName", "fieldNumber", "cell", "message", "source")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def entries(doc, key):
    return [tuple(e.get(k) for k in KEYS) for e in doc.get(key, [])]


api, cli = load(sys.argv[1]), load(sys.argv[2])
problems = []
if api.get("valid") != cli.get("valid"):
    problems.append(f"valid: api {api.get('valid')}, cli {cli.get('valid')}")
if len(sys.argv) > 3 and str(api.get("valid")).lower() != sys.argv[3]:
    problems.append(f"valid: api {api.get('valid')}, expected {sys.argv[3]}")
for key in ("errors", "warnings", "normalizations"):
    if entries(api, key) != entries(cli, key):
        problems.append(f"{key} differ:\n  api {entries(api, key)[:5]}\n  cli {entries(cli, key)[:5]}")
if api.get("stats", {}).get("records") != cli.get("stats", {}).get("records"):
    problems.append("records differ")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
