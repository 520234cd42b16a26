import { describe, expect, it } from 'vitest';
import type { Ticket } from '../api/types';
import { conflictOf, editOnTop, editedFields } from './conflictMerge';

const shown = {
  id: 't1',
  number: 'TCK-000010',
  title: 'La impresora no imprime',
  description: 'Sale en blanco',
  priority: 'medium',
  category: null,
  status: 'open',
  assignee: null,
  team: null,
  commentCount: 0,
} as unknown as Ticket;

describe('a refused edit against what changed meanwhile', () => {
  it('applies my title on top when someone else changed only the priority, sending only my field', () => {
    const fresh = { ...shown, priority: 'high' } as Ticket;
    const edit = { title: 'La impresora de la 2ª planta no imprime', description: 'Sale en blanco', priority: 'medium' as const, category: '' };
    const mine = editedFields(shown, edit);
    expect(mine).toEqual(['title']);
    const conflict = conflictOf(shown, fresh, mine);
    expect(conflict).toEqual({ theirs: ['priority'], mine: ['title'], overlap: [], canApplyOnTop: true });
    // The other person's priority survives: it is not in the body.
    expect(editOnTop(edit, mine)).toEqual({ title: 'La impresora de la 2ª planta no imprime' });
  });

  it('does not offer to apply on top when both changed the same field', () => {
    const fresh = { ...shown, title: 'Impresora rota' } as Ticket;
    const edit = { title: 'Impresora sin tóner', description: 'Sale en blanco', priority: 'medium' as const, category: '' };
    const conflict = conflictOf(shown, fresh, editedFields(shown, edit));
    expect(conflict.overlap).toEqual(['title']);
    expect(conflict.canApplyOnTop).toBe(false);
  });

  it('a status move conflicts with another status move, not with an assignment', () => {
    expect(conflictOf(shown, { ...shown, status: 'in_progress' } as Ticket, ['status']).canApplyOnTop).toBe(false);
    const assigned = { ...shown, assignee: { id: 'u2', name: 'Tomás' } } as Ticket;
    expect(conflictOf(shown, assigned, ['status'])).toMatchObject({ theirs: ['assignee'], canApplyOnTop: true });
  });

  it('has nothing to apply when I changed nothing', () => {
    expect(conflictOf(shown, { ...shown, priority: 'low' } as Ticket, []).canApplyOnTop).toBe(false);
  });
});
