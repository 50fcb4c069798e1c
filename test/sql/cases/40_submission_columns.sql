-- Every column of every submission of the sentiment study, in a stable order.
select study_id, id, status, bonus_payments, completed_at, entered_code, has_siblings, ip, is_complete,
  parent_study_id, participant_id, return_requested, reward, star_awarded, started_at, strata, study_code, time_taken
from prolific_submission
where study_id = '6601a9e2f1c3b5d7e9a0b1c2'
order by id;

-- Column types as PostgreSQL sees them.
select column_name, data_type
from information_schema.columns
where table_schema = 'prolific' and table_name = 'prolific_submission'
order by column_name;

-- One submission by id: the get endpoint's fields.
select study_id, id, status, participant_id, entered_code, parent_study_id, bonus_payments, study_code, reward
from prolific_submission
where id = '5e0000000000000000000001';

-- jsonb operators on the JSON columns.
select id, strata ->> 'Sex' as sex, jsonb_array_length(bonus_payments) as bonuses,
  bonus_payments -> 0 ->> 'amount' as first_bonus
from prolific_submission
where study_id = '6601a9e2f1c3b5d7e9a0b1c2'
order by id;
