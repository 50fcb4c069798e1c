-- prolific_message: the fake's message times count back from its start, so no statement prints them.

-- No user_id and no time bound: the last 30 days, 7 of the 10 messages; unread is read from the unread endpoint.
select id, sender_id, user_id, study_id, category, type, channel_id, unread, body
from prolific_message
order by datetime_created;

-- One conversation: every message between the researcher and the participant, however old.
select id, sender_id, user_id, study_id, body
from prolific_message
where user_id = '5f4dcc3b5aa765d61d8327de'
order by datetime_created;

-- The unread endpoint, whatever the messages' age.
select id, sender_id, unread, study_id, category
from prolific_message
where unread = true
order by datetime_created;

select id, unread
from prolific_message
where unread = false
order by datetime_created;

-- A lower bound on datetime_created within the last 30 days.
select id, datetime_created > now() - interval '3 days' as within_3_days
from prolific_message
where datetime_created > now() - interval '3 days 12 hours'
order by datetime_created;

-- A bound older than 30 days, without user_id: the API refuses it.
select id from prolific_message where datetime_created > now() - interval '45 days';

-- Column types, and jsonb operators on data.
select column_name, data_type
from information_schema.columns
where table_schema = 'prolific' and table_name = 'prolific_message'
order by column_name;

select id, data ->> 'study_id' = study_id as same_study, data ? 'category' as has_category,
  datetime_created > now() - interval '30 days' as in_window, pg_typeof(datetime_created) as time_type
from prolific_message
where user_id = '5f4dcc3b5aa765d61d8327de'
order by datetime_created;

-- An empty user_id is an error, not every conversation.
select id from prolific_message where user_id = '';

-- Join: the last 30 days' messages per study (the study's id supplied by each message).
select coalesce(s.title, '(no study)') as study, count(*) as messages, count(*) filter (where m.unread) as unread
from prolific_message m
  left join prolific_study s on s.id = m.study_id
group by s.title
order by s.title nulls last;
