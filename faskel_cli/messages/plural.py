"""English texts for a count of one ("1 record", not "1 records"). Indonesian needs none: its
nouns do not change with the number. Each entry: key -> (the count's name, the text)."""

ONE = {
    "err.area_in_use": (
        "n",
        "this database already holds 1 record of area {area}; use a new database (--db) for another area",
    ),
    "warn.followups_moved": ("n", "1 follow-up of this visit moved to {kelurahan} with it"),
    "warn.followups_kept": (
        "n",
        "1 follow-up of this visit stays open ({ids}); close it with `faskel followup done` or delete it with `faskel followup delete`",
    ),
    "msg.followups_restored_with_visit": ("n", "1 follow-up restored with it"),
    "title.activities_stalled": (
        "days",
        "Stalled activities ({n}): more than 1 day in one stage, as of {as_of}",
    ),
    "trend.scale": ("top", "Scale: █ = 1 visit a week, · = no visits."),
    "rep.kecamatan_line": ("visits", "{name}: {visited}/{total} kel., 1 visit"),
    "rep.overdue_line": ("days", "due {due}, 1 day overdue"),
    "rep.chart.trend": ("n", "Visits over the last week"),
    "msg.bundle_written": ("n", "Bundle written: {file} — 1 record: {scope} ({kinds})"),
    "msg.bundle_restamped": ("n", "Stamped anew: 1 record ({kinds})."),
    "warn.bundle_ahead": (
        "n",
        "1 record here is stamped ahead of this computer's clock ({kinds}); other laptops will refuse it. If this clock is right now, run `faskel bundle restamp` and export again",
    ),
    "err.bundle_refused": (
        "n",
        "bundle {file} refused, nothing written (1 error): {details}{more}",
    ),
    "err.bundle_many_refused": ("total", "{n} of 1 bundle refused; the first: {first}"),
    "err.sheet_refused": (
        "n",
        "1 row refused; nothing written. Correct the row above and import again",
    ),
}
