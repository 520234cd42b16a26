import { useState } from 'react';
import type { Ticket } from '../../api/types';
import { categoryLabel, useI18n } from '../../i18n';

/** Triage: the assignee and whoever may edit put the ticket in one of the configured categories (or none). */
export function CategoryForm({
  ticket,
  categories,
  onChange,
}: {
  ticket: Ticket;
  categories: readonly string[];
  onChange: (category: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(ticket.category ?? '');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        // An empty category clears it (PATCH semantics of the API).
        void onChange(value);
      }}
    >
      <div className="field">
        <label htmlFor="category-picker">{t('field.category')}</label>
        <select id="category-picker" value={value} onChange={(e) => setValue(e.target.value)}>
          <option value="">{t('field.categoryNone')}</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {categoryLabel(c, t)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary" disabled={value === (ticket.category ?? '')}>
        {t('ticketPage.changeCategory')}
      </button>
    </form>
  );
}
