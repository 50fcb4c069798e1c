-- Pairwise annotator agreement per instruction by self-join: the shape that goes wrong on the stock FDW.
select a.instruction_id, count(*) as pairs, count(*) filter (where a.answer_values = b.answer_values) as agreeing_pairs
from prolific_batch_response a
  join prolific_batch_response b
    on a.task_id = b.task_id and a.instruction_id = b.instruction_id and a.participant_id < b.participant_id
where a.batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13' and b.batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13'
group by a.instruction_id
order by 1;
