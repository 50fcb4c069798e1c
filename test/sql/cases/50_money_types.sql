-- Study money and times are doubles, as the spec types them (docs/api-evidence.md (B12)): a fractional value
-- comes back exactly, from the list and from the get endpoint, never as NULL.
select id, reward, total_cost, estimated_completion_time, maximum_allowed_time
from prolific_study
where project_id = '66a0b1c2d3e4f5a6b7c8d901'
order by id;

select id, reward, total_cost, estimated_completion_time
from prolific_study
where id in ('6601a9e2f1c3b5d7e9a0b1c7', '6601a9e2f1c3b5d7e9a0b1c2', '6601a9e2f1c3b5d7e9a0b1c4')
order by id;

select pg_typeof(reward) as reward, pg_typeof(total_cost) as total_cost,
  pg_typeof(estimated_completion_time) as estimated_completion_time, pg_typeof(maximum_allowed_time) as maximum_allowed_time
from prolific_study
where id = '6601a9e2f1c3b5d7e9a0b1c7';

-- Sums keep the fractions.
select sum(total_cost) as total_cost, sum(reward * places_taken) as rewards
from prolific_study
where project_id = '66a0b1c2d3e4f5a6b7c8d901';
