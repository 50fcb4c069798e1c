// Queries shared by several dashboards: the options of their inputs.

query "batch_input" {
  title       = "Batches"
  description = "Every batch the connection can see, newest first, as input options."
  sql         = <<-EOQ
    select
      name || ' (' || status || ', ' || to_char(created_at, 'YYYY-MM-DD') || ')' as label,
      id as value
    from
      prolific_batch
    order by
      created_at desc,
      id;
  EOQ
}

query "choice_instruction_input" {
  title       = "Choice instructions"
  description = "The batch's instructions that have options (the ones whose labels can agree), in page order."
  sql         = <<-EOQ
    select
      coalesce(description, id) as label,
      id as value
    from
      prolific_batch_instruction
    where
      batch_id = $1
      and options is not null
    order by
      position,
      id;
  EOQ

  param "batch_id" {}
}
