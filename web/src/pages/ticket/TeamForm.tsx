import { useState } from 'react';
import type { TeamRef } from '../../api/admin';
import type { Ticket } from '../../api/types';
import { useI18n } from '../../i18n';

/** Staff move the ticket to another team, or out of any; its history says so (`team_changed`). */
export function TeamForm({ ticket, teams, onMove }: { ticket: Ticket; teams: readonly TeamRef[]; onMove: (teamId: string | null) => Promise<void> }) {
  const { t } = useI18n();
  const current = ticket.team;
  const [value, setValue] = useState(current?.id ?? '');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onMove(value || null);
      }}
    >
      <div className="field">
        <label htmlFor="team-picker">{t('ticketPage.team')}</label>
        <select id="team-picker" value={value} aria-describedby="team-picker-hint" onChange={(e) => setValue(e.target.value)}>
          <option value="">{t('ticket.noTeam')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
          {current && !teams.some((team) => team.id === current.id) ? <option value={current.id}>{current.name}</option> : null}
        </select>
      </div>
      <button type="submit" className="button button--secondary" disabled={value === (current?.id ?? '')}>
        {t('ticketPage.moveTeam')}
      </button>
      <p id="team-picker-hint" className="field__hint inline-form__hint">
        {t('ticketPage.moveTeamHint')}
      </p>
    </form>
  );
}
