import { createContext, useCallback, useContext, useEffect, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import type { AttachmentsApi } from '../api/attachments';
import type { Attachment } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { LinkCache } from '../lib/attachmentLinks';
import { fileKind, formatSize, isImage, type FileKind } from '../lib/attachments';
import { Modal } from './Modal';

const ICON_LABELS: Record<FileKind, string> = {
  image: 'IMG', pdf: 'PDF', text: 'TXT', archive: 'ZIP', document: 'DOC', spreadsheet: 'XLS', presentation: 'PPT', email: 'EML', file: 'FILE',
};

/** A small badge that says the kind of file at a glance (its name says the rest). */
export function FileIcon({ kind }: { kind: FileKind }) {
  return (
    <span className={`file-icon file-icon--${kind}`} aria-hidden="true">
      {ICON_LABELS[kind]}
    </span>
  );
}

const caches = new WeakMap<AttachmentsApi, LinkCache>();

function useLinkCache(): LinkCache {
  const { api } = useAuth();
  let cache = caches.get(api.attachments);
  if (!cache) {
    cache = new LinkCache(api.attachments.link);
    caches.set(api.attachments, cache);
  }
  return cache;
}

/**
 * The short-lived address of one attachment's bytes (`GET /attachments/{id}/link`): an `<img>` or a plain link cannot
 * send the bearer token, the SAS address needs none. `renew` asks for a new one (an image that failed with an expired
 * address).
 */
function useAttachmentLink(id: string) {
  const cache = useLinkCache();
  const [state, setState] = useState<{ id: string; url?: string; failed: boolean }>(() => ({ id, url: cache.peek(id)?.url, failed: false }));
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    cache.get(id, attempt > 0).then(
      (link) => live && setState({ id, url: link.url, failed: false }),
      () => live && setState({ id, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [cache, id, attempt]);
  // Only one renewal per shown file: an image that fails with a fresh address is broken, not expired.
  const renew = useCallback(() => setAttempt((n) => (n < 1 ? n + 1 : n)), []);
  const current = state.id === id ? state : { url: undefined, failed: false };
  return { url: current.url, failed: current.failed, renew, cache };
}

interface Gallery {
  open: (id: string) => void;
}

const GalleryContext = createContext<Gallery | null>(null);

/**
 * The ticket's images, in the order the page shows them: a thumbnail opens the viewer on its image, and the viewer
 * goes to the next and previous ones across the ticket and its comments.
 */
export function AttachmentGallery({ images, children }: { images: readonly Attachment[]; children: ReactNode }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const gallery = useMemo<Gallery>(() => ({ open: setOpenId }), []);
  const index = openId ? images.findIndex((a) => a.id === openId) : -1;
  return (
    <GalleryContext.Provider value={gallery}>
      {children}
      {index >= 0 ? <ImageViewer images={images} index={index} onIndex={(i) => setOpenId(images[i].id)} onClose={() => setOpenId(null)} /> : null}
    </GalleryContext.Provider>
  );
}

/** Every image among `attachments`, for the gallery. */
export function imagesOf(attachments: readonly Attachment[]): Attachment[] {
  return attachments.filter((a) => isImage(a.contentType));
}

/**
 * The files of a ticket or a message: images as thumbnails that open the viewer, the rest as download links with
 * their size and kind. An internal note's files look internal, as the note does.
 */
export function AttachmentList({ attachments, label }: { attachments: readonly Attachment[]; label: string }) {
  if (attachments.length === 0) return null;
  const images = attachments.filter((a) => isImage(a.contentType));
  const files = attachments.filter((a) => !isImage(a.contentType));
  return (
    <div className="attachments" data-testid="attachments">
      {images.length > 0 ? (
        <ul className="attachments__images" aria-label={label}>
          {images.map((a) => (
            <li key={a.id}>
              <Thumbnail attachment={a} />
            </li>
          ))}
        </ul>
      ) : null}
      {files.length > 0 ? (
        <ul className="attachments__files" aria-label={label}>
          {files.map((a) => (
            <li key={a.id}>
              <FileLink attachment={a} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function InternalMark({ attachment }: { attachment: Attachment }) {
  const { t } = useI18n();
  return attachment.internal ? <span className="badge badge--internal">{t('comment.internal')}</span> : null;
}

function Thumbnail({ attachment }: { attachment: Attachment }) {
  const { t, locale } = useI18n();
  const gallery = useContext(GalleryContext);
  const { url, failed, renew } = useAttachmentLink(attachment.id);
  const size = formatSize(attachment.size, locale);
  return (
    <button
      type="button"
      className={`thumb${attachment.internal ? ' thumb--internal' : ''}`}
      data-testid="thumbnail"
      onClick={() => gallery?.open(attachment.id)}
      title={`${attachment.fileName} · ${size}`}
    >
      {url ? (
        <img src={url} alt={attachment.fileName} loading="lazy" onError={renew} />
      ) : (
        <span className="thumb__placeholder">{failed ? t('attachments.unavailable', { name: attachment.fileName }) : attachment.fileName}</span>
      )}
      <span className="thumb__caption">
        {/* The image's alt text already names it for a screen reader. */}
        <span className="thumb__name" aria-hidden="true">
          {attachment.fileName}
        </span>{' '}
        <span className="muted">{size}</span> <InternalMark attachment={attachment} />
      </span>
    </button>
  );
}

/** A link to the bytes that is fresh when followed: an address held past its expiry is asked again on click. */
function useFreshLinkClick(id: string, url: string | undefined, cache: LinkCache) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (url && cache.peek(id)) return;
    event.preventDefault();
    // Opened in a new tab at once (a user's click), pointed at the bytes when the address comes.
    const tab = window.open('', '_blank');
    cache.get(id, true).then(
      (link) => {
        if (tab) {
          tab.opener = null;
          tab.location.href = link.url;
        }
      },
      () => tab?.close(),
    );
  };
}

function FileLink({ attachment }: { attachment: Attachment }) {
  const { locale } = useI18n();
  const { url, cache } = useAttachmentLink(attachment.id);
  const onClick = useFreshLinkClick(attachment.id, url, cache);
  return (
    <a
      className={`file-link${attachment.internal ? ' file-link--internal' : ''}`}
      href={url ?? '#'}
      target="_blank"
      rel="noopener noreferrer"
      onClick={onClick}
      data-testid="file-link"
    >
      <FileIcon kind={fileKind(attachment.contentType, attachment.fileName)} />
      <span className="file-link__name">{attachment.fileName}</span> <span className="muted">{formatSize(attachment.size, locale)}</span>{' '}
      <InternalMark attachment={attachment} />
    </a>
  );
}

/**
 * One image large, in a modal dialog (the browser keeps focus inside and Esc closes it): its name as alt text, a link
 * to the original, and previous / next (buttons or the arrow keys) across the ticket's images.
 */
function ImageViewer({
  images,
  index,
  onIndex,
  onClose,
}: {
  images: readonly Attachment[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const image = images[index];
  const { url, failed, renew, cache } = useAttachmentLink(image.id);
  const onDownload = useFreshLinkClick(image.id, url, cache);
  const previous = index > 0 ? () => onIndex(index - 1) : undefined;
  const next = index < images.length - 1 ? () => onIndex(index + 1) : undefined;

  // ← and → wherever focus is in the dialog (it starts on the close button).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowLeft' && index > 0) onIndex(index - 1);
      if (event.key === 'ArrowRight' && index < images.length - 1) onIndex(index + 1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [index, images.length, onIndex]);

  return (
    <Modal title={image.fileName} onClose={onClose} className="modal modal--viewer">
      <div className="viewer" data-testid="viewer">
        <figure className="viewer__figure">
          {url ? (
            <img key={image.id} src={url} alt={image.fileName} className="viewer__image" data-testid="viewer-image" onError={renew} />
          ) : (
            <p className="viewer__placeholder">{failed ? t('attachments.unavailable', { name: image.fileName }) : t('common.loading')}</p>
          )}
          <figcaption className="muted">
            {formatSize(image.size, locale)} · {t('attachments.position', { position: index + 1, total: images.length })}
            {image.internal ? (
              <>
                {' '}
                <span className="badge badge--internal">{t('comment.internal')}</span>
              </>
            ) : null}
          </figcaption>
        </figure>
        <div className="actions viewer__actions">
          <button type="button" className="button button--secondary" onClick={previous} disabled={!previous}>
            ← {t('attachments.previous')}
          </button>
          <a className="button button--secondary" href={url ?? '#'} target="_blank" rel="noopener noreferrer" onClick={onDownload} data-testid="viewer-download">
            {t('attachments.download')}
          </a>
          <button type="button" className="button button--secondary" onClick={next} disabled={!next}>
            {t('attachments.next')} →
          </button>
        </div>
      </div>
    </Modal>
  );
}
