package main

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pipeworks/steampipe-plugin-prolific/prolific"
	"github.com/turbot/steampipe-plugin-sdk/v5/filter"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// buildQuals parses each --where with the SDK's filter grammar (the one Turbot's exporters use) and turns it into
// quals: the conditions the plugin itself applies when it calls the API. Only key columns can take a condition; the
// export filters nothing itself, so a condition on any other column would be silently ignored, and is refused.
// A clause may join comparisons with "and"; "or" cannot become quals.
func buildQuals(table *proto.TableSchema, tableName string, wheres []string) (map[string]*proto.Quals, error) {
	quals := map[string]*proto.Quals{}
	for _, where := range wheres {
		parsed, err := filter.Parse("", []byte(where))
		if err != nil {
			return nil, usagef("--where %q is not a condition the export can read. Write it as SQL, for example "+
				"--where \"batch_id = 'YOUR_BATCH_ID'\", with text values in single quotes", where)
		}
		comparisons, err := conjuncts(parsed)
		if err != nil {
			return nil, usagef("--where %q: %s", where, err)
		}
		for _, comparison := range comparisons {
			qual, err := toQual(table, tableName, comparison)
			if err != nil {
				return nil, usagef("--where %q: %s", where, err)
			}
			if quals[qual.FieldName] == nil {
				quals[qual.FieldName] = &proto.Quals{}
			}
			quals[qual.FieldName].Quals = append(quals[qual.FieldName].Quals, qual)
		}
	}
	return quals, nil
}

// conjuncts flattens a parsed condition joined by "and" into its comparisons.
func conjuncts(node any) ([]filter.ComparisonNode, error) {
	comparison, ok := node.(filter.ComparisonNode)
	if !ok {
		return nil, fmt.Errorf("expected a comparison such as column = 'value'")
	}
	switch comparison.Type {
	case "and":
		var all []filter.ComparisonNode
		for _, part := range comparison.Values.([]any) {
			parts, err := conjuncts(part)
			if err != nil {
				return nil, err
			}
			all = append(all, parts...)
		}
		return all, nil
	case "or", "not":
		return nil, fmt.Errorf("%q cannot be passed to the Prolific API: use = or in (...), and repeat --where to add conditions", comparison.Type)
	case "compare", "in", "like", "is":
		return []filter.ComparisonNode{comparison}, nil
	default:
		return nil, fmt.Errorf("expected a comparison such as column = 'value'")
	}
}

// toQual turns one comparison of a key column with constants into a qual.
func toQual(table *proto.TableSchema, tableName string, comparison filter.ComparisonNode) (*proto.Qual, error) {
	operands, _ := comparison.Values.([]filter.CodeNode)
	if len(operands) < 2 {
		return nil, fmt.Errorf("expected a comparison such as column = 'value'")
	}
	operator := strings.ToLower(comparison.Operator.Value)
	column, values := operands[0], operands[1:]
	if comparison.Type == "compare" && !isIdentifier(column) && isIdentifier(values[0]) {
		column, values = values[0], []filter.CodeNode{column} // 'value' = column
	}
	if comparison.Type == "in" && operator == "in" {
		operator = "="
	}
	if !isIdentifier(column) || len(column.JsonbSelector) > 0 {
		return nil, fmt.Errorf("the left side must be a column name, such as batch_id = '...'")
	}
	definition := table.GetColumnMap()[column.Value]
	if definition == nil {
		return nil, fmt.Errorf("%s has no column %q", tableName, column.Value)
	}
	if err := checkKeyColumn(table, tableName, column.Value, operator); err != nil {
		return nil, err
	}
	var list []*proto.QualValue
	for _, value := range values {
		if isIdentifier(value) {
			return nil, fmt.Errorf("%s is compared with %s, which is not a value: put text values in single quotes, "+
				"as in %s = '%s'", column.Value, value.Source, column.Value, value.Source)
		}
		qualValue, err := toQualValue(value, definition.GetType())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", column.Value, err)
		}
		list = append(list, qualValue)
	}
	qual := &proto.Qual{FieldName: column.Value, Operator: &proto.Qual_StringValue{StringValue: operator}, Value: list[0]}
	if comparison.Type == "in" {
		qual.Value = &proto.QualValue{Value: &proto.QualValue_ListValue{ListValue: &proto.QualValueList{Values: list}}}
	}
	return qual, nil
}

func isIdentifier(node filter.CodeNode) bool {
	return node.Type == "unquoted_identifier" || node.Type == "quoted_identifier"
}

