// The embedding projector: after a brief run it draws one point per movie
// (1,682) in E and in V on one canvas, the managed DOM stays small (the
// points are no elements), hovering a point names it, and clicking it
// lists the engine's nearest neighbours.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus, api, managedElements, shot } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

// clientPoint is where point i of plot k lies on the page.
const clientPoint = (page, k, i) => page.$eval("#projector-chart canvas", (c, [k, i]) => {
  const { spec } = c.chart, p = spec.plots[k];
  const values = c.parentElement.flsestDraw.values;
  const at = (s, v) => s.R0 + ((v - s.D0) / (s.D1 - s.D0)) * (s.R1 - s.R0);
  const r = c.getBoundingClientRect(), u = r.width / spec.w;
  return { x: r.left + u * at(p.xs, values[p.offset + 2 * i]), y: r.top + u * at(p.ys, values[p.offset + 2 * i + 1]), label: spec.labels[i], id: spec.ids[i] };
}, [k, i]);

test("the projector draws 1,682 movies on a canvas and keeps the managed DOM small", async () => {
  page = await openApp(browser, server.url, { hash: "batches_per_epoch=150&epochs=2", name: "projector" });
  await page.click("#play");
  await waitStatus(page, "finished", 180000);
  const movies = (await api(page, "GET", "/api/state")).body.dataset.movies;
  assert.equal(movies, 1682);

  await page.locator("#projector-toggle").scrollIntoViewIfNeeded();
  const before = await managedElements(page);
  await page.click("#projector-toggle");
  await page.waitForSelector("#projector-chart canvas[data-points]", { timeout: 60000 });
  const drawn = await page.$eval("#projector-chart canvas", (c) => ({ points: Number(c.dataset.points), plots: Number(c.dataset.plots), n: c.chart.n }));
  assert.deepEqual(drawn, { points: movies, plots: 2, n: movies }, "one point per movie in E and in V");
  const after = await managedElements(page);
  console.log(`managed DOM: ${before} elements before the projector opened, ${after} after`);
  assert.ok(after - before <= 40, `opening the projector added ${after - before} managed elements`);

  // Hover a point: the tooltip names it.
  await page.locator("#projector-chart canvas").scrollIntoViewIfNeeded();
  const p = await clientPoint(page, 0, 49);
  await page.mouse.move(p.x, p.y);
  await page.waitForFunction(() => !document.querySelector("#tooltip")?.hidden);
  const tip = await page.textContent("#tooltip");
  const labels = await page.$eval("#projector-chart canvas", (c) => c.chart.spec.labels);
  assert.ok(labels.includes(tip), `the tooltip ${JSON.stringify(tip)} names a movie`);

  // Click it: the engine's nearest neighbours, in order.
  await page.mouse.click(p.x, p.y);
  await page.waitForSelector("#neighbours-e li");
  const picked = await page.$eval("#projector-chart canvas", (c) => c.chart.spec.ids[c.chart.spec.picked]);
  const want = (await api(page, "GET", `/api/neighbours?kind=movie&id=${picked}&k=10`)).body;
  const shown = await page.$$eval("#neighbours-e li", (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(shown, want.e.map((n) => `${n.name} (${n.cosine.toFixed(3)})`));
  assert.equal(await page.$$eval("#neighbours-v li", (lis) => lis.length), want.v.length);
  await shot(page, "projector-movies");

  // Users: one point each, coloured by age.
  await page.selectOption("#projector-entity", "users");
  await page.waitForFunction(() => document.querySelector("#projector-chart canvas")?.chart?.spec.kind === "user");
  const nUsers = (await api(page, "GET", "/api/state")).body.dataset.users;
  await page.waitForFunction((n) => Number(document.querySelector("#projector-chart canvas")?.dataset.points) === n, nUsers);
  assert.equal(await page.$eval("#projector-colour", (s) => s.value), "age");
  const users = await managedElements(page);
  assert.ok(users - before <= 40, `the users' projector added ${users - before} managed elements`);
});
