-- Tasks where some annotator answered "negative" after another had answered "positive".
select distinct p.task_id
from prolific_batch_response p
where p.batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13' and p.answer_values = '["positive"]'
  and exists (
    select 1 from prolific_batch_response n
    where n.batch_id = p.batch_id and n.task_id = p.task_id and n.answer_values = '["negative"]'
      and n.created_at > p.created_at)
order by 1;
