-- JSON the way other encoders write it reaches jsonb intact: \u escapes of non-ASCII characters and of surrogate
-- pairs, a lone surrogate (replaced by U+FFFD), an escaped "\u0000" that is text, integers beyond float64's precision.
select id, answer_values, metadata
from prolific_batch_response
where batch_id = '6b1f2e3d-0000-4000-8000-00000000000f'
order by id;

select id, answer_values ->> 0 as value_text, metadata ->> 'META_note' as note, metadata ->> 'META_lone' as lone,
  metadata ->> 'META_literal' as literal, (metadata ->> 'META_big')::numeric + 1 as big_plus_one
from prolific_batch_response
where batch_id = '6b1f2e3d-0000-4000-8000-00000000000f'
order by id;
