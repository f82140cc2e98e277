package api

import "context"

// PageFetch loads the page after the cursor (or token) after; "" asks for
// the first page, n is how many rows to ask for.
type PageFetch[T any] func(ctx context.Context, after string, n int) (Page[T], error)

// FilterPages pages through fetch keeping only the rows keep accepts, for
// lists a server cannot filter itself (Vision has no search; older Scope
// servers cannot list a group's members). It asks for further pages until
// at least one row matches or the source ends, because an empty page would
// read as the end of the list. The total is unknown. A source that hands
// back a cursor it already gave is not followed round again.
func FilterPages[T any](fetch PageFetch[T], keep func(T) bool) PageFetch[T] {
	return func(ctx context.Context, after string, n int) (Page[T], error) {
		out := Page[T]{Next: after, More: true, Total: -1}
		seen := map[string]bool{after: true}
		for out.More && len(out.Items) == 0 {
			p, err := fetch(ctx, out.Next, n)
			for _, it := range p.Items {
				if keep(it) {
					out.Items = append(out.Items, it)
				}
			}
			if err != nil {
				return out, err // with what arrived (a partial answer)
			}
			out.Next, out.More, out.End = p.Next, p.More && len(p.Items) > 0, p.End
			if out.More && seen[p.Next] {
				out.More, out.End = false, "the server kept returning the same page"
			}
			seen[p.Next] = true
		}
		return out, nil
	}
}
