// bench/importance.mjs — what the importance views cost in the browser:
// permutation importance over the validation split (8 fields × --repeats),
// one sample's exact Shapley values against the 128-row background and
// against the reference point (as the engine's worker answers them), and a
// what-if edit in the page, from the select's change to the new P on
// screen. The weights are a quick-preset checkpoint trained natively
// (seed 1024), loaded into the page. Runnable alone after ./build.sh build,
// with MovieLens-100k findable (FLSEST_DATA):
//
//   node bench/importance.mjs [--runs 3] [--repeats 5]
import { execFileSync } from "node:child_process";
import { mkdtempSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { root, startServer, launch, openApp, api } from "../e2e/helpers.mjs";

const { values: opt } = parseArgs({ options: { runs: { type: "string", default: "3" }, repeats: { type: "string", default: "5" } } });
const bin = join(root, "build", "flsest");
const ckpt = join(mkdtempSync(join(tmpdir(), "flsest-bench-")), "quick-1024.ckpt");
execFileSync(bin, ["train", "-seed", "1024", "-quiet", "-save", ckpt], { stdio: "ignore" });
if (!existsSync(ckpt)) throw new Error("no checkpoint");

const server = await startServer();
const browser = await launch();
const rows = [];
try {
  for (let run = 1; run <= Number(opt.runs); run++) {
    const page = await openApp(browser, server.url, { name: `bench-importance-${run}` });
    await page.setInputFiles("#checkpoint-file", ckpt);
    await page.waitForFunction(() => /Checkpoint loaded/.test(document.querySelector("#notice")?.textContent ?? ""), null, { timeout: 30000 });
    const t0 = Date.now();
    const started = await api(page, "POST", "/api/importance/permutation", { repeats: Number(opt.repeats) });
    if (started.status >= 300) throw new Error(`permutation: ${JSON.stringify(started.body)}`);
    let job;
    do {
      await page.waitForTimeout(100);
      job = (await api(page, "GET", "/api/importance/permutation")).body;
    } while (job.state === "running");
    const permWall = (Date.now() - t0) / 1000;
    const pair = { user: 196, movie: 242 };
    const full = (await api(page, "POST", "/api/importance/shapley", { ...pair })).body;
    const ref = (await api(page, "POST", "/api/importance/shapley", { ...pair, variant: "reference" })).body;
    // A what-if edit through the page: the new P on screen.
    await page.fill("#movie-search", "star wars");
    await page.click(".hit");
    await page.waitForSelector("#whatif-p");
    await page.waitForTimeout(2000); // the full-background answer of the first pick has arrived
    const before = await page.$eval("#whatif-p", (e) => e.dataset.p);
    const occ = await page.$eval("#wi-occupation", (e) => e.value);
    const w0 = await page.evaluate(() => performance.now());
    await page.selectOption("#wi-occupation", occ === "doctor" ? "artist" : "doctor");
    await page.waitForFunction((b) => document.querySelector("#whatif-p")?.dataset.p !== b, before, { timeout: 20000, polling: "raf" });
    const whatIf = (await page.evaluate(() => performance.now())) - w0;
    rows.push({ run, state: job.state, rows: job.result?.scored, engineS: job.result?.seconds, permWall, fullS: full.seconds, fullRows: full.rows, refS: ref.seconds, whatIf });
    console.log(JSON.stringify(rows.at(-1)));
    await page.close();
  }
} finally {
  await browser.close();
  server.stop();
}
