// The quality benchmark: run it after every batch (powerpipe benchmark run batch_quality). Each control returns
// one row per resource with resource, status (ok, alarm, info) and reason, plus the batch as a dimension. Every
// control checks the batches in var.batch_ids, or every batch when that list is empty, and every threshold is a
// param whose default is the variable of the same name (variables.pp).
//
// The batch list drives each foreign table on one equality (batch_id = b.id) from a materialized CTE, so the
// controls are correct on the stock Steampipe FDW too.

benchmark "batch_quality" {
  title       = "Prolific Batch Quality"
  description = "Checks an annotation batch for thin coverage, low agreement, speeders, responses outside a submission, unanswered instructions, unanswered tasks and empty free-text answers."
  children = [
    control.task_min_raters,
    control.participant_min_agreement,
    control.participant_speeder,
    control.response_without_submission,
    control.instruction_without_responses,
    control.batch_tasks_answered,
    control.free_text_min_length,
  ]
  tags = {
    service = "Prolific"
    type    = "Benchmark"
  }
}

control "task_min_raters" {
  title       = "Tasks should have at least the minimum number of raters"
  description = "A task labelled by too few participants gives no reliable majority. Raters are the distinct participants who answered any instruction of the task."
  sql         = <<-EOQ
    with batches as materialized (
      select id, name from prolific_batch where cardinality($1::text[]) = 0 or id = any($1::text[])
    ), responses as materialized (
      select r.batch_id, r.task_id, r.participant_id
      from batches b join prolific_batch_response r on r.batch_id = b.id
    ), tasks as (
      select batch_id, task_id, count(distinct participant_id) as raters from responses group by batch_id, task_id
    )
    select
      t.task_id as resource,
      case when t.raters < $2 then 'alarm' else 'ok' end as status,
      'Task ' || t.task_id || ' has ' || t.raters || ' rater(s); the minimum is ' || $2 || '.' as reason,
      b.name as batch
    from
      tasks t
      join batches b on b.id = t.batch_id
    order by
      b.name,
      t.task_id;
  EOQ

  param "batch_ids" {
    description = "The batches to check; empty checks every batch."
    default     = var.batch_ids
  }

  param "min_raters" {
    description = "The fewest raters a task should have."
    default     = var.min_raters
  }
}

control "participant_min_agreement" {
  title       = "Participants should agree with the majority label"
  description = "The share of a participant's multiple_choice labels that match the task's majority label, on tasks with at least two labels and a single most frequent label. Low agreement points at careless or confused participants."
  sql         = <<-EOQ
    with batches as materialized (
      select id, name from prolific_batch where cardinality($1::text[]) = 0 or id = any($1::text[])
    ), labels as materialized (
      select r.batch_id, r.task_id, r.instruction_id, r.participant_id, r.answer_values ->> 0 as value
      from batches b join prolific_batch_response r on r.batch_id = b.id
      where r.response_type = 'multiple_choice' and r.answer_values ->> 0 is not null
    ), counts as (
      select batch_id, task_id, instruction_id, value, count(*) as n,
        rank() over (partition by batch_id, task_id, instruction_id order by count(*) desc) as rnk,
        sum(count(*)) over (partition by batch_id, task_id, instruction_id) as total
      from labels group by batch_id, task_id, instruction_id, value
    ), majority as (
      select batch_id, task_id, instruction_id, min(value) as value
      from counts where rnk = 1 and total >= 2 group by batch_id, task_id, instruction_id having count(*) = 1
    ), agreement as (
      select l.batch_id, l.participant_id, count(*) as judged, count(*) filter (where l.value = m.value) as agreed
      from labels l
        join majority m on m.batch_id = l.batch_id and m.task_id = l.task_id and m.instruction_id = l.instruction_id
      group by l.batch_id, l.participant_id
    )
    select
      a.participant_id as resource,
      case when a.agreed::numeric / a.judged < $2 then 'alarm' else 'ok' end as status,
      a.participant_id || ' matches the majority on ' || a.agreed || ' of ' || a.judged || ' labels ('
        || round(100.0 * a.agreed / a.judged) || '%); the threshold is ' || round(100 * $2::numeric) || '%.' as reason,
      b.name as batch
    from
      agreement a
      join batches b on b.id = a.batch_id
    order by
      b.name,
      a.participant_id;
  EOQ

  param "batch_ids" {
    description = "The batches to check; empty checks every batch."
    default     = var.batch_ids
  }

  param "min_agreement" {
    description = "The lowest share of labels that should match the majority, from 0 to 1."
    default     = var.min_agreement
  }
}