// declaredKeysOnly drops from each table's schema the key columns that the SDK adds for connection key columns
// (workspace_id on a call that does not take it; prolific/connection_keys.go). They route an aggregator's query to
// its connections, and the call itself ignores them: the export filters nothing itself, so a --where on one would be
// accepted and filter nothing. It is then refused like any other column the API cannot filter on.
func declaredKeysOnly(schema map[string]*proto.TableSchema) {
	definition := prolific.Plugin(context.Background())
	for name, table := range schema {
		declared := definition.TableMap[name]
		if declared == nil {
			continue
		}
		var listKeys, getKeys plugin.KeyColumnSlice
		if declared.List != nil {
			listKeys = declared.List.KeyColumns
		}
		if declared.Get != nil {
			getKeys = declared.Get.KeyColumns
		}
		table.ListCallKeyColumnList = keepDeclared(table.ListCallKeyColumnList, listKeys)
		table.GetCallKeyColumnList = keepDeclared(table.GetCallKeyColumnList, getKeys)
	}
}

func keepDeclared(keys []*proto.KeyColumn, declared plugin.KeyColumnSlice) []*proto.KeyColumn {
	return slices.DeleteFunc(keys, func(key *proto.KeyColumn) bool {
		return !slices.Contains(sdkColumns, key.GetName()) && declared.Find(key.GetName()) == nil
	})
}

// checkKeyColumn accepts a column that one of the table's API calls takes as a parameter with this operator.
func checkKeyColumn(table *proto.TableSchema, tableName, column, operator string) error {
	var keys []string
	for _, key := range table.GetAllKeyColumns() {
		if key.GetName() == column {
			if slices.Contains(key.GetOperators(), operator) {
				return nil
			}
			return fmt.Errorf("%s accepts only %s in --where, not %q", column, strings.Join(key.GetOperators(), ", "), operator)
		}
		if !slices.Contains(keys, key.GetName()) && !slices.Contains(sdkColumns, key.GetName()) {
			keys = append(keys, key.GetName())
		}
	}
	return fmt.Errorf("%s cannot be filtered on %s: the export passes conditions to the Prolific API and applies "+
		"no filter itself, and the API takes only %s. Export without it and filter the file afterwards",
		tableName, column, strings.Join(keys, ", "))
}

// toQualValue converts a constant to the column's type.
func toQualValue(node filter.CodeNode, columnType proto.ColumnType) (*proto.QualValue, error) {
	switch columnType {
	case proto.ColumnType_STRING:
		if node.Type != "string" && node.Type != "number" {
			return nil, fmt.Errorf("expected a text value in single quotes, got %s", node.Source)
		}
		return &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: node.Value}}, nil
	case proto.ColumnType_INT:
		n, err := strconv.ParseInt(node.Value, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("expected a whole number, got %s", node.Source)
		}
		return &proto.QualValue{Value: &proto.QualValue_Int64Value{Int64Value: n}}, nil
	case proto.ColumnType_BOOL:
		b, err := strconv.ParseBool(node.Value)
		if err != nil {
			return nil, fmt.Errorf("expected true or false, got %s", node.Source)
		}
		return &proto.QualValue{Value: &proto.QualValue_BoolValue{BoolValue: b}}, nil
	default:
		return nil, fmt.Errorf("the export cannot pass a %s value to the plugin", strings.ToLower(columnType.String()))
	}
}

// checkRequiredQuals refuses, before any API call, a table read that lacks a condition the API needs: each column
// the table's list call requires, unless every column of its get call is given instead.
func checkRequiredQuals(table *proto.TableSchema, tableName string, quals map[string]*proto.Quals) error {
	// required and missing; the SDK adds sp_connection_name to both calls as an optional key
	missing := func(keys []*proto.KeyColumn) (required, missing []string) {
		for _, key := range keys {
			if key.GetRequire() == "required" {
				required = append(required, key.GetName())
				if quals[key.GetName()] == nil {
					missing = append(missing, key.GetName())
				}
			}
		}
		return required, missing
	}
	_, listMissing := missing(table.GetListCallKeyColumnList())
	if len(listMissing) == 0 {
		return nil
	}
	if getRequired, getMissing := missing(table.GetGetCallKeyColumnList()); len(getRequired) > 0 && len(getMissing) == 0 {
		return nil
	}
	var example []string
	for _, column := range listMissing {
		example = append(example, fmt.Sprintf(`--where "%s = 'YOUR_%s'"`, column, strings.ToUpper(column)))
	}
	msg := fmt.Sprintf("%s needs a value for %s: the Prolific API lists it only for a given %s. Add for example:\n  %s %s %s",
		tableName, strings.Join(listMissing, " and "), strings.Join(listMissing, " and "),
		command, tableName, strings.Join(example, " "))
	for _, column := range listMissing {
		if parent := "prolific_" + strings.TrimSuffix(column, "_id"); column != "id" && slices.Contains(tableNames(), parent) {
			msg += fmt.Sprintf("\nTo find %s values: %s %s --select id,name", column, command, parent)
		}
	}
	return usageError{msg}
}
