// Tags in the browser: an agent labels a ticket with completion, finds it by the queue's tag filter (kept in the URL),
// and its requester sees no tags at all. Runs against the local host with its demo accounts.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/tags.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, apiAs, launch, login, newPage, uniqueSuffix } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
let browser;

describe('Tags in the browser', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('an agent tags a ticket, filters the queue by the tag, and the requester sees no tags', async () => {
    const suffix = uniqueSuffix();
    const requester = await apiAs(baseURL, DEMO.user);
    const ticket = await requester.call('POST', '/tickets', { title: `Sin VPN ${suffix}`, description: 'No conecta desde casa.' }, {
      'Idempotency-Key': `tags-${suffix}`,
    });
    // Another ticket carries a tag with the same start, so completion has something to offer.
    const tech = await apiAs(baseURL, DEMO.tech);
    const other = await requester.call('POST', '/tickets', { title: `Otra VPN ${suffix}`, description: 'Tampoco.' }, {
      'Idempotency-Key': `tags-other-${suffix}`,
    });
    await tech.call('PUT', `/tickets/${other.id}/tags`, { tags: [`vpn-${suffix}`] });

    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await page.goto(`/tickets/${ticket.number}`);
    const box = page.getByLabel('Añadir etiqueta');
    await box.fill(`VPN-${suffix}, Sala 2`);
    await page.getByRole('form', { name: 'Etiquetas' }).getByRole('button', { name: 'Añadir', exact: true }).click();
    const tags = page.getByRole('list', { name: 'Etiquetas' }).first();
    await tags.getByText(`vpn-${suffix}`, { exact: true }).waitFor();
    await tags.getByText('sala 2', { exact: true }).waitFor();
    const suggested = await page.locator('datalist option').evaluateAll((options) => options.map((o) => o.value));
    assert.ok(!suggested.includes(`vpn-${suffix}`), 'a tag the ticket has is not suggested again');

    await page.getByRole('button', { name: 'Quitar la etiqueta sala 2' }).click();
    await tags.getByText('sala 2', { exact: true }).waitFor({ state: 'detached' });

    await page.goto('/queue?view=all');
    await page.getByRole('combobox', { name: 'Etiqueta', exact: true }).fill(`VPN-${suffix}`);
    await page.waitForURL((url) => url.searchParams.get('tag') === `vpn-${suffix}`);
    await page.getByRole('link', { name: `Sin VPN ${suffix}` }).waitFor();
    await page.getByRole('link', { name: `Otra VPN ${suffix}` }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 2);

    const mine = await newPage(browser, baseURL);
    await login(mine, DEMO.user);
    await mine.goto(`/tickets/${ticket.number}`);
    await mine.getByRole('heading', { level: 1, name: `Sin VPN ${suffix}` }).waitFor();
    assert.equal(await mine.getByText(`vpn-${suffix}`).count(), 0);
    assert.equal(await mine.getByLabel('Añadir etiqueta').count(), 0);
  });
});
