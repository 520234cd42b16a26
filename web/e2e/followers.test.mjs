// Following in the browser: a technician follows a ticket from its People card, finds it in the queue's "Que sigo"
// tab, its requester comments, and the technician's bell lights up with the update, which opens the ticket. Runs against the local host with its demo accounts.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/followers.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, apiAs, launch, login, newPage, screenshot, uniqueSuffix } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
let browser;

describe('Following a ticket in the browser', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('a technician follows a ticket, the requester comments, and the bell leads to the ticket', async () => {
    const suffix = uniqueSuffix();
    const title = `El proyector no enciende ${suffix}`;
    const requester = await apiAs(baseURL, DEMO.user);
    const ticket = await requester.call('POST', '/tickets', { title, description: 'Sala 3.' }, { 'Idempotency-Key': `follow-${suffix}` });

    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    // Start from nothing unread, so the count below is this update (plus whatever else arrives meanwhile).
    const bell = page.getByTestId('notification-bell');
    await page.locator('[data-testid="notification-bell"][data-loaded="true"]').waitFor();
    await bell.click();
    const panel = page.getByRole('region', { name: 'Notificaciones' });
    const markAll = panel.getByRole('button', { name: 'Marcar todas como leídas' });
    if (await markAll.isVisible()) await markAll.click();
    await page.getByRole('button', { name: 'Notificaciones: 0 sin leer' }).waitFor();
    await bell.click();

    await page.goto(`/tickets/${ticket.number}`);
    const people = page.getByTestId('people-card');
    await people.getByRole('button', { name: 'Seguir', exact: true }).click();
    await page.getByText('Ahora sigues este ticket.').waitFor();
    await people.getByRole('button', { name: 'Dejar de seguir' }).waitFor();
    await people.getByRole('list', { name: 'Seguidores' }).getByRole('listitem').first().waitFor();
    await screenshot(page, 'followers-1-following');
    // The queue's "Que sigo" tab lists it.
    await page.goto('/queue');
    await page.getByRole('group', { name: 'Vista de la cola' }).getByRole('button', { name: /^Que sigo/ }).click();
    await page.getByRole('table', { name: 'Tickets de la cola' }).getByText(title).waitFor();

    await requester.call('POST', `/tickets/${ticket.id}/comments`, { body: 'Ya probé a cambiar el cable.' });

    // The bell polls on its own: no reload.
    const count = page.getByTestId('unread-count');
    await count.waitFor({ timeout: 45_000 });
    await bell.click();
    const item = panel.getByRole('listitem').filter({ hasText: ticket.number });
    await item.getByText(`ha comentado en ${ticket.number}, que sigues`).waitFor({ timeout: 45_000 });
    const othersUnread = await panel.locator('li.bell__item--unread').filter({ hasNotText: ticket.number }).count();
    assert.equal(Number(await count.textContent()), 1 + othersUnread);
    await screenshot(page, 'followers-2-bell');
    await item.getByRole('button').click();
    await page.waitForURL(`**/tickets/${ticket.number}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.context().close();
  });
});
