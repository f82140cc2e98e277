package serve

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"golang.org/x/crypto/ssh"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/journal"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// session is one person's terminal: one SSH session channel with a PTY,
// running its own program.
type session struct {
	srv    *Server
	conn   *ssh.ServerConn
	ch     ssh.Channel
	person Person // as the users file said when the session started
	key    ssh.PublicKey
	fp     string
	from   string

	term          string
	width, height int
	env           []string

	program   *tea.Program
	out       *output
	ctx       context.Context // ends with the session: its requests end too
	cancel    context.CancelFunc
	lastInput atomic.Int64 // unix nanoseconds of the last byte the person typed
	started   time.Time

	mu     sync.Mutex
	reason string // why the session ended, said to the person after the UI
	over   bool   // the program ended: nothing more is sent to it
	goes   sync.WaitGroup
	in     *input
}

// ptyRequest is RFC 4254's pty-req payload.
type ptyRequest struct {
	Term          string
	Columns, Rows uint32
	Width, Height uint32
	Modes         string
}

// windowChange is RFC 4254's window-change payload.
type windowChange struct {
	Columns, Rows uint32
	Width, Height uint32
}

// envRequest is RFC 4254's env payload.
type envRequest struct{ Name, Value string }

// passedEnv are the client's variables a session takes: the ones that say
// how to draw (colour, language).
func passedEnv(name string) bool {
	switch name {
	case "COLORTERM", "NO_COLOR", "LANG", "TERM_PROGRAM", "CLICOLOR", "CLICOLOR_FORCE":
		return true
	}
	return strings.HasPrefix(name, "LC_")
}

// refuse answers a request no and tells the person why on the channel's
// standard error.
func refuse(ch ssh.Channel, req *ssh.Request, why string) {
	if why != "" {
		fmt.Fprintf(ch.Stderr(), "rosterm: %s\r\n", why)
	}
	if req.WantReply {
		_ = req.Reply(false, nil)
	}
}

// handleChannel serves one session channel: a PTY, then a shell, starts
// the UI; everything else is refused.
func (s *Server) handleChannel(sc *ssh.ServerConn, ch ssh.Channel, reqs <-chan *ssh.Request) {
	sess := &session{srv: s, conn: sc, ch: ch, from: sc.RemoteAddr().String(), fp: sc.Permissions.Extensions["fp"]}
	var running chan struct{}
	defer func() {
		if running != nil {
			<-running
		}
		ch.Close()
	}()
	for req := range reqs {
		switch req.Type {
		case "pty-req":
			var p ptyRequest
			if running != nil || ssh.Unmarshal(req.Payload, &p) != nil {
				refuse(ch, req, "")
				continue
			}
			sess.term, sess.width, sess.height = p.Term, int(p.Columns), int(p.Rows)
			if sess.term == "" {
				sess.term = "xterm"
			}
			_ = req.Reply(true, nil)
		case "env":
			var e envRequest
			if running == nil && ssh.Unmarshal(req.Payload, &e) == nil && passedEnv(e.Name) {
				sess.env = append(sess.env, e.Name+"="+e.Value)
				_ = req.Reply(true, nil)
				continue
			}
			refuse(ch, req, "")
		case "window-change":
			var w windowChange
			if ssh.Unmarshal(req.Payload, &w) != nil {
				continue
			}
			if running == nil {
				sess.width, sess.height = int(w.Columns), int(w.Rows)
				continue
			}
			sess.resize(int(w.Columns), int(w.Rows))
		case "shell":
			if running != nil {
				refuse(ch, req, "")
				continue
			}
			if sess.term == "" {
				refuse(ch, req, "rosterm needs a terminal: connect with ssh -t")
				sess.exit(1)
				return
			}
			if why := sess.identify(); why != "" {
				refuse(ch, req, why)
				sess.exit(1)
				return
			}
			if why := s.admit(sess); why != "" {
				_ = req.Reply(true, nil)
				fmt.Fprintf(ch, "rosterm: %s\r\n", why)
				s.o.Log(fmt.Sprintf("%s: session refused: %s", sess.person.Name, why))
				sess.exit(1)
				return
			}
			_ = req.Reply(true, nil)
			running = make(chan struct{})
			go func() {
				defer close(running)
				defer s.leave(sess)
				sess.run()
			}()
		case "exec":
			refuse(ch, req, "rosterm serves its terminal UI only, not commands: connect without one")
			s.o.Log(fmt.Sprintf("%s: refused a command", sc.Permissions.Extensions["name"]))
		case "subsystem":
			refuse(ch, req, "rosterm serves its terminal UI only: no subsystems (sftp, …)")
			s.o.Log(fmt.Sprintf("%s: refused a subsystem", sc.Permissions.Extensions["name"]))
		default:
			// x11-req, auth-agent-req@openssh.com (agent forwarding),
			// signal, break, keepalives: no.
			if req.WantReply {
				_ = req.Reply(false, nil)
			}
		}
	}
	// The client closed the channel (or the connection went): the UI
	// goes too.
	if running != nil {
		sess.hangup()
	}
}

