package fakeapi

import "time"

// The moderation batch is the dashboards' demo (dashboards/, make test-dashboards): a small labelling batch whose
// quality figures are known in advance, so every number on a dashboard can be checked by hand.
//
//   - Seven forum comments; five raters label each of tasks 1-5 as toxic, not_toxic or unsure and give a reason.
//     Task 6 has only two raters, and task 7 none yet (total_task_count 7).
//   - Known majorities: tasks 1, 3 and 6 are toxic, tasks 2 and 5 not_toxic.
//   - One deliberate disagreement: task 4 (sarcasm) splits 2 toxic, 2 not_toxic, 1 unsure, so it has no majority.
//   - One speeder: the fifth rater answers 4 seconds apart (the others take 38-62 s), writes one-word reasons, goes
//     against the majority on three of the four tasks that have one, and finished the study in 4 minutes.
//   - One response without a submission: a walk-in participant labels task 1 with no_submission set and no
//     submission_id; the study has submissions for the five raters only.
//   - The third instruction (flag for expert review) is optional and nobody answered it.
//
// Fleiss' kappa of the toxicity labels over tasks 1-6 is 0.3071 and the mean majority share 0.7722 (docs/dashboards.md
// shows the arithmetic).
const (
	BatchModeration   = "5b7e0c1d-2f3a-4b5c-8d6e-7f8091a2b3c4"
	DatasetComments   = "a5b6c7d8-5555-4e9f-8a01-b2c3d4e5f607"
	ProjectModeration = "66a0b1c2d3e4f5a6b7c8d904"
	StudyModeration   = "6601a9e2f1c3b5d7e9a0b1c8"
	// WalkInParticipant gave the response without a submission.
	WalkInParticipant = "65aa11bb22cc33dd44ee55ff"
)

// Instruction ids of the moderation batch.
const (
	InstructionToxicity = "5c6d7e8f-4444-4293-8a0b-1c2d3e4f5a01"
	InstructionReason   = "5c6d7e8f-4444-4293-8a0b-1c2d3e4f5a02"
	InstructionFlag     = "5c6d7e8f-4444-4293-8a0b-1c2d3e4f5a03"
)

// moderationPrefix numbers the batch's response and submission ids.
const moderationPrefix = 0x3d

var moderationComments = []string{
	"You are an idiot and everyone knows it.", "I see your point, but the figures say otherwise.",
	"Nobody wants you here. Leave.", "Oh great, another genius with an opinion.",
	"Thanks for the link, it helped a lot.", "Shut up, troll.", "Could you share the source?",
}

// moderationLabels[task][rater]: the label each rater (demoParticipants[rater]) gave; tasks 6 and 7 have fewer.
var moderationLabels = [][]string{
	{"toxic", "toxic", "toxic", "toxic", "not_toxic"},
	{"not_toxic", "not_toxic", "not_toxic", "not_toxic", "toxic"},
	{"toxic", "toxic", "toxic", "not_toxic", "toxic"},
	{"toxic", "not_toxic", "unsure", "toxic", "not_toxic"},
	{"not_toxic", "not_toxic", "not_toxic", "not_toxic", "unsure"},
	{"toxic", "toxic"},
	{},
}

// moderationThink is each rater's pause between consecutive responses, in seconds; rater 5 is the speeder.
var moderationThink = []int{41, 55, 38, 62, 4}

var moderationReasons = map[string]string{
	"toxic": "Insults the other person directly.", "not_toxic": "Disagrees politely, with no insult.",
	"unsure": "Sarcastic; hard to tell the intent.",
}

var moderationSpeederReasons = []string{"ok", "no", "fine"}

// moderationSessionStart is when the study's first submission started; rater r started 3 minutes after rater r-1.
var moderationSessionStart = time.Date(2026, 9, 25, 9, 58, 0, 0, time.UTC)

func moderationBatch() []byte {
	b := &demoBuilder{batchID: BatchModeration, prefix: moderationPrefix}
	for rater, think := range moderationThink {
		// Each rater starts 2 minutes into their submission and alternates pauses of think and think+9 seconds.
		at := moderationSessionStart.Add(time.Duration(rater)*3*time.Minute + 2*time.Minute)
		pause := func(extra int) { at = at.Add(time.Duration(think+extra) * time.Second) }
		first := true
		for task, labels := range moderationLabels {
			if rater >= len(labels) {
				continue
			}
			if !first {
				pause(9)
			}
			first = false
			metadata := map[string]any{"META_comment": moderationComments[task], "META_row": task + 1}
			b.addAt(at, task, rater, metadata, demoAnswer{InstructionToxicity, "multiple_choice",
				[]map[string]any{{"value": labels[rater]}}})
			reason := moderationReasons[labels[rater]]
			if think < 10 {
				reason = moderationSpeederReasons[task%len(moderationSpeederReasons)]
			}
			pause(0)
			b.addAt(at, task, rater, metadata, demoAnswer{InstructionReason, "free_text", []map[string]any{{"value": reason}}})
		}
	}
	walkIn := b.addAt(time.Date(2026, 9, 25, 10, 30, 0, 0, time.UTC), 0, 0,
		map[string]any{"META_comment": moderationComments[0], "META_row": 1},
		demoAnswer{InstructionToxicity, "multiple_choice", []map[string]any{{"value": "toxic"}}})
	walkIn.ParticipantID, walkIn.SubmissionID, walkIn.NoSubmission = WalkInParticipant, "", true
	walkIn.CorrelationID = "0000003d-c000-4000-8000-000001000006"
	return b.body()
}

