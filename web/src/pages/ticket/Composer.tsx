import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { FieldErrors } from '../../api/problem';
import type { TicketActions, TicketStatus } from '../../api/types';
import { AttachmentPicker, useUploads } from '../../components/AttachmentPicker';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { fieldMessages } from '../../lib/errorMessages';
import { newIdempotencyKey } from '../../lib/useLoad';
import { insertMention, mentionAt, mentionCandidates, mentionedIds, type MentionPerson } from '../../lib/mentions';
import type { Macro } from '../../api/macros';
import { MacroPicker } from './MacroPicker';

/** The moves a reply may carry in one step, in the order the buttons show. */
const SEND_WITH: readonly { status: TicketStatus; label: 'composer.sendResolve' | 'composer.sendHold' }[] = [
  { status: 'resolved', label: 'composer.sendResolve' },
  { status: 'on_hold', label: 'composer.sendHold' },
];

export type SendComment = (
  body: string,
  internal: boolean,
  idempotencyKey: string,
  status?: TicketStatus,
  attachmentIds?: readonly string[],
  mentions?: readonly string[],
) => Promise<void>;

/** Staff's `@name` completion: colleagues from the server, and the ticket's own people (offered on public replies only). */
export type MentionSource = {
  search: (q: string) => Promise<MentionPerson[]>;
  ticketPeople: readonly MentionPerson[];
  selfId?: string;
};

/**
 * Where the caller writes. Staff get two tabs, a public reply (the requester reads it) and an internal note (amber,
 * labelled, only the team reads it), and may send a reply with a status move in ONE request ("Enviar y resolver":
 * the reply is the resolution note). The tab stays where the agent put it after sending. A requester gets a plain
 * reply box. The draft lives here, so a refresh of the page around it (someone else changed the ticket) keeps it;
 * a refused send keeps it too, with its files. Files join by drop, pick or paste (a screenshot with Ctrl+V) and upload at
 * once; the message waits for them. One idempotency key per message, so a retry posts it once. Staff also pick a canned
 * response (`onApplyMacro`), which the server applies as its own change; the draft stays as it was. With `mentions`,
 * typing `@` offers people to mention (↑/↓, Enter or Tab to pick, Esc to close): the pick inserts "@Name" and the
 * ids of those still named when it is sent go with the message.
 */
