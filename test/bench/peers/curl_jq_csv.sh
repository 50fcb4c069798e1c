#!/usr/bin/env bash
# The curl+jq peer of make bench: what a user would write in the shell to get a batch's responses as CSV.
#
#   curl_jq_csv.sh BASE_URL TOKEN BATCH_ID > responses.csv
#
# One GET of the responses endpoint piped into jq, one CSV row per response with the plugin's columns (JSON columns
# as JSON text).
set -euo pipefail
base_url=$1 token=$2 batch_id=$3
curl -sS --fail -H "Authorization: Token $token" "$base_url/api/v1/data-collection/batches/$batch_id/responses" |
  jq -r --arg batch "$batch_id" '
    (["batch_id", "id", "participant_id", "submission_id", "task_id", "correlation_id", "created_at",
      "schema_version", "no_submission", "instruction_id", "response_type", "answer", "answer_values", "metadata",
      "response"] | @csv),
    (.results[] | [$batch, .id, .participant_id, .submission_id, .task_id, .correlation_id, .created_at,
      .schema_version, (.no_submission | tostring), .response.instruction_id, .response.type,
      (.response.answer | tojson), ([.response.answer[]? | .value] | tojson), (.metadata | tojson),
      (.response | tojson)] | @csv)'
