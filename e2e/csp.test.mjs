// The page runs under flsest serve's Content-Security-Policy, which has no
// 'unsafe-eval' and no inline script: it becomes ready and trains with no
// violation reported (securitypolicyviolation events, Chromium's "Refused
// to …" console messages), while an inline script added to it is still
// refused (so the watch below does see violations).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, openApp, waitStatus } from "./helpers.mjs";

let server, browser, page;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { page?.saveLogs(); await browser?.close(); server?.stop(); });

const refused = (logs) => logs.filter((l) => /Content Security Policy|Refused to/i.test(l));

test("the policy allows only the app's own scripts and wasm", async () => {
  const res = await fetch(server.url);
  const csp = res.headers.get("content-security-policy");
  assert.equal(csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")), "script-src 'self' 'wasm-unsafe-eval'");
});

test("the page becomes ready and trains with no CSP violation", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const orig = browser.newPage.bind(browser);
  browser.newPage = (opts) => context.newPage(opts); // openApp opens its page in this context
  try {
    page = await openApp(browser, server.url, { hash: "batches_per_epoch=20&epochs=1", name: "csp" });
  } finally {
    browser.newPage = orig;
  }
  await page.click("#play");
  await waitStatus(page, "finished", 120000);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(refused(page.logs), []);

  // An inline script added now is blocked, and reported. (An eval from
  // page.evaluate would not do: DevTools' evaluation is exempt from CSP.)
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.inlineRan = true";
    document.head.append(s);
  });
  await page.waitForFunction(() => window.cspViolations.length > 0, null, { timeout: 5000 });
  assert.match((await page.evaluate(() => window.cspViolations))[0], /script-src/);
  assert.equal(await page.evaluate(() => window.inlineRan), undefined, "the inline script did not run");
  assert.ok(refused(page.logs).length > 0, "Chromium's console reports the refusal");
});
