dashboard "participant_quality" {
  title = "Prolific Participant Quality"
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
      query = query.participant_count
      width = 3
      args  = { batch_id = self.input.batch_id.value }
    }

    card {
      query = query.participant_speeder_count
      width = 3
      args = {
        batch_id       = self.input.batch_id.value
        median_seconds = var.speeder_median_seconds
        min_responses  = var.speeder_min_responses
      }
    }

    card {
      query = query.participant_low_agreement_count
      width = 3
      args = {
        batch_id      = self.input.batch_id.value
        min_agreement = var.min_agreement
      }
    }

    card {
      query = query.participant_without_submission_count
      width = 3
      args  = { batch_id = self.input.batch_id.value }
    }
  }

  container {
    table {
      title = "Outliers"
      query = query.participant_quality
      width = 12
      args = {
        batch_id       = self.input.batch_id.value
        median_seconds = var.speeder_median_seconds
        min_responses  = var.speeder_min_responses
        min_agreement  = var.min_agreement
        outliers_only  = true
      }
    }
  }

  container {
    chart {
      title = "Median seconds between consecutive responses"
      type  = "bar"
      query = query.participant_pace
      width = 6
      args  = { batch_id = self.input.batch_id.value }
    }

    chart {
      title = "Agreement with the majority label"
      type  = "bar"
      query = query.participant_agreement
      width = 6
      args  = { batch_id = self.input.batch_id.value }
    }
  }

  container {
    table {
      title = "Participants"
      query = query.participant_quality
      width = 12
      args = {
        batch_id       = self.input.batch_id.value
        median_seconds = var.speeder_median_seconds
        min_responses  = var.speeder_min_responses
        min_agreement  = var.min_agreement
        outliers_only  = false
      }
    }

    table {
      title = "Free-text answer lengths (characters)"
      query = query.participant_free_text
      width = 12
      args  = { batch_id = self.input.batch_id.value }
    }
  }
}

