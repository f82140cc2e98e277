package sanitize

import (
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Widths. The layout (lipgloss, and Bubble Tea's renderer on a terminal
// that reports DEC mode 2027) measures text by grapheme clusters
// (ansi.StringWidth). Most terminals (tmux, xterm, VTE, Alacritty) and
// Bubble Tea's renderer on them advance the cursor once per code point, by
// their own wcwidth tables. When the two disagree on a string, the line
// holding it comes out wider or narrower than the layout planned, and every
// border to its right moves. unambiguous rewrites the sequences they
// disagree on so that the layout's count, the per-code-point count
// (ansi.StringWidthWc) and what tmux draws are one number, keeping as much
// of the text readable as it can. Each rule says why it exists; the tests
// in widths_test.go show each sequence, what it becomes and its width, and
// measure it in a real tmux.

const (
	zwj         = '\u200d' // zero width joiner
	zwnj        = '\u200c' // zero width non-joiner
	vs15        = '\ufe0e' // variation selector 15: text presentation
	vs16        = '\ufe0f' // variation selector 16: emoji presentation
	wordJoiner  = '\u2060'
	replacement = '\ufffd'

	// maxMarks is how many combining marks one character keeps. Living
	// orthographies stack at most three or four (Vietnamese two in
	// decomposed form, Hebrew points with dagesh three, a Tibetan stack
	// four); a flood of dozens ("Zalgo") is drawn up and down over the
	// lines above and below, across the frame's borders, and overflows
	// what a terminal keeps per cell (tmux keeps a few bytes, xterm two
	// marks by default).
	maxMarks = 4
)

// unambiguous returns s, already free of controls, with one width: see
// Widths above.
func unambiguous(s string) string {
	if simple(s) {
		return s
	}
	return splitClusters(rewriteRunes(s))
}

// simple reports whether s is made of code points below the combining
// diacritics (U+0300) other than the soft hyphen: Latin, Latin-1 and its
// extensions, each one cell to every measure, never clustered.
func simple(s string) bool {
	for _, r := range s {
		if r >= 0x300 || r == 0xad {
			return false
		}
	}
	return true
}

// rewriteRunes applies the rules that concern single code points.
func rewriteRunes(s string) string {
	out := make([]byte, 0, len(s))
	last := -1      // where the last character written starts, for Hangul
	marks := -1     // marks on the current character; -1: none to sit on
	indicators := 0 // regional indicators in a row
	put := func(r rune) {
		last = len(out)
		out = utf8.AppendRune(out, r)
		marks = 0
	}
	for _, r := range s {
		if isRegionalIndicator(r) {
			// A pair is a flag: one 2-cell glyph to the layout and to
			// terminals with the flag in their font, two letters of one
			// or two cells each to the others; a lone one is 2 cells to
			// the layout and 1 to tmux. The letters it stands for are
			// one cell everywhere and still say the country (FR); a
			// space keeps flags in a row apart (US GB).
			if indicators > 0 && indicators%2 == 0 {
				put(' ')
			}
			put('A' + r - 0x1f1e6)
			indicators++
			continue
		}
		indicators = 0
		switch {
		case r == zwj:
			// Joins emoji into one glyph (a family, a rainbow flag): 2
			// cells to the layout and to terminals that join (tmux 3.3
			// joins some), the sum of the parts to those that don't. The
			// emoji stay, side by side. Between letters (Indic half
			// forms) it only asks for a shape, which terminals don't draw.
		case r == vs15 || r == vs16:
			// VS16 asks for the emoji form: 2 cells to the layout, 1 to
			// tmux, xterm and VTE for a symbol that is 1 by default (⚠️
			// ❤️ 1️⃣). VS15 asks for the text form: 1 cell to terminals
			// that honour it, 2 to the rest for an emoji that is 2 by
			// default. Without them each character has its default
			// width, which all agree on.
		case r >= 0x1f3fb && r <= 0x1f3ff:
			// A skin tone (emoji modifier): one emoji to the layout, an
			// emoji and a 2-cell swatch to tmux and wcwidth terminals;
			// after a letter, nothing to the layout and 2 cells to them.
			// The emoji stays, in its default colour.
		case r == 0x2028 || r == 0x2029:
			// Line and paragraph separators break lines, as a newline
			// does: a space, as Text makes of line breaks.
			put(' ')
		case r >= 0x1161 && r <= 0x1175 && isHangulL(lastRune(out, last)):
			// Hangul in conjoining jamo (decomposed, as some systems
			// store it): one 2-cell syllable to the layout, a 2-cell
			// consonant and 1-cell vowel and final to the
			// per-code-point count, and 0-cell ones to tmux (glibc). The
			// precomposed syllable is 2 cells to all and reads the same.
			l := lastRune(out, last)
			out = utf8.AppendRune(out[:last], 0xac00+((l-0x1100)*21+(r-0x1161))*28)
		case r >= 0x11a8 && r <= 0x11c2 && isHangulLV(lastRune(out, last)):
			out = utf8.AppendRune(out[:last], lastRune(out, last)+r-0x11a7)
		case (r >= 0x1160 && r <= 0x11ff) || (r >= 0xd7b0 && r <= 0xd7ff):
			// A vowel or final jamo that composes with nothing (old
			// Hangul): 1 cell to the layout, 0 to tmux. Dropped.
		case r != zwnj && unicode.Is(unicode.Cf, r):
			// Invisible format characters (soft hyphen, zero width
			// space, word joiner, byte order mark, tag characters, the
			// Arabic marks that join the next character into one
			// cluster): nothing to the layout, a cell each to some
			// terminals (tmux draws the soft hyphen), boxes in others.
			// The zero width non-joiner stays: Persian spells with it,
			// and it is nothing to everyone.
		case unicode.Is(unicode.Cn, r) || unicode.Is(disputed, r):
			// Unassigned, or a width the terminals' tables disagree on
			// (see disputed): U+FFFD, one cell everywhere.
			put(replacement)
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
			// A combining mark: kept on its character, up to maxMarks.
			// One with no character to sit on (at the start) would
			// combine with whatever the frame drew before it, a border
			// or padding, or take a cell of its own in some terminals.
			if marks >= 0 && marks < maxMarks {
				out = utf8.AppendRune(out, r)
				marks++
			}
		case r == zwnj:
			out = utf8.AppendRune(out, r)
		default:
			put(r)
		}
	}
	return string(out)
}

func isRegionalIndicator(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

// lastRune is the character written at out[last:], when nothing (no mark)
// follows it, else -1.
func lastRune(out []byte, last int) rune {
	if last < 0 {
		return -1
	}
	r, size := utf8.DecodeRune(out[last:])
	if last+size != len(out) {
		return -1
	}
	return r
}

// isHangulL reports a leading consonant jamo that composes (U+1100 to
// U+1112).
func isHangulL(r rune) bool { return r >= 0x1100 && r <= 0x1112 }

// isHangulLV reports a precomposed syllable without a final consonant.
func isHangulLV(r rune) bool { return r >= 0xac00 && r <= 0xd7a3 && (r-0xac00)%28 == 0 }

// splitClusters makes each grapheme cluster as wide to the layout as the
// sum of its code points. A cluster is as wide as its first character to
// the layout, and some clusters hold characters that take cells of their
// own in a terminal that advances per code point: Indic and Thai vowel
// signs that are written beside the consonant (हि, กำ), consonants joined
// across a virama (स्ते, since Unicode 15.1), a Hangul consonant before a
// syllable, Malayalam's dot reph. A word joiner (invisible, and a cluster
// boundary to every measure) before each such character puts it in a
// cluster of its own: each part is then measured alike, and drawn as such
// terminals draw it anyway. A part that still disagrees becomes U+FFFD.
func splitClusters(s string) string {
	var out []byte
	for i := 0; i < len(s); {
		c, w := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
		if len(c) == 0 {
			break
		}
		i += len(c)
		if w == ansi.StringWidthWc(c) {
			if out != nil {
				out = append(out, c...)
			}
			continue
		}
		if out == nil {
			out = append(make([]byte, 0, len(s)+16), s[:i-len(c)]...)
		}
		var parts []byte
		for j, r := range c {
			if j > 0 && ansi.StringWidthWc(string(r)) > 0 {
				parts = utf8.AppendRune(parts, wordJoiner)
			}
			parts = utf8.AppendRune(parts, r)
		}
		for p := string(parts); p != ""; {
			part, w := ansi.FirstGraphemeCluster(p, ansi.GraphemeWidth)
			if len(part) == 0 {
				break
			}
			p = p[len(part):]
			if w == ansi.StringWidthWc(part) {
				out = append(out, part...)
			} else {
				out = utf8.AppendRune(out, replacement)
			}
		}
	}
	if out == nil {
		return s
	}
	return string(out)
}

// disputed holds the characters whose width the layout's tables (Unicode
// 16 and later) and the terminals' (the C library's wcwidth: glibc 2.36,
// Debian 12, Unicode 14) disagree on. They become U+FFFD.
var disputed = &unicode.RangeTable{
	R16: []unicode.Range16{
		// New in Unicode 15.0: unknown to a terminal whose tables are
		// older, which draws them in no cell at all (tmux) or in one,
		// where the layout counts one or two.
		{Lo: 0x0cf3, Hi: 0x0cf3, Stride: 1},
		{Lo: 0x0ece, Hi: 0x0ece, Stride: 1},
		// Trigrams and digrams: wide since Unicode 16, narrow before.
		{Lo: 0x2630, Hi: 0x2637, Stride: 1},
		{Lo: 0x268a, Hi: 0x268f, Stride: 1},
		// Circled numbers on black squares: narrow (ambiguous) to the
		// layout, wide to glibc.
		{Lo: 0x3248, Hi: 0x324f, Stride: 1},
	},
	R32: []unicode.Range32{
		// New in Unicode 15.0, as above (emoji such as 🫨 and 🩷 among
		// them, and CJK Extension H).
		{Lo: 0x10efd, Hi: 0x10eff, Stride: 1},
		{Lo: 0x1123f, Hi: 0x11241, Stride: 1},
		{Lo: 0x11b00, Hi: 0x11b09, Stride: 1},
		{Lo: 0x11f00, Hi: 0x11f10, Stride: 1},
		{Lo: 0x11f12, Hi: 0x11f3a, Stride: 1},
		{Lo: 0x11f3e, Hi: 0x11f59, Stride: 1},
		{Lo: 0x1342f, Hi: 0x1342f, Stride: 1},
		{Lo: 0x13439, Hi: 0x13455, Stride: 1},
		{Lo: 0x1b132, Hi: 0x1b132, Stride: 1},
		{Lo: 0x1b155, Hi: 0x1b155, Stride: 1},
		// Musical combining stems: spacing marks that the layout
		// clusters with the note before them, glibc gives a cell.
		{Lo: 0x1d165, Hi: 0x1d166, Stride: 1},
		{Lo: 0x1d16d, Hi: 0x1d172, Stride: 1},
		{Lo: 0x1d2c0, Hi: 0x1d2d3, Stride: 1}, // Unicode 15.0
		// Tai Xuan Jing symbols and counting rods: wide since Unicode
		// 16, narrow before.
		{Lo: 0x1d300, Hi: 0x1d356, Stride: 1},
		{Lo: 0x1d360, Hi: 0x1d376, Stride: 1},
		// Unicode 15.0 again.
		{Lo: 0x1df25, Hi: 0x1df2a, Stride: 1},
		{Lo: 0x1e030, Hi: 0x1e06d, Stride: 1},
		{Lo: 0x1e08f, Hi: 0x1e08f, Stride: 1},
		{Lo: 0x1e4d0, Hi: 0x1e4f9, Stride: 1},
		{Lo: 0x1f6dc, Hi: 0x1f6dc, Stride: 1},
		{Lo: 0x1f774, Hi: 0x1f776, Stride: 1},
		{Lo: 0x1f77b, Hi: 0x1f77f, Stride: 1},
		{Lo: 0x1f7d9, Hi: 0x1f7d9, Stride: 1},
		{Lo: 0x1fa75, Hi: 0x1fa77, Stride: 1},
		{Lo: 0x1fa87, Hi: 0x1fa88, Stride: 1},
		{Lo: 0x1faad, Hi: 0x1faaf, Stride: 1},
		{Lo: 0x1fabb, Hi: 0x1fabd, Stride: 1},
		{Lo: 0x1fabf, Hi: 0x1fabf, Stride: 1},
		{Lo: 0x1face, Hi: 0x1facf, Stride: 1},
		{Lo: 0x1fada, Hi: 0x1fadb, Stride: 1},
		{Lo: 0x1fae8, Hi: 0x1fae8, Stride: 1},
		{Lo: 0x1faf7, Hi: 0x1faf8, Stride: 1},
		{Lo: 0x2b739, Hi: 0x2b739, Stride: 1},
		{Lo: 0x31350, Hi: 0x323af, Stride: 1},
	},
}
