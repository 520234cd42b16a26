// The page offers what the API says the caller may do, no more and no less: a ticket carries its `actions` (computed by
// the server's aggregate), and the ticket page shows exactly those buttons and forms. Each journey makes its own
// ticket through the API, so it does not depend on the order of the other journeys.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 npm run test:e2e
// (The history-in-words journey — edit, priority, assignment — is in journeys.test.mjs.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, launch, login, newPage, screenshot, uniqueSuffix } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
let browser;

const id = uniqueSuffix();
const title = `Teclado sin respuesta ${id}`;
let ticketNumber;

describe('The ticket page offers exactly what the server allows', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('an admin can act on a closed ticket exactly as the server says', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);

    // A ticket taken through its whole life by the API: created, resolved with a note, closed.
    const created = await api(page, 'POST', '/api/tickets', { title, description: 'Ninguna tecla responde tras la actualización.' });
    ticketNumber = created.number;
    await api(page, 'PUT', `/api/tickets/${created.id}/status`, { status: 'resolved', note: 'Controlador reinstalado.' });
    const closed = await api(page, 'PUT', `/api/tickets/${created.id}/status`, { status: 'closed' });
    assert.equal(closed.status, 'closed');

    await page.goto(`/tickets/${ticketNumber}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByTestId('status-badge').getByText('Cerrado').waitFor();

    const actions = (await api(page, 'GET', `/api/tickets/${ticketNumber}`)).actions;
    // The server lets admins correct and reopen closed tickets: the check below must see those buttons.
    assert.equal(actions.edit, true);
    assert.ok(actions.transitions.length > 0);
    assert.deepEqual(await offered(page), expected('closed', actions));
    await screenshot(page, 'contract-admin-closed-ticket');

    // What is offered works: the admin reopens it.
    await page.getByRole('region', { name: 'Acciones' }).getByRole('button', { name: 'Reabrir' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmar' }).click();
    await page.getByTestId('status-badge').getByText('Abierto').waitFor();
    const reopened = (await api(page, 'GET', `/api/tickets/${ticketNumber}`)).actions;
    assert.deepEqual(await offered(page), expected('open', reopened));
    await page.context().close();
  });

  it('a technician is offered only what the server allows on someone else’s ticket', async () => {
    const admin = await newPage(browser, baseURL);
    await login(admin, DEMO.admin);
    const ticket = await api(admin, 'GET', `/api/tickets/${ticketNumber}`);
    await api(admin, 'PUT', `/api/tickets/${ticket.id}/status`, { status: 'resolved', note: 'Resuelto otra vez.' });
    await admin.context().close();

    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await page.goto(`/tickets/${ticketNumber}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByTestId('status-badge').getByText('Resuelto').waitFor();

    const actions = (await api(page, 'GET', `/api/tickets/${ticketNumber}`)).actions;
    assert.equal(actions.delete, false, 'only admins delete');
    assert.deepEqual(await offered(page), expected('resolved', actions));
    await page.context().close();
  });
});

/** Calls the API with the page's own session; fails on anything but a 2xx. */
async function api(page, method, path, body) {
  const { status, json } = await page.evaluate(
    async ({ method, path, body }) => {
      const session = JSON.parse(localStorage.getItem('tickets.session'));
      const response = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${session.accessToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, json: await response.json().catch(() => null) };
    },
    { method, path, body },
  );
  assert.ok(status >= 200 && status < 300, `${method} ${path} answered ${status}: ${JSON.stringify(json)}`);
  return json;
}

/** The words of a status move from `from` to `to`, as the Spanish UI says them. */
function moveLabel(from, to) {
  switch (to) {
    case 'in_progress':
      return from === 'open' ? 'Iniciar trabajo' : from === 'on_hold' ? 'Reanudar' : 'Reabrir';
    case 'on_hold':
      return 'Poner en espera';
    case 'resolved':
      return 'Resolver';
    case 'closed':
      return from === 'open' ? 'Cancelar ticket' : 'Confirmar y cerrar';
    default:
      return 'Reabrir';
  }
}

/** What a ticket in `status` with these server `actions` must show. */
function expected(status, actions) {
  const buttons = [
    ...actions.transitions.map((t) => moveLabel(status, t.status)),
    ...(actions.take ? ['Tomar'] : []),
    ...(actions.edit ? ['Editar'] : []),
    ...(actions.assign ? ['Asignar'] : []),
    ...(actions.changePriority ? ['Cambiar prioridad'] : []),
    // Staff move a ticket between teams while it is not closed.
    ...(actions.changeTeam ? ['Cambiar de equipo'] : []),
    // Whoever may edit changes the category in the edit form; the category form is for triage by the assignee.
    ...(actions.changeCategory && !actions.edit ? ['Cambiar categoría'] : []),
    // Staff tag a ticket (the tag form's button; each chip's remove button names its tag).
    ...(actions.changeTags ? ['Añadir'] : []),
  ];
  return { buttons: buttons.sort(), delete: actions.delete, comment: actions.comment, internalNote: actions.internalNote };
}

/**
 * What the page shows: the buttons of its actions card, whether it offers deleting (a section of its own, apart from
 * the status moves), a comment and an internal note.
 */
async function offered(page) {
  const card = page.getByRole('region', { name: 'Acciones' });
  const buttons = (await card.getByRole('button').allTextContents()).map((text) => text.trim());
  return {
    buttons: buttons.sort(),
    delete: (await page.getByRole('region', { name: 'Eliminar el ticket' }).getByRole('button', { name: 'Eliminar' }).count()) === 1,
    comment: (await page.getByRole('button', { name: 'Enviar', exact: true }).count()) === 1,
    internalNote: (await page.getByRole('tab', { name: 'Nota interna' }).count()) === 1,
  };
}
