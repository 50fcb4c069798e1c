package main

/*
#cgo CFLAGS: -O2 -Wall
#include <stdlib.h>
#include "extension.h"
*/
import "C"

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/cgo"
	"unsafe"

	"github.com/turbot/steampipe-plugin-sdk/v5/anywhere"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// configureFunction is the SQL function that sets the connection configuration, named as in Turbot's extensions.
const configureFunction = "steampipe_configure_prolific"

//export prolificSQLiteInit
func prolificSQLiteInit(db *C.sqlite3) *C.char {
	e, err := getEngine()
	if err != nil {
		return C.CString(err.Error())
	}
	for i, t := range e.tables {
		name := C.CString(t.name)
		rc := C.psp_create_module(db, name, C.int(i))
		C.free(unsafe.Pointer(name))
		if rc != C.SQLITE_OK {
			return C.CString(fmt.Sprintf("prolific: registering the table %s failed (SQLite error %d)", t.name, int(rc)))
		}
	}
	name := C.CString(configureFunction)
	defer C.free(unsafe.Pointer(name))
	if rc := C.psp_create_configure_function(db, name); rc != C.SQLITE_OK {
		return C.CString(fmt.Sprintf("prolific: registering %s failed (SQLite error %d)", configureFunction, int(rc)))
	}
	return nil
}

//export prolificSQLiteDeclaration
func prolificSQLiteDeclaration(table C.int) *C.char {
	return C.CString(theEngine.tables[table].declaration())
}

//export prolificSQLiteConfigure
func prolificSQLiteConfigure(ctx *C.sqlite3_context, argc C.int, argv **C.sqlite3_value) {
	args := unsafe.Slice(argv, int(argc))
	switch C.psp_value_type(args[0]) {
	case C.SQLITE_TEXT, C.SQLITE_BLOB:
	default:
		resultError(ctx, configureFunction+" takes the connection configuration as text, for example "+
			configureFunction+"('token = \"...\"')")
		return
	}
	if err := theEngine.configure(readArg(args[0]).text); err != nil {
		resultError(ctx, err.Error())
		return
	}
	C.psp_result_null(ctx)
}

//export prolificSQLiteBestIndex
func prolificSQLiteBestIndex(tableIndex C.int, vtab *C.sqlite3_vtab, info *C.sqlite3_index_info) C.int {
	t := theEngine.tables[tableIndex]
	n := int(info.nConstraint)
	constraints := unsafe.Slice(info.aConstraint, n)
	usage := unsafe.Slice(info.aConstraintUsage, n)
	req := indexRequest{constraints: make([]constraint, n), orderBy: int(info.nOrderBy), colUsed: uint64(info.colUsed)}
	for i, c := range constraints {
		req.constraints[i] = constraint{column: int(c.iColumn), op: int(c.op), usable: c.usable != 0,
			inList: c.op == opEQ && c.usable != 0 && C.psp_vtab_in(info, C.int(i), -1) != 0}
	}
	answer := choosePlan(t, req)
	encoded, err := json.Marshal(answer.plan)
	if err != nil {
		setVtabError(vtab, fmt.Sprintf("%s: planning the query failed: %v", t.name, err))
		return C.SQLITE_ERROR
	}
	for i := range usage {
		usage[i].argvIndex = C.int(answer.argv[i])
		usage[i].omit = 0 // SQLite checks every constraint again on the rows that come back
		if answer.inList[i] {
			C.psp_vtab_in(info, C.int(i), 1)
		}
	}
	info.idxStr = C.psp_strdup((*C.char)(unsafe.Pointer(unsafe.SliceData(encoded))), C.int(len(encoded)))
	info.needToFreeIdxStr = 1
	info.estimatedCost = C.double(answer.cost)
	info.estimatedRows = C.sqlite3_int64(answer.rows)
	if answer.unique {
		info.idxFlags |= C.SQLITE_INDEX_SCAN_UNIQUE
	}
	return C.SQLITE_OK
}

