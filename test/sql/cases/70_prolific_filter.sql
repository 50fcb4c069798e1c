-- prolific_filter for one workspace: every column; the study and participant group filters list its studies and groups.
select filter_id, title, type, data_type, question, choices, min, max, min_max, max_min, category, subcategory,
  display_order, tags, researcher_help_text, participant_help_text, workspace_id
from prolific_filter
where workspace_id = '65f0c2a1b4e8d9a7c3f10a22'
order by filter_id;

-- An empty workspace_id is an error, not every workspace.
select filter_id from prolific_filter where workspace_id = '';

-- Column types, and jsonb on the range bounds (numbers as sent; 0.5 keeps its fraction).
select filter_id, pg_typeof(min) as min_type, (min)::numeric as min_value, (max)::numeric as max_value,
  pg_typeof(display_order) as display_order_type
from prolific_filter
where workspace_id = '65f0c2a1b4e8d9a7c3f10a33' and type = 'range'
order by filter_id;

-- Without workspace_id, the filters of every workspace, each with its own choices.
select workspace_id, count(*) as filters, count(*) filter (where choices <> '{}'::jsonb) as with_choices
from prolific_filter
group by workspace_id
order by workspace_id;

-- The same workspace again, after the listing of every workspace (Steampipe's cache is on in its stage).
select filter_id, workspace_id, choices
from prolific_filter
where workspace_id = '65f0c2a1b4e8d9a7c3f10a33'
  and data_type in ('StudyID', 'ParticipantGroupID')
order by filter_id;

-- An IN list of workspaces lists the filters once per workspace.
select workspace_id, filter_id
from prolific_filter
where workspace_id in ('65f0c2a1b4e8d9a7c3f10a22', '65f0c2a1b4e8d9a7c3f10a33') and filter_id = 'previous_studies'
order by workspace_id;
