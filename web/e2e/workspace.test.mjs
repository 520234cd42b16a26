// The agent workspace and the requester's view in the browser: the staff queue with its SLA column, the notes that
// explain a ticket's status, messages in the reader's language, an accessibility audit of every page and every page
// at phone width. Runs against the local host with its demo data (which has tickets in every SLA condition).
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/workspace.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO, launch, login, newPage, screenshot, uniqueSuffix, apiAs as apiAsAt } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
const PHONE = { width: 390, height: 844 };
let browser;

/** Signs in through the API as `person` (helpers.mjs `apiAs`, against this host). */
const apiAs = (person) => apiAsAt(baseURL, person);

async function newTicket(title, priority = 'medium') {
  const requester = await apiAs(DEMO.user);
  return requester.call('POST', '/tickets', { title, description: 'Creado por la prueba del espacio de trabajo.', priority }, {
    'Idempotency-Key': `workspace-${title}`,
  });
}

/** Serious and critical accessibility problems axe finds on the page as it is now (WCAG 2.1 A and AA rules). */
async function axeProblems(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Width the page needs beyond the viewport (0 when nothing scrolls sideways). */
function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** How many rows the header's brand, navigation and tools take (distinct tops). */
function headerRows(page) {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.header__inner > *')]
      .map((el) => el.getBoundingClientRect())
      .filter((box) => box.height > 0)
      .sort((a, b) => a.top - b.top);
    // A part starts a new row when it begins below everything of the row before (parts of one row overlap vertically).
    let rows = 0;
    let bottom = -Infinity;
    for (const box of boxes) {
      if (box.top >= bottom - 1) rows += 1;
      bottom = box.top >= bottom - 1 ? box.bottom : Math.max(bottom, box.bottom);
    }
    return rows;
  });
}

