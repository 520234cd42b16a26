// Browser journeys against the local host (see web/README.md, "Browser tests"). They share one store, so they
// run in order: a user registered in the first journey is assigned, helped, and finally deactivated.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cspViolations, DEMO, launch, login, newPage, screenshot, uniqueSuffix } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
let browser;

const id = uniqueSuffix();
const person = {
  dni: id,
  phone: `+34 600 ${id.slice(-6)}`,
  firstNames: 'Lucía',
  lastNames: `Prueba ${id.slice(-4)}`,
  department: 'Contabilidad',
  email: `lucia.${id}@example.com`,
  password: 'Lucia123!segura',
};
const printer = { title: `Impresora atascada ${id}`, description: 'La impresora de la planta 2 muestra "atasco de papel" y no imprime.' };
const vpn = { title: `VPN sin conexión ${id}`, description: 'La VPN corporativa se desconecta cada pocos minutos.' };
const publicReply = `Hola Lucía, ya estamos revisando la impresora (${id}).`;
const internalNote = `Nota interna: pedir tóner al proveedor (${id}).`;

describe('Tickets in the browser', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('a newcomer registers, signs in, creates tickets and finds them with search and filters', async () => {
    const page = await newPage(browser, baseURL);
    await page.goto('/');
    await page.getByRole('link', { name: 'Crear una cuenta' }).click();

    await page.getByRole('heading', { level: 1, name: 'Crear una cuenta' }).waitFor();
    await page.getByLabel('DNI').fill(person.dni);
    await page.getByLabel('Teléfono').fill(person.phone);
    await page.getByLabel('Nombres').fill(person.firstNames);
    await page.getByLabel('Apellidos').fill(person.lastNames);
    await page.getByLabel('Departamento').fill(person.department);
    await page.getByLabel('Correo electrónico').fill(person.email);
    await page.getByLabel('Contraseña').fill(person.password);
    await page.getByRole('button', { name: 'Registrarme' }).click();

    // Registration (e-mail verification is off on this host) signs the newcomer in at once.
    await page.getByRole('heading', { level: 1, name: 'Mis tickets' }).waitFor();

    // New ticket dialog: priority defaults to Media.
    await page.getByRole('button', { name: 'Nuevo ticket' }).click();
    let dialog = page.getByRole('dialog', { name: 'Nuevo ticket' });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel('Prioridad').inputValue(), 'medium');
    assert.equal(await dialog.getByLabel('Prioridad').locator('option:checked').textContent(), 'Media');
    await dialog.getByLabel('Título').fill(printer.title);
    await dialog.getByLabel('Descripción').fill(printer.description);
    await dialog.getByRole('button', { name: 'Crear ticket' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/Ticket TCK-\d+ creado\./).waitFor();

    const printerCard = page.getByRole('article', { name: printer.title });
    await printerCard.waitFor();
    await printerCard.getByText('Media').waitFor();
    await printerCard.getByText('Abierto').waitFor();
    await printerCard.getByText(`${person.firstNames} ${person.lastNames}`).waitFor();
    await printerCard.getByRole('button', { name: /Editar/ }).waitFor();
    await printerCard.getByRole('button', { name: /Eliminar/ }).waitFor();

    await page.getByRole('button', { name: 'Nuevo ticket' }).click();
    dialog = page.getByRole('dialog', { name: 'Nuevo ticket' });
    await dialog.getByLabel('Título').fill(vpn.title);
    await dialog.getByLabel('Descripción').fill(vpn.description);
    await dialog.getByLabel('Prioridad').selectOption('high');
    await dialog.getByRole('button', { name: 'Crear ticket' }).click();
    await dialog.waitFor({ state: 'detached' });
    const vpnCard = page.getByRole('article', { name: vpn.title });
    await vpnCard.getByText('Alta').waitFor();

    const filters = page.getByRole('search', { name: 'Filtrar tickets' });

    // Search is accent-insensitive on the server: "impresora" finds the printer, not the VPN.
    await filters.getByRole('searchbox', { name: 'Buscar' }).fill(`impresora atascada ${id}`);
    await vpnCard.waitFor({ state: 'detached' });
    await printerCard.waitFor();
    await filters.getByRole('searchbox', { name: 'Buscar' }).fill(id);
    await vpnCard.waitFor();

    // Priority filter.
    await filters.getByLabel('Prioridad').selectOption('high');
    await printerCard.waitFor({ state: 'detached' });
    await vpnCard.waitFor();
    await filters.getByLabel('Prioridad').selectOption('');
    await printerCard.waitFor();

    // Status filter: nothing of ours is closed yet.
    await filters.getByLabel('Estado').selectOption('closed');
    await page.getByText('Ningún ticket coincide con los filtros.').waitFor();
    await filters.getByLabel('Estado').selectOption('open');
    await printerCard.waitFor();
    await vpnCard.waitFor();

    // Date range: created today (local), then a range that ends yesterday.
    const today = new Date();
    const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    await filters.getByLabel('Desde').fill(iso(today));
    await filters.getByLabel('Hasta').fill(iso(today));
    await printerCard.waitFor();
    await vpnCard.waitFor();
    const yesterday = new Date(today.getTime() - 86_400_000);
    await filters.getByLabel('Desde').fill(iso(yesterday));
    await filters.getByLabel('Hasta').fill(iso(yesterday));
    await page.getByText('Ningún ticket coincide con los filtros.').waitFor();

    // Filters live in the URL, so the view survives a reload.
    assert.match(page.url(), /status=open/);
    await filters.getByRole('button', { name: 'Limpiar filtros' }).click();
    await printerCard.waitFor();
    await vpnCard.waitFor();
    await screenshot(page, '1-register-create-filter');
    await page.context().close();
  });

  it("an admin assigns the ticket to the technician, whose bell shows it and leads to the ticket", async () => {
    // The technician is signed in elsewhere with nothing unread, so the count below is this assignment alone.
    const techPage = await newPage(browser, baseURL);
    await login(techPage, DEMO.tech);
    const bell = techPage.getByTestId('notification-bell');
    await techPage.locator('[data-testid="notification-bell"][data-loaded="true"]').waitFor();
    await bell.click();
    const panel = techPage.getByRole('region', { name: 'Notificaciones' });
    const markAll = panel.getByRole('button', { name: 'Marcar todas como leídas' });
    if (await markAll.isVisible()) await markAll.click();
    await techPage.getByRole('button', { name: 'Notificaciones: 0 sin leer' }).waitFor();
    await bell.click();

    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Cola de trabajo' }).click();
    await page.getByRole('button', { name: 'Sin asignar' }).click();
    await page.getByRole('search', { name: 'Filtrar tickets' }).getByRole('searchbox', { name: 'Buscar' }).fill(printer.title);
    await page.getByRole('row').filter({ hasText: printer.title }).getByRole('link', { name: printer.title }).click();

    await page.getByRole('heading', { level: 1, name: printer.title }).waitFor();
    const picker = page.getByLabel('Asignar a');
    const techOption = picker.locator('option', { hasText: DEMO.tech.email });
    await techOption.waitFor({ state: 'attached' });
    const techName = (await techOption.textContent()).split(' (')[0];
    await picker.selectOption(await techOption.getAttribute('value'));
    await page.getByRole('button', { name: 'Asignar', exact: true }).click();
    await page.getByText('Asignación actualizada.').waitFor();
    await page.getByTestId('assignee').getByText(techName).waitFor();
    await page.getByRole('list', { name: 'Conversación' }).getByText('Asignación').first().waitFor();
    await screenshot(page, '2-admin-assigns');
    const number = (await page.locator('.ticket-page__header .ticket-card__number').textContent()).trim();

    // The technician's open page learns of it by itself (the bell polls every 15 s while visible): no reload.
    // Fails if the count stays at 0. The demo's SLA timers may notify the technician meanwhile, so the count is
    // this assignment plus whatever else arrived unread.
    const count = techPage.getByTestId('unread-count');
    await count.waitFor({ timeout: 45_000 });
    await bell.click();
    const techPanel = techPage.getByRole('region', { name: 'Notificaciones' });
    const item = techPanel.getByRole('listitem').filter({ hasText: number });
    await item.getByText(`te ha asignado ${number}`).waitFor();
    await item.getByText(printer.title).waitFor();
    assert.match(await item.getAttribute('class'), /bell__item--unread/);
    const othersUnread = await techPanel.locator('li.bell__item--unread').filter({ hasNotText: number }).count();
    assert.equal(Number(await count.textContent()), 1 + othersUnread);
    await screenshot(techPage, '2-technician-bell');
    await item.getByRole('button').click();
    await techPage.waitForURL(`**/tickets/${number}`);
    await techPage.getByRole('heading', { level: 1, name: printer.title }).waitFor();
    // Opening it read it.
    await bell.click();
    await techPanel.getByRole('listitem').filter({ hasText: number }).and(techPage.locator(':not(.bell__item--unread)')).waitFor();
    await screenshot(techPage, '2-technician-opens-notification');
    await techPage.context().close();

    // The dashboard draws its charts from /stats.
    await page.getByRole('link', { name: 'Panel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Panel' }).waitFor();
    await page.getByRole('heading', { name: 'Tickets por estado' }).waitFor();
    await page.getByRole('list', { name: 'Indicadores' }).getByText('Cumplimiento de SLA').waitFor();
    await screenshot(page, '2-dashboard');
    await page.context().close();
  });

  it('an admin edits a ticket, changes its priority and assigns it, and the history says so in words', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Mis tickets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mis tickets' }).waitFor();
    const title = `Monitor parpadea ${id}`;
    await page.getByRole('button', { name: 'Nuevo ticket' }).click();
    let dialog = page.getByRole('dialog', { name: 'Nuevo ticket' });
    await dialog.getByLabel('Título').fill(title);
    await dialog.getByLabel('Descripción').fill('El monitor de recepción parpadea al encenderlo.');
    await dialog.getByRole('button', { name: 'Crear ticket' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('article', { name: title }).getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();

    await page.getByRole('region', { name: 'Acciones' }).getByRole('button', { name: 'Editar' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Título').fill(`${title} en recepción`);
    await dialog.getByRole('button', { name: 'Guardar cambios' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: `${title} en recepción` }).waitFor();

    await page.getByLabel('Prioridad', { exact: true }).selectOption('high');
    await page.getByRole('button', { name: 'Cambiar prioridad' }).click();
    await page.getByText('Prioridad actualizada.').waitFor();

    const picker = page.getByLabel('Asignar a');
    const techOption = picker.locator('option', { hasText: DEMO.tech.email });
    await techOption.waitFor({ state: 'attached' });
    const techName = (await techOption.textContent()).split(' (')[0];
    await picker.selectOption(await techOption.getAttribute('value'));
    await page.getByRole('button', { name: 'Asignar', exact: true }).click();
    await page.getByText('Asignación actualizada.').waitFor();

    const historyList = page.getByRole('list', { name: 'Conversación' });
    await historyList.getByText(`Título: «${title}» → «${title} en recepción»`).waitFor();
    await historyList.getByText('Prioridad: Media → Alta').waitFor();
    await historyList.getByText(`Asignado a ${techName}`).waitFor();
    await screenshot(page, '2-history-in-words');
    await page.context().close();
  });

  it('the technician finds it in the queue, comments, adds an internal note and resolves it', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await page.getByRole('button', { name: /Notificaciones: \d+ sin leer/ }).waitFor();

    // Staff land on the queue. The urgent tab asks the server for at-risk and breached work (the demo has a
    // breached ticket); its count is the server's total, and the tab and the sort live in the URL.
    const queue = page.getByRole('table', { name: 'Tickets de la cola' });
    await page.getByRole('button', { name: 'En riesgo o incumplidos' }).click();
    await page.getByTestId('count-at_risk').waitFor();
    const urgentCount = Number(await page.getByTestId('count-at_risk').textContent());
    assert.ok(urgentCount >= 1, 'the demo data has a breached ticket');
    // Only at-risk and breached rows remain once the tab's list has loaded.
    await queue.locator('tbody tr:not([data-sla-state="breached"]):not([data-sla-state="at_risk"])').first().waitFor({ state: 'detached' });
    const breached = queue.locator('tbody tr[data-sla-state="breached"]').first();
    await breached.getByTestId('sla-badge').getByText(/incumplido · vencido hace/).waitFor();
    await queue.getByRole('button', { name: /Prioridad/ }).click();
    await page.waitForURL(/view=at_risk.*sort=-priority|sort=-priority.*view=at_risk/);
    // The URL changes first; the table keeps the page it shows until the newly sorted one has arrived.
    await queue.locator('thead th[aria-sort="descending"]').getByText('Prioridad').waitFor();
    await queue.getByRole('button', { name: /SLA/ }).click();
    await page.waitForURL(/sort=slaDue/);
    await breached.waitFor();
    await screenshot(page, '3-queue-at-risk');
    await page.reload();
    await page.getByRole('button', { name: 'En riesgo o incumplidos', pressed: true }).waitFor();

    await page.getByRole('button', { name: 'Asignados a mí' }).click();
    await page.getByRole('button', { name: 'Asignados a mí', pressed: true }).waitFor();
    await page.getByRole('search', { name: 'Filtrar tickets' }).getByRole('searchbox', { name: 'Buscar' }).fill(id);
    await page.getByRole('row').filter({ hasText: printer.title }).getByRole('link', { name: printer.title }).click();
    await page.getByRole('heading', { level: 1, name: printer.title }).waitFor();
    await page.getByTestId('sla-badge').waitFor();

    await page.getByRole('textbox', { name: 'Respuesta al solicitante' }).fill(publicReply);
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    const comments = page.getByRole('list', { name: 'Conversación' });
    await comments.getByText(publicReply).waitFor();

    // The internal note is a tab of its own, coloured, and it stays chosen after sending.
    await page.getByRole('tab', { name: 'Nota interna' }).click();
    await page.getByRole('textbox', { name: 'Nota para el equipo' }).fill(internalNote);
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    const note = comments.getByRole('listitem').filter({ hasText: internalNote });
    await note.getByText('Nota interna', { exact: true }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Nota interna' }).getAttribute('aria-selected'), 'true');

    // Starting work is reversible: no confirmation.
    await page.getByRole('button', { name: 'Iniciar trabajo' }).click();
    let dialog = page.getByRole('dialog');
    await page.getByTestId('status-badge').getByText('En curso').waitFor();

    await page.getByRole('button', { name: 'Resolver' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Nota de resolución/).fill('Se retiró el papel atascado y se limpió el rodillo.');
    await dialog.getByRole('button', { name: 'Confirmar' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('status-badge').getByText('Resuelto').waitFor();
    await screenshot(page, '3-technician-resolves');
    await page.context().close();
  });

  it('the requester sees the reply and the history, not the internal note, and closes the ticket', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, person);
    const card = page.getByRole('article', { name: printer.title });
    await card.getByText('Resuelto').waitFor();
    await card.getByRole('link', { name: printer.title }).click();
    await page.getByRole('heading', { level: 1, name: printer.title }).waitFor();

    await page.getByRole('list', { name: 'Conversación' }).getByText(publicReply).waitFor();
    assert.equal(await page.getByText(internalNote).count(), 0, 'internal notes are for agents only');
    assert.equal(await page.getByRole('tab', { name: 'Nota interna' }).count(), 0);

    const historyList = page.getByRole('list', { name: 'Conversación' });
    await historyList.getByText('Ticket creado').waitFor();
    await historyList.getByText('Asignación').first().waitFor();
    await historyList.getByText('Cambio de estado').first().waitFor();

    await page.getByRole('button', { name: 'Confirmar y cerrar' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirmar' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('status-badge').getByText('Cerrado').waitFor();
    await screenshot(page, '4-requester-closes');
    await page.context().close();
  });

  it('the requester reads all their notifications and keeps their account up to date', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, person);
    await page.locator('[data-testid="notification-bell"][data-loaded="true"]').waitFor();
    await page.getByTestId('notification-bell').click();
    await page.getByRole('region', { name: 'Notificaciones' }).getByRole('link', { name: 'Ver todas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Notificaciones' }).waitFor();
    // The technician's reply and status changes reached the requester, worded by the server in Spanish.
    const list = page.locator('.notification-list');
    await list.getByTestId('notification').filter({ hasText: printer.title }).first().waitFor();
    await page.getByRole('button', { name: /^Sin leer/ }).click();
    await page.waitForURL(/unread=1/);
    await page.getByRole('button', { name: 'Marcar todas como leídas' }).click();
    await page.getByText('No tienes notificaciones sin leer.').waitFor();
    await page.getByRole('button', { name: 'Notificaciones: 0 sin leer' }).waitFor();
    await screenshot(page, '4-requester-notifications');

    // "Mi cuenta": profile and preferences are saved on the server.
    await page.getByTestId('current-user').click();
    await page.getByRole('heading', { level: 1, name: 'Mi cuenta' }).waitFor();
    await page.getByLabel('Departamento').fill('Contabilidad y finanzas');
    await page.getByLabel('Recibir notificaciones por correo electrónico').uncheck();
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByText('Your details have been saved.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    let me = await currentUser(page);
    assert.deepEqual(
      { department: me.department, emailNotifications: me.emailNotifications, language: me.language },
      { department: 'Contabilidad y finanzas', emailNotifications: false, language: 'en' },
    );
    await screenshot(page, '4-account-english');

    // The header's language switch is the account's language too.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mi cuenta' }).waitFor();
    for (let i = 0; i < 50 && (me = await currentUser(page)).language !== 'es'; i++) await page.waitForTimeout(100);
    assert.equal(me.language, 'es');
    await page.context().close();
  });

  it('an admin acts on the closed ticket exactly as the server allows', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    await page.getByRole('link', { name: 'Cola de trabajo' }).click();
    await page.getByRole('button', { name: 'Todos' }).click();
    await page.getByRole('search', { name: 'Filtrar tickets' }).getByRole('searchbox', { name: 'Buscar' }).fill(printer.title);
    await page.getByRole('row').filter({ hasText: printer.title }).getByRole('link', { name: printer.title }).click();
    await page.getByRole('heading', { level: 1, name: printer.title }).waitFor();
    await page.getByTestId('status-badge').getByText('Cerrado').waitFor();

    // What the server says this admin may do with this closed ticket now…
    const number = (await page.locator('.ticket-page__header .ticket-card__number').textContent()).trim();
    const actions = await serverActions(page, number);
    assert.equal(actions.edit, true, 'admins edit closed tickets');
    // …is exactly what the page offers.
    const actionsCard = page.getByRole('region', { name: 'Acciones' });
    const offered = {
      edit: await actionsCard.getByRole('button', { name: 'Editar' }).count(),
      // Deleting sits apart from the status moves (cancelling is one of those), in its own section.
      delete: await page.getByRole('region', { name: 'Eliminar el ticket' }).getByRole('button', { name: 'Eliminar' }).count(),
      take: await actionsCard.getByRole('button', { name: 'Tomar' }).count(),
      assign: await page.getByLabel('Asignar a').count(),
      changePriority: await page.getByLabel('Prioridad', { exact: true }).count(),
      reopen: await actionsCard.getByRole('button', { name: 'Reabrir' }).count(),
      comment: await page.getByRole('button', { name: 'Enviar', exact: true }).count(),
      internalNote: await page.getByRole('tab', { name: 'Nota interna' }).count(),
    };
    const expected = {
      edit: Number(actions.edit),
      delete: Number(actions.delete),
      take: Number(actions.take),
      assign: Number(actions.assign),
      changePriority: Number(actions.changePriority),
      reopen: Number(actions.transitions.some((t) => t.status === 'open')),
      comment: Number(actions.comment),
      internalNote: Number(actions.internalNote),
    };
    assert.deepEqual(offered, expected);

    // And what it offers works: the admin corrects the closed ticket's title, then reopens it.
    await actionsCard.getByRole('button', { name: 'Editar' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Título').fill(`${printer.title} (revisado)`);
    await dialog.getByRole('button', { name: 'Guardar cambios' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: `${printer.title} (revisado)` }).waitFor();
    await actionsCard.getByRole('button', { name: 'Reabrir' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmar' }).click();
    await page.getByTestId('status-badge').getByText('Abierto').waitFor();
    await screenshot(page, '5-admin-acts-on-closed-ticket');
    await page.context().close();
  });

  it('an admin deactivates the user, who then cannot sign in', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    await page.getByRole('link', { name: 'Usuarios' }).click();
    await page.getByRole('heading', { level: 1, name: 'Usuarios' }).waitFor();
    await page.getByRole('searchbox', { name: 'Buscar usuarios' }).fill(person.email);
    const row = page.getByRole('row').filter({ hasText: person.email });
    await row.getByText('Activo', { exact: true }).waitFor();
    await row.getByRole('button', { name: /Desactivar/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Desactivar' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Inactivo', { exact: true }).waitFor();
    await screenshot(page, '5-admin-deactivates');

    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    await page.getByLabel('Correo electrónico').fill(person.email);
    await page.getByLabel('Contraseña').fill(person.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('alert').getByText('Correo o contraseña incorrectos, o la cuenta está desactivada.').waitFor();
    assert.match(new URL(page.url()).pathname, /\/login$/);
    await screenshot(page, '5-deactivated-cannot-login');
    await page.context().close();
  });

  it('switches the language to English and back, and remembers the choice', async () => {
    const page = await newPage(browser, baseURL);
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Soporte para toda la organización' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Support for the whole organisation' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.reload();
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').waitFor();
    await screenshot(page, '6-language-english');

    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await page.context().close();
  });

  it('shows validation errors next to their fields, from the form and from the server', async () => {
    const page = await newPage(browser, baseURL, { width: 390, height: 844 }); // a phone
    await page.goto('/register');
    await page.getByRole('button', { name: 'Registrarme' }).click();
    // Empty form: every field says it is required, and focus lands on the first.
    const dni = page.getByLabel('DNI');
    await page.locator('[data-field-error="dni"]').getByText('Este campo es obligatorio.').waitFor();
    assert.equal(await dni.evaluate((el) => el === document.activeElement), true);

    // The DNI's letter is checked in the form (the server's rule): a wrong one is named before anything is sent.
    const other = uniqueSuffix();
    await dni.fill('12345678A');
    await page.getByLabel('Teléfono').fill('12ab');
    await page.getByLabel('Nombres').fill('Pablo');
    await page.getByLabel('Apellidos').fill('Inválido');
    await page.getByLabel('Departamento').fill('Compras');
    await page.getByLabel('Correo electrónico').fill(`pablo.${other}@example.com`);
    await page.getByLabel('Contraseña').fill('Pablo123!segura');
    await page.getByRole('button', { name: 'Registrarme' }).click();
    await page.locator('[data-field-error="dni"]').getByText('La letra no corresponde a ese número. Revisa el DNI o NIE.').waitFor();
    assert.equal(await dni.evaluate((el) => el === document.activeElement), true);

    // With a right NIE the server's problem+json names the phone; the message sits under that field and is linked to it.
    await dni.fill('x-1234567-l');
    await page.getByRole('button', { name: 'Registrarme' }).click();
    await page.getByRole('alert').getByText('Revisa los campos marcados.').waitFor();
    const phone = page.getByLabel('Teléfono');
    const error = page.locator('[data-field-error="phone"]');
    await error.waitFor();
    assert.notEqual((await error.textContent()).trim(), 'Este campo es obligatorio.');
    assert.equal(await phone.getAttribute('aria-invalid'), 'true');
    const describedBy = (await phone.getAttribute('aria-describedby')).split(' ');
    assert.ok(describedBy.includes(await error.getAttribute('id')), 'the error is announced with the field');
    assert.equal(await page.locator('[data-field-error="email"]').count(), 0);
    assert.equal(await page.locator('[data-field-error="dni"]').count(), 0);
    await screenshot(page, '7-validation-error');
    await page.context().close();
  });

  it('the local host shows the interactive API reference', async () => {
    const page = await newPage(browser, baseURL);
    await page.goto('/api/docs');
    await page.getByRole('heading', { name: 'Tickets API' }).first().waitFor();
    // Read from /api/openapi.json: the document's version and its feature tags.
    await page.getByText('OpenAPI 3.1').first().waitFor();
    await page.getByText('Tickets', { exact: true }).first().waitFor();
    await screenshot(page, '8-api-reference');
    await page.context().close();
  });

  it('ran every page without a Content-Security-Policy violation', () => {
    assert.deepEqual(cspViolations, []);
  });
});

/** The actions the API grants the signed-in user of this page on a ticket, read with the page's own session. */
async function serverActions(page, ticketNumber) {
  return page.evaluate(async (number) => {
    const session = JSON.parse(localStorage.getItem('tickets.session'));
    const response = await fetch(`/api/tickets/${number}`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
    return (await response.json()).actions;
  }, ticketNumber);
}

/** The signed-in user as the server has it now, read with the page's own session. */
async function currentUser(page) {
  return page.evaluate(async () => {
    const session = JSON.parse(localStorage.getItem('tickets.session'));
    const response = await fetch('/api/me', { headers: { Authorization: `Bearer ${session.accessToken}` } });
    return (await response.json()).user;
  });
}
