package scope

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
)

// maxPageSize is graphql-ruby's max_page_size as Scope configures it.
const maxPageSize = 100

// Cursor kinds: a cursor is only accepted by the kind of list that issued it.
const (
	kindUsers    = "users"
	kindGroups   = "groups"
	kindLicenses = "licenses"
)

// sortKey is a row's position in its list. Cursors carry the key itself, not
// an offset, so they stay valid when rows are added or deleted.
type sortKey struct {
	A  string `json:"a,omitempty"`
	B  string `json:"b,omitempty"`
	ID int    `json:"i"`
}

func (k sortKey) compare(o sortKey) int {
	return cmp.Or(cmp.Compare(k.A, o.A), cmp.Compare(k.B, o.B), cmp.Compare(k.ID, o.ID))
}

type cursorBody struct {
	Kind string `json:"k"`
	sortKey
}

func encodeCursor(kind string, k sortKey) string {
	b, _ := json.Marshal(cursorBody{Kind: kind, sortKey: k})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(kind, s string) (sortKey, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return sortKey{}, false
	}
	var c cursorBody
	if json.Unmarshal(raw, &c) != nil || c.Kind != kind {
		return sortKey{}, false
	}
	return c.sortKey, true
}

// pageArgs are a Relay connection's arguments.
type pageArgs struct {
	First  *int32
	After  *string
	Last   *int32
	Before *string
}

// pageError is a broken paging rule, naming the argument at fault.
type pageError struct {
	arg     string
	message string
}

func (e *pageError) Error() string { return fmt.Sprintf("Argument '%s' %s", e.arg, e.message) }

func checkSize(arg string, n *int32) *pageError {
	if n != nil && (*n < 1 || *n > maxPageSize) {
		return &pageError{arg, fmt.Sprintf("must be between 1 and %d (got %d)", maxPageSize, *n)}
	}
	return nil
}

// window returns the slice bounds [lo, hi) of keys (sorted ascending) that
// the arguments select, following the Relay algorithm: after/before bound
// the range, then first/last cut it. Without first or last a page holds
// maxPageSize rows, as graphql-ruby's max_page_size does.
func (a pageArgs) window(kind string, keys []sortKey) (lo, hi int, perr *pageError) {
	if perr = cmp.Or(checkSize("first", a.First), checkSize("last", a.Last)); perr != nil {
		return 0, 0, perr
	}
	lo, hi = 0, len(keys)
	if a.After != nil {
		k, ok := decodeCursor(kind, *a.After)
		if !ok {
			return 0, 0, &pageError{"after", "is not a valid cursor"}
		}
		lo, _ = slices.BinarySearchFunc(keys, k, sortKey.compare)
		if lo < len(keys) && keys[lo] == k {
			lo++
		}
	}
	if a.Before != nil {
		k, ok := decodeCursor(kind, *a.Before)
		if !ok {
			return 0, 0, &pageError{"before", "is not a valid cursor"}
		}
		hi, _ = slices.BinarySearchFunc(keys, k, sortKey.compare)
		hi = max(hi, lo)
	}
	switch {
	case a.First != nil:
		hi = min(hi, lo+int(*a.First))
	case a.Last == nil:
		hi = min(hi, lo+maxPageSize)
	}
	if a.Last != nil {
		lo = max(lo, hi-int(*a.Last))
	}
	return lo, hi, nil
}
