package journal

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestPathFollowsXDGStateHome(t *testing.T) {
	env := map[string]string{"XDG_STATE_HOME": "/x/state", "HOME": "/home/dana"}
	p, err := Path(func(k string) string { return env[k] })
	if err != nil || p != "/x/state/rosterm/journal.jsonl" {
		t.Fatalf("%q %v", p, err)
	}
	delete(env, "XDG_STATE_HOME")
	if p, _ = Path(func(k string) string { return env[k] }); p != "/home/dana/.local/state/rosterm/journal.jsonl" {
		t.Fatalf("without XDG_STATE_HOME: %q", p)
	}
	env["XDG_STATE_HOME"] = "relative" // not absolute: ignored, as the spec says
	if p, _ = Path(func(k string) string { return env[k] }); p != "/home/dana/.local/state/rosterm/journal.jsonl" {
		t.Fatalf("relative XDG_STATE_HOME: %q", p)
	}
}

// The journal is made on the first entry, 0600 in a 0700 directory; each
// entry is one line naming who sent it (from the request's context) and
// the acting user; secrets in the variables are never written.
func TestRecordAppendsOneLinePerChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "rosterm", "journal.jsonl")
	j := New(path)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("made before any entry")
	}
	ctx := WithActing(With(context.Background(), Person{Name: "dana", Key: "SHA256:abc", From: "127.0.0.1:5555"}), "uuid-1")
	j.Record(ctx, Entry{API: "opigno", Mutation: "acceptUserInvitation", Variables: map[string]any{"invitationId": "12"}, Outcome: Applied})
	j.Record(context.Background(), Entry{API: "scope", Mutation: "createUser", Outcome: Refused, Message: "email taken",
		Variables: map[string]any{"input": map[string]any{"user": map[string]any{"email": "a@b", "credentials": map[string]any{"username": "a", "password": "hunter22"}}}}})
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v %v", fi, err)
	}
	if di, _ := os.Stat(filepath.Dir(path)); di.Mode().Perm() != 0o700 {
		t.Fatalf("dir mode %v", di.Mode())
	}
	raw, _ := os.ReadFile(path)
	if strings.Count(string(raw), "\n") != 2 {
		t.Fatalf("want 2 lines:\n%s", raw)
	}
	if strings.Contains(string(raw), "hunter22") {
		t.Fatalf("a password reached the journal:\n%s", raw)
	}
	es, err := Read(path)
	if err != nil || len(es) != 2 {
		t.Fatal(es, err)
	}
	if e := es[0]; e.Person != "dana" || e.Key != "SHA256:abc" || e.From != "127.0.0.1:5555" || e.Acting != "uuid-1" || e.Outcome != Applied || e.Time.IsZero() {
		t.Fatalf("%+v", e)
	}
	line := Format(es[0])
	for _, want := range []string{"dana (SHA256:abc)", "opigno acceptUserInvitation", `{"invitationId":"12"}`, "acting as uuid-1", "applied"} {
		if !strings.Contains(line, want) {
			t.Errorf("%q lacks %q", line, want)
		}
	}
}

func TestRedactKeepsWhatIdentifiesTheChange(t *testing.T) {
	got := Redact(map[string]any{"input": map[string]any{"id": "7", "credentials": map[string]any{"username": "u", "password": "p"}, "apiToken": "t", "api_key": "k"}})
	in := got["input"].(map[string]any)
	if in["id"] != "7" || in["apiToken"] != "[redacted]" || in["api_key"] != "[redacted]" || in["credentials"].(map[string]any)["password"] != "[redacted]" || in["credentials"].(map[string]any)["username"] != "u" {
		t.Fatalf("%v", got)
	}
}

// Many sessions record at once: every line whole.
func TestConcurrentRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.jsonl")
	j := New(path)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				j.Record(With(context.Background(), Person{Name: strings.Repeat("x", i+1)}), Entry{API: "opigno", Mutation: "m", Outcome: Unknown})
			}
		}()
	}
	wg.Wait()
	es, err := Read(path)
	if err != nil || len(es) != 200 {
		t.Fatalf("%d entries, %v", len(es), err)
	}
}

func TestReadMissingAndBroken(t *testing.T) {
	dir := t.TempDir()
	if es, err := Read(filepath.Join(dir, "none")); err != nil || es != nil {
		t.Fatal(es, err)
	}
	p := filepath.Join(dir, "bad")
	os.WriteFile(p, []byte(`{"person":"a","outcome":"applied"}`+"\nnot json\n"), 0o600)
	es, err := Read(p)
	if len(es) != 1 || err == nil || !strings.Contains(err.Error(), "bad:2") {
		t.Fatal(es, err)
	}
}
