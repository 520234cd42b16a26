import { NavLink, Outlet, useLocation } from 'react-router';
import { useI18n } from '../../i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

/** The sections of "Configuración", in the order an admin sets a help desk up; then what admins watch (audit, inbound mail). */
export const SETTINGS_SECTIONS = ['teams', 'categories', 'sla', 'calendars', 'audit', 'inbound'] as const;

/** Admins run the help desk from here: teams, categories, SLA policies, business calendars, the audit log and inbound mail. */
export function Settings() {
  const { t } = useI18n();
  // The tab names the section too ("Equipos · Configuración"): sections are children, so the title is set here, once.
  const { pathname } = useLocation();
  const section = SETTINGS_SECTIONS.find((s) => pathname.startsWith(`/settings/${s}`));
  useDocumentTitle(section ? `${t(`settings.section.${section}`)} · ${t('settings.title')}` : t('settings.title'));
  return (
    <section className="page settings">
      <div className="page__header">
        <h1>{t('settings.title')}</h1>
      </div>
      <nav aria-label={t('settings.sections')} className="settings__nav">
        {SETTINGS_SECTIONS.map((section) => (
          <NavLink key={section} to={`/settings/${section}`} className="tab">
            {t(`settings.section.${section}`)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </section>
  );
}
