-- A local table drives the lookup, with a second condition on created_at.
select w.label, count(*) as responses_since, min(r.created_at) as first_after
from batch_window w
  join prolific_batch_response r on r.batch_id = w.batch_id and r.created_at > w.since
group by w.label
order by w.label;
