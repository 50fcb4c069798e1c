-- Responses of approved submissions only: both foreign tables fenced, joined on one equality.
with approved as materialized (
  select id from prolific_submission where study_id = '6601a9e2f1c3b5d7e9a0b1c2' and status = 'APPROVED'
), responses as materialized (
  select submission_id, participant_id from prolific_batch_response where batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13'
)
select r.participant_id, count(*) as responses
from responses r join approved a on a.id = r.submission_id
group by r.participant_id
order by r.participant_id;

-- Every demo response's submission is a submission of the study that collects its batch.
with subs as materialized (
  select id, status from prolific_submission
  where study_id in ('6601a9e2f1c3b5d7e9a0b1c2', '6601a9e2f1c3b5d7e9a0b1c3')
), responses as materialized (
  select batch_id, submission_id from prolific_batch_response
  where batch_id in ('7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13', '8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24')
)
select r.batch_id, s.status, count(*) as responses, count(distinct r.submission_id) as submissions
from responses r left join subs s on s.id = r.submission_id
group by r.batch_id, s.status
order by r.batch_id, s.status;

-- A study drives the submission listing through a join on one equality.
select st.id, count(s.id) as submissions
from prolific_study st join prolific_submission s on s.study_id = st.id
where st.project_id = '66a0b1c2d3e4f5a6b7c8d901'
group by st.id
order by st.id;
