-- prolific_batch_instruction: every column, from a batch layout (sentiment), the deprecated endpoint with
-- Deprecation headers (summaries), and the deprecated endpoint as a bare array (all shapes).
select batch_id, position, id, type, source, page_index, row_index, column_index, item_index, description,
  helper_text, placeholder_text_input, answer_limit, disable_dropdown, options, unit_options, default_unit,
  unit_position, parent_id, parent_type, created_at, created_by
from prolific_batch_instruction
where batch_id in ('7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13', '8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24',
                   '0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60')
order by batch_id, position;

-- The whole instruction object keeps type-specific fields.
select id, instruction
from prolific_batch_instruction
where batch_id = '0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60'
order by position;

-- Column types.
select pg_typeof(position) as position, pg_typeof(options) as options, pg_typeof(answer_limit) as answer_limit,
  pg_typeof(disable_dropdown) as disable_dropdown, pg_typeof(created_at) as created_at, pg_typeof(instruction) as instruction
from prolific_batch_instruction
where batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13' and position = 1;

-- jsonb operators on options.
select i.id, o ->> 'label' as label, o -> 'value' as value, jsonb_typeof(o -> 'value') as value_type
from prolific_batch_instruction i, jsonb_array_elements(i.options) o
where i.batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13'
order by i.position, o ->> 'label';

-- Without batch_id the plugin says which qualifier is missing.
select id from prolific_batch_instruction;

-- An empty layout, a legacy batch whose deprecated endpoint is gone (410), and an unknown batch: no rows.
select id from prolific_batch_instruction
where batch_id in ('9e4abc63-5d7f-4a8a-8c3f-4fbd6d9a2035', 'a0b1c2d3-7777-4b1c-9d2e-3f4a5b6c7d8e',
                   '6a1b2c3d-0000-4000-8000-0000000000ff');

-- Join: batch_id supplied by a VALUES list (one equality).
select v.label, count(i.id) as instructions, min(i.source) as source
from (values ('7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13', 'sentiment'), ('8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24', 'summaries'),
             ('9e4abc63-5d7f-4a8a-8c3f-4fbd6d9a2035', 'vision pilot')) v(batch_id, label)
  left join prolific_batch_instruction i on i.batch_id = v.batch_id
group by v.label
order by v.label;

-- Join: the number of responses per instruction of the sentiment batch, both sides fenced.
with i as materialized (
  select id, position, description from prolific_batch_instruction where batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13'
), r as materialized (
  select instruction_id from prolific_batch_response where batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13'
)
select i.position, i.description, count(*) as responses
from r join i on i.id = r.instruction_id
group by i.position, i.description
order by i.position;

-- Join: every answer value of the summaries batch with its option label, both sides fenced.
with i as materialized (
  select id, options from prolific_batch_instruction where batch_id = '8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24'
), r as materialized (
  select instruction_id, answer_values from prolific_batch_response where batch_id = '8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24'
)
select r.instruction_id, r.answer_values ->> 0 as value, o ->> 'label' as label, count(*) as answers
from r
  join i on i.id = r.instruction_id
  left join jsonb_array_elements(i.options) o on o ->> 'value' = r.answer_values ->> 0
group by 1, 2, 3
order by 1, 2;

-- helper_text, as every instruction schema of the API names it (docs/api-evidence.md (B5)), from batch_items and
-- from the deprecated endpoint.
select batch_id, source, description, helper_text
from prolific_batch_instruction
where batch_id in ('7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13', '8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24')
  and helper_text is not null
order by batch_id, position;
