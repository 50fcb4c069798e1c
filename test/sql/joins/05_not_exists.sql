-- Sentiment answers whose annotator left no comment on that task.
select s.task_id, s.participant_id
from prolific_batch_response s
where s.batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13' and s.instruction_id = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a'
  and not exists (
    select 1 from prolific_batch_response c
    where c.batch_id = s.batch_id and c.task_id = s.task_id and c.participant_id = s.participant_id
      and c.instruction_id = '2b3c4d5e-1111-4f60-9bac-bcdefabcdef0')
order by 1, 2;
