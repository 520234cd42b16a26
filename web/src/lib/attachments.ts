import { isApiError } from '../api/problem';
import type { I18n } from '../i18n';
import { fieldMessages, problemMessage } from './errorMessages';

/** At most this many files on one ticket or comment (the server's `Attachment.MaxPerChange`). */
export const MAX_FILES = 10;

/**
 * The server's default size limit (`Tickets:Attachments:MaxBytes`). Checking it before sending is only a courtesy
 * (a file that would be refused is not sent for nothing); the server decides, and its 413 may name another limit.
 */
export const MAX_BYTES = 10 * 1024 * 1024;

/** The kinds a browser shows in place; the rest are links. */
const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function isImage(contentType: string): boolean {
  return IMAGE_TYPES.has(contentType.toLowerCase());
}

/** What kind of file, for its icon. */
export type FileKind = 'image' | 'pdf' | 'text' | 'archive' | 'document' | 'spreadsheet' | 'presentation' | 'email' | 'file';

const EXTENSION_KINDS: Record<string, FileKind> = {
  doc: 'document', docx: 'document', odt: 'document', rtf: 'document',
  xls: 'spreadsheet', xlsx: 'spreadsheet', csv: 'spreadsheet', ods: 'spreadsheet',
  ppt: 'presentation', pptx: 'presentation', odp: 'presentation',
  txt: 'text', log: 'text',
  zip: 'archive',
  eml: 'email',
  pdf: 'pdf',
};

/** The kind from the content type the server decided, the name's extension only to tell Office documents apart. */
export function fileKind(contentType: string, fileName: string): FileKind {
  const type = contentType.toLowerCase();
  if (isImage(type)) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'message/rfc822') return 'email';
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const byName = EXTENSION_KINDS[extension];
  if (byName && byName !== 'pdf' && byName !== 'email') return byName;
  if (type.startsWith('text/')) return 'text';
  if (type === 'application/zip') return 'archive';
  return 'file';
}

/** "850 B", "12 kB", "1,5 MB" in the reader's locale (binary multiples, as the limit is counted). */
export function formatSize(bytes: number, locale: string): string {
  const units = [
    ['byte', 1],
    ['kilobyte', 1024],
    ['megabyte', 1024 ** 2],
    ['gigabyte', 1024 ** 3],
  ] as const;
  const [unit, size] = [...units].reverse().find(([, s]) => bytes >= s) ?? units[0];
  const value = bytes / size;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'byte' || value >= 10 ? 0 : 1,
  }).format(value);
}

const PASTED_EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/**
 * A pasted screenshot's name: the clipboard calls every image `image.png`, so it becomes `captura-2026-12-07-2015.png`
 * (`prefix` is the reader's word for it), the local date and time it was pasted.
 */
export function pastedImageName(type: string, at: Date, prefix: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
  return `${prefix}-${stamp}.${PASTED_EXTENSIONS[type] ?? 'png'}`;
}

/** Names a clipboard gives an image it made itself (a screenshot), not a file copied from a folder. */
const GENERIC_NAME = /^(image|imagen|blob|clipboard)?(\.\w+)?$/i;

/**
 * The files of a paste (Ctrl+V): a screenshot gets a name that says what it is; a file copied from a folder keeps its
 * own. Empty when the paste is only text (then the text area takes it as usual).
 */
export function pastedFiles(data: Pick<DataTransfer, 'files' | 'items'> | null, at: Date, prefix: string): File[] {
  if (!data) return [];
  let files = Array.from(data.files ?? []);
  if (files.length === 0) {
    files = Array.from(data.items ?? [])
      .filter((item) => item.kind === 'file')
      .map((item) => item.getAsFile())
      .filter((f): f is File => f !== null);
  }
  return files.map((file) =>
    isImage(file.type) && GENERIC_NAME.test(file.name) ? new File([file], pastedImageName(file.type, at, prefix), { type: file.type }) : file,
  );
}

/** Splits the files offered into those that fit under `MAX_FILES` (with `held` already there) and those that do not. */
export function admit<T>(files: readonly T[], held: number): { accepted: T[]; refused: T[] } {
  const room = Math.max(0, MAX_FILES - held);
  return { accepted: files.slice(0, room), refused: files.slice(room) };
}

/**
 * Why one file did not upload, in the reader's words: too large (saying the limit), a type not accepted, the network,
 * too many requests (with when to retry), a name or content the server named as the `file` field's problem (an empty
 * file, a name with characters nobody can type); anything else as any other failed call.
 */
export function uploadErrorMessage(error: unknown, { t, locale }: Pick<I18n, 't' | 'locale'>): string {
  if (!isApiError(error)) return t('error.generic');
  if (error.status === 413) {
    const limit = typeof error.problem.maxBytes === 'number' ? error.problem.maxBytes : MAX_BYTES;
    return t('attachments.tooLarge', { limit: formatSize(limit, locale) });
  }
  if (error.status === 415) return t('attachments.unsupported');
  if (error.status === 0) return t('attachments.network');
  const named = fieldMessages(t, error).file;
  return named?.length ? named.join(' ') : problemMessage(t, error);
}

/** The names a history event says were attached, joined for one line ("a.png, b.pdf"); empty when none. */
export function attachedNames(files: readonly { fileName: string }[] | null | undefined): string {
  return (files ?? []).map((f) => f.fileName).join(', ');
}
