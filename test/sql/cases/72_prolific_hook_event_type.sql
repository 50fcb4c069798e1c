-- prolific_hook_event_type: one list, no key columns.
select event_type, description
from prolific_hook_event_type
order by event_type;

select event_type from prolific_hook_event_type where event_type like 'study.%' order by event_type;
