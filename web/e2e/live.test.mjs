// The live workspace in the browser: SLA countdowns that tick on the queue without a reload (even with the network
// to the list cut), a ticket an admin assigns appearing in the technician's queue and its tab count without a reload,
// every page at 390 px with a breached ticket fitting the screen (the admin's "Usuarios" and "Configuración" reachable),
// a ticket page's SLA badge ticking like the queue's, its skeleton and "Reintentar" after a network error, and a tab
// title per page. Runs against the local host with its demo data; it makes its own one-minute SLA policy.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/live.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, launch, login, newPage, screenshot, uniqueSuffix, apiAs as apiAsAt } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
const PHONE = { width: 390, height: 844 };
const id = uniqueSuffix();
let browser;

/** Signs in through the API as `person` (helpers.mjs `apiAs`, against this host). */
const apiAs = (person) => apiAsAt(baseURL, person);

/** Marks the document; if the page reloads, the mark is gone. */
const markDocument = (page) => page.evaluate(() => (window.__sameDocument = true));
const sameDocument = (page) => page.evaluate(() => window.__sameDocument === true);

/** Width the page needs beyond the viewport (0 when nothing scrolls sideways). */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The page has loaded: its heading is there and no skeleton is left. */
async function loaded(page, heading) {
  await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="skeleton"]').length === 0);
}

