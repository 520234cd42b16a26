import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditEntry } from '../../api/admin';
import type { Page } from '../../api/types';
import { readAll } from '../../api/tickets';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { dictionaries, useI18n, type MessageKey } from '../../i18n';
import { auditChanges, auditFieldValue, auditFiltersFromParams, auditFiltersToParams, auditQuery, type AuditFilters, type AuditLookups } from '../../lib/admin';
import { useLoad } from '../../lib/useLoad';
import { fullName, useStaff } from './common';

/** Words for a key the dictionary may not have (an action or target type a newer API added): the raw name then. */
function known(t: (key: MessageKey) => string, key: string, fallback: string): string {
  return key in dictionaries.es ? t(key as MessageKey) : fallback;
}

/** The admin audit log: who changed what in the help desk's people and configuration, newest first, filters in the URL. */
export function Audit() {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const { api } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => auditFiltersFromParams(params), [params]);
  const key = params.toString();
  const first = useLoad(() => api.admin.audit(auditQuery(filters)), [key]);
  const [more, setMore] = useState<{ key: string; pages: Page<AuditEntry>[] }>({ key: '', pages: [] });
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const admins = useLoad(() => readAll((cursor) => api.listUsers({ role: ['admin'], limit: 100, cursor })), [api]);
  // Names for the ids entries hold (members, a category's team and policy, a policy's calendar); a list that cannot be
  // read leaves its ids as they are.
  const staff = useStaff();
  const names = useLoad(async () => {
    const [teams, policies, calendars] = await Promise.all([
      api.admin.teams().catch(() => []),
      api.admin.slaPolicies().catch(() => []),
      api.admin.calendars().catch(() => []),
    ]);
    return { teams, policies, calendars };
  }, [api]);
  const lookups = useMemo<AuditLookups>(() => {
    const byId = <T extends { id: string }>(items: readonly T[] | undefined, word: (item: T) => string) => {
      const map = new Map((items ?? []).map((item) => [item.id, word(item)]));
      return (id: string) => map.get(id);
    };
    return {
      person: byId([...(staff.data ?? []), ...(admins.data ?? [])], fullName),
      team: byId(names.data?.teams, (x) => x.name),
      policy: byId(names.data?.policies, (x) => x.name),
      calendar: byId(names.data?.calendars, (x) => x.name),
    };
  }, [staff.data, admins.data, names.data]);
  const value = (field: string, v: unknown) => auditFieldValue(field, v, i18n, lookups);

  const pages = first.data ? [first.data, ...(more.key === key ? more.pages : [])] : [];
  const entries = pages.flatMap((p) => p.items);
  const nextCursor = pages.length > 0 ? pages[pages.length - 1].nextCursor : null;

  const set = (changes: Partial<AuditFilters>) => setParams(auditFiltersToParams({ ...filters, ...changes }), { replace: true });

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.admin.audit({ ...auditQuery(filters), cursor: nextCursor });
      setMore({ key, pages: [...(more.key === key ? more.pages : []), page] });
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  const action = (name: string) => known(t, `audit.action.${name}`, name);
  const targetType = (name: string) => known(t, `audit.target.${name}`, name);
  const fieldName = (name: string) => known(t, `audit.field.${name}`, name);
  const hasFilters = Object.values(filters).some((v) => v !== '');

  return (
    <section aria-labelledby="audit-heading" className="settings__section">
      <h2 id="audit-heading">{t('audit.title')}</h2>
      <p className="muted">{t('audit.lead')}</p>
      <form role="search" aria-label={t('audit.filters')} className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="audit-actor">{t('audit.actor')}</label>
          <select id="audit-actor" value={filters.actor} onChange={(e) => set({ actor: e.target.value })}>
            <option value="">{t('audit.anyone')}</option>
            {(admins.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {fullName(u)}
              </option>
            ))}
            {filters.actor && !(admins.data ?? []).some((u) => u.id === filters.actor) ? <option value={filters.actor}>{filters.actor}</option> : null}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select id="audit-action" value={filters.action} onChange={(e) => set({ action: e.target.value })}>
            <option value="">{t('audit.anyAction')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {action(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-target-type">{t('audit.targetType')}</label>
          <select id="audit-target-type" value={filters.targetType} onChange={(e) => set({ targetType: e.target.value })}>
            <option value="">{t('audit.anyTarget')}</option>
            {AUDIT_TARGET_TYPES.map((type) => (
              <option key={type} value={type}>
                {targetType(type)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-target-id">{t('audit.targetId')}</label>
          <input id="audit-target-id" type="text" spellCheck={false} defaultValue={filters.targetId} key={filters.targetId} onBlur={(e) => set({ targetId: e.target.value })} onKeyDown={(e) => e.key === 'Enter' && set({ targetId: e.currentTarget.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('filters.from')}</label>
          <input id="audit-from" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('filters.to')}</label>
          <input id="audit-to" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set({ to: e.target.value })} />
        </div>
        {hasFilters ? (
          <button type="button" className="button button--link filters__clear" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('filters.clear')}
          </button>
        ) : null}
      </form>
      <p role="status" className="muted list-status">
        {first.loading ? t('common.loading') : first.data ? t('list.shown', { shown: entries.length }) : ''}
      </p>
      <ErrorAlert error={first.error} />
      {!first.loading && first.data && entries.length === 0 ? <p className="empty">{t('audit.empty')}</p> : null}
      {entries.length > 0 ? (
        // Focusable so keyboard users can scroll the wide table sideways on a narrow screen.
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="audit-heading">
          <table className="table table--audit">
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const changes = auditChanges(entry.before, entry.after);
                return (
                  <tr key={entry.id} data-action={entry.action}>
                    <td className="nowrap">
                      <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                    </td>
                    <td>{entry.actor.name}</td>
                    <th scope="row">{action(entry.action)}</th>
                    <td>
                      <span className="muted">{targetType(entry.target.type)} · </span>
                      {entry.target.name || entry.target.id}
                    </td>
                    <td>
                      {changes.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        <ul className="audit-changes">
                          {changes.map((c) => (
                            <li key={c.field}>
                              {c.field ? <span className="audit-changes__field">{fieldName(c.field)}: </span> : null}
                              {entry.before === null || entry.before === undefined ? (
                                <span>{value(c.field, c.after)}</span>
                              ) : entry.after === null || entry.after === undefined ? (
                                <del>{value(c.field, c.before)}</del>
                              ) : (
                                <>
                                  <del>{value(c.field, c.before)}</del>
                                  <span aria-hidden="true"> → </span>
                                  <span className="visually-hidden"> {t('audit.becomes')} </span>
                                  <ins>{value(c.field, c.after)}</ins>
                                </>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <ErrorAlert error={moreError} />
      {nextCursor ? (
        <div className="actions actions--center">
          <button type="button" className="button button--secondary" disabled={loadingMore} onClick={() => void loadMore()}>
            {loadingMore ? t('common.loading') : t('list.loadMore')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
