package api

import (
	"context"
	"sync"
)

// PageFetch loads the page after the cursor (or token) after; "" asks for
// the first page, n is how many rows to ask for.
type PageFetch[T any] func(ctx context.Context, after string, n int) (Page[T], error)

// filterBudget bounds one walk of FilterPages through its source, from the
// first page: the pages it reads, and the bytes of the rows it reads (most
// of which it drops): 1,000 pages or 32 MB, some 100,000 Vision users.
var filterBudget = Budget{Pages: 1000, Bytes: 32 << 20}

// FilterPages pages through fetch keeping only the rows keep accepts, for
// lists a server cannot filter itself (Vision has no search; older Scope
// servers cannot list a group's members). It asks for further pages until
// at least one row matches or the source ends, because an empty page would
// read as the end of the list. The total is unknown.
//
// Its calls from the first page on (after == "") are one walk: a token the
// source already gave in this walk, in this call or an earlier one (a
// cycle A, B, A), a page that says there is more but brings nothing, and
// its budget (1,000 pages or 32 MB of rows read) end it, and End says why.
func FilterPages[T any](fetch PageFetch[T], keep func(T) bool) PageFetch[T] {
	type walk struct {
		sync.Mutex
		*Walk
	}
	var mu sync.Mutex
	var current *walk
	return func(ctx context.Context, after string, n int) (Page[T], error) {
		mu.Lock()
		if after == "" || current == nil {
			current = &walk{Walk: NewWalk(filterBudget, "rows scanned")}
		}
		w := current
		mu.Unlock()
		// A walk takes one call at a time; a call left over from a walk
		// that started again keeps to its own.
		w.Lock()
		defer w.Unlock()
		out := Page[T]{Next: after, More: true, Total: -1}
		for out.More && len(out.Items) == 0 {
			w.Ask(out.Next)
			p, err := fetch(ctx, out.Next, n)
			for _, it := range p.Items {
				if keep(it) {
					out.Items = append(out.Items, it)
				}
			}
			if err != nil {
				return out, err // with what arrived (a partial answer)
			}
			out.Next, out.More, out.End = p.Next, p.More, p.End
			if why := w.Got(len(p.Items), PageFootprint(p.Items), p.More, p.Next); why != "" {
				out.More, out.End = false, why
			}
		}
		return out, nil
	}
}
