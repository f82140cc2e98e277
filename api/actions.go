package api

import (
	"encoding/binary"
	"strings"
	"unique"
)

// Actions is a row's calls to action, kept small for lists of a hundred
// thousand rows: what rows have in common (each action's id and title,
// its argument and metadata keys) is kept once for every row of the same
// shape, and a row keeps only its values. Unpacked, the actions of every
// row of a list would be most of the list's memory.
type Actions struct {
	shape unique.Handle[string] // ids, titles and keys, encoded; zero for none
	vals  string                // the values, encoded in the same order
}

// PackActions keeps as in an Actions.
func PackActions(as []Action) Actions {
	if len(as) == 0 {
		return Actions{}
	}
	var shape, vals strings.Builder
	var buf [binary.MaxVarintLen64]byte
	put := func(b *strings.Builder, s string) {
		b.Write(binary.AppendUvarint(buf[:0], uint64(len(s))))
		b.WriteString(s)
	}
	count := func(n int) { shape.Write(binary.AppendUvarint(buf[:0], uint64(n))) }
	count(len(as))
	for _, a := range as {
		put(&shape, a.ID)
		put(&shape, a.Title)
		for _, kvs := range [][]KeyValue{a.Args, a.Meta} {
			count(len(kvs))
			for _, kv := range kvs {
				put(&shape, kv.Key)
				put(&vals, kv.Value)
			}
		}
	}
	return Actions{shape: unique.Make(shape.String()), vals: vals.String()}
}

// List unpacks the actions, in the order the server sent them. Their
// strings share the packed memory.
func (p Actions) List() []Action {
	if p.shape == (unique.Handle[string]{}) {
		return nil
	}
	shape, vals := reader(p.shape.Value()), reader(p.vals)
	out := make([]Action, shape.count())
	for i := range out {
		out[i].ID, out[i].Title = shape.str(), shape.str()
		out[i].Args = keyValues(&shape, &vals)
		out[i].Meta = keyValues(&shape, &vals)
	}
	return out
}

func keyValues(shape, vals *reader) []KeyValue {
	n := shape.count()
	if n == 0 {
		return nil
	}
	out := make([]KeyValue, n)
	for i := range out {
		out[i] = KeyValue{Key: shape.str(), Value: vals.str()}
	}
	return out
}

// reader reads what PackActions wrote, which it alone writes: there is no
// malformed input to meet.
type reader string

// count reads a uvarint (encoding/binary's, which reads bytes, not
// strings).
func (r *reader) count() int {
	var n uint64
	for i, shift := 0, uint(0); i < len(*r); i, shift = i+1, shift+7 {
		b := (*r)[i]
		n |= uint64(b&0x7f) << shift
		if b < 0x80 {
			*r = (*r)[i+1:]
			return int(n)
		}
	}
	return 0
}

func (r *reader) str() string {
	n := r.count()
	s := string((*r)[:n])
	*r = (*r)[n:]
	return s
}
