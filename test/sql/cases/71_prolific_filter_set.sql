-- prolific_filter_set across every workspace (three NLP sets on two pages, one Vision set), list columns only.
select workspace_id, id, name, title, version, is_locked, is_deleted, organisation_id, filters
from prolific_filter_set
order by workspace_id, id;

-- eligible_participant_count from the get endpoint; 0 means fewer than 25; a count sent as 52011.0 is an integer.
select id, eligible_participant_count, pg_typeof(eligible_participant_count) as count_type
from prolific_filter_set
where workspace_id in ('65f0c2a1b4e8d9a7c3f10a22', '65f0c2a1b4e8d9a7c3f10a33')
order by id;

-- Get by id, and an id that does not exist: no row, no error.
select id, name, workspace_id, eligible_participant_count
from prolific_filter_set
where id = '6650a1b2c3d4e5f6a7b8c904';

select id from prolific_filter_set where id = '6650a1b2c3d4e5f6a7b8c9ff';

-- The filters of each set, with each filter's title from prolific_filter (both read into materialized CTEs).
with sets as materialized (
  select name, filters from prolific_filter_set where workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
), filters as materialized (
  select filter_id, title from prolific_filter where workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
)
select s.name, sf ->> 'filter_id' as filter_id, f.title
from sets s, jsonb_array_elements(s.filters) as sf
  left join filters f on f.filter_id = sf ->> 'filter_id'
order by s.name, filter_id;
