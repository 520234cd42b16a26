// The "¿Está resuelto? Sí / No, reabrir" links of the real resolved e-mail, opened in the browser: the /resolucion
// page does nothing when it is opened (mail scanners open links), one click answers, a second answer is refused in
// words, and the reopen link reopens with the requester's reason. The links are read from the e-mail the host really
// sends (the mail server's inbox, smtp4dev, at TICKETS_MAIL_URL), so they point wherever Tickets:PublicUrl says.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 TICKETS_MAIL_URL=http://127.0.0.1:1080 node --test e2e/resolution.test.mjs
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO, launch, newPage, uniqueSuffix, apiAs as apiAsAt } from './helpers.mjs';
import { mailHtml, mailsTo, mailText } from './inbox.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
const mailURL = process.env.TICKETS_MAIL_URL;
const noMail = mailURL ? false : 'TICKETS_MAIL_URL is not set: no mail server inbox to read the resolved e-mail from';
const PHONE = { width: 390, height: 844 };
const DOCS_IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));
// Notification e-mail waits for the coalescing window (Tickets:Notifications:CoalesceSeconds, 60 s by default).
const MAIL_WAIT_MS = 180_000;
let browser;

/** Signs in through the API as `person` (helpers.mjs `apiAs`, against this host). */
const apiAs = (person) => apiAsAt(baseURL, person);

/** A requester of its own (registered through the API), so its inbox in the mail server holds only this test's mail. */
async function newRequester(suffix) {
  const person = {
    dni: suffix,
    phone: `+34 622 ${suffix.slice(-6)}`,
    firstNames: 'Rosa',
    lastNames: `Resuelta ${suffix.slice(-4)}`,
    department: 'Almacén',
    email: `rosa.${suffix}@example.com`,
    password: 'Resuelta123!segura',
  };
  const response = await fetch(new URL('/api/auth/register', baseURL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(person),
  });
  assert.equal(response.status, 201, await response.text());
  return { person, ...(await apiAs(person)) };
}

