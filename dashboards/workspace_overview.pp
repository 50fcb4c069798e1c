dashboard "workspace_overview" {
  title = "Prolific Workspace Overview"
  tags = {
    service = "Prolific"
    type    = "Dashboard"
  }

  container {
    card {
      query = query.workspace_count
      width = 3
    }

    card {
      query = query.workspace_study_count
      width = 3
    }

    card {
      query = query.workspace_active_study_count
      width = 3
    }

    card {
      query = query.workspace_batch_count
      width = 3
    }
  }

  container {
    chart {
      title = "Studies by status"
      type  = "donut"
      query = query.workspace_studies_by_status
      width = 4
    }

    chart {
      title = "Submissions by status per study"
      type  = "bar"
      query = query.workspace_submissions_by_status
      width = 8
      grouping = "stack"
    }
  }

  container {
    table {
      title = "Approval rates"
      query = query.workspace_approval_rates
      width = 6
    }

    table {
      title = "Costs and rewards"
      query = query.workspace_costs
      width = 6
    }
  }

  container {
    table {
      title = "Workspace balances"
      query = query.workspace_balances
      width = 6
    }

    table {
      title = "Batches by status"
      query = query.workspace_batches
      width = 6
    }
  }

  container {
    table {
      title = "Spend per study (rewards, fees, bonuses)"
      query = query.workspace_spend_per_study
      width = 12
    }
  }

  container {
    table {
      title = "Participant messages per study (last 30 days)"
      query = query.workspace_messages_per_study
      width = 6
    }

    table {
      title = "Failed webhook deliveries"
      query = query.workspace_failed_webhook_deliveries
      width = 6
    }
  }
}

query "workspace_count" {
  sql = <<-EOQ
    select 'Workspaces' as label, count(*) as value from prolific_workspace;
  EOQ
}

query "workspace_study_count" {
  sql = <<-EOQ
    select 'Studies' as label, count(*) as value from prolific_study;
  EOQ
}

query "workspace_active_study_count" {
  sql = <<-EOQ
    select 'Active studies' as label, count(*) as value from prolific_study where status = 'ACTIVE';
  EOQ
}

query "workspace_batch_count" {
  sql = <<-EOQ
    select 'Batches' as label, count(*) as value from prolific_batch;
  EOQ
}

query "workspace_studies_by_status" {
  sql = <<-EOQ
    select
      status as "Status",
      count(*) as "Studies"
    from
      prolific_study
    group by
      status
    order by
      status;
  EOQ
}

query "workspace_submissions_by_status" {
  sql = <<-EOQ
    -- Each study's submissions are listed with study_id supplied by the studies fence (one equality).
    with studies as materialized (
      select id, name from prolific_study
    ), submissions as materialized (
      select s.study_id, s.status from studies st join prolific_submission s on s.study_id = st.id
    )
    select
      st.name as "Study",
      s.status as "Status",
      count(*) as "Submissions"
    from
      submissions s
      join studies st on st.id = s.study_id
    group by
      st.name,
      st.id,
      s.status
    order by
      st.name,
      st.id,
      s.status;
  EOQ
}

query "workspace_approval_rates" {
  sql = <<-EOQ
    -- Approval rate: approved submissions over the submissions that have been reviewed (approved, partially
    -- approved or rejected). Studies with no reviewed submission have no rate.
    with studies as materialized (
      select id, name from prolific_study
    ), submissions as materialized (
      select s.study_id, s.status from studies st join prolific_submission s on s.study_id = st.id
    )
    select
      st.name as "Study",
      count(s.status) as "Submissions",
      count(*) filter (where s.status = 'APPROVED') as "Approved",
      count(*) filter (where s.status in ('APPROVED', 'PARTIALLY APPROVED', 'REJECTED')) as "Reviewed",
      round(
        count(*) filter (where s.status = 'APPROVED')::numeric
          / nullif(count(*) filter (where s.status in ('APPROVED', 'PARTIALLY APPROVED', 'REJECTED')), 0),
        4
      ) as "Approval rate"
    from
      studies st
      left join submissions s on s.study_id = st.id
    group by
      st.name,
      st.id
    order by
      st.name,
      st.id;
  EOQ
}

