// Dashboards and a quality benchmark for annotation work on Prolific, over the tables of the Prolific plugin
// (steampipe-plugin-prolific). Every query names its tables unqualified, so the mod runs unchanged on Steampipe and
// on PostgreSQL with the steampipe_postgres_prolific extension once search_path starts with the imported schema.
// See docs/dashboards.md.
//
// Every query is written to be correct on the stock Steampipe FDW, which keeps only the first equality of a join
// with a foreign table (docs/index.md, "Joins on the stock Steampipe FDW"): each foreign table is read inside its own
// `as materialized` CTE, joined to the rows that drive it on exactly one equality, and every other condition is
// applied to the local rows outside the fences.
mod "prolific_insights" {
  title         = "Prolific Insights"
  description   = "Batches, labels, inter-rater agreement, participant quality and workspace spend on Prolific, with a quality benchmark to run after every annotation batch."
  categories    = ["prolific", "annotation", "quality"]
}
