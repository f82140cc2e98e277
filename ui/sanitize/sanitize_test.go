package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func TestTextRemovesSequencesAndControls(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "Ada Lovelace", "Ada Lovelace"},
		{"csi clear screen", "a\x1b[2Jb", "ab"},
		{"csi colour", "\x1b[31mred\x1b[0m", "red"},
		{"osc title bel", "x\x1b]0;PWNED\x07y", "xy"},
		{"osc 52 clipboard st", "x\x1b]52;c;UFdORUQ=\x1b\\y", "xy"},
		{"osc 8 link", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"apc", "a\x1b_Gf=100;PWNED\x1b\\b", "ab"},
		{"8-bit csi", "a\u009b2Jb", "ab"},
		{"8-bit osc", "a\u009d0;PWNED\u009cb", "ab"},
		{"reset", "a\x1bcb", "ab"},
		{"carriage return", "safe\rPWNED", "safe PWNED"},
		{"backspace", "ab\bc", "abc"},
		{"del", "a\x7fb", "ab"},
		{"nul", "a\x00b", "ab"},
		{"bidi override", "abc\u202etxt.exe", "abctxt.exe"},
		{"bidi isolate", "\u2066x\u2069", "x"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"newline", "line1\nline2", "line1 line2"},
		{"unterminated osc", "ok\x1b]0;PWNED", "ok"},
		{"lone esc", "a\x1b", "a"},
		{"keeps unicode", "Zoë 東京 👍", "Zoë 東京 👍"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Text(c.in); got != c.want {
				t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestEveryControlRuneIsRemoved(t *testing.T) {
	for r := rune(0); r <= 0x9f; r++ {
		if r >= 0x20 && r < 0x7f {
			continue
		}
		got := Text("a" + string(r) + "b")
		for _, g := range got {
			if isControl(g) {
				t.Fatalf("control U+%04X survived: %q", r, got)
			}
		}
	}
	for _, r := range []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069} {
		if got := Text("a" + string(r) + "b"); got != "ab" {
			t.Errorf("bidi U+%04X: got %q", r, got)
		}
	}
}

func TestLineFitsWidth(t *testing.T) {
	long := strings.Repeat("名前", 50)
	got := Line(long, 11)
	if w := ansi.StringWidth(got); w > 11 {
		t.Fatalf("width %d > 11: %q", w, got)
	}
	if !strings.HasSuffix(got, Ellipsis) {
		t.Errorf("cut text should end with an ellipsis: %q", got)
	}
	if Line("short", 10) != "short" {
		t.Error("short text must not change")
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[2J", "\x1b]52;c;PWNED\x07", "\u202e", "\xff\xfe", "\u009b31m", strings.Repeat("x", 300)} {
		f.Add(s, 20)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		width = width%200 + 1
		if width < 1 {
			width = -width + 1
		}
		out := Line(s, width)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		for _, r := range out {
			if isControl(r) || IsBidi(r) {
				t.Fatalf("U+%04X survived in %q from %q", r, out, s)
			}
		}
		if ansi.StringWidth(out) > width {
			t.Fatalf("width %d > %d", ansi.StringWidth(out), width)
		}
		if w, wc := ansi.StringWidth(out), ansi.StringWidthWc(out); w != wc {
			t.Fatalf("%+q from %+q: %d cells to the layout, %d per code point", out, s, w, wc)
		}
		if again := Line(out, width); again != out {
			t.Fatalf("not idempotent: %q then %q", out, again)
		}
	})
}

// A 10,000-character name is cut as if it were measured whole, though
// only its start is.
func TestALongNameIsCutAsIfMeasuredWhole(t *testing.T) {
	for _, long := range []string{
		"Mallory " + strings.Repeat("Longname-", 1111),
		strings.Repeat("名前", 5000),
		strings.Repeat("e\u0301", 5000), // e and a combining accent: one cell each
		strings.Repeat("👩‍👩‍👧‍👦", 800),  // a family: 25 bytes, two cells
	} {
		for _, width := range []int{1, 2, 11, 40, 200} {
			if got, want := Line(long, width), ansi.Truncate(Text(long), width, Ellipsis); got != want && ansi.StringWidth(want) <= width {
				t.Errorf("width %d: %q, want %q", width, got, want)
			}
		}
	}
}
