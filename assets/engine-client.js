// The page's side of the engine: one module Worker (engine-worker.js) and a
// fetch-like interface over postMessage. The Vugu UI calls it through
// window.flsestEngine (callbacks, not promises: simpler from Go), and so do
// the browser tests.
const decoder = new TextDecoder();

export class EngineClient {
  // started: a worker of workerURL the page started before this module
  // loaded (index.html starts it first thing), with the events it has
  // received meanwhile; a restart starts a new one.
  constructor(workerURL, started = null, early = []) {
    this.workerURL = workerURL;
    this.crashListeners = [];
    this.nextId = 1; // never reset: ids stay unique across restarts
    this.start(started, early);
  }

  start(started = null, early = []) {
    this.pending = new Map();
    this.crashed = null;
    this.readyMs = null;
    this.dataProgress = null; // the worker's download of the offered dataset: [stage, fraction]
    this.onDataProgress = null;
    this.ready = new Promise((resolve, reject) => { this._ready = resolve; this._fail = reject; });
    this.ready.catch(() => {});
    this.worker = started || new Worker(this.workerURL, { type: "module" });
    this.worker.onmessage = (ev) => this._onMessage(ev.data);
    this.worker.onerror = (ev) => this._crash((ev && ev.message) || "the engine worker could not start");
    for (const ev of early) ev.type === "error" ? this.worker.onerror(ev) : this.worker.onmessage(ev);
  }

  _onMessage(m) {
    if (m.type === "ready") { this.readyMs = m.ms; this._ready(); return; }
    if (m.type === "fatal") { this._crash(m.message); return; }
    if (m.type === "data-progress") { this.dataProgress = [m.stage, m.fraction]; this.onDataProgress?.(m.stage, m.fraction); return; }
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === "head") p.head(m);
    else if (m.type === "chunk") p.chunk(m.chunk);
    else { this.pending.delete(m.id); m.type === "end" ? p.end() : p.fail(new Error(m.message)); }
  }

  _crash(message) {
    if (this.crashed) return;
    this.crashed = message;
    for (const p of this.pending.values()) p.fail(new Error("the engine crashed: " + message));
    this.pending.clear();
    this._fail(new Error(message));
    for (const cb of this.crashListeners) cb(message);
  }

  onCrash(cb) { this.crashListeners.push(cb); }

  // restart replaces a dead (or live) engine with a fresh one.
  restart() { this.worker.terminate(); this.start(); return this.ready; }

  // send posts one request; handlers get head, chunk(Uint8Array), end, fail(err).
  send(method, path, body, handlers) {
    const transfer = body instanceof ArrayBuffer ? [body] : [];
    return this._post({ method, path, body: body ?? null }, handlers, transfer);
  }

  _post(msg, handlers, transfer = []) {
    const id = this.nextId++;
    if (this.crashed) { handlers.fail(new Error("the engine crashed: " + this.crashed)); return id; }
    this.pending.set(id, handlers);
    this.ready.then(() => this.worker.postMessage({ ...msg, id }, transfer),
      (e) => { this.pending.delete(id); handlers.fail(e); });
    return id;
  }

  // request resolves with {status, headers, bytes}; msg, if given, is the
  // message to post instead of a plain request.
  request(method, path, body, msg = null) {
    return new Promise((resolve, reject) => {
      let head; const parts = [];
      const handlers = {
        head: (h) => (head = h),
        chunk: (c) => parts.push(c),
        end: () => {
          const n = parts.reduce((s, c) => s + c.byteLength, 0);
          const bytes = new Uint8Array(n);
          let off = 0;
          for (const c of parts) { bytes.set(c, off); off += c.byteLength; }
          resolve({ status: head.status, headers: Object.fromEntries(head.headers), bytes });
        },
        fail: reject,
      };
      if (msg) this._post(msg, handlers);
      else this.send(method, path, body, handlers);
    });
  }

  // json resolves with {status, body} where body is the parsed JSON.
  async json(method, path, value) {
    const r = await this.request(method, path, value === undefined ? null : JSON.stringify(value));
    return { status: r.status, body: JSON.parse(decoder.decode(r.bytes)) };
  }

  // events calls onLine(text) for each line of the engine's NDJSON event
  // stream, and onClose(error|null) when it ends; it returns a function
  // that ends the stream (from the engine's side: see engine-worker.js).
  events(onLine, onClose) {
    const token = Math.random().toString(36).slice(2);
    let buf = "";
    const dec = new TextDecoder();
    const id = this.send("GET", "/api/events?token=" + token, null, {
      head: () => {},
      chunk: (c) => {
        buf += dec.decode(c, { stream: true });
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line) onLine(line);
        }
      },
      end: () => onClose(null),
      fail: (e) => onClose(e),
    });
    const worker = this.worker; // a stop after a restart must not reach the new engine
    return () => {
      if (worker !== this.worker) return;
      worker.postMessage({ id, type: "cancel" });
      this.call("POST", `/api/events/${token}/close`, null, () => {});
    };
  }

  // --- callback forms for the Go UI -------------------------------------

  // call(method, path, body, cb(status, text)): status 0 means the engine failed.
  call(method, path, body, cb, msg = null) {
    this.request(method, path, body, msg).then(
      (r) => cb(r.status, decoder.decode(r.bytes)),
      (e) => cb(0, JSON.stringify({ code: "internal", message: String(e.message || e) })),
    );
  }

  // loadServerData(url, onProgress(stage, fraction), cb(status, text)):
  // the engine's worker fetches the zip the server offers and hands its
  // bytes to the engine (data/ml-100k.zip it fetches as it starts and
  // uploads the moment the engine is ready, so this waits only for what is
  // left). Status 404 from the server means it has none (the page asks for
  // a drop).
  loadServerData(url, onProgress, cb) {
    this.onDataProgress = onProgress;
    if (this.dataProgress) onProgress(...this.dataProgress);
    const done = (status, text) => { this.onDataProgress = null; cb(status, text); };
    this.call(null, null, null, done, { type: "server-data", url: new URL(url, location.href).href });
  }

  // sendFile(path, file, cb(status, text)): POST a file the user dropped
  // or chose (a dataset zip, a checkpoint) to the engine.
  sendFile(path, file, cb) {
    file.arrayBuffer().then(
      (buf) => this.call("POST", path, buf, cb),
      (e) => cb(0, JSON.stringify({ code: "data", message: `${file.name}: ${e.message || e}` })),
    );
  }

  // download(path, filename): save an engine response as a file.
  download(path, filename) {
    this.request("GET", path, null).then((r) => {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([r.bytes]));
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    });
  }
}
