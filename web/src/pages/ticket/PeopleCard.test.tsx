import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../api/types';
import { I18nProvider } from '../../i18n';
import { PeopleCard } from './PeopleCard';

const colleague = { id: 'u-cc', name: 'Carla Colega' };
const tech = { id: 't-1', name: 'Tomás Técnico' };

const ticketAs = (actions: { changeCcs: boolean; follow: boolean }, followers?: { id: string; name: string }[]) =>
  ({ id: 't1', requester: { id: 'u-req', name: 'Ana Usuaria' }, ccs: [colleague], followers, actions }) as unknown as Ticket;

function render(ticket: Ticket, meId: string): string {
  return renderToStaticMarkup(
    <I18nProvider lang="es">
      <PeopleCard ticket={ticket} meId={meId} onCcs={async () => undefined} onFollow={async () => undefined} lookUp={async () => colleague} />
    </I18nProvider>,
  );
}

describe('the people card', () => {
  it('lets the requester add a CC by e-mail and remove one', () => {
    const html = render(ticketAs({ changeCcs: true, follow: false }), 'u-req');

    expect(html).toContain('Carla Colega');
    expect(html).toContain('aria-label="Quitar de la copia a Carla Colega"');
    expect(html).toContain('type="email"');
    expect(html).not.toContain('Seguidores');
  });

  it('shows a CC who is copied, with nothing to change', () => {
    const html = render(ticketAs({ changeCcs: false, follow: false }), 'u-cc');

    expect(html).toContain('Carla Colega');
    expect(html).not.toContain('Quitar de la copia');
    expect(html).not.toContain('type="email"');
  });

  it('offers staff Follow, or Unfollow once they follow it, and lists the followers', () => {
    const notYet = render(ticketAs({ changeCcs: true, follow: true }, []), tech.id);
    const following = render(ticketAs({ changeCcs: true, follow: true }, [tech]), tech.id);

    expect(notYet).toContain('Nadie lo sigue.');
    expect(notYet).toMatch(/>Seguir<\/button>/);
    expect(following).toContain('Tomás Técnico');
    expect(following).toMatch(/>Dejar de seguir<\/button>/);
  });
});
