package opigno

import (
	"encoding/base64"
	"testing"
)

// FuzzParseCursor feeds arbitrary bytes to the PHP cursor parser: it must
// never panic, and whatever it accepts must survive a round trip. The seed
// corpus is in testdata/fuzz/FuzzParseCursor.
func FuzzParseCursor(f *testing.F) {
	f.Add([]byte(vendorCursorBytes))
	f.Fuzz(func(t *testing.T, raw []byte) {
		c, err := parseCursor(raw)
		if err != nil {
			return
		}
		again, err := decodeCursor(encodeCursor(c))
		if err != nil || again != c {
			t.Fatalf("accepted %q as %+v but the round trip gave %+v, %v", raw, c, again, err)
		}
		back, _ := base64.StdEncoding.DecodeString(encodeCursor(c))
		if _, err := parseCursor(back); err != nil {
			t.Fatalf("re-encoding of %+v does not parse: %v", c, err)
		}
	})
}
