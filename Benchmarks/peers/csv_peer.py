#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
"""The Python peer of `pacreport render --format csv` (issue "Loading and
exports at native speed"): what a plain script with the csv module does to
the same files. It loads activities.csv and participation.csv with
csv.DictReader, joins the participation rows to their activities, and
writes two of the eight tables, `activities` and `by-country`, with the
columns and order of docs/exports.md (no validation, no other tables, no
country names beyond the code: less work than pacreport does).

usage: csv_peer.py DATASET OUT-FOLDER
"""
import csv
import os
import sys


def main(dataset, out):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(dataset, "activities.csv"), encoding="utf-8-sig", newline="") as f:
        activities = list(csv.DictReader(f))
    per_activity = {a["id"]: {"countries": set(), "participants": 0, "complete": True} for a in activities}
    countries = {}
    with open(os.path.join(dataset, "participation.csv"), encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            a = per_activity.get(row["activity"])
            if a is None:
                continue
            code = row["country"].strip().upper()
            count = row["participants"].strip()
            a["countries"].add(code)
            c = countries.setdefault(code, {"activities": set(), "participants": 0, "complete": True, "centres": set()})
            c["activities"].add(row["activity"])
            if count:
                a["participants"] += int(count)
                c["participants"] += int(count)
            else:
                a["complete"] = False
                c["complete"] = False
    centres_of = {a["id"]: [x.strip() for x in a["centres"].split(";") if x.strip()] for a in activities}
    for c in countries.values():
        for activity in c["activities"]:
            c["centres"].update(centres_of[activity])

    with open(os.path.join(out, "activities.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["id", "date", "end_date", "centres", "role", "kind", "format", "title", "host", "countries",
                    "participants", "participants_complete", "hours", "plan_item"])
        for a in sorted(activities, key=lambda a: (a["date"], a["id"])):
            s = per_activity[a["id"]]
            w.writerow([a["id"], a["date"], a["end_date"], ";".join(sorted(set(centres_of[a["id"]]))),
                        a["role"] or "organizer", a["kind"].replace("-", "_").lower(), a["format"].lower(), a["title"],
                        a["host"], ";".join(sorted(s["countries"])), s["participants"],
                        "true" if s["complete"] else "false", a["hours"], a["plan_item"]])
    with open(os.path.join(out, "by-country.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["country_code", "country_name", "activities", "participants", "participants_complete", "centres"])
        rows = sorted(countries.items(), key=lambda kv: (-len(kv[1]["activities"]), -kv[1]["participants"], kv[0]))
        for code, c in rows:
            w.writerow([code, code, len(c["activities"]), c["participants"], "true" if c["complete"] else "false",
                        ";".join(sorted(c["centres"]))])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
