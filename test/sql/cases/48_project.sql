-- Every column of every project.
select workspace_id, id, description, is_longitudinal, longitudinal, naivety_distribution_rate, owner,
  public_details, title, type, users
from prolific_project
order by id;

-- workspace_id narrows the listing; IN lists fan out; unknown ids give no rows.
select workspace_id, id from prolific_project where workspace_id = '65f0c2a1b4e8d9a7c3f10a33' order by id;

select workspace_id, count(*) as projects from prolific_project
where workspace_id in ('65f0c2a1b4e8d9a7c3f10a22', '65f0c2a1b4e8d9a7c3f10a33', '65f0c2a1b4e8d9a7c3f1ffff')
group by workspace_id order by workspace_id;

select workspace_id, id, title, is_longitudinal from prolific_project where id = '66a0b1c2d3e4f5a6b7c8d902';

select count(*) as unknown_project from prolific_project where id = '66a0b1c2d3e4f5a6b7c8ffff';

-- jsonb operators.
select id, public_details ->> 'title' as public_title, longitudinal -> 'config' ->> 'target_completions' as target
from prolific_project order by id;

-- LIMIT.
select count(*) as rows_returned from (select id from prolific_project limit 1) s;
