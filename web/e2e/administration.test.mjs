// Administration in the browser: an admin sets up a team and a category routed to it in "Configuración", a
// requester files a ticket in that category, and the team's technician finds it assigned to them in their queue;
// then an accessibility audit of every "Configuración" section on a desktop and on a 390 px phone.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/administration.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO, launch, login, newPage, screenshot, uniqueSuffix } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
const PHONE = { width: 390, height: 844 };
let browser;

const id = uniqueSuffix();
const team = `Redes ${id}`;
const category = { id: `redes-${id}`, name: `Red y VPN ${id}`, nameEn: `Network and VPN ${id}` };
const ticket = { title: `Sin VPN en casa ${id}`, description: 'Desde esta mañana la VPN no conecta desde casa.' };

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

describe('Administration in the browser', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('an admin creates a round-robin team with the technician and a category routed to it', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Configuración' }).click();
    await page.getByRole('heading', { level: 1, name: 'Configuración' }).waitFor();
    // The area opens on its first section, teams.
    await page.getByRole('heading', { level: 2, name: 'Equipos' }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/settings\/teams$/);

    await page.getByRole('button', { name: 'Crear equipo' }).click();
    let dialog = page.getByRole('dialog', { name: 'Crear equipo' });
    await dialog.waitFor();
    // Nothing typed: the name is required and gets the focus.
    await dialog.getByRole('button', { name: 'Crear equipo' }).click();
    const name = dialog.getByLabel('Nombre');
    await dialog.locator('[data-field-error="name"]').getByText('Este campo es obligatorio.').waitFor();
    assert.equal(await name.evaluate((el) => el === document.activeElement), true);

    await name.fill(team);
    await dialog.getByLabel('Descripción').fill('Redes, VPN y wifi.');
    await dialog.getByRole('radio', { name: 'Por turnos' }).check();
    await dialog.getByText('Cada ticket nuevo va al siguiente miembro activo, por turno.').waitFor();
    // Members are the active technicians and admins.
    const techBox = dialog.getByRole('checkbox', { name: new RegExp(DEMO.tech.email.replace('.', '\\.')) });
    await techBox.check();
    await screenshot(page, 'admin-1-team-dialog');
    await dialog.getByRole('button', { name: 'Crear equipo' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Equipo «${team}» creado.`).waitFor();
    const teamRow = page.getByRole('row').filter({ hasText: team });
    await teamRow.getByText('Por turnos').waitFor();
    await teamRow.getByText('Tomás Técnico').waitFor();
    await teamRow.getByText('Activo', { exact: true }).waitFor();

    await page.getByRole('navigation', { name: 'Secciones de configuración' }).getByRole('link', { name: 'Categorías' }).click();
    await page.getByRole('heading', { level: 2, name: 'Categorías' }).waitFor();
    await page.getByRole('button', { name: 'Crear categoría' }).click();
    dialog = page.getByRole('dialog', { name: 'Crear categoría' });
    await dialog.getByLabel('Nombre (español)').fill(category.name);
    // The identifier follows the name until one is typed.
    assert.equal(await dialog.getByLabel('Identificador').inputValue(), `red-y-vpn-${id}`);
    await dialog.getByLabel('Identificador').fill(category.id);
    await dialog.getByLabel('Nombre (inglés)').fill(category.nameEn);
    await dialog.getByLabel('Equipo').selectOption({ label: team });
    await dialog.getByRole('button', { name: 'Crear categoría' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Categoría «${category.name}» creada.`).waitFor();
    const categoryRow = page.getByRole('row').filter({ hasText: category.id });
    await categoryRow.getByText(team).waitFor();
    await categoryRow.getByText(category.nameEn).waitFor();
    await screenshot(page, 'admin-2-categories');

    // Both changes are in the audit log, newest first, with who made them.
    await page.getByRole('navigation', { name: 'Secciones de configuración' }).getByRole('link', { name: 'Auditoría' }).click();
    await page.getByRole('search', { name: 'Filtrar el registro' }).getByLabel('Sobre').selectOption('team');
    await page.waitForURL(/targetType=team/);
    const entry = page.getByRole('row').filter({ hasText: team }).filter({ hasText: 'Equipo creado' });
    await entry.getByText('Ana Administradora').waitFor();
    await screenshot(page, 'admin-3-audit');
    await page.context().close();
  });

  it('a requester files a ticket in that category and the team\'s technician finds it assigned in their queue', async () => {
    const requester = await newPage(browser, baseURL);
    await login(requester, DEMO.user);
    await requester.getByRole('button', { name: 'Nuevo ticket' }).click();
    const dialog = requester.getByRole('dialog', { name: 'Nuevo ticket' });
    await dialog.getByLabel('Título').fill(ticket.title);
    await dialog.getByLabel('Descripción').fill(ticket.description);
    // Categories come from GET /categories, by their Spanish name.
    const picker = dialog.getByLabel('Categoría');
    await picker.locator('option', { hasText: category.name }).waitFor({ state: 'attached' });
    await picker.selectOption({ label: category.name });
    await dialog.getByRole('button', { name: 'Crear ticket' }).click();
    await dialog.waitFor({ state: 'detached' });
    await requester.getByText(/Ticket TCK-\d+ creado\./).waitFor();
    await requester.context().close();

    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    // Staff land on "Asignados a mí": the team assigned it to its one member, by turn.
    await page.getByRole('button', { name: /^Asignados a mí/, pressed: true }).waitFor();
    await page.getByRole('search', { name: 'Filtrar tickets' }).getByRole('searchbox', { name: 'Buscar' }).fill(ticket.title);
    const row = page.getByRole('table', { name: 'Tickets de la cola' }).getByRole('row').filter({ hasText: ticket.title });
    await row.getByTestId('team').getByText(team).waitFor();
    await row.getByText('Tomás Técnico').waitFor();
    await screenshot(page, 'admin-4-technician-queue');

    // "Mis equipos" holds the open work of the technician's teams; the team filter narrows any view to one team.
    await page.getByRole('button', { name: /^Mis equipos/ }).click();
    await page.waitForURL(/view=my_teams/);
    await row.waitFor();
    await page.getByRole('search', { name: 'Filtrar tickets' }).getByLabel('Equipo').selectOption({ label: team });
    await page.waitForURL(/team=/);
    await row.waitFor();

    await row.getByRole('link', { name: ticket.title }).click();
    await page.getByRole('heading', { level: 1, name: ticket.title }).waitFor();
    await page.getByTestId('team').getByText(team).waitFor();
    await page.getByTestId('assignee').getByText('Tomás Técnico').waitFor();
    await page.getByTestId('category').getByText(category.name).waitFor();
    await page.getByRole('list', { name: 'Conversación' }).getByText('Asignación automática por turnos').waitFor();
    await screenshot(page, 'admin-5-ticket-page');
    await page.context().close();
  });

  for (const [label, viewport] of [
    ['desktop', undefined],
    ['390 px phone', PHONE],
  ]) {
    it(`every "Configuración" section passes the accessibility audit and fits the screen (${label})`, async () => {
      const failures = [];
      const page = await newPage(browser, baseURL, viewport);
      await login(page, DEMO.admin);
      for (const section of ['teams', 'categories', 'sla', 'calendars', 'audit', 'inbound']) {
        await page.goto(`/settings/${section}`);
        await page.getByRole('heading', { level: 1, name: 'Configuración' }).waitFor();
        await page.waitForFunction(() => !document.body.innerText.includes('Cargando…'));
        for (const problem of await axeProblems(page)) failures.push(`/settings/${section}: ${problem}`);
        const extra = await overflow(page);
        if (extra > 0) failures.push(`/settings/${section}: ${extra} px wider than the screen`);
        await screenshot(page, `admin-6-${viewport ? 'phone' : 'desktop'}-${section}`);
      }
      // The forms too: a team's, an SLA policy's targets table and a calendar's week grid.
      for (const [section, button] of [
        ['teams', 'Crear equipo'],
        ['sla', 'Crear política'],
        ['calendars', 'Crear calendario'],
      ]) {
        await page.goto(`/settings/${section}`);
        await page.waitForFunction(() => !document.body.innerText.includes('Cargando…'));
        await page.getByRole('button', { name: button }).click();
        await page.getByRole('dialog').waitFor();
        for (const problem of await axeProblems(page)) failures.push(`/settings/${section} (${button}): ${problem}`);
        await screenshot(page, `admin-7-${viewport ? 'phone' : 'desktop'}-${section}-dialog`);
      }
      await page.context().close();
      assert.deepEqual(failures, []);
    });
  }
});
