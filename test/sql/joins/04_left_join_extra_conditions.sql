-- Each sentiment answer with the confidence the same annotator gave on the same task, if it was 5.
select s.task_id, s.participant_id, s.answer_values ->> 0 as sentiment, c.answer_values ->> 0 as confident
from prolific_batch_response s
  left join prolific_batch_response c
    on c.batch_id = s.batch_id and c.task_id = s.task_id and c.participant_id = s.participant_id
   and c.instruction_id = '1a2b3c4d-0000-4e5f-8a9b-abcdefabcdef' and (c.answer_values ->> 0)::int = 5
where s.batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13' and s.instruction_id = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a'
order by 1, 2;
