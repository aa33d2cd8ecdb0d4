package client

// Transport is how the UI reaches the engine and the page: raw requests
// and bodies. In the browser it is Bridge (window.flsestEngine over a Web
// Worker); tests use a fake. Client types it. Callbacks may run on any
// goroutine.
type Transport interface {
	// WhenReady calls done once the engine answers (err if it failed to start).
	WhenReady(done func(readyMs float64, err error))
	// Call sends one request; status 0 means the engine failed.
	Call(method, path string, body []byte, done func(status int, body []byte))
	// Events streams the engine's NDJSON events line by line until stop.
	Events(onLine func(line []byte), onClose func(err error)) (stop func())
	// LoadServerData fetches the zip the server offers and hands it to the
	// engine (POST /api/dataset); status 404: the server has none.
	LoadServerData(progress func(stage string, fraction float64), done func(status int, body []byte))
	// LoadFile hands a dropped or chosen file (a JS File) to path.
	LoadFile(path string, file any, done func(status int, body []byte))
	// Download saves an engine response as a file.
	Download(path, filename string)
	// OnCrash registers a callback for the engine's death.
	OnCrash(func(message string))
	// Restart replaces the engine with a fresh one.
	Restart(done func(readyMs float64, err error))
	// Cores is the number of logical processors the browser reports
	// (navigator.hardwareConcurrency), 1 if unknown.
	Cores() int
	// Hash and SetHash read and replace the page URL's fragment.
	Hash() string
	SetHash(string)
}
