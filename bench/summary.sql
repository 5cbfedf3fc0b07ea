-- The summary of a period as ONE hand-written SQL statement, for the sqlite3 shell (the Q of
-- bench/run.py). bench/run.py replaces :start and :end with quoted ISO dates. One row per
-- kelurahan, per kecamatan and for the area ('area', ''): the same numbers as
-- `faskel summary --format json` (bench/run.py checks that they agree).
-- Each kelurahan belongs to three groups (itself, its kecamatan, the area): joining the
-- period's rows to those groups gives every level, with distinct counts distinct per group.
-- INDEXED BY pins the covering indexes, as faskel does: without it SQLite's planner reads
-- the LKK links through visits_summary plus the table, and the baseline would be slower.
with
kel as (select kode, parent_kode as kec from regions where level = 'kelurahan'),
grp as (
  select 'kelurahan' as level, kode as grp, kode as kel from kel
  union all select 'kecamatan', kec, kode from kel
  union all select 'area', '', kode from kel
),
vp as (
  select kelurahan_kode as kel, facilitator_id as fac, count(*) as n, sum(male) as m,
         sum(female) as f
  from visits indexed by visits_summary
  where deleted_at is null and date between :start and :end
  group by kelurahan_kode, facilitator_id
),
vs as (
  select level, grp, sum(n) as visits, count(distinct fac) as facilitators, sum(m) as male,
         sum(f) as female, count(distinct vp.kel) as visited
  from vp join grp using (kel) group by level, grp
),
lp as (
  select p.kel, p.lkk_id as lkk from (
    select distinct v.kelurahan_kode as kel, vl.lkk_id
    from visits v indexed by visits_links join visit_lkk vl on vl.visit_id = v.id
    where v.deleted_at is null and v.date between :start and :end
  ) p join lkk l on l.id = p.lkk_id and l.deleted_at is null
),
ls as (select level, grp, count(distinct lkk) as lkk from lp join grp using (kel) group by 1, 2),
act as (
  -- As faskel reads them: the live activities per village and stage now (kept by
  -- triggers), then a correction for those whose stage changed after :end.
  select kelurahan_kode as kel, stage, n from activity_stage_counts
  union all
  select a.kelurahan_kode, a.stage, -1
  from activities a indexed by activities_stage_since
  where a.deleted_at is null and a.stage_since > :end
  union all
  select a.kelurahan_kode,
         (select s.stage from activity_stages s
          where s.activity_id = a.id and s.deleted_at is null
            and s.date <= :end order by s.seq desc limit 1), 1
  from activities a indexed by activities_stage_since
  where a.deleted_at is null and a.stage_since > :end
),
acts as (
  select level, grp, sum(n * (stage = 'perencanaan')) as p1,
         sum(n * (stage = 'pelaksanaan')) as p2, sum(n * (stage = 'pertanggungjawaban')) as p3,
         sum(n * (stage = 'evaluasi')) as p4
  from act join grp using (kel) group by 1, 2
),
moves as (
  select level, grp, count(*) as moves
  from activity_stages s indexed by activity_stages_date
  join activities a on a.id = s.activity_id
  join grp on grp.kel = a.kelurahan_kode
  where s.deleted_at is null and a.deleted_at is null and s.seq > 0
    and s.date between :start and :end
  group by 1, 2
),
fu as (
  select kelurahan_kode as kel, problem_date, 'open' as status, null as done_date, due
  from followups indexed by followups_open where deleted_at is null and status = 'open'
  union all
  select kelurahan_kode, problem_date, status, done_date, due
  from followups indexed by followups_done
  where deleted_at is null and status = 'done' and done_date >= :start
  union all
  select kelurahan_kode, problem_date, status, done_date, due
  from followups indexed by followups_problem
  where deleted_at is null and status = 'done'
    and problem_date between :start and :end and coalesce(done_date, '') < :start
),
fus as (
  select level, grp,
         sum(problem_date between :start and :end) as opened,
         sum(status = 'done' and done_date between :start and :end) as done,
         sum(problem_date <= :end and (status = 'open' or done_date > :end)) as still_open,
         sum(problem_date <= :end and (status = 'open' or done_date > :end)
             and due < :end) as overdue
  from fu join grp using (kel) group by 1, 2
),
lv as (
  select level, grp, max(last) as last_visit, count(*) as total
  from (select kode as kel, (select max(date) from visits
                             where kelurahan_kode = kel.kode and deleted_at is null
                               and date <= :end) as last
        from kel)
  join grp using (kel) group by 1, 2
)
select lv.level, lv.grp, coalesce(visits, 0), coalesce(facilitators, 0), coalesce(lkk, 0),
       coalesce(male, 0), coalesce(female, 0), coalesce(p1, 0), coalesce(p2, 0),
       coalesce(p3, 0), coalesce(p4, 0), coalesce(moves, 0), coalesce(opened, 0),
       coalesce(done, 0), coalesce(still_open, 0), coalesce(overdue, 0), last_visit,
       coalesce(visited, 0), total
from lv
left join vs using (level, grp) left join ls using (level, grp)
left join acts using (level, grp) left join moves using (level, grp)
left join fus using (level, grp)
order by lv.level, lv.grp;
