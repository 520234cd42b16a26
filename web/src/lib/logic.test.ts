import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../api/types';
import { translate } from '../i18n';
import { describeEvent } from './history';
import { transitionAction } from './transitions';

describe('transition verbs', () => {
  it.each([
    ['open', 'in_progress', 'action.start'],
    ['on_hold', 'in_progress', 'action.resume'],
    ['resolved', 'in_progress', 'action.reopen'],
    ['in_progress', 'on_hold', 'action.hold'],
    ['in_progress', 'resolved', 'action.resolve'],
    ['resolved', 'closed', 'action.close'],
    ['open', 'closed', 'action.cancel'],
    ['closed', 'open', 'action.reopen'],
  ] as const)('%s → %s is %s', (from, to, key) => {
    expect(transitionAction(from, to)).toBe(key);
  });
});

describe('history in words', () => {
  const words = (lang: 'es' | 'en') => ({
    t: (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(lang, key, vars),
    formatDateTime: (iso: string | null | undefined) => iso ?? '',
  });
  const event = <E extends HistoryEvent>(partial: Pick<E, 'type' | 'data'>) =>
    ({ id: 'e1', ticketId: 't1', actor: { id: 'a', name: 'Ana Admin' }, at: '2026-03-02T09:00:00Z', ...partial }) as HistoryEvent;

  it('names the priority before and after', () => {
    const change = event({
      type: 'priority_changed',
      data: { before: 'medium', after: 'high', firstResponseDueAt: '2026-03-02T13:00:00Z', resolutionDueAt: '2026-03-03T09:00:00Z' },
    });
    expect(describeEvent(change, words('es'))).toEqual(['Prioridad: Media → Alta']);
    expect(describeEvent(change, words('en'))).toEqual(['Priority: Medium → High']);
  });

  it('names who a ticket was assigned to, and why when the system chose', () => {
    const assigned = event({ type: 'assigned', data: { before: null, after: { id: 't', name: 'Tomás Técnico' }, reason: 'round_robin' } });
    expect(describeEvent(assigned, words('es'))).toEqual(['Asignado a Tomás Técnico', 'Asignación automática por turnos']);
  });

  it('lists only the fields an edit changed, with categories translated', () => {
    const edited = event({
      type: 'updated',
      data: { changes: { title: { before: 'Impresora', after: 'Impresora atascada' }, category: { before: null, after: 'network' } } },
    });
    expect(describeEvent(edited, words('es'))).toEqual(['Título: «Impresora» → «Impresora atascada»', 'Categoría: sin categoría → Red']);
  });

  it('names the files a ticket was opened with, a comment brought, or a send-and-resolve carried', () => {
    const files = [{ id: 'a1', fileName: 'captura-2026-12-07-2015.png' }, { id: 'a2', fileName: 'factura.pdf' }];
    const created = event({ type: 'created', data: { number: 'TCK-000001', title: 'x', priority: 'medium', category: null, attachments: files } });
    const commented = event({ type: 'commented', data: { commentId: 'c1', internal: true, attachments: files.slice(1) } });
    const resolved = event({ type: 'status_changed', data: { from: 'in_progress', to: 'resolved', note: null, reason: null, attachments: files.slice(0, 1) } });
    expect(describeEvent(created, words('es')).at(-1)).toBe('Adjuntos: captura-2026-12-07-2015.png, factura.pdf');
    expect(describeEvent(commented, words('en'))).toEqual(['Internal note', 'Attachments: factura.pdf']);
    expect(describeEvent(resolved, words('es')).at(-1)).toBe('Adjuntos: captura-2026-12-07-2015.png');
  });

  it('says a ticket was opened, or a comment came, by e-mail', () => {
    const created = event({ type: 'created', data: { number: 'TCK-000001', title: 'x', priority: 'low', category: null, channel: 'email' } });
    const commented = event({ type: 'commented', data: { commentId: 'c1', internal: false, channel: 'email' } });
    const onTheWeb = event({ type: 'commented', data: { commentId: 'c2', internal: false } });
    expect(describeEvent(created, words('es'))).toEqual(['Abierto por correo electrónico', 'Prioridad: Baja']);
    expect(describeEvent(commented, words('en'))).toEqual(['By e-mail']);
    expect(describeEvent(onTheWeb, words('es'))).toEqual([]);
  });

  it('gives a status move its note, named for what it is', () => {
    const moved = (to: 'resolved' | 'on_hold' | 'closed') =>
      describeEvent(event({ type: 'status_changed', data: { from: 'in_progress', to, note: 'Tóner cambiado.', reason: null } }), words('es'))[1];
    expect([moved('resolved'), moved('on_hold'), moved('closed')]).toEqual([
      'Resolución: Tóner cambiado.',
      'En espera por: Tóner cambiado.',
      'Nota: Tóner cambiado.',
    ]);
  });
});
