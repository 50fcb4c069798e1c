// Thresholds shared by the dashboards and the quality benchmark. Each control takes them as params, so a run can
// override one control (--arg) or all of them (--var, or a .ppvars file).

variable "batch_ids" {
  type        = list(string)
  description = "The batches the quality benchmark checks. Empty (the default) checks every batch the connection can see."
  default     = []
}

variable "min_raters" {
  type        = number
  description = "The fewest raters a task should have."
  default     = 3
}

variable "min_agreement" {
  type        = number
  description = "The lowest share of a participant's labels that should match the task's majority label, from 0 to 1."
  default     = 0.7
}

variable "speeder_median_seconds" {
  type        = number
  description = "A participant whose median pause between consecutive responses is below this many seconds is a speeder."
  default     = 10
}

variable "speeder_min_responses" {
  type        = number
  description = "The fewest responses a participant needs before their pace is judged."
  default     = 4
}

variable "min_free_text_chars" {
  type        = number
  description = "Free-text answers shorter than this many characters are flagged."
  default     = 10
}
