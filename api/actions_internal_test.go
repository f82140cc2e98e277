package api

import (
	"testing"
	"unsafe"
)

// Rows whose actions have one shape (a list's every "Connect") share it,
// and each keeps only its values: the three words a row holds, and its
// value's bytes, not a copy of each action (some 120 bytes a row).
func TestRowsOfOneShapeShareItAndKeepTheirValues(t *testing.T) {
	row := func(id string) Actions {
		return PackActions([]Action{{ID: "CREATE_USER_INVITATION", Title: "Connect",
			Args: []KeyValue{{Key: "inviteeUserContextId", Value: id}}}})
	}
	a, b := row("100001"), row("100002")
	if a.shape != b.shape {
		t.Error("two rows of one shape keep a shape each")
	}
	if len(a.vals) > len("100001")+1 {
		t.Errorf("a row keeps %d bytes of values for a 6-byte id", len(a.vals))
	}
	if size := unsafe.Sizeof(a); size > 24 {
		t.Errorf("an Actions is %d bytes", size)
	}
}
