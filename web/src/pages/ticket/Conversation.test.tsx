import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Comment, HistoryEvent, Ticket } from '../../api/types';
import { AuthProvider } from '../../auth/AuthContext';
import { I18nProvider, type Lang } from '../../i18n';
import { Conversation } from './Conversation';

const requester = { id: 'u-req', name: 'Ana Usuaria' };
const ticket = { id: 't1', number: 'TCK-000123', actions: { comment: false } } as unknown as Ticket;

const comment = (id: string, body: string, channel?: 'email'): Comment => ({
  id,
  ticketId: 't1',
  author: { ...requester, role: 'user' },
  body,
  internal: false,
  createdAt: '2026-12-07T09:10:00Z',
  ...(channel ? { channel } : {}),
});

const created = (channel?: 'email'): HistoryEvent =>
  ({
    id: 'e0',
    ticketId: 't1',
    at: '2026-12-07T09:00:00Z',
    actor: requester,
    type: 'created',
    data: { number: 'TCK-000123', title: 'x', priority: 'medium', category: null, team: null, ...(channel ? { channel } : {}) },
  }) as HistoryEvent;

/** The conversation as the server renders it (no effects run: nothing is fetched). */
function render(comments: Comment[], history: HistoryEvent[], lang: Lang = 'es'): string {
  return renderToStaticMarkup(
    <I18nProvider lang={lang}>
      <AuthProvider>
        <Conversation ticket={ticket} comments={comments} history={history} isStaff={false} onSend={async () => undefined} />
      </AuthProvider>
    </I18nProvider>,
  );
}

/** The markup of each message (`<li … data-testid="message">…</li>`), in order. */
const messages = (html: string) => html.match(/<li class="message[^"]*" data-testid="message"[\s\S]*?<\/li>/g) ?? [];
const marker = (html: string) => html.match(/<li class="marker"[\s\S]*?<\/li>/)?.[0] ?? '';

describe('the conversation marks what came by e-mail', () => {
  it('a reply by e-mail carries "por correo" with an envelope and a title; a web reply carries nothing', () => {
    const html = render([comment('c1', 'Ya no imprime.', 'email'), comment('c2', 'Gracias.')], [created()]);

    const [byMail, byWeb] = messages(html);
    expect(byMail).toContain('data-testid="channel-email"');
    expect(byMail).toContain('title="Llegó por correo electrónico');
    expect(byMail).toMatch(/<svg aria-hidden="true"[^>]*>[\s\S]*<\/svg>por correo<\/span>/);
    expect(byWeb).not.toContain('channel-email');
  });

  it('says it in English for an English reader', () => {
    const html = render([comment('c1', 'It prints nothing.', 'email')], [], 'en');

    expect(messages(html)[0]).toMatch(/<\/svg>by e-mail<\/span>/);
    expect(messages(html)[0]).toContain('title="Came in by e-mail');
  });

  it('says a ticket was opened by e-mail on its creation marker, and nothing of the kind for one opened on the web', () => {
    const byMail = marker(render([], [created('email')]));
    const byWeb = marker(render([], [created()]));

    expect(byMail).toContain('data-channel="email"');
    expect(byMail).toContain('Ticket creado</strong> · Abierto por correo electrónico · Prioridad: Media');
    expect(byWeb).not.toContain('correo');
    expect(byWeb).not.toContain('data-channel');
    expect(marker(render([], [created('email')], 'en'))).toContain('Opened by e-mail');
  });
});

describe('the conversation names who a comment mentions', () => {
  it('lists the people mentioned under the message, and nothing under one that mentions no one', () => {
    const mentioning = { ...comment('c1', '@Teresa Técnica, ¿lo miras?'), mentions: [{ id: 't1', name: 'Teresa Técnica' }, { id: 't2', name: 'Tomás Técnico' }] };

    const [named, plain] = messages(render([mentioning, comment('c2', 'Gracias.')], []));

    expect(named).toContain('Menciona a Teresa Técnica, Tomás Técnico');
    expect(plain).not.toContain('data-testid="mentions"');
  });
});
