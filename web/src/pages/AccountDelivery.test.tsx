import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider, type Lang } from '../i18n';
import type { DeliverySettings } from '../lib/notificationSettings';
import { DeliveryFields } from './AccountDelivery';

const instant: DeliverySettings = { notificationMode: 'instant', digestHour: 8, quiet: false, quietFrom: '22:00', quietTo: '07:00' };

function render(staff: boolean, values: DeliverySettings, lang: Lang = 'es', errors = {}): string {
  return renderToStaticMarkup(
    <I18nProvider lang={lang}>
      <DeliveryFields staff={staff} values={values} errors={errors} onChange={() => undefined} />
    </I18nProvider>,
  );
}

describe('the profile\'s e-mail delivery settings', () => {
  it('offer staff the daily digest', () => {
    const html = render(true, instant);
    expect(html).toContain('name="notificationMode"');
    expect(html).toContain('Un resumen diario');
    expect(html).not.toContain('name="digestHour"');
  });

  it('show the digest hour, every hour of the day, once the digest is chosen', () => {
    const html = render(true, { ...instant, notificationMode: 'digest', digestHour: 17 }, 'en');
    expect(html).toContain('Digest time');
    expect(html.match(/<option value="\d+"/g)).toHaveLength(24);
    expect(html).toMatch(/<option value="17" selected="">17:00<\/option>/);
  });

  it('offer a requester quiet hours only', () => {
    const html = render(false, { ...instant, quiet: true });
    expect(html).not.toContain('name="notificationMode"');
    expect(html).toContain('Horas de silencio');
    expect(html).toContain('name="quietFrom"');
    expect(html).toContain('value="07:00"');
  });

  it('show the server\'s problem under the field it names', () => {
    const html = render(false, { ...instant, quiet: true }, 'en', { 'quietHours.to': ['Must be a time of day as HH:mm, e.g. 07:00.'] });
    expect(html).toContain('data-field-error="quietTo"');
    expect(html).toContain('Must be a time of day as HH:mm');
  });
});
