dashboard "labels_agreement" {
  title = "Prolific Labels and Agreement"
  tags = {
    service = "Prolific"
    type    = "Dashboard"
  }

  input "batch_id" {
    title = "Select a batch:"
    query = query.batch_input
    width = 6
  }

  input "instruction_id" {
    title = "Select an instruction:"
    query = query.choice_instruction_input
    width = 6
    args  = { batch_id = self.input.batch_id.value }
  }

  container {
    card {
      query = query.labels_tasks_rated
      width = 3
      args  = { batch_id = self.input.batch_id.value, instruction_id = self.input.instruction_id.value }
    }

    card {
      query = query.labels_mean_raters
      width = 3
      args  = { batch_id = self.input.batch_id.value, instruction_id = self.input.instruction_id.value }
    }

    card {
      query = query.labels_mean_majority_share
      width = 3
      args  = { batch_id = self.input.batch_id.value, instruction_id = self.input.instruction_id.value }
    }

    card {
      query = query.labels_fleiss_kappa
      width = 3
      args  = { batch_id = self.input.batch_id.value, instruction_id = self.input.instruction_id.value }
    }
  }

  container {
    chart {
      title = "Label distribution"
      type  = "column"
      query = query.labels_distribution
      width = 4
      args  = { batch_id = self.input.batch_id.value, instruction_id = self.input.instruction_id.value }
    }

    table {
      title = "Tasks with the lowest agreement"
      query = query.labels_lowest_agreement
      width = 8
      args  = { batch_id = self.input.batch_id.value, instruction_id = self.input.instruction_id.value }
    }
  }

  container {
    table {
      title = "Majority label per task"
      query = query.labels_per_task
      width = 12
      args  = { batch_id = self.input.batch_id.value, instruction_id = self.input.instruction_id.value }
    }
  }
}

// Every query below reads one instruction's answers once, inside a materialized CTE, and takes the first answer
// value as the label (single-choice instructions). Counts per task and label are then plain local SQL.

query "labels_tasks_rated" {
  sql = <<-EOQ
    select
      'Tasks rated' as label,
      count(distinct task_id) as value
    from
      prolific_batch_response
    where
      batch_id = $1
      and instruction_id = $2
      and answer_values ->> 0 is not null;
  EOQ

  param "batch_id" {}
  param "instruction_id" {}
}

query "labels_mean_raters" {
  sql = <<-EOQ
    with labels as materialized (
      select task_id, participant_id
      from prolific_batch_response
      where batch_id = $1 and instruction_id = $2 and answer_values ->> 0 is not null
    ), per_task as (
      select task_id, count(distinct participant_id) as raters from labels group by task_id
    )
    select
      'Mean raters per task' as label,
      coalesce(round(avg(raters), 2), 0) as value
    from
      per_task;
  EOQ

  param "batch_id" {}
  param "instruction_id" {}
}

query "labels_mean_majority_share" {
  sql = <<-EOQ
    -- Majority share of a task: the count of its most frequent label over its number of labels (ties included).
    with labels as materialized (
      select task_id, answer_values ->> 0 as label
      from prolific_batch_response
      where batch_id = $1 and instruction_id = $2 and answer_values ->> 0 is not null
    ), counts as (
      select task_id, label, count(*) as n from labels group by task_id, label
    ), per_task as (
      select task_id, max(n)::numeric / sum(n) as share from counts group by task_id
    )
    select
      'Mean majority share' as label,
      round(avg(share), 4) as value
    from
      per_task;
  EOQ

  param "batch_id" {}
  param "instruction_id" {}
}

query "labels_fleiss_kappa" {
  sql = <<-EOQ
    -- Fleiss' kappa, in the form that allows a different number of ratings per task; tasks with fewer than two
    -- ratings are left out. With n_ij the number of ratings of task i in category j and n_i = sum_j n_ij:
    --   P_i   = (sum_j n_ij^2 - n_i) / (n_i (n_i - 1))   the agreement within task i
    --   P_bar = the mean of P_i over the tasks
    --   p_j   = sum_i n_ij / sum_i n_i                    the share of all ratings in category j
    --   P_e   = sum_j p_j^2                               the agreement expected by chance
    --   kappa = (P_bar - P_e) / (1 - P_e)
    -- 1 is perfect agreement, 0 what chance gives, below 0 worse than chance. NULL when P_e = 1 (one category).
    with labels as materialized (
      select task_id, answer_values ->> 0 as label
      from prolific_batch_response
      where batch_id = $1 and instruction_id = $2 and answer_values ->> 0 is not null
    ), counts as (
      select task_id, label, count(*)::numeric as n from labels group by task_id, label
    ), tasks as (
      select task_id, sum(n) as n_i, sum(n * n) as sum_sq from counts group by task_id having sum(n) >= 2
    ), observed as (
      select avg((sum_sq - n_i) / (n_i * (n_i - 1))) as p_bar, sum(n_i) as ratings from tasks
    ), categories as (
      select c.label, sum(c.n) as n_j from counts c join tasks t on t.task_id = c.task_id group by c.label
    ), chance as (
      select sum((n_j / o.ratings) ^ 2) as p_e from categories cross join observed o
    )
    select
      'Fleiss'' kappa' as label,
      round((o.p_bar - c.p_e) / nullif(1 - c.p_e, 0), 4) as value,
      case when (o.p_bar - c.p_e) / nullif(1 - c.p_e, 0) < 0.4 then 'alert' else 'ok' end as type
    from
      observed o
      cross join chance c;
  EOQ

  param "batch_id" {}
  param "instruction_id" {}
}

