import { useState, type FormEvent } from 'react';
import type { Team } from '../api/admin';
import { readAll } from '../api/tickets';
import { PRIORITIES, STATUSES, type TicketListItem } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { BULK_ACTIONS, bulkBody, summarizeBulk, type BulkChoice, type BulkSummary } from '../lib/bulk';
import { problemMessage } from '../lib/errorMessages';
import { useLoad } from '../lib/useLoad';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  /** The tickets ticked in the queue, in the queue's order. */
  selected: TicketListItem[];
  /** Active teams to move the tickets to (absent: the team action is not offered). */
  teams?: Team[];
  onClear: () => void;
  /** After the action: the queue clears its selection and asks again. */
  onDone: () => void;
}

/**
 * The queue's bulk actions: once tickets are ticked, assign (to me, to someone on staff for admins, or nobody), change
 * the status, the priority or the team of all of them in one request. Each ticket changes or refuses on its own rules;
 * the bar then says how many changed and why each refused one did not.
 */
export function BulkBar({ selected, teams, onClear, onDone }: Props) {
  const { t } = useI18n();
  const { api, user, isAdmin } = useAuth();
  const [choice, setChoice] = useState<BulkChoice>({
    action: 'assign',
    assigneeId: user?.id ?? '',
    status: 'in_progress',
    note: '',
    priority: 'high',
    teamId: '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [summary, setSummary] = useState<BulkSummary | null>(null);
  // Admins assign to anyone active on staff; a technician may only take tickets, so they choose between themselves and nobody.
  const staff = useLoad(
    async () => (isAdmin ? readAll((cursor) => api.listUsers({ role: ['technician', 'admin'], active: true, limit: 100, cursor })) : []),
    [api, isAdmin],
  );
  const set = (changes: Partial<BulkChoice>) => setChoice((c) => ({ ...c, ...changes }));
  const actions = BULK_ACTIONS.filter((a) => a !== 'team' || teams);

  async function apply(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSummary(null);
    try {
      const answer = await api.bulkTickets(bulkBody(selected.map((ticket) => ticket.id), choice));
      setSummary(summarizeBulk(answer.results, new Map(selected.map((ticket) => [ticket.id, ticket.number]))));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {summary ? (
        <div role="status" className={`alert ${summary.refused.length > 0 ? 'alert--info' : 'alert--success'}`} data-testid="bulk-summary">
          <p>{t('bulk.changed', { changed: summary.changed, total: summary.total })}</p>
          {summary.refused.length > 0 ? (
            <ul className="bulk-bar__refused">
              {summary.refused.map((refusal) => (
                <li key={refusal.id}>{t('bulk.refused', { number: refusal.number, reason: problemMessage(t, refusal.error) })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <ErrorAlert error={error} />
      {selected.length > 0 ? (
        <form className="bulk-bar" aria-label={t('bulk.label')} onSubmit={(e) => void apply(e)}>
          <strong className="bulk-bar__count" data-testid="bulk-count">
            {t('bulk.selected', { count: selected.length })}
          </strong>
          <div className="field">
            <label htmlFor="bulk-action">{t('bulk.action')}</label>
            <select id="bulk-action" value={choice.action} onChange={(e) => set({ action: e.target.value as BulkChoice['action'] })}>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {t(`bulk.action.${a}`)}
                </option>
              ))}
            </select>
          </div>
          {choice.action === 'assign' ? (
            <div className="field">
              <label htmlFor="bulk-assignee">{t('bulk.assignee')}</label>
              <select id="bulk-assignee" value={choice.assigneeId} onChange={(e) => set({ assigneeId: e.target.value })}>
                {user ? <option value={user.id}>{t('bulk.me')}</option> : null}
                {(staff.data ?? [])
                  .filter((person) => person.id !== user?.id)
                  .map((person) => (
                    <option key={person.id} value={person.id}>
                      {`${person.firstNames} ${person.lastNames}`.trim()}
                    </option>
                  ))}
                <option value="">{t('ticket.unassigned')}</option>
              </select>
            </div>
          ) : null}
          {choice.action === 'status' ? (
            <>
              <div className="field">
                <label htmlFor="bulk-status">{t('bulk.status')}</label>
                <select id="bulk-status" value={choice.status} onChange={(e) => set({ status: e.target.value as BulkChoice['status'] })}>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`status.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="bulk-note">{t('ticket.noteOptional')}</label>
                <input id="bulk-note" value={choice.note} maxLength={2000} onChange={(e) => set({ note: e.target.value })} />
              </div>
            </>
          ) : null}
          {choice.action === 'priority' ? (
            <div className="field">
              <label htmlFor="bulk-priority">{t('bulk.priority')}</label>
              <select id="bulk-priority" value={choice.priority} onChange={(e) => set({ priority: e.target.value as BulkChoice['priority'] })}>
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`priority.${p}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {choice.action === 'team' && teams ? (
            <div className="field">
              <label htmlFor="bulk-team">{t('bulk.team')}</label>
              <select id="bulk-team" value={choice.teamId} onChange={(e) => set({ teamId: e.target.value })}>
                <option value="">{t('ticket.noTeam')}</option>
                {teams
                  .filter((team) => team.active)
                  .map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
              </select>
            </div>
          ) : null}
          <div className="bulk-bar__buttons">
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('bulk.apply', { count: selected.length })}
            </button>
            <button type="button" className="button button--secondary" onClick={onClear} disabled={busy}>
              {t('bulk.clear')}
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
