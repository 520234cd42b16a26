import type { Category, TeamRef } from '../../api/admin';
import type { Priority, Ticket, TicketStatus, User } from '../../api/types';
import { useI18n } from '../../i18n';
import { isDestructive, transitionAction } from '../../lib/transitions';
import { AssignForm } from './AssignForm';
import { CategoryForm } from './CategoryForm';
import { PriorityForm } from './PriorityForm';
import { TagsForm } from './TagsForm';
import { TeamForm } from './TeamForm';

interface Props {
  ticket: Ticket;
  staff: User[];
  categories: readonly Category[];
  /** The active teams the ticket may move to (shown when `actions.changeTeam`). */
  teams: readonly TeamRef[];
  onMove: (to: TicketStatus, requiresNote: boolean) => void;
  onTake: () => void;
  onEdit: () => void;
  onAssign: (assigneeId: string | null) => Promise<void>;
  onPriority: (priority: Priority) => Promise<void>;
  onCategory: (category: string) => Promise<void>;
  onTeam: (teamId: string | null) => Promise<void>;
  /** Staff replace the ticket's tags (shown when `actions.changeTags`). */
  onTags?: (tags: string[]) => Promise<void>;
  suggestTags?: (q: string) => Promise<{ tag: string; count: number }[]>;
}

/**
 * What the caller may do now, exactly as the server listed it in `ticket.actions`: the status moves, taking,
 * editing, and the triage forms. Cancelling is a status move (the ticket is closed and kept); deleting lives apart.
 */
export function ActionsPanel({ ticket, staff, categories, teams, onMove, onTake, onEdit, onAssign, onPriority, onCategory, onTeam, onTags, suggestTags }: Props) {
  const { t } = useI18n();
  const actions = ticket.actions;
  const cancels = actions.transitions.some((a) => a.status === 'closed' && ticket.status === 'open');
  const triage = !actions.edit && actions.changeCategory;
  const nothing =
    actions.transitions.length === 0 &&
    !actions.take &&
    !actions.edit &&
    !actions.assign &&
    !actions.changePriority &&
    !actions.changeCategory &&
    !actions.changeTeam &&
    !actions.changeTags;

  return (
    <section aria-labelledby="actions-heading" className="card">
      <h2 id="actions-heading">{t('ticket.actions')}</h2>
      <div className="actions">
        {actions.transitions.map((a) => (
          <button
            key={a.status}
            type="button"
            className={`button ${isDestructive(ticket.status, a.status) ? 'button--danger-outline' : 'button--primary'}`}
            onClick={() => onMove(a.status, a.requiresNote)}
            aria-describedby={isDestructive(ticket.status, a.status) ? 'cancel-hint' : undefined}
          >
            {t(transitionAction(ticket.status, a.status))}
          </button>
        ))}
        {actions.take ? (
          <button type="button" className="button button--secondary" onClick={onTake}>
            {t('queue.take')}
          </button>
        ) : null}
        {actions.edit ? (
          <button type="button" className="button button--secondary" onClick={onEdit}>
            {t('common.edit')}
          </button>
        ) : null}
      </div>
      {cancels ? (
        <p id="cancel-hint" className="muted field__hint">
          {t('ticketPage.cancelHint')}
        </p>
      ) : null}
      {nothing ? <p className="muted">{t('ticket.noActions')}</p> : null}
      <div className="inline-forms">
        {actions.assign ? <AssignForm ticket={ticket} staff={staff} onAssign={onAssign} /> : null}
        {actions.changePriority ? <PriorityForm ticket={ticket} onChange={onPriority} /> : null}
        {triage && categories.length > 0 ? <CategoryForm ticket={ticket} categories={categories} onChange={onCategory} /> : null}
        {actions.changeTeam ? <TeamForm ticket={ticket} teams={teams} onMove={onTeam} /> : null}
        {actions.changeTags && onTags && suggestTags ? <TagsForm ticket={ticket} onChange={onTags} suggest={suggestTags} /> : null}
      </div>
    </section>
  );
}
