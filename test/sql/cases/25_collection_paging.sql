-- prolific_collection reads every page of a workspace's collections (limit/offset, docs/api-evidence.md (B9)):
-- the fake answers at most two collections a page, and the NLP workspace has three.
select workspace_id, count(*) as collections, count(distinct id) as distinct_ids, sum(item_count) as pages
from prolific_collection
group by workspace_id
order by workspace_id;

-- The list's items are summaries (B10): item_count comes from the list, the detail-only columns from the get endpoint.
select id, name, item_count, schema_version, jsonb_array_length(collection_items) as items_pages,
  task_details ->> 'task_name' as task_name, last_modified_at, last_modified_by
from prolific_collection
where workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
order by created_at;

-- A collection read by id: the get endpoint has no item_count, so it is the number of pages.
select id, item_count, jsonb_array_length(collection_items) as items_pages, pg_typeof(item_count) as item_count_type
from prolific_collection
where id = '2e3f4051-7777-4fb1-82d3-e4f5a6b7c8d9';

-- LIMIT.
select count(*) as rows_returned from (select id from prolific_collection limit 3) s;
