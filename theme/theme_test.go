package theme

import (
	"fmt"
	"testing"
)

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

// TestPaletteColoursAreToldByIndex: a colour the xterm palette has is
// sent as its index (half the bytes), and draws as the same colour.
func TestPaletteColoursAreToldByIndex(t *testing.T) {
	for hex, want := range map[string]string{"#808080": "244", "#87afff": "111", "#585858": "240", "#3a3a6a": "", "#000000": "16", "#ffffff": "231", "#080808": "232", "#eeeeee": "255"} {
		c := color256(hex)
		got := ""
		if n, ok := xterm256(hex); ok {
			got = fmt.Sprint(int(n))
		}
		if got != want {
			t.Errorf("%s is palette index %q, want %q", hex, got, want)
		}
		r, g, b, _ := c.RGBA()
		if hexOf(r, g, b) != hex {
			t.Errorf("%s draws as %s", hex, hexOf(r, g, b))
		}
	}
}

func hexOf(r, g, b uint32) string { return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8) }

// TestCheckSaysWhatIsAllowed: a wrong theme name is answered with the
// names allowed, and the one meant when it is a slip of the finger.
func TestCheckSaysWhatIsAllowed(t *testing.T) {
	for _, name := range Names() {
		if err := Check(name); err != nil {
			t.Errorf("Check(%q) = %v", name, err)
		}
	}
	for name, want := range map[string]string{
		"blue":  `unknown theme "blue" (choose one of auto, dark, light, high-contrast, none)`,
		"darkk": `unknown theme "darkk", did you mean "dark"? (choose one of auto, dark, light, high-contrast, none)`,
		"":      `unknown theme "" (choose one of auto, dark, light, high-contrast, none)`,
	} {
		if err := Check(name); err == nil || err.Error() != want {
			t.Errorf("Check(%q) = %v, want %s", name, err, want)
		}
	}
}
