-- batch_id supplied by a join to a VALUES list.
select v.label, count(r.id) as responses, count(distinct r.participant_id) as participants
from (values ('7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13', 'sentiment'),
             ('8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24', 'summaries')) as v(batch_id, label)
  join prolific_batch_response r on r.batch_id = v.batch_id
group by v.label
order by v.label;
