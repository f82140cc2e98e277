package theme

import "testing"

func TestAutoFollowsTheBackgroundOthersDoNot(t *testing.T) {
	for _, c := range []struct {
		name string
		dark bool
		want string
	}{
		{"auto", true, "dark"}, {"auto", false, "light"}, {"", false, "light"},
		{"dark", false, "dark"}, {"light", true, "light"}, {"high-contrast", false, "high-contrast"}, {"none", true, "none"},
	} {
		th, err := New(c.name, c.dark)
		if err != nil || th.Name != c.want {
			t.Errorf("New(%q, dark=%v) = %v, %v; want %s", c.name, c.dark, th, err, c.want)
		}
	}
	if _, err := New("blue", true); err == nil {
		t.Error("an unknown theme is accepted")
	}
}
