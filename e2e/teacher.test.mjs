// Teacher links: the URL holds the settings, the inspected sample, the
// lesson's step and the open views; teacher mode hides the controls the
// link names and fixes the seed; "Copy link for students" makes such a
// link from the page as it stands.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, api, shot, drawn, waitUntil } from "./helpers.mjs";

let server, browser, page, student;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); student?.saveLogs(); await browser?.close(); server?.stop(); });

const present = (p, sel) => p.$(sel).then((e) => e !== null);
const hash = (p) => p.evaluate(() => decodeURIComponent(location.hash));

// waitSample waits for the inspector to show user × movie, and checks its
// probability against the engine's answer for that pair.
async function checkSample(p, user, movie) {
  await p.waitForSelector("#sample-probability", { timeout: 20000 });
  const want = (await api(p, "POST", "/api/inspect", { user, movie })).body;
  assert.equal(await p.$eval("#user-id", (e) => Number(e.value)), user);
  assert.match(await p.textContent("#sample .pair"), new RegExp(`^User ${user} .* × ${want.movie.title.replace(/[()]/g, "\\$&")}`));
  assert.equal(await p.textContent("#sample-probability"), want.probability.toFixed(3));
}

// oneBatch trains one batch and returns the engine's progress after it.
async function oneBatch(p) {
  await api(p, "POST", "/api/session/step");
  await waitUntil(p, () => window.flsestEngine.json("GET", "/api/state").then((r) => r.body.progress.steps === 1 && r.body.status === "paused"), null, { timeout: 20000 });
  return (await api(p, "GET", "/api/state")).body.progress;
}

// The lesson (another branch's panel, ui/panels/lesson.vugu) opens at the
// URL's step (1-based, as its "step N of M" says), with the focus on its
// heading, when it is on the page; without it the step is only kept in
// the URL.
async function checkLessonStep(p, step) {
  if (!(await present(p, "#lesson"))) {
    console.log("teacher: no lesson panel on this page; the step is only checked in the URL");
    return;
  }
  await p.waitForFunction((n) => document.querySelector("#lesson-progress")?.textContent.startsWith(`step ${n} of`), step, { timeout: 20000 });
  // Opened by the link, the lesson has the keyboard focus (its heading).
  assert.equal(await p.evaluate(() => document.activeElement?.id), "lesson-heading", "the lesson the link opened does not have the focus");
}

test("a teacher URL opens the same configuration, sample, step and view with the chosen controls hidden", async () => {
  const link = "lr=0.002&seed=7&batches_per_epoch=40&user=200&movie=50&step=2&view=sest,slices,flow&teacher=1&hide=preset,buttons,checkpoint,dropout";
  page = await openApp(browser, server.url, { hash: link, name: "teacher" });
  const cfg = (await api(page, "GET", "/api/state")).body.config;
  assert.deepEqual([cfg.lr, cfg.seed, cfg.batches_per_epoch], ["0.002", "7", "40"]);
  await checkSample(page, 200, 50);
  await drawn(page, "#sest-strips", 30000);
  await drawn(page, "#slices-chart", 30000);
  assert.equal(await present(page, "#projector-chart"), false, "the projector stays closed");
  await checkLessonStep(page, 2);
  if (await present(page, "#flow-toggle")) await page.waitForSelector("#flow-view", { state: "attached", timeout: 20000 }); // the one-prediction view (view=flow)
  else console.log("teacher: no one-prediction view on this page; view=flow is only checked in the URL");
  // Hidden: what the link names, and the seed (its control and New seed).
  for (const sel of ["#ctl-preset", "#step-epoch", "#stop", "#reset", "#new-seed", "#ctl-seed", "#ctl-dropout", "#checkpoint-file"]) {
    assert.equal(await present(page, sel), false, `${sel} is hidden`);
  }
  for (const sel of ["#play", "#step", "#ctl-lr", "#ctl-model", "#download-checkpoint"]) {
    assert.equal(await present(page, sel), true, `${sel} stays`);
  }
  // The URL still says all of it (a student can pass it on).
  const h = await hash(page);
  for (const part of ["lr=0.002", "seed=7", "user=200", "movie=50", "step=2", "view=sest,slices,flow", "teacher=1", "hide=preset,buttons,checkpoint,dropout"]) {
    assert.ok(h.includes(part), `${part} in ${h}`);
  }
  // Two students with the link train the same model: one batch each, the same loss.
  const first = await oneBatch(page);
  student = await openApp(browser, server.url, { hash: link, name: "teacher-student" });
  const second = await oneBatch(student);
  assert.equal(second.loss, first.loss, "the same first batch's loss from the same link");
  await shot(page, "teacher-mode");
  await student.close();
  student = null;
});

test("Copy link for students makes a link that opens this page in teacher mode", async () => {
  await page?.close();
  page = await openApp(browser, server.url, { hash: "seed=11&batches_per_epoch=40", name: "teacher-copy" });
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.fill("#user-id", "300");
  await page.press("#user-id", "Tab");
  await page.fill("#movie-search", "fargo");
  await page.waitForSelector(".hit");
  const movie = await page.$eval(".hit", (b) => Number(b.dataset.movie));
  await page.click(".hit");
  await checkSample(page, 300, movie);
  await page.click("#slices-toggle");
  await drawn(page, "#slices-chart", 30000);
  const lesson = await present(page, "#lesson-open");
  if (lesson) { // the lesson at step 3 goes into the link
    await page.click("#lesson-open");
    for (const n of [2, 3]) {
      await page.click("#lesson-next");
      await page.waitForFunction((n) => document.querySelector("#lesson-progress")?.textContent.startsWith(`step ${n} of`), n);
    }
  }
  await page.click("#teacher-link-toggle");
  await page.check("#hide-settings");
  await page.click("#copy-teacher-link");
  await page.waitForFunction(() => document.querySelector("#teacher-link-copied")?.textContent !== "");
  assert.equal(await page.textContent("#teacher-link-copied"), "Link copied.");
  const url = await page.inputValue("#teacher-link-url");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url, "the clipboard holds the link");
  const u = new URL(url);
  assert.equal(u.origin + u.pathname, server.url);
  const q = new URLSearchParams(u.hash.slice(1));
  assert.deepEqual([q.get("seed"), q.get("user"), q.get("movie"), q.get("view"), q.get("teacher"), q.get("hide")], ["11", "300", String(movie), "slices", "1", "settings"]);
  assert.equal(q.get("step"), lesson ? "3" : null, "the lesson's step");

  student = await openApp(browser, url, { name: "teacher-copy-student" });
  assert.equal((await api(student, "GET", "/api/state")).body.config.seed, "11");
  await checkSample(student, 300, movie);
  await drawn(student, "#slices-chart", 30000);
  if (lesson) await checkLessonStep(student, 3);
  assert.equal(await student.$$eval("#controls .fields .field", (f) => f.length), 0, "every setting is hidden");
  assert.equal(await present(student, "#new-seed"), false);
  await student.click("#teacher-link-toggle");
  assert.equal(await student.isChecked("#hide-settings"), true, "the student's own link box starts as the teacher's");
});
