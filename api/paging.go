package api

import (
	"errors"
	"fmt"
	"reflect"
)

// A server decides what "the next page" is, and a hostile or broken one
// can make a client that follows its word loop for ever: the same cursor
// again and again, cursors that cycle (A, B, A…), pages that say there is
// more but bring nothing, or fresh cursors without end. Every loop that
// follows pages walks with a Walk, which stops on each of these and at a
// page and byte budget, and says why in words a list shows on a line of
// its own.

// Why a walk stopped before the server said the list ended.
const (
	// EndRepeated: a cursor the walk had already followed came back, or a
	// whole page of rows already shown.
	EndRepeated = "stopped: the server kept returning the same page"
	// EndEmpty: the server said there was more but sent no rows.
	EndEmpty = "stopped: the server said there was more but sent an empty page"
)

// ErrNoLast is a list's answer when asked for its last rows (Relay
// last/before) on a server that cannot page from the end: the caller
// reads on from the start instead.
var ErrNoLast = errors.New("the server cannot page from the end of this list")

// Budget bounds one walk through a paged list: how many pages it fetches,
// and how many bytes the rows it fetched take (see Footprint).
type Budget struct {
	Pages int
	Bytes int
}

// Walk is one pass through a paged list from its first page. It is not
// safe for concurrent use: one walk has one request in flight at a time.
type Walk struct {
	budget Budget
	what   string // "rows", "users": how the budget's end names them
	seen   map[string]bool
	pages  int
	bytes  int
}

// NewWalk starts a walk within b; what names the rows in its words.
func NewWalk(b Budget, what string) *Walk {
	if what == "" {
		what = "rows"
	}
	return &Walk{budget: b, what: what, seen: map[string]bool{}}
}

// Ask notes a cursor sent for a page ("" for the first): a page naming it
// as the next one again is a page already seen.
func (w *Walk) Ask(cursor string) { w.seen[cursor] = true }

// Pages is how many pages the walk has taken in.
func (w *Walk) Pages() int { return w.pages }

// Got takes in a page that arrived with n rows weighing bytes (Footprint),
// saying more rows follow from next. It says why the walk must stop there,
// or "" to go on (or when the server itself said the list ended).
func (w *Walk) Got(n, bytes int, more bool, next string) string {
	w.pages++
	w.bytes += bytes
	switch {
	case !more:
		return ""
	case n == 0:
		return EndEmpty
	case w.seen[next]:
		return EndRepeated
	case w.budget.Pages > 0 && w.pages >= w.budget.Pages:
		return fmt.Sprintf("stopped: %d pages, rosterm's limit; search to narrow it", w.pages)
	case w.budget.Bytes > 0 && w.bytes >= w.budget.Bytes:
		return fmt.Sprintf("stopped: %s of %s, rosterm's limit; search to narrow it", sizeText(w.bytes), w.what)
	}
	return ""
}

func sizeText(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", max(n>>10, 1))
}

// Footprint estimates the bytes v takes in memory: its own size, and what
// its strings, slices, maps and pointers refer to (a few levels deep). It
// is what a walk's byte budget counts, so that a server's rows, however
// long their texts, cannot grow a list beyond it.
func Footprint(v any) int {
	if v == nil {
		return 0
	}
	rv := reflect.ValueOf(v)
	return int(rv.Type().Size()) + indirect(rv, 8)
}

// indirect is what v refers to beyond its own size.
func indirect(v reflect.Value, depth int) int {
	if depth == 0 {
		return 0
	}
	switch v.Kind() {
	case reflect.String:
		return v.Len()
	case reflect.Slice:
		if v.IsNil() {
			return 0
		}
		n := v.Cap() * int(v.Type().Elem().Size())
		for i := range v.Len() {
			n += indirect(v.Index(i), depth-1)
		}
		return n
	case reflect.Array:
		n := 0
		for i := range v.Len() {
			n += indirect(v.Index(i), depth-1)
		}
		return n
	case reflect.Struct:
		n := 0
		for i := range v.NumField() {
			n += indirect(v.Field(i), depth-1)
		}
		return n
	case reflect.Pointer:
		if v.IsNil() {
			return 0
		}
		return int(v.Type().Elem().Size()) + indirect(v.Elem(), depth-1)
	case reflect.Interface:
		if v.IsNil() {
			return 0
		}
		e := v.Elem()
		return int(e.Type().Size()) + indirect(e, depth-1)
	case reflect.Map:
		if v.IsNil() {
			return 0
		}
		per := int(v.Type().Key().Size() + v.Type().Elem().Size())
		n := 48 + v.Len()*per
		it := v.MapRange()
		for it.Next() {
			n += indirect(it.Key(), depth-1) + indirect(it.Value(), depth-1)
		}
		return n
	}
	return 0
}

// PageFootprint is the bytes a page's rows take (Footprint of each).
func PageFootprint[T any](items []T) int {
	n := 0
	for i := range items {
		n += Footprint(items[i])
	}
	return n
}
