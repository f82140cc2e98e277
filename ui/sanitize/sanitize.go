// Package sanitize makes untrusted text safe to put on a terminal. Every
// string a server sends (names, e-mails, group names, CTA titles, error
// messages) passes through it wherever it is shown, copied or logged: list
// rows, detail, dialogs, status and error lines, the window title, the
// clipboard, debug logs and anything printed after exit. What it shows has
// one width: the layout and every terminal count the same cells for it
// (widths.go), so the frame's borders stay in line.
//
// Raw values stay raw in the model: update mutations write them back.
package sanitize

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Ellipsis marks text cut to fit.
const Ellipsis = "…"

// Line makes s safe and fits it on one line of at most width cells
// (width <= 0 means no limit). Line breaks and tabs become spaces.
func Line(s string, width int) string {
	s = clean(s)
	if width <= 0 {
		return unambiguous(s)
	}
	s = start(s, width)
	// Truncate can measure a grapheme narrower than StringWidth does, so
	// cut shorter until the layout's measure agrees. A cut can end
	// between the parts of a cluster that unambiguous split, with a word
	// joiner before the ellipsis; unambiguous again takes it away.
	cut := s
	for w := width; w > 0 && ansi.StringWidth(cut) > width; w-- {
		cut = unambiguous(ansi.Truncate(s, w, Ellipsis))
	}
	return cut
}

// start is the part of s that can show in width cells, with one width
// (unambiguous), when s is much longer: making a 10,000-character name
// safe and measuring it whole, frame after frame, costs more than drawing
// the rest of the screen. No cell takes more than a few bytes in practice;
// a start that measures narrower (a run of combining marks) is doubled
// until it does not, up to s whole. The start must measure more than
// width+2 cells, so that the cluster at its end, which may read
// differently cut (a Hangul consonant without its vowel), is cut off too.
func start(s string, width int) string {
	for limit := 8 * (width + 1); limit < len(s); limit *= 2 {
		for !utf8.RuneStart(s[limit]) {
			limit--
		}
		if head := unambiguous(s[:limit]); ansi.StringWidth(head) > width+2 {
			return head
		}
	}
	return unambiguous(s)
}

// Text makes s safe to print, as Safe does, with one width: the sequences
// terminals measure differently from the layout (emoji joined by ZWJ,
// flags, variation selectors 15 and 16, skin tones, floods of combining
// marks, clusters that terminals draw in more cells, invisible format
// characters, characters newer than the terminal's tables) rewritten as
// widths.go says, so that the layout counts the cells the terminal draws.
func Text(s string) string {
	return unambiguous(clean(s))
}

// Safe makes s safe to send to a terminal: valid UTF-8, complete escape
// sequences (CSI, OSC, DCS, SOS, PM, APC, in their 7-bit and 8-bit forms)
// removed, every other control rune (C0, DEL, C1) and every
// bidirectional-formatting control removed, tabs and line breaks turned
// into spaces. Widths are left alone: it is for text nothing lays out, the
// clipboard, which should get the value as the server has it.
func Safe(s string) string { return clean(s) }

// clean is Safe.
func clean(s string) string {
	if plain(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b:
			i += escapeLen(s[i:])
			continue
		case isIntroducer(r):
			i += size + stringBodyLen(s[i+size:], r == 0x9d)
			continue
		case r == 0x9b: // 8-bit CSI
			i += size + csiBodyLen(s[i+size:])
			continue
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case isControl(r) || IsBidi(r):
			// dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// plain reports whether s is printable ASCII only, the common case, which
// needs no work.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// isControl reports C0, DEL and C1 control runes.
func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f)
}

// IsBidi reports the Unicode bidirectional formatting controls, which can
// make text display in another order than it is stored ("Trojan Source").
func IsBidi(r rune) bool {
	switch {
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// isIntroducer reports the 8-bit introducers of string sequences: DCS, SOS,
// OSC, PM, APC.
func isIntroducer(r rune) bool {
	return r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f
}

// escapeLen is the length of the escape sequence starting at s[0] == ESC,
// or of the lone ESC when no valid sequence follows.
func escapeLen(s string) int {
	if len(s) < 2 {
		return 1
	}
	switch c := s[1]; {
	case c == '[':
		return 2 + csiBodyLen(s[2:])
	case c == ']':
		return 2 + stringBodyLen(s[2:], true)
	case c == 'P' || c == 'X' || c == '^' || c == '_':
		return 2 + stringBodyLen(s[2:], false)
	case c >= 0x20 && c <= 0x2f:
		// nF escape: intermediates, then one final byte.
		n := 1
		for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
			n++
		}
		if n < len(s) && s[n] >= 0x30 && s[n] <= 0x7e {
			n++
		}
		return n
	case c >= 0x30 && c <= 0x7e:
		return 2 // two-character escape, such as ESC c (reset)
	}
	return 1
}

// csiBodyLen is the length of a CSI sequence's parameters, intermediates
// and final byte. An unterminated sequence runs to the first byte that
// cannot belong to it.
func csiBodyLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x20 && c <= 0x3f:
			continue // parameter and intermediate bytes
		case c >= 0x40 && c <= 0x7e:
			return i + 1 // final byte
		default:
			return i
		}
	}
	return len(s)
}

// stringBodyLen is the length of a control string's body and terminator:
// up to ST (ESC \ or 8-bit 0x9c), or BEL for OSC. An unterminated string is
// removed to the end: a terminal would swallow it all the same.
func stringBodyLen(s string, bel bool) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == 0x07 && bel:
			return i + 1
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c: // ST as UTF-8 U+009C
			return i + 2
		}
	}
	return len(s)
}
