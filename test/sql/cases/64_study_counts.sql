-- prolific_study: the submission counts by status and the Taskflow progress, each from an endpoint of its own.
select id, submission_count_active, submission_count_approved, submission_count_awaiting_review,
  submission_count_partially_approved, submission_count_rejected, submission_count_reserved, submission_count_returned,
  submission_count_screened_out, submission_count_timed_out, submission_count_total, submission_counts
from prolific_study
order by id;

-- The counts agree with the studies' submissions, listed for each study of the NLP workspace.
with subs as materialized (
  select study_id, count(*) filter (where status = 'APPROVED') as approved, count(*) as submissions
  from prolific_submission
  where study_id in ('6601a9e2f1c3b5d7e9a0b1c2', '6601a9e2f1c3b5d7e9a0b1c3', '6601a9e2f1c3b5d7e9a0b1c4',
    '6601a9e2f1c3b5d7e9a0b1c7', '6601a9e2f1c3b5d7e9a0b1c8')
  group by study_id
)
select s.id, s.submission_count_approved, coalesce(subs.approved, 0) as approved, s.submission_count_total,
  coalesce(subs.submissions, 0) as submissions
from prolific_study s left join subs on subs.study_id = s.id
where s.workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
order by s.id;

-- The Taskflow progress: the large study's, NULL for the others (their endpoint answers 404).
select id, access_details_collection_id, access_details_progress
from prolific_study
where workspace_id = '65f0c2a1b4e8d9a7c3f10a33'
order by id;

select id, p ->> 'external_url' as external_url, (p ->> 'allocated')::int as allocated,
  (p ->> 'total_allocation')::int as total_allocation, coalesce((p ->> 'capacity_increments')::int, 0) as capacity_increments
from prolific_study, jsonb_array_elements(access_details_progress) as p
where id = '6601a9e2f1c3b5d7e9a0b1c5'
order by external_url;
