import { errorText, useI18n } from '../../i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="page-status" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('app.loading')}
    </p>
  );
}

export function LoadFailed({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <p className="page-status" role="alert">
      {errorText(error, t)}
    </p>
  );
}

/** A product without a photo shows its first character on a warm tile (no emoji: many phones lack the font). */
export function initial(title: string): string {
  return Array.from(title.trim())[0] ?? '·';
}
