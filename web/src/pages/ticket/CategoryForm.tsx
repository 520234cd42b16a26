import { useState } from 'react';
import type { Category } from '../../api/admin';
import type { Ticket } from '../../api/types';
import { useI18n } from '../../i18n';
import { categoryName } from '../../lib/useCategories';

/** Triage: the assignee and whoever may edit put the ticket in one of the configured categories (or none). */
export function CategoryForm({
  ticket,
  categories,
  onChange,
}: {
  ticket: Ticket;
  categories: readonly Category[];
  onChange: (category: string) => Promise<void>;
}) {
  const { t, lang } = useI18n();
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
            <option key={c.id} value={c.id}>
              {categoryName(c, lang)}
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
