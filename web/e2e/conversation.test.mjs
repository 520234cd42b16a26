// The ticket page as agents and requesters use it: one conversation, the composer's "Enviar y resolver", a refused
// edit that keeps what was typed, the SLA panel with a countdown that ticks, safe Markdown, the tab title, the page
// refreshing itself when someone else changes the ticket, and no sideways scrolling at phone width.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/conversation.test.mjs
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DEMO, launch, login, newPage, uniqueSuffix, apiAs as apiAsAt } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
const PHONE = { width: 390, height: 844 };
const DOCS_IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));
let browser;

/** Signs in through the API as `person` (helpers.mjs `apiAs`, against this host). */
const apiAs = (person) => apiAsAt(baseURL, person);

/** Width the page needs beyond the viewport (0 when nothing scrolls sideways). */
function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('the ticket page: one conversation, a real composer, the SLA explained', { timeout: 240_000 }, () => {
  let requester;
  let tech;
  let admin;
  let ticket;
  const suffix = uniqueSuffix();
  const title = `Sin acceso a la VPN ${suffix}`;
  const link = `https://intranet.example.com/vpn/guia?id=${suffix}`;
  const reply = `Reinstalé el cliente: sigue los pasos de ${link}\n\n**Importante:** <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2">`;
  const internalNote = `Nota interna: el certificado caducó (${suffix}).`;

  before(async () => {
    browser = await launch();
    requester = await apiAs(DEMO.user);
    tech = await apiAs(DEMO.tech);
    admin = await apiAs(DEMO.admin);
    ticket = await requester.call('POST', '/tickets', { title, description: 'No conecta desde casa.', priority: 'critical' }, {
      'Idempotency-Key': `conversation-${suffix}`,
    });
    // The technician takes it, puts it on hold and resumes it (one SLA pause), and writes an internal note.
    await admin.call('PUT', `/tickets/${ticket.id}/assignee`, { assigneeId: tech.user.id });
    await tech.call('PUT', `/tickets/${ticket.id}/status`, { status: 'in_progress' });
    await tech.call('PUT', `/tickets/${ticket.id}/status`, { status: 'on_hold', note: 'Esperando el certificado nuevo.' });
    await tech.call('PUT', `/tickets/${ticket.id}/status`, { status: 'in_progress' });
    await tech.call('POST', `/tickets/${ticket.id}/comments`, { body: internalNote, internal: true }, { 'Idempotency-Key': `note-${suffix}` });
  });
  after(() => browser?.close());

  it('shows staff the SLA panel with both targets, the pause, and a countdown that ticks without a reload', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await page.goto(`/tickets/${ticket.number}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.equal(await page.title(), `${ticket.number} · ${title} · Tickets`);

    const panel = page.getByTestId('sla-panel');
    await panel.getByText(/Política «.+» \(versión \d+\)/).waitFor();
    await panel.getByTestId('sla-target-firstResponse').getByText(/vence el/).waitFor();
    await panel.getByTestId('sla-target-resolution').getByText(/vence el/).waitFor();
    await panel.getByTestId('sla-pauses').getByText(/En espera/).waitFor();

    // An untouched critical ticket: its first response is due within the hour, so its countdown shows seconds.
    const fresh = await requester.call('POST', '/tickets', { title: `${title} (nuevo)`, description: 'Sin tocar.', priority: 'critical' }, {
      'Idempotency-Key': `conversation-fresh-${suffix}`,
    });
    await page.goto(`/tickets/${fresh.number}`);
    await page.getByRole('heading', { level: 1, name: `${title} (nuevo)` }).waitFor();
    const countdown = panel.getByTestId('sla-target-firstResponse').getByTestId('sla-countdown');
    const first = (await countdown.textContent()).trim();
    assert.match(first, /^vence en \d+ min \d{2} s$/);
    // The shared clock ticks every 15 s: the text changes on its own well within 70 s.
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid="sla-target-firstResponse"] [data-testid="sla-countdown"]')?.textContent?.trim() !== before,
      first,
      { timeout: 70_000, polling: 1000 },
    );
    await page.context().close();
  });

  it('keeps the internal tab after sending, and "Enviar y resolver" sends one message that resolves the ticket', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await page.goto(`/tickets/${ticket.number}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();

    const conversation = page.getByRole('list', { name: 'Conversación' });
    await conversation.getByTestId('message').filter({ hasText: internalNote }).getByText('Nota interna', { exact: true }).waitFor();
    // The SLA clock's own log waits behind "show all events".
    assert.equal(await conversation.locator('[data-event-type="sla_paused"]').count(), 0);
    await page.getByLabel('Mostrar todos los eventos').check();
    await conversation.locator('[data-event-type="sla_paused"]').first().waitFor();
    await page.getByLabel('Mostrar todos los eventos').uncheck();

    await page.getByRole('tab', { name: 'Nota interna' }).click();
    await page.getByTestId('internal-banner').waitFor();
    assert.equal(await page.getByTestId('composer').getAttribute('data-mode'), 'internal');
    await page.getByRole('tab', { name: 'Respuesta pública' }).click();

    await page.getByRole('textbox', { name: 'Respuesta al solicitante' }).fill(reply);
    await page.getByRole('button', { name: 'Enviar y resolver' }).click();
    await page.getByTestId('status-badge').getByText('Resuelto').waitFor();
    const message = conversation.getByTestId('message').filter({ hasText: 'Reinstalé el cliente' });
    await message.getByTestId('message-move').getByText('Estado: En curso → Resuelto').waitFor();
    assert.equal(await conversation.getByTestId('message').filter({ hasText: 'Reinstalé el cliente' }).count(), 1, 'one message, not a comment and a note');
    await page.screenshot({ path: `${DOCS_IMAGES}ticket.png`, fullPage: true });
    await page.context().close();
  });

  it('gives the requester one message, the resolved state, links that open apart, inert HTML and no internal event', async () => {
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.user);
    await page.goto(`/tickets/${ticket.number}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByTestId('status-badge').getByText('Resuelto').waitFor();
    await page.getByTestId('resolution-note').getByText(/Resuelto por/).waitFor();

    const conversation = page.getByRole('list', { name: 'Conversación' });
    const message = conversation.getByTestId('message').filter({ hasText: 'Reinstalé el cliente' });
    await message.waitFor();
    assert.equal(await page.getByText('Reinstalé el cliente').count(), 1, 'the reply is shown once');

    const anchor = message.getByRole('link', { name: link });
    assert.equal(await anchor.getAttribute('href'), link);
    assert.equal(await anchor.getAttribute('target'), '_blank');
    assert.equal(await anchor.getAttribute('rel'), 'noopener noreferrer');
    // The Markdown subset renders; the HTML stays text and never runs.
    await message.locator('strong').getByText('Importante:').waitFor();
    await message.getByText(/<script>window.__pwned = 1<\/script>/).waitFor();
    assert.equal(await message.locator('script, img').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);

    // Only what concerns the requester: no internal note, no SLA clock, no internal-looking events.
    assert.equal(await page.getByText(internalNote).count(), 0);
    assert.equal(await conversation.locator('[data-internal="true"]').count(), 0);
    const types = await conversation.locator('[data-event-type]').evaluateAll((items) => items.map((i) => i.dataset.eventType));
    assert.ok(types.length > 0, 'the requester sees the markers that concern them');
    for (const type of types) assert.ok(['created', 'updated', 'status_changed', 'assigned', 'priority_changed'].includes(type), `no ${type} event`);
    assert.equal(await page.getByTestId('sla-panel').count(), 0);
    assert.equal(await page.getByTestId('sla-badge').count(), 0);
    assert.equal(await page.getByText(/Primera respuesta|SLA|reloj/i).count(), 0, 'no SLA text for requesters');
    assert.equal(await page.getByRole('tab', { name: 'Nota interna' }).count(), 0);
    assert.equal(await page.title(), `${ticket.number} · ${title} · Tickets`);
    await page.screenshot({ path: `${DOCS_IMAGES}ticket-requester.png`, fullPage: true });
    await page.context().close();
  });

  it('keeps the typed title when someone else changed the ticket, says what changed, and applies it on top', async () => {
    const editTitle = `Edición en conflicto ${uniqueSuffix()}`;
    const target = await requester.call('POST', '/tickets', { title: editTitle, description: 'Para el conflicto.', priority: 'low' }, {
      'Idempotency-Key': `conflict-${suffix}`,
    });
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    await page.goto(`/tickets/${target.number}`);
    await page.getByRole('heading', { level: 1, name: editTitle }).waitFor();

    await page.getByRole('region', { name: 'Acciones' }).getByRole('button', { name: 'Editar' }).click();
    const dialog = page.getByRole('dialog');
    const typed = `${editTitle} (corregido)`;
    await dialog.getByLabel('Título').fill(typed);
    // Meanwhile someone else raises the priority.
    await admin.call('PATCH', `/tickets/${target.id}`, { priority: 'high' });
    await dialog.getByRole('button', { name: 'Guardar cambios' }).click();

    const conflict = dialog.getByTestId('conflict');
    await conflict.getByText('la prioridad pasó a «Alta»').waitFor();
    assert.equal(await dialog.getByLabel('Título').inputValue(), typed, 'the typed title is kept');
    await page.screenshot({ path: `${DOCS_IMAGES}ticket-conflict.png` });
    await conflict.getByRole('button', { name: 'Aplicar mi cambio encima' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: typed }).waitFor();
    // Their priority survived.
    assert.equal((await admin.call('GET', `/tickets/${target.id}`)).priority, 'high');
    await page.context().close();
  });

  it('refreshes itself when someone else changes the ticket, says who, and keeps the draft', async () => {
    const liveTitle = `Pantalla azul ${uniqueSuffix()}`;
    const target = await requester.call('POST', '/tickets', { title: liveTitle, description: 'Al arrancar.', priority: 'medium' }, {
      'Idempotency-Key': `live-${suffix}`,
    });
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    await page.goto(`/tickets/${target.number}`);
    await page.getByRole('heading', { level: 1, name: liveTitle }).waitFor();
    const draft = 'Borrador a medias que no se debe perder';
    await page.getByRole('textbox', { name: 'Respuesta al solicitante' }).fill(draft);

    await requester.call('POST', `/tickets/${target.id}/comments`, { body: 'Ahora además hace ruido.' }, { 'Idempotency-Key': `live-c-${suffix}` });
    // Coming back to the window asks at once (the 20 s poll would too).
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.getByTestId('live-notice').getByText(/cambió este ticket/).waitFor();
    await page.getByRole('list', { name: 'Conversación' }).getByText('Ahora además hace ruido.').waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Respuesta al solicitante' }).inputValue(), draft);
    await page.context().close();
  });

  it('has no horizontal overflow at 390 px on a breached ticket, for the admin', async () => {
    const breached = (await admin.call('GET', '/tickets?sla=breached&limit=1')).items[0];
    assert.ok(breached, 'the demo data has a breached ticket');
    const page = await newPage(browser, baseURL, PHONE);
    await login(page, DEMO.admin);
    await page.goto(`/tickets/${breached.number}`);
    await page.getByRole('heading', { level: 1, name: breached.title }).waitFor();
    await page.getByTestId('sla-badge').and(page.locator('[data-sla-state="breached"]')).waitFor();
    await page.getByTestId('sla-panel').waitFor();
    assert.equal(await overflow(page), 0);
    await page.context().close();
  });
});
