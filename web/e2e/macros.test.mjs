// Canned responses as agents use them: an agent saves one with {{requester.firstNames}} on the Respuestas guardadas page,
// applies it from the ticket's comment box (search, keyboard), and the requester reads the filled-in reply.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/macros.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, launch, login, newPage, uniqueSuffix, apiAs as apiAsAt } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
let browser;

const apiAs = (person) => apiAsAt(baseURL, person);

describe('canned responses: saved once, applied from the comment box, read filled in', { timeout: 180_000 }, () => {
  let requester;
  let ticket;
  const suffix = uniqueSuffix();
  const name = `VPN resuelta ${suffix}`;

  before(async () => {
    browser = await launch();
    requester = await apiAs(DEMO.user);
    const tech = await apiAs(DEMO.tech);
    const admin = await apiAs(DEMO.admin);
    ticket = await requester.call('POST', '/tickets', { title: `La VPN no conecta ${suffix}`, description: 'Desde casa no entra.' }, {
      'Idempotency-Key': `macros-${suffix}`,
    });
    await admin.call('PUT', `/tickets/${ticket.id}/assignee`, { assigneeId: tech.user.id });
    await tech.call('PUT', `/tickets/${ticket.id}/status`, { status: 'in_progress' });
  });
  after(() => browser?.close());

  it('an agent applies a macro and the requester reads the reply with their name in it', async () => {
    const agent = await newPage(browser, baseURL);
    await login(agent, DEMO.tech);

    // Saved on its page; an unknown placeholder is refused before anything is sent.
    await agent.goto('/macros');
    await agent.getByRole('heading', { level: 1, name: 'Respuestas guardadas' }).waitFor();
    await agent.getByRole('button', { name: 'Nueva respuesta' }).click();
    const form = agent.getByRole('dialog');
    await form.getByLabel('Nombre').fill(name);
    await form.getByLabel('Texto').fill('Hola {{requester.email}}');
    await form.getByRole('button', { name: 'Nueva respuesta' }).click();
    await form.getByText(/Marcador desconocido: \{\{requester\.email\}\}/).waitFor();
    await form.getByLabel('Texto').fill(`Hola {{requester.firstNames}}: reinstalé el cliente de la VPN en {{ticket.number}} (${suffix}).`);
    await form.getByLabel('Cambiar el estado a').selectOption('resolved');
    await form.getByRole('button', { name: 'Nueva respuesta' }).click();
    await agent.getByText(`Respuesta «${name}» creada.`).waitFor();

    // Applied from the comment box: the picker's search finds it, Enter applies it, the page shows the resolved ticket.
    await agent.goto(`/tickets/${ticket.number}`);
    await agent.getByTestId('macro-picker').click();
    const picker = agent.getByRole('dialog', { name: 'Respuestas guardadas' });
    const search = picker.getByRole('combobox', { name: 'Buscar una respuesta' });
    await search.fill(suffix);
    await picker.getByRole('option', { name: new RegExp(name) }).waitFor();
    assert.equal(await picker.getByRole('option').count(), 1);
    await search.press('Enter');
    await agent.getByText(`Respuesta «${name}» aplicada.`).waitFor();
    const filled = `Hola ${requester.user.firstNames}: reinstalé el cliente de la VPN en ${ticket.number} (${suffix}).`;
    await agent.getByText(filled).first().waitFor();
    await agent.context().close();

    // The requester reads it, filled in, and the ticket resolved by the same change.
    const reader = await newPage(browser, baseURL);
    await login(reader, DEMO.user);
    await reader.goto(`/tickets/${ticket.number}`);
    await reader.getByText(filled).first().waitFor();
    const read = await requester.call('GET', `/tickets/${ticket.id}`);
    assert.equal(read.status, 'resolved');
    await reader.context().close();
  });
});
