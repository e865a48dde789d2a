#!/usr/bin/env python3
"""Helpers of bench/run: read the load generator's output and the API's JSON (standard library only).

    lib.py oha FILE            -> "req_s p50_ms p99_ms errors"
    lib.py wrk FILE            -> "req_s p50_ms p99_ms errors"
    lib.py token               -> the "token" field of the JSON on stdin
    lib.py largest BASE TOKEN  -> "id dwelling_count" of the office's building with most dwellings
    lib.py request_body BASE TOKEN -> a JSON request to record, in the building and category of the
                               office's latest request
"""
import json
import re
import sys
import urllib.request


def oha(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    s = d["summary"]
    p = d.get("latencyPercentiles", {})
    codes = d.get("statusCodeDistribution", {})
    non_2xx = sum(n for code, n in codes.items() if not code.startswith("2"))
    # "aborted due to deadline" is oha cutting in-flight requests at the end, not a failure.
    errors = sum(n for e, n in d.get("errorDistribution", {}).items() if "deadline" not in e)
    p50 = (p.get("p50") or 0) * 1000
    p99 = (p.get("p99") or 0) * 1000
    print(f"{s['requestsPerSec']:.0f} {p50:.2f} {p99:.2f} {non_2xx + errors}")


def wrk_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(path):
    text = open(path, encoding="utf-8").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    lat = dict(
        (pct, wrk_ms(v, u))
        for pct, v, u in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    )
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        errors += sum(int(x) for x in m.groups())
    print(f"{rps:.0f} {lat.get('50', 0):.2f} {lat.get('99', 0):.2f} {errors}")


def token():
    print(json.load(sys.stdin)["token"])


def largest(base, tok):
    best, page = None, 1
    while True:
        req = urllib.request.Request(
            f"{base}/api/v1/buildings?per_page=200&page={page}",
            headers={"Authorization": f"Bearer {tok}"},
        )
        with urllib.request.urlopen(req) as res:
            body = json.load(res)
        for b in body["items"]:
            if best is None or b["dwelling_count"] > best["dwelling_count"]:
                best = b
        if page * body["per_page"] >= body["total"]:
            break
        page += 1
    print(best["id"], best["dwelling_count"])


def request_body(base, tok):
    req = urllib.request.Request(
        f"{base}/api/v1/requests?per_page=1", headers={"Authorization": f"Bearer {tok}"}
    )
    with urllib.request.urlopen(req) as res:
        r = json.load(res)["items"][0]
    body = {
        "building_id": r["building_id"],
        "category_id": r["category_id"],
        "urgency": "normal",
        "description": "Fuite sous l'évier de la cuisine (banc d'essai).",
    }
    print(json.dumps(body, ensure_ascii=False))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"oha": oha, "wrk": wrk, "token": token, "largest": largest, "request_body": request_body}[cmd](*args)
