-- NUL characters, which PostgreSQL cannot store in text or jsonb, arrive as U+FFFD; a literal "\u0000" text stays.
select correlation_id, answer_values, answer_values ->> 0 as value_text, metadata,
  position(U&'\FFFD' in correlation_id) > 0 as replaced_in_text
from prolific_batch_response
where batch_id = '0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60' and id = '3f1c9a52-8e4b-4d7a-9b21-6c0e5f7a1d08';