describe('The live workspace in the browser', () => {
  /** A medium ticket on a policy whose first response is due one minute after it is filed (at risk after 30 s). */
  const soon = { title: `Countdown ${id}`, number: '' };

  before(async () => {
    browser = await launch();
    const admin = await apiAs(DEMO.admin);
    const targets = { firstResponseMinutes: 1, resolutionMinutes: 600 };
    await admin.call('POST', '/sla-policies', {
      id: `live-${id}`,
      name: `Un minuto ${id}`,
      warningAt: 0.5,
      targets: { critical: targets, high: targets, medium: targets, low: targets },
    });
    await admin.call('POST', '/categories', { id: `live-${id}`, name: `En vivo ${id}`, nameEn: `Live ${id}`, slaPolicyId: `live-${id}` });
  });

  after(async () => {
    await browser?.close();
  });

  it('an SLA countdown on the queue changes on screen within 70 s and turns breached without a reload', async () => {
    const requester = await apiAs(DEMO.user);
    const ticket = await requester.call('POST', '/tickets', { title: soon.title, description: 'Vence en un minuto.', priority: 'medium', category: `live-${id}` }, {
      'Idempotency-Key': `live-${id}`,
    });
    soon.number = ticket.number;
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await page.goto(`/queue?view=unassigned&q=${encodeURIComponent(soon.title)}`);
    const row = page.getByRole('row').filter({ hasText: soon.title });
    const badge = row.getByTestId('sla-badge');
    await badge.waitFor();
    await markDocument(page);
    // The target and its due time are in the row itself, not only in a tooltip.
    assert.match(await row.getByTestId('sla-due').innerText(), /^1\.ª respuesta · vence \d{2}:\d{2}$/);
    const first = await badge.innerText();
    // The same ticket's page, open beside the queue: the badge in its header ticks the same way.
    const ticketPage = await page.context().newPage();
    ticketPage.setDefaultTimeout(Number(process.env.TICKETS_E2E_TIMEOUT ?? 15_000));
    await ticketPage.goto(`/tickets/${soon.number}`);
    await ticketPage.getByRole('heading', { level: 1, name: soon.title }).waitFor();
    const header = ticketPage.locator('.ticket-page__header').getByTestId('sla-badge');
    await header.waitFor();
    assert.notEqual(await header.getAttribute('data-sla-state'), 'breached');
    await markDocument(ticketPage);

    // From here on neither the list nor the ticket can be read again: whatever moves, moves in the browser, from the due time.
    await page.route('**/api/tickets?**', (route) => route.abort());
    await ticketPage.route('**/api/tickets/**', (route) => route.abort());
    await page.waitForFunction(([el, before]) => el.innerText !== before, [await badge.elementHandle(), first], { timeout: 70_000 });
    await row.locator('[data-sla-state="breached"]').waitFor({ timeout: 90_000 });
    assert.match(await badge.innerText(), /^incumplido · vencido hace/);
    assert.ok(await sameDocument(page), 'the page was not reloaded');
    await ticketPage.locator('.ticket-page__header [data-sla-state="breached"]').waitFor({ timeout: 30_000 });
    assert.match(await header.innerText(), /^SLA incumplido · .*vencido hace/);
    assert.ok(await sameDocument(ticketPage), 'the ticket page was not reloaded');
    await page.context().close();
  });

  it("a ticket an admin assigns appears in the technician's queue and its tab count without a reload", async () => {
    const title = `Asignado en vivo ${id}`;
    const tech = await apiAs(DEMO.tech);
    const admin = await apiAs(DEMO.admin);
    const page = await newPage(browser, baseURL);
    const conditional = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/tickets' && response.request().headers()['if-none-match']) conditional.push(response.status());
    });
    await login(page, DEMO.tech);
    await page.goto(`/queue?view=mine&q=${encodeURIComponent(title)}`);
    await page.getByText('No tienes tickets asignados pendientes.').or(page.getByText('Ningún ticket coincide')).first().waitFor();
    const count = page.getByTestId('count-mine');
    await count.waitFor();
    const before = Number(await count.innerText());
    await markDocument(page);

    const requester = await apiAs(DEMO.user);
    const ticket = await requester.call('POST', '/tickets', { title, description: 'Para el técnico.', priority: 'high' }, { 'Idempotency-Key': `assign-${id}` });
    await admin.call('PUT', `/tickets/${ticket.id}/assignee`, { assigneeId: tech.user.id });

    // The bell hears of the assignment and the queue asks at once (or at the latest on its 20 s refresh).
    await page.getByRole('row').filter({ hasText: title }).waitFor({ timeout: 45_000 });
    await page.waitForFunction(([el, n]) => Number(el.innerText) === n, [await count.elementHandle(), before + 1], { timeout: 45_000 });
    assert.ok(await sameDocument(page), 'the page was not reloaded');
    assert.ok(conditional.length > 0, 'the queue refreshed with If-None-Match');
    await page.context().close();
  });

  it('every page at 390 px with a breached ticket fits the screen, and the admin reaches every section', async () => {
    assert.ok(soon.number, 'the countdown journey made the breached ticket');
    const ticketPage = `/tickets/${soon.number}`;
    const search = encodeURIComponent(soon.title);
    const PAGES = {
      // A requester is told where the ticket stands, not its clock: their ticket page has no SLA badge to wait for.
      user: [[`/tickets?q=${search}`, 'Mis tickets'], [ticketPage, soon.title, 'no-sla'], ['/notifications', 'Notificaciones'], ['/account', 'Mi cuenta']],
      tech: [[`/queue?view=all&q=${search}`, 'Cola de trabajo', true], [ticketPage, soon.title, true], ['/dashboard', 'Panel'], ['/notifications', 'Notificaciones']],
      admin: [
        [`/queue?view=all&q=${search}`, 'Cola de trabajo', true],
        [ticketPage, soon.title, true],
        ['/tickets', 'Mis tickets'],
        ['/dashboard', 'Panel'],
        ['/users', 'Usuarios'],
        ['/settings/teams', 'Configuración'],
        ['/settings/categories', 'Configuración'],
        ['/settings/sla', 'Configuración'],
        ['/settings/calendars', 'Configuración'],
        ['/settings/audit', 'Configuración'],
        ['/notifications', 'Notificaciones'],
        ['/account', 'Mi cuenta'],
      ],
    };
    const failures = [];
    for (const [role, pages] of Object.entries(PAGES)) {
      const page = await newPage(browser, baseURL, PHONE);
      await login(page, DEMO[role]);
      for (const [path, heading, breached] of pages) {
        await page.goto(path);
        await loaded(page, heading);
        if (breached === 'no-sla') assert.equal(await page.getByTestId('sla-badge').count(), 0, `${role} ${path} shows no SLA`);
        else if (breached) await page.locator('[data-sla-state="breached"]').first().waitFor();
        const extra = await overflow(page);
        if (extra > 0) failures.push(`${role} ${path}: ${extra} px wider than the screen`);
        if (role === 'admin') {
          for (const name of ['Usuarios', 'Configuración']) {
            const box = await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name }).boundingBox();
            if (!box || box.x < 0 || box.x + box.width > PHONE.width) failures.push(`${role} ${path}: "${name}" is off the screen`);
          }
        }
      }
      if (role === 'admin') {
        await page.goto('/queue?view=at_risk');
        await loaded(page, 'Cola de trabajo');
        await screenshot(page, 'live-queue-phone');
      }
      await page.context().close();
    }
    assert.deepEqual(failures, []);
  });

  it('a ticket page loads behind a skeleton, and a network error offers "Reintentar", which loads it', async () => {
    const requester = await apiAs(DEMO.user);
    const ticket = await requester.call('POST', '/tickets', { title: `Reintento ${id}`, description: 'Se cortó la red.', priority: 'low' }, {
      'Idempotency-Key': `retry-${id}`,
    });
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    // The ticket itself is held, then fails as a dropped connection does.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    const isTicket = (url) => url.pathname === `/api/tickets/${ticket.number}`;
    await page.route(isTicket, async (route) => {
      await held;
      await route.abort('connectionreset');
    });
    await page.goto(`/tickets/${ticket.number}`);
    await page.getByTestId('skeleton').waitFor();
    release();
    const failed = page.getByTestId('load-failed');
    await failed.waitFor();
    await page.unroute(isTicket);
    await failed.getByRole('button', { name: 'Reintentar' }).click();
    await page.getByRole('heading', { level: 1, name: `Reintento ${id}` }).waitFor();
    assert.equal(await page.getByTestId('load-failed').count(), 0);
    await page.context().close();
  });

  it('every page names the browser tab', async () => {
    const pages = {
      null: [['/login', 'Iniciar sesión'], ['/register', 'Crear una cuenta'], ['/no-such-page', 'Página no encontrada'], ['/', null]],
      admin: [
        ['/queue', 'Cola de trabajo'],
        ['/tickets', 'Mis tickets'],
        ['/dashboard', 'Panel'],
        ['/notifications', 'Notificaciones'],
        ['/users', 'Usuarios'],
        ['/account', 'Mi cuenta'],
        ['/settings/teams', 'Equipos · Configuración'],
        ['/settings/audit', 'Auditoría · Configuración'],
      ],
    };
    const wrong = [];
    for (const [role, list] of Object.entries(pages)) {
      const page = await newPage(browser, baseURL, { width: 1440, height: 900 });
      if (role !== 'null') await login(page, DEMO[role]);
      for (const [path, name] of list) {
        await page.goto(path);
        const expected = name ? `${name} · Tickets` : 'Tickets';
        await page.waitForFunction((title) => document.title === title, expected).catch(() => undefined);
        const title = await page.title();
        if (title !== expected) wrong.push(`${path}: "${title}", expected "${expected}"`);
      }
      if (role === 'admin') {
        await page.goto('/queue?view=all');
        await loaded(page, 'Cola de trabajo');
        await screenshot(page, 'live-queue-desktop');
      }
      await page.context().close();
    }
    assert.deepEqual(wrong, []);
  });
});
