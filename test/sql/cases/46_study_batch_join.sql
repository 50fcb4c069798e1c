-- The study behind each demo batch, through data_collection_id (one equality join).
select s.id, s.name, r.batch_id, count(*) as responses
from prolific_study s
join prolific_batch_response r on r.batch_id = s.data_collection_id
where s.data_collection_method = 'AI_TASK_BUILDER_BATCH'
group by s.id, s.name, r.batch_id
order by s.id;

-- The same with both sides fenced, driving the batch ids from a values list.
with batches(batch_id) as (values ('7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13'), ('8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24')),
studies as materialized (select id, data_collection_id, total_cost from prolific_study)
select b.batch_id, s.id as study_id, s.total_cost
from batches b left join studies s on s.data_collection_id = b.batch_id
order by b.batch_id;