control "participant_speeder" {
  title       = "Participants should not answer faster than a person can read"
  description = "The median number of seconds between a participant's consecutive responses in a batch. A very short median means answers given without reading the task."
  sql         = <<-EOQ
    with batches as materialized (
      select id, name from prolific_batch where cardinality($1::text[]) = 0 or id = any($1::text[])
    ), responses as materialized (
      select r.batch_id, r.id, r.participant_id, r.created_at
      from batches b join prolific_batch_response r on r.batch_id = b.id
      where r.created_at is not null
    ), gaps as (
      select
        batch_id,
        participant_id,
        extract(epoch from created_at - lag(created_at) over (partition by batch_id, participant_id order by created_at, id)) as gap
      from responses
    ), pace as (
      select batch_id, participant_id, count(*) as responses,
        percentile_cont(0.5) within group (order by gap) as median_seconds
      from gaps group by batch_id, participant_id
    )
    select
      p.participant_id as resource,
      case
        when p.responses < $3 then 'skip'
        when p.median_seconds < $2 then 'alarm'
        else 'ok'
      end as status,
      case
        when p.responses < $3 then p.participant_id || ' gave ' || p.responses || ' response(s), too few to judge the pace.'
        else p.participant_id || ' answered a median of ' || round(p.median_seconds::numeric, 1)
          || ' s apart over ' || p.responses || ' responses; the threshold is ' || $2 || ' s.'
      end as reason,
      b.name as batch
    from
      pace p
      join batches b on b.id = p.batch_id
    order by
      b.name,
      p.participant_id;
  EOQ

  param "batch_ids" {
    description = "The batches to check; empty checks every batch."
    default     = var.batch_ids
  }

  param "median_seconds" {
    description = "Participants whose median pause is below this many seconds are speeders."
    default     = var.speeder_median_seconds
  }

  param "min_responses" {
    description = "The fewest responses a participant needs before their pace is judged."
    default     = var.speeder_min_responses
  }
}

control "response_without_submission" {
  title       = "Responses should belong to a submission"
  description = "A response with no_submission set, or with no submission_id, cannot be paid, approved or rejected through a submission. One alarm per such response; a batch with none gets one ok row."
  sql         = <<-EOQ
    with batches as materialized (
      select id, name from prolific_batch where cardinality($1::text[]) = 0 or id = any($1::text[])
    ), responses as materialized (
      select r.batch_id, r.id, r.participant_id, r.task_id, r.submission_id, r.no_submission
      from batches b join prolific_batch_response r on r.batch_id = b.id
    ), outside as (
      select * from responses where no_submission or coalesce(submission_id, '') = ''
    ), answered as (
      select batch_id, count(*) as responses from responses group by batch_id
    )
    select
      o.id as resource,
      'alarm' as status,
      'Response ' || o.id || ' by ' || coalesce(o.participant_id, 'an unknown participant') || ' to task '
        || coalesce(o.task_id, '?') || ' has no submission.' as reason,
      b.name as batch
    from
      outside o
      join batches b on b.id = o.batch_id
    union all
    select
      a.batch_id as resource,
      'ok' as status,
      'All ' || a.responses || ' responses belong to a submission.' as reason,
      b.name as batch
    from
      answered a
      join batches b on b.id = a.batch_id
    where
      not exists (select 1 from outside o where o.batch_id = a.batch_id)
    order by
      batch,
      resource;
  EOQ

  param "batch_ids" {
    description = "The batches to check; empty checks every batch."
    default     = var.batch_ids
  }
}

