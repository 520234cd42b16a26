import { describe, expect, it } from 'vitest';
import { deliveryChanges, deliverySettingsOf, hourLabel } from './notificationSettings';

describe('notification delivery settings', () => {
  it('start as instant at 08:00 without quiet hours for an account that never chose', () => {
    expect(deliverySettingsOf({ notificationMode: 'instant', digestHour: 8, quietHours: null })).toEqual({
      notificationMode: 'instant',
      digestHour: 8,
      quiet: false,
      quietFrom: '22:00',
      quietTo: '07:00',
    });
  });

  it('keep the account\'s digest hour and quiet hours', () => {
    const settings = deliverySettingsOf({ notificationMode: 'digest', digestHour: 17, quietHours: { from: '23:00', to: '06:30' } });
    expect(settings).toMatchObject({ notificationMode: 'digest', digestHour: 17, quiet: true, quietFrom: '23:00', quietTo: '06:30' });
  });

  it('send mode and hour for staff only, and quiet hours turned off as null', () => {
    const settings = { notificationMode: 'digest' as const, digestHour: 7, quiet: false, quietFrom: '22:00', quietTo: '07:00' };
    expect(deliveryChanges(settings, true)).toEqual({ quietHours: null, notificationMode: 'digest', digestHour: 7 });
    expect(deliveryChanges({ ...settings, quiet: true }, false)).toEqual({ quietHours: { from: '22:00', to: '07:00' } });
  });

  it('write hours as HH:00', () => {
    expect(hourLabel(8)).toBe('08:00');
    expect(hourLabel(23)).toBe('23:00');
  });
});
