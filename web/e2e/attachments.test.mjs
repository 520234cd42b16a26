// Attachments in the browser: a requester pastes a screenshot (Ctrl+V) into a new ticket and sends it; the technician
// opens the ticket, sees the thumbnail, opens the viewer and the image loads from its short-lived blob address; a file
// of a type the service refuses says so in Spanish, and a text file on an internal note is a download link marked
// internal. The dialog and the viewer are checked with axe.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/attachments.test.mjs
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { cspViolations, DEMO, launch, login, newPage, uniqueSuffix, apiAs as apiAsAt } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
const DOCS_IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));
let browser;

/** Serious and critical accessibility problems axe finds on the page as it is now (WCAG 2.1 A and AA rules). */
async function axeProblems(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/**
 * Pastes `png` (bytes) into `target` as the clipboard would: a paste event whose clipboard data holds one file called
 * `image.png`, which is what a browser gives for a screenshot taken with the system's tool.
 */
async function pasteImage(target, png) {
  await target.evaluate((element, base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    element.focus();
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, png.toString('base64'));
}

/** The natural width of an image once the browser is done with it (0 if it could not load). */
function loadedWidth(image) {
  return image.evaluate(async (img) => {
    if (!img.complete) {
      await new Promise((resolve) => {
        img.addEventListener('load', resolve, { once: true });
        img.addEventListener('error', resolve, { once: true });
      });
    }
    return img.naturalWidth;
  });
}

describe('attachments: a pasted screenshot travels from the requester to the technician', { timeout: 180_000 }, () => {
  const suffix = uniqueSuffix();
  const title = `La impresora muestra un error ${suffix}`;
  let number;
  let fileName;

  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  it('a requester pastes a screenshot into a new ticket; it uploads, shows its progress and goes with the ticket', async () => {
    const seenViolations = cspViolations.length;
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.user);
    // A real screenshot: the requester's own page, as the system's screenshot tool would copy it.
    const screenshot = await page.screenshot({ clip: { x: 0, y: 0, width: 640, height: 360 } });

    await page.getByRole('button', { name: 'Nuevo ticket' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nuevo ticket' });
    await dialog.getByLabel('Título').fill(title);
    const description = dialog.getByLabel('Descripción');
    await description.fill('Sale este mensaje al imprimir; adjunto una captura.');
    await pasteImage(description, screenshot);

    const upload = dialog.getByTestId('upload');
    await upload.and(page.locator('[data-status="done"]')).waitFor();
    fileName = (await upload.locator('.upload__name').textContent()).trim();
    assert.match(fileName, /^captura-\d{4}-\d{2}-\d{2}-\d{4}\.png$/);
    // The text the paste would have put in the description did not: the file was taken, the text is as typed.
    assert.equal(await description.inputValue(), 'Sale este mensaje al imprimir; adjunto una captura.');

    assert.deepEqual(await axeProblems(page), []);
    await dialog.screenshot({ path: `${DOCS_IMAGES}attachments.png` });

    await dialog.getByRole('button', { name: 'Crear ticket' }).click();
    const notice = page.getByText(/Ticket TCK-\d+ creado\./);
    await notice.waitFor();
    number = /TCK-\d+/.exec(await notice.textContent())[0];
    assert.deepEqual(cspViolations.slice(seenViolations), []);
    await page.context().close();
  });

  it('the technician sees the thumbnail, opens the viewer, and the image loads', async () => {
    assert.ok(number, 'the ticket of the first step');
    const seenViolations = cspViolations.length;
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await page.goto(`/tickets/${number}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();

    const thumbnail = page.getByTestId('thumbnail');
    const image = thumbnail.getByRole('img', { name: fileName });
    await image.waitFor();
    assert.ok((await loadedWidth(image)) > 0, 'the thumbnail loaded');
    // History says what the ticket was opened with.
    await page.getByTestId('marker').filter({ hasText: `Adjuntos: ${fileName}` }).waitFor();

    await thumbnail.click();
    const viewer = page.getByRole('dialog', { name: fileName });
    await viewer.waitFor();
    const large = viewer.getByRole('img', { name: fileName });
    assert.ok((await loadedWidth(large)) > 0, 'the viewer’s image loaded');
    await viewer.getByText('Imagen 1 de 1').waitFor();
    assert.match(await viewer.getByRole('link', { name: 'Descargar' }).getAttribute('href'), /^https?:\/\/.+sig=/);
    assert.deepEqual(await axeProblems(page), []);
    await page.screenshot({ path: `${DOCS_IMAGES}attachments-viewer.png` });

    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    assert.deepEqual(cspViolations.slice(seenViolations), []);
    await page.context().close();
  });

  it('a refused type says why in Spanish; a text file on an internal note is a link marked internal', async () => {
    assert.ok(number, 'the ticket of the first step');
    const page = await newPage(browser, baseURL);
    await login(page, DEMO.tech);
    await page.goto(`/tickets/${number}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();

    const composer = page.getByTestId('composer');
    await composer.getByRole('tab', { name: 'Nota interna' }).click();
    await composer.getByTestId('upload-input').setInputFiles([
      { name: 'pagina.html', mimeType: 'text/html', buffer: Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>') },
      { name: `traza-${suffix}.log`, mimeType: 'text/plain', buffer: Buffer.from('E1234 atasco en la bandeja 2\n') },
    ]);
    const refused = composer.getByTestId('upload').filter({ hasText: 'pagina.html' });
    await refused.getByText(/Este tipo de archivo no se admite/).waitFor();
    await composer.getByTestId('upload').filter({ hasText: `traza-${suffix}.log` }).and(page.locator('[data-status="done"]')).waitFor();
    await refused.getByRole('button', { name: 'Quitar pagina.html' }).click();

    await composer.getByLabel('Nota para el equipo').fill('La traza del equipo.');
    await composer.getByRole('button', { name: 'Enviar', exact: true }).click();
    await page.getByText('Nota interna añadida.').waitFor();
    assert.equal(await composer.getByTestId('upload').count(), 0, 'the list starts empty for the next message');

    const note = page.getByTestId('message').filter({ hasText: 'La traza del equipo.' });
    const link = note.getByTestId('file-link');
    await link.filter({ hasText: `traza-${suffix}.log` }).waitFor();
    assert.match(await link.getAttribute('class'), /file-link--internal/);
    await page.context().close();
  });
});
