"""The roll-up by bundles: kota databases export everything they hold; a province database
imports those of its kabupaten/kota, the nation those of its provinces (any order, as often
as they come: nothing lost, nothing twice); records of another area are refused naming it.
Summaries and reports at each level are checked number by number against the kota
databases the records came from."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from faskel_cli.core import bundle, facilitators, followups, lkk, regions
from faskel_cli.core.dates import Period, parse_week
from faskel_cli.core.db import connect
from faskel_cli.core.errors import ConflictError
from faskel_cli.core.summary import COUNT_KEYS, build_summary, resolve_scope
from tests.helpers import add_activity, add_followup, add_visit, canonical, import_counts

# Two kota of Jawa Tengah and one of DI Yogyakarta.
KOTA = {"33.75": "pkl", "33.74": "smg", "34.71": "ygy"}
WEEK = parse_week("2026-W48")
MONTH = Period(WEEK.start.replace(day=1), WEEK.end)
VILLAGE_KEYS = ("kelurahan_visited", "kelurahan_total", "desa_total", "not_visited")


def _make_kota(db, area: str, tag: str, seed: int) -> None:
    """A kota's records, made through the core: 4 facilitators, LKK, ~60 visits in
    November 2026, activities moving through their stages, follow-ups (some done)."""
    rng = random.Random(seed)
    regions.load_area(db, area)
    villages = [row["kode"] for row in regions.kelurahan_rows(db)]
    people = []
    for n in range(4):
        handle = f"{tag}{n}"  # handles differ between kota (one person, one handle)
        own = rng.sample(villages, 3)
        facilitators.add(db, f"Fasilitator {tag.upper()} {n}", handle, own)
        people.append((handle, own))
    for kode in villages[:6]:
        lkk.add(db, kode, "pkk", f"PKK {kode}")
    for _ in range(60):
        handle, own = rng.choice(people)
        kode = rng.choice(own)
        day = f"2026-11-{rng.randint(1, 28):02d}"
        lkk_names = [f"PKK {kode}"] if kode in villages[:6] and rng.random() < 0.5 else []
        add_visit(
            db,
            day=day,
            kelurahan=kode,
            who=handle,
            male=rng.randint(0, 9),
            female=rng.randint(0, 9),
            lkk=lkk_names,
        )
    for n in range(5):
        moves = [f"2026-11-{d:02d}" for d in sorted(rng.sample(range(10, 28), rng.randint(0, 3)))]
        add_activity(
            db, *moves, kelurahan=rng.choice(villages), title=f"Kegiatan {n}", start="2026-11-02"
        )
    for n in range(6):
        handle, own = rng.choice(people)
        day = f"2026-11-{rng.randint(1, 25):02d}"
        item = add_followup(db, kelurahan=own[0], on=day, due="2026-11-26", owner=handle)
        if n % 2:
            followups.done(db, item, note="Selesai", on="2026-11-27")


@pytest.fixture(scope="module")
def levels(tmp_path_factory):
    """Kota databases and their bundles; province and nation databases built from them."""
    from tests.helpers import frozen_clock

    folder = tmp_path_factory.mktemp("rollup")
    built: dict = {"kota": {}, "bundles": {}}
    try:
        with frozen_clock():
            for seed, (area, tag) in enumerate(KOTA.items()):
                db = connect(folder / f"kota-{area}.db")
                built["kota"][area] = db
                _make_kota(db, area, tag, seed)
                path = folder / f"kota-{area}.faskel"
                bundle.export(db, path)
                built["bundles"][area] = path
        yield folder, built
    finally:
        for db in built["kota"].values():
            db.close()


@pytest.fixture(scope="module")
def gathered(levels):
    """Jawa Tengah and DI Yogyakarta from their kota's bundles; the nation from the
    provinces' bundles (reversed, then again: nothing twice)."""
    from tests.helpers import frozen_clock

    folder, built = levels
    opened = []
    try:
        with frozen_clock():
            jateng = _province(folder, built, "33", "jateng.db")
            opened.append(jateng)
            diy = _province(folder, built, "34", "diy.db")
            opened.append(diy)
            bundles = []
            for name, db in (("jateng", jateng), ("diy", diy)):
                path = folder / f"{name}.faskel"
                bundle.export(db, path)
                bundles.append(path)
            nation = _empty(folder / "nation.db", "indonesia")
            opened.append(nation)
            import_counts(nation, *reversed(bundles))
            import_counts(nation, *bundles)
        yield built, jateng, diy, nation
    finally:
        for db in opened:
            db.close()


def _empty(path: Path, area: str):
    db = connect(path)
    regions.load_area(db, area)
    return db


def _numbers(row: dict) -> dict:
    return {key: row[key] for key in (*COUNT_KEYS, *VILLAGE_KEYS) if key in row}


def _province(folder: Path, built: dict, area: str, name: str):
    db = _empty(folder / name, area)
    kota = [built["bundles"][k] for k in KOTA if k.startswith(area + ".")]
    import_counts(db, *kota)
    return db


