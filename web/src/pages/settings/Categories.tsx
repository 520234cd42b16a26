import { useState } from 'react';
import type { Category, SlaPolicy, Team } from '../../api/admin';
import { useAuth } from '../../auth/AuthContext';
import { DialogActions } from '../../components/DialogActions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { SuccessNotice } from '../../components/SuccessNotice';
import { useI18n } from '../../i18n';
import { slugify } from '../../lib/admin';
import { forgetCategories } from '../../lib/useCategories';
import { useFormSubmission } from '../../lib/useFormSubmission';
import { useLoad } from '../../lib/useLoad';
import { isStale, SettingsError } from './common';
import { LoadFailed, Skeleton } from '../../components/Loading';

/** Categories: what requesters choose at intake, each routed to a team and timed by an SLA policy. */
export function Categories() {
  const { t } = useI18n();
  const { api } = useAuth();
  const loaded = useLoad(async () => {
    const [categories, teams, policies] = await Promise.all([api.admin.categories(true), api.admin.teams(), api.admin.slaPolicies()]);
    return { categories: [...categories].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)), teams, policies };
  }, [api]);
  const [dialog, setDialog] = useState<{ category: Category | null } | null>(null);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<unknown>(null);

  function done(message: string) {
    forgetCategories();
    setDialog(null);
    setError(null);
    setNotice(message);
    loaded.reload();
  }

  async function toggle(category: Category) {
    setNotice(undefined);
    setError(null);
    try {
      await api.admin.updateCategory(category.id, { active: !category.active }, category.etag);
      done(category.active ? t('categories.deactivated', { name: category.name }) : t('categories.activated', { name: category.name }));
    } catch (err) {
      setError(err);
      // Changed meanwhile (412): the list shows it as it is now.
      if (isStale(err)) loaded.reload();
    }
  }

  const data = loaded.data;
  const teamName = (id: string | null | undefined) => (id ? (data?.teams.find((x) => x.id === id)?.name ?? id) : t('categories.noTeam'));
  const policyName = (id: string | null | undefined) => (id ? (data?.policies.find((x) => x.id === id)?.name ?? id) : t('categories.defaultPolicy'));

  return (
    <section aria-labelledby="categories-heading" className="settings__section">
      <div className="page__header">
        <h2 id="categories-heading">{t('categories.title')}</h2>
        <button type="button" className="button button--primary" onClick={() => setDialog({ category: null })}>
          {t('categories.create')}
        </button>
      </div>
      <p className="muted">{t('categories.lead')}</p>
      <SuccessNotice message={notice} />
      <ErrorAlert error={error} message={isStale(error) ? t('settings.staleList') : undefined} />
      <LoadFailed error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !data ? <Skeleton rows={3} /> : null}
      {data && data.categories.length === 0 ? <p className="empty">{t('categories.empty')}</p> : null}
      {data && data.categories.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--stack">
            <caption className="visually-hidden">{t('categories.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('categories.order')}</th>
                <th scope="col">{t('categories.name')}</th>
                <th scope="col">{t('categories.nameEn')}</th>
                <th scope="col">{t('categories.id')}</th>
                <th scope="col">{t('categories.team')}</th>
                <th scope="col">{t('categories.policy')}</th>
                <th scope="col">{t('settings.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('ticket.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.categories.map((c) => (
                <tr key={c.id} data-category={c.id}>
                  <td data-label={t('categories.order')}>{c.order}</td>
                  <th scope="row">{c.name}</th>
                  <td data-label={t('categories.nameEn')} lang="en">{c.nameEn || <span className="muted">—</span>}</td>
                  <td data-label={t('categories.id')}>
                    <code>{c.id}</code>
                  </td>
                  <td data-label={t('categories.team')}>{teamName(c.teamId)}</td>
                  <td data-label={t('categories.policy')}>{policyName(c.slaPolicyId)}</td>
                  <td data-label={t('settings.state')}>
                    <span className={`badge ${c.active ? 'badge--active' : 'badge--inactive'}`}>{c.active ? t('settings.active') : t('settings.inactive')}</span>
                  </td>
                  <td>
                    <div className="actions">
                      <button type="button" className="button button--secondary button--small" onClick={() => setDialog({ category: c })}>
                        {t('common.edit')}
                        <span className="visually-hidden"> {c.name}</span>
                      </button>
                      <button
                        type="button"
                        className={`button button--small ${c.active ? 'button--danger-outline' : 'button--secondary'}`}
                        onClick={() => void toggle(c)}
                      >
                        {c.active ? t('settings.deactivate') : t('settings.activate')}
                        <span className="visually-hidden"> {c.name}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {dialog && data ? (
        <CategoryDialog
          category={dialog.category}
          teams={data.teams}
          policies={data.policies}
          nextOrder={Math.max(0, ...data.categories.map((c) => c.order)) + 10}
          onClose={() => setDialog(null)}
          onSaved={(c) => done(dialog.category ? t('categories.saved', { name: c.name }) : t('categories.created', { name: c.name }))}
        />
      ) : null}
    </section>
  );
}

interface CategoryForm {
  id: string;
  name: string;
  nameEn: string;
  description: string;
  teamId: string;
  slaPolicyId: string;
  order: string;
  active: boolean;
}

function CategoryDialog({
  category,
  teams,
  policies,
  nextOrder,
  onClose,
  onSaved,
}: {
  category: Category | null;
  teams: Team[];
  policies: SlaPolicy[];
  nextOrder: number;
  onClose: () => void;
  onSaved: (category: Category) => void;
}) {
  const { t } = useI18n();
  const { api } = useAuth();
  const formOf = (c: Category | null): CategoryForm => ({
    id: c?.id ?? '',
    name: c?.name ?? '',
    nameEn: c?.nameEn ?? '',
    description: c?.description ?? '',
    teamId: c?.teamId ?? '',
    slaPolicyId: c?.slaPolicyId ?? '',
    order: String(c?.order ?? nextOrder),
    active: c?.active ?? true,
  });
  const [values, setValues] = useState<CategoryForm>(() => formOf(category));
  const [etag, setEtag] = useState(category?.etag ?? '');
  // The id follows the name until the admin types one of their own; once created it never changes.
  const [idTouched, setIdTouched] = useState(Boolean(category));
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<CategoryForm>(category ? ['name'] : ['id', 'name']);

  const save = async () => {
    const order = Number(values.order);
    // In a PATCH "" clears a field (null would leave it as it was); a create leaves empty ones out.
    const body = {
      name: values.name.trim(),
      nameEn: values.nameEn.trim(),
      description: values.description.trim(),
      teamId: values.teamId,
      slaPolicyId: values.slaPolicyId,
      order: values.order.trim() !== '' && Number.isFinite(order) ? order : undefined,
      active: values.active,
    };
    if (!category) {
      const orNull = (text: string) => text || null;
      return onSaved(
        await api.admin.createCategory({
          ...body,
          id: values.id.trim(),
          nameEn: orNull(body.nameEn),
          description: orNull(body.description),
          teamId: orNull(body.teamId),
          slaPolicyId: orNull(body.slaPolicyId),
        }),
      );
    }
    try {
      onSaved(await api.admin.updateCategory(category.id, body, etag));
    } catch (err) {
      if (isStale(err)) {
        const fresh = await api.admin.category(category.id);
        setValues(formOf(fresh));
        setEtag(fresh.etag);
      }
      throw err;
    }
  };

  return (
    <Modal title={category ? t('categories.editTitle', { name: category.name }) : t('categories.create')} onClose={onClose}>
      <form ref={formRef} onSubmit={(e) => void submit(e, values, save)} noValidate className="form">
        <SettingsError error={error} />
        <div className="grid-2">
          <Field label={t('categories.name')} name="name" errors={fieldErrors.name} required>
            {(p) => (
              <input
                {...p}
                type="text"
                aria-required="true"
                maxLength={100}
                value={values.name}
                onChange={(e) => setValues({ ...values, name: e.target.value, id: idTouched ? values.id : slugify(e.target.value) })}
              />
            )}
          </Field>
          <Field label={t('categories.nameEn')} name="nameEn" errors={fieldErrors.nameEn} hint={t('categories.nameEnHint')}>
            {(p) => <input {...p} type="text" lang="en" maxLength={100} value={values.nameEn} onChange={(e) => setValues({ ...values, nameEn: e.target.value })} />}
          </Field>
        </div>
        <Field label={t('categories.id')} name="id" errors={fieldErrors.id} hint={category ? t('categories.idFixed') : t('categories.idHint')} required={!category}>
          {(p) => (
            <input
              {...p}
              type="text"
              aria-required={!category}
              readOnly={Boolean(category)}
              maxLength={50}
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
        <Field label={t('settings.description')} name="description" errors={fieldErrors.description}>
          {(p) => <textarea {...p} rows={2} maxLength={500} value={values.description} onChange={(e) => setValues({ ...values, description: e.target.value })} />}
        </Field>
        <div className="grid-2">
          <Field label={t('categories.team')} name="teamId" errors={fieldErrors.teamId} hint={t('categories.teamHint')}>
            {(p) => (
              <select {...p} value={values.teamId} onChange={(e) => setValues({ ...values, teamId: e.target.value })}>
                <option value="">{t('categories.noTeam')}</option>
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                    {team.active ? '' : ` (${t('settings.inactive')})`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('categories.policy')} name="slaPolicyId" errors={fieldErrors.slaPolicyId}>
            {(p) => (
              <select {...p} value={values.slaPolicyId} onChange={(e) => setValues({ ...values, slaPolicyId: e.target.value })}>
                <option value="">{t('categories.defaultPolicy')}</option>
                {policies.map((policy) => (
                  <option key={policy.id} value={policy.id}>
                    {policy.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={t('categories.order')} name="order" errors={fieldErrors.order} hint={t('categories.orderHint')}>
          {(p) => <input {...p} type="number" inputMode="numeric" step={1} value={values.order} onChange={(e) => setValues({ ...values, order: e.target.value })} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={values.active} onChange={(e) => setValues({ ...values, active: e.target.checked })} />
          {t('categories.activeLabel')}
        </label>
        <DialogActions busy={busy} submitLabel={category ? t('settings.save') : t('categories.createSubmit')} onCancel={onClose} />
      </form>
    </Modal>
  );
}
