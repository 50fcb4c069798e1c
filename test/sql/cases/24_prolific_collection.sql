-- prolific_collection: every column of every collection, across both workspaces.
select id, workspace_id, name, item_count, schema_version, created_at, created_by, last_modified_at, last_modified_by,
  task_details, collection_items
from prolific_collection
order by id;

-- Column types.
select pg_typeof(created_at) as created_at, pg_typeof(collection_items) as items, pg_typeof(task_details) as details
from prolific_collection
where id = '0c1d2e3f-5555-4e9f-a0b1-c2d3e4f5a6b7';

-- One workspace; an IN list of workspaces.
select id, name from prolific_collection where workspace_id = '65f0c2a1b4e8d9a7c3f10a33';
select workspace_id, count(*) from prolific_collection
where workspace_id in ('65f0c2a1b4e8d9a7c3f10a22', '65f0c2a1b4e8d9a7c3f10a33')
group by workspace_id
order by workspace_id;

-- jsonb operators.
select id, task_details ->> 'task_name' as task_name, jsonb_array_length(collection_items) as pages,
  collection_items -> 0 -> 'page_items' -> 0 ->> 'description' as first_item
from prolific_collection
where id = '0c1d2e3f-5555-4e9f-a0b1-c2d3e4f5a6b7';

-- A collection that does not exist: no rows, no error.
select id from prolific_collection where id = '6a1b2c3d-0000-4000-8000-0000000000ff';

-- Join: collections and batches of the same workspace (workspace_id supplied by the join).
select c.name as collection, count(b.id) as batches_in_workspace
from prolific_collection c
  join prolific_batch b on b.workspace_id = c.workspace_id
group by c.name
order by c.name;
