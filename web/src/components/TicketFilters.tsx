import { useEffect, useState } from 'react';
import type { TeamRef } from '../api/admin';
import { PRIORITIES, STATUSES, type Priority, type TicketStatus } from '../api/types';
import { useI18n } from '../i18n';
import { EMPTY_FILTERS, hasActiveFilters, type TicketFilters } from '../lib/filters';
import { normalizeTag } from '../lib/tags';

const SEARCH_DEBOUNCE_MS = 300;

/** The list's filters; `teams` (staff) adds the team filter, `tags` (staff) the tag filter with completion. */
export function TicketFiltersBar({
  value,
  onChange,
  teams,
  tags,
}: {
  value: TicketFilters;
  onChange: (f: TicketFilters) => void;
  teams?: readonly TeamRef[];
  tags?: (q: string) => Promise<{ tag: string; count: number }[]>;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState(value.q);
  const [tag, setTag] = useState(value.tag);
  const [tagOptions, setTagOptions] = useState<string[]>([]);

  useEffect(() => setQ(value.q), [value.q]);
  useEffect(() => setTag(value.tag), [value.tag]);

  useEffect(() => {
    if (normalizeTag(tag) === value.tag) return;
    const timer = window.setTimeout(() => onChange({ ...value, q, tag: normalizeTag(tag) }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [tag, q, value, onChange]);

  useEffect(() => {
    if (!tags) return;
    let current = true;
    const timer = window.setTimeout(() => {
      tags(normalizeTag(tag))
        .then((found) => {
          if (current) setTagOptions(found.map((f) => f.tag));
        })
        .catch(() => {
          // Completion is a convenience: the filter still takes any tag.
          if (current) setTagOptions([]);
        });
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [tag, tags]);

  useEffect(() => {
    if (q === value.q) return;
    const timer = window.setTimeout(() => onChange({ ...value, q }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [q, value, onChange]);

  return (
    <form
      role="search"
      aria-label={t('filters.label')}
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...value, q });
      }}
    >
      <div className="field filters__search">
        <label htmlFor="filter-q">{t('filters.search')}</label>
        <input
          id="filter-q"
          type="search"
          value={q}
          placeholder={t('filters.searchPlaceholder')}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-status">{t('filters.status')}</label>
        <select
          id="filter-status"
          value={value.status}
          onChange={(e) => onChange({ ...value, q, status: e.target.value as TicketStatus | '' })}
        >
          <option value="">{t('filters.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-priority">{t('filters.priority')}</label>
        <select
          id="filter-priority"
          value={value.priority}
          onChange={(e) => onChange({ ...value, q, priority: e.target.value as Priority | '' })}
        >
          <option value="">{t('filters.allPriorities')}</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </div>
      {teams ? (
        <div className="field">
          <label htmlFor="filter-team">{t('filters.team')}</label>
          <select id="filter-team" value={value.team} onChange={(e) => onChange({ ...value, q, team: e.target.value })}>
            <option value="">{t('filters.allTeams')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
            {value.team && !teams.some((team) => team.id === value.team) ? <option value={value.team}>{value.team}</option> : null}
          </select>
        </div>
      ) : null}
      {tags ? (
        <div className="field">
          <label htmlFor="filter-tag">{t('filters.tag')}</label>
          <input
            id="filter-tag"
            type="search"
            list="filter-tag-options"
            autoComplete="off"
            value={tag}
            placeholder={t('filters.tagPlaceholder')}
            onChange={(e) => setTag(e.target.value)}
          />
          <datalist id="filter-tag-options">
            {tagOptions.map((option) => (
              <option key={option} value={option} />
            ))}
          </datalist>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="filter-from">{t('filters.from')}</label>
        <input id="filter-from" type="date" value={value.from} max={value.to || undefined} onChange={(e) => onChange({ ...value, q, from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="filter-to">{t('filters.to')}</label>
        <input id="filter-to" type="date" value={value.to} min={value.from || undefined} onChange={(e) => onChange({ ...value, q, to: e.target.value })} />
      </div>
      {hasActiveFilters(value) ? (
        <button type="button" className="button button--link filters__clear" onClick={() => onChange(EMPTY_FILTERS)}>
          {t('filters.clear')}
        </button>
      ) : null}
    </form>
  );
}
