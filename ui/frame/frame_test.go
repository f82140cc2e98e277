package frame

import "testing"

func TestPadCutsWithAnEllipsis(t *testing.T) {
	if got := Pad("Remove connection", 10); got != "Remove co…" {
		t.Errorf("Pad cut to %q, want %q", got, "Remove co…")
	}
	if got := Pad("ok", 4); got != "ok  " {
		t.Errorf("Pad padded to %q", got)
	}
}
