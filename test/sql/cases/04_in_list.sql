-- An IN list: one API request per batch, unknown batches give no rows.
select batch_id, count(*) as responses
from prolific_batch_response
where batch_id in ('7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13', '8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24',
                   '6a1b2c3d-0000-4000-8000-0000000000ff')
group by batch_id
order by batch_id;

select count(*) as responses
from prolific_batch_response
where batch_id = any (array['7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13', '8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24']);
