package prolific

import "testing"

// TestParticipantGroupFinish: a group found under a workspace, directly or through a project, whose workspace_id the
// API leaves empty gets that workspace; a group that has one keeps it; a project_id query changes nothing.
func TestParticipantGroupFinish(t *testing.T) {
	const listed, own = "65f0c2a1b4e8d9a7c3f10a22", "65f0c2a1b4e8d9a7c3f10a33"
	for _, c := range []struct {
		name, workspace string
		given           jsonText
		want            any
	}{
		{"missing, listed under a workspace", listed, jsonText{}, listed},
		{"present", listed, jsonText{value: own, set: true}, own},
		{"missing, project_id query", "", jsonText{}, nil},
	} {
		g := participantGroup{WorkspaceID: c.given}
		g.finish(c.workspace)
		if got := g.WorkspaceID.sqlValue(); got != c.want {
			t.Errorf("%s: workspace_id = %v, want %v", c.name, got, c.want)
		}
	}
}
