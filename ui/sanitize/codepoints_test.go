package sanitize

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/api/demo/hostile"
)

// TestEveryCodePointToU9F says, for each code point from U+0000 to U+009F
// between two letters, exactly what is left: printable ASCII stays; tab and
// line breaks become a space; ESC, CSI and the string introducers take the
// following letter with them, as a terminal would read it as part of the
// sequence; every other control rune goes.
func TestEveryCodePointToU9F(t *testing.T) {
	for r := rune(0); r <= 0x9f; r++ {
		var want string
		switch {
		case r >= 0x20 && r <= 0x7e:
			want = "a" + string(r) + "z"
		case r == '\t', r == '\n', r == '\r':
			want = "a z"
		case r == 0x1b: // ESC z: a two-character escape
			want = "a"
		case r == 0x9b: // CSI z: z is a final byte
			want = "a"
		case r == 0x90, r == 0x98, r == 0x9d, r == 0x9e, r == 0x9f: // DCS, SOS, OSC, PM, APC: unterminated
			want = "a"
		default:
			want = "az"
		}
		if got := Text("a" + string(r) + "z"); got != want {
			t.Errorf("U+%04X: Text = %q, want %q", r, got, want)
		}
		// A letter outside ASCII belongs to no sequence: it survives all
		// but an unterminated string.
		got := Text("a" + string(r) + "é")
		if !strings.HasPrefix(got, "a") || strings.HasSuffix(got, "é") == isIntroducer(r) {
			t.Errorf("U+%04X then é: %q", r, got)
		}
	}
}

// TestEveryBidiControl checks the whole Unicode Bidi_Control set, not a
// list written by hand.
func TestEveryBidiControl(t *testing.T) {
	n := 0
	for _, rng := range unicode.Bidi_Control.R16 {
		for r := rune(rng.Lo); r <= rune(rng.Hi); r += rune(rng.Stride) {
			n++
			if !IsBidi(r) {
				t.Errorf("U+%04X is a bidi control IsBidi misses", r)
			}
			if got := Line("abc"+string(r)+"def", 10); got != "abcdef" {
				t.Errorf("U+%04X: %q", r, got)
			}
		}
	}
	if n != 12 {
		t.Errorf("%d bidi controls, Unicode has 12", n)
	}
	for r := rune(0x20); r < 0x3000; r++ {
		if IsBidi(r) != unicode.Is(unicode.Bidi_Control, r) {
			t.Errorf("IsBidi(U+%04X) = %v", r, IsBidi(r))
		}
	}
}

// TestHostilePayloads: each payload the demo server seeds, as it arrives,
// comes out as harmless text of bounded width.
func TestHostilePayloads(t *testing.T) {
	want := map[string]string{
		"screen clear":                "PWNED",
		"cursor move":                 "PWNED",
		"clipboard write (OSC 52)":    "",
		"window title (OSC 0)":        "",
		"window title (OSC 2, ST)":    "",
		"hyperlink (OSC 8)":           "click me",
		"device control string":       "",
		"application program command": "",
		"8-bit CSI (U+009B)":          "PWNED",
		"8-bit OSC title":             "",
		"bidi override":               "DENWP",
		"carriage return":             "Mallory PWNED!!",
		"backspaces":                  "MalloryPWNED!!",
		"terminal reset":              "PWNED",
		"alternate screen off":        "PWNED",
		"invalid UTF-8":               "PWNED\uFFFDok",
		"raw 8-bit CSI byte":          "\uFFFD2JPWNED",
	}
	for _, p := range hostile.Payloads() {
		w, ok := want[p.Name]
		if !ok {
			t.Errorf("no expectation for %q", p.Name)
			continue
		}
		if got := Text(hostile.Wire(p.Text)); got != w {
			t.Errorf("%s: Text = %q, want %q", p.Name, got, w)
		}
	}
	long := hostile.LongName(10_000)
	if got := Line(long, 40); utf8.RuneCountInString(got) != 40 || !strings.HasSuffix(got, Ellipsis) {
		t.Errorf("a 10,000-character name cut to 40 cells: %q", got)
	}
}

var writeCorpus = flag.Bool("write-corpus", false, "add the hostile payloads to testdata/fuzz/FuzzText")

// TestSeedCorpusHasTheHostilePayloads keeps the committed fuzz corpus in
// step with the demo's payloads and names with disputed widths (run with
// -write-corpus to add new ones).
func TestSeedCorpusHasTheHostilePayloads(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzText")
	have := map[string]bool{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		if len(lines) < 3 || lines[0] != "go test fuzz v1" {
			t.Fatalf("%s is not a fuzz corpus file", e.Name())
		}
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "string("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		have[s] = true
	}
	seeds := map[string]string{"hostile-long-name": hostile.LongName(10_000)}
	for i, p := range hostile.Payloads() {
		seeds[fmt.Sprintf("hostile-%02d", i)] = hostile.Wire(p.Text)
		seeds[fmt.Sprintf("hostile-%02d-in-name", i)] = "Eve " + hostile.Wire(p.Text) + " 東京 👍 end"
	}
	for i, p := range hostile.Widths() {
		seeds[fmt.Sprintf("hostile-width-%02d", i)] = p.Text
	}
	for name, s := range seeds {
		if have[s] {
			continue
		}
		if !*writeCorpus {
			t.Errorf("the corpus lacks %s (%.30q); run go test -run SeedCorpus -write-corpus", name, s)
			continue
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		entry := fmt.Sprintf("go test fuzz v1\nstring(%q)\nint(%d)\n", s, 12+len(name))
		if err := os.WriteFile(filepath.Join(dir, name), []byte(entry), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLineFitsByTheLayoutsMeasure: a digit followed by the emoji variation
// selector is two cells wide to StringWidth (which the layout uses) but
// one to Truncate; Line must fit by the first. The fuzzer found it.
func TestLineFitsByTheLayoutsMeasure(t *testing.T) {
	s := "000000\uFE0F0"
	for w := 1; w <= 9; w++ {
		if got := Line(s, w); ansi.StringWidth(got) > w {
			t.Errorf("Line(%q, %d) = %q, %d cells", s, w, got, ansi.StringWidth(got))
		}
	}
}
