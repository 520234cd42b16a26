import { useState } from 'react';
import { PRIORITIES, type Priority, type Ticket } from '../../api/types';
import { useI18n } from '../../i18n';

/** The assignee and whoever may edit: change the priority (the SLA targets follow it). */
export function PriorityForm({ ticket, onChange }: { ticket: Ticket; onChange: (p: Priority) => Promise<void> }) {
  const { t } = useI18n();
  const [value, setValue] = useState<Priority>(ticket.priority);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onChange(value);
      }}
    >
      <div className="field">
        <label htmlFor="priority-picker">{t('field.priority')}</label>
        <select id="priority-picker" value={value} onChange={(e) => setValue(e.target.value as Priority)}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary" disabled={value === ticket.priority}>
        {t('ticket.changePriority')}
      </button>
    </form>
  );
}