// identify finds who the session's key belongs to now (the users file may
// have been read again since sign-in), or says why they may not start.
func (sess *session) identify() string {
	s := sess.srv
	ext := sess.conn.Permissions.Extensions
	key, err := ssh.ParsePublicKey([]byte(ext["key"]))
	if err != nil {
		return "no key"
	}
	sess.key = key
	if p, ok := s.users.Load().Lookup(key); ok {
		sess.person = *p
		return ""
	}
	if s.o.Open {
		sess.person = Person{Name: ext["name"], Role: Operator}
		return ""
	}
	return "your key is no longer let in"
}

// exit sends the exit status the ssh client exits with.
func (sess *session) exit(code uint32) {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], code)
	_, _ = sess.ch.SendRequest("exit-status", false, b[:])
}

// context is the session's own program context over the shared clients.
func (sess *session) context() (*common.Context, ui.Options) {
	sh := sess.srv.o.Shared
	themeName := sh.Theme
	if themeName == "" {
		themeName = "auto"
	}
	if sess.getenv("NO_COLOR") != "" {
		themeName = "none"
	}
	th, err := theme.New(themeName, true)
	if err != nil {
		th, _ = theme.New("dark", true)
	}
	cl := sh.Clients
	if cl.Opigno != nil && sess.person.Acting != "" {
		cl.Opigno = cl.Opigno.As(sess.person.Acting)
	}
	keys := ui.DefaultKeys()
	if sh.Keys != nil {
		keys = sh.Keys.Clone()
	}
	ctx := ui.NewContext(cl, th, keys, sh.Timeout)
	ctx.Demo, ctx.People, ctx.Secrets = sh.Demo, sh.People, sh.Secrets
	ctx.Clock = sess.srv.o.Clock
	ctx.ReadOnly = sh.ReadOnly || sess.person.ReadOnly()
	if sh.UndoDelay != 0 {
		ctx.UndoDelay = sh.UndoDelay
	}
	if sh.Grace != 0 {
		ctx.Grace = sh.Grace
	}
	// Who sent a change travels with every request of the session; a
	// viewer's requests cannot carry one, whatever the UI does.
	base := journal.With(sess.ctx, journal.Person{Name: sess.person.Name, Key: sess.fp, From: sess.from})
	if ctx.ReadOnly {
		base = api.WithReadOnly(base)
	}
	ctx.Base = base
	opts := ui.Options{Theme: themeName, Profile: sh.Profile, ConfigPath: sh.ConfigPath, Mouse: sh.Mouse, SignedIn: sess.person.Name}
	return ctx, opts
}

func (sess *session) getenv(name string) string {
	for _, kv := range sess.env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v
		}
	}
	return ""
}

// run runs the UI until it quits, the client goes, or the server ends it.
func (sess *session) run() {
	s := sess.srv
	sess.started = time.Now()
	sess.lastInput.Store(s.o.Clock.Now().UnixNano())
	ctx0, cancel := context.WithCancel(context.Background())
	defer cancel()
	sess.mu.Lock()
	sess.ctx, sess.cancel = ctx0, cancel
	sess.mu.Unlock()
	s.o.Log(fmt.Sprintf("%s: session started (%s, %d×%d, %s)", sess.person.Name, sess.term, sess.width, sess.height, roleWords(sess.person)))

	// Keys reach Bubble Tea through input, which ends at once when the
	// program quits or the session ends (Bubble Tea cannot interrupt a
	// read of the channel itself, and would wait for it).
	in := newInput()
	out := newOutput(sess.ch, s.o.WriteTimeout, func() {
		s.o.Log(fmt.Sprintf("%s: client stopped reading for %s: disconnected", sess.person.Name, s.o.WriteTimeout))
		sess.setReason("")
		sess.conn.Close()
	})
	sess.mu.Lock()
	sess.out = out
	sess.mu.Unlock()
	ctx, opts := sess.context()
	env := append([]string{"TERM=" + sess.term}, sess.env...)
	profile := colorprofile.Env(env)
	if opts.Theme == "none" {
		profile = colorprofile.Ascii
	}
	p := tea.NewProgram(ui.New(ctx, opts),
		tea.WithInput(in), tea.WithOutput(out),
		tea.WithWindowSize(max(sess.width, 1), max(sess.height, 1)),
		tea.WithEnvironment(env), tea.WithColorProfile(profile),
		tea.WithoutSignalHandler(), tea.WithContext(sess.ctx),
		// No suspending a server's program (ctrl+z).
		tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
			switch msg.(type) {
			case tea.SuspendMsg:
				return nil
			case tea.QuitMsg:
				in.stop() // the program stops reading now
			}
			return msg
		}))
	sess.mu.Lock()
	sess.program, sess.in = p, in
	sess.mu.Unlock()

	sess.goes.Add(2)
	go func() {
		defer sess.goes.Done()
		sess.copyInput(in)
	}()
	go func() {
		defer sess.goes.Done()
		sess.watchIdle()
	}()
	_, err := p.Run()
	in.stop()
	cancel() // requests under way end; the helpers stop
	sess.mu.Lock()
	sess.over = true
	sess.mu.Unlock()
	if sess.out.busy() > 0 {
		// The client is not reading what was last sent: only closing
		// the connection ends that write.
		sess.conn.Close()
	}
	sess.out.close()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		s.o.Log(fmt.Sprintf("%s: the UI stopped: %v", sess.person.Name, err))
	}
	if why := sess.why(); why != "" && !sess.out.Stalled() {
		fmt.Fprintf(sess.ch, "\r\nrosterm: %s\r\n", sanitize.Text(why))
	}
	s.o.Log(fmt.Sprintf("%s: session ended after %s%s", sess.person.Name, time.Since(sess.started).Round(time.Second), reasonSuffix(sess.why())))
	sess.exit(0)
	// Closing the channel ends the input copy (its read of the channel).
	sess.ch.Close()
	sess.goes.Wait()
}

