// Walk-through of the admin journey with screenshots (not a test; lives outside the repo's e2e list).
import { DEMO, launch, login, newPage, uniqueSuffix } from './e2e/helpers.mjs';
const baseURL = process.env.TICKETS_BASE_URL;
const out = '/tmp/shots';
const browser = await launch();
const width = Number(process.env.W ?? 1280);
const tag = width < 600 ? 'phone' : 'desk';
const page = await newPage(browser, baseURL, { width, height: width < 600 ? 844 : 900 });
const shot = (name, full = true) => page.screenshot({ path: `${out}/${tag}-${name}.png`, fullPage: full });
const id = uniqueSuffix();
try {
  await login(page, DEMO.admin);
  await shot('00-queue', false);
  for (const s of ['teams', 'categories', 'sla', 'calendars', 'audit']) {
    await page.goto(`/settings/${s}`);
    await page.waitForTimeout(700);
    await shot(`10-${s}`);
  }
  // Team dialog: validation error (empty name), then create.
  await page.goto('/settings/teams');
  await page.getByRole('button', { name: 'Crear equipo' }).first().click();
  await page.getByRole('dialog').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: /Crear equipo/ }).click();
  await page.waitForTimeout(300);
  await shot('20-team-dialog-required', false);
  console.log('focused after required:', await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120)));
  await page.getByRole('dialog').getByLabel('Nombre').fill(`Redes ${id}`);
  await page.getByRole('dialog').getByRole('button', { name: /Crear equipo/ }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await page.waitForTimeout(500);
  await shot('21-team-created', false);
  // SLA policy dialog with a server validation error (resolution shorter than first response).
  await page.goto('/settings/sla');
  await page.getByRole('button', { name: 'Crear política' }).first().click();
  await page.getByRole('dialog').waitFor();
  await page.getByRole('dialog').getByLabel('Nombre').fill(`Oro ${id}`);
  await page.getByRole('dialog').getByLabel('Calendario').selectOption({ index: 1 }).catch(() => {});
  await page.getByRole('dialog').getByLabel('Alta · Resolución (horas)').fill('0');
  await page.getByRole('dialog').getByLabel('Alta · Resolución (minutos)').fill('1');
  await page.getByRole('dialog').getByRole('button', { name: 'Crear política' }).click();
  await page.waitForTimeout(800);
  await shot('30-sla-dialog-error');
  console.log('focused after 400:', await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.outerHTML.slice(0, 120)));
  await page.getByRole('dialog').getByLabel('Alta · Resolución (horas)').fill('24');
  await page.getByRole('dialog').getByLabel('Alta · Resolución (minutos)').fill('0');
  await page.getByRole('dialog').getByRole('button', { name: 'Crear política' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await page.waitForTimeout(500);
  await shot('31-sla-created');
  // 412: open the team's edit dialog, change the team behind its back through the API, then save.
  await page.goto('/settings/teams');
  const row = page.locator('tr', { hasText: `Redes ${id}` });
  await row.getByRole('button', { name: /Editar/ }).click();
  await page.getByRole('dialog').waitFor();
  await page.evaluate(async (name) => {
    const session = JSON.parse(localStorage.getItem('tickets.session'));
    const h = { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' };
    const teams = await (await fetch('/api/teams', { headers: h })).json();
    const team = teams.items.find((t) => t.name === name);
    await fetch(`/api/teams/${team.id}`, { method: 'PATCH', headers: h, body: JSON.stringify({ description: 'Cambiado por otra persona' }) });
  }, `Redes ${id}`);
  await page.getByRole('dialog').getByLabel('Descripción').fill('Mi descripción');
  await page.getByRole('dialog').getByRole('button', { name: 'Guardar cambios' }).click();
  await page.waitForTimeout(800);
  await shot('40-team-412', false);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancelar' }).click();
  // Delete a team a category routes to.
  await page.goto('/settings/categories');
  await page.getByRole('button', { name: 'Crear categoría' }).first().click();
  await page.getByRole('dialog').getByLabel('Nombre (español)').fill(`Impresoras ${id}`);
  await page.getByRole('dialog').getByLabel('Equipo').selectOption({ label: `Redes ${id}` });
  await shot('50-category-dialog', false);
  await page.getByRole('dialog').getByRole('button', { name: 'Crear categoría' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await page.waitForTimeout(500);
  await shot('51-categories');
  // Same id again: duplicate_category.
  await page.getByRole('button', { name: 'Crear categoría' }).first().click();
  await page.getByRole('dialog').getByLabel('Nombre (español)').fill(`Impresoras ${id}`);
  await page.getByRole('dialog').getByRole('button', { name: 'Crear categoría' }).click();
  await page.waitForTimeout(800);
  await shot('52-category-duplicate', false);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancelar' }).click();
  await page.goto('/settings/teams');
  await page.locator('tr', { hasText: `Redes ${id}` }).getByRole('button', { name: /Eliminar/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Eliminar' }).click();
  await page.waitForTimeout(800);
  await shot('53-team-in-use', false);
  // Calendar dialog.
  await page.goto('/settings/calendars');
  await page.getByRole('button', { name: 'Crear calendario' }).first().click();
  await page.getByRole('dialog').waitFor();
  await shot('60-calendar-dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancelar' }).click();
  // Audit with a filter.
  await page.goto('/settings/audit?targetType=team');
  await page.waitForTimeout(800);
  await shot('70-audit-filtered');
  // A ticket in the category: its page shows the team and the move form.
  const ticket = await page.evaluate(async (category) => {
    const session = JSON.parse(localStorage.getItem('tickets.session'));
    const h = { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() };
    const r = await fetch('/api/tickets', { method: 'POST', headers: h, body: JSON.stringify({ title: 'La impresora no imprime', description: 'Atasco constante en la bandeja 2.', category }) });
    return r.json();
  }, `impresoras-${id}`);
  console.log('ticket team', JSON.stringify(ticket.team), ticket.number);
  await page.goto(`/tickets/${ticket.number}`);
  await page.waitForTimeout(800);
  await shot('80-ticket');
  await page.getByLabel('Equipo', { exact: true }).selectOption({ index: 0 }).catch((e) => console.log('select', e.message));
  await page.getByRole('button', { name: 'Cambiar de equipo' }).click();
  await page.waitForTimeout(800);
  await shot('81-ticket-moved');
} catch (e) {
  console.error('FAILED', e.message);
  await shot('99-failure', false);
} finally {
  await browser.close();
}