query "labels_distribution" {
  sql = <<-EOQ
    -- Labels are shown with the instruction's option labels; a value that is not an option keeps its raw value.
    with labels as materialized (
      select answer_values ->> 0 as value
      from prolific_batch_response
      where batch_id = $1 and instruction_id = $2 and answer_values ->> 0 is not null
    ), options as materialized (
      select o ->> 'value' as value, o ->> 'label' as label, ord
      from prolific_batch_instruction i, jsonb_array_elements(i.options) with ordinality as t(o, ord)
      where i.batch_id = $1 and i.id = $2 and jsonb_typeof(i.options) = 'array'
    )
    select
      coalesce(o.label, l.value) as "Label",
      count(*) as "Responses"
    from
      labels l
      left join options o on o.value = l.value
    group by
      o.label,
      l.value,
      o.ord
    order by
      o.ord nulls last,
      l.value;
  EOQ

  param "batch_id" {}
  param "instruction_id" {}
}

query "labels_per_task" {
  sql = <<-EOQ
    -- The majority label is the most frequent label when it is the only one with that count; a tie has none.
    with labels as materialized (
      select id, task_id, participant_id, answer_values ->> 0 as value, metadata, created_at
      from prolific_batch_response
      where batch_id = $1 and instruction_id = $2 and answer_values ->> 0 is not null
    ), options as materialized (
      select o ->> 'value' as value, o ->> 'label' as label
      from prolific_batch_instruction i, jsonb_array_elements(i.options) as o
      where i.batch_id = $1 and i.id = $2 and jsonb_typeof(i.options) = 'array'
    ), counts as (
      select task_id, value, count(*) as n, rank() over (partition by task_id order by count(*) desc) as rnk
      from labels group by task_id, value
    ), named as (
      select c.*, coalesce(o.label, c.value) as label from counts c left join options o on o.value = c.value
    ), tasks as (
      select
        task_id,
        count(distinct participant_id) as raters,
        count(*) as ratings,
        min(created_at) as first_answer,
        (array_agg(metadata order by created_at, id))[1] as metadata
      from labels group by task_id
    ), top as (
      select task_id, max(n) as n, case when count(*) = 1 then min(label) end as label,
        string_agg(label, ' / ' order by label) as tied
      from named where rnk = 1 group by task_id
    )
    select
      t.task_id as "Task",
      t.raters as "Raters",
      coalesce(tp.label, 'none (tie: ' || tp.tied || ')') as "Majority label",
      round(tp.n::numeric / t.ratings, 4) as "Majority share",
      t.metadata as "Task metadata"
    from
      tasks t
      join top tp on tp.task_id = t.task_id
    order by
      t.first_answer,
      t.task_id;
  EOQ

  param "batch_id" {}
  param "instruction_id" {}
}

query "labels_lowest_agreement" {
  sql = <<-EOQ
    -- The five tasks whose most frequent label has the smallest share of the task's labels.
    with labels as materialized (
      select id, task_id, answer_values ->> 0 as value, metadata, created_at
      from prolific_batch_response
      where batch_id = $1 and instruction_id = $2 and answer_values ->> 0 is not null
    ), options as materialized (
      select o ->> 'value' as value, o ->> 'label' as label
      from prolific_batch_instruction i, jsonb_array_elements(i.options) as o
      where i.batch_id = $1 and i.id = $2 and jsonb_typeof(i.options) = 'array'
    ), counts as (
      select task_id, value, count(*) as n from labels group by task_id, value
    ), spread as (
      select
        c.task_id,
        max(c.n)::numeric / sum(c.n) as share,
        string_agg(coalesce(o.label, c.value) || ' ' || c.n, ', ' order by c.n desc, c.value) as labels
      from counts c left join options o on o.value = c.value
      group by c.task_id
    ), tasks as (
      select task_id, min(created_at) as first_answer, (array_agg(metadata order by created_at, id))[1] as metadata
      from labels group by task_id
    )
    select
      s.task_id as "Task",
      round(s.share, 4) as "Majority share",
      s.labels as "Labels given",
      t.metadata as "Task metadata"
    from
      spread s
      join tasks t on t.task_id = s.task_id
    order by
      s.share,
      t.first_answer,
      s.task_id
    limit 5;
  EOQ

  param "batch_id" {}
  param "instruction_id" {}
}
