-- Without study_id (or id) the plugin cannot list submissions, and says which qualifier is missing.
select id from prolific_submission;

select id from prolific_submission where status = 'APPROVED';

-- An IN list of studies: one listing per study; an unknown study gives no rows.
select study_id, count(*) as submissions
from prolific_submission
where study_id in ('6601a9e2f1c3b5d7e9a0b1c2', '6601a9e2f1c3b5d7e9a0b1c3', '6601a9e2f1c3b5d7e9a0ffff')
group by study_id
order by study_id;

-- Status filters: pushed down in the API's spelling where it has one, filtered by PostgreSQL otherwise.
select id, status from prolific_submission
where study_id = '6601a9e2f1c3b5d7e9a0b1c2' and status = 'AWAITING REVIEW'
order by id;

select id, status from prolific_submission
where study_id = '6601a9e2f1c3b5d7e9a0b1c2' and status in ('REJECTED', 'RETURNED')
order by id;

select count(*) as reserved from prolific_submission
where study_id = '6601a9e2f1c3b5d7e9a0b1c2' and status = 'RESERVED';

-- A study or submission that does not exist is an empty result, not an error.
select count(*) as unknown_study from prolific_submission where study_id = '6601a9e2f1c3b5d7e9a0ffff';

select count(*) as unknown_submission from prolific_submission where id = '5e00000000000000000000ff';
