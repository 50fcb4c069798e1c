-- prolific_hook_event: every column of one subscription's events.
select id, subscription_id, status, resource_id, datetime_created, datetime_updated, event_type, payload, target_url
from prolific_hook_event
where subscription_id = '68b0c1d2e3f4a5b6c7d8f102'
order by datetime_created, id;

-- Column types.
select pg_typeof(datetime_created) as created, pg_typeof(payload) as payload
from prolific_hook_event
where subscription_id = '68b0c1d2e3f4a5b6c7d8f101'
limit 1;

-- Without subscription_id: every subscription's events (the disabled one's too), by delivery status.
select subscription_id, status, count(*) as events
from prolific_hook_event
group by subscription_id, status
order by subscription_id, status;

-- status and resource_id pushed down to the API.
select id, subscription_id, resource_id
from prolific_hook_event
where status = 'FAILED'
order by id;

select id, status
from prolific_hook_event
where subscription_id = '68b0c1d2e3f4a5b6c7d8f102' and status in ('FAILED', 'PENDING')
order by id;

select id, subscription_id, payload ->> 'status' as study_status
from prolific_hook_event
where resource_id = '6601a9e2f1c3b5d7e9a0b1c2'
order by id;

-- A subscription that does not exist: no rows, no error.
select id from prolific_hook_event where subscription_id = '68b0c1d2e3f4a5b6c7d8f1fe';

-- Join: failed deliveries per subscription (one join equality; the status counted with filter).
select s.id, s.event_type, count(e.id) filter (where e.status = 'FAILED') as failed, count(e.id) as events
from prolific_hook_subscription s
  left join prolific_hook_event e on e.subscription_id = s.id
group by s.id, s.event_type
order by s.id;
