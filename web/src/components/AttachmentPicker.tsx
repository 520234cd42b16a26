import { useEffect, useRef, useState, useSyncExternalStore, type ClipboardEvent, type DragEvent } from 'react';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { fileKind, formatSize, MAX_BYTES, MAX_FILES, pastedFiles, uploadErrorMessage } from '../lib/attachments';
import { UploadQueue, type UploadState } from '../lib/uploads';
import { FileIcon } from './Attachments';

export interface Uploads {
  queue: UploadQueue;
  state: UploadState;
  /** Spread on the form: a paste (Ctrl+V a screenshot) or a drop anywhere in it adds the files. */
  targetProps: {
    onPaste: (event: ClipboardEvent) => void;
    onDragOver: (event: DragEvent) => void;
    onDrop: (event: DragEvent) => void;
  };
}

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

/**
 * The files of one message. Uploads start at once; the list lives as long as the form, and a form closed unsent
 * deletes what it uploaded (nothing references those files).
 */
export function useUploads(): Uploads {
  const { api } = useAuth();
  const { t } = useI18n();
  const [queue] = useState(() => new UploadQueue({ upload: api.attachments.upload, remove: api.attachments.remove }));
  useEffect(() => () => queue.dispose(), [queue]);
  const state = useSyncExternalStore(queue.subscribe, queue.snapshot);
  return {
    queue,
    state,
    targetProps: {
      onPaste: (event) => {
        const files = pastedFiles(event.clipboardData, new Date(), t('attachments.pastedPrefix'));
        if (files.length === 0) return; // Text: the text area takes it as usual.
        event.preventDefault();
        queue.add(files);
      },
      onDragOver: (event) => {
        if (hasFiles(event)) event.preventDefault();
      },
      onDrop: (event) => {
        if (!hasFiles(event)) return;
        // The browser would otherwise open the file in place of the app.
        event.preventDefault();
        queue.add(Array.from(event.dataTransfer.files));
      },
    },
  };
}

/**
 * Where files join a message: drop them here (or anywhere on the form), pick them, or paste a screenshot. Each file
 * shows its progress, then its size, or why it was refused in the reader's words; × takes it off.
 */
export function AttachmentPicker({ uploads }: { uploads: Uploads }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const { queue, state, targetProps } = uploads;

  return (
    <div
      className={`uploads${over ? ' uploads--over' : ''}`}
      data-testid="uploads"
      onDragEnter={(e) => hasFiles(e) && setOver(true)}
      onDragLeave={() => setOver(false)}
      onDragOver={targetProps.onDragOver}
      onDrop={(e) => {
        setOver(false);
        targetProps.onDrop(e);
        // Handled here: the form's own drop handler must not add the same files again.
        e.stopPropagation();
      }}
    >
      <p className="uploads__hint">
        {t('attachments.hint')}{' '}
        <button type="button" className="button button--link" onClick={() => input.current?.click()}>
          {t('attachments.pick')}
        </button>
        <span className="muted uploads__limits"> {t('attachments.limits', { max: MAX_FILES, size: formatSize(MAX_BYTES, locale) })}</span>
      </p>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="upload-input"
        onChange={(e) => {
          queue.add(Array.from(e.target.files ?? []));
          // The same file may be picked again after it was removed.
          e.target.value = '';
        }}
      />
      {state.refused > 0 ? (
        <p className="field__error" role="alert">
          {t('attachments.tooMany', { max: MAX_FILES, count: state.refused })}
        </p>
      ) : null}
      {state.items.length > 0 ? (
        <ul className="uploads__list" aria-label={t('attachments.title')}>
          {state.items.map((item) => (
            <li key={item.key} className={`upload upload--${item.status}`} data-testid="upload" data-status={item.status}>
              <FileIcon kind={fileKind(item.type, item.name)} />
              <span className="upload__name">{item.name}</span>
              <span className="muted upload__size">{formatSize(item.size, locale)}</span>
              {item.status === 'uploading' ? (
                <progress
                  className="upload__progress"
                  max={Math.max(item.total, 1)}
                  value={item.sent}
                  aria-label={t('attachments.uploading', { name: item.name })}
                />
              ) : null}
              {item.status === 'done' ? <span className="upload__done">{t('attachments.uploaded')}</span> : null}
              {item.status === 'failed' ? (
                <span className="upload__error" role="alert">
                  {uploadErrorMessage(item.error, i18n)}
                </span>
              ) : null}
              <button
                type="button"
                className="button button--ghost upload__remove"
                aria-label={t('attachments.remove', { name: item.name })}
                onClick={() => queue.remove(item.key)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {queue.uploading ? (
        <p className="muted uploads__waiting" role="status">
          {t('attachments.waiting')}
        </p>
      ) : null}
    </div>
  );
}
