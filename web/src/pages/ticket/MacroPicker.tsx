import { useId, useState, type KeyboardEvent } from 'react';
import type { Macro } from '../../api/macros';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { LoadFailed, Skeleton } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n';
import { filterMacros } from '../../lib/macros';
import { useLoad } from '../../lib/useLoad';

/**
 * "Respuestas guardadas": a button that opens a dialog with a search field over the caller's macros (a combobox driving
 * a listbox: arrows move, Enter applies, Escape closes). Applying one is one change of the ticket (the reply with its
 * placeholders filled in, its status and priority), made by the server; the page then refreshes.
 */
export function MacroPicker({ onApply }: { onApply: (macro: Macro) => Promise<void> }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--secondary" aria-haspopup="dialog" onClick={() => setOpen(true)} data-testid="macro-picker">
        {t('macros.picker')}
      </button>
      {open ? <MacroDialog onClose={() => setOpen(false)} onApply={onApply} /> : null}
    </>
  );
}

function MacroDialog({ onClose, onApply }: { onClose: () => void; onApply: (macro: Macro) => Promise<void> }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const macros = useLoad(() => api.macros.list(), [api]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const listId = useId();
  const found = filterMacros(macros.data ?? [], query);
  const current = Math.min(active, Math.max(found.length - 1, 0));

  async function apply(macro: Macro | undefined) {
    if (!macro || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onApply(macro);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function keys(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(found.length === 0 ? 0 : (current + step + found.length) % found.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void apply(found[current]);
    }
  }

  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    <Modal title={t('macros.picker')} onClose={onClose}>
      <ErrorAlert error={error} />
      <LoadFailed error={macros.error} onRetry={macros.reload} />
      <Field label={t('macros.search')} name="macro-search">
        {(p) => (
          <input
            {...p}
            type="search"
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={found.length > 0 ? optionId(current) : undefined}
            value={query}
            autoFocus
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={keys}
          />
        )}
      </Field>
      {macros.loading && !macros.data ? <Skeleton rows={3} /> : null}
      {macros.data && found.length === 0 ? <p className="empty">{macros.data.length === 0 ? t('macros.none') : t('macros.noMatch')}</p> : null}
      <ul role="listbox" id={listId} aria-label={t('macros.picker')} className="macro-list" aria-busy={busy}>
        {found.map((macro, i) => (
          <li
            key={macro.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className={`macro-list__option${i === current ? ' macro-list__option--active' : ''}`}
            onMouseEnter={() => setActive(i)}
            onClick={() => void apply(macro)}
          >
            <strong>{macro.name}</strong>
            {macro.internal ? <span className="badge"> {t('composer.internal')}</span> : null}
            {macro.setStatus ? <span className="badge"> → {t(`status.${macro.setStatus}`)}</span> : null}
            {macro.setPriority ? <span className="badge"> {t(`priority.${macro.setPriority}`)}</span> : null}
            <div className="muted small macro-list__body">{macro.body}</div>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
