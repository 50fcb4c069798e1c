-- created_at is a timestamptz: arithmetic and time zones work.
select id, created_at, created_at at time zone 'Europe/London' as london,
  date_trunc('minute', created_at) as minute
from prolific_batch_response
where batch_id = '0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60' and created_at >= '2026-09-14 10:30:00+00'
order by created_at, id;
