// bench/whatif.mjs — how long a what-if edit takes to show its new P: over
// --edits edits of the inspected pair's occupation (star wars, user 196),
// the time in the page from the select's change event to the moment
// #whatif-p holds the new P (a MutationObserver), and to the frame after
// it, with the renders the page ran meanwhile. Min, median and max.
// Runnable alone after ./build.sh build, with MovieLens-100k findable
// (FLSEST_DATA):
//
//   node bench/whatif.mjs [--edits 9] [--baseline DIR]
//
// --baseline DIR measures another built tree too (its index.html, assets/
// and build/), page by page in turn, so a before/after comparison shares
// the machine's load.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import os from "node:os";
import { root, startServer, launch, openApp } from "../e2e/helpers.mjs";

const { values: opt } = parseArgs({ options: { edits: { type: "string", default: "9" }, baseline: { type: "string" }, rounds: { type: "string", default: "1" } } });
const trees = [{ name: "this tree", dir: root }];
if (opt.baseline) trees.push({ name: "baseline", dir: resolve(opt.baseline) });
for (const t of trees) {
  if (!existsSync(join(t.dir, "build", "flsest"))) throw new Error(`${t.dir}/build/flsest is missing: ./build.sh build first`);
  t.server = await startServer({ dir: t.dir });
  t.edits = [];
}
const occupations = ["doctor", "artist", "lawyer", "student", "writer", "engineer"];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const load = [os.loadavg()[0]];

const browser = await launch();
try {
  for (let round = 0; round < Number(opt.rounds); round++) {
    for (const t of trees) {
      const page = await openApp(browser, t.server.url, { name: "bench-whatif" });
      await page.fill("#movie-search", "star wars");
      await page.waitForSelector(".hit");
      await page.click(".hit");
      await page.waitForFunction(() => document.querySelector("#waterfall-variant")?.dataset.variant === "background", null, { timeout: 60000 });
      for (let i = 0; i < Number(opt.edits); i++) {
        const current = await page.$eval("#wi-occupation", (e) => e.value);
        const to = occupations.filter((o) => o !== current)[i % (occupations.length - 1)];
        const r = await page.evaluate((to) => new Promise((done) => {
          const p = document.querySelector("#whatif-p");
          const before = p.dataset.p;
          const sel = document.querySelector("#wi-occupation");
          const t0 = performance.now();
          const seen = () => {
            const now = document.querySelector("#whatif-p");
            if (!now || now.dataset.p === before) return false;
            obs.disconnect();
            const shown = performance.now() - t0;
            const R = window.flsestRenders, n = R.at.filter((at) => at > t0).length;
            const ms = (a) => a.slice(a.length - n).reduce((s, x) => s + x, 0);
            requestAnimationFrame(() => setTimeout(() => done({ shown, frame: performance.now() - t0, renders: n, renderMs: ms(R.build) + ms(R.dom) }), 0));
            return true;
          };
          const obs = new MutationObserver(seen);
          obs.observe(document.querySelector("#whatif"), { subtree: true, attributes: true, childList: true, characterData: true });
          sel.value = to;
          sel.dispatchEvent(new Event("change", { bubbles: true }));
        }), to);
        t.edits.push(r);
        // The full background and the flip search finish before the next edit.
        await page.waitForFunction(() => document.querySelector("#waterfall-variant")?.dataset.variant === "background", null, { timeout: 60000 });
        await page.waitForTimeout(300);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  for (const t of trees) t.server.stop();
}
load.push(os.loadavg()[0]);
const fmt = (xs) => `min ${Math.min(...xs).toFixed(0)} / median ${median(xs).toFixed(0)} / max ${Math.max(...xs).toFixed(0)} ms`;
for (const t of trees) {
  console.log(`${t.name}: ${t.edits.length} what-if edits; new P in the DOM ${fmt(t.edits.map((e) => e.shown))}; the frame after ${fmt(t.edits.map((e) => e.frame))}; renders until then: ${t.edits.map((e) => e.renders).join(" ")}, their build + DOM time ${fmt(t.edits.map((e) => e.renderMs))}`);
}
console.log(`load average ${load.map((l) => l.toFixed(1)).join(" → ")}, ${os.cpus().length} cores, shared machine`);
