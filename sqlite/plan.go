package main

import (
	"fmt"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// SQLite's constraint operator codes (sqlite3.h), repeated here so that the planner has no cgo in it and can be
// tested on its own.
const (
	opEQ     = 2
	opGT     = 4
	opLE     = 8
	opLT     = 16
	opGE     = 32
	opNE     = 68
	opLimit  = 73
	opOffset = 74
)

// pluginOperators maps SQLite's operators to the plugin's qual operators. Anything else (LIKE, GLOB, IS, ...) is
// left to SQLite.
var pluginOperators = map[int]string{opEQ: "=", opGT: ">", opLE: "<=", opLT: "<", opGE: ">=", opNE: "<>"}

// Costs that steer SQLite's planner: a plan without a required qual must lose to any plan that has it (a join
// that supplies batch_id from another table, say), and still be chosen when nothing better exists, so that the
// query fails with our message instead of "no query solution".
const (
	unsatisfiableCost = 1e15
	fullListCost      = 1e6
)

// constraint is one entry of sqlite3_index_info.aConstraint, as the planner needs it.
type constraint struct {
	column int // index into the table's columns; -1 for the rowid
	op     int
	usable bool
	inList bool // an IN whose values SQLite can hand over at once (sqlite3_vtab_in(info, i, -1))
}

// indexRequest is the input of xBestIndex.
type indexRequest struct {
	constraints []constraint
	orderBy     int    // the number of ORDER BY terms
	colUsed     uint64 // bit i: column i is used; bit 63: column 63 or later
}

// indexAnswer is the output of xBestIndex.
type indexAnswer struct {
	argv   []int  // per constraint: its 1-based xFilter argument, 0 when SQLite keeps it to itself
	inList []bool // per constraint: take the IN's values all at once
	plan   plan
	cost   float64
	rows   int64
	unique bool
}

// plan is what xBestIndex decided, carried to xFilter in idxStr as JSON.
type plan struct {
	Quals   []planQual `json:"quals,omitempty"`
	Limit   int        `json:"limit,omitempty"`  // 1-based xFilter argument holding LIMIT; 0 when not pushed
	Offset  int        `json:"offset,omitempty"` // 1-based xFilter argument holding OFFSET, with Limit
	Columns []string   `json:"columns"`
	Missing string     `json:"missing,omitempty"` // the error to raise: the plan lacks a required qual
}

// planQual is one constraint passed to the plugin as a qual.
type planQual struct {
	Column   string `json:"column"`
	Operator string `json:"operator"`
	Arg      int    `json:"arg"`
	In       bool   `json:"in,omitempty"`
}

// choosePlan answers xBestIndex for table t. It passes every usable constraint on a key column, with an operator
// the plugin takes for that column, to the plugin; SQLite still checks every constraint on the rows that come back.
// LIMIT is passed only when SQLite's own checks cannot remove rows after the plugin has counted them: no ORDER BY,
// and no constraint that the plugin does not take.
func choosePlan(t *table, req indexRequest) indexAnswer {
	n := len(req.constraints)
	answer := indexAnswer{argv: make([]int, n), inList: make([]bool, n)}
	next := 1
	taken := map[string]bool{}
	allTaken := true
	limitAt, offsetAt := -1, -1
	for i, c := range req.constraints {
		switch c.op {
		case opLimit:
			limitAt = i
			continue
		case opOffset:
			offsetAt = i
			continue
		}
		column, operator, ok := t.pluginQual(c)
		if !ok || taken[column+" "+operator] {
			allTaken = false
			continue
		}
		taken[column+" "+operator] = true
		answer.argv[i] = next
		answer.inList[i] = operator == "=" && c.inList
		answer.plan.Quals = append(answer.plan.Quals, planQual{Column: column, Operator: operator, Arg: next, In: answer.inList[i]})
		next++
	}
	answer.plan.Columns = t.usedColumns(req.colUsed, answer.plan.Quals)

	if !t.satisfiedBy(answer.plan.Quals) {
		answer.plan.Missing = t.missingQualMessage()
		answer.cost, answer.rows = unsatisfiableCost, 1e9
		return answer
	}
	if limitAt >= 0 && allTaken && req.orderBy == 0 {
		answer.argv[limitAt] = next
		answer.plan.Limit = next
		next++
		if offsetAt >= 0 {
			answer.argv[offsetAt] = next
			answer.plan.Offset = next
		}
	}
	answer.cost, answer.rows, answer.unique = t.estimate(answer.plan.Quals)
	return answer
}

// pluginQual returns the column and plugin operator of a constraint the plugin takes.
func (t *table) pluginQual(c constraint) (string, string, bool) {
	if !c.usable || c.column < 0 || c.column >= len(t.columns) {
		return "", "", false
	}
	column := t.columns[c.column].GetName()
	operator, ok := pluginOperators[c.op]
	if !ok || !contains(t.keyOperators[column], operator) {
		return "", "", false
	}
	return column, operator, true
}

// usedColumns lists the columns SQLite reads, so that the plugin runs only the hydrates they need. A query that
// reads no column (count(*)) still asks for one: the first qual's column, or the first column.
func (t *table) usedColumns(colUsed uint64, quals []planQual) []string {
	var columns []string
	for i, c := range t.columns {
		if colUsed&(1<<min(i, 63)) != 0 {
			columns = append(columns, c.GetName())
		}
	}
	if len(columns) == 0 && len(quals) > 0 {
		columns = append(columns, quals[0].Column)
	}
	if len(columns) == 0 && len(t.columns) > 0 {
		columns = append(columns, t.columns[0].GetName())
	}
	return columns
}

// satisfiedBy reports whether the quals meet the List call's requirements or give every Get key column.
func (t *table) satisfiedBy(quals []planQual) bool {
	given := map[string]bool{}
	for _, q := range quals {
		given[q.Column] = true
	}
	get := t.getKeys()
	return keysSatisfied(t.schema.GetListCallKeyColumnList(), given) || (len(get) > 0 && allGiven(get, given))
}

// getKeys returns the key columns a Get call requires. The SDK lists sp_connection_name as an optional Get key of
// every table, so a table without a Get has an optional key and no required one.
func (t *table) getKeys() []*proto.KeyColumn {
	var keys []*proto.KeyColumn
	for _, key := range t.schema.GetGetCallKeyColumnList() {
		if key.GetRequire() == "required" {
			keys = append(keys, key)
		}
	}
	return keys
}

func keysSatisfied(keys []*proto.KeyColumn, given map[string]bool) bool {
	anyOf, anyOfGiven := false, false
	for _, key := range keys {
		switch key.GetRequire() {
		case "required":
			if !given[key.GetName()] {
				return false
			}
		case "any_of":
			anyOf = true
			anyOfGiven = anyOfGiven || given[key.GetName()]
		}
	}
	return !anyOf || anyOfGiven
}

func allGiven(keys []*proto.KeyColumn, given map[string]bool) bool {
	for _, key := range keys {
		if !given[key.GetName()] {
			return false
		}
	}
	return true
}

// missingQualMessage names the column a query must give and shows how, with the Get key as the alternative.
func (t *table) missingQualMessage() string {
	var required, anyOf, get []string
	for _, key := range t.schema.GetListCallKeyColumnList() {
		switch key.GetRequire() {
		case "required":
			required = append(required, key.GetName())
		case "any_of":
			anyOf = append(anyOf, key.GetName())
		}
	}
	for _, key := range t.getKeys() {
		get = append(get, key.GetName())
	}
	var need, example string
	switch {
	case len(required) > 0:
		need, example = strings.Join(required, " and "), required[0]
	case len(anyOf) > 0:
		need, example = "one of "+strings.Join(anyOf, ", "), anyOf[0]
	default:
		need, example = strings.Join(get, " and "), get[0]
	}
	alternative := ""
	if len(required)+len(anyOf) > 0 && len(get) > 0 {
		alternative = fmt.Sprintf(" (or %s)", strings.Join(get, " and "))
	}
	return fmt.Sprintf("%s needs %s%s in the query: give it with = or in, or take it from a join, for example "+
		"\"where %s = '...'\", \"where %s in ('...', '...')\" or \"join %s as t on t.%s = my_table.%s\". "+
		"Conditions such as like, <> or lower(%s) = ... cannot be sent to the Prolific API",
		t.name, need, alternative, example, example, t.name, example, example, example)
}

// estimate gives a plan's cost and rows: a Get by its key is one row, a List narrows with each qual, and an IN list
// costs more than one value.
func (t *table) estimate(quals []planQual) (float64, int64, bool) {
	given, anyIn := map[string]bool{}, false
	for _, q := range quals {
		if q.Operator == "=" {
			given[q.Column] = true
			anyIn = anyIn || q.In
		}
	}
	if get := t.getKeys(); len(get) > 0 && allGiven(get, given) && !anyIn {
		return 10, 1, true
	}
	cost := fullListCost
	for _, q := range quals {
		switch {
		case q.In:
			cost /= 10
		case q.Operator == "=":
			cost /= 100
		default:
			cost /= 2
		}
	}
	return cost, int64(cost / 10), false
}
