// Saved views in the browser: a technician saves the queue's current filters as a view, sees it as a tab with its
// count, opens it from another tab and deletes it; an admin shares one, which a technician sees but cannot delete.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/views.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, launch, login, newPage, screenshot, uniqueSuffix, apiAs as apiAsAt } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
let browser;

const apiAs = (person) => apiAsAt(baseURL, person);

/** Tickets of the demo user whose titles hold `token`, so a search finds exactly them. */
async function ticketsWith(token, count) {
  const requester = await apiAs(DEMO.user);
  for (let i = 0; i < count; i++) {
    await requester.call('POST', '/tickets', { title: `VPN ${token} ${i}`, description: 'Creado por la prueba de vistas guardadas.' }, {
      'Idempotency-Key': `views-${token}-${i}`,
    });
  }
}

/** Shows every ticket and searches for `text`: the queue's URL then holds that list. */
async function searchAll(page, text) {
  await page.getByRole('button', { name: /^Todos/ }).click();
  await page.waitForURL(/view=all/);
  await page.getByRole('search', { name: 'Filtrar tickets' }).getByRole('searchbox', { name: 'Buscar' }).fill(text);
  await page.waitForURL(new RegExp(`q=${text}`));
}

async function saveView(page, name, { shared = false } = {}) {
  await page.getByRole('button', { name: 'Guardar vista' }).click();
  const dialog = page.getByRole('dialog', { name: 'Guardar la vista actual' });
  await dialog.getByLabel('Nombre de la vista').fill(name);
  if (shared) await dialog.getByLabel('Compartida con todo el personal').check();
  await dialog.getByRole('button', { name: 'Guardar vista' }).click();
  await page.getByText(`Vista «${name}» guardada.`).waitFor();
}

describe('Saved views in the browser', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('a technician saves the current filters as a tab with its count, opens it from another tab and deletes it', async () => {
    const token = `vista${uniqueSuffix()}`;
    await ticketsWith(token, 2);
    const name = `VPN ${token}`;

    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await searchAll(page, token);
    await saveView(page, name);

    const views = page.getByRole('group', { name: 'Vistas guardadas' });
    const tab = views.getByRole('button', { name: new RegExp(`^${name}`) });
    await tab.locator('.tab__count').filter({ hasText: /^2$/ }).waitFor();
    await screenshot(page, 'views-1-saved-tab');

    // From another tab, the view brings back its own list through the URL.
    await page.getByRole('button', { name: /^Asignados a mí/ }).click();
    await page.waitForURL(/view=mine/);
    await tab.click();
    await page.waitForURL(/query=/);
    // The URL changes first; the tab is marked chosen once the page has re-read it.
    await views.locator('button[aria-pressed="true"]').filter({ hasText: name }).waitFor();
    const rows = page.getByRole('table', { name: 'Tickets de la cola' }).locator('tbody tr');
    await rows.filter({ hasText: `VPN ${token} 0` }).waitFor();
    assert.equal(await rows.count(), 2);
    assert.match(decodeURIComponent(new URL(page.url()).search), new RegExp(`q=${token}`));

    await views.getByRole('button', { name: `Eliminar la vista «${name}»` }).click();
    await page.getByRole('dialog', { name: 'Eliminar vista' }).getByRole('button', { name: 'Eliminar' }).click();
    await page.getByText(`Vista «${name}» eliminada.`).waitFor();
    await tab.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('an admin shares a view that a technician sees, counted, without a way to delete it', async () => {
    const token = `compartida${uniqueSuffix()}`;
    await ticketsWith(token, 1);
    const name = `Equipo ${token}`;

    const admin = await newPage(browser, baseURL);
    await login(admin, DEMO.admin);
    await searchAll(admin, token);
    await saveView(admin, name, { shared: true });
    await admin.context().close();

    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    const views = page.getByRole('group', { name: 'Vistas guardadas' });
    const tab = views.getByRole('button', { name: new RegExp(`^${name}`) });
    await tab.locator('.tab__count').filter({ hasText: /^1$/ }).waitFor();
    assert.equal(await views.getByRole('button', { name: `Eliminar la vista «${name}»` }).count(), 0);
    await screenshot(page, 'views-2-shared-tab');
    await page.context().close();

    // Tidy up, so repeated runs against one store keep the tabs few.
    const adminApi = await apiAs(DEMO.admin);
    const shared = (await adminApi.call('GET', '/views')).items.find((v) => v.name === name);
    await adminApi.call('DELETE', `/views/${shared.id}`);
  });
});
