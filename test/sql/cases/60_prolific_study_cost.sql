-- prolific_study_cost: every column of a study with bonuses (sentiment), one whose bonuses are zeros (pilot) and one
-- whose bonuses are null (draft). Fractional minor units come back exactly.
select study_id, is_projected, currency_code, rewards_amount, rewards_fees, rewards_tax, bonuses_amount, bonuses_fees,
  bonuses_tax, rewards, bonuses
from prolific_study_cost
where study_id in ('6601a9e2f1c3b5d7e9a0b1c2', '6601a9e2f1c3b5d7e9a0b1c4', '6601a9e2f1c3b5d7e9a0b1c6')
order by study_id;

-- Without study_id: every study the token can see, workspace by workspace and project by project.
select study_id, is_projected, rewards_amount, rewards_fees, rewards_tax, bonuses_amount
from prolific_study_cost
order by study_id;

-- The pilot's projected cost, then its cost so far.
select study_id, is_projected, rewards_amount, rewards_fees, rewards_tax
from prolific_study_cost
where study_id = '6601a9e2f1c3b5d7e9a0b1c4' and is_projected = true;

select study_id, is_projected, rewards_amount, rewards_fees, rewards_tax
from prolific_study_cost
where study_id = '6601a9e2f1c3b5d7e9a0b1c4' and is_projected = false;

-- Column types as PostgreSQL sees them, and jsonb operators on the breakdowns.
select column_name, data_type
from information_schema.columns
where table_schema = 'prolific' and table_name = 'prolific_study_cost'
order by column_name;

select study_id, rewards -> 'fees' ->> 'amount' as fees, jsonb_typeof(bonuses) as bonuses_type, pg_typeof(rewards_fees) as fees_type
from prolific_study_cost
where study_id in ('6601a9e2f1c3b5d7e9a0b1c2', '6601a9e2f1c3b5d7e9a0b1c6')
order by study_id;

-- A study that does not exist, and an empty id.
select study_id from prolific_study_cost where study_id = '6601a9e2f1c3b5d7e9a0ffff';

select study_id from prolific_study_cost where study_id = '';

-- Join: each study of the NLP workspace with its spend (study_id supplied by the join); the rewards with their fees
-- and tax add up to the study's total_cost.
select s.title, round((c.rewards_amount + c.rewards_fees + c.rewards_tax)::numeric, 2) as rewards_total,
  round(s.total_cost::numeric, 2) as total_cost, round(coalesce(c.bonuses_amount, 0)::numeric, 2) as bonuses
from prolific_study s
  join prolific_study_cost c on c.study_id = s.id
where s.workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
order by s.id;
