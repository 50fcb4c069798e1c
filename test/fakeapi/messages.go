package fakeapi

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"
)

// Message fixtures (docs/api-evidence.md ("Messages")): conversations between the researcher and the demo studies'
// participants. Their times count back from the fake's start, because the API serves only the last 30 days of messages
// without user_id: three messages are older than that, so a query without user_id or a time bound does not see them.
//
// Field names: the spec and docs say sender_id and sent_at; the official CLI says the real API sends
// datetime_created, and sender instead of sender_id on the unread endpoint (CLI commit da3d636). The fake sends the
// CLI's spelling unless Server.MessagesAsDocumented is set.

// MessageHistory is how far back GET /messages/?created_after= may reach.
const MessageHistory = 30 * 24 * time.Hour

// Message ids.
const (
	MessageBonusQuestion = "4d0000000000000000000001"
	MessageRejection     = "4d0000000000000000000003"
	MessageFroze         = "4d0000000000000000000004"
	MessageReturnedOld   = "4d0000000000000000000009"
)

type fakeMessage struct {
	id, sender, recipient, body string
	study, category             string // data.study_id and data.category; empty leaves them out
	age                         time.Duration
	unread                      bool
}

const day = 24 * time.Hour

var messages = []fakeMessage{
	{id: "4d0000000000000000000008", sender: demoParticipants[0], recipient: ResearcherID, study: StudyArchived,
		category: "feedback", body: "Thanks for the pilot, the reviews were fun to rate.", age: 45 * day},
	{id: "4d000000000000000000000a", sender: ResearcherID, recipient: demoParticipants[0], study: StudyArchived,
		body: "Thank you! We will run the full study soon.", age: 44*day + 20*time.Hour},
	{id: MessageReturnedOld, sender: ReturnedParticipant, recipient: ResearcherID, study: StudySentiment,
		category: "technical-issues", body: "My browser crashed, so I returned the study. Sorry!", age: 40 * day, unread: true},
	{id: "4d0000000000000000000005", sender: demoParticipants[1], recipient: ResearcherID, study: StudySummaries,
		category: "feedback", body: "Interesting summaries, thanks for the study.", age: 10 * day},
	{id: MessageRejection, sender: demoParticipants[3], recipient: ResearcherID, study: StudySentiment,
		category: "rejections", body: "My submission was rejected but I completed every task.", age: 5 * day},
	{id: "4d0000000000000000000006", sender: ResearcherID, recipient: demoParticipants[3], study: StudySentiment,
		body: "We have looked at your submission again and will reply by Friday.", age: 4*day + 3*time.Hour},
	{id: "4d0000000000000000000007", sender: demoParticipants[2], recipient: ResearcherID,
		category: "other", body: "Will there be more studies like this one?", age: 3 * day, unread: true},
	{id: MessageBonusQuestion, sender: demoParticipants[0], recipient: ResearcherID, study: StudySentiment,
		category: "payment-timing", body: "When will my bonus be paid?", age: 2 * day, unread: true},
	{id: "4d0000000000000000000002", sender: ResearcherID, recipient: demoParticipants[0], study: StudySentiment,
		body: "Bonuses are paid within 24 hours of approval.", age: 2*day - time.Hour},
	{id: MessageFroze, sender: demoParticipants[4], recipient: ResearcherID, study: StudyModeration,
		category: "technical-issues", body: "The page froze on task 4, so I reloaded it.", age: 1 * day, unread: true},
}

// channelID is the id of the conversation between the researcher and a participant: 64 hex digits, as documented.
func channelID(a, b string) string {
	if a > b {
		a, b = b, a
	}
	sum := sha256.Sum256([]byte(a + ":" + b))
	return hex.EncodeToString(sum[:])
}

// item is the message as an endpoint sends it; unreadList selects the unread endpoint's spelling of the sender.
func (m fakeMessage) item(now time.Time, documented, unreadList bool) map[string]any {
	item := map[string]any{"id": m.id, "body": m.body, "channel_id": channelID(m.sender, m.recipient), "type": "message"}
	data := map[string]any{}
	if m.study != "" {
		data["study_id"] = m.study
	}
	if m.category != "" {
		data["category"] = m.category
	}
	item["data"] = data
	sent := now.Add(-m.age).UTC().Format("2006-01-02T15:04:05.000000Z")
	switch {
	case documented:
		item["sender_id"], item["sent_at"] = m.sender, sent
	case unreadList:
		item["sender"], item["datetime_created"] = m.sender, sent
	default:
		item["sender_id"], item["datetime_created"] = m.sender, sent
	}
	return item
}

func init() { registrars = append(registrars, registerMessages) }

func registerMessages(s *Server) {
	// The messages' times count back from when the fake started, so that two reads return the same rows; the
	// 30-day limit counts back from each request.
	start := time.Now().UTC().Truncate(time.Second)
	s.handle("/api/v1/messages", func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		userID, createdAfter := r.URL.Query().Get("user_id"), r.URL.Query().Get("created_after")
		if userID == "" && createdAfter == "" {
			messageError(w, "created_after", "Either user_id or created_after must be provided.")
			return
		}
		var after time.Time
		if createdAfter != "" {
			var ok bool
			if after, ok = parseISO8601(createdAfter); !ok {
				messageError(w, "created_after", "Datetime has wrong format. Use ISO 8601.")
				return
			}
			if after.Before(now.Add(-MessageHistory)) {
				messageError(w, "created_after", "You can only fetch up to the last 30 days of messages.")
				return
			}
		}
		results := []map[string]any{}
		for _, m := range messages {
			sent := start.Add(-m.age)
			if (userID == "" || m.sender == userID || m.recipient == userID) && (createdAfter == "" || sent.After(after)) {
				results = append(results, m.item(start, s.MessagesAsDocumented, false))
			}
		}
		writeJSON(w, http.StatusOK, map[string]any{"results": results})
	})
	s.handle("/api/v1/messages/unread", func(w http.ResponseWriter, _ *http.Request) {
		results := []map[string]any{}
		for _, m := range messages {
			if m.unread && m.recipient == ResearcherID {
				results = append(results, m.item(start, s.MessagesAsDocumented, true))
			}
		}
		writeJSON(w, http.StatusOK, map[string]any{"results": results})
	})
}

// messageError is the messages endpoint's documented 400: a bare ErrorDetail, not wrapped in {"error": ...}.
func messageError(w http.ResponseWriter, field, message string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"status": http.StatusBadRequest, "error_code": 140001,
		"title": "Bad Request", "detail": map[string][]string{field: {message}}})
}

// parseISO8601 reads the timestamps the API documents as ISO 8601: with a zone, without one (UTC), or a bare date,
// which the CLI's help suggests (`-c 2023-05-01`).
func parseISO8601(text string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, text); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
