-- The download URL and its expiry on both export tables: set for complete exports only, from the status endpoint.
select batch_id, export_id, status, url, expires_at, pg_typeof(expires_at) as expires_type
from prolific_batch_export
where batch_id in ('7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13', '8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24')
order by batch_id, export_id;

select collection_id, export_id, status, url is not null as has_url, expires_at
from prolific_collection_export
where collection_id = '0c1d2e3f-5555-4e9f-a0b1-c2d3e4f5a6b7'
order by export_id;

-- The exports of each batch of a workspace with their URLs (batch_id supplied by the join): NULL unless complete.
select b.name, e.export_id, e.status, e.expires_at, e.url
from prolific_batch b
  join prolific_batch_export e on e.batch_id = b.id
where b.workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
order by b.name, e.export_id;
