package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/flsest/flsest/engine/api"
)

// Client is the engine's HTTP API, typed: one method per route, the paths
// from engine/api's constants, JSON and errors decoded here and nowhere
// else. The page-level parts of the Transport (readiness, the URL hash,
// cores, downloads) pass through.
type Client struct{ Transport }

// New types a transport.
func New(t Transport) *Client { return &Client{Transport: t} }

// Error is a refused or failed request: the engine's api.Error and the
// HTTP status (0: the engine did not answer).
type Error struct {
	Status               int
	Code, Message, Field string // api.Error's
}

func (e *Error) Error() string {
	switch {
	case e.Message != "" && e.Field != "":
		return e.Field + ": " + e.Message
	case e.Message != "":
		return e.Message
	case e.Status == 0:
		return "the engine did not answer"
	}
	return fmt.Sprintf("the engine answered %d", e.Status)
}

// decode turns a response into a T or an *Error.
func decode[T any](status int, body []byte) (T, error) {
	var v T
	if status != 200 {
		var ae api.Error
		json.Unmarshal(body, &ae) // a body that is no api.Error leaves the status to speak
		return v, &Error{Status: status, Code: ae.Code, Message: ae.Message, Field: ae.Field}
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return v, &Error{Status: status, Code: "internal", Message: "unreadable answer: " + err.Error()}
	}
	return v, nil
}

// call sends req (nil: no body) and decodes the answer into T.
func call[T any](c *Client, method, path string, req any, done func(T, error)) {
	var body []byte
	if req != nil {
		body, _ = json.Marshal(req) // the request types always encode
	}
	c.Call(method, path, body, func(status int, b []byte) { done(decode[T](status, b)) })
}

// Settings lists the settings (GET /api/settings).
func (c *Client) Settings(done func([]api.Setting, error)) {
	call(c, "GET", api.PathSettings, nil, done)
}

// Paper lists the paper's reported results (GET /api/paper).
func (c *Client) Paper(done func(api.Paper, error)) {
	call(c, "GET", api.PathPaper, nil, done)
}

// Configure rebuilds the session with new settings (POST /api/config).
func (c *Client) Configure(req api.ConfigRequest, done func(api.State, error)) {
	call(c, "POST", api.PathConfig, req, done)
}

// Session sends a session action (POST /api/session/{action}): play,
// pause, step, step-epoch, stop, reset, new-seed.
func (c *Client) Session(action string, done func(api.State, error)) {
	call(c, "POST", api.Fill(api.PathSession, "action", url.PathEscape(action)), nil, done)
}

// Fields lists the loaded data's fields and their values (GET
// /api/fields); with names, only those.
func (c *Client) Fields(names []string, done func(api.FieldValues, error)) {
	path := api.PathFields
	if len(names) > 0 {
		path += "?" + url.Values{"names": {strings.Join(names, ",")}}.Encode()
	}
	call(c, "GET", path, nil, done)
}

// Movies searches titles (GET /api/movies).
func (c *Client) Movies(query string, limit int, done func([]api.Movie, error)) {
	q := url.Values{"q": {query}, "limit": {strconv.Itoa(limit)}}
	call(c, "GET", api.PathMovies+"?"+q.Encode(), nil, done)
}

// Inspect explains one user × movie pair (POST /api/inspect).
func (c *Client) Inspect(req api.InspectRequest, done func(api.SampleInspection, error)) {
	call(c, "POST", api.PathInspect, req, done)
}

// LoadCheckpoint sends a checkpoint file (a JS File) to the engine (POST
// /api/checkpoint).
func (c *Client) LoadCheckpoint(file any, done func(api.State, error)) {
	c.LoadFile(api.PathCheckpoint, file, func(status int, b []byte) { done(decode[api.State](status, b)) })
}

// DownloadCheckpoint saves the current weights as filename (GET
// /api/checkpoint).
func (c *Client) DownloadCheckpoint(filename string) { c.Download(api.PathCheckpoint, filename) }

// LoadDataset sends a dropped or chosen ml-100k.zip (POST /api/dataset).
func (c *Client) LoadDataset(name string, file any, done func(api.DatasetInfo, error)) {
	c.LoadFile(api.PathDataset+"?"+url.Values{"name": {name}}.Encode(), file, func(status int, b []byte) {
		done(decode[api.DatasetInfo](status, b))
	})
}

// LoadOfferedData fetches the zip the server offers and hands it to the
// engine; IsNotFound(err) when the server has none.
func (c *Client) LoadOfferedData(progress func(stage string, fraction float64), done func(api.DatasetInfo, error)) {
	c.LoadServerData(progress, func(status int, b []byte) { done(decode[api.DatasetInfo](status, b)) })
}

// IsNotFound reports whether err is a 404 from the engine or the server.
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == 404
}

// Events streams the engine's events (GET /api/events) until stop; a line
// that is no event is skipped.
func (c *Client) Events(onEvent func(api.Event), onClose func(error)) (stop func()) {
	return c.Transport.Events(func(line []byte) {
		var ev api.Event
		if json.Unmarshal(line, &ev) == nil {
			onEvent(ev)
		}
	}, onClose)
}
