// Keyboard: Space plays and pauses, → trains one batch, R resets; Tab
// reaches every control, each showing its focus; Enter on a focused
// button plays, pauses, steps, resets and exports; the lesson (when it is
// on the page) opens by keyboard with focus on its heading, which stays
// there while training renders, steps by ←/→ and by Tab and Enter, and
// gives focus back to its button when it closes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startServer, launch, openApp, waitStatus, waitUntil, steps, api } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

test("Space, → and R drive training", async () => {
  page = await openApp(browser, server.url, { name: "keyboard" });
  await page.locator("body").click({ position: { x: 5, y: 5 } }); // focus the page, not a control
  await page.keyboard.press("ArrowRight");
  await waitStatus(page, "paused", 10000);
  assert.equal(await steps(page), 1, "→ trains exactly one batch");
  await page.keyboard.press("Space");
  await waitStatus(page, "training", 5000);
  await page.keyboard.press("Space");
  await waitStatus(page, "paused", 5000);
  assert.ok((await steps(page)) >= 1);
  await page.keyboard.press("r");
  await waitStatus(page, "ready", 5000);
  assert.equal(await steps(page), 0, "R resets to step 0");
});

// tabTo presses Tab until the element sel has the focus (at most limit
// presses), and returns how many it took.
async function tabTo(sel, limit = 400) {
  for (let n = 1; n <= limit; n++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s), sel)) return n;
  }
  throw new Error(`${sel} is not reached with Tab`);
}

test("Tab reaches every control on the page, and each shows its focus", async () => {
  await page.evaluate(() => {
    window.tabbed = [];
    document.addEventListener("focusin", (e) => {
      const el = e.target, cs = getComputedStyle(el);
      window.tabbed.push({ el, outline: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0 });
    });
  });
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  const controls = await page.evaluate(() => [...document.querySelectorAll(".app a[href], .app button, .app input, .app select, .app summary, .app [tabindex]")]
    .filter((el) => !el.disabled && el.tabIndex >= 0 && (el.checkVisibility() || el.type === "file")).length);
  for (let i = 0; i < controls + 5; i++) await page.keyboard.press("Tab");
  const { missed, unmarked, reached } = await page.evaluate(() => {
    const name = (el) => el.id ? "#" + el.id : `${el.tagName.toLowerCase()}.${el.className}[${el.textContent.trim().slice(0, 20)}]`;
    const seen = new Set(window.tabbed.map((t) => t.el));
    const all = [...document.querySelectorAll(".app a[href], .app button, .app input, .app select, .app summary, .app [tabindex]")]
      .filter((el) => !el.disabled && el.tabIndex >= 0 && (el.checkVisibility() || el.type === "file"));
    return {
      missed: all.filter((el) => !seen.has(el)).map(name),
      unmarked: window.tabbed.filter((t) => !t.outline && !(t.el.type === "file" && getComputedStyle(t.el.parentElement).outlineStyle !== "none")).map((t) => name(t.el)),
      reached: seen.size,
    };
  });
  console.log(`keyboard: ${reached} controls reached with ${controls + 5} Tabs (${controls} on the page)`);
  assert.deepEqual(missed, [], "controls Tab never reaches");
  assert.deepEqual([...new Set(unmarked)], [], "controls focused without a visible outline");
});

test("play, pause, step, reset and an export with Tab and Enter alone", async () => {
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await tabTo("#step");
  await page.keyboard.press("Enter");
  await waitStatus(page, "paused", 10000);
  assert.equal(await steps(page), 1, "Enter on Step trains one batch");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await tabTo("#play");
  await page.keyboard.press("Enter");
  await waitStatus(page, "training", 5000);
  // The focused Play became Pause: Tab from the top to it.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await tabTo("#pause");
  await page.keyboard.press("Enter");
  await waitStatus(page, "paused", 5000);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await tabTo("#reset");
  await page.keyboard.press("Enter");
  await waitStatus(page, "ready", 5000);
  assert.equal(await steps(page), 0);

  await page.locator("body").click({ position: { x: 5, y: 5 } });
  const presses = await tabTo("#export-epochs");
  const [dl] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  const csv = readFileSync(await dl.path(), "utf8");
  assert.match(csv, /^epoch,train_loss,val_auc,val_logloss/);
  assert.match(await page.textContent("#export-status"), /Saved flsest-epochs-/, "the export says what it saved");
  console.log(`keyboard: the per-epoch CSV after ${presses} Tabs and Enter: ${dl.suggestedFilename()}`);
});

