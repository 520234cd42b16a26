import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { translate, type Lang } from '../i18n';
import { admit, fileKind, formatSize, MAX_FILES, pastedFiles, pastedImageName, uploadErrorMessage } from './attachments';

const words = (lang: Lang) => ({
  t: (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(lang, key, vars),
  locale: lang === 'es' ? 'es-ES' : 'en-GB',
});

/** A clipboard's data as a paste event carries it. */
function clipboard(files: File[], viaItems = false): Pick<DataTransfer, 'files' | 'items'> {
  const items = files.map((file) => ({ kind: 'file', type: file.type, getAsFile: () => file }));
  return {
    files: (viaItems ? [] : files) as unknown as FileList,
    items: items as unknown as DataTransferItemList,
  };
}

describe('a pasted screenshot', () => {
  const at = new Date(2026, 11, 7, 20, 15, 42);

  it('is named for what it is and when it was pasted, in the reader’s word', () => {
    expect(pastedImageName('image/png', at, 'captura')).toBe('captura-2026-12-07-2015.png');
    expect(pastedImageName('image/jpeg', new Date(2026, 0, 2, 3, 4), 'screenshot')).toBe('screenshot-2026-01-02-0304.jpg');
  });

  it('replaces the clipboard’s generic image name, but a file copied from a folder keeps its own', () => {
    const files = pastedFiles(
      clipboard([new File(['png'], 'image.png', { type: 'image/png' }), new File(['jpg'], 'vacaciones.jpg', { type: 'image/jpeg' })]),
      at,
      'captura',
    );
    expect(files.map((f) => f.name)).toEqual(['captura-2026-12-07-2015.png', 'vacaciones.jpg']);
    expect(files[0].type).toBe('image/png');
  });

  it('is found among the clipboard’s items when its file list is empty', () => {
    const files = pastedFiles(clipboard([new File(['png'], 'image.png', { type: 'image/png' })], true), at, 'captura');
    expect(files.map((f) => f.name)).toEqual(['captura-2026-12-07-2015.png']);
  });

  it('is nothing when the paste is only text (the text area takes it)', () => {
    expect(pastedFiles(clipboard([]), at, 'captura')).toEqual([]);
    expect(pastedFiles(null, at, 'captura')).toEqual([]);
  });
});

describe('files in words', () => {
  it('gives sizes in the reader’s locale', () => {
    expect(formatSize(850, 'es-ES')).toBe('850 B');
    expect(formatSize(1536 * 1024, 'es-ES')).toBe('1,5 MB');
    expect(formatSize(1536 * 1024, 'en-GB')).toBe('1.5 MB');
    expect(formatSize(10 * 1024 * 1024, 'en-GB')).toBe('10 MB');
  });

  it('tells the kind by the decided content type, and Office documents by their extension', () => {
    expect(fileKind('image/webp', 'x.webp')).toBe('image');
    expect(fileKind('application/pdf', 'x.pdf')).toBe('pdf');
    expect(fileKind('message/rfc822', 'aviso.eml')).toBe('email');
    expect(fileKind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'cuentas.xlsx')).toBe('spreadsheet');
    expect(fileKind('application/zip', 'logs.zip')).toBe('archive');
    expect(fileKind('text/plain', 'traza.log')).toBe('text');
    expect(fileKind('application/octet-stream', 'raro')).toBe('file');
  });
});

describe('how many files a message takes', () => {
  it('admits up to the limit and says which were left out', () => {
    const offered = Array.from({ length: 4 }, (_, i) => i);
    expect(admit(offered, MAX_FILES - 3)).toEqual({ accepted: [0, 1, 2], refused: [3] });
    expect(admit(offered, MAX_FILES)).toEqual({ accepted: [], refused: [0, 1, 2, 3] });
  });
});

describe('why a file did not upload, in the reader’s language', () => {
  it('too large, saying the limit the server named (or the known one)', () => {
    const named = new ApiError(413, { status: 413, code: 'payload_too_large', maxBytes: 5 * 1024 * 1024 });
    expect(uploadErrorMessage(named, words('es'))).toBe('Supera el límite de 5 MB por archivo.');
    expect(uploadErrorMessage(new ApiError(413, { status: 413 }), words('en'))).toBe('Larger than the limit of 10 MB per file.');
  });

  it('a type not accepted, the network, and too many requests with when to retry', () => {
    expect(uploadErrorMessage(new ApiError(415, { status: 415 }), words('es'))).toMatch(/^Este tipo de archivo no se admite/);
    expect(uploadErrorMessage(new ApiError(0, { title: 'Network error' }), words('en'))).toMatch(/^Could not upload: no connection/);
    const badName = new ApiError(400, { status: 400, errors: { file: ['Has control characters.'] }, errorCodes: { file: ['invalid_characters'] } });
    expect(uploadErrorMessage(badName, words('es'))).toBe(translate('es', 'fieldError.invalid_characters'));
    expect(uploadErrorMessage(new ApiError(429, { status: 429, code: 'rate_limited' }, 12), words('es'))).toBe(
      translate('es', 'error.rateLimitedRetry', { seconds: 12 }),
    );
  });
});
