// Package hostile is the catalogue of text a hostile or compromised server
// could send to take over a terminal, which the demo server seeds into its
// data with `rosterm demo-server --hostile` (and `rosterm --demo --hostile`)
// so that anyone can watch rosterm's defences work, and which tests and the
// sanitizer's fuzz corpus reuse.
//
// Every payload that a terminal would act on writes the word PWNED: into
// the window title, the clipboard, a link, over the screen. If PWNED shows
// up anywhere but as plain text inside rosterm's own frame (in the title
// bar, after a paste, in a terminal left scrambled), a payload got through.
package hostile

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// Payload is one attack.
type Payload struct {
	Name   string // what it tries, in a few words
	Text   string // as the demo stores it (see Wire for invalid UTF-8)
	Effect string // what an unprotected terminal would do
}

// Markers stand in the stored data for bytes that are not UTF-8 at all.
// JSON text is UTF-8, and encoding/json (on either side) turns invalid
// bytes into U+FFFD, so a well-behaved server cannot send them. A sloppy
// one, building JSON by hand, can: RawBytes replaces the markers with the
// raw bytes on the wire, and the client's decoder has to cope. They are
// Unicode noncharacters, which no real text contains.
const (
	MarkerFF = "\uFDD0" // on the wire: 0xFF 0xFE, bytes that never occur in UTF-8
	Marker9B = "\uFDD1" // on the wire: 0x9B, the 8-bit CSI of Latin-1 terminals
)

// Wire is s as RawBytes sends it: markers replaced by their raw bytes.
func Wire(s string) string {
	return strings.NewReplacer(MarkerFF, "\xff\xfe", Marker9B, "\x9b").Replace(s)
}

// RawBytes is middleware that puts the markers' raw bytes on the wire.
func RawBytes(next http.Handler) http.Handler {
	ff, b9 := []byte(MarkerFF), []byte(Marker9B)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := gqlserve.Record(next, r)
		body := rec.Body.Bytes()
		if bytes.Contains(body, ff) || bytes.Contains(body, b9) {
			body = []byte(Wire(string(body)))
		}
		rec.Send(w, body)
	})
}

// Payloads lists the attacks, each as a short string that fits in a name.
func Payloads() []Payload {
	clip := base64.StdEncoding.EncodeToString([]byte("PWNED clipboard"))
	return []Payload{
		{"screen clear", "\x1b[2J\x1b[3J\x1b[HPWNED", "clears the screen and scrollback, writes PWNED at the top"},
		{"cursor move", "\x1b[1;1H\x1b[2KPWNED\x1b[999B", "overwrites the top line with PWNED"},
		{"clipboard write (OSC 52)", "\x1b]52;c;" + clip + "\x07", "puts PWNED clipboard on the clipboard"},
		{"window title (OSC 0)", "\x1b]0;PWNED title\x07", "sets the window title to PWNED title"},
		{"window title (OSC 2, ST)", "\x1b]2;PWNED title\x1b\\", "sets the window title to PWNED title"},
		{"hyperlink (OSC 8)", "\x1b]8;;https://pwned.example/PWNED\x1b\\click me\x1b]8;;\x1b\\", "links the text to pwned.example/PWNED"},
		{"device control string", "\x1bP$qPWNED\x1b\\", "asks the terminal to answer PWNED into the input"},
		{"application program command", "\x1b_Ga=T,f=100;PWNED\x1b\\", "sends PWNED to a graphics protocol"},
		{"8-bit CSI (U+009B)", "\u009b2J\u009bHPWNED", "clears the screen on terminals that take C1 controls"},
		{"8-bit OSC title", "\u009d0;PWNED title\u009c", "sets the title on terminals that take C1 controls"},
		{"bidi override", "\u202eDENWP\u202c", "shows PWNED while the text says DENWP"},
		{"carriage return", "Mallory\rPWNED!!", "writes PWNED over the start of the line"},
		{"backspaces", "Mallory\b\b\b\b\b\b\bPWNED!!", "writes PWNED over the name"},
		{"terminal reset", "\x1bcPWNED", "resets the terminal, leaving PWNED"},
		{"alternate screen off", "\x1b[?1049lPWNED", "leaves the full-screen view, PWNED in the shell"},
		{"invalid UTF-8", "PWNED" + MarkerFF + "ok", "bytes that are not text"},
		{"raw 8-bit CSI byte", Marker9B + "2JPWNED", "clears the screen on Latin-1 terminals"},
	}
}

// LongName returns a name of exactly n characters ending in PWNED, for
// width and layout limits: a 10,000-character name must not wrap, push
// columns off screen or slow the list down.
func LongName(n int) string {
	const end = " PWNED"
	s := "Mallory " + strings.Repeat("Longname-", n/9+1)
	return s[:max(n-len(end), 0)] + end
}

// Contains reports whether s carries a payload (or the mark of one).
func Contains(s string) bool {
	if strings.Contains(s, "PWNED") {
		return true
	}
	for _, p := range Payloads() {
		if strings.Contains(s, p.Text) {
			return true
		}
	}
	return false
}

// Widths lists text whose width terminals disagree on: the layout
// (lipgloss, measuring grapheme clusters) counts one number of cells, and a
// terminal that advances its cursor once per code point (tmux, xterm, VTE,
// and Bubble Tea's renderer on any terminal without DEC mode 2027) draws
// another, so a row carrying it pushes the pane's right border out of line.
// None of it acts on the terminal; each is a name a real person or a
// careless import could have. The demo seeds them with --hostile beside the
// payloads, as names that sort near the top of each list.
func Widths() []Payload {
	zalgo := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r)
			for i := range 12 {
				b.WriteRune(0x0300 + rune(i*7+int(r))%0x70) // combining diacritics
			}
		}
		return b.String()
	}
	return []Payload{
		{"emoji ZWJ sequences", "👨\u200d👩\u200d👧\u200d👦 👩🏽\u200d💻 🏳\ufe0f\u200d🌈", "one joined glyph (2 cells) to the layout, each emoji drawn apart to the terminal"},
		{"flags", "🇫🇷🇯🇵 🇦", "a 2-cell flag to the layout, two 1-cell letters to the terminal"},
		{"variation selectors", "⚠\ufe0f ❤\ufe0f 1\ufe0f\u20e3 👍\ufe0e", "2 cells to the layout, 1 to the terminal"},
		{"skin tones", "👍🏽 👋🏿 a🏻", "one emoji to the layout, an emoji and a colour swatch to the terminal"},
		{"combining flood", zalgo("Zalgo"), "marks stacked above and below, over the lines around"},
		{"Indic conjuncts and vowel signs", "नमस्ते हिन्दी กำ", "one cell per syllable to the layout, one per letter to the terminal"},
		{"Hangul jamo", "\u1112\u1161\u11ab\u1100\u116e\u11a8", "one syllable to the layout, three letters to some terminals"},
		{"invisible format characters", "Ma\u00adl\u200blo\u2060ry 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "nothing to the layout, a cell each to some terminals"},
		{"emoji newer than the terminal", "🫨 🩷", "2 cells to the layout, nothing to a terminal whose tables predate them"},
	}
}
