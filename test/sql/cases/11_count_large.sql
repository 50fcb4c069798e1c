-- count(*) over a batch of 10,000 responses.
select count(*) as responses, count(distinct id) as distinct_ids, count(submission_id) as with_submission
from prolific_batch_response
where batch_id = '4fad6172-0000-4000-8000-000000010000';
