import { describe, expect, it } from 'vitest';
import config from '../public/staticwebapp.config.json';

describe('staticwebapp.config.json', () => {
  it('falls back to the SPA for client routes but never for the API or assets', () => {
    expect(config.navigationFallback.rewrite).toBe('/index.html');
    expect(config.navigationFallback.exclude).toEqual(expect.arrayContaining(['/api/*', '/assets/*']));
  });

  it('leaves /api/* to the linked backend', () => {
    expect(config.routes.some((r) => r.route.startsWith('/api'))).toBe(false);
  });

  // The full set is pinned to the hosts' own definition (SecurityHeaders.cs) by tests/Tickets.UnitTests.
  it('sends the security headers', () => {
    const headers = config.globalHeaders as Record<string, string>;
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    const csp = headers['Content-Security-Policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
