import type { UpdateProfileRequest, User } from '../api/types';

/** The e-mail delivery settings of the profile form: mode and digest hour (staff only), quiet hours (anyone). */
export interface DeliverySettings {
  notificationMode: 'instant' | 'digest';
  digestHour: number;
  quiet: boolean;
  quietFrom: string;
  quietTo: string;
}

export const DIGEST_HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** "08:00" for 8. */
export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

export const isStaff = (user: Pick<User, 'role'>) => user.role === 'technician' || user.role === 'admin';

/** The form's starting values from the account (instant at 08:00, no quiet hours, until chosen). */
export function deliverySettingsOf(user: Pick<User, 'notificationMode' | 'digestHour' | 'quietHours'> | null): DeliverySettings {
  return {
    notificationMode: user?.notificationMode === 'digest' ? 'digest' : 'instant',
    digestHour: user?.digestHour ?? 8,
    quiet: user?.quietHours != null,
    quietFrom: user?.quietHours?.from ?? '22:00',
    quietTo: user?.quietHours?.to ?? '07:00',
  };
}

/**
 * What PATCH /me is sent for them: quiet hours always (null turns them off); mode and hour only for staff, as the server
 * refuses the digest to anyone else.
 */
export function deliveryChanges(settings: DeliverySettings, staff: boolean): Partial<UpdateProfileRequest> {
  return {
    quietHours: settings.quiet ? { from: settings.quietFrom, to: settings.quietTo } : null,
    ...(staff ? { notificationMode: settings.notificationMode, digestHour: settings.digestHour } : {}),
  };
}
