dashboard "batch_overview" {
  title = "Prolific Batch Overview"
  tags = {
    service = "Prolific"
    type    = "Dashboard"
  }

  input "batch_id" {
    title = "Select a batch:"
    query = query.batch_input
    width = 6
  }

  container {
    card {
      query = query.batch_response_count
      width = 2
      args  = { batch_id = self.input.batch_id.value }
    }

    card {
      query = query.batch_participant_count
      width = 2
      args  = { batch_id = self.input.batch_id.value }
    }

    card {
      query = query.batch_tasks_answered
      width = 2
      args  = { batch_id = self.input.batch_id.value }
    }

    card {
      query = query.batch_instruction_count
      width = 2
      args  = { batch_id = self.input.batch_id.value }
    }

    card {
      query = query.batch_responses_without_submission
      width = 2
      args  = { batch_id = self.input.batch_id.value }
    }
  }

  container {
    chart {
      title = "Responses over time (cumulative)"
      type  = "line"
      query = query.batch_responses_over_time
      width = 6
      args  = { batch_id = self.input.batch_id.value }
    }

    chart {
      title = "Responses per instruction and type"
      type  = "bar"
      query = query.batch_responses_per_instruction
      width = 6
      args  = { batch_id = self.input.batch_id.value }
    }
  }

  container {
    table {
      title = "Batch"
      type  = "line"
      query = query.batch_status
      width = 6
      args  = { batch_id = self.input.batch_id.value }
    }

    table {
      title = "Datasets"
      query = query.batch_datasets
      width = 6
      args  = { batch_id = self.input.batch_id.value }
    }
  }
}

query "batch_response_count" {
  sql = <<-EOQ
    select
      'Responses' as label,
      count(*) as value
    from
      prolific_batch_response
    where
      batch_id = $1;
  EOQ

  param "batch_id" {}
}

query "batch_participant_count" {
  sql = <<-EOQ
    select
      'Participants' as label,
      count(distinct participant_id) as value
    from
      prolific_batch_response
    where
      batch_id = $1;
  EOQ

  param "batch_id" {}
}

query "batch_tasks_answered" {
  sql = <<-EOQ
    -- Tasks with at least one response, out of the batch's total_task_count.
    with answered as materialized (
      select count(distinct task_id) as tasks from prolific_batch_response where batch_id = $1
    ), batch as materialized (
      select total_task_count from prolific_batch where id = $1
    )
    select
      'Tasks answered' as label,
      a.tasks || coalesce(' / ' || b.total_task_count, '') as value,
      case when a.tasks < b.total_task_count then 'info' else 'ok' end as type
    from
      answered a
      left join batch b on true;
  EOQ

  param "batch_id" {}
}

query "batch_instruction_count" {
  sql = <<-EOQ
    select
      'Instructions' as label,
      count(*) as value
    from
      prolific_batch_instruction
    where
      batch_id = $1;
  EOQ

  param "batch_id" {}
}

query "batch_responses_without_submission" {
  sql = <<-EOQ
    -- A response without a submission: Prolific set no_submission, or sent no submission_id.
    select
      'Responses without a submission' as label,
      count(*) as value,
      case when count(*) > 0 then 'alert' else 'ok' end as type
    from
      prolific_batch_response
    where
      batch_id = $1
      and (no_submission or coalesce(submission_id, '') = '');
  EOQ

  param "batch_id" {}
}

query "batch_responses_over_time" {
  sql = <<-EOQ
    -- The bucket grows with the batch's span, so a long batch stays readable: minutes, hours or days.
    with responses as materialized (
      select created_at from prolific_batch_response where batch_id = $1 and created_at is not null
    ), span as (
      select
        case
          when max(created_at) - min(created_at) <= interval '6 hours' then 'minute'
          when max(created_at) - min(created_at) <= interval '14 days' then 'hour'
          else 'day'
        end as unit
      from responses
    ), buckets as (
      select date_trunc(s.unit, r.created_at) as bucket, count(*) as n
      from responses r cross join span s
      group by 1
    )
    select
      to_char(bucket, 'YYYY-MM-DD HH24:MI') as "Time (UTC)",
      sum(n) over (order by bucket) as "Responses"
    from
      buckets
    order by
      bucket;
  EOQ

  param "batch_id" {}
}

query "batch_responses_per_instruction" {
  sql = <<-EOQ
    -- Both foreign tables are read behind their own fence; the join on the instruction id is then local.
    with responses as materialized (
      select instruction_id, response_type from prolific_batch_response where batch_id = $1
    ), instructions as materialized (
      select id, description, position from prolific_batch_instruction where batch_id = $1
    )
    select
      coalesce(i.description, r.instruction_id) as "Instruction",
      r.response_type as "Type",
      count(*) as "Responses"
    from
      responses r
      left join instructions i on i.id = r.instruction_id
    group by
      i.description,
      r.instruction_id,
      r.response_type,
      i.position
    order by
      i.position nulls last,
      1,
      2;
  EOQ

  param "batch_id" {}
}

query "batch_status" {
  sql = <<-EOQ
    select
      name as "Name",
      status as "Status",
      id as "ID",
      workspace_id as "Workspace",
      created_at as "Created",
      total_task_count as "Tasks",
      total_instruction_count as "Instructions",
      total_task_groups as "Task groups",
      tasks_per_group as "Tasks per group",
      schema_version as "Schema version",
      auto_sync_enabled as "Auto sync"
    from
      prolific_batch
    where
      id = $1;
  EOQ

  param "batch_id" {}
}

query "batch_datasets" {
  sql = <<-EOQ
    -- The batch lists its datasets by id; each is looked up with one equality. A dataset that no longer exists
    -- keeps its row, with the batch's own figures and no status.
    with refs as materialized (
      select
        d ->> 'id' as id,
        d ->> 'filename' as filename,
        d ->> 'total_datapoint_count' as datapoints,
        ord
      from
        prolific_batch b,
        jsonb_array_elements(coalesce(b.datasets, '[]')) with ordinality as t(d, ord)
      where
        b.id = $1
    ), found as materialized (
      select ds.id, ds.name, ds.status, ds.total_datapoint_count, ds.schema_version
      from refs r join prolific_dataset ds on ds.id = r.id
    )
    select
      r.id as "Dataset",
      coalesce(f.name, r.filename) as "Name",
      f.status as "Status",
      coalesce(f.total_datapoint_count::text, r.datapoints) as "Datapoints",
      f.schema_version as "Schema version"
    from
      refs r
      left join found f on f.id = r.id
    order by
      r.ord;
  EOQ

  param "batch_id" {}
}
