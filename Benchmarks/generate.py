#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
"""generate.py N FOLDER [--seed S]

Writes a valid pacreport dataset of N activities into FOLDER, the same for
the same N and seed: six centres, about sixty countries, titles in many
scripts (some with quoted commas and line breaks), about five participation
rows per activity with some unknown counts, and plan items for the year and
the next. Independent of pacreport itself, so the benchmark measures the
program on data it did not make.
"""
import os, random, sys

CENTRES = [
    ("nlrk", "National Library of the Republic of Kazakhstan", "KZ"),
    ("vgbil", "Всероссийская государственная библиотека иностранной литературы им. М. И. Рудомино", "RU"),
    ("nla", "Հայաստանի ազգային գրադարան", "AM"),
    ("nplg", "საქართველოს ეროვნული ბიბლიოთეკა", "GE"),
    ("nli", "הספרייה הלאומית של ישראל", "IL"),
    ("nlc", "中国国家图书馆", "CN"),
]
COUNTRIES = ("AM AT AZ BE BG BY CH CN CY CZ DE DK EE EG ES FI FR GB GE GR HR HU IE IL IN IR IT JP KG KR "
             "KZ LT LU LV MD MN MT NL NO PL PT RO RS RU SE SI SK TJ TM TR UA US UZ VN AE SA QA KW OM").split()
KINDS = ["meeting", "round_table", "conference", "seminar", "training", "master_class", "exhibition",
         "consultation", "publication", "other"]
FORMATS = ["online", "onsite", "hybrid"]
TITLES = [
    "Conservation of paper heritage, session {n}",
    "Консервация и реставрация рукописного наследия — занятие {n}",
    "Қолжазба мұраны сақтау: семинар {n}",
    "Հայկական ձեռագրերի վերականգնում {n}",
    "ქართული ხელნაწერების კონსერვაცია {n}",
    "Συντήρηση χειρογράφων {n}",
    "שימור ספרים עתיקים {n}",
    "ترميم المخطوطات العربية {n}",
    "古籍保护培训班 第{n}期",
    "和紙の修復ワークショップ {n}",
    "고문서 보존 세미나 {n}",
    "Round table \"Book monuments, their preservation\"\nsession {n}",
]
INSTITUTIONS = ["", "", "", "National Library", "State Archive", "University Library, Manuscripts", "Музей книги"]


SENTENCES = [
    "Conservators of the partner libraries presented their treatment of water-damaged bindings and discussed the results.",
    "Специалисты центров обменялись опытом реставрации рукописей и договорились о совместной программе стажировок.",
    "Қатысушылар қолжазбаларды сақтау әдістерін талқылап, келесі жылға арналған бірлескен жоспарды бекітті.",
    "The workshop covered the stabilisation of iron-gall ink, with a practical session on calcium phytate treatment.",
    "Կազմակերպվեց վերականգնողների հանդիպում՝ նվիրված ձեռագրերի պահպանությանը։",
    "Les restaurateurs ont présenté les résultats de la numérisation des fonds anciens.",
]


def q(text):
    if any(c in text for c in ',"\r\n') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def main():
    n = int(sys.argv[1])
    folder = sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2020
    # --descriptions: three activities in five get a description of one to
    # three sentences (the default leaves them out, as the earlier figures did).
    descriptions = "--descriptions" in sys.argv
    # --year Y: the reporting year (the default 2020); datasets of several
    # years of one N are one contract (BENCH-N), for the contract-term report.
    year_arg = int(sys.argv[sys.argv.index("--year") + 1]) if "--year" in sys.argv else 2020
    rnd = random.Random(seed * 1_000_003 + n)
    os.makedirs(folder, exist_ok=True)
    year = year_arg
    with open(os.path.join(folder, "report.yaml"), "w", encoding="utf-8") as f:
        f.write(f"year: {year}\nlanguage: en\ncontract:\n  id: \"BENCH-{n}\"\n  title: \"Benchmark contract of {n} activities\"\n")
        f.write("  parties: [" + ", ".join(c[0] for c in CENTRES) + "]\n  concluded: 2019-03-01\ncentres:\n")
        for cid, name, country in CENTRES:
            f.write(f"  - id: {cid}\n    name: \"{name}\"\n    country: {country}\n    city: \"City of {cid}\"\n")
    plan_now = [f"P{i:04d}" for i in range(1, max(2, n // 50) + 1)]
    plan_next = [f"N{i:04d}" for i in range(1, max(2, n // 50) + 1)]
    with open(os.path.join(folder, "plan.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("id,year,centres,kind,format,title,countries,quarter,status\r\n")
        for i, pid in enumerate(plan_now + plan_next):
            y = year if pid.startswith("P") else year + 1
            centres = ";".join(sorted({rnd.choice(CENTRES)[0] for _ in range(2)}))
            countries = ";".join(sorted({rnd.choice(COUNTRIES) for _ in range(3)}))
            quarter = rnd.choice(["Q1", "Q2", "Q3", "Q4", ""])
            f.write(",".join([pid, str(y), centres, rnd.choice(KINDS), rnd.choice(FORMATS + [""]),
                              q(rnd.choice(TITLES).format(n=i + 1)), countries, quarter,
                              rnd.choice(["planned", "confirmed", "done", ""])]) + "\r\n")
    with open(os.path.join(folder, "activities.csv"), "w", encoding="utf-8", newline="") as a, \
         open(os.path.join(folder, "participation.csv"), "w", encoding="utf-8", newline="") as p:
        a.write("\ufeffid,date,end_date,centres,role,kind,format,title,host,description,hours,plan_item\r\n")
        p.write("activity,country,institution,participants,role\r\n")
        for i in range(1, n + 1):
            month, day = rnd.randint(1, 12), rnd.randint(1, 28)
            end = f"{year}-{month:02d}-{min(28, day + 2):02d}" if rnd.random() < 0.2 else ""
            centres = ";".join(sorted({rnd.choice(CENTRES)[0] for _ in range(rnd.randint(1, 2))}))
            kind = rnd.choice(KINDS)
            hours = str(rnd.choice([2, 4, 6.5, 8, 12])) if kind in ("training", "master_class", "seminar") else ""
            plan = rnd.choice(plan_now) if rnd.random() < 0.1 else ""
            description = ""
            if descriptions and rnd.random() < 0.6:
                description = "\n".join(rnd.choice(SENTENCES) for _ in range(rnd.randint(1, 3)))
            a.write(",".join([f"A{i:06d}", f"{year}-{month:02d}-{day:02d}", end, centres,
                              rnd.choice(["organizer", "co-organizer", "participant", ""]), kind, rnd.choice(FORMATS),
                              q(rnd.choice(TITLES).format(n=i)), q(rnd.choice(INSTITUTIONS)), q(description), hours,
                              plan]) + "\r\n")
            if kind == "publication" and rnd.random() < 0.5:
                continue
            for country in rnd.sample(COUNTRIES, rnd.randint(3, 7)):
                count = "" if rnd.random() < 0.05 else str(rnd.randint(1, 40))
                p.write(",".join([f"A{i:06d}", country, q(rnd.choice(INSTITUTIONS)), count,
                                  rnd.choice(["attendee", "speaker", "trainee", ""])]) + "\r\n")


if __name__ == "__main__":
    main()
