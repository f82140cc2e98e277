package serve

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/crypto/ssh"
)

// The roles a person can have.
const (
	Viewer   = "viewer"   // looks: every change is refused
	Operator = "operator" // changes allowed
)

// Person is one entry of the users file.
type Person struct {
	Name   string
	Role   string
	Acting string // the Opigno user context they act as; "" for the profile's
	Keys   []ssh.PublicKey
}

// ReadOnly reports whether the person may not change anything.
func (p Person) ReadOnly() bool { return p.Role != Operator }

// Users is who may sign in, by key.
type Users struct {
	byKey map[string]*Person // ssh.PublicKey.Marshal() -> person
	list  []*Person
}

// Lookup is the person a key belongs to.
func (u *Users) Lookup(key ssh.PublicKey) (*Person, bool) {
	if u == nil {
		return nil, false
	}
	p, ok := u.byKey[string(key.Marshal())]
	return p, ok
}

// Len is how many people may sign in.
func (u *Users) Len() int { return len(u.list) }

var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$`)

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// LoadUsers reads a users file:
//
//	users:
//	  - name: dana
//	    role: operator          # or viewer
//	    keys: ["ssh-ed25519 AAAA… dana@laptop"]
//	    acting_uuid: 5f0c6a2e-…  # optional
//
// Every problem is reported, each with its line.
func LoadUsers(path string) (*Users, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseUsers(path, data)
}

// ParseUsers reads a users file's content; path names it in errors.
func ParseUsers(path string, data []byte) (*Users, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	var problems []string
	fail := func(n *yaml.Node, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: %s", path, n.Line, fmt.Sprintf(format, args...)))
	}
	u := &Users{byKey: map[string]*Person{}}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty: list the people who may sign in under users:", path)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: expected users: with a list of people", path, root.Line)
	}
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "users" {
			fail(k, "unknown setting %q (the file has only users:)", k.Value)
			continue
		}
		list = v
	}
	if list == nil || list.Kind != yaml.SequenceNode {
		if list == nil {
			list = root
		}
		fail(list, "users: must be a list of people (name, role, keys)")
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	keyOwner := map[string]string{}
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			fail(item, "each person is a mapping with name, role and keys")
			continue
		}
		p := &Person{}
		seen := map[string]bool{}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			seen[k.Value] = true
			switch k.Value {
			case "name":
				p.Name = v.Value
				if !nameRE.MatchString(p.Name) {
					fail(v, "name %q: letters, digits and . _ @ - only, at most 64", p.Name)
				}
			case "role":
				p.Role = v.Value
				if p.Role != Viewer && p.Role != Operator {
					fail(v, "role %q: choose viewer (read-only) or operator (changes allowed)", p.Role)
				}
			case "acting_uuid":
				p.Acting = v.Value
				if !uuidRE.MatchString(p.Acting) {
					fail(v, "acting_uuid %q is not a UUID", p.Acting)
				}
			case "keys":
				if v.Kind != yaml.SequenceNode {
					fail(v, "keys: a list of public keys, as in authorized_keys")
					continue
				}
				for _, kn := range v.Content {
					key, _, _, _, err := ssh.ParseAuthorizedKey([]byte(kn.Value))
					if err != nil {
						fail(kn, "not a public key in authorized_keys form (%v)", err)
						continue
					}
					p.Keys = append(p.Keys, key)
				}
			default:
				fail(k, "unknown setting %q (name, role, keys, acting_uuid)", k.Value)
			}
		}
		for _, need := range []string{"name", "role", "keys"} {
			if !seen[need] {
				fail(item, "%s is missing", need)
			}
		}
		if seen["keys"] && len(p.Keys) == 0 && item.Line > 0 {
			fail(item, "%s has no key: they could not sign in", p.Name)
		}
		for _, other := range u.list {
			if other.Name == p.Name && p.Name != "" {
				fail(item, "%s is listed twice", p.Name)
			}
		}
		for _, k := range p.Keys {
			m := string(k.Marshal())
			if owner, dup := keyOwner[m]; dup {
				fail(item, "the key %s is also %s's: each key names one person", ssh.FingerprintSHA256(k), owner)
				continue
			}
			keyOwner[m] = p.Name
			u.byKey[m] = p
		}
		u.list = append(u.list, p)
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	if len(u.list) == 0 {
		return nil, fmt.Errorf("%s: no users: nobody could sign in", path)
	}
	return u, nil
}