query "workspace_costs" {
  sql = <<-EOQ
    -- Amounts are in minor units (pence, cents); shown here in major units of each study's currency.
    select
      name as "Study",
      status as "Status",
      currency_code as "Currency",
      round(reward::numeric / 100, 2) as "Reward per place",
      total_available_places as "Places",
      places_taken as "Taken",
      round(total_cost::numeric / 100, 2) as "Total cost"
    from
      prolific_study
    order by
      total_cost desc nulls last,
      name;
  EOQ
}

query "workspace_balances" {
  sql = <<-EOQ
    select
      title as "Workspace",
      balance_currency_code as "Currency",
      round(total_balance / 100.0, 2) as "Total balance",
      round(available_balance / 100.0, 2) as "Available",
      round((balance_breakdown ->> 'rewards')::numeric / 100, 2) as "Rewards",
      round((balance_breakdown ->> 'fees')::numeric / 100, 2) as "Fees",
      round((balance_breakdown ->> 'vat')::numeric / 100, 2) as "VAT"
    from
      prolific_workspace
    order by
      title;
  EOQ
}

query "workspace_batches" {
  sql = <<-EOQ
    -- Responses are counted per batch with batch_id supplied by the batches fence (one equality).
    with batches as materialized (
      select id, name, status, total_task_count from prolific_batch
    ), responses as materialized (
      select r.batch_id, count(*) as n, count(distinct r.task_id) as tasks
      from batches b join prolific_batch_response r on r.batch_id = b.id
      group by r.batch_id
    )
    select
      b.status as "Status",
      b.name as "Batch",
      coalesce(r.n, 0) as "Responses",
      coalesce(r.tasks, 0) as "Tasks answered",
      b.total_task_count as "Tasks"
    from
      batches b
      left join responses r on r.batch_id = b.id
    order by
      b.status,
      b.name;
  EOQ
}

query "workspace_spend_per_study" {
  sql = <<-EOQ
    -- What each study has cost so far, from Prolific's cost endpoint: the only read that totals bonuses.
    -- Amounts are in minor units of the currency; shown in major units. The join has one condition, so the stock
    -- Steampipe FDW keeps it.
    select
      s.name as "Study",
      c.currency_code as "Currency",
      round(c.rewards_amount::numeric / 100, 2) as "Rewards",
      round((coalesce(c.rewards_fees, 0) + coalesce(c.bonuses_fees, 0))::numeric / 100, 2) as "Fees",
      round(coalesce(c.bonuses_amount, 0)::numeric / 100, 2) as "Bonuses",
      round((coalesce(c.rewards_tax, 0) + coalesce(c.bonuses_tax, 0))::numeric / 100, 2) as "Tax",
      round((coalesce(c.rewards_amount, 0) + coalesce(c.rewards_fees, 0) + coalesce(c.rewards_tax, 0)
        + coalesce(c.bonuses_amount, 0) + coalesce(c.bonuses_fees, 0) + coalesce(c.bonuses_tax, 0))::numeric / 100, 2) as "Total"
    from
      prolific_study as s
      join prolific_study_cost as c on c.study_id = s.id
    order by
      "Total" desc,
      s.name;
  EOQ
}

query "workspace_messages_per_study" {
  sql = <<-EOQ
    -- prolific_message reads the last 30 days when no user_id or datetime_created bound is given: the most the
    -- API returns without a user.
    select
      coalesce(s.name, m.study_id, '(no study)') as "Study",
      count(*) as "Messages",
      count(*) filter (where m.unread) as "Unread"
    from
      prolific_message as m
      left join prolific_study as s on s.id = m.study_id
    group by
      1
    order by
      "Messages" desc,
      1;
  EOQ
}

query "workspace_failed_webhook_deliveries" {
  sql = <<-EOQ
    select
      event_type as "Event",
      resource_id as "Resource",
      target_url as "Target",
      datetime_updated as "Last attempt"
    from
      prolific_hook_event
    where
      status = 'FAILED'
    order by
      datetime_updated desc,
      resource_id;
  EOQ
}
