"""`faskel visit import`: the rows of a visits spreadsheet (the template, a CSV, a
KoboToolbox/ODK export) become visits and follow-ups, with exactly the rules of `visit add`.

Every row is read, checked and written in one pass inside one transaction; a row that breaks
a rule is reported (sheet, row, column, the error) and the pass goes on, so every bad row is
listed. At the end the transaction is committed only when no row was refused and this is no
dry run; otherwise it is rolled back and nothing at all is written.

Identity. Each row has one: its `ref` (prefilled by the template, one client-made UUID a
row) or the submission's `_uuid` / `meta/instanceID` / `KEY` of an export; a row without
either is known by its content key (date, kelurahan, facilitator, kind and strand as typed,
normalised, plus its occurrence number among the rows of the file with the same key).
`sheet_rows` maps identity -> the visit made from it and a digest of the cells: the same
digest again is unchanged (not even checked again), another digest updates the visit through
`visits.edit` (audited, so `faskel history` shows it). A problem row is the n-th problem of
its visit row. Nothing is ever deleted by an import: a row removed from the sheet leaves its
visit alone, and edits made in faskel stay until the row itself is edited in the sheet.

Memory stays bounded: rows are streamed, and what the pass must remember per row (the
identities seen, the visit numbers problems link to) lives in TEMP tables, not in Python."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from faskel_cli.core import clock, followups, regions, visits
from faskel_cli.core import sheet_format as fmt
from faskel_cli.core.errors import ConflictError, FaskelError, InputError, NotFoundError
from faskel_cli.core.followups import ProblemInput
from faskel_cli.core.regions import normalise as normalise_region
from faskel_cli.core.sheet_read import Row, Source, Table, problems_file
from faskel_cli.core.store import get_setting, transaction

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

from faskel_cli.core.sheet_rows import (
    CHUNK,
    KEY_FIELDS,
    ImportResult,
    Prepared,
    Rollback,
    RowProblem,
    Warned,
    cell_errors,
    date_key,
    date_text,
    duration_text,
    file_fingerprint,
    identity_text,
    lkk_names,
    option_of,
    plain,
    problem_cell_errors,
    row_digest,
    rows_state,
    seen_whole,
    sheet_rows,
)

# --- the import ------------------------------------------------------------------------------


class _Importer:
    def __init__(
        self,
        db: Db,
        result: ImportResult,
        *,
        facilitator: str | None,
        on_problem: Callable[[RowProblem], None],
        link_visits: bool,
    ) -> None:
        self.db = db
        self.conn = db.conn
        self.result = result
        self.facilitator = (facilitator or "").strip() or None
        self.me = get_setting(db, "me")
        self.on_problem = on_problem
        self.link_visits = link_visits
        self.now = clock.utc_stamp()
        self.warned: dict[tuple[str, str, str], Warned] = {}
        self.places: dict[str, str | FaskelError] = {}
        self.pending: list[tuple[Prepared, tuple[dict, list[str]]]] = []

    # -- bookkeeping in TEMP tables (outside the database file, no lock) --

    _TEMP = (
        "sheet_import_seen (identity text primary key, row integer) without rowid",
        "sheet_import_keys (key text primary key, n integer) without rowid",
        "sheet_import_visits (seq integer primary key, identity text, visit_id text, "
        "state text, problems integer not null default 0)",
        "sheet_import_links (link text primary key, seq integer) without rowid",
    )

    def start(self) -> None:
        """Made inside the import's transaction (never executescript: it would commit)."""
        for table in self._TEMP:
            self.conn.execute(f"drop table if exists temp.{table.split()[0]}")
            self.conn.execute(f"create temp table {table}")

    def finish(self) -> None:
        for table in self._TEMP:
            self.conn.execute(f"drop table if exists temp.{table.split()[0]}")

    def _mapping(self, identity: str) -> tuple[str, str] | None:
        found = self.conn.execute(
            "select record_id, digest from sheet_rows where identity = ?", [identity]
        ).fetchone()
        return (found[0], found[1]) if found else None

    def _remember(self, identity: str, kind: str, record_id: str, digest: str) -> None:
        self.conn.execute(
            "insert into sheet_rows (identity, kind, record_id, digest, imported_at) "
            "values (?, ?, ?, ?, ?) on conflict (identity) do update set "
            "record_id = excluded.record_id, digest = excluded.digest, "
            "imported_at = excluded.imported_at",
            [identity, kind, record_id, digest, self.now],
        )

    def _occurrence(self, key: str) -> int:
        return int(
            self.conn.execute(
                "insert into sheet_import_keys (key, n) values (?, 1) "
                "on conflict (key) do update set n = n + 1 returning n",
                [key],
            ).fetchone()[0]
        )

    # -- problems and warnings --

    def problem(self, table: Table, row: int, error: FaskelError, name: str | None = None) -> None:
        name = name or self._field_of(table.kind, error)
        option = fmt.field(table.kind, name).option if name else None
        if option is None and name is None:
            option = option_of(error)
        column = table.headings.get(name or "") or (
            fmt.field(table.kind, name).heading if name else None
        )
        self.on_problem(RowProblem(table.name, row, column, option, error))

    @staticmethod
    def _field_of(kind: str, error: FaskelError) -> str | None:
        option = option_of(error)
        if option:
            for item in fmt.fields(kind):
                if item.option == option:
                    return item.name
            if kind == "problems" and option == "--action":
                return "tindak_lanjut"
        for prefix, name in KEY_FIELDS[kind]:
            if error.key.startswith(prefix):
                return name
        return None

    def warn(self, sheet: str, row: int, items: list[tuple[str, dict]]) -> None:
        for key, params in items:
            slot = (sheet, key, repr(sorted(params.items())))
            if slot not in self.warned:
                self.warned[slot] = Warned(key, dict(params), sheet)
                self.result.warnings.append(self.warned[slot])
            warned = self.warned[slot]
            warned.count += 1
            if len(warned.rows) < 5:
                warned.rows.append(row)

    # -- visits --

    def visits(self, table: Table) -> None:
        """Row after row, a chunk at a time: one query finds what the chunk's identities
        became before, one finds those seen earlier in the file."""
        columns = table.columns
        data_columns = [columns[name] for name in fmt.VISIT_DATA if name in columns]
        seq = 0
        chunk: list[Prepared] = []
        for row, cells in table.rows():
            if not any(plain(cells[i]) for i in data_columns if i < len(cells)):
                continue
            seq += 1
            values = {
                name: cells[index] if index < len(cells) else None
                for name, index in columns.items()
            }
            chunk.append(self._prepare(table, seq, row, cells, values))
            if len(chunk) >= CHUNK:
                self._apply(table, chunk)
                chunk = []
        if chunk:
            self._apply(table, chunk)

    def _prepare(
        self, table: Table, seq: int, row: int, cells: Row, values: dict[str, Any]
    ) -> Prepared:
        """The row as `visit add` input, its identity and digest; or the required cells
        it leaves empty."""
        text = {name: plain(value) for name, value in values.items()}
        handle = text.get("fasilitator") or self.facilitator
        data = visits.VisitInput(
            date=date_text(values.get("tanggal")),
            kelurahan=text.get("kelurahan", ""),
            facilitator=handle,
            kind=text.get("jenis", ""),
            strand=text.get("bidang", ""),
            lkk=lkk_names(text.get("lkk", "")),
            male=text.get("laki_laki", ""),
            female=text.get("perempuan", ""),
            duration=duration_text(values.get("durasi")),
            notes=text.get("catatan", ""),
            activity=text.get("kegiatan", ""),
        )
        missing = [] if data.date else ["tanggal"]
        missing += [
            item.name
            for option in visits.missing_for_add(data, self.db)
            for item in fmt.VISIT_FIELDS
            if item.option == option
        ]
        if missing:
            return Prepared(seq, row, cells, values, data, "", "", "", "", missing)
        effective = handle or self.me or ""
        digest = row_digest(
            [data.date or "", data.kelurahan or "", effective, data.kind or "", data.strand or ""]
            + list(data.lkk or [])
            + [str(x) for x in (data.male, data.female, data.duration, data.notes, data.activity)]
        )
        ref = text.get("ref") or ""
        for special in fmt.IDENTITY_COLUMNS:
            if ref or special not in table.specials:
                continue
            index = table.specials[special]
            ref = identity_text(cells[index]) if index < len(cells) else ""
        if ref:
            identity = "ref:" + identity_text(ref)
        else:
            key = "|".join(
                [
                    date_key(data.date or ""),
                    normalise_region(data.kelurahan or ""),
                    effective.lower().lstrip("@"),
                    (data.kind or "").lower(),
                    (data.strand or "").lower(),
                ]
            )
            identity = f"key:{key}#{self._occurrence(key)}"
        return Prepared(seq, row, cells, values, data, identity, ref, effective, digest)

    def _apply(self, table: Table, chunk: list[Prepared]) -> None:
        counts = self.result.visits
        identities = [p.identity for p in chunk if not p.missing]
        marks = ", ".join("?" for _ in identities)
        known = {
            r[0]: (r[1], r[2])
            for r in self.conn.execute(
                f"select identity, record_id, digest from sheet_rows where identity in ({marks})",
                identities,
            )
        }
        seen = dict(
            self.conn.execute(
                f"select identity, row from sheet_import_seen where identity in ({marks})",
                identities,
            ).fetchall()
        )
        fresh = []
        outcomes: list[tuple[Prepared, str, str | None]] = []
        self.pending = []
        for prepared in chunk:
            state: str
            visit_id: str | None = None
            if prepared.missing:
                for name in prepared.missing:
                    self.problem(table, prepared.row, InputError("err.sheet_required"), name)
                outcomes.append((prepared, "refused", None))
                continue
            try:
                first = seen.get(prepared.identity)
                if first is not None:
                    raise InputError("err.sheet_ref_twice", ref=prepared.ref, row=first)
                seen[prepared.identity] = prepared.row
                fresh.append((prepared.identity, prepared.row))
                state, visit_id = self._visit(table, prepared, known.get(prepared.identity))
            except (InputError, NotFoundError, ConflictError) as exc:
                self._refused(table, prepared.row, exc, prepared.values)
                state = "refused"
            outcomes.append((prepared, state, visit_id))
        self.conn.executemany(
            "insert or ignore into sheet_import_seen (identity, row) values (?, ?)", fresh
        )
        # The chunk's new visits, written together (validated one by one above).
        added = dict(
            zip(
                [p.identity for p, _ in self.pending],
                visits.insert_many(self.db, [checked for _, checked in self.pending]),
                strict=True,
            )
        )
        self.conn.executemany(
            "insert into sheet_rows (identity, kind, record_id, digest, imported_at) "
            "values (?, 'visit', ?, ?, ?)",
            [(p.identity, added[p.identity], p.digest, self.now) for p, _ in self.pending],
        )
        for prepared, state, visit_id in outcomes:
            if state == "added":
                visit_id = added[prepared.identity]
            setattr(counts, state, getattr(counts, state) + 1)
            if self.link_visits:
                identity = prepared.identity if state != "refused" else None
                self._link(table, prepared.seq, prepared.cells, prepared.values, identity,
                           visit_id, state)  # fmt: skip

    def _kelurahan(self, text: str) -> str:
        """The kode of a kelurahan cell, resolved once per spelling by `regions.kelurahan`
        (the function `visit add` resolves it with; given the kode it finds it at once)."""
        found = self.places.get(text)
        if found is None:
            try:
                found = regions.kelurahan(self.db, text).kode
            except (InputError, NotFoundError) as exc:
                found = exc
            self.places[text] = found
        if isinstance(found, FaskelError):
            raise found
        return found

    def _visit(
        self, table: Table, prepared: Prepared, known: tuple[str, str] | None
    ) -> tuple[str, str | None]:
        if known is not None and known[1] == prepared.digest:
            return "unchanged", known[0]
        data = prepared.data
        data.kelurahan = self._kelurahan(data.kelurahan or "")
        if known is None:
            row, lkk_ids, warnings = visits.validate(self.db, data)
            self.pending.append((prepared, (row, lkk_ids)))  # written with its chunk
            self.warn(table.name, prepared.row, warnings)
            return "added", None
        visit_id = known[0]
        if prepared.ref and prepared.effective:
            current = visits.get(self.db, visit_id)["facilitator"]
            if prepared.effective.lower().lstrip("@") != current:
                raise ConflictError(
                    "err.sheet_ref_other_facilitator", ref=prepared.ref, handle=current
                )
        item, warnings = visits.edit(self.db, visit_id, data)
        self._remember(prepared.identity, "visit", visit_id, prepared.digest)
        self.warn(table.name, prepared.row, warnings)
        return "updated", visit_id

    def _refused(self, table: Table, row: int, error: FaskelError, values: dict[str, Any]) -> None:
        """Report the row's error and those of its other cells, each checked on its own by
        the same functions `visit add` checks them with, so one pass shows all of them."""
        first = self._field_of("visits", error)
        found: dict[str | None, FaskelError] = {first: error}
        for name, other in cell_errors(self.db, values):
            found.setdefault(name, other)
        order = [item.name for item in fmt.VISIT_FIELDS]
        for column in sorted(found, key=lambda n: order.index(n) if n in order else -1):
            self.problem(table, row, found[column], column)

    def _link(
        self,
        table: Table,
        seq: int,
        cells: Row,
        values: dict[str, Any],
        identity: str | None,
        visit_id: str | None,
        state: str,
    ) -> None:
        """Remember the ways a problem row may name this visit row."""
        self.conn.execute(
            "insert into sheet_import_visits (seq, identity, visit_id, state) values (?, ?, ?, ?)",
            [seq, identity, visit_id, state],
        )
        links = {"no:" + (plain(values.get("no")) or str(seq))}
        if plain(values.get("ref")):
            links.add("ref:" + identity_text(values["ref"]))
        for special, index in table.specials.items():
            if index < len(cells) and plain(cells[index]):
                target = "index" if special == "index" else "uuid"
                if special == "key":
                    target = "key"
                links.add(f"{target}:{identity_text(cells[index])}")
        self.conn.executemany(
            "insert or ignore into sheet_import_links (link, seq) values (?, ?)",
            [(link, seq) for link in links],
        )

    # -- problems --

    def problems(self, table: Table) -> None:
        counts = self.result.problems
        columns = table.columns
        for row, cells in table.rows():
            values = {
                name: cells[index] if index < len(cells) else None
                for name, index in columns.items()
            }
            if not any(plain(values.get(name)) for name in fmt.PROBLEM_DATA):
                continue
            try:
                state = self._problem(table, row, cells, values)
            except (InputError, NotFoundError, ConflictError) as exc:
                first = self._field_of("problems", exc)
                found: dict[str | None, FaskelError] = {first: exc}
                for name, other in problem_cell_errors(self.db, values):
                    found.setdefault(name, other)
                order = [item.name for item in fmt.PROBLEM_FIELDS]
                for column in sorted(found, key=lambda n: order.index(n) if n in order else -1):
                    self.problem(table, row, found[column], column)
                state = "refused"
            if state:
                setattr(counts, state, getattr(counts, state) + 1)

    def _visit_of(
        self, table: Table, cells: Row, values: dict[str, Any]
    ) -> tuple[str, str, str, int]:
        links = []
        raw = plain(values.get("ref_kunjungan"))
        if raw:
            links += ["no:" + raw, "ref:" + identity_text(raw)]
        for special, target in fmt.LINK_COLUMNS.items():
            index = table.specials.get(special)
            if index is not None and index < len(cells) and plain(cells[index]):
                links.append(f"{target}:{identity_text(cells[index])}")
        if not links:
            raise InputError("err.sheet_required_link")
        for link in links:
            found = self.conn.execute(
                "update sheet_import_visits set problems = problems + 1 where seq = "
                "(select seq from sheet_import_links where link = ?) "
                "returning identity, visit_id, state, problems",
                [link],
            ).fetchone()
            if found:
                return found[0], found[1], found[2], int(found[3])
        raise InputError("err.sheet_no_visit", ref=raw or links[0].split(":", 1)[1])

    def _problem(self, table: Table, row: int, cells: Row, values: dict[str, Any]) -> str | None:
        text = {name: plain(value) for name, value in values.items()}
        missing = [name for name in ("kendala", "tindak_lanjut") if not text.get(name)]
        if missing:
            for name in missing:
                self.problem(table, row, InputError("err.sheet_required"), name)
            return "refused"
        visit_identity, visit_id, state, number = self._visit_of(table, cells, values)
        if state == "refused":
            return None  # its visit row is refused (and listed): checked once that is right
        due = date_text(values.get("tenggat")) or None
        owner = text.get("penanggung_jawab") or None
        item = ProblemInput(text["kendala"], text["tindak_lanjut"], due, owner)
        digest = row_digest([item.problem, item.action, due or "", owner or ""])
        identity = f"{visit_identity}/kendala#{number}"
        known = self._mapping(identity)
        if known is None:
            [followup_id] = followups.add_for_visit(self.db, visit_id, [item])
            self._remember(identity, "followup", followup_id, digest)
            return "added"
        followup_id, old_digest = known
        if old_digest == digest:
            return "unchanged"
        followups.edit(
            self.db,
            followup_id,
            problem=item.problem,
            action=item.action,
            due=due or "",
            owner=owner or visits.get(self.db, visit_id)["facilitator"],
        )
        self._remember(identity, "followup", followup_id, digest)
        return "updated"


