package opigno

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Opigno's cursors are base64 (standard, padded) of a PHP-serialized
// Drupal\opigno_api\Wrappers\Cursor whose four protected properties are
// backingType, backingId, sortKey and sortValue. The demo writes and reads
// the same bytes so a client that stores a real server's cursor shape works
// against the demo unchanged.
const (
	cursorClass = `Drupal\opigno_api\Wrappers\Cursor`
	// A PHP protected property name is "\0*\0" followed by the name.
	phpProtected = "\x00*\x00"
	// maxCursorLen bounds what the parser is asked to read; real cursors are
	// a few hundred bytes.
	maxCursorLen = 4096
)

// sortValue is a cursor's sort value: PHP serializes strings as s: and
// integers (timestamps) as i:.
type sortValue struct {
	isInt bool
	s     string
	n     int64
}

func stringValue(s string) sortValue { return sortValue{s: s} }
func intValue(n int64) sortValue     { return sortValue{isInt: true, n: n} }

// cursor is the decoded position of one row in one kind of list.
type cursor struct {
	backingType string
	backingID   int64
	sortKey     string
	sortValue   sortValue
}

// errInvalidCursor is what every malformed cursor reports; the detail after
// it says what was wrong without echoing the bytes.
var errInvalidCursor = errors.New("invalid cursor")

// encodeCursor serializes c the way PHP's serialize() does and base64s it.
func encodeCursor(c cursor) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "O:%d:\"%s\":4:{", len(cursorClass), cursorClass)
	writePHPString(&b, phpProtected+"backingType")
	writePHPString(&b, c.backingType)
	writePHPString(&b, phpProtected+"backingId")
	writePHPInt(&b, c.backingID)
	writePHPString(&b, phpProtected+"sortKey")
	writePHPString(&b, c.sortKey)
	writePHPString(&b, phpProtected+"sortValue")
	if c.sortValue.isInt {
		writePHPInt(&b, c.sortValue.n)
	} else {
		writePHPString(&b, c.sortValue.s)
	}
	b.WriteByte('}')
	return base64.StdEncoding.EncodeToString(b.Bytes())
}

// writePHPString writes s:<byte length>:"<bytes>"; as PHP does: the length
// counts bytes and the content is not escaped.
func writePHPString(b *bytes.Buffer, s string) {
	fmt.Fprintf(b, "s:%d:\"%s\";", len(s), s)
}

func writePHPInt(b *bytes.Buffer, n int64) {
	fmt.Fprintf(b, "i:%d;", n)
}

// decodeCursor reverses encodeCursor.
func decodeCursor(s string) (cursor, error) {
	if len(s) > maxCursorLen {
		return cursor{}, fmt.Errorf("%w: too long", errInvalidCursor)
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, fmt.Errorf("%w: not base64", errInvalidCursor)
	}
	return parseCursor(raw)
}

// parseCursor reads the PHP-serialized cursor object. It accepts the four
// properties in any order but nothing else: no other class, no missing,
// repeated or unknown property, no trailing bytes.
func parseCursor(raw []byte) (cursor, error) {
	p := &phpReader{buf: raw}
	c, err := p.cursorObject()
	if err == nil && p.pos != len(p.buf) {
		err = errors.New("trailing data")
	}
	if err != nil {
		return cursor{}, fmt.Errorf("%w: %v", errInvalidCursor, err)
	}
	return c, nil
}

// phpReader is a cursor over serialized bytes, for the small subset of
// PHP's format a Cursor object uses.
type phpReader struct {
	buf []byte
	pos int
}

func (p *phpReader) cursorObject() (cursor, error) {
	if err := p.expect("O:"); err != nil {
		return cursor{}, err
	}
	class, err := p.lengthPrefixed(':')
	if err != nil {
		return cursor{}, err
	}
	if class != cursorClass {
		return cursor{}, errors.New("not an Opigno cursor")
	}
	if err := p.expect(":4:{"); err != nil {
		return cursor{}, errors.New("a cursor has exactly four properties")
	}
	var c cursor
	seen := map[string]bool{}
	for range 4 {
		if err := p.property(&c, seen); err != nil {
			return cursor{}, err
		}
	}
	return c, p.expect("}")
}

// property reads one name/value pair into c.
func (p *phpReader) property(c *cursor, seen map[string]bool) error {
	name, err := p.str()
	if err != nil {
		return err
	}
	if seen[name] {
		return errors.New("repeated property")
	}
	seen[name] = true
	switch name {
	case phpProtected + "backingType":
		c.backingType, err = p.str()
	case phpProtected + "backingId":
		c.backingID, err = p.int()
	case phpProtected + "sortKey":
		c.sortKey, err = p.str()
	case phpProtected + "sortValue":
		c.sortValue, err = p.scalar()
	default:
		err = errors.New("unknown property")
	}
	return err
}

// scalar reads a string or an integer.
func (p *phpReader) scalar() (sortValue, error) {
	if p.pos < len(p.buf) && p.buf[p.pos] == 'i' {
		n, err := p.int()
		return intValue(n), err
	}
	s, err := p.str()
	return stringValue(s), err
}

// str reads s:<len>:"<bytes>";.
func (p *phpReader) str() (string, error) {
	if err := p.expect("s:"); err != nil {
		return "", err
	}
	s, err := p.lengthPrefixed(':')
	if err != nil {
		return "", err
	}
	return s, p.expect(";")
}

// lengthPrefixed reads <len><sep>"<len bytes>".
func (p *phpReader) lengthPrefixed(sep byte) (string, error) {
	n, err := p.digits(sep)
	if err != nil {
		return "", err
	}
	if n < 0 || n > int64(len(p.buf)) {
		return "", errors.New("bad string length")
	}
	if err := p.expect(`"`); err != nil {
		return "", err
	}
	end := p.pos + int(n)
	if end > len(p.buf) {
		return "", errors.New("string runs past the end")
	}
	s := string(p.buf[p.pos:end])
	p.pos = end
	return s, p.expect(`"`)
}

// int reads i:<decimal>;.
func (p *phpReader) int() (int64, error) {
	if err := p.expect("i:"); err != nil {
		return 0, err
	}
	return p.digits(';')
}

// digits reads an optionally negative decimal up to and including end.
func (p *phpReader) digits(end byte) (int64, error) {
	i := bytes.IndexByte(p.buf[p.pos:], end)
	if i <= 0 || i > 20 {
		return 0, errors.New("bad number")
	}
	text := string(p.buf[p.pos : p.pos+i])
	// PHP writes plain decimals: no plus sign, no leading zeros.
	if text[0] == '+' || strings.HasPrefix(text, "-0") || (len(text) > 1 && text[0] == '0') {
		return 0, errors.New("bad number")
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return 0, errors.New("bad number")
	}
	p.pos += i + 1
	return n, nil
}

func (p *phpReader) expect(lit string) error {
	if !bytes.HasPrefix(p.buf[p.pos:], []byte(lit)) {
		return fmt.Errorf("expected %q at byte %d", lit, p.pos)
	}
	p.pos += len(lit)
	return nil
}
