import { useState } from 'react';
import type { Macro } from '../api/macros';
import type { FieldErrors } from '../api/problem';
import { PRIORITIES, STATUSES, type Priority, type TicketStatus } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { LoadFailed, Skeleton } from '../components/Loading';
import { Modal } from '../components/Modal';
import { SuccessNotice } from '../components/SuccessNotice';
import { useI18n } from '../i18n';
import { MACRO_PLACEHOLDERS, unknownPlaceholders } from '../lib/macros';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useLoad } from '../lib/useLoad';

type Dialog = { kind: 'edit'; macro: Macro | null } | { kind: 'delete'; macro: Macro } | null;

/**
 * Canned responses: the caller's personal ones and the shared ones, with create, edit and delete where the rules allow
 * (a personal one is its owner's; a shared one is changed by admins only, who alone make them).
 */
export function Macros() {
  const { t } = useI18n();
  const { api, user, isAdmin } = useAuth();
  const macros = useLoad(() => api.macros.list(), [api]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string>();
  const mayChange = (macro: Macro) => (macro.shared ? isAdmin : macro.ownerId === user?.id);

  function done(message: string) {
    setDialog(null);
    setNotice(message);
    macros.reload();
  }

  return (
    <section aria-labelledby="macros-heading" className="page">
      <div className="page__header">
        <h1 id="macros-heading">{t('macros.title')}</h1>
        <button type="button" className="button button--primary" onClick={() => setDialog({ kind: 'edit', macro: null })}>
          {t('macros.create')}
        </button>
      </div>
      <p className="muted">{t('macros.lead')}</p>
      <SuccessNotice message={notice} />
      <LoadFailed error={macros.error} onRetry={macros.reload} />
      {macros.loading && !macros.data ? <Skeleton rows={3} /> : null}
      {macros.data && macros.data.length === 0 ? <p className="empty">{t('macros.none')}</p> : null}
      {macros.data && macros.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--stack">
            <caption className="visually-hidden">{t('macros.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('macros.name')}</th>
                <th scope="col">{t('macros.body')}</th>
                <th scope="col">{t('macros.effects')}</th>
                <th scope="col">{t('macros.scope')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('ticket.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {macros.data.map((macro) => (
                <tr key={macro.id} data-macro={macro.name}>
                  <th scope="row">{macro.name}</th>
                  <td data-label={t('macros.body')} className="pre-wrap">
                    {macro.body}
                  </td>
                  <td data-label={t('macros.effects')}>
                    {[
                      macro.internal ? t('composer.internal') : t('composer.public'),
                      macro.setStatus ? `→ ${t(`status.${macro.setStatus}`)}` : null,
                      macro.setPriority ? t(`priority.${macro.setPriority}`) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td data-label={t('macros.scope')}>{macro.shared ? t('macros.shared') : t('macros.personal')}</td>
                  <td>
                    {mayChange(macro) ? (
                      <div className="actions">
                        <button type="button" className="button button--secondary button--small" onClick={() => setDialog({ kind: 'edit', macro })}>
                          {t('common.edit')}
                          <span className="visually-hidden"> {macro.name}</span>
                        </button>
                        <button type="button" className="button button--danger-outline button--small" onClick={() => setDialog({ kind: 'delete', macro })}>
                          {t('common.delete')}
                          <span className="visually-hidden"> {macro.name}</span>
                        </button>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {dialog?.kind === 'edit' ? (
        <MacroDialog
          macro={dialog.macro}
          mayShare={isAdmin}
          onClose={() => setDialog(null)}
          onSaved={(macro) => done(t(dialog.macro ? 'macros.saved' : 'macros.created', { name: macro.name }))}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('macros.deleteTitle', { name: dialog.macro.name })}
          message={t('macros.deleteText')}
          confirmLabel={t('common.delete')}
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.macros.remove(dialog.macro.id);
            done(t('macros.deleted', { name: dialog.macro.name }));
          }}
        />
      ) : null}
    </section>
  );
}

interface MacroForm {
  name: string;
  body: string;
  internal: boolean;
  setStatus: TicketStatus | '';
  setPriority: Priority | '';
  shared: boolean;
}

const formOf = (macro: Macro | null): MacroForm => ({
  name: macro?.name ?? '',
  body: macro?.body ?? '',
  internal: macro?.internal ?? false,
  setStatus: macro?.setStatus ?? '',
  setPriority: macro?.setPriority ?? '',
  shared: macro?.shared ?? false,
});

const allowedList = MACRO_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');

function MacroDialog({ macro, mayShare, onClose, onSaved }: { macro: Macro | null; mayShare: boolean; onClose: () => void; onSaved: (macro: Macro) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [values, setValues] = useState<MacroForm>(() => formOf(macro));
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<MacroForm>(['name', 'body'], (v, tr): FieldErrors => {
    const unknown = unknownPlaceholders(v.body);
    return unknown.length > 0 ? { body: [tr('macros.unknownPlaceholder', { names: unknown.map((u) => `{{${u}}}`).join(', '), allowed: allowedList })] } : {};
  });

  const save = async () => {
    const body = { ...values, name: values.name.trim(), body: values.body.trim() };
    if (!macro)
      return onSaved(
        await api.macros.create({ ...body, setStatus: body.setStatus || null, setPriority: body.setPriority || null, shared: mayShare && body.shared }),
      );
    // In a PATCH "" clears the status or priority; shared is sent only by those who may share.
    onSaved(await api.macros.update(macro.id, { ...body, shared: mayShare ? body.shared : null }));
  };

  return (
    <Modal title={macro ? t('macros.editTitle', { name: macro.name }) : t('macros.create')} onClose={onClose}>
      <form ref={formRef} onSubmit={(e) => void submit(e, values, save)} noValidate className="form">
        <ErrorAlert error={error} />
        <Field label={t('macros.name')} name="name" errors={fieldErrors.name} required>
          {(p) => <input {...p} type="text" aria-required="true" maxLength={100} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />}
        </Field>
        <Field label={t('macros.body')} name="body" errors={fieldErrors.body} hint={t('macros.bodyHint', { allowed: allowedList })} required>
          {(p) => <textarea {...p} rows={6} aria-required="true" maxLength={5000} value={values.body} onChange={(e) => setValues({ ...values, body: e.target.value })} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={values.internal} onChange={(e) => setValues({ ...values, internal: e.target.checked })} />
          {t('macros.internalLabel')}
        </label>
        <Field label={t('macros.setStatus')} name="setStatus" errors={fieldErrors.setStatus}>
          {(p) => (
            <select {...p} value={values.setStatus} onChange={(e) => setValues({ ...values, setStatus: e.target.value as TicketStatus | '' })}>
              <option value="">{t('macros.noChange')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('macros.setPriority')} name="setPriority" errors={fieldErrors.setPriority}>
          {(p) => (
            <select {...p} value={values.setPriority} onChange={(e) => setValues({ ...values, setPriority: e.target.value as Priority | '' })}>
              <option value="">{t('macros.noChange')}</option>
              {PRIORITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`priority.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {mayShare ? (
          <label className="checkbox">
            <input type="checkbox" checked={values.shared} onChange={(e) => setValues({ ...values, shared: e.target.checked })} />
            {t('macros.sharedLabel')}
          </label>
        ) : null}
        <DialogActions busy={busy} submitLabel={macro ? t('macros.save') : t('macros.create')} onCancel={onClose} />
      </form>
    </Modal>
  );
}