func roleWords(p Person) string {
	if p.ReadOnly() {
		return "viewer: read-only"
	}
	return "operator"
}

func reasonSuffix(why string) string {
	if why == "" {
		return ""
	}
	return ": " + why
}

// copyInput passes what the person types to the program, noting when.
func (sess *session) copyInput(in *input) {
	for {
		buf := make([]byte, 4096)
		n, err := sess.ch.Read(buf)
		if n > 0 {
			sess.lastInput.Store(sess.srv.o.Clock.Now().UnixNano())
			if !in.put(buf[:n]) {
				return
			}
		}
		if err != nil {
			// The client closed its input or went away: nobody can type
			// any more, so the program ends (Bubble Tea would keep running
			// on a finished input).
			sess.hangup()
			return
		}
	}
}

// watchIdle closes the session once nobody typed for the idle limit,
// saying so a minute before (a tenth of the limit, when that is less).
func (sess *session) watchIdle() {
	clk, idle := sess.srv.o.Clock, sess.srv.o.Idle
	warnAt := idle - min(time.Minute, idle/10)
	warned := false
	due, stop := clock.Timer(clk, warnAt)
	defer func() { stop() }()
	for {
		select {
		case <-sess.ctx.Done():
			return
		case <-due:
		}
		since := clk.Now().Sub(time.Unix(0, sess.lastInput.Load()))
		switch {
		case since >= idle:
			sess.setReason(fmt.Sprintf("closed after %s without a key", idle.Round(time.Second)))
			sess.send(tea.Quit())
			return
		case since >= warnAt:
			if !warned {
				warned = true
				sess.send(common.StatusMsg{Text: fmt.Sprintf("no key for %s: this session closes in %s unless you press one",
					since.Round(time.Second), (idle - since).Round(time.Second))})
			}
			due, stop = clock.Timer(clk, idle-since)
		default:
			warned = false
			due, stop = clock.Timer(clk, warnAt-since)
		}
	}
}

// send gives the program a message without waiting on it: a program
// stuck writing to a stalled client cannot hold up whoever sends.
func (sess *session) send(msg tea.Msg) {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	p := sess.program
	if p == nil || sess.over {
		return
	}
	sess.goes.Add(1)
	go func() {
		defer sess.goes.Done()
		p.Send(msg) // returns when the program takes it or ends
	}()
}

// resize passes a new window size to the program.
func (sess *session) resize(w, h int) {
	sess.send(tea.WindowSizeMsg{Width: w, Height: h})
}

// drain tells the session the server is stopping: it ends once nothing
// of its is waiting.
func (sess *session) drain() {
	sess.setReason("the server is stopping; your session has ended")
	sess.send(ui.DrainMsg{})
}

// end closes the session now, saying why.
func (sess *session) end(why string) {
	sess.setReason(why)
	sess.mu.Lock()
	cancel, in, out := sess.cancel, sess.in, sess.out
	sess.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	if in != nil {
		in.stop()
	}
	if out != nil {
		out.abort()
	}
}

// hangup ends the program: its terminal is gone.
func (sess *session) hangup() {
	sess.end("")
}

func (sess *session) setReason(why string) {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	if sess.reason == "" {
		sess.reason = why
	}
}

func (sess *session) why() string {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	return sess.reason
}

// input is what Bubble Tea reads keys from: the chunks the session's
// channel delivers, until stop.
type input struct {
	data    chan []byte
	done    chan struct{}
	once    sync.Once
	pending []byte
}

func newInput() *input { return &input{data: make(chan []byte), done: make(chan struct{})} }

// put hands a chunk to the reader, or reports that reading has stopped.
func (in *input) put(b []byte) bool {
	select {
	case in.data <- b:
		return true
	case <-in.done:
		return false
	}
}

func (in *input) Read(p []byte) (int, error) {
	if len(in.pending) == 0 {
		select {
		case b := <-in.data:
			in.pending = b
		case <-in.done:
			return 0, io.EOF
		}
	}
	n := copy(p, in.pending)
	in.pending = in.pending[n:]
	return n, nil
}

// stop ends reading: Read returns the end of input.
func (in *input) stop() { in.once.Do(func() { close(in.done) }) }
