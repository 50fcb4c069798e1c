-- Different annotators who labelled the same task (<>).
select a.task_id, a.participant_id as annotator, b.participant_id as other_annotator
from prolific_batch_response a
  join prolific_batch_response b on a.task_id = b.task_id and a.participant_id <> b.participant_id
where a.batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13' and b.batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13'
  and a.instruction_id = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a' and b.instruction_id = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a'
order by 1, 2, 3;