describe('The workspace in the browser', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('staff land on the queue, sort by SLA and see the breached ticket flagged first; rows move with the keyboard', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    assert.match(new URL(page.url()).pathname, /^\/queue$/);

    // Every tab says how many tickets it holds; the chosen tab and sort live in the URL.
    for (const view of ['mine', 'unassigned', 'at_risk', 'all']) await page.getByTestId(`count-${view}`).waitFor();
    await page.getByRole('button', { name: /^Todos/ }).click();
    await page.waitForURL(/view=all/);
    await page.getByRole('button', { name: /^SLA/ }).click();
    await page.waitForURL(/sort=slaDue/);
    const table = page.getByRole('table', { name: 'Tickets de la cola' });
    await table.locator('thead th[aria-sort="descending"]').getByText('SLA').waitFor();

    const first = table.locator('tbody tr').first();
    await first.waitFor();
    assert.equal(await first.getAttribute('data-sla-state'), 'breached');
    await first.getByTestId('sla-badge').getByText(/incumplido · vencido hace/).waitFor();
    assert.ok((await page.getByTestId('count-at_risk').textContent()).trim() !== '0', 'the at-risk tab counts the breached ticket');

    // A reload keeps the tab and the sort.
    await page.reload();
    await table.locator('tbody tr').first().waitFor();
    assert.equal(await page.getByRole('button', { name: /^Todos/ }).getAttribute('aria-pressed'), 'true');

    // ↓ moves from one row's ticket to the next one's; Enter opens it.
    const links = table.locator('a[data-row-link]');
    await links.nth(0).focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await links.nth(1).evaluate((el) => el === document.activeElement), true);
    const title = (await links.nth(1).textContent()).trim();
    await page.keyboard.press('ArrowUp');
    assert.equal(await links.nth(0).evaluate((el) => el === document.activeElement), true);
    await page.keyboard.press('ArrowDown');
    await screenshot(page, 'workspace-1-queue-sorted-by-sla');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.context().close();
  });

  it('a requester reads the resolution note of their resolved ticket in the conversation, and who resolved it on top', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.user);
    await page.getByRole('search', { name: 'Filtrar tickets' }).getByRole('searchbox', { name: 'Buscar' }).fill('licencia de Excel');
    await page.getByRole('link', { name: 'Solicitud de licencia de Excel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Solicitud de licencia de Excel' }).waitFor();

    const resolution = page.getByRole('region', { name: 'Resolución' });
    await resolution.getByText(/Resuelto por Tomás Técnico/).waitFor();
    const message = page.getByRole('list', { name: 'Conversación' }).getByTestId('message').filter({ hasText: 'Licencia asignada en el portal de Microsoft 365.' });
    await message.getByText('Resolución', { exact: true }).waitFor();
    assert.equal(await page.getByText('Licencia asignada en el portal de Microsoft 365.').count(), 1, 'the note is shown once');
    // A requester never sees the requester-contact card (it is staff only).
    assert.equal(await page.getByTestId('requester-contact').count(), 0);
    await screenshot(page, 'workspace-2-resolution-note');
    await page.context().close();
  });

  it('staff see how to reach the requester, cancelling is told from deleting, and a stale change explains what changed', async () => {
    const title = `Teclado sin respuesta ${uniqueSuffix()}`;
    const ticket = await newTicket(title);
    const admin = await apiAs(DEMO.admin);

    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    await page.goto(`/tickets/${ticket.number}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const contact = page.getByRole('region', { name: 'Contacto del solicitante' });
    await contact.getByRole('link', { name: 'user@tickets.local' }).waitFor();
    await contact.getByText('+34 600 000 003').waitFor();
    await contact.getByText('Contabilidad').waitFor();

    // Cancelling (a status move, the ticket stays) and deleting (it goes) are told apart.
    await page.getByRole('region', { name: 'Eliminar el ticket' }).getByText(/quita de todas las listas/).waitFor();

    // Someone else raises the priority while this page still shows the old ticket: the next write is refused (412),
    // and the page says what changed and shows the fresh ticket.
    await admin.call('PATCH', `/tickets/${ticket.id}`, { priority: 'critical' });
    await page.getByLabel('Prioridad', { exact: true }).selectOption('high');
    await page.getByRole('button', { name: 'Cambiar prioridad' }).click();
    await page.getByRole('alert').getByText(/Alguien cambió este ticket mientras lo mirabas: la prioridad pasó a «Crítica»/).waitFor();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.equal(await page.getByLabel('Prioridad', { exact: true }).inputValue(), 'critical');
    await screenshot(page, 'workspace-3-ticket-page-stale-change');
    await page.context().close();
  });

  it('the Spanish UI says in Spanish that an e-mail is taken and that someone else just took a ticket', async () => {
    const page = await newPage(browser, baseURL);
    const id = uniqueSuffix();
    await page.goto('/register');
    await page.getByLabel('DNI').fill(id);
    await page.getByLabel('Teléfono').fill('+34 600 123 456');
    await page.getByLabel('Nombres').fill('Úrsula');
    await page.getByLabel('Apellidos').fill('Repetida');
    await page.getByLabel('Departamento').fill('Contabilidad');
    await page.getByLabel('Correo electrónico').fill(DEMO.user.email);
    await page.getByLabel('Contraseña').fill('Ursula123!segura');
    await page.getByRole('button', { name: 'Registrarme' }).click();
    await page.getByRole('alert').getByText('Ya existe una cuenta con este correo electrónico.').waitFor();
    await page.locator('[data-field-error="email"]').getByText('Ya está registrado.').waitFor();
    assert.equal(await page.getByText(/already/i).count(), 0, 'no English sentence from the server');
    await screenshot(page, 'workspace-4-duplicate-email');

    // A technician's queue still offers a ticket an admin has just taken.
    const title = `Monitor parpadea ${uniqueSuffix()}`;
    const ticket = await newTicket(title);
    await login(page, DEMO.tech);
    await page.goto('/queue?view=unassigned');
    await page.getByRole('search', { name: 'Filtrar tickets' }).getByRole('searchbox', { name: 'Buscar' }).fill(title);
    const row = page.getByRole('row').filter({ hasText: title });
    await row.getByRole('button', { name: /Tomar/ }).waitFor();
    const admin = await apiAs(DEMO.admin);
    await admin.call('PUT', `/tickets/${ticket.id}/assignee`, { assigneeId: admin.user.id });

    await row.getByRole('button', { name: /Tomar/ }).click();
    await page.getByRole('alert').getByText('Ana Administradora acaba de tomar este ticket. Hemos actualizado la lista.').waitFor();
    assert.equal(await page.getByText('No tienes permiso para hacer esto.').count(), 0);
    // The refreshed tab no longer lists it (it is not unassigned any more).
    await page.getByRole('row').filter({ hasText: title }).waitFor({ state: 'detached' });
    await screenshot(page, 'workspace-5-stale-take');
    await page.context().close();
  });

  /** Every page, as the role that sees it; `ready` is what shows the page has loaded. */
  const PAGES = [
    { path: '/', as: null, ready: { role: 'heading', name: /.+/ } },
    { path: '/login', as: null, ready: { role: 'heading', name: 'Iniciar sesión' } },
    { path: '/register', as: null, ready: { role: 'heading', name: 'Crear una cuenta' } },
    { path: '/register/confirm?token=not-a-link', as: null, ready: { role: 'heading', name: 'Activa tu cuenta' } },
    { path: '/no-such-page', as: null, ready: { role: 'heading', name: 'Página no encontrada' } },
    { path: '/tickets', as: 'user', ready: { role: 'heading', name: 'Mis tickets' } },
    { path: '/notifications', as: 'user', ready: { role: 'heading', name: /.+/ } },
    { path: '/account', as: 'user', ready: { role: 'heading', name: /.+/ } },
    { path: '/tickets/TCK-000002', as: 'user', ready: { role: 'heading', name: 'Solicitud de licencia de Excel' } },
    { path: '/queue', as: 'tech', ready: { role: 'heading', name: 'Cola de trabajo' } },
    { path: '/tickets/TCK-000003', as: 'tech', ready: { role: 'heading', name: /impresora de la segunda planta/ } },
    { path: '/reports', as: 'tech', ready: { role: 'heading', name: 'Informes' } },
    { path: '/macros', as: 'tech', ready: { role: 'heading', name: 'Respuestas guardadas' } },
    { path: '/satisfaccion?token=not-a-link', as: null, ready: { role: 'heading', name: 'Valoración' } },
    { path: '/dashboard', as: 'admin', ready: { role: 'heading', name: 'Panel' } },
    { path: '/users', as: 'admin', ready: { role: 'heading', name: 'Usuarios' } },
  ];

  for (const [label, viewport] of [
    ['desktop', undefined],
    ['390 px phone', PHONE],
  ]) {
    it(`every page passes the accessibility audit and fits the screen (${label})`, async () => {
      const failures = [];
      for (const role of [null, 'user', 'tech', 'admin']) {
        const page = await newPage(browser, baseURL, viewport);
        if (role) await login(page, DEMO[role]);
        for (const target of PAGES.filter((p) => p.as === role)) {
          await page.goto(target.path);
          await page.getByRole(target.ready.role, { level: 1, name: target.ready.name }).first().waitFor();
          // Lists and charts fill in after the heading: wait until nothing says it is loading.
          await page.waitForFunction(() => !document.body.innerText.includes('Cargando…'));
          for (const problem of await axeProblems(page)) failures.push(`${target.path}: ${problem}`);
          const extra = await overflow(page);
          if (extra > 0) failures.push(`${target.path}: ${extra} px wider than the screen`);
          if (viewport) {
            const rows = await headerRows(page);
            if (rows > 2) failures.push(`${target.path}: the header takes ${rows} rows`);
          }
          const name = target.path === '/' ? 'landing' : target.path.slice(1).replaceAll('/', '-');
          await screenshot(page, `workspace-6-${viewport ? 'phone' : 'desktop'}-${name}`);
        }
        await page.context().close();
      }
      assert.deepEqual(failures, []);
    });
  }
});
