-- 450 submissions come back in three pages of 200, 200 and 50.
select count(*) as submissions, count(distinct id) as distinct_ids,
  count(*) filter (where status = 'AWAITING REVIEW') as awaiting_review
from prolific_submission
where study_id = '6601a9e2f1c3b5d7e9a0b1c5';

-- LIMIT returns exactly that many rows.
select count(*) as rows_returned
from (select id from prolific_submission where study_id = '6601a9e2f1c3b5d7e9a0b1c5' limit 7) s;

-- Lists whose paging loops end in an error, not an endless query.
select count(*) from prolific_submission where study_id = '6601a9e2f1c3b5d7e9a0bf01';

select count(*) from prolific_submission where study_id = '6601a9e2f1c3b5d7e9a0bf02';

-- Pages without _links end when meta.count is reached.
select count(*) as no_links from prolific_submission where study_id = '6601a9e2f1c3b5d7e9a0bf04';

-- A stale next link on the last page ends the list once meta.count rows are read (docs/api-evidence.md (A1)): the
-- large study's third page links to a fourth that does not exist, and this study's last page links to itself.
select count(*) as submissions, count(distinct id) as distinct_ids
from prolific_submission where study_id = '6601a9e2f1c3b5d7e9a0bf05';

-- A next link on another host is followed: only its query string is used (A1c).
select count(*) as foreign_next, count(distinct id) as distinct_ids
from prolific_submission where study_id = '6601a9e2f1c3b5d7e9a0bf03';
