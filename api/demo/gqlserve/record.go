package gqlserve

import (
	"bytes"
	"net/http"
	"strconv"
)

// Recorder is a ResponseWriter that keeps the whole response, so that a
// middleware can run the real handler and change its answer before any of
// it is sent (the demo's hostile data and fault injection do).
type Recorder struct {
	Status int
	Body   bytes.Buffer
	header http.Header
}

// Record runs h on r and returns what it answered.
func Record(h http.Handler, r *http.Request) *Recorder {
	rec := &Recorder{Status: http.StatusOK, header: http.Header{}}
	h.ServeHTTP(rec, r)
	return rec
}

// Header is the response's header.
func (rec *Recorder) Header() http.Header { return rec.header }

// WriteHeader keeps the status.
func (rec *Recorder) WriteHeader(status int) { rec.Status = status }

// Write keeps the body.
func (rec *Recorder) Write(p []byte) (int, error) { return rec.Body.Write(p) }

// Send writes the recorded status and headers to w with body instead of
// the recorded one.
func (rec *Recorder) Send(w http.ResponseWriter, body []byte) {
	for k, vs := range rec.header {
		w.Header()[k] = vs
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.Status)
	_, _ = w.Write(body)
}
