import { Link, Navigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export function Landing() {
  const { t } = useI18n();
  useDocumentTitle(undefined);
  const { user, isStaff } = useAuth();
  // Staff start from their work queue, everyone else from their own requests (as after signing in).
  if (user) return <Navigate to={isStaff ? '/queue' : '/tickets'} replace />;
  const roles = [
    { key: 'user', title: t('landing.user.title'), text: t('landing.user.text') },
    { key: 'technician', title: t('landing.technician.title'), text: t('landing.technician.text') },
    { key: 'admin', title: t('landing.admin.title'), text: t('landing.admin.text') },
  ];
  return (
    <section className="page landing">
      <div className="hero">
        <h1>{t('landing.title')}</h1>
        <p className="lead">{t('landing.lead')}</p>
        <div className="actions">
          <Link to="/register" className="button button--primary">
            {t('landing.cta.register')}
          </Link>
          <Link to="/login" className="button button--secondary">
            {t('landing.cta.login')}
          </Link>
        </div>
      </div>
      <ul className="role-cards">
        {roles.map((r) => (
          <li key={r.key} className="card">
            <h2>{r.title}</h2>
            <p>{r.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
