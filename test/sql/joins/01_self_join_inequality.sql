-- Pairs of answers given in the same submission, each pair once (a.id < b.id).
select a.id as first_id, b.id as second_id
from prolific_batch_response a
  join prolific_batch_response b on a.submission_id = b.submission_id and a.id < b.id
where a.batch_id = '0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60' and b.batch_id = '0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60'
order by 1, 2;
