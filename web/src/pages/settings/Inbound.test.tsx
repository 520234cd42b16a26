import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../api/client';
import { createInboundApi, type InboundStatusView } from '../../api/inbound';
import { createMemorySessionStore } from '../../api/session';
import { I18nProvider, type Lang } from '../../i18n';
import { InboundPanel } from './Inbound';

/** What GET /inbound/status answers, as the API writes it (camelCase, enums snake_case). */
const answer = {
  mailboxConfigured: true,
  webhookConfigured: false,
  supportAddress: 'soporte@tickets.local',
  unknownSenders: 'reject',
  mailbox: {
    host: 'outlook.office365.com',
    folder: 'INBOX',
    lastPollAt: '2026-12-07T09:59:00Z',
    lastSuccessAt: '2026-12-07T09:58:00Z',
    lastError: 'ImapProtocolException: the server closed the connection',
    lastErrorAt: '2026-12-07T09:59:00Z',
    queued: 42,
  },
  poisoned: 2,
  lastDay: { ticket: 3, comment: 5, refused: 4, auto_reply: 3, unknown_sender: 1 },
  recent: [
    {
      id: 'a1', from: 'ana@example.com', subject: 'La impresora no imprime', door: 'mailbox',
      receivedAt: '2026-12-07T09:50:00Z', processedAt: '2026-12-07T09:50:02Z', outcome: 'ticket', reason: null,
      ticketId: 't-1', ticketNumber: 'TCK-000123',
    },
    {
      id: 'a2', from: 'vacaciones@example.com', subject: 'Fuera de la oficina', door: 'webhook',
      receivedAt: '2026-12-07T09:40:00Z', processedAt: '2026-12-07T09:40:01Z', outcome: 'refused', reason: 'auto_reply',
      ticketId: null, ticketNumber: null,
    },
  ],
};

/** An API client whose fetch answers `status` with `body`, and remembers what was asked. */
function inboundApi(status: number, body: unknown) {
  const asked: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    asked.push(`${init.method ?? 'GET'} ${String(input)}`);
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  }) as unknown as typeof fetch;
  return { api: createInboundApi(new ApiClient({ baseUrl: '/api', store: createMemorySessionStore(null), fetch: fetchImpl })), asked };
}

function render(props: { status?: InboundStatusView; error?: unknown; loading?: boolean }, lang: Lang = 'es'): string {
  return renderToStaticMarkup(
    <MemoryRouter>
      <I18nProvider lang={lang}>
        <InboundPanel status={props.status} error={props.error ?? null} loading={props.loading ?? false} onRefresh={() => undefined} />
      </I18nProvider>
    </MemoryRouter>,
  );
}

