// Reports in the browser: the lead opens the reports, filters them by a team (kept in the address), sees that team's
// compliance, downloads the CSV, and the page passes axe. Runs against the local host with its demo accounts.
//   TICKETS_BASE_URL=http://127.0.0.1:7071 node --test e2e/reports.test.mjs
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO, apiAs, launch, login, newPage, uniqueSuffix } from './helpers.mjs';

const baseURL = process.env.TICKETS_BASE_URL ?? 'http://127.0.0.1:7071';
let browser;

/** Serious and critical accessibility problems axe finds on the page as it is now (WCAG 2.1 A and AA rules). */
async function axeProblems(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

describe('Reports in the browser', () => {
  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it('the lead filters the reports by a team, reads its compliance and downloads the CSV', async () => {
    const suffix = uniqueSuffix();
    const admin = await apiAs(baseURL, DEMO.admin);
    const tech = await apiAs(baseURL, DEMO.tech);
    const requester = await apiAs(baseURL, DEMO.user);
    const team = await admin.call('POST', '/teams', { name: `Informes ${suffix}` });
    const ticket = await requester.call('POST', '/tickets', { title: `Pantalla ${suffix}`, description: 'Parpadea.' }, {
      'Idempotency-Key': `reports-${suffix}`,
    });
    await admin.call('PUT', `/tickets/${ticket.id}/team`, { teamId: team.id });
    await admin.call('PUT', `/tickets/${ticket.id}/assignee`, { assigneeId: tech.user.id });
    await tech.call('PUT', `/tickets/${ticket.id}/status`, { status: 'in_progress' });
    await tech.call('PUT', `/tickets/${ticket.id}/status`, { status: 'resolved', note: 'Cable cambiado.' });

    const page = await newPage(browser, baseURL);
    await login(page, DEMO.admin);
    await page.getByRole('link', { name: 'Informes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Informes' }).waitFor();
    await page.getByLabel('Equipo').selectOption(team.id);
    await page.waitForURL((url) => url.searchParams.get('teamId') === team.id);

    const byTeam = page.getByRole('figure', { name: 'Cumplimiento por equipo' });
    const row = byTeam.getByRole('row', { name: new RegExp(`Informes ${suffix}`) });
    await row.waitFor();
    assert.match(await row.innerText(), /100/);
    assert.deepEqual(await axeProblems(page), []);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^report-\d{8}-\d{8}\.csv$/);
    const text = await readFile(await download.path(), 'utf8');
    assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 with a byte order mark');
    assert.ok(text.includes(`filter,team_id,,id,${team.id}\r\n`), 'the CSV carries the filter the page shows');
    assert.ok(text.includes(`sla_by_team,${team.id},Informes ${suffix},met,1\r\n`), 'and the team met its SLA once');
  });
});