func moderationOptions(values ...string) []map[string]any {
	labels := map[string]string{"toxic": "Toxic", "not_toxic": "Not toxic", "unsure": "Unsure", "yes": "Yes", "no": "No"}
	options := []map[string]any{}
	for _, v := range values {
		options = append(options, map[string]any{"label": labels[v], "value": v})
	}
	return options
}

var moderationBatchItems = []any{
	map[string]any{"id": "b3d00000-0000-4000-8000-000000000001", "rows": []any{
		map[string]any{"id": "b3d00000-0000-4000-8000-000000000011", "columns": []any{
			map[string]any{"id": "b3d00000-0000-4000-8000-000000000111", "items": []any{
				map[string]any{"id": "b3d00000-0000-4000-8000-000000001111", "type": "dataset_field", "field": "comment"},
				map[string]any{"id": InstructionToxicity, "type": "multiple_choice", "created_at": "2026-09-24T15:05:00Z",
					"created_by": ResearcherID, "parent_id": BatchModeration, "parent_type": "batch",
					"description": "Is this comment toxic?", "answer_limit": 1, "disable_dropdown": true,
					"options": moderationOptions("toxic", "not_toxic", "unsure")},
				map[string]any{"id": InstructionReason, "type": "free_text", "created_at": "2026-09-24T15:05:01Z",
					"created_by": ResearcherID, "parent_id": BatchModeration, "parent_type": "batch",
					"description": "Why? One sentence.", "placeholder_text_input": "Your reason"},
				map[string]any{"id": InstructionFlag, "type": "multiple_choice", "created_at": "2026-09-24T15:05:02Z",
					"created_by": ResearcherID, "parent_id": BatchModeration, "parent_type": "batch",
					"description": "Flag for expert review (optional)", "answer_limit": 1,
					"options": moderationOptions("yes", "no")},
			}},
		}},
	}},
}

func init() {
	registrars = append(registrars, func(s *Server) { s.AddBatchBody(BatchModeration, moderationBatch()) })
	batches = append(batches, map[string]any{
		"id": BatchModeration, "created_at": "2026-09-24T15:00:00Z", "created_by": ResearcherID, "name": "Comment moderation",
		"status": "READY", "workspace_id": WorkspaceNLP,
		"datasets":         []map[string]any{{"id": DatasetComments, "total_datapoint_count": 7, "filename": "comments.csv"}},
		"total_task_count": 7, "total_instruction_count": 3, "total_task_groups": 7, "tasks_per_group": 1,
		"schema_version": 2, "batch_items": moderationBatchItems, "auto_sync_enabled": false,
		"task_details": map[string]any{"task_name": "Moderate comments",
			"task_introduction": "<p>Decide whether each forum comment is toxic.</p>",
			"task_steps":        "<ol><li>Read the comment</li><li>Label it</li><li>Say why</li></ol>"},
	})
	datasets = append(datasets, map[string]any{
		"id": DatasetComments, "name": "Forum comments", "created_at": "2026-09-24T14:50:00Z", "created_by": ResearcherID,
		"workspace_id": WorkspaceNLP, "total_datapoint_count": 7, "schema_version": "3", "status": "READY",
		"filename": "comments.csv", "has_predetermined_grouping_id": false,
	})
	projects_ = append(projects_, fakeProject{id: ProjectModeration, workspace: WorkspaceNLP, title: "Comment moderation",
		fields: map[string]any{"description": "Toxicity labels for forum comments.", "owner": ResearcherID,
			"type": "PRIVATE", "public_details": nil, "users": adaUsers, "naivety_distribution_rate": nil}})
	studies = append(studies, study(StudyModeration, ProjectModeration, "Moderate forum comments", map[string]any{
		"internal_name": "moderation-batch-1", "status": "AWAITING REVIEW", "total_available_places": 5,
		"places_taken": 5, "number_of_submissions": 5, "reward": 200, "total_cost": 1400,
		"estimated_completion_time": 12, "date_created": "2026-09-24T16:00:00Z",
		"published_at": "2026-09-25T09:55:00Z", "started_publishing_at": "2026-09-25T09:54:30Z",
		"is_ready_to_publish": true, "average_reward_per_hour": 1150,
		"data_collection_method": "AI_TASK_BUILDER_BATCH", "data_collection_id": BatchModeration,
		"data_collection_metadata": map[string]any{"annotators_per_task": 5}, "study_labels": []string{"annotation"},
	}))
	addDemoSubmissions(StudyModeration, moderationPrefix, moderationSessionStart, 200,
		[]string{"APPROVED", "APPROVED", "AWAITING REVIEW", "AWAITING REVIEW", "AWAITING REVIEW"})
	speeder := &submissions[StudyModeration][4]
	speeder.completed = speeder.started.Add(4 * time.Minute)
}
