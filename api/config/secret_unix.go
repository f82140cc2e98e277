//go:build unix

package config

import (
	"os/exec"
	"syscall"
)

// ownGroup runs cmd in a process group of its own, and has its
// cancellation kill the whole group: a secret command that hangs (a
// password manager waiting on its agent) is usually a child of the shell,
// which killing the shell alone would leave running, holding the output
// open until WaitDelay.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
