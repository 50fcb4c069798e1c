-- Every column of every participant group.
select workspace_id, project_id, id, description, feeder_studies, is_deleted, name, organisation_id, participant_count
from prolific_participant_group
order by id;

-- Scopes: a project (one request), a workspace, an IN list; unknown ids give no rows.
select id from prolific_participant_group where project_id = '66a0b1c2d3e4f5a6b7c8d902' order by id;

select id from prolific_participant_group where workspace_id = '65f0c2a1b4e8d9a7c3f10a33' order by id;

select workspace_id, count(*) as groups from prolific_participant_group
where workspace_id in ('65f0c2a1b4e8d9a7c3f10a22', '65f0c2a1b4e8d9a7c3f10a33')
group by workspace_id order by workspace_id;

select id, name from prolific_participant_group where id = '67b0c1d2e3f4a5b6c7d8e901';

select count(*) as unknown_group from prolific_participant_group where id = '67b0c1d2e3f4a5b6c7d8ffff';

-- jsonb operators.
select id, feeder_studies -> 0 ->> 'status' as feeder_status from prolific_participant_group order by id;

-- Members: participant_group_id is required.
select participant_id from prolific_participant_group_member;

select participant_group_id, participant_id, datetime_created
from prolific_participant_group_member
where participant_group_id in ('67b0c1d2e3f4a5b6c7d8e901', '67b0c1d2e3f4a5b6c7d8e902', '67b0c1d2e3f4a5b6c7d8ffff')
order by participant_group_id, participant_id;

-- Groups drive the member listing through a join on one equality.
select g.name, count(m.participant_id) as members
from prolific_participant_group g join prolific_participant_group_member m on m.participant_group_id = g.id
group by g.name order by g.name;

-- Project-level groups: the workspace's list may leave them out (docs/api-evidence.md (A15)), so each project's
-- groups are listed too, once each.
select workspace_id, project_id, id, name
from prolific_participant_group
where workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
order by id;

select count(*) as groups, count(distinct id) as distinct_ids from prolific_participant_group;
