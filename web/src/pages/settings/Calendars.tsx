import { useMemo, useRef, useState, type ReactElement } from 'react';
import type { BusinessCalendar, CalendarRequest, Holiday } from '../../api/admin';
import { useAuth } from '../../auth/AuthContext';
import { DialogActions } from '../../components/DialogActions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { SuccessNotice } from '../../components/SuccessNotice';
import { useI18n } from '../../i18n';
import { fullWeek, officeWeek, pathMessages, slugify, timeZones, type WeekDay } from '../../lib/admin';
import { useFormSubmission } from '../../lib/useFormSubmission';
import { useLoad } from '../../lib/useLoad';
import { isStale, SettingsError } from './common';
import { LoadFailed, Skeleton } from '../../components/Loading';

/** Business calendars: the hours SLA clocks run in, day by day, and the holidays they stop on. */
export function Calendars() {
  const { t, formatDate } = useI18n();
  const { api } = useAuth();
  const calendars = useLoad(() => api.admin.calendars(), [api]);
  const [dialog, setDialog] = useState<{ calendar: BusinessCalendar | null } | null>(null);
  const [notice, setNotice] = useState<string>();
  const [importError, setImportError] = useState<unknown>(null);
  const [importing, setImporting] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const importTarget = useRef<BusinessCalendar | null>(null);

  async function importFile(file: File | undefined) {
    const calendar = importTarget.current;
    if (!file || !calendar) return;
    setNotice(undefined);
    setImportError(null);
    setImporting(calendar.id);
    try {
      const updated = await api.admin.importHolidays(calendar.id, await file.text(), calendar.etag);
      setNotice(t('calendars.imported', { name: updated.name, count: updated.holidays.length }));
    } catch (err) {
      setImportError(err);
    } finally {
      setImporting(undefined);
      if (fileInput.current) fileInput.current.value = '';
      calendars.reload();
    }
  }

  return (
    <section aria-labelledby="calendars-heading" className="settings__section">
      <div className="page__header">
        <h2 id="calendars-heading">{t('calendars.title')}</h2>
        <button type="button" className="button button--primary" onClick={() => setDialog({ calendar: null })}>
          {t('calendars.create')}
        </button>
      </div>
      <p className="muted">{t('calendars.lead')}</p>
      <SuccessNotice message={notice} />
      <ErrorAlert error={importError} message={isStale(importError) ? t('settings.staleList') : undefined} />
      <LoadFailed error={calendars.error} onRetry={calendars.reload} />
      {/* One hidden picker for every calendar's import button (the buttons are what people focus and read). */}
      <input
        ref={fileInput}
        type="file"
        accept=".ics,text/calendar"
        hidden
        aria-hidden="true"
        tabIndex={-1}
        onChange={(e) => void importFile(e.target.files?.[0])}
      />
      {calendars.loading && !calendars.data ? <Skeleton rows={3} /> : null}
      {calendars.data && calendars.data.length === 0 ? <p className="empty">{t('calendars.empty')}</p> : null}
      {calendars.data?.map((calendar) => (
        <article key={calendar.id} className="card" aria-labelledby={`calendar-${calendar.id}`} data-calendar={calendar.id}>
          <div className="page__header">
            <h3 id={`calendar-${calendar.id}`}>
              {calendar.name} <span className="muted small">· {calendar.timeZone}</span>
            </h3>
            <div className="actions">
              <button type="button" className="button button--secondary button--small" onClick={() => setDialog({ calendar })}>
                {t('common.edit')}
                <span className="visually-hidden"> {calendar.name}</span>
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                title={t('calendars.importHint')}
                disabled={importing === calendar.id}
                onClick={() => {
                  importTarget.current = calendar;
                  fileInput.current?.click();
                }}
              >
                {t('calendars.import')}
                <span className="visually-hidden"> · {calendar.name}</span>
              </button>
            </div>
          </div>
          <dl className="details">
            {fullWeek(calendar.week).map((d) => (
              <div key={d.day} className="details__row">
                <dt>{t(`weekday.${d.day}`)}</dt>
                <dd>{d.ranges.length === 0 ? <span className="muted">{t('calendars.closed')}</span> : d.ranges.map((r) => `${r.from}–${r.to}`).join(', ')}</dd>
              </div>
            ))}
          </dl>
          {calendar.holidays.length > 0 ? (
            <details>
              <summary>{t('calendars.holidaysCount', { count: calendar.holidays.length })}</summary>
              <ul>
                {[...calendar.holidays]
                  .sort((a, b) => a.date.localeCompare(b.date))
                  .map((h) => (
                    <li key={`${h.date}-${h.name}`}>
                      {formatDate(`${h.date}T12:00:00`)} · {h.name}
                      {h.yearly ? <span className="muted"> · {t('calendars.yearly')}</span> : null}
                    </li>
                  ))}
              </ul>
            </details>
          ) : (
            <p className="muted">{t('calendars.noHolidays')}</p>
          )}
        </article>
      ))}
      {dialog ? (
        <CalendarDialog
          calendar={dialog.calendar}
          onClose={() => setDialog(null)}
          onSaved={(c) => {
            setDialog(null);
            setNotice(dialog.calendar ? t('calendars.saved', { name: c.name }) : t('calendars.created', { name: c.name }));
            calendars.reload();
          }}
        />
      ) : null}
    </section>
  );
}

