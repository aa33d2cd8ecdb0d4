// Without data on the server the page asks for ml-100k.zip; a corrupt or
// malformed zip is refused with what is wrong; a good one loads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, launch, openApp, waitStatus, artifacts, shot } from "./helpers.mjs";

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

// zipOf builds ml-100k.zip (entries under ml-100k/, stored) from a directory.
async function zipOf(dir) {
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
