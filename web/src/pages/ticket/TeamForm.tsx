import { useState } from 'react';
import { ticketTeam, type TeamRef } from '../../api/admin';
import type { Ticket } from '../../api/types';
import { useI18n } from '../../i18n';

/** Staff move the ticket to another team; its history says so (`team_changed`). */
export function TeamForm({ ticket, teams, onMove }: { ticket: Ticket; teams: readonly TeamRef[]; onMove: (teamId: string) => Promise<void> }) {
  const { t } = useI18n();
  const current = ticketTeam(ticket);
  const [value, setValue] = useState(current?.id ?? '');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onMove(value);
      }}
    >
      <div className="field">
        <label htmlFor="team-picker">{t('ticketPage.team')}</label>
        <select id="team-picker" value={value} onChange={(e) => setValue(e.target.value)}>
          {current ? null : <option value="">{t('ticket.noTeam')}</option>}
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
          {current && !teams.some((team) => team.id === current.id) ? <option value={current.id}>{current.name}</option> : null}
        </select>
      </div>
      <button type="submit" className="button button--secondary" disabled={value === '' || value === (current?.id ?? '')}>
        {t('ticketPage.moveTeam')}
      </button>
    </form>
  );
}
