-- workspace_id and project_id narrow the listing; IN lists fan out.
select workspace_id, project_id, id from prolific_study where workspace_id = '65f0c2a1b4e8d9a7c3f10a33' order by id;

select workspace_id, project_id, id from prolific_study where project_id = '66a0b1c2d3e4f5a6b7c8d901' order by id;

select project_id, count(*) as studies from prolific_study
where project_id in ('66a0b1c2d3e4f5a6b7c8d902', '66a0b1c2d3e4f5a6b7c8d903', '66a0b1c2d3e4f5a6b7c8ffff')
group by project_id order by project_id;

-- A project outside the workspace asked for gives no rows.
select count(*) as mismatched from prolific_study
where project_id = '66a0b1c2d3e4f5a6b7c8d902' and workspace_id = '65f0c2a1b4e8d9a7c3f10a33';

-- One study by id, with its workspace read from its project.
select workspace_id, project_id, id, name, data_collection_id from prolific_study where id = '6601a9e2f1c3b5d7e9a0b1c3';

-- Status is filtered by PostgreSQL.
select id, status from prolific_study where status = 'ACTIVE' order by id;

-- Unknown ids: no rows.
select count(*) as unknown_study from prolific_study where id = '6601a9e2f1c3b5d7e9a0ffff';

select count(*) as unknown_project from prolific_study where project_id = '66a0b1c2d3e4f5a6b7c8ffff';

-- LIMIT.
select count(*) as rows_returned from (select id from prolific_study limit 2) s;
