// Shared by the browser tests: start `build/flsest serve` on a free port,
// launch Debian's Chromium headless, open the page, and keep artifacts
// (screenshots, console logs) under e2e/artifacts/.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const artifacts = join(root, "e2e", "artifacts");
mkdirSync(artifacts, { recursive: true });

// startServer runs the app server; data: a MovieLens path, or null for a
// server that offers none (the page then asks for a drop); dir: the tree
// to serve with its own build/flsest (bench/load.mjs measures another build).
export async function startServer({ data = process.env.FLSEST_DATA, dir = root } = {}) {
  const args = ["serve", "-addr", "127.0.0.1:0", "-root", dir];
  if (data === null) args.push("-data", join(root, "e2e", "no-data-here"));
  else if (data) args.push("-data", data);
  const proc = spawn(join(dir, "build", "flsest"), args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  proc.stderr.on("data", (d) => (log += d));
  const url = await new Promise((resolve, reject) => {
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/[^\s]+\//);
      if (m) resolve(m[0]);
    });
    proc.on("exit", (code) => reject(new Error(`flsest serve exited (${code}): ${log}`)));
    setTimeout(() => reject(new Error("flsest serve did not print its URL: " + log)), 30000);
  });
  return { url, stop: () => proc.kill(), log: () => log };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.FLSEST_CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

// openApp opens the page (hash: URL settings) and waits for a status;
// context: in a context of its own made by browser.newContext (which
// @axe-core/playwright needs; browser.newPage's is hidden from it).
export async function openApp(browser, url, { hash = "", status = "ready", name = "page", context = false } = {}) {
  const viewport = { width: 1320, height: 1000 };
  const page = context ? await (await browser.newContext({ viewport })).newPage() : await browser.newPage({ viewport });
  const logs = [];
  page.on("console", (m) => logs.push(`[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => logs.push(`[pageerror] ${e.message}`));
  page.saveLogs = () => writeFileSync(join(artifacts, `${name}.console.txt`), logs.join("\n"));
  page.logs = logs;
  await page.goto(url + (hash ? "#" + hash : ""));
  if (status) await waitStatus(page, status, 60000);
  return page;
}

export const statusText = (page) => page.textContent("#status");

export async function waitStatus(page, status, timeout = 60000) {
  await page.waitForFunction((s) => document.querySelector("#status")?.textContent === s, status, { timeout });
}

// waitUntil evaluates fn(arg) in page, awaiting the promise it may return,
// until its value is truthy, and returns that value. page.waitForFunction
// cannot wait on an async predicate: it takes the promise for a truthy
// value and returns at once.
export async function waitUntil(page, fn, arg, { timeout = 30000, polling = 200 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await page.evaluate(fn, arg);
    if (v) return v;
    if (Date.now() > end) throw new Error(`waitUntil: ${fn.toString().slice(0, 80)}… not true within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, polling));
  }
}

// api calls the engine through the page's client, as the UI does.
export function api(page, method, path, body) {
  return page.evaluate(([m, p, b]) => window.flsestEngine.json(m, p, b), [method, path, body]);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

// trainEpoch trains to the end of the epoch (POST /api/session/step-epoch)
// and waits until its validation result is in the history.
export async function trainEpoch(page, timeout = 150000) {
  const done = (await api(page, "GET", "/api/state")).body.history.length + 1;
  await api(page, "POST", "/api/session/step-epoch");
  for (const t0 = Date.now(); (await api(page, "GET", "/api/state")).body.history.length < done; await page.waitForTimeout(500)) {
    if (Date.now() - t0 > timeout) throw new Error(`epoch ${done} did not end in ${timeout} ms`);
  }
}

// steps reads the engine's step counter.
export async function steps(page) {
  return (await api(page, "GET", "/api/state")).body.progress.steps;
}

// managedElements counts the elements Vugu manages (and re-sends on every
// render): those under #app, less the contents of islands (an element
// marked data-island, which its component fills and patches itself).
export function managedElements(page) {
  return page.evaluate(() => {
    const all = document.querySelectorAll(".app *").length;
    const inIslands = document.querySelectorAll(".app [data-island] *").length;
    return all - inIslands;
  });
}

// traceMainThread records Chromium's trace of the page's main thread and,
// when stopped, returns its tasks ({ms: wall time, cpuMs: the thread's CPU
// time}): the longtask API only sees tasks over 50 ms, the trace sees them
// all, and CPU time leaves out the time the thread waited for a core (on a
// shared machine, most of a long task's length). The page's main thread is
// the renderer main thread that ran the most. Each task has its start (ts,
// µs on the trace's clock), and the result's marks are the page's
// performance.mark()s on that clock ({name, ts}), to tell phases apart.
export async function traceMainThread(browser, page) {
  await browser.startTracing(page, { categories: ["toplevel", "__metadata", "blink.user_timing"] });
  return async () => {
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const mains = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => e.pid + ":" + e.tid));
    const byThread = new Map();
    for (const e of events) {
      const k = e.pid + ":" + e.tid;
      if (e.name !== "ThreadControllerImpl::RunTask" || e.ph !== "X" || !mains.has(k)) continue;
      if (!byThread.has(k)) byThread.set(k, []);
      byThread.get(k).push({ ts: e.ts, ms: e.dur / 1000, cpuMs: (e.tdur ?? e.dur) / 1000 });
    }
    const sum = (xs) => xs.reduce((a, b) => a + b.ms, 0);
    const tasks = [...byThread.values()].sort((a, b) => sum(b) - sum(a))[0] ?? [];
    tasks.marks = events.filter((e) => e.cat?.includes("blink.user_timing") && (e.ph === "R" || e.ph === "I" || e.ph === "n" || e.ph === "b"))
      .map((e) => ({ name: e.name, ts: e.ts })).sort((a, b) => a.ts - b.ts);
    return tasks;
  };
}

// zipOf builds ml-100k.zip (entries under ml-100k/, stored) from a
// directory: what a visitor downloads from GroupLens and drops on the page
// (the licence forbids shipping the files).
export async function zipOf(dir) {
  const names = ["u.info", "u.genre", "u.occupation", "u.user", "u.item", "u.data"];
  const { crc32 } = await import("node:zlib");
  const locals = [], centrals = [];
  let offset = 0;
  for (const n of names) {
    const data = readFileSync(join(dir, n));
    const name = Buffer.from("ml-100k/" + n);
    const crc = crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(data.length, 18); h.writeUInt32LE(data.length, 22); h.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(name.length, 28); c.writeUInt32LE(offset, 42);
    locals.push(h, name, data); centrals.push(c, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(names.length, 8); end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// drawn scrolls the canvas chart in host (a selector) into view and waits
// until it has been drawn (its canvas holds what it drew): a panel off
// screen skips layout (content-visibility), and a chart is painted once
// its host has a width.
export async function drawn(page, host, timeout = 30000) {
  await page.waitForFunction((h) => {
    const el = document.querySelector(h);
    el?.scrollIntoView({ block: "nearest" });
    return !!el?.querySelector("canvas")?.chart;
  }, host, { timeout, polling: 200 });
}
