package opigno

import (
	"cmp"
	"slices"
	"strings"
)

// maxPageSize is Opigno's documented bound for first and last.
const maxPageSize = 100

// pageArgs are the pagination arguments every list takes.
type pageArgs struct {
	After   *cursorScalar
	Before  *cursorScalar
	First   *int32
	Last    *int32
	Reverse bool
}

// validate enforces Opigno's documented combinations, most specific
// complaint first, so the message says what to change.
func (a pageArgs) validate() error {
	const bad = "Invalid pagination arguments: "
	switch {
	case a.After != nil && a.Before != nil:
		return badRequest(bad + "after and before cannot be used together.")
	case a.First != nil && a.Last != nil:
		return badRequest(bad + "first and last cannot be used together.")
	case a.First != nil && a.Before != nil:
		return badRequest(bad + "first cannot be used with before; use last with before.")
	case a.Last != nil && a.After != nil:
		return badRequest(bad + "last cannot be used with after; use first with after.")
	case a.After != nil && a.First == nil:
		return badRequest(bad + "after requires first.")
	case a.Before != nil && a.Last == nil:
		return badRequest(bad + "before requires last.")
	case a.First == nil && a.Last == nil:
		return badRequest(bad + "either first or last is required.")
	case a.First != nil && (*a.First < 1 || *a.First > maxPageSize):
		return badRequest(bad+"first must be between 1 and %d, got %d.", maxPageSize, *a.First)
	case a.Last != nil && (*a.Last < 1 || *a.Last > maxPageSize):
		return badRequest(bad+"last must be between 1 and %d, got %d.", maxPageSize, *a.Last)
	}
	return nil
}

// listSpec names a list's cursor kind and natural order.
type listSpec struct {
	backingType string
	sortKey     string
	intKey      bool // sort values are integers (timestamps)
	desc        bool // natural order is descending, before reverse applies
}

var (
	contextList             = listSpec{backingType: "opigno_context", sortKey: "label"}
	invitationByCreated     = listSpec{backingType: "user_invitation", sortKey: "created", intKey: true}
	invitationByName        = listSpec{backingType: "user_invitation", sortKey: "label"}
	communityList           = listSpec{backingType: "community", sortKey: "title"}
	communityInvitationList = listSpec{backingType: "community_invitation", sortKey: "created", intKey: true, desc: true}
)

// keyRow is one row's keyset position: (sort value, id).
type keyRow struct {
	id   int
	sv   sortValue
	fold string // case-folded string sort value, computed once
}

func nameRow(id int, name string) keyRow {
	return keyRow{id: id, sv: stringValue(name), fold: strings.ToLower(name)}
}

func intRow(id int, n int64) keyRow { return keyRow{id: id, sv: intValue(n)} }

// compareRows orders by sort value (strings case-insensitively), then id.
func compareRows(a, b keyRow) int {
	c := cmp.Compare(a.fold, b.fold)
	if a.sv.isInt {
		c = cmp.Compare(a.sv.n, b.sv.n)
	}
	if c == 0 {
		c = cmp.Compare(a.id, b.id)
	}
	return c
}

// page is one window of a sorted list.
type page struct {
	rows        []keyRow
	cursors     []cursorScalar
	hasNext     bool
	hasPrevious bool
	total       int
}

// paginate sorts rows in the list's order and cuts the window the arguments
// ask for. Positions are keysets, so a cursor still works after its row has
// left the list.
func paginate(rows []keyRow, spec listSpec, args pageArgs) (page, error) {
	if err := args.validate(); err != nil {
		return page{}, err
	}
	order := compareRows
	if spec.desc != args.Reverse {
		order = func(a, b keyRow) int { return compareRows(b, a) }
	}
	slices.SortFunc(rows, order)
	start, end, err := window(rows, spec, args, order)
	if err != nil {
		return page{}, err
	}
	p := page{rows: rows[start:end], hasPrevious: start > 0, hasNext: end < len(rows), total: len(rows)}
	for _, r := range p.rows {
		p.cursors = append(p.cursors, cursorScalar(encodeCursor(cursor{
			backingType: spec.backingType, backingID: int64(r.id), sortKey: spec.sortKey, sortValue: r.sv,
		})))
	}
	return p, nil
}

// window returns the [start, end) slice of sorted rows the arguments select.
func window(rows []keyRow, spec listSpec, args pageArgs, order func(a, b keyRow) int) (int, int, error) {
	if args.First != nil {
		start := 0
		if args.After != nil {
			at, err := spec.position(*args.After)
			if err != nil {
				return 0, 0, err
			}
			start, _ = slices.BinarySearchFunc(rows, at, order)
			if start < len(rows) && order(rows[start], at) == 0 {
				start++
			}
		}
		return start, min(start+int(*args.First), len(rows)), nil
	}
	end := len(rows)
	if args.Before != nil {
		at, err := spec.position(*args.Before)
		if err != nil {
			return 0, 0, err
		}
		end, _ = slices.BinarySearchFunc(rows, at, order)
	}
	return max(0, end-int(*args.Last)), end, nil
}

// position decodes a cursor and checks it was made by a list of this kind.
func (spec listSpec) position(c cursorScalar) (keyRow, error) {
	cur, err := decodeCursor(string(c))
	if err != nil {
		return keyRow{}, badRequest("invalid cursor: it is not a cursor this server issued.")
	}
	if cur.backingType != spec.backingType || cur.sortKey != spec.sortKey || cur.sortValue.isInt != spec.intKey {
		return keyRow{}, badRequest("invalid cursor: it belongs to a different list or sort order (expected %s sorted by %s).", spec.backingType, spec.sortKey)
	}
	return keyRow{id: int(cur.backingID), sv: cur.sortValue, fold: strings.ToLower(cur.sortValue.s)}, nil
}
