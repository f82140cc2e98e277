package list

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/rosterm/rosterm/api"
)

// Chain pages through several sources one after the other, as one list:
// all of the first source's pages, then the second's, and so on. A page
// that ends one source is filled up from the next, so a short first source
// costs no extra round trip. The cursor it hands out is
// "<source index>:<rows in the sources before it>:<that source's cursor>";
// the total is known once the last source has answered (and every source
// before it said its total), and unknown (-1) until then. PartTotal is the
// total of the source the page starts in, so a pane can say "Scope 1200"
// before the later sources are reached. A source's error comes back with
// the rows that arrived.
func Chain[T any](sources ...Fetch[T]) Fetch[T] {
	return func(ctx context.Context, after string, n int) (api.Page[T], error) {
		c, err := splitChain(after)
		if err != nil || c.source >= len(sources) {
			return api.Page[T]{}, fmt.Errorf("list: bad chained cursor %q", after)
		}
		out := api.Page[T]{Total: -1, PartTotal: -1}
		for first := true; ; first = false {
			p, err := sources[c.source](ctx, c.inner, n-len(out.Items))
			if err != nil {
				// What arrived (a partial answer, rows of the sources
				// before) goes with the error; the list asks for this
				// page again when told to retry.
				out.Items = append(out.Items, p.Items...)
				return out, err
			}
			if first {
				out.PartTotal = p.Total
			}
			out.Items = append(out.Items, p.Items...)
			last := c.source == len(sources)-1
			if last && c.before >= 0 && p.Total >= 0 {
				out.Total = c.before + p.Total
			}
			if p.More && len(p.Items) > 0 {
				out.Next, out.More = c.at(p.Next), true
				return out, nil
			}
			if last {
				return out, nil
			}
			// This source is done: go on to the next one, within this page
			// while there is room.
			c = chainCursor{source: c.source + 1, before: -1}
			if before := chainBefore(after, p.Total); before >= 0 {
				c.before = before
			}
			after = c.at("")
			if len(out.Items) >= n {
				out.Next, out.More = after, true
				return out, nil
			}
		}
	}
}

// chainCursor is a position in a chain.
type chainCursor struct {
	source int    // which source
	before int    // rows in the sources before it, -1 when unknown
	inner  string // that source's own cursor
}

func (c chainCursor) at(inner string) string {
	return strconv.Itoa(c.source) + ":" + strconv.Itoa(c.before) + ":" + inner
}

// chainBefore is the row count before the source after the one cursor
// after points into, given that source's total.
func chainBefore(after string, total int) int {
	c, _ := splitChain(after)
	if c.before < 0 || total < 0 {
		return -1
	}
	return c.before + total
}

func splitChain(after string) (chainCursor, error) {
	if after == "" {
		return chainCursor{}, nil
	}
	parts := strings.SplitN(after, ":", 3)
	if len(parts) != 3 {
		return chainCursor{}, fmt.Errorf("no source index")
	}
	i, err := strconv.Atoi(parts[0])
	if err != nil || i < 0 {
		return chainCursor{}, fmt.Errorf("bad source index")
	}
	before, err := strconv.Atoi(parts[1])
	if err != nil {
		return chainCursor{}, err
	}
	return chainCursor{source: i, before: before, inner: parts[2]}, nil
}
