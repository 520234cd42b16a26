import { describe, expect, it } from 'vitest';
import { createAdminApi } from '../api/admin';
import { ApiClient } from '../api/client';
import { ApiError } from '../api/problem';
import { createMemorySessionStore } from '../api/session';
import { translate } from '../i18n';
import {
  auditChanges,
  auditFieldValue,
  auditFiltersFromParams,
  auditFiltersToParams,
  auditQuery,
  auditValue,
  cellsToTargets,
  DEFAULT_TARGETS,
  errorPath,
  formatMinutes,
  fullWeek,
  joinMinutes,
  pathMessages,
  slugify,
  splitMinutes,
  targetCells,
} from './admin';

const es = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('es', key, vars);

describe('SLA targets in hours and minutes', () => {
  it('split minutes into whole hours and the rest, and join them back', () => {
    expect(splitMinutes(510)).toEqual({ hours: '8', minutes: '30' });
    expect(joinMinutes('8', '30')).toBe(510);
    expect(joinMinutes('', '45')).toBe(45);
    expect(joinMinutes('2', '')).toBe(120);
  });

  it('refuse what is not a number instead of guessing; minutes may have a fraction', () => {
    expect(joinMinutes('1.5', '0')).toBeNaN();
    expect(joinMinutes('-1', '0')).toBeNaN();
    expect(joinMinutes('0', '0,5')).toBe(0.5);
    expect(joinMinutes('1', '2.25')).toBe(62.25);
  });

  it('keep a fractional target as it is', () => {
    expect(splitMinutes(0.5)).toEqual({ hours: '0', minutes: '0.5' });
    expect(splitMinutes(90.25)).toEqual({ hours: '1', minutes: '30.25' });
    expect(formatMinutes(0.5, es, (n) => n.toLocaleString('es-ES'))).toBe('0,5 min');
  });

  it('round-trip a policy\'s targets through the table', () => {
    expect(cellsToTargets(targetCells(DEFAULT_TARGETS))).toEqual(DEFAULT_TARGETS);
  });

  it('say a target in words', () => {
    expect(formatMinutes(510, es)).toBe('8 h 30 min');
    expect(formatMinutes(45, es)).toBe('45 min');
    expect(formatMinutes(1440, es)).toBe('24 h');
  });
});