query "participant_count" {
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

// Definitions shared by the queries below and by the quality benchmark (benchmark.pp):
// - pace: the median number of seconds between a participant's consecutive responses in the batch, in time order;
// - majority label: for a task and a multiple_choice instruction with at least two labels, the most frequent label
//   when no other label has the same count (a tie has no majority);
// - agreement: the share of a participant's multiple_choice labels, on tasks that have a majority, that match it;
// - without a submission: no_submission is true or submission_id is empty.
// Each reads the batch's responses once, in a materialized CTE; everything after that is local SQL.

query "participant_speeder_count" {
  sql = <<-EOQ
    with responses as materialized (
      select id, participant_id, created_at from prolific_batch_response where batch_id = $1
    ), gaps as (
      select
        participant_id,
        extract(epoch from created_at - lag(created_at) over (partition by participant_id order by created_at, id)) as gap
      from responses
    ), pace as (
      select participant_id, count(*) as responses, percentile_cont(0.5) within group (order by gap) as median_seconds
      from gaps group by participant_id
    )
    select
      'Speeders' as label,
      count(*) as value,
      case when count(*) > 0 then 'alert' else 'ok' end as type
    from
      pace
    where
      responses >= $3
      and median_seconds < $2;
  EOQ

  param "batch_id" {}
  param "median_seconds" {}
  param "min_responses" {}
}

query "participant_low_agreement_count" {
  sql = <<-EOQ
    with labels as materialized (
      select task_id, instruction_id, participant_id, answer_values ->> 0 as value
      from prolific_batch_response
      where batch_id = $1 and response_type = 'multiple_choice' and answer_values ->> 0 is not null
    ), counts as (
      select task_id, instruction_id, value, count(*) as n,
        rank() over (partition by task_id, instruction_id order by count(*) desc) as rnk,
        sum(count(*)) over (partition by task_id, instruction_id) as total
      from labels group by task_id, instruction_id, value
    ), majority as (
      select task_id, instruction_id, min(value) as value
      from counts where rnk = 1 and total >= 2 group by task_id, instruction_id having count(*) = 1
    ), agreement as (
      select l.participant_id, avg((l.value = m.value)::int) as agreement
      from labels l join majority m on m.task_id = l.task_id and m.instruction_id = l.instruction_id
      group by l.participant_id
    )
    select
      'Below agreement threshold' as label,
      count(*) as value,
      case when count(*) > 0 then 'alert' else 'ok' end as type
    from
      agreement
    where
      agreement < $2;
  EOQ

  param "batch_id" {}
  param "min_agreement" {}
}

query "participant_without_submission_count" {
  sql = <<-EOQ
    select
      'Participants with responses outside a submission' as label,
      count(distinct participant_id) as value,
      case when count(*) > 0 then 'alert' else 'ok' end as type
    from
      prolific_batch_response
    where
      batch_id = $1
      and (no_submission or coalesce(submission_id, '') = '');
  EOQ

  param "batch_id" {}
}

query "participant_pace" {
  sql = <<-EOQ
    with responses as materialized (
      select id, participant_id, created_at from prolific_batch_response where batch_id = $1
    ), gaps as (
      select
        participant_id,
        extract(epoch from created_at - lag(created_at) over (partition by participant_id order by created_at, id)) as gap
      from responses
    )
    select
      participant_id as "Participant",
      percentile_cont(0.5) within group (order by gap) as "Median seconds"
    from
      gaps
    group by
      participant_id
    having
      count(gap) > 0
    order by
      2,
      1;
  EOQ

  param "batch_id" {}
}

query "participant_agreement" {
  sql = <<-EOQ
    with labels as materialized (
      select task_id, instruction_id, participant_id, answer_values ->> 0 as value
      from prolific_batch_response
      where batch_id = $1 and response_type = 'multiple_choice' and answer_values ->> 0 is not null
    ), counts as (
      select task_id, instruction_id, value, count(*) as n,
        rank() over (partition by task_id, instruction_id order by count(*) desc) as rnk,
        sum(count(*)) over (partition by task_id, instruction_id) as total
      from labels group by task_id, instruction_id, value
    ), majority as (
      select task_id, instruction_id, min(value) as value
      from counts where rnk = 1 and total >= 2 group by task_id, instruction_id having count(*) = 1
    )
    select
      l.participant_id as "Participant",
      round(avg((l.value = m.value)::int), 4) as "Agreement"
    from
      labels l
      join majority m on m.task_id = l.task_id and m.instruction_id = l.instruction_id
    group by
      l.participant_id
    order by
      2,
      1;
  EOQ

  param "batch_id" {}
}

query "participant_quality" {
  sql = <<-EOQ
    -- One row per participant. The submission is looked up through the studies that collect the batch
    -- (prolific_study.data_collection_id): studies, then their submissions on one equality (study_id), each behind
    -- its own fence; the match on the submission id is made on the local rows.
    with responses as materialized (
      select id, task_id, instruction_id, participant_id, response_type, answer_values, created_at, submission_id,
        no_submission
      from prolific_batch_response
      where batch_id = $1
    ), studies as materialized (
      select id from prolific_study where data_collection_id = $1
    ), submissions as materialized (
      select s.id, s.status, s.time_taken
      from studies st join prolific_submission s on s.study_id = st.id
    ), labels as (
      select task_id, instruction_id, participant_id, answer_values ->> 0 as value
      from responses
      where response_type = 'multiple_choice' and answer_values ->> 0 is not null
    ), counts as (
      select task_id, instruction_id, value, count(*) as n,
        rank() over (partition by task_id, instruction_id order by count(*) desc) as rnk,
        sum(count(*)) over (partition by task_id, instruction_id) as total
      from labels group by task_id, instruction_id, value
    ), majority as (
      select task_id, instruction_id, min(value) as value
      from counts where rnk = 1 and total >= 2 group by task_id, instruction_id having count(*) = 1
    ), agreement as (
      select l.participant_id, avg((l.value = m.value)::int) as agreement
      from labels l join majority m on m.task_id = l.task_id and m.instruction_id = l.instruction_id
      group by l.participant_id
    ), gaps as (
      select
        participant_id,
        extract(epoch from created_at - lag(created_at) over (partition by participant_id order by created_at, id)) as gap
      from responses
    ), pace as (
      select participant_id, percentile_cont(0.5) within group (order by gap) as median_seconds
      from gaps group by participant_id
    ), texts as (
      select participant_id, round(avg(length(answer_values ->> 0)), 1) as mean_chars
      from responses where response_type = 'free_text' and answer_values ->> 0 is not null
      group by participant_id
    ), people as (
      select
        participant_id,
        count(*) as responses,
        count(distinct task_id) as tasks,
        min(nullif(submission_id, '')) as submission_id,
        bool_or(no_submission or coalesce(submission_id, '') = '') as outside_submission
      from responses group by participant_id
    ), quality as (
      select
        p.*,
        a.agreement,
        pc.median_seconds,
        t.mean_chars,
        s.status,
        s.time_taken,
        concat_ws(', ',
          case when p.responses >= $3 and pc.median_seconds < $2 then 'speeder' end,
          case when a.agreement < $4 then 'low agreement' end,
          case when p.outside_submission then 'response without a submission' end,
          case when p.submission_id is not null and s.id is null then 'submission not found' end
        ) as flags
      from people p
        left join agreement a on a.participant_id = p.participant_id
        left join pace pc on pc.participant_id = p.participant_id
        left join texts t on t.participant_id = p.participant_id
        left join submissions s on s.id = p.submission_id
    )
    select
      participant_id as "Participant",
      responses as "Responses",
      tasks as "Tasks",
      round(agreement, 4) as "Agreement",
      median_seconds as "Median seconds",
      mean_chars as "Mean free-text chars",
      submission_id as "Submission",
      status as "Submission status",
      round(time_taken / 60.0, 1) as "Minutes taken",
      nullif(flags, '') as "Flags"
    from
      quality
    where
      not $5 or flags <> ''
    order by
      flags = '',
      participant_id;
  EOQ

  param "batch_id" {}
  param "median_seconds" {}
  param "min_responses" {}
  param "min_agreement" {}
  param "outliers_only" {}
}

query "participant_free_text" {
  sql = <<-EOQ
    select
      participant_id as "Participant",
      count(*) as "Answers",
      min(length(answer_values ->> 0)) as "Shortest",
      round(avg(length(answer_values ->> 0)), 1) as "Mean",
      max(length(answer_values ->> 0)) as "Longest"
    from
      prolific_batch_response
    where
      batch_id = $1
      and response_type = 'free_text'
      and answer_values ->> 0 is not null
    group by
      participant_id
    order by
      3,
      1;
  EOQ

  param "batch_id" {}
}
