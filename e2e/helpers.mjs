// Shared by the browser tests: start `build/flsest serve` on a free port,
// launch Debian's Chromium headless, open the page, and keep artifacts
// (screenshots, console logs) under e2e/artifacts/.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
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

// api calls the engine through the page's client, as the UI does.
export function api(page, method, path, body) {
  return page.evaluate(([m, p, b]) => window.flsestEngine.json(m, p, b), [method, path, body]);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
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
// the renderer main thread that ran the most.
export async function traceMainThread(browser, page) {
  await browser.startTracing(page, { categories: ["toplevel", "__metadata"] });
  return async () => {
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const mains = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => e.pid + ":" + e.tid));
    const byThread = new Map();
    for (const e of events) {
      const k = e.pid + ":" + e.tid;
      if (e.name !== "ThreadControllerImpl::RunTask" || e.ph !== "X" || !mains.has(k)) continue;
      if (!byThread.has(k)) byThread.set(k, []);
      byThread.get(k).push({ ms: e.dur / 1000, cpuMs: (e.tdur ?? e.dur) / 1000 });
    }
    const sum = (xs) => xs.reduce((a, b) => a + b.ms, 0);
    return [...byThread.values()].sort((a, b) => sum(b) - sum(a))[0] ?? [];
  };
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
