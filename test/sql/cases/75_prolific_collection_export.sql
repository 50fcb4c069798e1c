-- prolific_collection_export: every column of a bare-array list (feedback: complete and generating; voice: failed).
select collection_id, export_id, status, created_at, filter, filter_study_id, filter_from, filter_to, url, expires_at
from prolific_collection_export
where collection_id in ('0c1d2e3f-5555-4e9f-a0b1-c2d3e4f5a6b7', '2e3f4051-7777-4fb1-82d3-e4f5a6b7c8d9')
order by collection_id, created_at desc;

-- Without collection_id the plugin says which qualifier is missing.
select export_id from prolific_collection_export;

-- A collection without exports, and one that does not exist: no rows, no error.
select export_id from prolific_collection_export
where collection_id in ('1d2e3f40-6666-4fa0-b1c2-d3e4f5a6b7c8', '6a1b2c3d-0000-4000-8000-0000000000ff');

-- Join: export jobs per collection of a workspace (collection_id supplied by the join).
select c.name, count(e.export_id) as exports, count(*) filter (where e.status = 'complete') as complete
from prolific_collection c
  left join prolific_collection_export e on e.collection_id = c.id
where c.workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
group by c.name
order by c.name;