test("More settings opens with the keyboard and stays open while its settings change", async () => {
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await tabTo("#controls details summary");
  await page.keyboard.press("Enter");
  assert.equal(await page.$eval("#controls details", (d) => d.open), true);
  await tabTo("#ctl-patience", 20);
  await page.keyboard.press("Control+A");
  await page.keyboard.type("3");
  await page.keyboard.press("Tab"); // the change goes to the engine, and the page renders again
  await waitUntil(page, () => window.flsestEngine.json("GET", "/api/state").then((r) => r.body.config.patience === "3"), null, { timeout: 10000 });
  await page.waitForTimeout(600); // renders come at most every 250 ms
  assert.equal(await page.$eval("#controls details", (d) => d.open), true, "a render closed More settings");
});

test("the lesson opens by keyboard with focus on its heading, keeps it while training renders, and steps by keyboard", async (t) => {
  if (!(await page.$("#lesson-open"))) {
    t.skip("no lesson on this page (another branch's panel, ui/panels/lesson.vugu): nothing to step");
    return;
  }
  const at = (n) => page.waitForFunction((n) => document.querySelector("#lesson-progress")?.textContent.startsWith(`step ${n} of`), n, { timeout: 20000 });
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  await page.evaluate(() => window.flsestRenders.moved.splice(0)); // ids moved by earlier tests' renders
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await tabTo("#lesson-open");
  await page.keyboard.press("Enter");
  await at(1);
  assert.equal(await focused(), "lesson-heading", "opening the lesson did not take focus to its heading");
  // Space from the heading plays (the page's key), and the renders that
  // follow (the pair's trace arriving, the what-if panel appearing, ticks
  // up to 4 a second) keep the lesson's DOM nodes, so focus stays.
  const heading = await page.evaluateHandle(() => document.querySelector("#lesson-heading"));
  await page.keyboard.press("Space");
  await waitStatus(page, "training", 10000);
  const renders0 = await page.evaluate(() => window.flsestRenders.at.at(-1));
  const lost = [];
  for (const t0 = Date.now(); Date.now() - t0 < 4000; await page.waitForTimeout(100)) {
    const f = await focused();
    if (f !== "lesson-heading") lost.push(f);
  }
  const renders = await page.evaluate((t0) => window.flsestRenders.at.filter((t) => t > t0).length, renders0);
  assert.deepEqual(lost, [], "focus left the lesson's heading while training");
  assert.ok(renders >= 4, `only ${renders} renders in 4 s of training: the check saw nothing happen`);
  assert.ok(await heading.evaluate((h) => h.isConnected && h === document.querySelector("#lesson-heading")), "a render replaced the lesson's heading");
  assert.deepEqual(await page.evaluate(() => window.flsestRenders.moved), [], "a render moved elements to other DOM positions (their nodes rebuilt)");
  console.log(`keyboard: focus stayed on the lesson's heading through ${renders} renders in 4 s of training`);

  // ←/→ from the heading step the lesson, not training, and focus stays.
  await page.keyboard.press("ArrowRight");
  await at(2);
  await page.keyboard.press("ArrowLeft");
  await at(1);
  assert.equal(await focused(), "lesson-heading");
  // Tab to Next and Enter through every step: focus stays on Next, and on
  // the last step (Next disabled) goes to the heading, not the page.
  await tabTo("#lesson-next", 5);
  for (let n = 2; n <= 14; n++) {
    await page.keyboard.press("Enter");
    await at(n);
    if (n < 14) assert.equal(await focused(), "lesson-next", `focus left Next at step ${n}`);
  }
  await page.waitForFunction(() => document.activeElement?.id === "lesson-heading", null, { timeout: 5000 });
  await tabTo("#lesson-prev", 5);
  await page.keyboard.press("Enter");
  await at(13);
  assert.equal(await focused(), "lesson-prev");
  // Closing gives focus back to the button that opens it.
  await tabTo("#lesson-close", 10);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "lesson-open", null, { timeout: 5000 });
  await page.waitForTimeout(1000); // renders continue (up to 4 a second)
  assert.equal(await focused(), "lesson-open", "focus left #lesson-open after closing the lesson");
  assert.deepEqual(await page.evaluate(() => window.flsestRenders.moved), []);
  await api(page, "POST", "/api/session/pause");
});
