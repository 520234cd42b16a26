// Inbound mail in the browser: an admin opens "Correo entrante" in "Configuración" and reads what the API says of the
// e-mail channel (each door, the poison count, the last day, recent messages), refreshes it, and the page passes axe
// on a desktop and a 390 px phone; a technician is not shown the page. With an SMTP server that the host's mailbox
// polls (TICKETS_SMTP=host:port, the local mail server's SMTP port), a mail from the demo requester to the support
// address becomes a ticket that the page lists and links to, and whose conversation says it was opened by e-mail.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 TICKETS_SMTP=127.0.0.1:2525 node --test e2e/inbound.test.mjs
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { apiAs, cspViolations, DEMO, launch, login, newPage, screenshot, uniqueSuffix } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
const smtp = process.env.TICKETS_SMTP;
const PHONE = { width: 390, height: 844 };
/** How long a mail may take to be polled from the mailbox and processed (the poll runs every minute by default). */
const MAIL_WAIT_MS = Number(process.env.TICKETS_INBOUND_WAIT ?? 150_000);
let browser;

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

/** Opens "Correo entrante" from the main navigation, as an admin finds it, and waits for the figures. */
async function openInbound(page) {
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Configuración' }).click();
  await page.getByRole('navigation', { name: 'Secciones de configuración' }).getByRole('link', { name: 'Correo entrante' }).click();
  await page.getByRole('heading', { level: 2, name: 'Correo entrante' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/settings/inbound');
  await page.getByTestId('inbound-mailbox').waitFor();
}

/**
 * Sends one plain-text message over SMTP (no TLS, no authentication: the local mail server), speaking the protocol
 * itself so the test needs no mail library; each command waits for its reply and a 4xx/5xx reply fails.
 */
function sendMail(hostPort, { from, to, subject, text }) {
  const [host, port] = hostPort.split(':');
  const message = [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <${uniqueSuffix()}.${Date.now()}@e2e.tickets.local>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...text.split('\n').map((line) => (line.startsWith('.') ? `.${line}` : line)),
  ].join('\r\n');
  const steps = [null, 'EHLO e2e.tickets.local', `MAIL FROM:<${from}>`, `RCPT TO:<${to}>`, 'DATA', `${message}\r\n.`, 'QUIT'];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host);
    let buffer = '';
    let step = 0;
    socket.setEncoding('utf8');
    socket.setTimeout(15_000, () => socket.destroy(new Error('SMTP server did not answer')));
    socket.on('error', reject);
    socket.on('close', () => (step >= steps.length ? resolve() : reject(new Error(`SMTP conversation ended early: ${buffer}`))));
    socket.on('data', (chunk) => {
      buffer += chunk;
      // A reply is complete at a whole line "NNN text" (a hyphen after the code means more lines follow).
      const lines = buffer.split('\r\n').slice(0, -1);
      const last = lines.findLast((line) => /^\d{3} /.test(line));
      if (!last) return;
      buffer = '';
      if (Number(last.slice(0, 3)) >= 400) {
        socket.destroy(new Error(`SMTP ${steps[step] ?? 'greeting'} answered ${last}`));
        return;
      }
      step += 1;
      if (step < steps.length) socket.write(`${steps[step]}\r\n`);
      else socket.end();
    });
  });
}