// cursor is one scan of a table. SQLite may call xFilter on the same cursor many times (once per outer row of a
// join); each call cancels the previous scan and starts a new one.
type cursor struct {
	table  *table
	cancel context.CancelFunc
	stream *anywhere.LocalPluginStream
	row    map[string]*proto.Column
	rowid  int64
	eof    bool
}

//export prolificSQLiteOpen
func prolificSQLiteOpen(tableIndex C.int) C.uintptr_t {
	return C.uintptr_t(cgo.NewHandle(&cursor{table: theEngine.tables[tableIndex], eof: true}))
}

//export prolificSQLiteClose
func prolificSQLiteClose(handle C.uintptr_t) {
	h := cgo.Handle(handle)
	h.Value().(*cursor).stop()
	h.Delete()
}

func cursorOf(handle C.uintptr_t) *cursor {
	return cgo.Handle(handle).Value().(*cursor)
}

func (c *cursor) stop() {
	if c.cancel != nil {
		c.cancel()
		c.cancel, c.stream = nil, nil
	}
}

//export prolificSQLiteFilter
func prolificSQLiteFilter(handle C.uintptr_t, vtab *C.sqlite3_vtab, idxStr *C.char, argc C.int, argv **C.sqlite3_value) C.int {
	c := cursorOf(handle)
	c.stop()
	c.eof, c.rowid, c.row = true, 0, nil
	var p plan
	if err := json.Unmarshal([]byte(C.GoString(idxStr)), &p); err != nil {
		return setVtabError(vtab, fmt.Sprintf("%s: reading the query plan failed: %v", c.table.name, err))
	}
	if p.Missing != "" {
		return setVtabError(vtab, p.Missing)
	}
	args := unsafe.Slice(argv, int(argc))
	quals, matchesNothing := c.table.quals(p.Quals, args)
	if matchesNothing {
		return C.SQLITE_OK
	}
	limit := int64(-1)
	if p.Limit > 0 {
		limit = readArg(args[p.Limit-1]).i
		if p.Offset > 0 && limit >= 0 {
			limit += max(readArg(args[p.Offset-1]).i, 0)
		}
		if limit == 0 {
			return C.SQLITE_OK // LIMIT 0: no row, and no request
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	c.stream = theEngine.execute(ctx, c.table, p.Columns, quals, limit)
	c.eof = false
	return c.next(vtab)
}

// quals builds the plugin's quals from the xFilter arguments. It reports matchesNothing when a value cannot match
// any row (NULL, an empty IN list), so that no request is made.
func (t *table) quals(planned []planQual, args []*C.sqlite3_value) (quals map[string]*proto.Quals, matchesNothing bool) {
	quals = map[string]*proto.Quals{}
	columnTypes := map[string]proto.ColumnType{}
	for _, c := range t.columns {
		columnTypes[c.GetName()] = c.GetType()
	}
	for _, q := range planned {
		var value *proto.QualValue
		if q.In {
			value = inListValue(columnTypes[q.Column], args[q.Arg-1])
		} else if v, ok := qualValue(columnTypes[q.Column], readArg(args[q.Arg-1])); ok {
			value = v
		}
		if value == nil {
			return nil, true
		}
		entry := quals[q.Column]
		if entry == nil {
			entry = &proto.Quals{}
			quals[q.Column] = entry
		}
		entry.Quals = append(entry.Quals, &proto.Qual{FieldName: q.Column, Operator: &proto.Qual_StringValue{StringValue: q.Operator}, Value: value})
	}
	return quals, false
}

// inListValue reads every value of an IN handed over at once, without NULLs and duplicates (each value is one scan
// of the plugin, and a duplicate would return its rows twice). It returns nil when no value is left.
func inListValue(columnType proto.ColumnType, list *C.sqlite3_value) *proto.QualValue {
	values := &proto.QualValueList{}
	seen := map[string]bool{}
	var value *C.sqlite3_value
	for rc := C.psp_vtab_in_first(list, &value); rc == C.SQLITE_OK && value != nil; rc = C.psp_vtab_in_next(list, &value) {
		arg := readArg(value)
		if v, ok := qualValue(columnType, arg); ok && !seen[arg.text] {
			seen[arg.text] = true
			values.Values = append(values.Values, v)
		}
	}
	if len(values.Values) == 0 {
		return nil
	}
	return &proto.QualValue{Value: &proto.QualValue_ListValue{ListValue: values}}
}

//export prolificSQLiteNext
func prolificSQLiteNext(handle C.uintptr_t, vtab *C.sqlite3_vtab) C.int {
	return cursorOf(handle).next(vtab)
}

// next reads the next row. An error, even after rows, fails the statement: SQLite never sees a short result as a
// whole one.
func (c *cursor) next(vtab *C.sqlite3_vtab) C.int {
	if c.stream == nil {
		c.eof = true
		return C.SQLITE_OK
	}
	for {
		resp, err := c.stream.Recv()
		if err != nil {
			c.stop()
			c.eof = true
			return setVtabError(vtab, pluginError(c.table, err))
		}
		if resp == nil {
			c.stop()
			c.eof = true
			return C.SQLITE_OK
		}
		if resp.GetRow() != nil {
			c.row = resp.GetRow().GetColumns()
			c.rowid++
			return C.SQLITE_OK
		}
	}
}

//export prolificSQLiteEof
func prolificSQLiteEof(handle C.uintptr_t) C.int {
	if cursorOf(handle).eof {
		return 1
	}
	return 0
}

//export prolificSQLiteRowid
func prolificSQLiteRowid(handle C.uintptr_t) C.sqlite3_int64 {
	return C.sqlite3_int64(cursorOf(handle).rowid)
}

//export prolificSQLiteColumn
func prolificSQLiteColumn(handle C.uintptr_t, ctx *C.sqlite3_context, column C.int) C.int {
	c := cursorOf(handle)
	v := toSQL(c.row[c.table.columns[column].GetName()])
	switch {
	case v.null:
		C.psp_result_null(ctx)
	case v.isInt:
		C.psp_result_int64(ctx, C.sqlite3_int64(v.i))
	case v.isReal:
		C.psp_result_double(ctx, C.double(v.f))
	case v.isJSON:
		C.psp_result_json(ctx, stringData(v.text), C.int(len(v.text)))
	default:
		C.psp_result_text(ctx, stringData(v.text), C.int(len(v.text)))
	}
	return C.SQLITE_OK
}

// readArg copies a value SQLite passed in.
func readArg(v *C.sqlite3_value) sqliteArg {
	switch C.psp_value_type(v) {
	case C.SQLITE_NULL:
		return sqliteArg{null: true}
	case C.SQLITE_INTEGER:
		i := int64(C.psp_value_int64(v))
		return sqliteArg{isInt: true, i: i, text: fmt.Sprint(i)}
	}
	text := C.psp_value_text(v) // before psp_value_bytes, as SQLite's documentation asks
	arg := sqliteArg{text: C.GoStringN((*C.char)(unsafe.Pointer(text)), C.psp_value_bytes(v))}
	if C.psp_value_type(v) == C.SQLITE_FLOAT {
		arg.isReal, arg.f = true, float64(C.psp_value_double(v))
	}
	return arg
}

// stringData points C at a Go string's bytes for the length of one call; SQLite copies them (SQLITE_TRANSIENT).
func stringData(s string) *C.char {
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s)))
}

func setVtabError(vtab *C.sqlite3_vtab, message string) C.int {
	C.psp_set_vtab_error(vtab, stringData(message), C.int(len(message)))
	return C.SQLITE_ERROR
}

func resultError(ctx *C.sqlite3_context, message string) {
	C.psp_result_error(ctx, stringData(message), C.int(len(message)))
}
