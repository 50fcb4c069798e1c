-- prolific_survey: every column of the token user's surveys (researcher_id from /users/me/).
select researcher_id, id, title, date_created, date_modified, question_count, questions, sections, response_summary
from prolific_survey
order by id;

-- One survey by id.
select id, title, question_count, jsonb_array_length(sections) as sections
from prolific_survey
where id = '6710a3c5e2b4d6f8a0b2c4d7';

-- Another researcher's surveys: 230, three pages of 100.
select count(*) as surveys, count(distinct id) as distinct_ids, min(title) as first_title
from prolific_survey
where researcher_id = '65f0c2a1b4e8d9a7c3f10a55';

-- A survey that does not exist, and a researcher without surveys.
select id from prolific_survey where id = '6710a3c5e2b4d6f8a0b2ffff';

select id from prolific_survey where researcher_id = '65f0c2a1b4e8d9a7c3f1ffff';

-- Column types as PostgreSQL sees them.
select column_name, data_type
from information_schema.columns
where table_schema = 'prolific' and table_name = 'prolific_survey'
order by column_name;

-- The response summary, one row per answer.
select q.value ->> 'question' as question, a.value ->> 'answer' as answer, (a.value ->> 'count')::int as chosen
from prolific_survey s,
  jsonb_array_elements(s.response_summary) with ordinality as q(value, position),
  jsonb_array_elements(q.value -> 'answers') with ordinality as a(value, position)
where s.id = '6710a3c5e2b4d6f8a0b2c4d6'
order by q.position, a.position;
