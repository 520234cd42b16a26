import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { TicketQuery } from '../api/tickets';
import { createViewsApi, type SavedView } from '../api/views';
import { isApiError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { useLiveQuery } from '../lib/live';
import { useLoad } from '../lib/useLoad';
import { sameSavedQuery, savedViewCountQuery, toSavedQuery } from '../lib/savedViews';
import { ConfirmDialog } from './ConfirmDialog';
import { DialogActions } from './DialogActions';
import { ErrorAlert } from './ErrorAlert';
import { Field } from './Field';
import { Modal } from './Modal';
import { SuccessNotice } from './SuccessNotice';

interface Props {
  /** What the queue lists now: "Save view" saves its filters and sort. */
  current: TicketQuery;
  /** The saved query the queue shows (from the URL), if a saved view is chosen. */
  active: string | null;
  /** Shows a view: the queue puts its query in the URL. */
  onChoose: (query: string) => void;
}

/**
 * The staff's saved views as tabs over the queue, each with the list's own total for its query; "Save view" names the
 * current filters (admins may share them), and a person's own views (and, for admins, the shared ones) can be deleted.
 */
export function SavedViewTabs({ current, active, onChoose }: Props) {
  const { t } = useI18n();
  const { api, user } = useAuth();
  const views = useMemo(() => createViewsApi(api.client), [api]);
  const list = useLoad(() => views.list(), [views]);
  const counts = useViewCounts(list.data ?? []);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<SavedView>();
  const [notice, setNotice] = useState<string>();
  const isAdmin = user?.role === 'admin';
  const mayChange = (view: SavedView) => (view.shared ? isAdmin : view.ownerId === user?.id);

  return (
    <div className="saved-views">
      <div className="tabs" role="group" aria-label={t('views.tabs')}>
        {(list.data ?? []).map((view) => {
          const chosen = active !== null && sameSavedQuery(active, view.query);
          return (
            <span key={view.id} className="saved-view">
              <button
                type="button"
                className={`tab${chosen ? ' tab--active' : ''}`}
                aria-pressed={chosen}
                onClick={() => onChoose(view.query)}
                data-view-id={view.id}
              >
                {view.name}
                {view.shared ? <span className="saved-view__badge"> · {t('views.sharedBadge')}</span> : null}
                {counts.data?.[view.id] !== undefined ? (
                  <span className="tab__count" data-testid={`view-count-${view.id}`}>
                    {counts.data[view.id]}
                  </span>
                ) : null}
              </button>
              {mayChange(view) ? (
                <button
                  type="button"
                  className="button button--ghost saved-view__delete"
                  aria-label={t('views.delete', { name: view.name })}
                  title={t('views.delete', { name: view.name })}
                  onClick={() => setDeleting(view)}
                >
                  ×
                </button>
              ) : null}
            </span>
          );
        })}
        <button type="button" className="button button--secondary" onClick={() => setSaving(true)}>
          {t('views.save')}
        </button>
      </div>
      <ErrorAlert error={list.error} />
      <SuccessNotice message={notice} />
      {saving ? (
        <SaveViewDialog
          query={toSavedQuery(current)}
          mayShare={isAdmin}
          onSave={async (body) => {
            const saved = await views.create(body);
            setSaving(false);
            setNotice(t('views.saved', { name: saved.name }));
            list.reload();
          }}
          onClose={() => setSaving(false)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('views.deleteTitle')}
          message={t('views.deleteMessage', { name: deleting.name })}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={async () => {
            await views.remove(deleting.id);
            setNotice(t('views.deleted', { name: deleting.name }));
            setDeleting(undefined);
            list.reload();
          }}
          onClose={() => setDeleting(undefined)}
        />
      ) : null}
    </div>
  );
}

function SaveViewDialog({
  query,
  mayShare,
  onSave,
  onClose,
}: {
  query: string;
  mayShare: boolean;
  onSave: (body: { name: string; query: string; shared: boolean }) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [nameErrors, setNameErrors] = useState<string[]>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameErrors([t('validation.required')]);
      return;
    }
    setBusy(true);
    setError(null);
    setNameErrors(undefined);
    try {
      await onSave({ name: name.trim(), query, shared: mayShare && shared });
    } catch (err) {
      // The name's problem shows at the field; anything else (a bad query, the limit) above the form.
      if (isApiError(err) && err.fieldErrors.name) setNameErrors(err.fieldErrors.name);
      else setError(err);
      setBusy(false);
    }
  }

  return (
    <Modal title={t('views.saveTitle')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <ErrorAlert error={error} />
        <Field label={t('views.name')} name="name" errors={nameErrors} hint={t('views.nameHint')} required>
          {(p) => <input {...p} type="text" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} autoFocus />}
        </Field>
        {mayShare ? (
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" name="shared" checked={shared} onChange={(e) => setShared(e.target.checked)} /> {t('views.shared')}
            </label>
            <p className="field__hint">{t('views.sharedHint')}</p>
          </div>
        ) : null}
        <DialogActions busy={busy} submitLabel={t('views.save')} onCancel={onClose} />
      </form>
    </Modal>
  );
}

type Counts = Record<string, number | undefined>;

/** Each view's count: the list's own total for the view's query (one small conditional GET per view and refresh). */
function useViewCounts(views: SavedView[]) {
  const { api } = useAuth();
  const known = useRef<Record<string, { etag?: string; total?: number }>>({});
  const key = views.map((v) => `${v.id}:${v.query}`).join('|');
  return useLiveQuery<Counts>(
    async (shown) => {
      if (shown === undefined) known.current = {};
      const answers = await Promise.all(
        views.map((v) =>
          api.pollTickets(savedViewCountQuery(v.query), known.current[v.id]?.etag).catch(
            () => null, // A tab without a count still works; the next refresh asks again.
          ),
        ),
      );
      let changed = false;
      answers.forEach((answer, i) => {
        if (!answer || answer.notModified) return;
        known.current[views[i].id] = { etag: answer.etag, total: answer.data.total ?? undefined };
        changed = true;
      });
      if (!changed) return { notModified: true };
      const counts: Counts = {};
      for (const v of views) counts[v.id] = known.current[v.id]?.total;
      return { data: counts, etag: 'counts' };
    },
    [api, key],
  );
}
