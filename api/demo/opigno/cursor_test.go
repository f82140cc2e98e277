package opigno

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// vendorCursor is the cursor in Opigno's getPossibleUserConnections example.
const vendorCursor = "TzozMzoiRHJ1cGFsXG9waWdub19hcGlcV3JhcHBlcnNcQ3Vyc29yIjo0OntzOjE0OiIAKgBiYWNraW5nVHlwZSI7czoxNDoib3BpZ25vX2NvbnRleHQiO3M6MTI6IgAqAGJhY2tpbmdJZCI7aToxNjA2O3M6MTA6IgAqAHNvcnRLZXkiO3M6NToibGFiZWwiO3M6MTI6IgAqAHNvcnRWYWx1ZSI7czoyMDoiYWxpbmFfdGVzdF8xIG9waWdubzQiO30="

// vendorCursorBytes is what the reference says it decodes to.
const vendorCursorBytes = "O:33:\"Drupal\\opigno_api\\Wrappers\\Cursor\":4:{s:14:\"\x00*\x00backingType\";s:14:\"opigno_context\";s:12:\"\x00*\x00backingId\";i:1606;s:10:\"\x00*\x00sortKey\";s:5:\"label\";s:12:\"\x00*\x00sortValue\";s:20:\"alina_test_1 opigno4\";}"

func TestVendorCursorDecodes(t *testing.T) {
	raw, err := base64.StdEncoding.DecodeString(vendorCursor)
	if err != nil || string(raw) != vendorCursorBytes {
		t.Fatalf("vendor cursor bytes %q (%v)", raw, err)
	}
	c, err := decodeCursor(vendorCursor)
	if err != nil {
		t.Fatal(err)
	}
	want := cursor{backingType: "opigno_context", backingID: 1606, sortKey: "label", sortValue: stringValue("alina_test_1 opigno4")}
	if c != want {
		t.Fatalf("decoded %+v, want %+v", c, want)
	}
	if got := encodeCursor(c); got != vendorCursor {
		t.Fatalf("re-encoded %s, want the vendor's cursor", got)
	}
}

func TestCursorRoundTrip(t *testing.T) {
	for _, c := range []cursor{
		{backingType: "user_invitation", backingID: 7, sortKey: "created", sortValue: intValue(1735689600)},
		{backingType: "community_invitation", backingID: 1, sortKey: "created", sortValue: intValue(-5)},
		{backingType: "community", backingID: 40, sortKey: "title", sortValue: stringValue(`Qu"ote"; s:3:"x";}`)},
		{backingType: "opigno_context", backingID: 2, sortKey: "label", sortValue: stringValue("Zoë Müller ✓")},
		{backingType: "opigno_context", backingID: 3, sortKey: "label", sortValue: stringValue("")},
	} {
		got, err := decodeCursor(encodeCursor(c))
		if err != nil || got != c {
			t.Errorf("round trip of %+v gave %+v, %v", c, got, err)
		}
	}
}

// TestCursorIntSortValue pins PHP's i: form for integer sort values.
func TestCursorIntSortValue(t *testing.T) {
	raw, _ := base64.StdEncoding.DecodeString(encodeCursor(cursor{backingType: "user_invitation", backingID: 9, sortKey: "created", sortValue: intValue(1700000000)}))
	want := "O:33:\"Drupal\\opigno_api\\Wrappers\\Cursor\":4:{s:14:\"\x00*\x00backingType\";s:15:\"user_invitation\";s:12:\"\x00*\x00backingId\";i:9;s:10:\"\x00*\x00sortKey\";s:7:\"created\";s:12:\"\x00*\x00sortValue\";i:1700000000;}"
	if string(raw) != want {
		t.Fatalf("got %q\nwant %q", raw, want)
	}
}

// phpObject builds a serialized Cursor with the given count and
// property bytes, for malformed variants.
func phpObject(count int, props ...string) string {
	out := fmt.Sprintf("O:33:\"Drupal\\opigno_api\\Wrappers\\Cursor\":%d:{", count)
	for _, p := range props {
		out += p
	}
	return out + "}"
}

func phpStr(s string) string { return fmt.Sprintf("s:%d:\"%s\";", len(s), s) }

func TestGarbledCursors(t *testing.T) {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	typ := phpStr("\x00*\x00backingType") + phpStr("opigno_context")
	id := phpStr("\x00*\x00backingId") + "i:1606;"
	key := phpStr("\x00*\x00sortKey") + phpStr("label")
	val := phpStr("\x00*\x00sortValue") + phpStr("x")
	if _, err := decodeCursor(b64(phpObject(4, typ, id, key, val))); err != nil {
		t.Fatalf("the well-formed base case fails: %v", err)
	}
	for name, in := range map[string]string{
		"empty":             "",
		"not base64":        "%%%not-base64%%%",
		"unpadded":          strings.TrimRight(vendorCursor, "="),
		"plain text":        b64("hello"),
		"truncated":         b64(vendorCursorBytes[:len(vendorCursorBytes)-10]),
		"trailing data":     b64(vendorCursorBytes + "x"),
		"other class":       b64(`O:8:"stdClass":4:{}`),
		"three properties":  b64(phpObject(3, typ, id, key)),
		"five properties":   b64(phpObject(5, typ, id, key, val, val)),
		"missing property":  b64(phpObject(4, typ, id, key, phpStr("x")+phpStr("y"))),
		"repeated property": b64(phpObject(4, typ, id, key, key)),
		"length too long":   b64(phpObject(4, typ, id, key, phpStr("\x00*\x00sortValue")+`s:99:"short";`)),
		"length too short":  b64(phpObject(4, typ, id, key, phpStr("\x00*\x00sortValue")+`s:2:"short";`)),
		"negative length":   b64(phpObject(4, typ, id, key, phpStr("\x00*\x00sortValue")+`s:-1:"";`)),
		"leading zero id":   b64(phpObject(4, typ, phpStr("\x00*\x00backingId")+"i:01606;", key, val)),
		"plus sign id":      b64(phpObject(4, typ, phpStr("\x00*\x00backingId")+"i:+1606;", key, val)),
		"string id":         b64(phpObject(4, typ, phpStr("\x00*\x00backingId")+phpStr("1606"), key, val)),
		"huge number":       b64(phpObject(4, typ, id, key, phpStr("\x00*\x00sortValue")+"i:99999999999999999999;")),
		"float sort value":  b64(phpObject(4, typ, id, key, phpStr("\x00*\x00sortValue")+"d:1.5;")),
		"too long":          b64(strings.Repeat("x", maxCursorLen)),
	} {
		if _, err := decodeCursor(in); !errors.Is(err, errInvalidCursor) {
			t.Errorf("%s: err %v, want invalid cursor", name, err)
		}
	}
}
