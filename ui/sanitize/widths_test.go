package sanitize_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/api/demo/hostile"
	"github.com/rosterm/rosterm/ui/sanitize"
	"github.com/rosterm/rosterm/ui/uitest"
)

// widthCase is a text, what Text makes of it, and the cells that takes.
type widthCase struct {
	name, in, want string
	cells          int
}

// kept: ordinary text stays as it is.
var kept = []widthCase{
	{"ASCII", "Ada Lovelace", "Ada Lovelace", 12},
	{"accented Latin, precomposed", "Zoë Brontë", "Zoë Brontë", 10},
	{"accented Latin, decomposed", "Zoe\u0308", "Zoe\u0308", 3},
	{"Vietnamese, two marks on a letter", "Nguye\u0302\u0303n", "Nguye\u0302\u0303n", 6},
	{"Yoruba", "O\u0323\u0300s\u0323un", "O\u0323\u0300s\u0323un", 4},
	{"Greek and Cyrillic", "Ελένη Дмитрий", "Ελένη Дмитрий", 13},
	{"CJK", "東京 山田太郎", "東京 山田太郎", 13},
	{"Hangul syllables", "한국 김민준", "한국 김민준", 11},
	{"Arabic with vowel marks", "مُحَمَّد", "مُحَمَّد", 4},
	{"Hebrew with points", "שָׁלוֹם", "שָׁלוֹם", 4},
	{"Persian with ZWNJ", "می\u200cخواهم", "می\u200cخواهم", 7},
	{"Thai with marks above", "ที่นี่", "ที่นี่", 2},
	{"Tibetan stack", "སྒྲུབ", "སྒྲུབ", 2},
	{"a plain emoji", "Ada 👍", "Ada 👍", 6},
	{"a text-style symbol", "⚠ ❤ ©", "⚠ ❤ ©", 5},
	{"keycap without selector", "1\u20e3", "1\u20e3", 1},
}

