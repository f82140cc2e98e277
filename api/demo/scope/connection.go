package scope

type pageInfo struct {
	hasNext, hasPrev bool
	start, end       *string
}

func (p *pageInfo) HasNextPage() bool     { return p.hasNext }
func (p *pageInfo) HasPreviousPage() bool { return p.hasPrev }
func (p *pageInfo) StartCursor() *string  { return p.start }
func (p *pageInfo) EndCursor() *string    { return p.end }

type edge[T any] struct {
	cursor string
	node   T
}

func (e *edge[T]) Cursor() string { return e.cursor }
func (e *edge[T]) Node() T        { return e.node }

// Nullable GraphQL lists are pointers to slices in graph-gophers.

// connection is one page of a Relay connection of T resolvers.
type connection[T any] struct {
	nodes   []T
	cursors []string
	info    *pageInfo
	total   int32
}

func (c *connection[T]) Nodes() *[]T         { return &c.nodes }
func (c *connection[T]) PageInfo() *pageInfo { return c.info }
func (c *connection[T]) TotalCount() *int32  { return &c.total }

func (c *connection[T]) Edges() *[]*edge[T] {
	edges := make([]*edge[T], len(c.nodes))
	for i, n := range c.nodes {
		edges[i] = &edge[T]{cursor: c.cursors[i], node: n}
	}
	return &edges
}

// paginate cuts one page out of rows (sorted by key) and wraps each row in
// its resolver. hasPreviousPage and hasNextPage say whether any row lies
// before or after the page, whichever direction the client pages in.
func paginate[R, T any](kind string, rows []R, key func(R) sortKey, args pageArgs, wrap func(R) T) (*connection[T], *pageError) {
	keys := make([]sortKey, len(rows))
	for i, r := range rows {
		keys[i] = key(r)
	}
	lo, hi, perr := args.window(kind, keys)
	if perr != nil {
		return nil, perr
	}
	c := &connection[T]{
		nodes:   make([]T, 0, hi-lo),
		cursors: make([]string, 0, hi-lo),
		info:    &pageInfo{hasPrev: lo > 0, hasNext: hi < len(rows)},
		total:   int32(len(rows)),
	}
	for i := lo; i < hi; i++ {
		c.nodes = append(c.nodes, wrap(rows[i]))
		c.cursors = append(c.cursors, encodeCursor(kind, keys[i]))
	}
	if len(c.cursors) > 0 {
		c.info.start, c.info.end = &c.cursors[0], &c.cursors[len(c.cursors)-1]
	}
	return c, nil
}