/** The resolved e-mail about ticket `number` to `address` in the mail server's inbox (smtp4dev), with its two links. */
async function resolvedMail(address, number) {
  const deadline = Date.now() + MAIL_WAIT_MS;
  while (Date.now() < deadline) {
    const mail = (await mailsTo(mailURL, address)).find((m) => m.subject.includes(`[${number}]`));
    if (mail) {
      const text = await mailText(mailURL, mail);
      const confirm = /Sí, está resuelto: (\S+)/.exec(text)?.[1];
      const reopen = /No, reabrir: (\S+)/.exec(text)?.[1];
      assert.ok(confirm && reopen, `no "Sí / No, reabrir" links in: ${text}`);
      // The HTML part's buttons carry the same links.
      const html = await mailHtml(mailURL, mail);
      assert.ok(html.includes(`href="${confirm}"`) && html.includes(`href="${reopen}"`), 'the HTML buttons carry the links');
      return { subject: mail.subject, confirm: new URL(confirm), reopen: new URL(reopen) };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.fail(`no e-mail about ${number} reached ${address} within ${MAIL_WAIT_MS / 1000} s`);
}

/** Serious and critical accessibility problems axe finds on the page as it is now (WCAG 2.1 A and AA rules). */
async function axeProblems(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Width the page needs beyond the viewport (0 when nothing scrolls sideways). */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Counts the answers the page sends (none may go out before the click). */
function countAnswers(page) {
  const sent = { count: 0 };
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/resolution-answers') sent.count++;
  });
  return sent;
}

describe('The resolved e-mail\'s "Sí / No, reabrir" links in the browser', { skip: noMail, timeout: 600_000 }, () => {
  const suffix = uniqueSuffix();
  let requester;
  let tech;
  let solved;
  let failing;

  before(async () => {
    browser = await launch();
    requester = await newRequester(suffix);
    const admin = await apiAs(DEMO.admin);
    tech = await apiAs(DEMO.tech);
    // Two tickets of the requester, each resolved by the technician with one reply ("Enviar y resolver"); both e-mails
    // are on their way at once, so the coalescing window is waited for only once.
    const resolve = async (title, reply) => {
      const ticket = await requester.call('POST', '/tickets', { title, description: 'Desde esta mañana.', priority: 'high' }, {
        'Idempotency-Key': `resolution-${title}`,
      });
      await admin.call('PUT', `/tickets/${ticket.id}/assignee`, { assigneeId: tech.user.id });
      await tech.call('POST', `/tickets/${ticket.id}/comments`, { body: reply, status: 'resolved' }, { 'Idempotency-Key': `resolve-${title}` });
      return ticket;
    };
    solved = await resolve(`El monitor parpadea ${suffix}`, 'Cable HDMI cambiado.');
    failing = await resolve(`La impresora no imprime ${suffix}`, 'Cola de impresión vaciada.');
    [solved.mail, failing.mail] = await Promise.all([
      resolvedMail(requester.person.email, solved.number),
      resolvedMail(requester.person.email, failing.number),
    ]);
  });

  after(() => browser?.close());

  it('"Sí" opens a page that waits for the click, closes the ticket once, and then says the link was used', async () => {
    assert.equal(solved.mail.subject, `Resuelto: [${solved.number}] El monitor parpadea ${suffix}`);
    assert.equal(solved.mail.confirm.origin, new URL(baseURL).origin, 'the link opens this host (Tickets:PublicUrl)');
    assert.equal(solved.mail.confirm.pathname, '/resolucion');

    // Not signed in: the token is the credential.
    const page = await newPage(browser, baseURL);
    const sent = countAnswers(page);
    await page.goto(solved.mail.confirm.href);
    await page.getByRole('heading', { level: 1, name: `${solved.number}: ¿está resuelto?` }).waitFor();
    const button = page.getByRole('button', { name: 'Sí, está resuelto' });
    await button.waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(sent.count, 0, 'opening the page sent no answer');
    assert.equal((await tech.call('GET', `/tickets/${solved.id}`)).status, 'resolved', 'opening the page changed nothing');
    assert.deepEqual(await axeProblems(page), []);
    await page.screenshot({ path: `${DOCS_IMAGES}resolucion.png`, fullPage: true });

    await button.click();
    await page.getByRole('status').getByText(`Gracias: ${solved.number} está cerrado.`).waitFor();
    assert.equal(sent.count, 1);
    assert.equal((await tech.call('GET', `/tickets/${solved.id}`)).status, 'closed');
    assert.deepEqual(await axeProblems(page), []);

    // The same link again (a second click in the mail, or a forwarded mail): refused in words, nothing changes.
    await page.goto(solved.mail.confirm.href);
    await page.getByRole('button', { name: 'Sí, está resuelto' }).click();
    await page.getByRole('alert').getByText('Este enlace ya se usó, o el ticket cambió desde entonces.').waitFor();
    assert.deepEqual(await axeProblems(page), []);
    // Its "No, reabrir" twin was used up by the answer too.
    await page.goto(solved.mail.reopen.href);
    await page.getByRole('button', { name: 'No, reabrir' }).click();
    await page.getByRole('alert').getByText('Este enlace ya se usó, o el ticket cambió desde entonces.').waitFor();
    assert.equal((await tech.call('GET', `/tickets/${solved.id}`)).status, 'closed');
    await page.context().close();
  });

  it('"No, reabrir" on a phone reopens the other ticket with the reason typed, as the requester', async () => {
    const page = await newPage(browser, baseURL, PHONE);
    const sent = countAnswers(page);
    await page.goto(failing.mail.reopen.href);
    await page.getByRole('heading', { level: 1, name: `${failing.number}: ¿está resuelto?` }).waitFor();
    const reason = `Sigue sin imprimir a doble cara (${suffix}).`;
    await page.getByLabel('Qué sigue fallando (opcional)').fill(reason);
    await page.waitForLoadState('networkidle');
    assert.equal(sent.count, 0, 'opening the page sent no answer');
    assert.equal(await overflow(page), 0, 'nothing scrolls sideways at 390 px');
    assert.deepEqual(await axeProblems(page), []);

    await page.getByRole('button', { name: 'No, reabrir' }).click();
    await page.getByRole('status').getByText(`${failing.number} se ha reabierto; el equipo lo revisará.`).waitFor();
    assert.equal(await overflow(page), 0);
    assert.deepEqual(await axeProblems(page), []);

    const ticket = await tech.call('GET', `/tickets/${failing.id}`);
    assert.notEqual(ticket.status, 'resolved');
    assert.notEqual(ticket.status, 'closed');
    const history = await tech.call('GET', `/tickets/${failing.id}/history?limit=100`);
    const move = history.items.findLast((e) => e.type === 'status_changed');
    assert.equal(move.actor.id, requester.user.id, 'the requester reopened it');
    assert.equal(move.data.note, reason);
    assert.equal(move.data.channel, 'resolution_link');
    await page.context().close();
  });
});