// changed: every sequence whose width terminals disagree on, and what it
// becomes.
var changed = []widthCase{
	// ZWJ: one joined glyph to the layout and to terminals that join
	// (tmux 3.3 joins some); each emoji apart to those that don't.
	{"ZWJ family", "👨\u200d👩\u200d👧\u200d👦", "👨👩👧👦", 8},
	{"ZWJ with a skin tone", "👩🏽\u200d💻", "👩💻", 4},
	{"ZWJ with VS16 (rainbow flag)", "🏳\ufe0f\u200d🌈", "🏳🌈", 3},
	{"ZWJ with two VS16", "👁\ufe0f\u200d🗨\ufe0f", "👁🗨", 2},
	{"ZWJ after an emoji at the end", "👍\u200d", "👍", 2},
	{"ZWJ between letters", "क्\u200dष", "क्\u2060ष", 2},
	// Regional indicators: a flag, or letters of one or two cells.
	{"a flag", "🇫🇷", "FR", 2},
	{"two flags", "🇺🇸🇬🇧", "US GB", 5},
	{"a lone regional indicator", "🇦 x", "A x", 3},
	{"three regional indicators", "🇦🇧🇨", "AB C", 4},
	// Variation selectors 15 and 16.
	{"VS16 on a text symbol", "⚠\ufe0f", "⚠", 1},
	{"VS16 on a heart", "❤\ufe0f", "❤", 1},
	{"VS16 keycap", "1\ufe0f\u20e3", "1\u20e3", 1},
	{"VS16 on a digit", "000000\ufe0f0", "0000000", 7},
	{"VS15 on an emoji", "👍\ufe0e", "👍", 2},
	{"VS15 on a symbol", "❤\ufe0e", "❤", 1},
	// Skin tones (emoji modifiers).
	{"skin tone on an emoji", "👍🏽", "👍", 2},
	{"skin tone after a letter", "a🏻", "a", 1},
	{"skin tone alone", "🏿", "", 0},
	// Combining marks.
	{"combining flood", "e" + strings.Repeat("\u0301", 50), "e\u0301\u0301\u0301\u0301", 1},
	{"combining flood on each letter", "Z\u0300\u0301\u0302\u0303\u0304\u0305a\u0306\u0307\u0308\u0309\u030a",
		"Z\u0300\u0301\u0302\u0303a\u0306\u0307\u0308\u0309", 2},
	{"combining marks with nothing to sit on", "\u0301\u0302abc", "abc", 3},
	// Clusters the layout counts as one cell and terminals as several.
	{"Devanagari conjunct", "नमस्ते", "नमस्\u2060ते", 4},
	{"Devanagari vowel signs", "हिन्दी", "ह\u2060िन्\u2060द\u2060ी", 5},
	{"Thai sara am", "กำ", "ก\u2060ำ", 2},
	{"Malayalam dot reph", "\u0d4eക", "\u0d4e\u2060ക", 2},
	{"Hangul jamo", "\u1112\u1161\u11ab\u1100\u116e\u11a8", "한국", 4},
	{"Hangul jamo before a syllable", "\u1100가", "\u1100\u2060가", 4},
	{"a Hangul vowel with no consonant", "a\u1161b", "ab", 2},
	// Invisible format characters.
	{"soft hyphen, ZWSP, WJ, BOM", "Ma\u00adl\u200blo\u2060ry\ufeff", "Mallory", 7},
	{"tag sequence (Scotland)", "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "🏴", 2},
	{"Arabic number sign", "\u0600١٢", "١٢", 2},
	{"line and paragraph separators", "a\u2028b\u2029c", "a b c", 5},
	// Characters whose width depends on the terminal's Unicode tables.
	{"an emoji of Unicode 15", "\U0001fae8 \U0001fa77", "\uFFFD \uFFFD", 3},
	{"CJK of Unicode 15", "\U00031350", "\uFFFD", 1},
	{"unassigned", "a\u0378b", "a\uFFFDb", 3},
	{"a noncharacter", "a\ufdd0b", "a\uFFFDb", 3},
	{"trigram (wide since Unicode 16)", "☰", "\uFFFD", 1},
	{"circled number on a black square", "㉈", "\uFFFD", 1},
	{"musical combining stem", "a\U0001d165b", "a\uFFFDb", 3},
}

// TestWidthsAreUnambiguous: each text becomes what the table says, the
// layout's measure (ansi.StringWidth, grapheme clusters) gives the cells
// the table says, and so does the measure of a terminal that advances once
// per code point (ansi.StringWidthWc: tmux, xterm, VTE, and Bubble Tea's
// renderer on any terminal without mode 2027). Text is idempotent.
func TestWidthsAreUnambiguous(t *testing.T) {
	for _, c := range append(append([]widthCase{}, kept...), changed...) {
		got := sanitize.Text(c.in)
		if got != c.want {
			t.Errorf("%s: Text(%+q) = %+q, want %+q", c.name, c.in, got, c.want)
		}
		if w, wc := ansi.StringWidth(got), ansi.StringWidthWc(got); w != c.cells || wc != c.cells {
			t.Errorf("%s: %+q is %d cells to the layout, %d per code point, want %d", c.name, got, w, wc, c.cells)
		}
		if again := sanitize.Text(got); again != got {
			t.Errorf("%s: not idempotent: %+q then %+q", c.name, got, again)
		}
	}
}

// TestWidthsInTmux: a real terminal draws each text in the cells the
// layout counts. The table's inputs are shown to disagree first, so the
// test proves the rules are needed, not only that they are harmless.
func TestWidthsInTmux(t *testing.T) {
	cells := uitest.NewCells(t)
	var texts []string
	for _, c := range changed {
		texts = append(texts, c.in)
	}
	for _, c := range append(append([]widthCase{}, kept...), changed...) {
		texts = append(texts, sanitize.Text(c.in))
	}
	for _, p := range hostile.Widths() {
		texts = append(texts, sanitize.Text(p.Text))
	}
	drawn := cells.Measure(texts)
	disagree := 0
	for i, c := range changed {
		if drawn[i] != ansi.StringWidth(c.in) || drawn[i] != ansi.StringWidthWc(c.in) {
			disagree++
		} else {
			t.Logf("%s: tmux and the layout agree on %+q (the rule is for other terminals, or for what is drawn)", c.name, c.in)
		}
	}
	if disagree < len(changed)*2/3 {
		t.Errorf("only %d of %d raw texts are measured differently by tmux and the layout", disagree, len(changed))
	}
	for i, s := range texts[len(changed):] {
		if w := ansi.StringWidth(s); drawn[len(changed)+i] != w {
			t.Errorf("%+q: tmux draws %d cells, the layout counts %d", s, drawn[len(changed)+i], w)
		}
	}
}

// TestEveryCodePointHasOneWidth: whatever code point follows a letter, an
// emoji, a Devanagari consonant with a virama, or a Hangul consonant, or
// comes before a combining mark, the layout and a terminal that advances
// once per code point measure the result alike, and Text is idempotent on
// it. Every assigned code point but the Han ideographs, which all behave
// alike, is tried in every context; of those and of the unassigned, one in
// 97. Under the race detector, or with -short, every code point is tried in
// the first context and one in five in all.
func TestEveryCodePointHasOneWidth(t *testing.T) {
	all := []string{"a%sb", "👍%s", "क्%sa", "\u1100%s", "%s\u0301"}
	for r := rune(0xa0); r <= unicode.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		if (unicode.Is(unicode.Cn, r) || unicode.Is(unicode.Han, r) || unicode.Is(unicode.Co, r)) && r%97 != 0 {
			continue
		}
		contexts := all
		if (raceEnabled || testing.Short()) && r%5 != 0 {
			contexts = all[:1]
		}
		for _, ctx := range contexts {
			s := strings.Replace(ctx, "%s", string(r), 1)
			got := sanitize.Text(s)
			if w, wc := ansi.StringWidth(got), ansi.StringWidthWc(got); w != wc {
				t.Errorf("U+%04X in %+q: %+q is %d cells to the layout, %d per code point", r, s, got, w, wc)
			}
			if again := sanitize.Text(got); again != got {
				t.Errorf("U+%04X in %+q: not idempotent: %+q then %+q", r, s, got, again)
			}
		}
	}
}

// TestHostileWidths: each of the demo's names with disputed widths comes
// out with one width.
func TestHostileWidths(t *testing.T) {
	for _, p := range hostile.Widths() {
		got := sanitize.Text(p.Text)
		if w, wc := ansi.StringWidth(got), ansi.StringWidthWc(got); w != wc || w == 0 {
			t.Errorf("%s: %+q is %d cells to the layout, %d per code point", p.Name, got, w, wc)
		}
		for _, l := range []int{1, 5, 12, 40} {
			if cut := sanitize.Line(p.Text, l); ansi.StringWidth(cut) > l || ansi.StringWidth(cut) != ansi.StringWidthWc(cut) {
				t.Errorf("%s: Line(%d) = %+q", p.Name, l, cut)
			}
		}
	}
}