interface CalendarForm {
  id: string;
  name: string;
  timeZone: string;
  week: WeekDay[];
  holidays: Holiday[];
}

/** Calendars' ids: a letter first, at most 40 characters. */
const calendarSlug = (name: string) => slugify(name, 40, true);

const formOf = (calendar: BusinessCalendar | null): CalendarForm => ({
  id: calendar?.id ?? '',
  name: calendar?.name ?? '',
  timeZone: calendar?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'Europe/Madrid',
  week: calendar ? fullWeek(calendar.week) : officeWeek(),
  holidays: calendar?.holidays.map((h) => ({ ...h })) ?? [],
});

function CalendarDialog({ calendar, onClose, onSaved }: { calendar: BusinessCalendar | null; onClose: () => void; onSaved: (c: BusinessCalendar) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [values, setValues] = useState<CalendarForm>(() => formOf(calendar));
  const [current, setCurrent] = useState(calendar);
  // The id follows the name until the admin types one of their own; once created it never changes.
  const [idTouched, setIdTouched] = useState(Boolean(calendar));
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<CalendarForm>(calendar ? ['name', 'timeZone'] : ['id', 'name', 'timeZone']);
  const paths = pathMessages(t, error);
  const zones = useMemo(timeZones, []);

  const save = async () => {
    const body: CalendarRequest = {
      name: values.name.trim(),
      timeZone: values.timeZone.trim(),
      // Days without hours are left out: the calendar is closed on them.
      week: values.week.filter((d) => d.ranges.length > 0),
      holidays: values.holidays.map((h) => ({ ...h, name: h.name.trim() })),
    };
    if (!current) return onSaved(await api.admin.createCalendar({ id: values.id.trim(), ...body }));
    try {
      onSaved(await api.admin.updateCalendar(current.id, body, current.etag));
    } catch (err) {
      if (isStale(err)) {
        const fresh = await api.admin.calendar(current.id);
        setCurrent(fresh);
        setValues(formOf(fresh));
      }
      throw err;
    }
  };

  // The server names a bad range by its place among the days it was sent (closed days are not sent).
  const sentIndex = (dayIndex: number) => values.week.slice(0, dayIndex).filter((d) => d.ranges.length > 0).length;
  const setDay = (dayIndex: number, day: WeekDay) => setValues({ ...values, week: values.week.map((d, i) => (i === dayIndex ? day : d)) });
  const setHoliday = (index: number, holiday: Holiday) =>
    setValues({ ...values, holidays: values.holidays.map((h, i) => (i === index ? holiday : h)) });

  return (
    <Modal title={current ? t('calendars.editTitle', { name: current.name }) : t('calendars.create')} onClose={onClose}>
      <form ref={formRef} onSubmit={(e) => void submit(e, values, save)} noValidate className="form">
        <SettingsError error={error} />
        <div className="grid-2">
          <Field label={t('calendars.name')} name="name" errors={fieldErrors.name} required>
            {(p) => (
              <input
                {...p}
                type="text"
                aria-required="true"
                maxLength={100}
                value={values.name}
                onChange={(e) => setValues({ ...values, name: e.target.value, id: idTouched ? values.id : calendarSlug(e.target.value) })}
              />
            )}
          </Field>
          <Field label={t('calendars.timeZone')} name="timeZone" errors={fieldErrors.timeZone} hint={t('calendars.timeZoneHint')} required>
            {(p) => (
              <>
                <input
                  {...p}
                  type="text"
                  aria-required="true"
                  list="time-zones"
                  spellCheck={false}
                  autoCapitalize="off"
                  value={values.timeZone}
                  onChange={(e) => setValues({ ...values, timeZone: e.target.value })}
                />
                <datalist id="time-zones">
                  {zones.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>

        {current ? null : (
          <Field label={t('calendars.id')} name="id" errors={fieldErrors.id} hint={t('calendars.idHint')} required>
            {(p) => (
              <input
                {...p}
                type="text"
                aria-required="true"
                maxLength={40}
                spellCheck={false}
                autoCapitalize="off"
                value={values.id}
                onChange={(e) => {
                  setIdTouched(true);
                  setValues({ ...values, id: e.target.value });
                }}
              />
            )}
          </Field>
        )}
        <fieldset className="field">
          <legend>{t('calendars.week')}</legend>
          <p className="field__hint">{t('calendars.weekHint')}</p>
          {fieldErrors.week ? <p className="field__error">{fieldErrors.week.join(' ')}</p> : null}
          <div className="week">
            {values.week.map((day, dayIndex) => {
              const dayName = t(`weekday.${day.day}`);
              return (
                <div key={day.day} className="week__day" role="group" aria-labelledby={`day-${day.day}`}>
                  <span id={`day-${day.day}`} className="week__name">
                    {dayName}
                  </span>
                  <div className="week__ranges">
                    {day.ranges.length === 0 ? <span className="muted">{t('calendars.closed')}</span> : null}
                    {day.ranges.map((range, r) => {
                      const at = `week.${sentIndex(dayIndex)}.ranges.${r}`;
                      const errors = [...(paths[`${at}.from`] ?? []), ...(paths[`${at}.to`] ?? []), ...(paths[at] ?? [])];
                      const errorId = `range-${day.day}-${r}-error`;
                      const invalid = errors.length > 0 ? true : undefined;
                      const set = (part: 'from' | 'to', text: string) =>
                        setDay(dayIndex, { ...day, ranges: day.ranges.map((x, i) => (i === r ? { ...x, [part]: text } : x)) });
                      return (
                        <div key={r} className={`week__range${invalid ? ' field--invalid' : ''}`}>
                          <input
                            type="time"
                            aria-label={t('calendars.rangeFrom', { day: dayName, n: r + 1 })}
                            aria-invalid={invalid}
                            aria-describedby={invalid ? errorId : undefined}
                            value={range.from}
                            onChange={(e) => set('from', e.target.value)}
                          />
                          <span aria-hidden="true">–</span>
                          <input
                            type="time"
                            aria-label={t('calendars.rangeTo', { day: dayName, n: r + 1 })}
                            aria-invalid={invalid}
                            aria-describedby={invalid ? errorId : undefined}
                            value={range.to}
                            onChange={(e) => set('to', e.target.value)}
                          />
                          <button
                            type="button"
                            className="button button--ghost button--small"
                            aria-label={t('calendars.removeRange', { day: dayName, n: r + 1 })}
                            onClick={() => setDay(dayIndex, { ...day, ranges: day.ranges.filter((_, i) => i !== r) })}
                          >
                            ×
                          </button>
                          {invalid ? (
                            <p id={errorId} className="field__error week__error">
                              {[...new Set(errors)].join(' ')}
                            </p>
                          ) : null}
                        </div>
                      );
                    })}
                  </div>
                  <button
                    type="button"
                    className="button button--link"
                    onClick={() => {
                      const last = day.ranges[day.ranges.length - 1];
                      setDay(dayIndex, { ...day, ranges: [...day.ranges, last ? { from: last.to, to: last.to } : { from: '08:00', to: '15:00' }] });
                    }}
                  >
                    {t('calendars.addRange')}
                    <span className="visually-hidden"> ({dayName})</span>
                  </button>
                </div>
              );
            })}
          </div>
        </fieldset>

        <fieldset className="field">
          <legend>{t('calendars.holidays')}</legend>
          {fieldErrors.holidays ? <p className="field__error">{fieldErrors.holidays.join(' ')}</p> : null}
          {values.holidays.length === 0 ? <p className="muted">{t('calendars.noHolidays')}</p> : null}
          <ul className="holidays">
            {values.holidays.map((holiday, i) => {
              const errors = (part: string) => paths[`holidays.${i}.${part}`];
              return (
                <li key={i} className="holidays__item">
                  <HolidayInput label={t('calendars.holidayDate', { n: i + 1 })} errors={errors('date')} id={`holiday-${i}-date`}>
                    {(p) => <input {...p} type="date" value={holiday.date} onChange={(e) => setHoliday(i, { ...holiday, date: e.target.value })} />}
                  </HolidayInput>
                  <HolidayInput label={t('calendars.holidayName', { n: i + 1 })} errors={errors('name')} id={`holiday-${i}-name`}>
                    {(p) => <input {...p} type="text" maxLength={100} value={holiday.name} onChange={(e) => setHoliday(i, { ...holiday, name: e.target.value })} />}
                  </HolidayInput>
                  <label className="checkbox">
                    <input type="checkbox" checked={holiday.yearly} onChange={(e) => setHoliday(i, { ...holiday, yearly: e.target.checked })} />
                    {t('calendars.yearlyLabel')}
                  </label>
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    aria-label={t('calendars.removeHoliday', { n: i + 1 })}
                    onClick={() => setValues({ ...values, holidays: values.holidays.filter((_, x) => x !== i) })}
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
          <div>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setValues({ ...values, holidays: [...values.holidays, { date: '', name: '', yearly: false }] })}
            >
              {t('calendars.addHoliday')}
            </button>
          </div>
        </fieldset>
        <DialogActions busy={busy} submitLabel={current ? t('settings.save') : t('calendars.createSubmit')} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** A holiday's small labelled input with its error (the list is too dense for the full Field). */
function HolidayInput({
  label,
  errors,
  id,
  children,
}: {
  label: string;
  errors: string[] | undefined;
  id: string;
  children: (p: { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }) => ReactElement;
}) {
  const errorId = errors ? `${id}-error` : undefined;
  return (
    <div className={`field${errors ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      {children({ id, 'aria-invalid': errors ? true : undefined, 'aria-describedby': errorId })}
      {errors ? (
        <p id={errorId} className="field__error">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
