-- prolific_batch: every column of one workspace's batches, in a stable order.
select id, workspace_id, auto_sync_enabled, batch_items, created_at, created_by, datasets, name, schema_version,
  status, task_details, tasks_per_group, total_instruction_count, total_task_count, total_task_groups
from prolific_batch
where workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
order by id;

-- Column types as PostgreSQL sees them.
select pg_typeof(id) as id, pg_typeof(workspace_id) as workspace_id, pg_typeof(auto_sync_enabled) as auto_sync,
  pg_typeof(batch_items) as batch_items, pg_typeof(created_at) as created_at, pg_typeof(datasets) as datasets,
  pg_typeof(schema_version) as schema_version, pg_typeof(total_task_count) as total_task_count
from prolific_batch
where id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13';

-- Without workspace_id: every workspace the token can see.
select workspace_id, id, name, status from prolific_batch order by workspace_id, id;

-- An IN list of workspaces, and of ids.
select workspace_id, count(*) as batches
from prolific_batch
where workspace_id in ('65f0c2a1b4e8d9a7c3f10a22', '65f0c2a1b4e8d9a7c3f10a33')
group by workspace_id
order by workspace_id;

select id, status from prolific_batch
where id in ('9e4abc63-5d7f-4a8a-8c3f-4fbd6d9a2035', 'a0b1c2d3-7777-4b1c-9d2e-3f4a5b6c7d8e', '6a1b2c3d-0000-4000-8000-0000000000ff')
order by id;

-- jsonb operators on the JSON columns.
select id,
  datasets -> 0 ->> 'id' as first_dataset,
  jsonb_array_length(datasets) as datasets,
  task_details ->> 'task_name' as task_name,
  jsonb_typeof(batch_items) as layout,
  jsonb_array_length(batch_items) as pages,
  batch_items -> 0 -> 'rows' -> 0 -> 'columns' -> 1 -> 'items' -> 0 ->> 'description' as first_question
from prolific_batch
where workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
order by id;

-- A batch that does not exist, and a workspace that does not exist: no rows, no error.
select id from prolific_batch where id = '6a1b2c3d-0000-4000-8000-0000000000ff';
select id from prolific_batch where workspace_id = '000000000000000000000000';

-- Join: each batch with its number of responses (batch_id supplied by the join).
select b.name, b.status, count(r.id) as responses
from prolific_batch b
  join prolific_batch_response r on r.batch_id = b.id
group by b.name, b.status
order by b.name;

-- With a filter on the batches, fence them: otherwise PostgreSQL may scan the responses first, without a batch_id.
with b as materialized (
  select id, name from prolific_batch where workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
)
select b.name, count(r.id) as responses, count(distinct r.participant_id) as participants
from b
  join prolific_batch_response r on r.batch_id = b.id
group by b.name
order by b.name;
