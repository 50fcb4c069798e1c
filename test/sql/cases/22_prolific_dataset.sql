-- prolific_dataset: every column of a V3, a V4 and a loosely typed dataset.
select id, name, schema_version, status, filename, has_predetermined_grouping_id, total_datapoint_count,
  schema, imports, workspace_id, created_by, created_at
from prolific_dataset
where id in ('c1d2e3f4-1111-4a5b-8c6d-7e8f9a0b1c2d', 'd2e3f4a5-2222-4b6c-9d7e-8f9a0b1c2d3e',
             'e3f4a5b6-3333-4c7d-8e8f-9a0b1c2d3e4f')
order by id;

-- Column types.
select pg_typeof(total_datapoint_count) as total, pg_typeof(schema) as schema, pg_typeof(imports) as imports,
  pg_typeof(has_predetermined_grouping_id) as grouping, pg_typeof(created_at) as created_at
from prolific_dataset
where id = 'd2e3f4a5-2222-4b6c-9d7e-8f9a0b1c2d3e';

-- jsonb operators on schema and imports.
select id, schema -> 'strict' as strict, schema -> 'fields' -> 'article' ->> 'label' as article_label,
  imports -> 0 ->> 'status' as last_import, (imports -> 0 ->> 'accepted_count')::int as accepted
from prolific_dataset
where id = 'd2e3f4a5-2222-4b6c-9d7e-8f9a0b1c2d3e';

-- Without id the plugin says which qualifier is missing.
select id from prolific_dataset;

-- A dataset that does not exist (named by a batch, but deleted): no rows, no error.
select id from prolific_dataset where id = 'f4a5b6c7-4444-4d8e-9f90-a1b2c3d4e5f6';

-- Join from every batch's datasets array: one equality, the missing dataset drops out.
with d as materialized (
  select b.id as batch_id, x ->> 'id' as dataset_id from prolific_batch b, jsonb_array_elements(b.datasets) x
)
select d.batch_id, ds.id, ds.name, ds.status
from d join prolific_dataset ds on ds.id = d.dataset_id
order by d.batch_id, ds.id;
