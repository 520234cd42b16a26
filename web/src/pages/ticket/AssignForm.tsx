import { useMemo, useState } from 'react';
import type { Ticket, User } from '../../api/types';
import { useI18n } from '../../i18n';

/** Admins: assign the ticket to any active technician or admin, or leave it unassigned. */
export function AssignForm({ ticket, staff, onAssign }: { ticket: Ticket; staff: User[]; onAssign: (id: string | null) => Promise<void> }) {
  const { t } = useI18n();
  const [value, setValue] = useState(ticket.assignee?.id ?? '');
  const options = useMemo(
    () => [...staff].sort((a, b) => `${a.firstNames} ${a.lastNames}`.localeCompare(`${b.firstNames} ${b.lastNames}`)),
    [staff],
  );
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onAssign(value || null);
      }}
    >
      <div className="field">
        <label htmlFor="assignee-picker">{t('ticket.assignTo')}</label>
        <select id="assignee-picker" value={value} onChange={(e) => setValue(e.target.value)}>
          <option value="">{t('ticket.unassigned')}</option>
          {options.map((u) => (
            <option key={u.id} value={u.id}>
              {u.firstNames} {u.lastNames} ({u.email}) · {t(`role.${u.role}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary" disabled={value === (ticket.assignee?.id ?? '')}>
        {t('ticket.assign')}
      </button>
    </form>
  );
}