export function Composer({
  actions,
  onSend,
  onApplyMacro,
  mentions,
}: {
  actions: TicketActions;
  onSend: SendComment;
  onApplyMacro?: (macro: Macro) => Promise<void>;
  mentions?: MentionSource;
}) {
  const { t } = useI18n();
  const canInternal = actions.internalNote;
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const uploads = useUploads();
  const waiting = uploads.queue.uploading;
  const [picked, setPicked] = useState<MentionPerson[]>([]);
  const [typing, setTyping] = useState<{ start: number; query: string } | null>(null);
  const [options, setOptions] = useState<MentionPerson[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (!typing || !mentions) {
      setOptions([]);
      return;
    }
    let current = true;
    mentions.search(typing.query).then(
      (staff) => {
        if (!current) return;
        setOptions(mentionCandidates(typing.query, staff, mentions.ticketPeople, internal, mentions.selfId));
        setActive(0);
      },
      () => current && setOptions([]),
    );
    return () => {
      current = false;
    };
  }, [typing, mentions, internal]);

  function pick(person: MentionPerson) {
    const area = textarea.current;
    if (!typing || !area) return;
    const next = insertMention(body, typing.start, area.selectionStart, person.name);
    setBody(next.text);
    setPicked((p) => [...p, person]);
    setTyping(null);
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(next.caret, next.caret);
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!typing || options.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : options.length - 1;
      setActive((a) => (a + step) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setTyping(null);
    }
  }

  // An internal text never reaches the requester, so a move that needs a note for them cannot ride on it.
  const moves = canInternal
    ? SEND_WITH.flatMap((m) => {
        const allowed = actions.transitions.find((a) => a.status === m.status);
        return allowed && !(internal && allowed.requiresNote) ? [m] : [];
      })
    : [];

  async function send(status?: TicketStatus) {
    if (uploads.queue.uploading) return;
    if (!body.trim()) {
      setErrors({ body: [t('validation.required')] });
      textarea.current?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      await onSend(body.trim(), internal, key, status, uploads.queue.ids, mentions ? mentionedIds(body, picked) : undefined);
      setBody('');
      setPicked([]);
      uploads.queue.clear();
      setKey(newIdempotencyKey());
    } catch (err) {
      setErrors(fieldMessages(t, err));
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  const mode = internal ? 'internal' : 'public';
  return (
    <form
      onSubmit={submit}
      noValidate
      className={`form composer composer--${mode}`}
      data-testid="composer"
      data-mode={mode}
      {...uploads.targetProps}
    >
      {canInternal ? (
        <div role="tablist" aria-label={t('composer.mode')} className="composer__tabs">
          {(['public', 'internal'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              id={`composer-tab-${m}`}
              aria-selected={mode === m}
              aria-controls="composer-panel"
              className={`composer__tab composer__tab--${m}`}
              onClick={() => setInternal(m === 'internal')}
            >
              {t(m === 'public' ? 'composer.public' : 'composer.internal')}
            </button>
          ))}
        </div>
      ) : null}
      <div id="composer-panel" role={canInternal ? 'tabpanel' : undefined} aria-labelledby={canInternal ? `composer-tab-${mode}` : undefined}>
        {internal ? (
          <p className="composer__banner" data-testid="internal-banner">
            {t('composer.internalBanner')}
          </p>
        ) : null}
        <ErrorAlert error={error} />
        <Field label={t(internal ? 'composer.internalLabel' : canInternal ? 'composer.publicLabel' : 'composer.replyLabel')} name="body" errors={errors.body} hint={t('composer.markdownHint')} required>
          {(p) => (
            <textarea
              {...p}
              ref={textarea}
              rows={5}
              maxLength={5000}
              aria-required="true"
              value={body}
              onChange={(e) => {
                setBody(e.target.value);
                if (mentions) setTyping(mentionAt(e.target.value, e.target.selectionStart));
              }}
              onKeyDown={onKeyDown}
              onBlur={() => setTyping(null)}
              {...(mentions
                ? {
                    // A textarea is a textbox: it may say it completes from a list and which option is active, not that it
                    // expands (that is a combobox's, which a textarea cannot be); the list is named only while it is shown.
                    'aria-autocomplete': 'list' as const,
                    'aria-controls': options.length > 0 && typing ? 'mention-options' : undefined,
                    'aria-activedescendant': options.length > 0 && typing ? `mention-${options[active]?.id}` : undefined,
                  }
                : {})}
            />
          )}
        </Field>
        {mentions && typing && options.length > 0 ? (
          <ul role="listbox" id="mention-options" className="mention-options" aria-label={t('composer.mentionOptions')} data-testid="mention-options">
            {options.map((person, i) => (
              <li
                key={person.id}
                id={`mention-${person.id}`}
                role="option"
                aria-selected={i === active}
                className={`mention-options__item${i === active ? ' mention-options__item--active' : ''}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(person);
                }}
              >
                @{person.name}
              </li>
            ))}
          </ul>
        ) : null}
        {errors.mentions ? (
          <p className="field__error" data-field-error="mentions">
            {t('composer.mentionsRefused')} {errors.mentions.join(' ')}
          </p>
        ) : null}
        <AttachmentPicker uploads={uploads} />
        <div className="actions composer__actions">
          <button type="submit" className="button button--primary" disabled={busy || waiting}>
            {busy ? t('common.working') : t('composer.send')}
          </button>
          {moves.map((m) => (
            <button key={m.status} type="button" className="button button--secondary" disabled={busy || waiting} onClick={() => void send(m.status)}>
              {t(m.label)}
            </button>
          ))}
          {canInternal && onApplyMacro ? <MacroPicker onApply={onApplyMacro} /> : null}
        </div>
      </div>
    </form>
  );
}
