import type { Ticket } from '../api/types';
import { categoryLabel, type I18n } from '../i18n';

/**
 * What someone else changed between the ticket as this page showed it and as the server has it now, in words
 * ("el estado pasó a «Resuelto»"), to explain a refused write (412, or a take that lost the race) before the page
 * shows the fresh ticket.
 */
export function describeChanges(
  before: Ticket,
  after: Ticket,
  t: I18n['t'],
  categoryWords: (slug: string) => string = (slug) => categoryLabel(slug, t),
): string[] {
  const changes: string[] = [];
  if (before.status !== after.status) changes.push(t('ticketPage.change.status', { value: t(`status.${after.status}`) }));
  if (before.priority !== after.priority) changes.push(t('ticketPage.change.priority', { value: t(`priority.${after.priority}`) }));
  if (before.assignee?.id !== after.assignee?.id) {
    changes.push(after.assignee ? t('ticketPage.change.assignee', { value: after.assignee.name }) : t('ticketPage.change.unassigned'));
  }
  if (before.title !== after.title) changes.push(t('ticketPage.change.title'));
  if (before.description !== after.description) changes.push(t('ticketPage.change.description'));
  if (before.category !== after.category) {
    changes.push(t('ticketPage.change.category', { value: after.category ? categoryWords(after.category) : t('ticketPage.noCategory') }));
  }
  if (before.team?.id !== after.team?.id) {
    changes.push(t('ticketPage.change.team', { value: after.team?.name ?? t('ticket.noTeam') }));
  }
  if (after.commentCount > before.commentCount) changes.push(t('ticketPage.change.comments'));
  return changes;
}
