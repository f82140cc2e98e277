package config_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A secret command that hangs in a child of the shell (a password manager
// waiting on its agent) is stopped with the shell when its time is up,
// not left running.
func TestAHungSecretCommandIsStoppedWithItsChildren(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	hung := fmt.Sprintf("sh -c 'echo $$ > %s; exec sleep 30'; true", pidFile)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := scopeProfile(t, fmt.Sprintf("{command: %q}", hung)).Resolve(ctx); err == nil || !strings.HasSuffix(err.Error(), "did not finish in time") {
		t.Fatalf("hanging: %v", err)
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the command never started: %v", err)
	}
	pid := strings.TrimSpace(string(b))
	for deadline := time.Now().Add(5 * time.Second); running(pid); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the hung command's child (pid %s) is still running", pid)
		}
	}
}

// running reports whether process pid is alive: it exists and is not a
// zombie waiting for its parent.
func running(pid string) bool {
	stat, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return false
	}
	_, after, _ := strings.Cut(string(stat), ") ")
	return !strings.HasPrefix(after, "Z")
}
