import { useState } from 'react';
import type { BusinessCalendar, SlaPolicy, SlaPolicyRequest, SlaTargets } from '../../api/admin';
import { PRIORITIES } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DialogActions } from '../../components/DialogActions';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { SuccessNotice } from '../../components/SuccessNotice';
import { useI18n } from '../../i18n';
import { cellsToTargets, DEFAULT_TARGETS, formatMinutes, pathMessages, slugify, targetCells, type TargetCells } from '../../lib/admin';
import { useFormSubmission } from '../../lib/useFormSubmission';
import { useLoad } from '../../lib/useLoad';
import { isStale, SettingsError } from './common';
import { LoadFailed, Skeleton } from '../../components/Loading';

type Dialog = { kind: 'edit'; policy: SlaPolicy | null } | { kind: 'apply'; policy: SlaPolicy } | null;

/** SLA policies: targets per priority on a calendar; editing makes a new version that running tickets adopt when applied. */
export function SlaPolicies() {
  const { t, formatNumber } = useI18n();
  const { api } = useAuth();
  const loaded = useLoad(async () => {
    const [policies, calendars] = await Promise.all([api.admin.slaPolicies(), api.admin.calendars()]);
    return { policies, calendars };
  }, [api]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string>();

  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
    loaded.reload();
  };
  const calendarName = (id: string | null | undefined) =>
    id ? (loaded.data?.calendars.find((c) => c.id === id)?.name ?? id) : t('sla.roundTheClockCalendar');

  return (
    <section aria-labelledby="sla-heading" className="settings__section">
      <div className="page__header">
        <h2 id="sla-heading">{t('slaPolicies.title')}</h2>
        <button type="button" className="button button--primary" onClick={() => setDialog({ kind: 'edit', policy: null })}>
          {t('slaPolicies.create')}
        </button>
      </div>
      <p className="muted">{t('slaPolicies.lead')}</p>
      <SuccessNotice message={notice} />
      <LoadFailed error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !loaded.data ? <Skeleton rows={3} /> : null}
      {loaded.data && loaded.data.policies.length === 0 ? <p className="empty">{t('slaPolicies.empty')}</p> : null}
      <div className="policy-list">
        {loaded.data?.policies.map((policy) => (
          <article key={policy.id} className="card" aria-labelledby={`policy-${policy.id}`} data-policy={policy.id}>
            <div className="page__header">
              <h3 id={`policy-${policy.id}`}>
                {policy.name} <span className="badge badge--role">{t('slaPolicies.version', { version: policy.version })}</span>
                {policy.isDefault ? <> <span className="badge badge--active">{t('slaPolicies.default')}</span></> : null}
              </h3>
              <div className="actions">
                <button type="button" className="button button--secondary button--small" onClick={() => setDialog({ kind: 'edit', policy })}>
                  {t('common.edit')}
                  <span className="visually-hidden"> {policy.name}</span>
                </button>
                <button type="button" className="button button--secondary button--small" onClick={() => setDialog({ kind: 'apply', policy })}>
                  {t('slaPolicies.apply')}
                  <span className="visually-hidden"> {policy.name}</span>
                </button>
              </div>
            </div>
            <p className="muted">
              {t('slaPolicies.summary', { calendar: calendarName(policy.calendarId), percent: formatNumber(policy.warningAt * 100) })}
            </p>
            <div className="table-wrap">
              <table className="table table--compact">
                <caption className="visually-hidden">{t('slaPolicies.targetsOf', { name: policy.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('field.priority')}</th>
                    <th scope="col">{t('slaPolicies.firstResponse')}</th>
                    <th scope="col">{t('slaPolicies.resolution')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...PRIORITIES].reverse().map((p) => (
                    <tr key={p}>
                      <th scope="row">
                        {t(`priority.${p}`)}
                        {policy.calendarId && policy.targets[p].twentyFourSeven ? (
                          <span className="muted small"> · {t('slaPolicies.roundTheClock')}</span>
                        ) : null}
                      </th>
                      <td>{formatMinutes(policy.targets[p].firstResponseMinutes, t, formatNumber)}</td>
                      <td>{formatMinutes(policy.targets[p].resolutionMinutes, t, formatNumber)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </article>
        ))}
      </div>
      {dialog?.kind === 'edit' && loaded.data ? (
        <PolicyDialog
          policy={dialog.policy}
          template={loaded.data.policies.find((p) => p.isDefault)?.targets}
          calendars={loaded.data.calendars}
          onClose={() => setDialog(null)}
          onSaved={(p) =>
            done(dialog.policy ? t('slaPolicies.saved', { name: p.name, version: p.version }) : t('slaPolicies.created', { name: p.name }))
          }
        />
      ) : null}
      {dialog?.kind === 'apply' ? (
        <ConfirmDialog
          title={t('slaPolicies.applyTitle', { name: dialog.policy.name, version: dialog.policy.version })}
          message={t('slaPolicies.applyText', { version: dialog.policy.version })}
          confirmLabel={t('slaPolicies.applyConfirm')}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.admin.applySlaPolicy(dialog.policy.id);
            done(t('slaPolicies.applied', { name: dialog.policy.name, version: dialog.policy.version }));
          }}
        />
      ) : null}
    </section>
  );
}

interface PolicyForm {
  id: string;
  name: string;
  calendarId: string;
  warningPercent: string;
  isDefault: boolean;
  cells: TargetCells;
}

/** Policies' ids: a letter first, at most 40 characters. */
const policySlug = (name: string) => slugify(name, 40, true);

const formOf = (policy: SlaPolicy | null, template?: SlaTargets): PolicyForm => ({
  id: policy?.id ?? '',
  name: policy?.name ?? '',
  calendarId: policy?.calendarId ?? '',
  warningPercent: String(Math.round((policy?.warningAt ?? 0.75) * 10000) / 100),
  isDefault: policy?.isDefault ?? false,
  cells: targetCells(policy?.targets ?? template ?? DEFAULT_TARGETS),
});

function PolicyDialog({
  policy,
  template,
  calendars,
  onClose,
  onSaved,
}: {
  policy: SlaPolicy | null;
  /** A new policy starts from these targets (the default policy's). */
  template?: SlaTargets;
  calendars: BusinessCalendar[];
  onClose: () => void;
  onSaved: (policy: SlaPolicy) => void;
}) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [values, setValues] = useState<PolicyForm>(() => formOf(policy, template));
  const [current, setCurrent] = useState(policy);
  // The id follows the name until the admin types one of their own; once created it never changes.
  const [idTouched, setIdTouched] = useState(Boolean(policy));
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<PolicyForm>(policy ? ['name'] : ['id', 'name']);
  const paths = pathMessages(t, error);

  const save = async () => {
    const percent = Number(values.warningPercent.replace(',', '.'));
    const body: SlaPolicyRequest = {
      name: values.name.trim(),
      targets: cellsToTargets(values.cells),
      calendarId: values.calendarId || null,
      // An empty or unreadable box is sent as nothing a number can be: the API names the field.
      warningAt: values.warningPercent.trim() !== '' && Number.isFinite(percent) ? percent / 100 : -1,
      // The default cannot be unset, only moved: a policy that is the default says so again.
      isDefault: values.isDefault || undefined,
    };
    if (!current) return onSaved(await api.admin.createSlaPolicy({ id: values.id.trim(), ...body }));
    try {
      onSaved(await api.admin.updateSlaPolicy(current.id, body, current.etag));
    } catch (err) {
      if (isStale(err)) {
        const fresh = await api.admin.slaPolicy(current.id);
        setCurrent(fresh);
        setValues(formOf(fresh));
        setIdTouched(true);
      }
      throw err;
    }
  };

  const byCalendar = values.calendarId !== '';

  const cell = (p: (typeof PRIORITIES)[number], target: 'firstResponse' | 'resolution') => {
    const errors = paths[`targets.${p}.${target}Minutes`];
    const set = (part: 'hours' | 'minutes', text: string) =>
      setValues({ ...values, cells: { ...values.cells, [p]: { ...values.cells[p], [target]: { ...values.cells[p][target], [part]: text } } } });
    const label = `${t(`priority.${p}`)} · ${t(target === 'firstResponse' ? 'slaPolicies.firstResponse' : 'slaPolicies.resolution')}`;
    const errorId = `target-${p}-${target}-error`;
    return (
      <td className={errors ? 'field--invalid' : undefined} data-label={t(target === 'firstResponse' ? 'slaPolicies.firstResponse' : 'slaPolicies.resolution')}>
        <div className="duration">
          {(['hours', 'minutes'] as const).map((part) => (
            <label key={part} className="duration__part">
              <input
                type="text"
                inputMode={part === 'hours' ? 'numeric' : 'decimal'}
                size={4}
                aria-label={`${label} (${t(part === 'hours' ? 'slaPolicies.hoursUnit' : 'slaPolicies.minutesUnit')})`}
                aria-invalid={errors ? true : undefined}
                aria-describedby={errors ? errorId : undefined}
                value={values.cells[p][target][part]}
                onChange={(e) => set(part, e.target.value)}
              />
              <span aria-hidden="true">{part === 'hours' ? 'h' : 'min'}</span>
            </label>
          ))}
        </div>
        {errors ? (
          <p id={errorId} className="field__error">
            {errors.join(' ')}
          </p>
        ) : null}
      </td>
    );
  };

  return (
    <Modal title={current ? t('slaPolicies.editTitle', { name: current.name, version: current.version }) : t('slaPolicies.create')} onClose={onClose}>
      <form ref={formRef} onSubmit={(e) => void submit(e, values, save)} noValidate className="form">
        <SettingsError error={error} />
        {current ? <p className="alert alert--info">{t('slaPolicies.newVersionHint', { next: current.version + 1 })}</p> : null}
        <div className="grid-2">
          <Field label={t('slaPolicies.name')} name="name" errors={fieldErrors.name} required>
            {(p) => (
              <input
                {...p}
                type="text"
                aria-required="true"
                maxLength={100}
                value={values.name}
                onChange={(e) => setValues({ ...values, name: e.target.value, id: idTouched ? values.id : policySlug(e.target.value) })}
              />
            )}
          </Field>
          {current ? null : (
            <Field label={t('slaPolicies.id')} name="id" errors={fieldErrors.id} hint={t('slaPolicies.idHint')} required>
              {(p) => (
                <input
                  {...p}
                  type="text"
                  aria-required="true"
                  maxLength={40}
                  spellCheck={false}
                  autoCapitalize="off"
                  value={values.id}
                  onChange={(e) => {
                    setIdTouched(true);
                    setValues({ ...values, id: e.target.value });
                  }}
                />
              )}
            </Field>
          )}
        </div>
        <div className="grid-2">
          <Field label={t('slaPolicies.calendar')} name="calendarId" errors={fieldErrors.calendarId} hint={t('slaPolicies.calendarHint')}>
            {(p) => (
              <select {...p} value={values.calendarId} onChange={(e) => setValues({ ...values, calendarId: e.target.value })}>
                <option value="">{t('sla.roundTheClockCalendar')}</option>
                {calendars.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.timeZone})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('slaPolicies.warningAt')} name="warningAt" errors={fieldErrors.warningAt} hint={t('slaPolicies.warningAtHint')}>
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="decimal"
                min={1}
                max={99}
                value={values.warningPercent}
                onChange={(e) => setValues({ ...values, warningPercent: e.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="table-wrap">
          <table className="table table--compact table--targets table--stack" aria-describedby={byCalendar ? 'targets-hint' : undefined}>
            <caption>{t('slaPolicies.targets')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.priority')}</th>
                <th scope="col">{t('slaPolicies.firstResponse')}</th>
                <th scope="col">{t('slaPolicies.resolution')}</th>
                {byCalendar ? <th scope="col">{t('slaPolicies.twentyFourSeven')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {[...PRIORITIES].reverse().map((p) => (
                <tr key={p}>
                  <th scope="row">{t(`priority.${p}`)}</th>
                  {cell(p, 'firstResponse')}
                  {cell(p, 'resolution')}
                  {byCalendar ? (
                    <td className="table__check" data-label={t('slaPolicies.twentyFourSeven')}>
                      <input
                        type="checkbox"
                        aria-label={t('slaPolicies.twentyFourSevenLabel', { priority: t(`priority.${p}`) })}
                        checked={values.cells[p].twentyFourSeven}
                        onChange={(e) => setValues({ ...values, cells: { ...values.cells, [p]: { ...values.cells[p], twentyFourSeven: e.target.checked } } })}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {byCalendar ? (
          <p id="targets-hint" className="field__hint">
            {t('slaPolicies.twentyFourSevenHint')}
          </p>
        ) : null}
        {fieldErrors.targets ? <p className="field__error">{fieldErrors.targets.join(' ')}</p> : null}
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              aria-describedby="default-hint"
              checked={values.isDefault}
              // The default cannot be unset: another policy takes its place.
              disabled={current?.isDefault}
              onChange={(e) => setValues({ ...values, isDefault: e.target.checked })}
            />
            {t('slaPolicies.isDefault')}
          </label>
          <p id="default-hint" className="field__hint">
            {t('slaPolicies.isDefaultHint')}
          </p>
          {fieldErrors.isDefault ? <p className="field__error">{fieldErrors.isDefault.join(' ')}</p> : null}
        </div>
        <DialogActions busy={busy} submitLabel={current ? t('slaPolicies.saveVersion') : t('slaPolicies.createSubmit')} onCancel={onClose} />
      </form>
    </Modal>
  );
}
