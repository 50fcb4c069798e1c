-- jsonb operators on answer, answer_values and metadata.
select id,
  answer -> 0 ->> 'value' as first_value,
  jsonb_typeof(answer_values -> 0) as first_value_type,
  jsonb_array_length(answer_values) as n_values,
  answer_values @> '["spam"]' as says_spam,
  metadata ->> 'META_source' as source,
  (metadata ->> 'META_row')::int + 1 as next_row,
  metadata ? 'META_flag' as has_flag
from prolific_batch_response
where batch_id = '0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60'
order by id;

select count(*) as numeric_answers
from prolific_batch_response
where batch_id = '0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60'
  and jsonb_typeof(answer_values -> 0) = 'number';

select id, f ->> 'file_name' as file_name, (f ->> 'file_size_mb')::numeric as size_mb
from prolific_batch_response, jsonb_array_elements(answer) as f
where batch_id = '0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60' and response_type = 'file_upload'
order by id, file_name;
