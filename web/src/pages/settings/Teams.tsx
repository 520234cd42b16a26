import { useMemo, useState } from 'react';
import { ASSIGNMENT_MODES, type AssignmentMode, type Team } from '../../api/admin';
import { isApiError } from '../../api/problem';
import type { User } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DialogActions } from '../../components/DialogActions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { SuccessNotice } from '../../components/SuccessNotice';
import { useI18n } from '../../i18n';
import { useFormSubmission } from '../../lib/useFormSubmission';
import { useLoad } from '../../lib/useLoad';
import { fullName, isStale, SettingsError, useStaff } from './common';
import { LoadFailed, Skeleton } from '../../components/Loading';

type Dialog = { kind: 'edit'; team: Team | null } | { kind: 'delete'; team: Team } | null;

const isMode = (value: string): value is AssignmentMode => (ASSIGNMENT_MODES as readonly string[]).includes(value);

/** Teams: groups of technicians and admins that categories route tickets to, each with its way of assigning. */
export function Teams() {
  const { t } = useI18n();
  const { api } = useAuth();
  const teams = useLoad(() => api.admin.teams(), [api]);
  const staff = useStaff();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [errorMessage, setErrorMessage] = useState<string>();
  const names = useMemo(() => new Map((staff.data ?? []).map((u) => [u.id, fullName(u)])), [staff.data]);

  function done(message: string) {
    setDialog(null);
    setError(null);
    setErrorMessage(undefined);
    setNotice(message);
    teams.reload();
  }

  return (
    <section aria-labelledby="teams-heading" className="settings__section">
      <div className="page__header">
        <h2 id="teams-heading">{t('teams.title')}</h2>
        <button type="button" className="button button--primary" onClick={() => setDialog({ kind: 'edit', team: null })}>
          {t('teams.create')}
        </button>
      </div>
      <p className="muted">{t('teams.lead')}</p>
      <SuccessNotice message={notice} />
      <ErrorAlert error={error} message={errorMessage} />
      <LoadFailed error={teams.error} onRetry={teams.reload} />
      {teams.loading && !teams.data ? <Skeleton rows={3} /> : null}
      {teams.data && teams.data.length === 0 ? <p className="empty">{t('teams.empty')}</p> : null}
      {teams.data && teams.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--stack">
            <caption className="visually-hidden">{t('teams.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('teams.name')}</th>
                <th scope="col">{t('teams.assignment')}</th>
                <th scope="col">{t('teams.members')}</th>
                <th scope="col">{t('settings.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('ticket.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {teams.data.map((team) => (
                <tr key={team.id} data-team={team.name}>
                  <th scope="row">
                    {team.name}
                    {team.description ? <div className="muted small">{team.description}</div> : null}
                  </th>
                  <td data-label={t('teams.assignment')}>{isMode(team.assignment) ? t(`teams.mode.${team.assignment}`) : team.assignment}</td>
                  <td data-label={t('teams.members')}>
                    {team.memberIds.length === 0
                      ? t('teams.noMembers')
                      : team.memberIds.map((id) => names.get(id) ?? id).join(', ')}
                  </td>
                  <td data-label={t('settings.state')}>
                    <span className={`badge ${team.active ? 'badge--active' : 'badge--inactive'}`}>
                      {team.active ? t('settings.active') : t('settings.inactive')}
                    </span>
                  </td>
                  <td>
                    <div className="actions">
                      <button type="button" className="button button--secondary button--small" onClick={() => setDialog({ kind: 'edit', team })}>
                        {t('common.edit')}
                        <span className="visually-hidden"> {team.name}</span>
                      </button>
                      <button type="button" className="button button--danger-outline button--small" onClick={() => setDialog({ kind: 'delete', team })}>
                        {t('common.delete')}
                        <span className="visually-hidden"> {team.name}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {dialog?.kind === 'edit' ? (
        <TeamDialog
          team={dialog.team}
          staff={staff.data ?? []}
          onClose={() => setDialog(null)}
          onSaved={(team) => done(dialog.team ? t('teams.saved', { name: team.name }) : t('teams.created', { name: team.name }))}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('teams.deleteTitle', { name: dialog.team.name })}
          message={t('teams.deleteText')}
          confirmLabel={t('common.delete')}
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            try {
              await api.admin.deleteTeam(dialog.team.id, dialog.team.etag);
            } catch (err) {
              // Tickets still open in the team (409) or a team changed meanwhile (412): said on the page, list fresh.
              if (!isApiError(err) || (err.status !== 409 && err.status !== 412)) throw err;
              setDialog(null);
              setNotice(undefined);
              setError(err);
              setErrorMessage(
                err.status === 412
                  ? t('settings.staleList')
                  : err.code === 'team_in_use'
                    ? t('teams.inUse', { name: dialog.team.name })
                    : err.code === 'team_has_open_tickets'
                      ? t('teams.hasOpenTickets', { name: dialog.team.name })
                      : undefined,
              );
              teams.reload();
              return;
            }
            done(t('teams.deleted', { name: dialog.team.name }));
          }}
        />
      ) : null}
    </section>
  );
}

interface TeamForm {
  name: string;
  description: string;
  assignment: AssignmentMode;
  memberIds: string[];
  active: boolean;
}

const formOf = (team: Team | null): TeamForm => ({
  name: team?.name ?? '',
  description: team?.description ?? '',
  assignment: team && isMode(team.assignment) ? team.assignment : 'manual',
  memberIds: team?.memberIds ?? [],
  active: team?.active ?? true,
});

function TeamDialog({ team, staff, onClose, onSaved }: { team: Team | null; staff: User[]; onClose: () => void; onSaved: (team: Team) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [values, setValues] = useState<TeamForm>(() => formOf(team));
  const [etag, setEtag] = useState(team?.etag ?? '');
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<TeamForm>(['name']);
  const people = useMemo(() => [...staff].sort((a, b) => fullName(a).localeCompare(fullName(b))), [staff]);
  // A member who is no longer active staff stays listed (unchecking removes them), named by id.
  const strangers = values.memberIds.filter((id) => !staff.some((u) => u.id === id));

  const save = async () => {
    const body = { ...values, name: values.name.trim() };
    if (!team) return onSaved(await api.admin.createTeam({ ...body, description: body.description.trim() || null }));
    try {
      // In a PATCH an empty description clears it (null would leave it as it was).
      onSaved(await api.admin.updateTeam(team.id, { ...body, description: body.description.trim() }, etag));
    } catch (err) {
      if (isStale(err)) {
        const fresh = await api.admin.team(team.id);
        setValues(formOf(fresh));
        setEtag(fresh.etag);
      }
      throw err;
    }
  };

  const toggle = (id: string, on: boolean) =>
    setValues({ ...values, memberIds: on ? [...values.memberIds, id] : values.memberIds.filter((m) => m !== id) });

  return (
    <Modal title={team ? t('teams.editTitle', { name: team.name }) : t('teams.create')} onClose={onClose}>
      <form ref={formRef} onSubmit={(e) => void submit(e, values, save)} noValidate className="form">
        <SettingsError error={error} />
        <Field label={t('teams.name')} name="name" errors={fieldErrors.name} required>
          {(p) => <input {...p} type="text" aria-required="true" maxLength={100} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />}
        </Field>
        <Field label={t('settings.description')} name="description" errors={fieldErrors.description}>
          {(p) => <textarea {...p} rows={2} maxLength={500} value={values.description} onChange={(e) => setValues({ ...values, description: e.target.value })} />}
        </Field>
        <fieldset className="field" aria-describedby="assignment-hint">
          <legend>{t('teams.assignment')}</legend>
          {ASSIGNMENT_MODES.map((mode) => (
            <label key={mode} className="checkbox">
              <input
                type="radio"
                name="assignment"
                value={mode}
                checked={values.assignment === mode}
                aria-invalid={fieldErrors.assignment ? true : undefined}
                onChange={() => setValues({ ...values, assignment: mode })}
              />
              {t(`teams.mode.${mode}`)}
            </label>
          ))}
          <p id="assignment-hint" className="field__hint">
            {t(`teams.modeHint.${values.assignment}`)}
          </p>
          {fieldErrors.assignment ? <p className="field__error">{fieldErrors.assignment.join(' ')}</p> : null}
        </fieldset>
        <fieldset className="field">
          <legend>{t('teams.members')}</legend>
          <p className="field__hint">{t('teams.membersHint')}</p>
          <div className="checklist">
            {people.map((u) => (
              <label key={u.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={values.memberIds.includes(u.id)}
                  aria-invalid={fieldErrors.memberIds ? true : undefined}
                  onChange={(e) => toggle(u.id, e.target.checked)}
                />
                <span>
                  {fullName(u)} <span className="muted">· {u.email} · {t(`role.${u.role}`)}</span>
                </span>
              </label>
            ))}
            {strangers.map((id) => (
              <label key={id} className="checkbox">
                <input type="checkbox" checked onChange={() => toggle(id, false)} />
                <span className="muted">{t('teams.formerMember', { id })}</span>
              </label>
            ))}
          </div>
          {fieldErrors.memberIds ? (
            <p className="field__error" data-field-error="memberIds">
              {fieldErrors.memberIds.join(' ')}
            </p>
          ) : null}
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={values.active} onChange={(e) => setValues({ ...values, active: e.target.checked })} />
          {t('teams.activeLabel')}
        </label>
        <DialogActions busy={busy} submitLabel={team ? t('settings.save') : t('teams.createSubmit')} onCancel={onClose} />
      </form>
    </Modal>
  );
}
