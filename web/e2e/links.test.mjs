// Links and merge in the browser: an agent links a ticket to another from its links card, merges it into that one with
// the merge dialog, sees the merged ticket's banner, follows it to the target and finds the copied message marked.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/links.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, apiAs, launch, login, newPage, uniqueSuffix } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
let browser;

describe('Links and merge in the browser', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('an agent links two tickets, merges one into the other and follows the banner to the copied message', async () => {
    const suffix = uniqueSuffix();
    const requester = await apiAs(baseURL, DEMO.user);
    const source = await requester.call('POST', '/tickets', { title: `Sin correo ${suffix}`, description: 'No llegan mensajes.' }, {
      'Idempotency-Key': `links-source-${suffix}`,
    });
    await requester.call('POST', `/tickets/${source.id}/comments`, { body: `Desde esta mañana ${suffix}.` }, {
      'Idempotency-Key': `links-comment-${suffix}`,
    });
    const target = await requester.call('POST', '/tickets', { title: `Caída del correo ${suffix}`, description: 'Nadie recibe.' }, {
      'Idempotency-Key': `links-target-${suffix}`,
    });

    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await page.goto(`/tickets/${source.number}`);
    await page.getByLabel('Ticket que vincular').fill(target.number);
    await page.getByLabel('Este ticket…').selectOption('related');
    await page.getByRole('button', { name: 'Vincular', exact: true }).click();
    await page.getByRole('link', { name: `${target.number} · Caída del correo ${suffix}` }).waitFor();

    await page.getByRole('button', { name: 'Fusionar con otro ticket…' }).click();
    await page.getByLabel('Fusionar en (número)').fill(target.number);
    await page.getByRole('button', { name: 'Fusionar', exact: true }).click();
    const banner = page.getByTestId('merged-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), new RegExp(`Este ticket se fusionó en ${target.number}`));
    assert.equal(await page.getByRole('button', { name: 'Fusionar con otro ticket…' }).count(), 0);

    await banner.getByRole('link', { name: target.number }).click();
    await page.getByRole('heading', { level: 1, name: `Caída del correo ${suffix}` }).waitFor();
    const copy = page.getByTestId('message').filter({ hasText: `Desde esta mañana ${suffix}.` });
    await copy.getByTestId('merged-from').waitFor();
    assert.equal(await copy.getByTestId('merged-from').innerText(), `De ${source.number}`);
    await page.getByTestId('links-card').getByText('Duplicado por').waitFor();
  });
});
