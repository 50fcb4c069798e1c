package plugin

import (
	"context"
	"log"
	"reflect"
	"time"

	typeHelpers "github.com/turbot/go-kit/types"
	connection_manager "github.com/turbot/steampipe-plugin-sdk/v5/connection"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
	"github.com/turbot/steampipe-plugin-sdk/v5/query_cache"
	"golang.org/x/exp/maps"
)

func (p *Plugin) addConnectionKeyColumns(tableName string, t *proto.TableSchema) {
	// if this column is defined by the plugin as a connection key column (or is the column 'sp_connection_name')
	// add as a key column
	for _, c := range t.Columns {
		if p.isConnectionKeyColumn(c.Name) {
			p.addKeyColumn(c, t)
		}
	}
}

// if this column is defined by the plugin as a connection key column (or is the 'column sp_connection_name')
// add key column it
func (p *Plugin) addKeyColumn(column *proto.ColumnDefinition, tableSchema *proto.TableSchema) {
	// add to the get and list key columns
	kc := &proto.KeyColumn{
		Name:      column.Name,
		Operators: []string{quals.QualOperatorEqual, quals.QualOperatorNotEqual, quals.QualOperatorLike, quals.QualOperatorILike, quals.QualOperatorNotLike, quals.QualOperatorNotILike},
		Require:   Optional,
		// the query cache takes a column's match from the get call's key columns over the list call's: a subset
		// match here would undo a list call's exact match of the same column, and the cache would then answer
		// `where x = 'v'` from a cached scan without x, which need not hold every row that x = 'v' returns
		CacheMatch: query_cache.CacheMatchExact,
	}
	// check whether we already have a key column for this column
	getKeyColumns := tableSchema.GetKeyColumnMap()
	if _, alreadyHasGetKeyColumn := getKeyColumns[column.Name]; !alreadyHasGetKeyColumn {
		// no get key column - add one
		tableSchema.GetCallKeyColumnList = append(tableSchema.GetCallKeyColumnList, kc)
	}
	// check whether we already have a list key column for this column
	listKeyColumns := tableSchema.ListKeyColumnMap()
	if _, alreadyHasListKeyColumn := listKeyColumns[column.Name]; !alreadyHasListKeyColumn {
		// no list key column - add one
		tableSchema.ListCallKeyColumnList = append(tableSchema.ListCallKeyColumnList, kc)
	}
}

// filterConnectionsWithKeyColumns filters the list of connections
// by applying any connection key column quals included in qualMap
func (p *Plugin) filterConnectionsWithKeyColumns(ctx context.Context, connectionData map[string]*proto.ExecuteConnectionData, qualMap map[string]*proto.Quals) map[string]*proto.ExecuteConnectionData {
	// shallow clone the connection data to return
	var res = maps.Clone(connectionData)

	// if this plugin does not support connectionKeyColumns, nothing to do
	if len(p.connectionKeyColumnsMap) == 0 {
		return connectionData
	}

	// if any connectionKeyColumnQuals were provided, ONLY return the connections which match the quals
	for column, qualList := range qualMap {
		if !p.isConnectionKeyColumn(column) {
			continue
		}

		// so this IS a connection key column

		if len(connectionData) == 1 && p.connectionKeyColumnsMap[column].QueryAllWhenNoneMatch {
			// the one connection would be queried whatever its value: do not read it
			continue
		}
		// iterate over the requested  connections and remove any which do not match the quals
		var excluded []string
		for connectionName := range connectionData {
			// get the column value for this connection (this lazily loads the value into connectionKeyColumnValuesMap)
			columnValue, err := p.getConnectionKeyColumnValue(ctx, connectionName, column)
			if err != nil {
				// keep the connection: its own scan reports any real error, whereas leaving it out would return
				// the other connections' rows as if they were all
				log.Printf("[WARN] filterConnectionsWithKeyColumns: cannot read connection key column %s of connection %s, so it is queried: %v", column, connectionName, err)
				continue
			}
			// the connection is queried when any of its values satisfies every qual on the column
			if !connectionKeyValuesMatch(columnValue, qualList.Quals) {
				excluded = append(excluded, connectionName)
			}
		}
		if len(excluded) == len(connectionData) && p.connectionKeyColumnsMap[column].QueryAllWhenNoneMatch {
			// no connection claims the value: it may still be one that a connection can read without listing it
			continue
		}
		for _, connectionName := range excluded {
			delete(res, connectionName)
		}
	}

	return res
}

// connectionKeyValuesMatch reports whether any of a connection's key values (one value, or a slice of them)
// satisfies every qual
func connectionKeyValuesMatch(columnValue any, qualList []*proto.Qual) bool {
	for _, value := range connectionKeyValues(columnValue) {
		if connectionKeyValueMatches(value, qualList) {
			return true
		}
	}
	return false
}

