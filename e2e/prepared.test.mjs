// The parsed dataset kept for the next visit (engine/prepared.go,
// assets/engine-worker.js): a second visit loads it instead of parsing the
// zip, and the engine then holds the same data; a kept copy the engine
// refuses is replaced by parsing the zip again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus, waitUntil, api } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

// Which data stages the engine's worker reported on this page ("download" only when it read the zip).
const stagesSeen = () => {
  window.__stages = new Set();
  let boot;
  Object.defineProperty(window, "flsestBoot", {
    configurable: true, get: () => boot,
    set: (v) => { boot = v; v.worker.addEventListener("message", (ev) => ev.data?.type === "data-progress" && window.__stages.add(ev.data.stage)); },
  });
};

// keptOver is the kept copy's ETag and size once it is more than min bytes, else null (for waitUntil).
const keptOver = async (min) => {
  const r = await (await caches.open("flsest-data")).match("/data/ml-100k.prepared");
  const bytes = r ? (await r.arrayBuffer()).byteLength : 0;
  return bytes > min ? { etag: r.headers.get("X-Flsest-Zip-ETag"), bytes } : null;
};

// What a visit's engine holds: the dataset's description and the step-0 snapshot and prediction.
const holds = async (page) => ({
  dataset: (await api(page, "GET", "/api/dataset")).body,
  snapshot: (await api(page, "GET", "/api/snapshot")).body,
  predict: (await api(page, "POST", "/api/predict", { pairs: [{ user: 1, movie: 1 }, { user: 943, movie: 1682 }] })).body,
});

test("a second visit loads the kept parsed dataset, and the engine holds the same data", async () => {
  page = await openApp(browser, server.url, { name: "prepared", context: true, status: "" });
  await page.context().addInitScript(stagesSeen);
  await page.reload();
  await waitStatus(page, "ready", 60000);
  assert.ok((await page.evaluate(() => [...window.__stages])).includes("download"), "the first visit reads the zip");
  const copy = await waitUntil(page, keptOver, 0, { timeout: 20000, polling: 100 });
  assert.ok(copy.etag && copy.bytes > 900000, `kept ${JSON.stringify(copy)}`);
  const first = await holds(page);
  assert.equal(first.dataset.ratings, 100000);
  assert.equal(first.predict.probabilities?.length, 2, JSON.stringify(first.predict));

  await page.reload();
  await waitStatus(page, "ready", 60000);
  assert.deepEqual(await page.evaluate(() => [...window.__stages]), ["parse"], "the second visit reads no zip");
  const second = await holds(page);
  assert.deepEqual(second, first, "the engine holds other data after loading the kept copy");

  // A kept copy the engine refuses (another version's, or damaged): the zip is parsed and the copy replaced.
  await page.evaluate(async (etag) => {
    await (await caches.open("flsest-data")).put("/data/ml-100k.prepared", new Response(new Uint8Array([70, 76, 83, 69, 9, 0]), { headers: { "X-Flsest-Zip-ETag": etag } }));
  }, copy.etag);
  await page.reload();
  await waitStatus(page, "ready", 60000);
  assert.ok((await page.evaluate(() => [...window.__stages])).includes("download"), "a refused copy falls back to the zip");
  assert.deepEqual(await holds(page), first);
  assert.deepEqual(await waitUntil(page, keptOver, 6, { timeout: 20000, polling: 100 }), copy, "the refused copy is replaced");
});
