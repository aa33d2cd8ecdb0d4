// Without data on the server the page asks for ml-100k.zip; a corrupt or
// malformed zip is refused with what is wrong; a good one loads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, launch, openApp, waitStatus, artifacts, shot, zipOf } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer({ data: null }); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

test("a corrupt zip shows an error; a good one loads", async () => {
  page = await openApp(browser, server.url, { status: "waiting for ml-100k.zip", name: "corrupt-zip" });
  const junk = join(artifacts, "ml-100k.zip");
  writeFileSync(junk, Buffer.from("PK\x03\x04 this is not really a zip archive"));
  await page.setInputFiles("#data-file", junk);
  await page.waitForSelector("#data-error", { timeout: 20000 });
  const msg = await page.textContent("#data-error");
  assert.match(msg, /ml-100k\.zip: not a readable zip archive/);
  await shot(page, "corrupt-zip");

  // The real files, zipped here (the licence forbids shipping them).
  const good = join(artifacts, "good-ml-100k.zip");
  writeFileSync(good, await zipOf(process.env.FLSEST_DATA));
  await page.setInputFiles("#data-file", good);
  await waitStatus(page, "ready", 60000);
});
