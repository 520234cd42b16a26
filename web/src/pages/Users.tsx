import { useEffect, useState } from 'react';
import { ROLES, type CreateUserForm, type Page, type Role, type User } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorAlert';
import { SuccessNotice } from '../components/SuccessNotice';
import { Field } from '../components/Field';
import { Modal } from '../components/Modal';
import { EMPTY_REGISTRATION, REGISTRATION_FIELDS, UserFields } from '../components/UserFields';
import { useI18n } from '../i18n';
import { dniFieldErrors } from '../lib/nationalId';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useLoad } from '../lib/useLoad';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { LoadFailed, Skeleton } from '../components/Loading';

type Dialog = { kind: 'create' } | { kind: 'active'; user: User } | { kind: 'role'; user: User; role: Role } | null;

export function Users() {
  const { t, formatDateTime } = useI18n();
  useDocumentTitle(t('users.title'));
  const { api, user: me } = useAuth();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [active, setActive] = useState<'' | 'true' | 'false'>('');
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<Page<User>[]>([]);
  const [resending, setResending] = useState<string>();

  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(q.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [q]);

  const query = { q: search || undefined, role: role || undefined, active: active === '' ? undefined : active === 'true', limit: 50 };
  const first = useLoad(() => {
    setExtra([]);
    return api.listUsers(query);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, role, active, version]);
  const pages = first.data ? [first.data, ...extra] : [];
  const users = pages.flatMap((p) => p.items);
  const nextCursor = pages.length ? pages[pages.length - 1].nextCursor : null;

  function done(message: string) {
    setDialog(null);
    setError(null);
    setNotice(message);
    setVersion((v) => v + 1);
  }

  // Nothing to confirm: another link replaces the one the person has not used, which they could ask for again anyway.
  async function resend(u: User) {
    setResending(u.id);
    setNotice(undefined);
    try {
      await api.resendInvitation(u.id);
      done(t('users.invitationResent', { name: fullName(u), email: u.email }));
    } catch (err) {
      setError(err);
    } finally {
      setResending(undefined);
    }
  }


  return (
    <section className="page">
      <div className="page__header">
        <h1>{t('users.title')}</h1>
        <button type="button" className="button button--primary" onClick={() => setDialog({ kind: 'create' })}>
          {t('users.create')}
        </button>
      </div>
      <SuccessNotice message={notice} />
      <ErrorAlert error={error} />
      <form role="search" aria-label={t('users.filters')} className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field filters__search">
          <label htmlFor="users-q">{t('users.search')}</label>
          <input id="users-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="users-role">{t('field.role')}</label>
          <select id="users-role" value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">{t('users.allRoles')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="users-active">{t('users.state')}</label>
          <select id="users-active" value={active} onChange={(e) => setActive(e.target.value as '' | 'true' | 'false')}>
            <option value="">{t('users.allStates')}</option>
            <option value="true">{t('users.active')}</option>
            <option value="false">{t('users.inactive')}</option>
          </select>
        </div>
      </form>
      <p role="status" className="muted list-status">
        {first.loading ? '' : t('list.shown', { shown: users.length })}
      </p>
      {first.loading && !first.data ? <Skeleton rows={5} /> : null}
      <LoadFailed error={first.error} onRetry={first.reload} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('users.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('field.email')}</th>
              <th scope="col">{t('field.department')}</th>
              <th scope="col">{t('field.role')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">{t('users.lastLogin')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('ticket.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-user-email={u.email}>
                <th scope="row">{fullName(u)}</th>
                <td>{u.email}</td>
                <td>{u.department}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                    {t('users.roleOf', { name: fullName(u) })}
                  </label>
                  <select id={`role-${u.id}`} value={u.role} disabled={u.id === me?.id} onChange={(e) => setDialog({ kind: 'role', user: u, role: e.target.value as Role })}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {/* An active account nobody can sign in to yet is not "active" to the reader: it waits for its owner. */}
                  {u.active && u.invitationPending ? (
                    <span className="badge badge--pending" title={t('users.invitationPendingHint')}>
                      {t('users.invitationPending')}
                    </span>
                  ) : (
                    <span className={`badge ${u.active ? 'badge--active' : 'badge--inactive'}`}>
                      {u.active ? t('users.active') : t('users.inactive')}
                    </span>
                  )}
                </td>
                <td>{formatDateTime(u.lastLoginAt)}</td>
                <td>
                  <div className="row-actions">
                    {u.invitationPending && u.active ? (
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        disabled={resending === u.id}
                        onClick={() => void resend(u)}
                      >
                        {resending === u.id ? t('common.working') : t('users.resendInvitation')}
                        <span className="visually-hidden"> {u.email}</span>
                      </button>
                    ) : null}
                    {u.id !== me?.id ? (
                      <button
                        type="button"
                        className={`button button--small ${u.active ? 'button--danger-outline' : 'button--secondary'}`}
                        onClick={() => setDialog({ kind: 'active', user: u })}
                      >
                        {u.active ? t('users.deactivate') : t('users.reactivate')}
                        <span className="visually-hidden"> {u.email}</span>
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextCursor ? (
        <div className="actions actions--center">
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              void api.listUsers({ ...query, cursor: nextCursor }).then((page) => setExtra((e) => [...e, page]), setError)
            }
          >
            {t('list.loadMore')}
          </button>
        </div>
      ) : null}
      {dialog?.kind === 'create' ? (
        <CreateStaffDialog
          onClose={() => setDialog(null)}
          onCreated={(u, invited) =>
            done(invited ? t('users.invited', { name: fullName(u), email: u.email }) : t('users.created', { name: fullName(u) }))
          }
        />
      ) : null}
      {dialog?.kind === 'role' ? (
        <ConfirmDialog
          title={t('users.roleChangeTitle', { name: fullName(dialog.user) })}
          message={t('users.roleChangeText', { from: t(`role.${dialog.user.role}`), to: t(`role.${dialog.role}`) })}
          confirmLabel={t('users.roleChangeConfirm')}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.updateUser(dialog.user.id, { role: dialog.role });
            done(t('users.roleChanged', { name: fullName(dialog.user), role: t(`role.${dialog.role}`) }));
          }}
        />
      ) : null}
      {dialog?.kind === 'active' ? (
        <ConfirmDialog
          title={dialog.user.active ? t('users.deactivateTitle', { name: fullName(dialog.user) }) : t('users.reactivateTitle', { name: fullName(dialog.user) })}
          message={dialog.user.active ? t('users.deactivateText') : t('users.reactivateText')}
          confirmLabel={dialog.user.active ? t('users.deactivate') : t('users.reactivate')}
          danger={dialog.user.active}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.updateUser(dialog.user.id, { active: !dialog.user.active });
            done(dialog.user.active ? t('users.deactivated', { name: fullName(dialog.user) }) : t('users.reactivated', { name: fullName(dialog.user) }));
          }}
        />
      ) : null}
    </section>
  );
}

