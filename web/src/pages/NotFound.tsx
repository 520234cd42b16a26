import { Link } from 'react-router';
import { useI18n } from '../i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export function NotFound() {
  const { t } = useI18n();
  useDocumentTitle(t('notFound.title'));
  return (
    <section className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </section>
  );
}
