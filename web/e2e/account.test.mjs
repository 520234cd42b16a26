// Browser journeys of one's own account and of account administration, against the local host (web/README.md,
// "Browser tests"): profile and password change, a forgotten password reset through the e-mail the host really sends
// (read from the mail server's inbox, smtp4dev, at TICKETS_MAIL_URL), an invitation (pending until accepted, resent), registering
// straight into a session, the time-zone choice, and an admin confirming a role change.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 TICKETS_MAIL_URL=http://127.0.0.1:1080 npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, launch, login, newPage, screenshot, uniqueSuffix } from './helpers.mjs';
import { mailsTo, mailText } from './inbox.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
const mailURL = process.env.TICKETS_MAIL_URL;
const noMail = mailURL ? false : 'TICKETS_MAIL_URL is not set: no mail server inbox to read the e-mailed link from';
let browser;

/** A fresh account registered through the API, so each journey starts from its own person. */
async function registerPerson(password = 'Cuenta123!segura') {
  const id = uniqueSuffix();
  const person = {
    dni: id,
    phone: `+34 611 ${id.slice(-6)}`,
    firstNames: 'Marta',
    lastNames: `Cuenta ${id.slice(-4)}`,
    department: 'Compras',
    email: `marta.${id}@example.com`,
    password,
  };
  const response = await fetch(new URL('/api/auth/register', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(person),
  });
  assert.equal(response.status, 201, await response.text());
  return person;
}

