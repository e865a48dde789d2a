#!/usr/bin/env python3
"""Workshop scenarios of bench/run (standard library only).

    workshops.py prepare BASE TOKEN COOKIE  -> "building_id date feed_path" of a building with a
                                               weekly series (its month view and a facilitator feed)
    workshops.py conflict BASE TOKEN        -> one Markdown row: a new weekly year-long series that
                                               clashes (409, nothing written), 50 requests in a row
    workshops.py register BASE TOKEN CONNS  -> one Markdown row: registering distinct tenants for
                                               one workshop at CONNS connections, with the count check
"""
import datetime
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def call(base, tok, method, path, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    h = {"Authorization": f"Bearer {tok}", "Content-Type": "application/json"}
    h.update(headers or {})
    req = urllib.request.Request(base + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def get_json(base, tok, path):
    status, body = call(base, tok, "GET", path)
    assert status == 200, (path, status, body[:200])
    return json.loads(body)


def busy_workshop(base, tok):
    """The newest workshop (the current season) with its sessions."""
    first = get_json(base, tok, "/api/v1/workshops?per_page=1")["items"][0]
    return get_json(base, tok, f"/api/v1/workshops/{first['id']}")


def prepare(base, tok, cookie):
    w = busy_workshop(base, tok)
    day = w["sessions"][len(w["sessions"]) // 2]["starts_at"][:10]
    me = get_json(base, tok, "/api/v1/me")["id"]
    req = urllib.request.Request(base + "/account", headers={"Cookie": cookie})
    with urllib.request.urlopen(req) as res:
        csrf = re.search(r'name="_csrf" value="([^"]+)"', res.read().decode()).group(1)
    form = urllib.parse.urlencode({"_csrf": csrf, "kind": "facilitator", "target": me}).encode()
    req = urllib.request.Request(base + "/calendar-feeds", data=form, headers={"Cookie": cookie})
    with urllib.request.urlopen(req) as res:
        page = res.read().decode()
    feed = re.search(r"(/calendar/[0-9a-f]{48}\.ics)", page).group(1)
    print(w["building_id"], day, feed)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def conflict(base, tok):
    w = busy_workshop(base, tok)
    upcoming = [s for s in w["sessions"] if s["status"] == "scheduled"]
    me = get_json(base, tok, "/api/v1/me")["id"]
    start = datetime.date.fromisoformat(upcoming[0]["starts_at"][:10])
    # Same room, same weekday and local time, 52 weeks: the whole series is checked, the first clashes.
    rule = json.loads(w["recurrence"])
    body = {
        "title": "Banc d'essai", "sub_activity": "ateliers_groupe", "building_id": w["building_id"],
        "room_id": w["room_id"], "facilitator_ids": [me], "capacity": 10,
        "start_date": (start + datetime.timedelta(days=7)).isoformat(),
        "start_time": rule["start_time"][:5], "duration_minutes": 90,
        "frequency": "weekly", "interval": 1, "weekdays": rule["frequency"]["weekdays"], "count": 52,
    }
    times, statuses = [], {}
    for _ in range(50):
        t0 = time.perf_counter()
        status, _ = call(base, tok, "POST", "/api/v1/workshops", body)
        times.append((time.perf_counter() - t0) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
    ok = statuses == {409: 50}
    verdict = "met" if ok and percentile(times, 99) < 20 else "**not met**"
    print(f"| POST /api/v1/workshops, weekly series of 52 that clashes (conflict check, 409) | "
          f"{percentile(times, 50):.2f} | {percentile(times, 99):.2f} | {statuses} | {verdict} (< 20 ms) |")


def register(base, tok, conns):
    conns = int(conns)
    tenants = []
    page = 1
    while len(tenants) < 10 * conns:
        items = get_json(base, tok, f"/api/v1/tenants?per_page=200&page={page}")["items"]
        if not items:
            break
        tenants += [t["id"] for t in items]
        page += 1
    w = busy_workshop(base, tok)
    capacity = 5 * conns
    start = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    status, body = call(base, tok, "POST", "/api/v1/workshops", {
        "title": "Grande fête de quartier", "sub_activity": "milieu_de_vie",
        "building_id": w["building_id"], "place": "Parc du quartier", "audience": "office",
        "outside_facilitators": [{"name": "Équipe", "organisation": "Comité"}], "capacity": capacity,
        "start_date": start, "start_time": "12:00", "duration_minutes": 240,
    })
    assert status == 201, body[:300]
    wid = json.loads(body)["id"]

    def one(tenant):
        t0 = time.perf_counter()
        status, _ = call(base, tok, "POST", f"/api/v1/workshops/{wid}/registrations", {"tenant_id": tenant})
        return status, (time.perf_counter() - t0) * 1000

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=conns) as pool:
        results = list(pool.map(one, tenants))
    elapsed = time.perf_counter() - t0
    times = [ms for _, ms in results]
    errors = sum(1 for s, _ in results if s != 201)
    regs = get_json(base, tok, f"/api/v1/workshops/{wid}/registrations")
    confirmed = sum(1 for r in regs if r["status"] == "confirmed")
    ok = errors == 0 and confirmed == capacity
    print(f"| POST registrations of {len(results)} tenants at {conns} connections "
          f"({len(results) / elapsed:.0f} req/s) | {percentile(times, 50):.2f} | {percentile(times, 99):.2f} | "
          f"{errors} errors, {confirmed} confirmed of {capacity} places | "
          f"{'met' if ok else '**not met**'} (no error, never past capacity) |")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"prepare": prepare, "conflict": conflict, "register": register}[cmd](*args)
