// Mentions in the browser: an agent types @ in the reply box, picks a colleague and the requester from the list,
// sends, and the message names them; the colleague is told; on an internal note the requester is not offered.
// Runs against the local host with its demo accounts.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/mentions.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, apiAs, launch, login, newPage, uniqueSuffix } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
let browser;

/** Waits until `check` answers something truthy, polling the API (notifications travel through a queue). */
async function eventually(check, what, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('Mentions in the browser', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('an agent mentions a colleague and the requester with @name completion; the colleague is told', async () => {
    const suffix = uniqueSuffix();
    const requester = await apiAs(baseURL, DEMO.user);
    const ticket = await requester.call('POST', '/tickets', { title: `Menciones ${suffix}`, description: 'El monitor parpadea.' }, {
      'Idempotency-Key': `mentions-${suffix}`,
    });

    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await page.goto(`/tickets/${ticket.number}`);
    const box = page.getByLabel('Respuesta al solicitante');
    await box.click();
    await box.pressSequentially('Hola @ana');
    const options = page.getByRole('listbox', { name: 'Personas a mencionar' });
    await options.getByRole('option', { name: '@Ana Administradora' }).waitFor();
    await box.press('Enter');
    await box.pressSequentially('y @urs');
    await options.getByRole('option', { name: '@Úrsula Usuaria' }).waitFor();
    await box.press('Enter');
    assert.equal(await box.inputValue(), 'Hola @Ana Administradora y @Úrsula Usuaria ');

    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await page.getByTestId('mentions').getByText('Menciona a Ana Administradora, Úrsula Usuaria').waitFor();

    const admin = await apiAs(baseURL, DEMO.admin);
    const told = await eventually(async () => {
      const inbox = await admin.call('GET', '/notifications?limit=100');
      return inbox.items.find((n) => n.type === 'mentioned' && n.ticketId === ticket.id);
    }, 'the admin told of the mention');
    assert.match(told.message, /te ha mencionado en un comentario/);

    // On an internal note only the team is offered: the requester is not in the list.
    await page.getByRole('tab', { name: 'Nota interna' }).click();
    const note = page.getByLabel('Nota para el equipo');
    await note.click();
    await note.pressSequentially('@');
    await options.getByRole('option', { name: '@Ana Administradora' }).waitFor();
    assert.equal(await options.getByRole('option', { name: '@Úrsula Usuaria' }).count(), 0);
  });
});