control "instruction_without_responses" {
  title       = "Every instruction should have responses"
  description = "An instruction nobody answered is either optional and unused, or broken in the task layout."
  sql         = <<-EOQ
    with batches as materialized (
      select id, name from prolific_batch where cardinality($1::text[]) = 0 or id = any($1::text[])
    ), instructions as materialized (
      select i.batch_id, i.id, i.description, i.type
      from batches b join prolific_batch_instruction i on i.batch_id = b.id
    ), answered as materialized (
      select r.batch_id, r.instruction_id, count(*) as responses
      from batches b join prolific_batch_response r on r.batch_id = b.id
      group by r.batch_id, r.instruction_id
    )
    select
      i.id as resource,
      case when a.responses is null then 'alarm' else 'ok' end as status,
      coalesce(i.type, 'Unknown type') || ' instruction "' || coalesce(i.description, i.id) || '" has '
        || coalesce(a.responses, 0) || ' response(s).' as reason,
      b.name as batch
    from
      instructions i
      join batches b on b.id = i.batch_id
      left join answered a on a.batch_id = i.batch_id and a.instruction_id = i.id
    order by
      b.name,
      i.id;
  EOQ

  param "batch_ids" {
    description = "The batches to check; empty checks every batch."
    default     = var.batch_ids
  }
}

control "batch_tasks_answered" {
  title       = "Every task of a batch should have responses"
  description = "Compares the tasks that have responses with the batch's total_task_count. (The plugin does not expose the responses endpoint's meta.count, so the task count is the figure checked.)"
  sql         = <<-EOQ
    with batches as materialized (
      select id, name, total_task_count from prolific_batch where cardinality($1::text[]) = 0 or id = any($1::text[])
    ), answered as materialized (
      select r.batch_id, count(distinct r.task_id) as tasks, count(*) as responses
      from batches b join prolific_batch_response r on r.batch_id = b.id
      group by r.batch_id
    )
    select
      b.id as resource,
      case
        when b.total_task_count is null then 'info'
        when coalesce(a.tasks, 0) = b.total_task_count then 'ok'
        else 'alarm'
      end as status,
      coalesce(a.tasks, 0) || ' of ' || coalesce(b.total_task_count::text, 'an unknown number of') || ' tasks have responses ('
        || coalesce(a.responses, 0) || ' responses).' as reason,
      b.name as batch
    from
      batches b
      left join answered a on a.batch_id = b.id
    order by
      b.name,
      b.id;
  EOQ

  param "batch_ids" {
    description = "The batches to check; empty checks every batch."
    default     = var.batch_ids
  }
}

control "free_text_min_length" {
  title       = "Free-text answers should say something"
  description = "Counts each participant's free_text answers shorter than the minimum length; one-word reasons often come with careless labels."
  sql         = <<-EOQ
    with batches as materialized (
      select id, name from prolific_batch where cardinality($1::text[]) = 0 or id = any($1::text[])
    ), texts as materialized (
      select r.batch_id, r.participant_id, length(coalesce(r.answer_values ->> 0, '')) as chars
      from batches b join prolific_batch_response r on r.batch_id = b.id
      where r.response_type = 'free_text'
    ), per_participant as (
      select batch_id, participant_id, count(*) as answers, count(*) filter (where chars < $2) as short
      from texts group by batch_id, participant_id
    )
    select
      p.participant_id as resource,
      case when p.short > 0 then 'alarm' else 'ok' end as status,
      p.participant_id || ' gave ' || p.short || ' of ' || p.answers || ' free-text answers under ' || $2
        || ' characters.' as reason,
      b.name as batch
    from
      per_participant p
      join batches b on b.id = p.batch_id
    order by
      b.name,
      p.participant_id;
  EOQ

  param "batch_ids" {
    description = "The batches to check; empty checks every batch."
    default     = var.batch_ids
  }

  param "min_chars" {
    description = "Free-text answers shorter than this many characters are flagged."
    default     = var.min_free_text_chars
  }
}
