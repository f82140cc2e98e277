package list

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/rosterm/rosterm/api"
)

// Chain pages through several sources one after the other, as one list:
// each page is filled from the current source and, when that source ends,
// from the next ones. The cursor records which source it points into,
// that source's own cursor, and how many rows the sources before it had,
// so the total is known once the last source has answered (and every source
// before it said its total), and unknown (-1) until then. PartTotal is the
// total of the source the page starts in, so a pane can say "Scope 1200"
// before the later sources are reached.
//
// One source's failure never hides the others' rows: a source that fails
// before the last is skipped, with what arrived from it, and the page goes
// on to the next source, reporting the failure as *Skipped beside the
// page (a list shows it as a line of its own and keeps going; reloading
// asks the skipped source again). The last source's error comes back with
// the rows that arrived, as any list's, and a retry asks for that page
// again. A source that stops before its end says why in End; the chain
// passes that on in Skipped's Ends.
func Chain[T any](sources ...Fetch[T]) Fetch[T] {
	return func(ctx context.Context, after string, n int) (api.Page[T], error) {
		c, err := splitChain(after)
		if err != nil || c.source >= len(sources) {
			return api.Page[T]{}, fmt.Errorf("list: bad chained cursor %q", after)
		}
		out := api.Page[T]{Total: -1, PartTotal: -1}
		var skipped Skipped
		for first := true; ; first = false {
			p, err := sources[c.source](ctx, c.inner, n-len(out.Items))
			last := c.source == len(sources)-1
			out.Items = append(out.Items, p.Items...)
			switch {
			case err != nil && (last || api.KindOf(err) == api.KindCanceled):
				// What arrived (a partial answer, rows of the sources
				// before) goes with the error; the list asks for this
				// page again when told to retry.
				if skipped.orNil() != nil {
					skipped.Err = err
					return out, &skipped
				}
				return out, err
			case err != nil:
				skipped.Errs = append(skipped.Errs, err)
				skipped.Arrived = append(skipped.Arrived, len(p.Items))
				p = api.Page[T]{Total: -1}
			case first:
				out.PartTotal = p.Total
			}
			if p.End != "" {
				skipped.Ends = append(skipped.Ends, p.End)
			}
			if err == nil && p.More && len(p.Items) == 0 {
				// More promised and nothing sent: this source ends here.
				skipped.Ends = append(skipped.Ends, api.EndEmpty)
			}
			if last && c.before >= 0 && p.Total >= 0 && err == nil {
				out.Total = c.before + p.Total
			}
			switch {
			case err == nil && p.More && len(p.Items) > 0:
				out.Next, out.More = c.at(p.Next), true
				return out, skipped.orNil()
			case last:
				return out, skipped.orNil()
			}
			// This source is done (or failed): go on to the next one,
			// within this page while there is room.
			c = chainCursor{source: c.source + 1, before: -1}
			if before := chainBefore(after, p.Total); before >= 0 && err == nil {
				c.before = before
			}
			after = c.at("")
			if len(out.Items) >= n {
				out.Next, out.More = after, true
				return out, skipped.orNil()
			}
		}
	}
}

// Skipped is what a chained page says beside its rows: the sources that
// failed and were skipped, and why sources ended early. The page itself
// is good unless Err, the last source's failure, is set.
type Skipped struct {
	Errs    []error
	Arrived []int // how many rows came with each failure (a partial answer)
	Ends    []string
	Err     error
}

func (s *Skipped) Error() string {
	var parts []string
	for _, e := range append(s.Errs, s.Err) {
		if e != nil {
			parts = append(parts, e.Error())
		}
	}
	return strings.Join(append(parts, s.Ends...), "; ")
}

// Unwrap gives the sources' errors, so their kinds can be told.
func (s *Skipped) Unwrap() []error {
	if s.Err != nil {
		return append([]error{s.Err}, s.Errs...)
	}
	return s.Errs
}

func (s *Skipped) orNil() error {
	if len(s.Errs) == 0 && len(s.Ends) == 0 {
		return nil
	}
	return s
}

// Source names a source's errors: "Scope: not signed in (HTTP 401)", so a
// list of several says which one failed.
func Source[T any](name string, f Fetch[T]) Fetch[T] {
	return func(ctx context.Context, after string, n int) (api.Page[T], error) {
		p, err := f(ctx, after, n)
		if err != nil {
			err = &SourceError{Name: name, Err: err}
		}
		return p, err
	}
}

// SourceError is a failure of one named source of a list.
type SourceError struct {
	Name string
	Err  error
}

func (e *SourceError) Error() string { return e.Name + ": " + errorLine(e.Err) }

func (e *SourceError) Unwrap() error { return e.Err }

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
