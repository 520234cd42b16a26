import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import type { HistoryEvent, Ticket } from '../api/types';
import { translate } from '../i18n';
import { fieldMessages, problemMessage } from './errorMessages';
import { currentStatusNote } from './statusNote';
import { describeChanges } from './ticketChanges';

const es = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('es', key, vars);
const en = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('en', key, vars);

describe('errors in the reader’s language', () => {
  it('words each field error from its code, never with the server’s English', () => {
    const error = new ApiError(400, {
      code: 'validation_failed',
      errors: { title: ['Must be between 3 and 200 characters.'], email: ['Must be a valid e-mail address.'], dni: ['Odd.'] },
      errorCodes: { title: ['too_short'], email: ['invalid_email'], dni: ['a_code_from_the_future'] },
    });
    expect(fieldMessages(es, error)).toEqual({
      title: ['Es demasiado corto.'],
      email: ['Escribe un correo electrónico válido.'],
      dni: ['Este valor no es válido.'],
    });
    expect(fieldMessages(en, error).title).toEqual(['It is too short.']);
  });

  it('gives a field the server named without codes the generic sentence', () => {
    const error = new ApiError(400, { code: 'validation_failed', errors: { phone: ['Too short'] } });
    expect(fieldMessages(es, error)).toEqual({ phone: ['Este valor no es válido.'] });
  });

  it('says a taken e-mail and a lost take in Spanish', () => {
    const duplicate = new ApiError(409, { code: 'duplicate_email', detail: 'An account with this e-mail already exists.' });
    const taken = new ApiError(403, { code: 'already_assigned', assignee: { id: 'a', name: 'Ana Administradora' } });
    expect(problemMessage(es, duplicate)).toBe('Ya existe una cuenta con este correo electrónico.');
    expect(problemMessage(es, taken)).toBe('Ana Administradora acaba de tomar este ticket. Hemos actualizado la lista.');
  });

  it('tells an account over its budget to wait, with the seconds the server gave', () => {
    const overBudget = new ApiError(429, { code: 'rate_limited', policy: 'writes' }, 42);
    const throttled = new ApiError(429, { code: 'too_many_attempts' }, 42);
    expect(problemMessage(es, overBudget)).toBe('Vas más rápido de lo que permite tu cuenta. Vuelve a intentarlo en 42 s.');
    expect(problemMessage(en, new ApiError(429, { code: 'rate_limited' }))).toBe(
      'You are going faster than your account allows. Please wait a moment.',
    );
    expect(problemMessage(es, throttled)).toBe('Demasiados intentos. Vuelve a intentarlo en 42 s.');
  });

  it('falls back to the HTTP status for a code the web does not know', () => {
    expect(problemMessage(es, new ApiError(403, { code: 'forbidden', detail: 'Your role may not do this.' }))).toBe(
      'No tienes permiso para hacer esto.',
    );
    expect(problemMessage(es, new ApiError(409, { code: 'something_new', detail: 'English detail.' }))).toBe(
      'La operación no es posible en el estado actual.',
    );
  });
});

describe('the note that explains a ticket’s status', () => {
  const move = (from: string, to: string, note: string | null, at: string) =>
    ({ id: at, ticketId: 't', type: 'status_changed', actor: { id: 'u', name: 'Tomás Técnico' }, at, data: { from, to, note, reason: null } }) as HistoryEvent;

  it('shows the resolution while resolved and once the resolved ticket is closed', () => {
    const history = [move('open', 'in_progress', null, '1'), move('in_progress', 'resolved', 'Tóner cambiado.', '2')];
    expect(currentStatusNote('resolved', history)).toMatchObject({ kind: 'resolution', note: 'Tóner cambiado.', by: 'Tomás Técnico' });
    expect(currentStatusNote('closed', [...history, move('resolved', 'closed', null, '3')])).toMatchObject({ note: 'Tóner cambiado.' });
  });

  it('shows why a ticket waits on hold, and nothing once work resumes or for a cancelled ticket', () => {
    const held = [move('in_progress', 'on_hold', 'Esperando al proveedor.', '1')];
    expect(currentStatusNote('on_hold', held)).toMatchObject({ kind: 'hold', note: 'Esperando al proveedor.' });
    expect(currentStatusNote('in_progress', [...held, move('on_hold', 'in_progress', null, '2')])).toBeNull();
    expect(currentStatusNote('closed', [move('open', 'closed', null, '1')])).toBeNull();
  });
});

describe('what someone else changed', () => {
  const ticket = { status: 'open', priority: 'medium', assignee: null, title: 'A', description: 'B', category: null, commentCount: 0 } as unknown as Ticket;

  it('names each change in words', () => {
    const now = { ...ticket, status: 'in_progress', priority: 'critical', assignee: { id: 't', name: 'Tomás Técnico' }, commentCount: 1 } as Ticket;
    expect(describeChanges(ticket, now, es)).toEqual([
      'el estado pasó a «En curso»',
      'la prioridad pasó a «Crítica»',
      'ahora lo tiene Tomás Técnico',
      'hay comentarios nuevos',
    ]);
  });
});
