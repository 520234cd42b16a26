import { useI18n } from '../i18n';

/** A ticket's tags as chips (staff see them; a requester's tickets come without). Nothing when there are none. */
export function TagChips({ tags }: { tags?: readonly string[] | null }) {
  const { t } = useI18n();
  if (!tags?.length) return null;
  return (
    <ul className="tag-list tag-list--compact" aria-label={t('tags.title')}>
      {tags.map((tag) => (
        <li key={tag} className="tag">
          {tag}
        </li>
      ))}
    </ul>
  );
}
