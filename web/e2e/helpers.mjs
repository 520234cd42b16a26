import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const RESULTS_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Demo accounts the local host seeds (README, "The two commands"). */
export const DEMO = {
  admin: { email: 'admin@tickets.local', password: 'Admin123!demo' },
  tech: { email: 'tech@tickets.local', password: 'Tech123!demo' },
  user: { email: 'user@tickets.local', password: 'User123!demo' },
};

/**
 * System Chromium (the Debian package) driven by playwright-core; nothing is downloaded.
 * `launch` gives the browser a fresh temporary profile (user-data-dir) that it deletes on close;
 * each journey then works in its own isolated context (no shared storage or cookies).
 */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Content-Security-Policy violations seen by any page (the app must run under its own CSP). */
export const cspViolations = [];

export async function newPage(browser, baseURL, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'es-ES' });
  const page = await context.newPage();
  page.setDefaultTimeout(Number(process.env.TICKETS_E2E_TIMEOUT ?? 15_000));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  // The browser's own report of each blocked load or inline code, from every document the page opens.
  await page.exposeFunction('reportCspViolation', (violation) => cspViolations.push(violation));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      window.reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile}:${event.lineNumber}`));
  });
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

export async function login(page, { email, password }) {
  await page.goto('/login');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  // Staff land on their work queue, requesters on their own tickets.
  const staff = email === DEMO.admin.email || email === DEMO.tech.email;
  await page.getByRole('heading', { level: 1, name: staff ? 'Cola de trabajo' : 'Mis tickets' }).waitFor();
}

/** A unique suffix so repeated runs against the same store never collide. */
export function uniqueSuffix() {
  return `${Date.now()}${Math.floor(Math.random() * 1000)}`.slice(-12);
}

/**
 * Signs in through the API and answers a small authorised fetch, for a test's set-up and checks (and for the other
 * party of a race): `call(method, path, body?, headers?)` asserts success and returns the parsed body (null when empty).
 */
export async function apiAs(baseURL, { email, password }) {
  const response = await fetch(new URL('/api/auth/login', baseURL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(response.status, 200, `sign-in of ${email}`);
  const { accessToken, user } = await response.json();
  const call = async (method, path, body, headers = {}) => {
    const answer = await fetch(new URL(`/api${path}`, baseURL), {
      method,
      headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    assert.ok(answer.ok, `${method} ${path} answered ${answer.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { user, call };
}
