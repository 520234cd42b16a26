import { useEffect } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { NotificationBell } from './NotificationBell';

/** Switches the interface language; for a signed-in person it is also their account's language (e-mails, notifications). */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const { user, updateProfile } = useAuth();
  const other = lang === 'es' ? 'en' : 'es';
  function switchLanguage() {
    setLang(other);
    // The interface has switched already; the account follows when the server is reachable.
    if (user && user.language !== other) void updateProfile({ language: other }).catch(() => undefined);
  }
  return (
    <button
      type="button"
      className="button button--ghost"
      lang={other}
      onClick={switchLanguage}
      title={t('lang.switchTo')}
    >
      {t('lang.other')}
    </button>
  );
}

export function Layout() {
  const { user, isStaff, isAdmin, logout } = useAuth();
  const { t, setLang } = useI18n();
  const navigate = useNavigate();

  // Signing in brings the account's language along.
  const accountLanguage = user?.language;
  const userId = user?.id;
  useEffect(() => {
    if (accountLanguage === 'es' || accountLanguage === 'en') setLang(accountLanguage);
    // Only when someone signs in, not on every profile change (the switch and the account page set it themselves).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId]);

  async function signOut() {
    await logout();
    navigate('/login');
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="header">
        <div className="header__inner">
          <NavLink to={user ? (isStaff ? '/queue' : '/tickets') : '/'} className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>{t('app.name')}</span>
          </NavLink>
          {user ? (
            <nav aria-label={t('nav.label')} className="nav">
              <NavLink to="/tickets" end>
                {t('nav.myTickets')}
              </NavLink>
              {isStaff ? <NavLink to="/queue">{t('nav.queue')}</NavLink> : null}
              {isStaff ? <NavLink to="/dashboard">{t('nav.dashboard')}</NavLink> : null}
              {isStaff ? <NavLink to="/reports">{t('nav.reports')}</NavLink> : null}
              {isStaff ? <NavLink to="/macros">{t('nav.macros')}</NavLink> : null}
              {isAdmin ? <NavLink to="/users">{t('nav.users')}</NavLink> : null}
              {isAdmin ? <NavLink to="/settings">{t('nav.settings')}</NavLink> : null}
            </nav>
          ) : null}
          <div className="header__tools">
            {user ? <NotificationBell /> : null}
            <LanguageSwitch />
            {user ? (
              <>
                <NavLink to="/account" className="header__user" data-testid="current-user" title={t('nav.account')}>
                  <span className="header__name">{user.firstNames}</span> <span className="header__role muted">({t(`role.${user.role}`)})</span>
                </NavLink>
                <button type="button" className="button button--secondary" onClick={() => void signOut()}>
                  {t('nav.logout')}
                </button>
              </>
            ) : (
              <>
                <NavLink to="/login" className="button button--ghost">
                  {t('nav.login')}
                </NavLink>
                <NavLink to="/register" className="button button--primary">
                  {t('nav.register')}
                </NavLink>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main">
        <Outlet />
      </main>
      <footer className="footer">
        <p>{t('footer.text')}</p>
      </footer>
    </>
  );
}
