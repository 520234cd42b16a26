import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../api/types';
import { I18nProvider, type Lang } from '../../i18n';
import { readSatisfactionToken } from '../SatisfactionAnswer';
import { SatisfactionCard } from './SatisfactionCard';

const ticket = (rate: boolean, satisfaction?: Ticket['satisfaction']) =>
  ({ id: 't1', number: 'TCK-000123', status: 'resolved', actions: { rate }, ...(satisfaction ? { satisfaction } : {}) }) as unknown as Ticket;

function render(shown: Ticket, lang: Lang = 'es'): string {
  return renderToStaticMarkup(
    <I18nProvider lang={lang}>
      <SatisfactionCard ticket={shown} onRate={async () => undefined} />
    </I18nProvider>,
  );
}

describe('the ticket page asks for and shows satisfaction', () => {
  it('asks the requester good or bad with a comment when the server offers rating', () => {
    const html = render(ticket(true));

    expect(html).toContain('data-testid="satisfaction-ask"');
    expect(html).toContain('¿Cómo valoras la atención recibida?');
    expect(html).toMatch(/role="radio" aria-checked="false"[^>]*>Buena</);
    expect(html).toMatch(/role="radio" aria-checked="false"[^>]*>Mala</);
    expect(html).toContain('maxLength="2000"');
    // Nothing is chosen yet: the send button waits for a rating.
    expect(html).toMatch(/<button type="submit"[^>]*disabled=""/);
  });

  it('shows a rating and its comment once given, in the reader’s language', () => {
    const html = render(ticket(false, { rating: 'bad', comment: 'Tardaron tres días.', at: '2026-12-07T09:00:00Z' }), 'en');

    expect(html).toContain('data-testid="satisfaction-rated"');
    expect(html).toContain('satisfaction__rating--bad');
    expect(html).toContain('>Bad<');
    expect(html).toContain('Tardaron tres días.');
    expect(html).not.toContain('satisfaction-ask');
  });

  it('shows nothing for a ticket neither rateable nor rated', () => {
    expect(render(ticket(false))).toBe('');
  });
});

describe('the satisfaction link page reads its token', () => {
  const token = (payload: object) => `${btoa(JSON.stringify(payload)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.sig`;

  it('reads the ticket number and the rating', () => {
    expect(readSatisfactionToken(token({ v: 1, n: 42, a: 'bad' }))).toEqual({ number: 'TCK-000042', rating: 'bad' });
  });

  it('refuses a resolution link and garbage', () => {
    expect(readSatisfactionToken(token({ v: 1, n: 42, a: 'confirm' }))).toBeNull();
    expect(readSatisfactionToken('not-a-token')).toBeNull();
  });
});