/** The markup of the section carrying `data-testid="…"`. */
const part = (html: string, testId: string) => html.match(new RegExp(`<section[^>]*data-testid="${testId}"[\\s\\S]*?</section>`))?.[0] ?? '';
const rows = (html: string) => html.match(/<tr data-testid="inbound-message"[\s\S]*?<\/tr>/g) ?? [];
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('"Correo entrante" reads GET /inbound/status', () => {
  it('asks the API for the status and shows the mailbox: server, folder, last error with its time, messages taken', async () => {
    const { api, asked } = inboundApi(200, answer);
    const html = render({ status: await api.status() });

    expect(asked).toEqual(['GET /api/inbound/status']);
    const mailbox = part(html, 'inbound-mailbox');
    expect(mailbox).toContain('Configurado');
    expect(mailbox).toContain('outlook.office365.com');
    expect(mailbox).toContain('INBOX');
    expect(mailbox).toContain('ImapProtocolException: the server closed the connection');
    expect(mailbox).toContain('<time dateTime="2026-12-07T09:59:00Z">');
    expect(text(mailbox)).toContain('Mensajes recogidos 42');
  });

  it('says a door that is not configured is not, and names the support address and the unknown-senders mode', async () => {
    const { api } = inboundApi(200, { ...answer, mailboxConfigured: false, mailbox: null, unknownSenders: 'create' });
    const html = render({ status: await api.status() });

    expect(text(part(html, 'inbound-mailbox'))).toContain('No configurado');
    expect(part(html, 'inbound-mailbox')).not.toContain('outlook.office365.com');
    expect(text(part(html, 'inbound-webhook'))).toContain('No configurado');
    expect(text(part(html, 'inbound-senders'))).toContain('soporte@tickets.local');
    expect(text(part(html, 'inbound-senders'))).toContain('Crear cuenta');
  });

  it('highlights messages in the poison queue, says what they are and points to docs/email.md', async () => {
    const { api } = inboundApi(200, answer);
    const some = part(render({ status: await api.status() }), 'inbound-poison');
    const none = part(render({ status: { ...(await api.status()), poisoned: 0 } }), 'inbound-poison');

    expect(some).toContain('card--danger');
    expect(text(some)).toContain('2');
    expect(text(some)).toContain('fallaron en todos los intentos');
    expect(some).toContain('<code>docs/email.md</code>');
    expect(none).not.toContain('card--danger');
    expect(text(none)).toContain('Ningún mensaje ha fallado');
  });

  it("shows the last day's outcomes and the reasons that happened, in words", async () => {
    const { api } = inboundApi(200, answer);
    const lastDay = text(part(render({ status: await api.status() }), 'inbound-last-day'));

    expect(lastDay).toContain('Ticket nuevo 3');
    expect(lastDay).toContain('Comentario 5');
    expect(lastDay).toContain('Rechazado 4');
    expect(lastDay).toContain('Respuesta automática 3');
    expect(lastDay).toContain('Remitente sin cuenta 1');
    expect(lastDay).not.toContain('Ticket cerrado');
  });

  it('lists recent messages with door, outcome and reason in words and a link to the ticket, in Spanish and English', async () => {
    const { api } = inboundApi(200, answer);
    const status = await api.status();
    const [ticket = '', refused = ''] = rows(render({ status }));

    expect(text(ticket)).toContain('ana@example.com La impresora no imprime Buzón Ticket nuevo —');
    expect(ticket).toMatch(/<a href="\/tickets\/TCK-000123"[^>]*>TCK-000123<\/a>/);
    expect(text(refused)).toContain('Fuera de la oficina Webhook Rechazado Respuesta automática —');
    expect(refused).not.toContain('<a ');
    const [inEnglish = ''] = rows(render({ status }, 'en')).slice(1);
    expect(text(inEnglish)).toContain('Webhook Refused Automatic reply');
  });

  it('says when nothing has been processed yet', async () => {
    const { api } = inboundApi(200, { ...answer, recent: [] });
    const html = render({ status: await api.status() }, 'en');

    expect(rows(html)).toEqual([]);
    expect(html).toContain('No message has been processed yet.');
  });

  it('shows a skeleton while loading, and a failure in words with "Reintentar"', async () => {
    const { api } = inboundApi(500, { status: 500, title: 'Internal Server Error', traceId: 'abc123' });
    const error = await api.status().catch((err: unknown) => err);

    expect(render({ loading: true })).toContain('data-testid="skeleton"');
    const failed = render({ error });
    expect(failed).toContain('data-testid="load-failed"');
    expect(text(failed)).toContain('Reintentar');
    expect(failed).toContain('abc123');
    expect(failed).not.toContain('inbound-mailbox');
  });

  it('keeps the figures read before when a refresh fails, with the failure above them', async () => {
    const { api } = inboundApi(200, answer);
    const { api: failing } = inboundApi(503, { status: 503, title: 'Service Unavailable' });
    const error = await failing.status().catch((err: unknown) => err);
    const html = render({ status: await api.status(), error });

    expect(html).toContain('role="alert"');
    expect(html).not.toContain('data-testid="load-failed"');
    expect(html).toContain('outlook.office365.com');
  });
});
