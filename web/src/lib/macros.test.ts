import { describe, expect, it } from 'vitest';
import { filterMacros, fold, unknownPlaceholders } from './macros';

const macros = [
  { name: 'Bienvenida', body: 'Hola {{requester.firstNames}}, gracias por escribirnos.' },
  { name: 'Impresora atascada', body: 'Abre la bandeja y retira el papel.' },
  { name: 'VPN caída', body: 'Reinstala el cliente de la VPN.' },
  { name: 'Reinicio', body: 'Reinicia la impresora y el equipo.' },
];

describe('filterMacros', () => {
  it('returns every macro in its order for an empty or blank search', () => {
    expect(filterMacros(macros, '')).toEqual(macros);
    expect(filterMacros(macros, '   ')).toEqual(macros);
  });

  it('ignores case and accents in the search and in the macros', () => {
    expect(filterMacros(macros, 'CAIDA').map((m) => m.name)).toEqual(['VPN caída']);
    expect(filterMacros(macros, 'impresión').map((m) => m.name)).toEqual([]);
    expect(filterMacros(macros, 'IMPRESORA').map((m) => m.name)).toEqual(['Impresora atascada', 'Reinicio']);
  });

  it('lists name matches before body matches', () => {
    expect(filterMacros(macros, 'impresora').map((m) => m.name)).toEqual(['Impresora atascada', 'Reinicio']);
    expect(filterMacros(macros, 'reinici').map((m) => m.name)).toEqual(['Reinicio']);
    expect(filterMacros(macros, 'reinst').map((m) => m.name)).toEqual(['VPN caída']);
  });

  it('needs every word of the search, in the name or the body', () => {
    expect(filterMacros(macros, 'vpn cliente').map((m) => m.name)).toEqual(['VPN caída']);
    expect(filterMacros(macros, 'vpn papel')).toEqual([]);
  });
});

describe('unknownPlaceholders', () => {
  it('names each placeholder outside the list once, spaces inside the braces allowed', () => {
    expect(unknownPlaceholders('Hola {{ requester.firstNames }} {{requester.email}} {{requester.email}} {{x}}')).toEqual(['requester.email', 'x']);
    expect(unknownPlaceholders('Sin marcadores.')).toEqual([]);
  });
});

describe('fold', () => {
  it('drops accents and case', () => expect(fold('Ñandú CAÍDA')).toBe('nandu caida'));
});
