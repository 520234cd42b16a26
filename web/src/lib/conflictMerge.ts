import type { Ticket } from '../api/types';

/** The parts of a ticket a write can change, as a conflict names them. */
export type TicketField = 'title' | 'description' | 'priority' | 'category' | 'status' | 'assignee' | 'team';

/** Which fields differ between the ticket as this page showed it and as the server has it now. */
export function changedFields(before: Ticket, after: Ticket): TicketField[] {
  const fields: TicketField[] = [];
  if (before.title !== after.title) fields.push('title');
  if (before.description !== after.description) fields.push('description');
  if (before.priority !== after.priority) fields.push('priority');
  if ((before.category ?? null) !== (after.category ?? null)) fields.push('category');
  if (before.status !== after.status) fields.push('status');
  if ((before.assignee?.id ?? null) !== (after.assignee?.id ?? null)) fields.push('assignee');
  if ((before.team?.id ?? null) !== (after.team?.id ?? null)) fields.push('team');
  return fields;
}

/** An edit as typed: only the fields the dialog holds. */
export interface TicketEdit {
  title: string;
  description: string;
  priority: Ticket['priority'];
  category: string;
}

/** The fields the caller changed in an edit, compared with the ticket the dialog opened on. */
export function editedFields(shown: Ticket, edit: TicketEdit): TicketField[] {
  const fields: TicketField[] = [];
  if (edit.title.trim() !== shown.title) fields.push('title');
  if (edit.description.trim() !== shown.description) fields.push('description');
  if (edit.priority !== shown.priority) fields.push('priority');
  if (edit.category !== (shown.category ?? '')) fields.push('category');
  return fields;
}

/**
 * How a refused write (412) stands against what someone else did meanwhile: `theirs` they changed, `mine` the caller
 * meant to change, `overlap` both. The caller's change may go on top of the fresh ticket only when nobody else
 * touched the same fields — then nothing of theirs is lost; otherwise the caller decides with both in view.
 */
export interface Conflict {
  theirs: TicketField[];
  mine: TicketField[];
  overlap: TicketField[];
  canApplyOnTop: boolean;
}

export function conflictOf(shown: Ticket, fresh: Ticket, mine: readonly TicketField[]): Conflict {
  const theirs = changedFields(shown, fresh);
  const overlap = mine.filter((f) => theirs.includes(f));
  return { theirs, mine: [...mine], overlap, canApplyOnTop: mine.length > 0 && overlap.length === 0 };
}

/** The PATCH body of an edit applied on top of the fresh ticket: only the caller's own fields, nothing of theirs. */
export function editOnTop(edit: TicketEdit, mine: readonly TicketField[]): Partial<TicketEdit> {
  const body: Partial<TicketEdit> = {};
  if (mine.includes('title')) body.title = edit.title.trim();
  if (mine.includes('description')) body.description = edit.description.trim();
  if (mine.includes('priority')) body.priority = edit.priority;
  if (mine.includes('category')) body.category = edit.category;
  return body;
}
