"""The Python peer of make bench: what a user would write with requests to get a batch's responses as CSV.

    python3 requests_csv.py BASE_URL TOKEN BATCH_ID > responses.csv

One GET of the responses endpoint, the body decoded whole, one CSV row per response with the plugin's columns
(JSON columns as JSON text).
"""
import csv
import json
import sys

import requests

COLUMNS = ["batch_id", "id", "participant_id", "submission_id", "task_id", "correlation_id", "created_at",
           "schema_version", "no_submission", "instruction_id", "response_type", "answer", "answer_values",
           "metadata", "response"]


def main():
    base_url, token, batch_id = sys.argv[1:4]
    resp = requests.get(f"{base_url}/api/v1/data-collection/batches/{batch_id}/responses",
                        headers={"Authorization": f"Token {token}"}, timeout=600)
    resp.raise_for_status()
    out = csv.writer(sys.stdout)
    out.writerow(COLUMNS)
    for item in resp.json()["results"]:
        response = item.get("response") or {}
        answer = response.get("answer")
        values = None
        if isinstance(answer, list):
            values = [a.get("value") if isinstance(a, dict) else None for a in answer]
        out.writerow([batch_id, item.get("id"), item.get("participant_id"), item.get("submission_id"),
                      item.get("task_id"), item.get("correlation_id"), item.get("created_at"),
                      item.get("schema_version"), item.get("no_submission"), response.get("instruction_id"),
                      response.get("type"), json.dumps(answer), json.dumps(values),
                      json.dumps(item.get("metadata")), json.dumps(response)])


if __name__ == "__main__":
    main()
