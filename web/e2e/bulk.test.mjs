// Bulk actions in the browser: an agent ticks tickets in the queue and assigns them to themselves at once; the bar says
// how many changed and why the one an admin took meanwhile did not, and each of the others is theirs. Runs against the local host with its demo accounts.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/bulk.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, launch, login, newPage, screenshot, uniqueSuffix, apiAs as apiAsAt } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
let browser;

const apiAs = (person) => apiAsAt(baseURL, person);

describe('Bulk actions in the queue', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('an agent selects tickets and assigns them to themselves at once; one taken meanwhile is refused with its reason', async () => {
    const suffix = uniqueSuffix();
    const requester = await apiAs(DEMO.user);
    const tickets = [];
    for (const n of [1, 2, 3, 4]) {
      tickets.push(
        await requester.call('POST', '/tickets', { title: `Pantalla ${n} en negro ${suffix}`, description: 'Creado por la prueba de acciones en bloque.' }, {
          'Idempotency-Key': `bulk-${suffix}-${n}`,
        }),
      );
    }

    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await page.goto(`/queue?view=unassigned&q=${encodeURIComponent(suffix)}`);
    const table = page.getByRole('table', { name: 'Tickets de la cola' });
    for (const ticket of tickets) await table.locator(`tr[data-ticket-number="${ticket.number}"]`).waitFor();

    for (const ticket of tickets) await page.getByRole('checkbox', { name: `Seleccionar ${ticket.number}` }).check();
    const bar = page.getByRole('form', { name: 'Acciones sobre los tickets seleccionados' });
    await bar.getByText('Seleccionados: 4').waitFor();
    assert.equal(await bar.getByLabel('Acción').inputValue(), 'assign');
    assert.equal(await bar.getByLabel('Asignar a').locator('option:checked').textContent(), 'Mí');
    await screenshot(page, 'bulk-bar');
    // Meanwhile an admin takes the last one: that ticket refuses on its own rules, the others still change.
    const admin = await apiAs(DEMO.admin);
    const taken = tickets.pop();
    await admin.call('PUT', `/tickets/${taken.id}/assignee`, { assigneeId: admin.user.id });
    await bar.getByRole('button', { name: 'Aplicar a 4' }).click();

    const summary = page.getByTestId('bulk-summary');
    await summary.getByText('Cambiados: 3 de 4.').waitFor();
    await summary.getByRole('listitem').filter({ hasText: `${taken.number}: ` }).filter({ hasText: 'acaba de tomar este ticket' }).waitFor();
    await screenshot(page, 'bulk-assigned');
    // The selection is cleared and the queue asked again: the tickets are no longer unassigned.
    await bar.waitFor({ state: 'detached' });
    for (const ticket of [...tickets, taken]) await table.locator(`tr[data-ticket-number="${ticket.number}"]`).waitFor({ state: 'detached' });

    const tech = await apiAs(DEMO.tech);
    assert.equal((await tech.call('GET', `/tickets/${taken.id}`)).assignee?.id, admin.user.id, `${taken.number} stays the admin's`);
    for (const ticket of tickets) {
      const now = await tech.call('GET', `/tickets/${ticket.id}`);
      assert.equal(now.assignee?.id, tech.user.id, `${ticket.number} is the agent's`);
    }
  });
});