function fullName(u: Pick<User, 'firstNames' | 'lastNames'>): string {
  return `${u.firstNames} ${u.lastNames}`.trim();
}

const INVITATION_FIELDS = REGISTRATION_FIELDS.filter((f) => f !== 'password');

function CreateStaffDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (u: User, invited: boolean) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [values, setValues] = useState<CreateUserForm>({ ...EMPTY_REGISTRATION, role: 'technician' });
  // Inviting is the default: the admin never knows (or types) someone else's password.
  const [invite, setInvite] = useState(true);
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<CreateUserForm>(
    invite ? INVITATION_FIELDS : REGISTRATION_FIELDS,
    dniFieldErrors,
  );

  const create = async () => {
    const { password, ...rest } = values;
    const trimmed = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v.trim()])) as Omit<CreateUserForm, 'password'>;
    onCreated(await api.createUser(invite ? trimmed : { ...trimmed, password }), invite);
  };

  return (
    <Modal title={t('users.create')} onClose={onClose}>
      <form ref={formRef} onSubmit={(e) => void submit(e, values, create)} noValidate className="form">
        <ErrorAlert error={error} />
        <fieldset className="field">
          <legend>{t('users.access')}</legend>
          <label className="checkbox">
            <input type="radio" name="access" checked={invite} onChange={() => setInvite(true)} />
            {t('users.invite')}
          </label>
          <label className="checkbox">
            <input type="radio" name="access" checked={!invite} onChange={() => setInvite(false)} />
            {t('users.typePassword')}
          </label>
        </fieldset>
        <UserFields
          values={values}
          errors={fieldErrors}
          withPassword={!invite}
          onChange={(v) => setValues({ ...values, ...v })}
        />
        <Field label={t('field.role')} name="role" errors={fieldErrors.role}>
          {(p) => (
            <select {...p} value={values.role} onChange={(e) => setValues({ ...values, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <DialogActions busy={busy} submitLabel={t('users.createSubmit')} onCancel={onClose} />
      </form>
    </Modal>
  );
}
