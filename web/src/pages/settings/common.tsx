import { isApiError } from '../../api/problem';
import { readAll } from '../../api/tickets';
import type { User } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { useLoad } from '../../lib/useLoad';

/** Someone else saved the same thing first (412): the form now holds their version. */
export function isStale(error: unknown): boolean {
  return isApiError(error) && error.status === 412;
}

/** A configuration form's failure; a stale edit says that the form now shows the other person's version. */
export function SettingsError({ error }: { error: unknown }) {
  const { t } = useI18n();
  return <ErrorAlert error={error} message={isStale(error) ? t('settings.stale') : undefined} />;
}

/** Active technicians and admins: who may be a team's member. */
export function useStaff() {
  const { api } = useAuth();
  return useLoad(() => readAll((cursor) => api.listUsers({ role: ['technician', 'admin'], active: true, limit: 100, cursor })), [api]);
}

export function fullName(user: Pick<User, 'firstNames' | 'lastNames'>): string {
  return `${user.firstNames} ${user.lastNames}`.trim();
}
