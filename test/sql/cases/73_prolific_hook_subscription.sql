-- prolific_hook_subscription across every workspace, enabled and disabled alike (two requests per workspace).
select workspace_id, id, is_enabled, event_type, target_url
from prolific_hook_subscription
order by workspace_id, id;

-- is_enabled pushed down: only the enabled, or only the disabled, subscriptions of one workspace.
select id, is_enabled
from prolific_hook_subscription
where workspace_id = '65f0c2a1b4e8d9a7c3f10a22' and is_enabled
order by id;

select id, is_enabled
from prolific_hook_subscription
where workspace_id = '65f0c2a1b4e8d9a7c3f10a22' and not is_enabled
order by id;

-- Get by id (a disabled subscription), and an id that does not exist.
select id, workspace_id, is_enabled, event_type
from prolific_hook_subscription
where id = '68b0c1d2e3f4a5b6c7d8f103';

select id from prolific_hook_subscription where id = '68b0c1d2e3f4a5b6c7d8f1fe';

-- Join: subscriptions per event type, the event types nobody subscribes to included.
select t.event_type, count(s.id) as subscriptions
from prolific_hook_event_type t
  left join prolific_hook_subscription s on s.event_type = t.event_type
group by t.event_type
order by t.event_type;
