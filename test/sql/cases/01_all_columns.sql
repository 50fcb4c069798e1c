-- Every column of every row of the all-shapes fixture, in a stable order.
select batch_id, id, created_at, participant_id, submission_id, task_id, correlation_id, instruction_id,
  response_type, answer, answer_values, response, metadata, schema_version, no_submission
from prolific_batch_response
where batch_id = '0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60'
order by id;
