package faults

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// inject answers r with rule's fault.
func (in *Injector) inject(rule Rule, next http.Handler, w http.ResponseWriter, r *http.Request) {
	if in.trust(rule, w, r) {
		return
	}
	switch rule.Fault {
	case Unauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		gqlserve.WriteError(w, http.StatusUnauthorized, "The access token is invalid or has been revoked.")
	case Forbidden:
		gqlserve.WriteError(w, http.StatusForbidden, "Access denied: these credentials may not use this API.")
	case RateLimited:
		secs := retryAfterSeconds(rule.RetryAfter)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		gqlserve.WriteJSON(w, http.StatusTooManyRequests, errorBody(
			fmt.Sprintf("Rate limit exceeded: retry after %d s.", secs), "RATE_LIMITED"))
	case ServerError:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, "<html><head><title>500 Internal Server Error</title></head>"+
			"<body><h1>Internal Server Error</h1><p>The server encountered an unexpected condition.</p></body></html>\n")
	case BadGateway:
		gqlserve.WriteJSON(w, http.StatusBadGateway, errorBody(
			"Bad gateway: the upstream GraphQL service closed the connection.", "BAD_GATEWAY"))
	case Partial:
		req, r := readRequest(r)
		rec := gqlserve.Record(next, r)
		rec.Send(w, in.partial(r.URL.Path, req, rec))
	case Malformed:
		rec := gqlserve.Record(next, r)
		rec.Send(w, malformed(rec.Body.Bytes()))
	case Truncated:
		truncated(w, gqlserve.Record(next, r))
	case TooLarge:
		huge(w, gqlserve.Record(next, r))
	case Hang:
		// The server notices the client hanging up only once the body has
		// been read (a token request's body is not read before this).
		_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20))
		in.hanging()
		select {
		case <-r.Context().Done():
		case <-in.stop:
			panic(http.ErrAbortHandler) // drop the connection without an answer
		}
	case Reset:
		reset(w)
	case RepeatPage, CyclePages, EndlessPage, FloodPages, DuplicateRows:
		paging(rule.Fault, next, w, r)
	case LyingSchema:
		lying(next, w, r)
	case Mislabel:
		mislabel(next, w, r)
	default:
		next.ServeHTTP(w, r)
	}
}

func retryAfterSeconds(d time.Duration) int {
	if d <= 0 {
		return 1
	}
	return int(math.Ceil(d.Seconds()))
}

// errorBody is a GraphQL error response with a code in its extensions.
func errorBody(msg, code string) map[string]any {
	return map[string]any{
		"data":   nil,
		"errors": []map[string]any{{"message": msg, "extensions": map[string]string{"code": code}}},
	}
}

// malformed makes a JSON object invalid the way Python's json.dumps does
// with a float that is not a number: an extension "cost" of NaN.
func malformed(body []byte) []byte {
	body = bytes.TrimRight(body, "\n")
	end := bytes.LastIndexByte(body, '}')
	if end < 0 {
		return []byte(`{"data":null,"extensions":{"cost":NaN}}`)
	}
	return append(body[:end:end], []byte(`,"extensions":{"cost":NaN}}`)...)
}

// truncated promises the whole answer, sends half and closes the
// connection.
func truncated(w http.ResponseWriter, rec *gqlserve.Recorder) {
	body := rec.Body.Bytes()
	for k, vs := range rec.Header() {
		w.Header()[k] = vs
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.Status)
	_, _ = w.Write(body[:len(body)/2])
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	panic(http.ErrAbortHandler) // close the connection with the body unfinished
}

// hugeSize is how much padding makes an answer larger than the clients'
// default size cap.
const hugeSize = api.DefaultMaxResponse + 1<<20

// huge sends the real answer with a padding extension that takes it past
// the size cap, streamed so the server does not hold it in memory.
func huge(w http.ResponseWriter, rec *gqlserve.Recorder) {
	body := bytes.TrimRight(rec.Body.Bytes(), "\n")
	end := bytes.LastIndexByte(body, '}')
	if end < 0 {
		body, end = []byte(`{"data":null}`), len(`{"data":null`)
	}
	head := append(body[:end:end], []byte(`,"extensions":{"padding":"`)...)
	tail := []byte(`"}}`)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(head)+hugeSize+len(tail)))
	w.WriteHeader(rec.Status)
	if _, err := w.Write(head); err != nil {
		return
	}
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	for left := hugeSize; left > 0; left -= len(chunk) {
		if _, err := w.Write(chunk[:min(left, len(chunk))]); err != nil {
			return // the client stopped reading
		}
	}
	_, _ = w.Write(tail)
}

// reset drops the connection with a TCP RST: SO_LINGER 0 makes close
// discard unsent data and reset instead of the orderly FIN.
func reset(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}
