package plugin

import "time"

// ConnectionKeyColumn is a struct that defines a column that has a value which maps 1-1 to a Steampipe connection
// and so can be used to filter connections when executing an aggregator query
//
// These columns are treated as (optional) KeyColumns. This means they are taken into account in the query planning
// -  so it is more likely that the scans will be planned to use these as quals where possible.
//
// When executing an aggregator query, if one of these columns is used as a qual, the execution code
// will filter the list of connections by comparing the qual value with the column value returned by the
// [ConnectionKeyColumn] Hydrate function.
//
// The Hydrate function is a function that returns the value fo the column for a given connection. It may return a
// slice when a connection spans several values (an account that sees several workspaces, say): the connection is
// then queried when any of its values satisfies the quals.
//
// The value is kept until the connection's config changes, or for MaxAge when that is set, so that a connection
// that gains a value (a workspace shared with the account) is not left out of queries for longer than that.
//
// QueryAllWhenNoneMatch is for values that a connection may be able to read without returning them from Hydrate (a
// workspace the account can open but does not list): when the quals match no connection, every connection is
// queried instead of none. Filtering is only ever an optimisation, as the rows are checked against the quals again.
type ConnectionKeyColumn struct {
	Hydrate               HydrateFunc
	Name                  string
	MaxAge                time.Duration
	QueryAllWhenNoneMatch bool
}
