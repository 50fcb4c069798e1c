package prolific

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// The columns of prolific_study (table_prolific_study.go) that read a study's submission counts by status and its
// Taskflow progress, each from an endpoint of its own, through a column hydrate: no request unless the query selects
// one of them. They live apart to keep the table's file short; this file is not a table of its own.

// submissionCountStatuses are the keys of the counts endpoint's answer (the spec's SubmissionsCountResponse), spelt
// as the API spells submission statuses; each is a column submission_count_<key in lower case with underscores>.
var submissionCountStatuses = []string{"ACTIVE", "APPROVED", "AWAITING REVIEW", "PARTIALLY APPROVED", "REJECTED",
	"RESERVED", "RETURNED", "SCREENED OUT", "TIMED-OUT", "TOTAL"}

func studyCountColumns() []*plugin.Column {
	type c = submissionCounts
	columns := []*plugin.Column{
		hydratedColumn("submission_counts", proto.ColumnType_JSON, "The number of the study's submissions in each status, as the counts endpoint returns it: keys such as \"AWAITING REVIEW\" and TOTAL. One request per study.",
			getStudySubmissionCounts, func(c *c) any { return c.raw.sqlValue() }),
	}
	for _, status := range submissionCountStatuses {
		name := "submission_count_" + strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(status))
		description := "The number of the study's submissions with status " + status + "."
		if status == "TOTAL" {
			description = "The total number of the study's submissions, as the counts endpoint gives it."
		}
		columns = append(columns, hydratedColumn(name, proto.ColumnType_INT, description+" One request per study (the counts endpoint).",
			getStudySubmissionCounts, func(c *c) any { return c.counts[status].sqlValue() }))
	}
	type p = accessDetailsProgress
	return append(columns,
		hydratedColumn("access_details_collection_id", proto.ColumnType_STRING, "The ID of the access-details collection of a Taskflow study; NULL for other studies. One request per study.",
			getStudyAccessDetailsProgress, func(p *p) any { return p.ID.sqlValue() }),
		hydratedColumn("access_details_progress", proto.ColumnType_JSON, "The progress of a Taskflow study: for each external URL, total_allocation, allocated and capacity_increments. NULL for other studies. One request per study.",
			getStudyAccessDetailsProgress, func(p *p) any { return p.Progress.sqlValue() }),
	)
}

// submissionCounts is the counts endpoint's object, kept as sent and read key by key.
type submissionCounts struct {
	raw    rawJSON
	counts map[string]jsonInt
}

func (c *submissionCounts) UnmarshalJSON(data []byte) error {
	c.raw = rawJSON(append([]byte(nil), data...))
	c.counts = map[string]jsonInt{}
	if len(data) == 0 || data[0] != '{' {
		return nil
	}
	var fields map[string]rawJSON
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil // not an object of values: the raw column keeps it, the counts are NULL
	}
	for key, value := range fields {
		var n jsonInt
		_ = n.UnmarshalJSON(value)
		c.counts[key] = n
	}
	return nil
}

// accessDetailsProgress is the spec's StudyAccessDetailsProgress.
type accessDetailsProgress struct {
	ID       jsonText `json:"id"`
	Progress rawJSON  `json:"progress"`
}

// getStudySubmissionCounts is the column hydrate of the submission count columns.
func getStudySubmissionCounts(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	s, ok := h.Item.(*study)
	if !ok {
		return nil, nil
	}
	return hydrateItem(getByID[submissionCounts](ctx, d, "prolific_study.getStudySubmissionCounts",
		"/api/v1/studies/%s/submissions/counts/", s.ID.value))
}

// getStudyAccessDetailsProgress is the column hydrate of the Taskflow progress columns. A study that is not a
// Taskflow study answers 404, which is NULL.
func getStudyAccessDetailsProgress(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	s, ok := h.Item.(*study)
	if !ok {
		return nil, nil
	}
	return hydrateItem(getByID[accessDetailsProgress](ctx, d, "prolific_study.getStudyAccessDetailsProgress",
		"/api/v1/studies/%s/access-details-progress/", s.ID.value))
}
