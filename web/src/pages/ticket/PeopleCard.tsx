import { useId, useState } from 'react';
import { isApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import type { Ticket } from '../../api/types';
import { useI18n } from '../../i18n';
import { problemMessage } from '../../lib/errorMessages';

type Person = components['schemas']['TicketPerson'];

interface Props {
  ticket: Ticket;
  /** The signed-in user's id (to say whether they follow it). */
  meId: string;
  /** Replaces the CCs (PUT ccs); shown when `actions.changeCcs`. */
  onCcs: (ccIds: string[]) => Promise<void>;
  /** Follows or unfollows (staff); shown when `actions.follow`. */
  onFollow: (following: boolean) => Promise<void>;
  /** The active account with exactly this e-mail (GET /people/lookup); rejects with a 404 when there is none. */
  lookUp: (email: string) => Promise<Person>;
}

/**
 * Who else is on the ticket: the colleagues the requester copied (the requester and staff add them by e-mail and remove
 * them) and, for staff, who follows it with a Follow / Unfollow button.
 */
export function PeopleCard({ ticket, meId, onCcs, onFollow, lookUp }: Props) {
  const { t } = useI18n();
  const ccs = ticket.ccs;
  const followers = ticket.followers;
  const canChange = ticket.actions.changeCcs === true;
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();

  const add = async () => {
    const typed = email.trim();
    if (!typed) return;
    setBusy(true);
    setProblem(null);
    try {
      const person = await lookUp(typed);
      if (person.id === ticket.requester.id) setProblem(t('people.isRequester', { name: person.name }));
      else if (ccs.some((c) => c.id === person.id)) setProblem(t('people.alreadyCc', { name: person.name }));
      else {
        await onCcs([...ccs.map((c) => c.id), person.id]);
        setEmail('');
      }
    } catch (err) {
      if (isApiError(err) && err.status === 404) setProblem(t('people.notFound', { email: typed }));
      else setProblem(problemMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${ids}-heading`} data-testid="people-card">
      <h2 id={`${ids}-heading`}>{t('people.title')}</h2>
      <h3 id={`${ids}-ccs`}>{t('people.ccs')}</h3>
      {ccs.length === 0 ? <p className="muted">{t('people.ccsNone')}</p> : null}
      <ul className="tag-list" aria-labelledby={`${ids}-ccs`}>
        {ccs.map((cc) => (
          <li key={cc.id} className="tag">
            <span>{cc.name}</span>
            {canChange ? (
              <button
                type="button"
                className="tag__remove"
                aria-label={t('people.removeCc', { name: cc.name })}
                onClick={() => void onCcs(ccs.filter((other) => other.id !== cc.id).map((other) => other.id))}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {canChange ? (
        <form
          className="inline-form"
          aria-label={t('people.addCc')}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <div className="field">
            <label htmlFor={`${ids}-email`}>{t('people.addCc')}</label>
            <input
              id={`${ids}-email`}
              type="email"
              value={email}
              autoComplete="off"
              aria-describedby={`${ids}-hint`}
              aria-invalid={problem ? true : undefined}
              onChange={(e) => setEmail(e.target.value)}
            />
            <p id={`${ids}-hint`} className={problem ? 'field__error' : 'field__hint'} role={problem ? 'alert' : undefined}>
              {problem ?? t('people.ccsHint')}
            </p>
          </div>
          <button type="submit" className="button button--secondary" disabled={busy || email.trim() === ''}>
            {t('people.addCcButton')}
          </button>
        </form>
      ) : null}
      {followers ? (
        <>
          <h3 id={`${ids}-followers`}>{t('people.followers')}</h3>
          {followers.length === 0 ? <p className="muted">{t('people.followersNone')}</p> : null}
          <ul className="tag-list" aria-labelledby={`${ids}-followers`}>
            {followers.map((f) => (
              <li key={f.id} className="tag">
                <span>{f.name}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {ticket.actions.follow ? (
        followers?.some((f) => f.id === meId) ? (
          <button type="button" className="button button--secondary" onClick={() => void onFollow(false)}>
            {t('people.unfollow')}
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={() => void onFollow(true)}>
            {t('people.follow')}
          </button>
        )
      ) : null}
    </section>
  );
}