def test_a_province_gathers_its_kota_and_refuses_another_province(levels, tmp_path):
    folder, built = levels
    jateng = _empty(tmp_path / "jateng.db", "33")
    try:
        # Any order, as often as they come: the same database.
        first = import_counts(jateng, built["bundles"]["33.74"], built["bundles"]["33.75"])
        assert first["visits"]["added"] == 120
        again = import_counts(jateng, built["bundles"]["33.75"], built["bundles"]["33.74"])
        assert all(c["added"] == c["updated"] == 0 for c in again.values())
        other = _empty(tmp_path / "other.db", "33")
        import_counts(other, built["bundles"]["33.75"])
        import_counts(other, built["bundles"]["33.74"], built["bundles"]["33.75"])
        other.close()
        assert canonical(tmp_path / "jateng.db") == canonical(tmp_path / "other.db")
        # A kota of another province: refused, naming where it belongs.
        with pytest.raises(ConflictError) as caught:
            bundle.import_bundle(jateng, built["bundles"]["34.71"])
        assert caught.value.key == "err.bundle_area"
        assert "Kota Yogyakarta" in str(caught.value.params["area"])
    finally:
        jateng.close()


@pytest.mark.parametrize("period", [WEEK, MONTH], ids=["week", "month"])
def test_province_and_nation_summaries_equal_the_kota_databases(gathered, period):
    built, jateng, diy, nation = gathered
    kota_sums = {k: build_summary(db, period) for k, db in built["kota"].items()}
    # The province: one row per kabupaten/kota; those with records equal their database.
    summary = build_summary(jateng, period)
    assert summary["level"] == "kabupaten" and len(summary["kabupaten"]) == 35
    rows = {row["kode"]: row for row in summary["kabupaten"]}
    for area in ("33.75", "33.74"):
        assert _numbers(rows[area]) == _numbers(kota_sums[area]["totals"]), area
    idle = [row for kode, row in rows.items() if kode not in KOTA]
    assert all(row["visits"] == 0 and row["kelurahan_visited"] == 0 for row in idle)
    totals = summary["totals"]
    assert totals["visits"] == sum(kota_sums[k]["totals"]["visits"] for k in ("33.75", "33.74"))
    assert totals["kelurahan_total"] == 8563
    assert totals["kelurahan_visited"] == sum(
        kota_sums[k]["totals"]["kelurahan_visited"] for k in ("33.75", "33.74")
    )
    # Deeper: every kelurahan of Kota Semarang as in its own database.
    deeper = build_summary(jateng, period, scope=resolve_scope(jateng, "kelurahan", "33.74"))
    assert deeper["kelurahan"] == kota_sums["33.74"]["kelurahan"]
    assert _numbers(deeper["totals"]) == _numbers(kota_sums["33.74"]["totals"])
    by_kec = build_summary(jateng, period, scope=resolve_scope(jateng, "kecamatan"))
    assert by_kec["group_level"] == "kabupaten" and len(by_kec["kecamatan"]) == 576
    groups = {g["kode"]: g for g in by_kec["kabupaten"]}
    assert _numbers(groups["33.75"]) == _numbers(kota_sums["33.75"]["totals"])
    for kec in kota_sums["33.75"]["kecamatan"]:
        row = next(r for r in by_kec["kecamatan"] if r["kode"] == kec["kode"])
        assert _numbers(row) == _numbers(kec)

    # The nation, from the provinces' bundles (each holding its kota's records).
    national = build_summary(nation, period)
    assert national["level"] == "provinsi" and len(national["provinsi"]) == 38
    provinces = {row["kode"]: row for row in national["provinsi"]}
    assert _numbers(provinces["33"]) == _numbers(summary["totals"])
    assert _numbers(provinces["34"]) == _numbers(build_summary(diy, period)["totals"])
    assert national["totals"]["kelurahan_total"] == 83762
    assert national["totals"]["visits"] == sum(s["totals"]["visits"] for s in kota_sums.values())
    by_kota = build_summary(nation, period, scope=resolve_scope(nation, "kabupaten"))
    kota_rows = {row["kode"]: row for row in by_kota["kabupaten"]}
    for area, kota_summary in kota_sums.items():
        assert _numbers(kota_rows[area]) == _numbers(kota_summary["totals"]), area