describe('configuration forms', () => {
  it('suggest a slug from a name, without accents or spaces', () => {
    expect(slugify('Redes y VPN')).toBe('redes-y-vpn');
    expect(slugify('  Óptica / Cámaras ')).toBe('optica-camaras');
    // Policies' and calendars' ids start with a letter and take 40 characters at most.
    expect(slugify('24x7 Oro', 40, true)).toBe('x7-oro');
    expect(slugify('a'.repeat(39) + ' b', 40, true)).toBe('a'.repeat(39));
  });

  it('show a calendar\'s seven days in order, closed days empty', () => {
    const week = fullWeek([{ day: 'friday', ranges: [{ from: '08:00', to: '14:00' }] }, { day: 'monday', ranges: [{ from: '09:00', to: '13:00' }, { from: '15:00', to: '18:00' }] }]);
    expect(week.map((d) => d.day)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
    expect(week[0].ranges).toHaveLength(2);
    expect(week[1].ranges).toEqual([]);
  });

  it('name a nested field by its whole path, so one cell of a table or one range of a day shows its error', () => {
    expect(errorPath('$.targets.critical.FirstResponseMinutes')).toBe('targets.critical.firstResponseMinutes');
    expect(errorPath('week[0].ranges[1].from')).toBe('week.0.ranges.1.from');
    const error = new ApiError(400, {
      status: 400,
      errors: { 'targets.high.resolutionMinutes': ['Must be positive.'], 'week[2].ranges[0].to': ['Bad.'] },
      errorCodes: { 'targets.high.resolutionMinutes': ['out_of_range'] },
    });
    expect(pathMessages(es, error)).toEqual({
      'targets.high.resolutionMinutes': ['El valor está fuera del rango permitido.'],
      'week.2.ranges.0.to': ['Este valor no es válido.'],
    });
  });
});

describe('audit log', () => {
  it('keeps its filters in the URL and ignores what is not one of them', () => {
    const params = auditFiltersToParams({ actor: 'u1', action: 'team.created', targetType: 'team', targetId: '', from: '2026-01-02', to: '' });
    expect(params.toString()).toBe('actor=u1&action=team.created&targetType=team&from=2026-01-02');
    expect(auditFiltersFromParams(new URLSearchParams('targetType=ticket&from=ayer&actor=u1'))).toEqual({
      actor: 'u1', action: '', targetType: '', targetId: '', from: '', to: '',
    });
  });

  it('asks the API for whole local days', () => {
    const query = auditQuery({ actor: '', action: '', targetType: 'calendar', targetId: '', from: '2026-03-01', to: '2026-03-01' });
    expect(query).toEqual({
      limit: 50,
      targetType: ['calendar'],
      from: new Date(2026, 2, 1, 0, 0, 0, 0).toISOString(),
      to: new Date(2026, 2, 1, 23, 59, 59, 999).toISOString(),
    });
  });

  it('shows only what changed, every field of a creation, and never the etag', () => {
    expect(auditChanges({ name: 'Redes', active: true, etag: 'a' }, { name: 'Redes', active: false, etag: 'b' })).toEqual([
      { field: 'active', before: true, after: false },
    ]);
    expect(auditChanges(null, { name: 'Redes', memberIds: ['u1'] })).toEqual([
      { field: 'name', before: undefined, after: 'Redes' },
      { field: 'memberIds', before: undefined, after: ['u1'] },
    ]);
    expect(auditChanges('technician', 'admin')).toEqual([{ field: '', before: 'technician', after: 'admin' }]);
  });

  it('says a field\'s value as an admin reads it: modes, roles, names for ids, targets and weeks written out', () => {
    const i18n = { t: es, formatNumber: (n: number) => n.toLocaleString('es-ES') };
    const lookups = { person: (id: string) => ({ u1: 'Tomás Técnico' })[id], team: (id: string) => ({ t1: 'Redes' })[id] };
    expect(auditFieldValue('assignment', 'roundRobin', i18n)).toBe('Por turnos');
    expect(auditFieldValue('role', 'technician', i18n)).toBe('Técnico');
    expect(auditFieldValue('memberIds', ['u1', 'u9'], i18n, lookups)).toBe('Tomás Técnico, u9');
    expect(auditFieldValue('teamId', 't1', i18n, lookups)).toBe('Redes');
    expect(auditFieldValue('warningAt', 0.75, i18n)).toBe('75 %');
    expect(
      auditFieldValue('targets', { critical: { firstResponseMinutes: 60, resolutionMinutes: 240.5, twentyFourSeven: true }, low: { firstResponseMinutes: 30, resolutionMinutes: 90 } }, i18n),
    ).toBe('Crítica: 1 h / 4 h 0,5 min (24×7); Baja: 30 min / 1 h 30 min');
    expect(auditFieldValue('week', [{ day: 'monday', ranges: [{ from: '08:00', to: '14:00' }, { from: '16:00', to: '18:00' }] }], i18n)).toBe(
      'Lunes 08:00–14:00, 16:00–18:00',
    );
    expect(auditFieldValue('holidays', [{ date: '2026-12-25', name: 'Navidad', yearly: true }], i18n)).toBe('2026-12-25 Navidad (cada año)');
  });

  it('says values in words', () => {
    expect(auditValue(true, es)).toBe('Sí');
    expect(auditValue(['u1', 'u2'], es)).toBe('u1, u2');
    expect(auditValue(null, es)).toBe('—');
    expect(auditValue({ from: '08:00', to: '14:00' }, es)).toBe('{"from":"08:00","to":"14:00"}');
  });
});

describe('administration calls', () => {
  function recording(body: unknown = {}) {
    const calls: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, method: init.method ?? 'GET', headers: init.headers as Record<string, string>, body: init.body ? JSON.parse(init.body as string) : undefined });
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof fetch;
    return { calls, api: createAdminApi(new ApiClient({ baseUrl: '/api', store: createMemorySessionStore(null), fetch: fetchImpl })) };
  }

  it('send an edit with the entity\'s etag as If-Match, quoted as HTTP wants it', async () => {
    const { calls, api } = recording();
    await api.updateTeam('soporte', { name: 'Soporte' }, 'abc');
    await api.updateCalendar('madrid', { name: 'M', timeZone: 'Europe/Madrid', week: [], holidays: [] }, '"quoted"');
    expect(calls[0]).toMatchObject({ method: 'PATCH', url: '/api/teams/soporte', headers: { 'If-Match': '"abc"' } });
    expect(calls[1]).toMatchObject({ method: 'PUT', url: '/api/calendars/madrid', headers: { 'If-Match': '"quoted"' } });
  });

  it('ask for inactive categories only when told, and move a ticket with its ETag', async () => {
    const { calls, api } = recording({ items: [] });
    await api.categories();
    await api.categories(true);
    await api.moveTicketToTeam('t1', 'redes', '"e1"');
    await api.moveTicketToTeam('t1', null, '"e2"');
    expect(calls.map((c) => c.url)).toEqual(['/api/categories', '/api/categories?all=true', '/api/tickets/t1/team', '/api/tickets/t1/team']);
    expect(calls[2]).toMatchObject({ method: 'PUT', body: { teamId: 'redes' }, headers: { 'If-Match': '"e1"' } });
    expect(calls[3]).toMatchObject({ method: 'PUT', body: { teamId: null }, headers: { 'If-Match': '"e2"' } });
  });

  it('read the audit log at /audit (routes starting with admin are the Functions host\'s), lists comma-separated', async () => {
    const { calls, api } = recording({ items: [], nextCursor: null });
    await api.audit({ action: ['team.created', 'team.changed'], targetType: ['team'], limit: 10 });
    expect(calls[0].url).toBe('/api/audit?action=team.created,team.changed&targetType=team&limit=10');
  });

  it('send an .ics file as text/calendar, and a kept policy version as a query', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof fetch;
    const api = createAdminApi(new ApiClient({ baseUrl: '/api', store: createMemorySessionStore(null), fetch: fetchImpl }));
    await api.importHolidays('madrid', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR', 'e1');
    await api.slaPolicy('gold', 2);
    expect(calls[0].url).toBe('/api/calendars/madrid/holidays/import');
    expect(calls[0].init).toMatchObject({ method: 'POST', body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR' });
    expect(calls[0].init.headers).toMatchObject({ 'Content-Type': 'text/calendar', 'If-Match': '"e1"' });
    expect(calls[1].url).toBe('/api/sla-policies/gold?version=2');
  });
});
