import { describe, expect, it } from 'vitest';
import { exportFileName, exportPath } from './ticketExport';

describe('ticket export', () => {
  it('asks for the export under the list\'s filters and sort', () => {
    expect(exportPath({ status: ['open', 'on_hold'], assigneeId: 'me', q: 'impresora', sort: '-updatedAt' })).toBe(
      '/tickets/export.csv?status=open,on_hold&assigneeId=me&q=impresora&sort=-updatedAt',
    );
  });

  it('leaves the list\'s paging out of the export\'s address', () => {
    expect(exportPath({ priority: 'high', limit: 25, cursor: 'abc.def', includeTotal: true })).toBe('/tickets/export.csv?priority=high');
  });

  it('asks for everything when the list has no filters', () => {
    expect(exportPath({})).toBe('/tickets/export.csv');
  });

  it('encodes a search so it cannot add parameters', () => {
    expect(exportPath({ q: 'a&limit=1 =x' })).toBe('/tickets/export.csv?q=a%26limit%3D1+%3Dx');
  });

  it('saves the file under the name the server gave, or a plain one', () => {
    expect(exportFileName('attachment; filename=tickets-20261208-0930.csv')).toBe('tickets-20261208-0930.csv');
    expect(exportFileName('attachment; filename="tickets-20261208-0930.csv"')).toBe('tickets-20261208-0930.csv');
    expect(exportFileName(null)).toBe('tickets.csv');
    expect(exportFileName('attachment; filename="../../x"')).toBe('....x');
  });
});
