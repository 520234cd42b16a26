// The satisfaction links of the real resolved e-mail ("¿Cómo valoras la atención recibida? Buena / Mala"), opened in
// the browser: the /satisfaccion page records the rating as it opens (the e-mail's one click is the answer), offers a
// comment, and refuses the link in words once used; staff then see the rating on the ticket. The links are read from
// the e-mail the host really sends (the mail server's inbox, smtp4dev, at TICKETS_MAIL_URL).
//   TICKETS_BASE_URL=http://127.0.0.1:7071 TICKETS_MAIL_URL=http://127.0.0.1:1080 node --test e2e/satisfaction.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO, launch, newPage, uniqueSuffix, apiAs as apiAsAt } from './helpers.mjs';
import { mailHtml, mailsTo, mailText } from './inbox.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
const mailURL = process.env.TICKETS_MAIL_URL;
const noMail = mailURL ? false : 'TICKETS_MAIL_URL is not set: no mail server inbox to read the resolved e-mail from';
const PHONE = { width: 390, height: 844 };
// Notification e-mail waits for the coalescing window (Tickets:Notifications:CoalesceSeconds, 60 s by default).
const MAIL_WAIT_MS = 180_000;
let browser;

const apiAs = (person) => apiAsAt(baseURL, person);

/** A requester of its own (registered through the API), so its inbox in the mail server holds only this test's mail. */
async function newRequester(suffix) {
  const person = {
    dni: suffix,
    phone: `+34 623 ${suffix.slice(-6)}`,
    firstNames: 'Sara',
    lastNames: `Satisfecha ${suffix.slice(-4)}`,
    department: 'Compras',
    email: `sara.${suffix}@example.com`,
    password: 'Satisfecha123!segura',
  };
  const response = await fetch(new URL('/api/auth/register', baseURL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(person),
  });
  assert.equal(response.status, 201, await response.text());
  return { person, ...(await apiAs(person)) };
}

/** The satisfaction links of the resolved e-mail about ticket `number` to `address`. */
async function ratingLinks(address, number) {
  const deadline = Date.now() + MAIL_WAIT_MS;
  while (Date.now() < deadline) {
    const mail = (await mailsTo(mailURL, address)).find((m) => m.subject.includes(`[${number}]`));
    if (mail) {
      const text = await mailText(mailURL, mail);
      const good = /Buena: (\S+)/.exec(text)?.[1];
      const bad = /Mala: (\S+)/.exec(text)?.[1];
      assert.ok(good && bad, `no "Buena / Mala" links in: ${text}`);
      const html = await mailHtml(mailURL, mail);
      assert.ok(html.includes(`href="${good}"`) && html.includes(`href="${bad}"`), 'the HTML buttons carry the links');
      return { good: new URL(good), bad: new URL(bad) };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.fail(`no e-mail about ${number} reached ${address} within ${MAIL_WAIT_MS / 1000} s`);
}

async function axeProblems(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('The resolved e-mail\'s satisfaction links in the browser', { skip: noMail, timeout: 600_000 }, () => {
  const suffix = uniqueSuffix();
  let requester;
  let tech;
  let ticket;
  let links;

  before(async () => {
    browser = await launch();
    requester = await newRequester(suffix);
    const admin = await apiAs(DEMO.admin);
    tech = await apiAs(DEMO.tech);
    ticket = await requester.call('POST', '/tickets', { title: `La VPN se corta ${suffix}`, description: 'Cada diez minutos.' }, {
      'Idempotency-Key': `satisfaction-${suffix}`,
    });
    await admin.call('PUT', `/tickets/${ticket.id}/assignee`, { assigneeId: tech.user.id });
    await tech.call('POST', `/tickets/${ticket.id}/comments`, { body: 'Perfil de VPN renovado.', status: 'resolved' }, {
      'Idempotency-Key': `satisfaction-resolve-${suffix}`,
    });
    links = await ratingLinks(requester.person.email, ticket.number);
  });

  after(() => browser?.close());

  it('"Mala" on a phone records the rating at once, takes one comment, and then says the link was used', async () => {
    assert.equal(links.bad.origin, new URL(baseURL).origin, 'the link opens this host (Tickets:PublicUrl)');
    assert.equal(links.bad.pathname, '/satisfaccion');

    // Not signed in: the token is the credential.
    const page = await newPage(browser, baseURL, PHONE);
    await page.goto(links.bad.href);
    await page.getByRole('heading', { level: 1, name: `${ticket.number}: tu valoración` }).waitFor();
    await page.getByRole('status').getByText(`hemos registrado tu valoración negativa de ${ticket.number}`).waitFor();
    assert.equal((await tech.call('GET', `/tickets/${ticket.id}`)).satisfaction.rating, 'bad', 'opening the link rated');
    assert.equal(await overflow(page), 0, 'nothing scrolls sideways at 390 px');
    assert.deepEqual(await axeProblems(page), []);

    const words = `Tardaron tres días (${suffix}).`;
    await page.getByLabel('Comentario (opcional)').fill(words);
    await page.getByRole('button', { name: 'Enviar comentario' }).click();
    await page.getByText('Comentario guardado. ¡Gracias!').waitFor();
    const seen = (await tech.call('GET', `/tickets/${ticket.id}`)).satisfaction;
    assert.deepEqual([seen.rating, seen.comment], ['bad', words]);
    assert.deepEqual(await axeProblems(page), []);

    // The same link again, and its "Buena" twin: refused in words, the rating stays.
    for (const link of [links.bad, links.good]) {
      await page.goto(link.href);
      await page.getByRole('alert').getByText('Este enlace ya se usó, o el ticket cambió desde entonces.').waitFor();
    }
    assert.equal((await tech.call('GET', `/tickets/${ticket.id}`)).satisfaction.rating, 'bad');
    assert.deepEqual(await axeProblems(page), []);
    await page.context().close();
  });
});
