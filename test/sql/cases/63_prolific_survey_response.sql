-- prolific_survey_response: every column of a survey with sections.
select survey_id, id, participant_id, submission_id, date_created, date_modified, answers, sections, questions
from prolific_survey_response
where survey_id = '6710a3c5e2b4d6f8a0b2c4d6'
order by id;

-- One response by id.
select survey_id, id, participant_id
from prolific_survey_response
where survey_id = '6710a3c5e2b4d6f8a0b2c4d6' and id = '6710b0000000000000000002';

-- A survey without sections: answers have a null section_id.
select id, answers, sections
from prolific_survey_response
where survey_id = '6710a3c5e2b4d6f8a0b30000'
order by id
limit 2;

-- 230 responses in three pages of 100.
select count(*) as responses, count(distinct id) as distinct_ids
from prolific_survey_response
where survey_id = '6710a3c5e2b4d6f8a0b30000';

-- Without survey_id the plugin says which qualifier is missing.
select id from prolific_survey_response;

-- A survey that does not exist, a response that does not exist, a survey without responses.
select id from prolific_survey_response
where survey_id in ('6710a3c5e2b4d6f8a0b2ffff', '6710a3c5e2b4d6f8a0b2c4d7');

select id from prolific_survey_response
where survey_id = '6710a3c5e2b4d6f8a0b2c4d6' and id = '6710b00000000000000000ff';

-- Column types as PostgreSQL sees them.
select column_name, data_type
from information_schema.columns
where table_schema = 'prolific' and table_name = 'prolific_survey_response'
order by column_name;

-- Join: each response with its submission to the pilot study, both fenced and joined on one equality.
with responses as materialized (
  select participant_id, submission_id from prolific_survey_response where survey_id = '6710a3c5e2b4d6f8a0b2c4d6'
), subs as materialized (
  select id, status, completed_at from prolific_submission where study_id = '6601a9e2f1c3b5d7e9a0b1c4'
)
select r.participant_id, s.status, s.completed_at
from responses r left join subs s on s.id = r.submission_id
order by r.participant_id;

-- Join: the survey's summary agrees with a tally of its responses.
select a.value ->> 'question_id' as question_id, a.value ->> 'value' as answer, count(*) as chosen
from prolific_survey_response r, jsonb_array_elements(r.answers) a
where r.survey_id = '6710a3c5e2b4d6f8a0b2c4d6'
group by 1, 2
order by 1, 2;
