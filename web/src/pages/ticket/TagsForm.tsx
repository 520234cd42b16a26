import { useEffect, useId, useState } from 'react';
import type { Ticket } from '../../api/types';
import { useI18n } from '../../i18n';
import { addTags, TAG_MAX_LENGTH, TAGS_PER_TICKET } from '../../lib/tags';

interface Props {
  ticket: Ticket;
  /** Replaces the ticket's tags (PUT tags); the history says `tags_changed`. */
  onChange: (tags: string[]) => Promise<void>;
  /** The tags in use starting with what was typed, most used first (GET /tags). */
  suggest: (q: string) => Promise<{ tag: string; count: number }[]>;
}

/**
 * Staff label the ticket: its tags as chips (each removable), and a text box completed from the tags in use (a
 * datalist, which every browser and screen reader offers as the box's suggestions). Each add or removal is saved at once.
 */
export function TagsForm({ ticket, onChange, suggest }: Props) {
  const { t } = useI18n();
  const tags = ticket.tags ?? [];
  const [typed, setTyped] = useState('');
  const [suggestions, setSuggestions] = useState<{ tag: string; count: number }[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const listId = useId();
  const hintId = useId();

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      suggest(typed.trim())
        .then((found) => {
          if (current) setSuggestions(found);
        })
        .catch(() => {
          // Completion is a convenience: without it the box still takes any tag.
          if (current) setSuggestions([]);
        });
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [typed, suggest]);

  const add = () => {
    const next = addTags(tags, typed);
    if (next.invalid.length > 0) {
      setProblem(t('tags.invalid', { tags: next.invalid.join(', '), max: TAG_MAX_LENGTH }));
      return;
    }
    if (next.full) {
      setProblem(t('tags.full', { max: TAGS_PER_TICKET }));
      return;
    }
    setProblem(null);
    setTyped('');
    if (next.tags.length !== tags.length) void onChange(next.tags);
  };

  return (
    <form
      className="inline-form"
      aria-label={t('tags.title')}
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <div className="field">
        <span className="tag-list__label" id={`${listId}-label`}>
          {t('tags.title')}
        </span>
        {tags.length === 0 ? <p className="muted">{t('tags.none')}</p> : null}
        <ul className="tag-list" aria-labelledby={`${listId}-label`}>
          {tags.map((tag) => (
            <li key={tag} className="tag">
              <span>{tag}</span>
              <button
                type="button"
                className="tag__remove"
                aria-label={t('tags.remove', { tag })}
                onClick={() => void onChange(tags.filter((other) => other !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <label htmlFor={`${listId}-input`}>{t('tags.add')}</label>
        <input
          id={`${listId}-input`}
          value={typed}
          list={listId}
          maxLength={TAG_MAX_LENGTH * 2}
          autoComplete="off"
          aria-describedby={hintId}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setTyped(e.target.value)}
        />
        <datalist id={listId}>
          {suggestions
            .filter((s) => !tags.includes(s.tag))
            .map((s) => (
              <option key={s.tag} value={s.tag}>
                {t('tags.uses', { count: s.count })}
              </option>
            ))}
        </datalist>
        <p id={hintId} className={problem ? 'field__error' : 'field__hint'} role={problem ? 'alert' : undefined}>
          {problem ?? t('tags.hint', { max: TAGS_PER_TICKET })}
        </p>
      </div>
      <button type="submit" className="button button--secondary" disabled={typed.trim() === ''}>
        {t('tags.addButton')}
      </button>
    </form>
  );
}
