-- prolific_batch_export: every column of a {"results": [...]} list (sentiment) and a bare array (summaries).
select batch_id, export_id, status, created_at, filter, filter_study_id, filter_from, filter_to
from prolific_batch_export
where batch_id in ('7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13', '8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24')
order by batch_id, created_at desc;

-- Column types and jsonb operators on filter.
select export_id, pg_typeof(created_at) as created_at, pg_typeof(filter) as filter_type,
  filter ->> 'study_id' as study_id, filter ? 'from' as has_from
from prolific_batch_export
where batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13'
order by export_id;

-- Without batch_id the plugin says which qualifier is missing.
select export_id from prolific_batch_export;

-- A batch without exports, and one that does not exist: no rows, no error.
select export_id from prolific_batch_export
where batch_id in ('9e4abc63-5d7f-4a8a-8c3f-4fbd6d9a2035', '6a1b2c3d-0000-4000-8000-0000000000ff');

-- Join: export jobs per batch of a workspace (batch_id supplied by the join).
select b.name, count(e.export_id) as exports, count(*) filter (where e.status = 'complete') as complete
from prolific_batch b
  left join prolific_batch_export e on e.batch_id = b.id
where b.workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
group by b.name
order by b.name;
