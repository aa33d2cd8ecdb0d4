// SEST per coordinate: trained briefly with sest_granularity=coordinate,
// the heat strips hold one cell per embedding coordinate with the API's
// a and a′, the page says which reading it shows, and the sentence about
// the hidden units is there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus, api } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

test("the strips show SEST's a and a′ per coordinate, as the API gives them", async () => {
  page = await openApp(browser, server.url, { hash: "batches_per_epoch=100&epochs=1&sest_granularity=coordinate", name: "sest-coordinates" });
  await page.click("#play");
  await waitStatus(page, "finished", 180000);
  await page.locator("#sest-coords-toggle").scrollIntoViewIfNeeded();
  await page.click("#sest-coords-toggle");
  await page.waitForSelector("#sest-strips canvas[data-rows]", { timeout: 60000 });
  const rep = (await api(page, "GET", "/api/sest")).body;
  assert.equal(rep.granularity, "coordinate");
  assert.match(await page.textContent("#sest-reading"), /^Reading shown: per coordinate/);
  const rows = await page.$eval("#sest-strips canvas", (c) => c.chart.rows.map((r) => ({ name: r.name, a: r.a, se: r.se })));
  assert.deepEqual(rows.map((r) => r.name), rep.fields.map((f) => f.name));
  for (const [i, f] of rep.fields.entries()) {
    assert.ok(f.a_coord.length > 1, `${f.name}: one a per coordinate`);
    assert.deepEqual(rows[i].a, f.a_coord, `${f.name}: a per coordinate`);
    assert.deepEqual(rows[i].se, f.se_weight_coord, `${f.name}: a′ per coordinate`);
  }
  assert.match(await page.textContent("#sest-units"), /threshold branch/);
  assert.match(await page.textContent("#sest-why"), /σ\(0\) = 0\.5|excitation biases/);
});
