package main

import (
	"strings"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// testTable is prolific_submission's shape: study_id required for the List, id for the Get, status optional, and
// the sp_connection_name key the SDK adds to every table.
func testTable() *table {
	connectionKey := &proto.KeyColumn{Name: "sp_connection_name", Operators: []string{"=", "<>"}, Require: "optional"}
	return newTables(map[string]*proto.TableSchema{"prolific_submission": {
		Columns: []*proto.ColumnDefinition{
			{Name: "study_id", Type: proto.ColumnType_STRING}, {Name: "id", Type: proto.ColumnType_STRING},
			{Name: "status", Type: proto.ColumnType_STRING}, {Name: "is_complete", Type: proto.ColumnType_BOOL},
			{Name: "sp_connection_name", Type: proto.ColumnType_STRING},
		},
		ListCallKeyColumnList: []*proto.KeyColumn{
			{Name: "study_id", Operators: []string{"="}, Require: "required"},
			{Name: "status", Operators: []string{"="}, Require: "optional"}, connectionKey,
		},
		GetCallKeyColumnList: []*proto.KeyColumn{{Name: "id", Operators: []string{"="}, Require: "required"}, connectionKey},
	}})[0]
}

func TestPlanWithoutRequiredQualFailsWithAnExample(t *testing.T) {
	answer := choosePlan(testTable(), indexRequest{constraints: []constraint{
		{column: 2, op: opEQ, usable: true},  // status = ...
		{column: 0, op: opEQ, usable: false}, // study_id = <a table later in the join order>
		{column: 0, op: 65 /* LIKE */, usable: true},
	}})
	if answer.cost != unsatisfiableCost {
		t.Errorf("cost = %g, want %g", answer.cost, unsatisfiableCost)
	}
	for _, want := range []string{"prolific_submission needs study_id (or id)", "where study_id = '...'", "where study_id in ("} {
		if !strings.Contains(answer.plan.Missing, want) {
			t.Errorf("message %q lacks %q", answer.plan.Missing, want)
		}
	}
}

func TestPlanPassesKeyQualsAndAnInList(t *testing.T) {
	answer := choosePlan(testTable(), indexRequest{constraints: []constraint{
		{column: 3, op: opEQ, usable: true},               // is_complete: not a key column
		{column: 0, op: opEQ, usable: true, inList: true}, // study_id in (...)
		{column: 2, op: opEQ, usable: true},               // status = ...
		{column: 0, op: opEQ, usable: true},               // a second study_id = ...: SQLite checks it
	}, colUsed: 1 << 1})
	if answer.plan.Missing != "" {
		t.Fatalf("unexpected missing qual: %s", answer.plan.Missing)
	}
	if got, want := answer.argv, []int{0, 1, 2, 0}; !equalInts(got, want) {
		t.Errorf("argv = %v, want %v", got, want)
	}
	if !answer.inList[1] || answer.inList[2] {
		t.Errorf("inList = %v, want only the study_id IN", answer.inList)
	}
	if got := answer.plan.Columns; len(got) != 1 || got[0] != "id" {
		t.Errorf("columns = %v, want [id]", got)
	}
	if answer.cost >= fullListCost {
		t.Errorf("cost %g is not below a full list's %g", answer.cost, fullListCost)
	}
}

func TestPlanPushesLimitOnlyWhenSQLiteCannotDropRows(t *testing.T) {
	studyID := constraint{column: 0, op: opEQ, usable: true}
	limit, offset := constraint{op: opLimit, usable: true}, constraint{op: opOffset, usable: true}
	pushed := choosePlan(testTable(), indexRequest{constraints: []constraint{studyID, limit, offset}})
	if pushed.plan.Limit != 2 || pushed.plan.Offset != 3 || !equalInts(pushed.argv, []int{1, 2, 3}) {
		t.Errorf("limit %d offset %d argv %v, want 2, 3, [1 2 3]", pushed.plan.Limit, pushed.plan.Offset, pushed.argv)
	}
	for name, req := range map[string]indexRequest{
		"order by":          {constraints: []constraint{studyID, limit}, orderBy: 1},
		"non-key condition": {constraints: []constraint{studyID, {column: 3, op: opEQ, usable: true}, limit}},
		"like on a key":     {constraints: []constraint{studyID, {column: 2, op: 65, usable: true}, limit}},
	} {
		if answer := choosePlan(testTable(), req); answer.plan.Limit != 0 {
			t.Errorf("%s: LIMIT pushed (argv %v)", name, answer.argv)
		}
	}
}

func TestPlanGetByIDIsOneRow(t *testing.T) {
	answer := choosePlan(testTable(), indexRequest{constraints: []constraint{{column: 1, op: opEQ, usable: true}}})
	if answer.plan.Missing != "" || !answer.unique || answer.rows != 1 {
		t.Errorf("missing %q unique %v rows %d, want a one-row plan", answer.plan.Missing, answer.unique, answer.rows)
	}
	// A count(*) reads no column; the plugin still gets one, the qual's.
	if got := answer.plan.Columns; len(got) != 1 || got[0] != "id" {
		t.Errorf("columns = %v, want [id]", got)
	}
}

func TestDeclarationUsesTurbotTypes(t *testing.T) {
	want := `create table "prolific_submission"("study_id" TEXT, "id" TEXT, "status" TEXT, "is_complete" INT, "sp_connection_name" TEXT)`
	if got := testTable().declaration(); got != want {
		t.Errorf("declaration =\n%s\nwant\n%s", got, want)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