def run(
    db: Db,
    path: str | Path,
    *,
    problems_path: str | Path | None = None,
    facilitator: str | None = None,
    dry_run: bool = False,
    on_problem: Callable[[RowProblem], None] | None = None,
) -> ImportResult:
    """Import the visits (and problems) of a spreadsheet file; see the module's doc."""
    found: list[RowProblem] = []
    report = on_problem or found.append
    source_path = Path(path)
    result = ImportResult(file=str(source_path), dry_run=dry_run)
    with Source(source_path) as source:
        fingerprint = file_fingerprint(db, source_path, problems_path, facilitator)
        if seen_whole(db, fingerprint, result):
            return result
        visits_table, problems_table = source.tables()
        if problems_path is not None:
            problems_table = problems_file(Path(problems_path))
        result.sheets = [visits_table.name] + ([problems_table.name] if problems_table else [])
        importer = _Importer(
            db,
            result,
            facilitator=facilitator,
            on_problem=report,
            link_visits=problems_table is not None and problems_table.has_rows(fmt.PROBLEM_DATA),
        )
        try:
            with transaction(db):
                importer.start()
                importer.visits(visits_table)
                if problems_table is not None:
                    importer.problems(problems_table)
                counts = result.visits
                if not counts.added + counts.updated + counts.unchanged + counts.refused:
                    raise InputError("err.sheet_no_rows", sheet=visits_table.name)
                if dry_run or result.refused:
                    raise Rollback  # the temp tables go with everything else
                importer.finish()
                db.conn.execute(
                    "insert or replace into sheet_files (fingerprint, sheets, visits, "
                    "problems, rows_state, imported_at) values (?, ?, ?, ?, ?, ?)",
                    [fingerprint, "\t".join(result.sheets), sheet_rows(result.visits),
                     sheet_rows(result.problems), rows_state(db), importer.now],
                )  # fmt: skip
        except Rollback:
            pass
    return result
