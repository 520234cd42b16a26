import { useI18n } from '../i18n';

/**
 * Cancel and submit at the foot of a dialog's form; the submit button says so while the request runs, and waits while
 * `disabled` (files still uploading).
 */
export function DialogActions({
  busy,
  submitLabel,
  onCancel,
  disabled = false,
}: {
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="actions actions--end">
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="button button--primary" disabled={busy || disabled}>
        {busy ? t('common.working') : submitLabel}
      </button>
    </div>
  );
}