def test_reports_of_a_province_follow_its_level(gathered):
    from faskel_cli.reports import build

    built, jateng, _, _ = gathered
    kota = build_summary(built["kota"]["33.75"], WEEK)["totals"]
    for fmt in ("json", "csv", "md", "text", "html", "xlsx"):
        data = build.collect(jateng, fmt, WEEK, "Jawa Tengah")
        content = build.render(fmt, data)
        assert content, fmt
        if fmt == "json":
            rows = json.loads(content)["kabupaten"]
            row = next(r for r in rows if r["kode"] == "33.75")
            assert _numbers(row) == _numbers(kota)
        elif fmt == "csv":
            lines = content.decode("utf-8-sig").splitlines()
            assert lines[0].startswith("kode,nama,visits")
            line = next(line for line in lines if line.startswith("33.75,"))
            assert f",{kota['visits']}," in line
            assert len(lines) == 36  # heading + 35 kabupaten/kota
        elif fmt in ("md", "text", "html"):
            text = content.decode()
            assert "Kota Pekalongan" in text and "Kelurahan belum" not in text
            visited, total = kota["kelurahan_visited"], kota["kelurahan_total"]
            assert f"Kota Pekalongan ({visited}/{total})" in text or fmt == "text"


def test_the_facilitators_of_one_kota_read_at_the_province_as_in_their_kota(gathered):
    """`summary --by facilitator --kabupaten`: the rows of a kota's facilitators, number by
    number, at the province and at the nation (when their last bundle came aside)."""
    from faskel_cli.core.summary import summary_by_facilitator

    built, jateng, _, nation = gathered

    def numbers(rows: list[dict]) -> list[dict]:
        return [{k: v for k, v in r.items() if not k.startswith("last_bundle")} for r in rows]

    for period in (WEEK, MONTH):
        kota = {area: summary_by_facilitator(db, period) for area, db in built["kota"].items()}
        assert all(len(rows) == 4 for rows in kota.values())
        for area in ("33.75", "33.74"):
            got = summary_by_facilitator(jateng, period, area)
            assert numbers(got) == numbers(kota[area]), area
            assert numbers(summary_by_facilitator(nation, period, area)) == numbers(kota[area])
        whole = {r["handle"] for r in summary_by_facilitator(jateng, period)}
        assert whole == {r["handle"] for area in ("33.75", "33.74") for r in kota[area]}
        assert len(summary_by_facilitator(nation, period, "34")) == 4


def test_the_villages_under_a_unit_are_counted_as_the_summary_counts_them(gathered):
    """What the legend per facilitator calls them (`desa/kelurahan` in a province) comes
    from these counts."""
    from faskel_cli.reports.levels import villages_word

    _, jateng, _, nation = gathered
    for db, kabupaten in ((jateng, None), (jateng, "33.74"), (jateng, "33.75"), (nation, "34.71")):
        scope = resolve_scope(db, "kelurahan", kabupaten)
        totals = build_summary(db, WEEK, scope=scope)["totals"]
        counted = regions.village_totals(db, kabupaten)
        assert counted == {k: totals[k] for k in ("kelurahan_total", "desa_total")}, kabupaten
    assert villages_word(regions.village_totals(jateng)) == "desa/kelurahan"
    assert villages_word(regions.village_totals(jateng, "33.75")) == "kelurahan"


def test_the_trend_of_a_province_by_kota_and_deeper_equals_the_kota_databases(gathered):
    from faskel_cli.core.trend import build_trend

    built, jateng, _, nation = gathered
    kota = {area: build_trend(db, WEEK.end, 6) for area, db in built["kota"].items()}
    province = build_trend(jateng, WEEK.end, 6)
    assert province["level"] == "kabupaten" and province["group_level"] is None
    assert len(province["kabupaten"]) == 35 and "kelurahan" not in province
    rows = {row["kode"]: row for row in province["kabupaten"]}
    for area in ("33.75", "33.74"):
        assert rows[area]["visits"] == kota[area]["totals"]["visits"], area
    assert province["totals"]["total"] == sum(
        kota[a]["totals"]["total"] for a in ("33.75", "33.74")
    )
    deeper = build_trend(jateng, WEEK.end, 6, scope=resolve_scope(jateng, "kelurahan", "33.74"))
    assert deeper["kelurahan"] == kota["33.74"]["kelurahan"]
    assert deeper["kecamatan"] == kota["33.74"]["kecamatan"]
    national = build_trend(nation, WEEK.end, 6)
    provinces = {row["kode"]: row["visits"] for row in national["provinsi"]}
    assert provinces["33"] == province["totals"]["visits"]
    assert provinces["34"] == kota["34.71"]["totals"]["visits"]


def test_the_record_sheets_of_one_kota_of_a_province_hold_its_records_only(gathered):
    from faskel_cli.reports import build

    built, jateng, _, _ = gathered
    kota = build.collect(built["kota"]["33.74"], "xlsx", MONTH, "Kota Semarang")
    one = build.collect(
        jateng, "xlsx", MONTH, "Kota Semarang", summary_scope=resolve_scope(jateng, None, "33.74")
    )
    whole = build.collect(jateng, "xlsx", MONTH, "Jawa Tengah")
    for records in ("visits", "activities", "followups"):
        ids = [item["id"] for item in getattr(one, records)]
        assert ids == [item["id"] for item in getattr(kota, records)], records
        assert ids and len(getattr(whole, records)) > len(ids), records