async function signInThroughApi({ email, password }) {
  const response = await fetch(new URL('/api/auth/login', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, body: response.ok ? await response.json() : null };
}

async function userByEmail(email) {
  const { body } = await signInThroughApi(DEMO.admin);
  const response = await fetch(new URL(`/api/users?q=${encodeURIComponent(email)}`, baseURL), {
    headers: { authorization: `Bearer ${body.accessToken}` },
  });
  return (await response.json()).items.find((u) => u.email === email);
}

/** Waits for the newest e-mail to `address` in the mail server's inbox (smtp4dev) and returns its set-password link. */
async function linkMailedTo(address, { after: seen = 0 } = {}) {
  for (let i = 0; i < 150; i++) {
    const mine = await mailsTo(mailURL, address);
    if (mine.length > seen) {
      const mail = mine[mine.length - 1];
      const text = await mailText(mailURL, mail);
      const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(text)?.[0];
      assert.ok(link, `no set-password link in: ${text}`);
      return { subject: mail.subject, link: new URL(link) };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`no e-mail reached ${address} within 15 s`);
}

describe('My account and account administration in the browser', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('a person edits their profile and changes their password without being signed out', async () => {
    const person = await registerPerson();
    const page = await newPage(browser, baseURL);
    await login(page, person);
    await page.getByTestId('current-user').click();
    await page.getByRole('heading', { level: 1, name: 'Mi cuenta' }).waitFor();

    await page.getByLabel('Nombres').fill('Marta Isabel');
    await page.getByLabel('Teléfono').fill('+34 699 111 222');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByText('Tus datos se han guardado.').waitFor();

    const form = page.getByRole('form', { name: 'Contraseña' });
    await form.getByLabel('Contraseña actual').fill('no-es-la-mia-123');
    await form.getByLabel('Contraseña nueva').fill('Nueva123!segura');
    await form.getByRole('button', { name: 'Cambiar la contraseña' }).click();
    await form.locator('[data-field-error="currentPassword"]').waitFor();

    await form.getByLabel('Contraseña actual').fill(person.password);
    await form.getByRole('button', { name: 'Cambiar la contraseña' }).click();
    await page.getByText('Tu contraseña se ha cambiado y se han cerrado tus demás sesiones.').waitFor();
    await screenshot(page, 'account-1-profile-and-password');

    // Still signed in (with a session made from the new password), and the profile was stored.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mi cuenta' }).waitFor();
    assert.equal(await page.getByLabel('Nombres').inputValue(), 'Marta Isabel');
    assert.equal(await page.getByLabel('Teléfono').inputValue(), '+34 699 111 222');
    assert.equal((await signInThroughApi(person)).status, 401);
    assert.equal((await signInThroughApi({ ...person, password: 'Nueva123!segura' })).status, 200);
    await page.context().close();
  });

  it('a person who forgot their password sets a new one through the e-mailed link, which then stops working', { skip: noMail }, async () => {
    const person = await registerPerson();
    const page = await newPage(browser, baseURL);
    await page.goto('/login');
    await page.getByRole('link', { name: '¿Has olvidado tu contraseña?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Restablecer la contraseña' }).waitFor();
    await page.getByLabel('Correo electrónico').fill(person.email);
    await page.getByRole('button', { name: 'Enviar el enlace' }).click();
    await page.getByText(`Si hay una cuenta con ${person.email}, le hemos enviado un enlace.`, { exact: false }).waitFor();
    await screenshot(page, 'account-2-forgot-password');

    const { subject, link } = await linkMailedTo(person.email);
    assert.equal(subject, 'Restablece tu contraseña de Tickets');
    await page.goto(link.pathname + link.search);
    await page.getByRole('heading', { level: 1, name: 'Elige tu contraseña' }).waitFor();
    await page.getByLabel('Contraseña nueva').fill('Recuperada123!');
    await screenshot(page, 'account-3-reset-password');
    await page.getByRole('button', { name: 'Guardar la contraseña' }).click();
    await page.getByText('Tu contraseña se ha guardado. Ya puedes iniciar sesión con ella.').waitFor();
    await login(page, { email: person.email, password: 'Recuperada123!' });

    // The link works once.
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.goto(link.pathname + link.search);
    await page.getByLabel('Contraseña nueva').fill('Otra-vez-123!');
    await page.getByRole('button', { name: 'Guardar la contraseña' }).click();
    await page.getByRole('alert').getByText('Este enlace ha caducado, ya se ha usado o se ha sustituido por otro más reciente.').waitFor();
    await screenshot(page, 'account-4-used-link');
    assert.equal((await signInThroughApi({ email: person.email, password: 'Otra-vez-123!' })).status, 401);
    await page.context().close();
  });

  it('an admin invites a technician by e-mail, who chooses a password and signs in', { skip: noMail }, async () => {
    const id = uniqueSuffix();
    const email = `tomas.${id}@example.com`;
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    await page.getByRole('link', { name: 'Usuarios' }).click();
    await page.getByRole('button', { name: 'Crear cuenta de personal' }).click();
    const dialog = page.getByRole('dialog', { name: 'Crear cuenta de personal' });
    // Inviting is the default: no password to type.
    assert.equal(await dialog.getByLabel('Invitar por correo', { exact: false }).isChecked(), true);
    assert.equal(await dialog.getByLabel('Contraseña', { exact: true }).count(), 0);
    await dialog.getByLabel('DNI').fill(id);
    await dialog.getByLabel('Teléfono').fill(`+34 622 ${id.slice(-6)}`);
    await dialog.getByLabel('Nombres').fill('Tomás');
    await dialog.getByLabel('Apellidos').fill(`Invitado ${id.slice(-4)}`);
    await dialog.getByLabel('Departamento').fill('Soporte');
    await dialog.getByLabel('Correo electrónico').fill(email);
    await dialog.getByLabel('Rol', { exact: true }).selectOption('technician');
    await screenshot(page, 'account-5-invite');
    await dialog.getByRole('button', { name: 'Crear cuenta' }).click();
    await page.getByText(`Le hemos enviado a ${email} un enlace para elegir su contraseña.`, { exact: false }).waitFor();
    const first = await linkMailedTo(email);
    assert.equal(first.subject, 'Tu cuenta de Tickets: elige tu contraseña');

    // Until the person chooses a password the list says so, and the admin can send a fresh link; the old one then ends.
    await page.getByRole('searchbox', { name: 'Buscar usuarios' }).fill(email);
    const row = page.getByRole('row').filter({ hasText: email });
    await row.getByText('Invitación pendiente').waitFor();
    assert.equal(await row.getByText('Activo', { exact: true }).count(), 0, 'pending, not "Activo"');
    await row.getByRole('button', { name: `Reenviar invitación ${email}` }).click();
    await page.getByText(`Hemos enviado a ${email} un nuevo enlace`, { exact: false }).waitFor();
    await screenshot(page, 'account-5b-invitation-pending');
    const { subject, link } = await linkMailedTo(email, { after: 1 });
    assert.equal(subject, 'Tu cuenta de Tickets: elige tu contraseña');
    assert.notEqual(link.search, first.link.search);
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();

    await page.goto(first.link.pathname + first.link.search);
    await page.getByLabel('Contraseña nueva').fill('Invitado123!');
    await page.getByRole('button', { name: 'Guardar la contraseña' }).click();
    await page.getByRole('alert').getByText('Este enlace ha caducado, ya se ha usado o se ha sustituido por otro más reciente.').waitFor();

    await page.goto(link.pathname + link.search);
    await page.getByLabel('Contraseña nueva').fill('Invitado123!');
    await page.getByRole('button', { name: 'Guardar la contraseña' }).click();
    await page.getByText('Tu contraseña se ha guardado.', { exact: false }).waitFor();
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill('Invitado123!');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cola de trabajo' }).waitFor();
    assert.equal((await userByEmail(email)).invitationPending, false);
    await page.context().close();
  });

  it('a newcomer who registers lands signed in, with a NIE written as people write it', async () => {
    const id = uniqueSuffix();
    const digits = id.slice(-7);
    const letter = 'TRWAGMYFPDXBNJZSQVHLCKE'[Number(`1${digits}`) % 23];
    const email = `nadia.${id}@example.com`;
    const page = await newPage(browser, baseURL);
    await page.goto('/register');
    await page.getByLabel('DNI').fill(`y-${digits}-${letter.toLowerCase()}`);
    await page.getByLabel('Teléfono').fill(`+34 633 ${id.slice(-6)}`);
    await page.getByLabel('Nombres').fill('Nadia');
    await page.getByLabel('Apellidos').fill(`Registrada ${id.slice(-4)}`);
    await page.getByLabel('Departamento').fill('Compras');
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill('Nadia123!segura');
    await page.getByRole('button', { name: 'Registrarme' }).click();

    // E-mail verification is off on this host: the account exists at once and the person is in, no second sign-in.
    await page.getByRole('heading', { level: 1, name: 'Mis tickets' }).waitFor();
    await page.getByTestId('current-user').click();
    await page.getByRole('heading', { level: 1, name: 'Mi cuenta' }).waitFor();
    assert.equal((await userByEmail(email)).dni, `Y${digits}${letter}`);

    // The time zone: a select of IANA zones, starting on the browser's, saved with the profile.
    const zone = page.getByLabel('Zona horaria');
    assert.ok((await zone.locator('option').count()) > 100);
    await zone.selectOption('America/Bogota');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByText('Tus datos se han guardado.').waitFor();
    await screenshot(page, 'account-7-time-zone');
    await page.context().close();
  });

  it('an admin changes a role only after confirming it', async () => {
    const person = await registerPerson();
    const name = `${person.firstNames} ${person.lastNames}`;
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    await page.getByRole('link', { name: 'Usuarios' }).click();
    await page.getByRole('searchbox', { name: 'Buscar usuarios' }).fill(person.email);
    const row = page.getByRole('row').filter({ hasText: person.email });
    const role = row.getByLabel(`Rol de ${name}`);
    await role.waitFor();

    // Choosing a role asks first; cancelling changes nothing.
    await role.selectOption('technician');
    let dialog = page.getByRole('dialog', { name: `¿Cambiar el rol de ${name}?` });
    await dialog.getByText('Pasará de Usuario a Técnico.', { exact: false }).waitFor();
    assert.equal((await userByEmail(person.email)).role, 'user');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await role.inputValue(), 'user');
    assert.equal((await userByEmail(person.email)).role, 'user');

    await role.selectOption('technician');
    dialog = page.getByRole('dialog', { name: `¿Cambiar el rol de ${name}?` });
    await screenshot(page, 'account-6-confirm-role-change');
    await dialog.getByRole('button', { name: 'Cambiar el rol' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`${name} ahora es Técnico.`).waitFor();
    for (let i = 0; i < 50 && (await role.inputValue()) !== 'technician'; i++) await page.waitForTimeout(100);
    assert.equal(await role.inputValue(), 'technician');
    assert.equal((await userByEmail(person.email)).role, 'technician');
    await page.context().close();
  });
});