/** Asks `read` every 2 s until it returns something, for at most `ms`. */
async function eventually(read, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`${what} within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

describe('inbound mail: the admin reads the e-mail channel', { timeout: 300_000 }, () => {
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  it('an admin opens "Correo entrante" and sees what the API reports, and refreshes it', async () => {
    const seenViolations = cspViolations.length;
    const admin = await apiAs(baseURL, DEMO.admin);
    const status = await admin.call('GET', '/inbound/status');
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    await openInbound(page);

    const mailbox = page.getByTestId('inbound-mailbox');
    if (status.mailboxConfigured) {
      await mailbox.getByText('Configurado', { exact: true }).waitFor();
      if (status.mailbox) {
        assert.equal((await page.getByTestId('inbound-host').textContent()).trim(), status.mailbox.host);
        await mailbox.getByText(status.mailbox.folder, { exact: true }).waitFor();
      }
    } else {
      await mailbox.getByText('No configurado', { exact: true }).waitFor();
    }
    await page.getByTestId('inbound-webhook').getByText(status.webhookConfigured ? 'Configurado' : 'No configurado', { exact: true }).waitFor();
    assert.equal(
      (await page.getByTestId('inbound-support-address').textContent()).trim(),
      status.supportAddress ?? 'No configurado',
    );
    assert.equal(
      (await page.getByTestId('inbound-unknown-senders').textContent()).trim(),
      status.unknownSenders === 'create' ? 'Crear cuenta' : 'Rechazar',
    );
    // The poison count is the queue's, and it stands out when messages wait there.
    const poison = page.getByTestId('inbound-poison');
    if (status.poisoned !== null) assert.equal(await poison.getAttribute('data-count'), String(status.poisoned));
    assert.equal(await poison.evaluate((el) => el.classList.contains('card--danger')), (status.poisoned ?? 0) > 0);
    await poison.getByText('docs/email.md').waitFor();
    // Each outcome of the last day, as a number.
    for (const [outcome, words] of [['ticket', 'Ticket nuevo'], ['comment', 'Comentario'], ['refused', 'Rechazado']]) {
      const figure = page.getByTestId('inbound-last-day').locator(`[data-outcome="${outcome}"]`);
      await figure.getByText(words).waitFor();
      assert.equal((await figure.locator('.kpi__value').textContent()).replace(/\D/g, ''), String(status.lastDay[outcome] ?? 0));
    }
    if (status.recent.length === 0) await page.getByText('Aún no se ha procesado ningún mensaje.').waitFor();
    else assert.ok((await page.getByTestId('inbound-message').count()) >= status.recent.length);

    // "Actualizar" reads the status again.
    const again = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/inbound/status' && r.request().method() === 'GET');
    await page.getByRole('button', { name: 'Actualizar' }).click();
    assert.equal((await again).status(), 200);
    await page.getByRole('button', { name: 'Actualizar' }).and(page.locator(':enabled')).waitFor();
    await screenshot(page, 'inbound-desktop');
    assert.deepEqual(cspViolations.slice(seenViolations), []);
    await page.context().close();
  });

  for (const [label, viewport] of [
    ['desktop', undefined],
    ['390 px phone', PHONE],
  ]) {
    it(`"Correo entrante" passes the accessibility audit and fits the screen (${label})`, async () => {
      const page = await newPage(browser, baseURL, viewport);
      await login(page, DEMO.admin);
      await page.goto('/settings/inbound');
      await page.getByTestId('inbound-mailbox').waitFor();
      assert.equal(await page.title(), 'Correo entrante · Configuración · Tickets');
      assert.deepEqual(await axeProblems(page), []);
      assert.equal(await overflow(page), 0, 'the page is wider than the screen');
      await screenshot(page, `inbound-${viewport ? 'phone' : 'desktop'}-audit`);
      await page.context().close();
    });
  }

  it('a technician is not shown the page, and the API does not answer them', async () => {
    const tech = await apiAs(baseURL, DEMO.tech);
    await assert.rejects(() => tech.call('GET', '/inbound/status'), /answered 403/);
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await page.goto('/settings/inbound');
    await page.getByRole('heading', { level: 1, name: 'Página no encontrada' }).waitFor();
    assert.equal(await page.getByTestId('inbound-mailbox').count(), 0);
    await page.context().close();
  });

  it(
    'a mail from the requester to the support address becomes a ticket the page lists, links to, and says came by e-mail',
    { skip: smtp ? false : 'TICKETS_SMTP is not set: no SMTP server the host polls to send a mail into' },
    async () => {
      const admin = await apiAs(baseURL, DEMO.admin);
      const status = await admin.call('GET', '/inbound/status');
      assert.ok(status.mailboxConfigured, 'the host polls no mailbox (Tickets:Inbound:Imap:Host)');
      assert.ok(status.supportAddress, 'the host has no support address (Tickets:Mail:SupportAddress)');
      const subject = `La impresora de la sala 3 no imprime ${uniqueSuffix()}`;
      await sendMail(smtp, {
        from: DEMO.user.email,
        to: status.supportAddress,
        subject,
        text: 'Desde esta mañana la impresora de la sala 3 no imprime nada.\nGracias.',
      });
      const received = await eventually(
        async () => (await admin.call('GET', '/inbound/status')).recent.find((m) => m.subject === subject),
        MAIL_WAIT_MS,
        'the mail was processed',
      );
      assert.equal(received.outcome, 'ticket');
      assert.ok(received.ticketNumber, 'a ticket number for the new ticket');

      const page = await newPage(browser, baseURL);
      await login(page, DEMO.admin);
      await openInbound(page);
      const row = page.getByTestId('inbound-message').filter({ hasText: subject });
      await row.getByText('Ticket nuevo').waitFor();
      await row.getByText('Buzón').waitFor();
      await row.getByRole('link', { name: received.ticketNumber }).click();
      await page.getByRole('heading', { level: 1, name: subject }).waitFor();
      const created = page.getByRole('list', { name: 'Conversación' }).locator('[data-event-type="created"]');
      assert.equal(await created.getAttribute('data-channel'), 'email');
      await created.getByText('Abierto por correo electrónico').waitFor();
      await screenshot(page, 'inbound-ticket-by-mail');
      await page.context().close();
    },
  );
});
