// The Content-Security-Policy the local host sends, checked in a real browser: every page comes with a strict policy,
// the app runs under it without a single violation, and the watch that says so does see one when it happens.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/security.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cspViolations, DEMO, launch, login, newPage } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
let browser;

describe('Content-Security-Policy in the browser', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('every page arrives with a policy that allows no inline script and no framing', async () => {
    const page = await newPage(browser, baseURL);
    for (const path of ['/', '/login', '/tickets/TCK-000001', '/dashboard']) {
      const response = await page.goto(path);
      const headers = response.headers();
      const policy = headers['content-security-policy'];
      assert.ok(policy, `${path} came without a Content-Security-Policy`);
      assert.match(policy, /script-src 'self'(;|$)/, `${path}: ${policy}`);
      assert.match(policy, /frame-ancestors 'none'/, `${path}: ${policy}`);
      assert.doesNotMatch(policy, /unsafe-/, `${path}: ${policy}`);
      assert.equal(headers['x-content-type-options'], 'nosniff', path);
      assert.equal(headers['referrer-policy'], 'no-referrer', path);
    }
    await page.context().close();
  });

  it('the app runs its pages under that policy without a violation', async () => {
    const seenBefore = cspViolations.length;
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    for (const [path, heading] of [
      ['/tickets/TCK-000001', null],
      ['/dashboard', null],
      ['/users', null],
      ['/notifications', null],
      ['/account', null],
      ['/queue', 'Cola de trabajo'],
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, ...(heading ? { name: heading } : {}) }).first().waitFor();
    }
    // The ticket page with its history and comments, the charts of the dashboard: what renders most.
    await page.goto('/tickets/TCK-000001');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.goto('/dashboard');
    await page.locator('svg').first().waitFor();
    assert.deepEqual(cspViolations.slice(seenBefore), []);
    await page.context().close();
  });

  it('an inline script is blocked and reported, so a violation would not go unseen', async () => {
    const seenBefore = cspViolations.length;
    const page = await newPage(browser, baseURL);
    await page.goto('/login');

    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineScriptRan = true';
      document.head.append(script);
      return window.inlineScriptRan === true;
    });

    assert.equal(ran, false, 'an inline script ran');
    await waitUntil(() => cspViolations.length > seenBefore, 'the violation reported');
    assert.match(cspViolations.slice(seenBefore).join('\n'), /script-src/);
    await page.context().close();
  });
});

async function waitUntil(condition, what, timeout = Number(process.env.TICKETS_E2E_TIMEOUT ?? 15_000)) {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`still not ${what} after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
