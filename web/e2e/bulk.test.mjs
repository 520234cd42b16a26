// Bulk actions in the browser: an agent ticks three tickets in the queue and assigns them to themselves at once; the
// bar says how many changed, and each ticket is theirs. Runs against the local host with its demo accounts.
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

  it('an agent selects three tickets and assigns them to themselves at once', async () => {
    const suffix = uniqueSuffix();
    const requester = await apiAs(DEMO.user);
    const tickets = [];
    for (const n of [1, 2, 3]) {
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
    await bar.getByText('Seleccionados: 3').waitFor();
    assert.equal(await bar.getByLabel('Acción').inputValue(), 'assign');
    assert.equal(await bar.getByLabel('Asignar a').locator('option:checked').textContent(), 'Mí');
    await bar.getByRole('button', { name: 'Aplicar a 3' }).click();

    await page.getByTestId('bulk-summary').getByText('Cambiados: 3 de 3.').waitFor();
    await screenshot(page, 'bulk-assigned');
    // The selection is cleared and the queue asked again: the tickets are no longer unassigned.
    await bar.waitFor({ state: 'detached' });
    for (const ticket of tickets) await table.locator(`tr[data-ticket-number="${ticket.number}"]`).waitFor({ state: 'detached' });

    const tech = await apiAs(DEMO.tech);
    for (const ticket of tickets) {
      const now = await tech.call('GET', `/tickets/${ticket.id}`);
      assert.equal(now.assignee?.id, tech.user.id, `${ticket.number} is the agent's`);
    }
  });
});