// connectionKeyValues returns a slice value's elements, or the value alone
func connectionKeyValues(columnValue any) []any {
	v := reflect.ValueOf(columnValue)
	if v.Kind() != reflect.Slice || v.Type().Elem().Kind() == reflect.Uint8 {
		return []any{columnValue}
	}
	values := make([]any, v.Len())
	for i := range values {
		values[i] = v.Index(i).Interface()
	}
	return values
}

func connectionKeyValueMatches(value any, qualList []*proto.Qual) bool {
	for _, qual := range qualList {
		v := []*proto.QualValue{qual.Value}
		// handle 'in' (in which case the value will be a list)
		if listValue := qual.Value.GetListValue(); listValue != nil {
			v = listValue.Values
		}
		var match = true
		switch qual.Operator.(*proto.Qual_StringValue).StringValue {
		case quals.QualOperatorEqual:
			match = qualValuesContainValue(v, value)
		case quals.QualOperatorNotEqual:
			match = !qualValuesContainValue(v, value)
		case quals.QualOperatorLike:
			match = SqlLike(typeHelpers.ToString(value), qual.Value.GetStringValue(), true)
		case quals.QualOperatorILike:
			match = SqlLike(typeHelpers.ToString(value), qual.Value.GetStringValue(), false)
		case quals.QualOperatorNotLike:
			match = !SqlLike(typeHelpers.ToString(value), qual.Value.GetStringValue(), true)
		case quals.QualOperatorNotILike:
			match = !SqlLike(typeHelpers.ToString(value), qual.Value.GetStringValue(), false)
		default:
			// unsupported operator ignore
		}
		if !match {
			return false
		}
	}
	return true
}

// do any of the given qual values contain 'value'
func qualValuesContainValue(qualValues []*proto.QualValue, value any) bool {
	for _, v := range qualValues {
		v := grpc.GetQualValue(v)
		if value == v {
			return true
		}
	}
	return false

}

// clears the values of connectionKeyColumnValuesMap for the given connections
// the is called when we set connection config - used to force a new (lazy) load of the values
func (p *Plugin) clearConnectionKeyColumnValues(configs []*proto.ConnectionConfig) {
	p.connectionKeyColumnValuesMapLock.Lock()
	defer p.connectionKeyColumnValuesMapLock.Unlock()
	for _, c := range configs {
		delete(p.connectionKeyColumnValuesMap, c.Connection)
	}
}

func (p *Plugin) getConnectionKeyColumnValue(ctx context.Context, connectionName string, column string) (any, error) {
	// special case for `sp_connection_name` - just return the connection name
	if column == connectionNameColumnName {
		return connectionName, nil
	}

	// lock the map
	p.connectionKeyColumnValuesMapLock.Lock()
	// ensure we unlock it
	defer p.connectionKeyColumnValuesMapLock.Unlock()

	// get the column value map for this connection
	columnValueMap, ok := p.connectionKeyColumnValuesMap[connectionName]
	// create if needed
	if !ok {
		columnValueMap = make(map[string]connectionKeyValue)
		p.connectionKeyColumnValuesMap[connectionName] = columnValueMap
	}
	columnValue, ok := columnValueMap[column]
	maxAge := p.connectionKeyColumnsMap[column].MaxAge

	// if we already have the value (and it is not older than the column's MaxAge), return it
	if ok && (maxAge <= 0 || time.Since(columnValue.loaded) < maxAge) {
		return columnValue.value, nil
	}

	// we do not yet have the value stored - call the function to get it
	valueFunc := p.connectionKeyColumnsMap[column].Hydrate
	connectionCache, err := p.ensureConnectionCache(connectionName)
	if err != nil {
		return nil, err
	}
	d := &QueryData{
		Connection:        p.ConnectionMap[connectionName].Connection,
		ConnectionCache:   connectionCache,
		ConnectionManager: connection_manager.NewManager(connectionCache),
	}

	h := &HydrateData{}
	val, err := valueFunc(ctx, d, h)
	if err != nil {
		return nil, err
	}
	// store the value
	columnValueMap[column] = connectionKeyValue{value: val, loaded: time.Now()}
	return val, nil
}

// connectionKeyValue is a connection's value of a connection key column, and when it was read
type connectionKeyValue struct {
	value  any
	loaded time.Time
}

func (p *Plugin) isConnectionKeyColumn(column string) bool {
	// special case for `sp_connection_name`
	if column == connectionNameColumnName {
		return true
	}

	_, isConnectionKeyColumn := p.connectionKeyColumnsMap[column]
	return isConnectionKeyColumn
}
