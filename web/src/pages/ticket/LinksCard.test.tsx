import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Comment, Ticket } from '../../api/types';
import { AuthProvider } from '../../auth/AuthContext';
import { I18nProvider, type Lang } from '../../i18n';
import { Conversation } from './Conversation';
import { LinksCard } from './LinksCard';

const ticket = (actions: { link: boolean; merge: boolean }, links: Ticket['links'] = []) =>
  ({ id: 't1', number: 'TCK-000001', links, actions: { comment: false, ...actions } }) as unknown as Ticket;

const linked: Ticket['links'] = [
  { ticketId: 't2', number: 'TCK-000002', title: 'Impresora sin tóner', type: 'duplicated_by' },
  { ticketId: 't3', number: 'TCK-000003', title: 'Planta 2', type: 'child_of' },
];

function card(t: Ticket, lang: Lang = 'es'): string {
  return renderToStaticMarkup(
    <I18nProvider lang={lang}>
      <MemoryRouter>
        <LinksCard ticket={t} onLink={async () => undefined} onUnlink={async () => undefined} onMerge={() => undefined} />
      </MemoryRouter>
    </I18nProvider>,
  );
}

describe('the links card', () => {
  it('shows each link as this ticket sees it, pointing at the other ticket, with a way to remove it', () => {
    const html = card(ticket({ link: true, merge: true }, linked));

    expect(html).toContain('Duplicado por</span> <a href="/tickets/t2" data-discover="true">TCK-000002 · Impresora sin tóner</a>');
    expect(html).toContain('Hijo de</span> <a href="/tickets/t3" data-discover="true">TCK-000003 · Planta 2</a>');
    expect(html).toContain('aria-label="Quitar el vínculo con TCK-000002"');
    expect(html).toContain('data-testid="merge-open"');
  });

  it('offers only the types one may ask for, in English too', () => {
    const html = card(ticket({ link: true, merge: false }), 'en');

    expect(html.match(/<option value="[a-z_]+"/g)).toEqual(['<option value="related"', '<option value="duplicate_of"', '<option value="parent_of"']);
    expect(html).toContain('No linked tickets.');
    expect(html).not.toContain('merge-open');
  });

  it('offers no form, removal or merge where the server allows none', () => {
    const html = card(ticket({ link: false, merge: false }, linked));

    expect(html).not.toContain('<form');
    expect(html).not.toContain('aria-label="Quitar');
    expect(html).not.toContain('merge-open');
  });
});

describe('a message copied by a merge', () => {
  it('says which ticket it came from', () => {
    const copy: Comment = {
      id: 'c1',
      ticketId: 't1',
      author: { id: 'u1', name: 'Ana Usuaria', role: 'user' },
      body: 'Sigue sin imprimir.',
      internal: false,
      createdAt: '2026-12-07T09:10:00Z',
      mergedFrom: { ticketId: 't9', number: 'TCK-000009' },
    };
    const html = renderToStaticMarkup(
      <I18nProvider lang="es">
        <AuthProvider>
          <Conversation ticket={ticket({ link: false, merge: false })} comments={[copy]} history={[]} isStaff={false} onSend={async () => undefined} />
        </AuthProvider>
      </I18nProvider>,
    );

    expect(html).toContain('data-testid="merged-from">De TCK-000009</span>');
  });
});
