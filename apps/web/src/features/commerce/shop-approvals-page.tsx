import { useEffect, useId, useState } from 'react';
import type { ShopApplicationView } from '@app/contracts';
import { FormAlert } from '../../components/form-alert';
import { formatDateTime } from '../../format/format';
import { errorText, useI18n, type PlainKey } from '../../i18n';
import { commerceApi } from './commerce-api';
import { LoadFailed, Loading } from './page-bits';

/**
 * `/program/shops`: live shops waiting for the program office, oldest first; approve one, or
 * reject it with a reason its owner sees on their shop page.
 */
export function ShopApprovalsPage() {
  const { t } = useI18n();
  const [waiting, setWaiting] = useState<ShopApplicationView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    commerceApi
      .shopApplications('pending_approval', abort.signal)
      .then(setWaiting, (e: unknown) => abort.signal.aborted || setError(e));
    return () => abort.abort();
  }, []);

  const decided = (id: string, message: string) => {
    setWaiting((list) => list?.filter((a) => a.shop.id !== id) ?? null);
    setDone(message);
  };

  return (
    <div className="commerce-page">
      <h1>{t('commerce.approvals.title')}</h1>
      <p className="muted">{t('commerce.approvals.intro')}</p>
      {done && <p role="status">{done}</p>}
      {error ? (
        <LoadFailed error={error} />
      ) : !waiting ? (
        <Loading />
      ) : waiting.length === 0 ? (
        <p className="muted">{t('commerce.approvals.empty')}</p>
      ) : (
        <ul className="approval-list">
          {waiting.map((a) => (
            <Application key={a.shop.id} application={a} onDecided={decided} />
          ))}
        </ul>
      )}
    </div>
  );
}

function Application({
  application: { shop, owner },
  onDecided,
}: {
  application: ShopApplicationView;
  onDecided(id: string, message: string): void;
}) {
  const { t, locale } = useI18n();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const reasonId = useId();

  const run = (call: Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    call.then(
      () => onDecided(shop.id, message),
      (e: unknown) => {
        setBusy(false);
        setError(errorText(e, t));
      },
    );
  };

  return (
    <li className="approval-item" aria-labelledby={titleId}>
      <h2 id={titleId}>{shop.name}</h2>
      <p>
        {t(`commerce.category.${shop.category}` as PlainKey)} · {shop.region}
      </p>
      {shop.description && <p className="muted">{shop.description}</p>}
      <p>
        {t('commerce.approvals.owner', { name: owner.displayName })} ·{' '}
        {owner.maskedPhone
          ? t('commerce.approvals.phone', { phone: owner.maskedPhone })
          : t('commerce.approvals.noPhone')}
      </p>
      <p className="muted">
        {t('commerce.approvals.applied', { time: formatDateTime(shop.createdAt, locale) })}
      </p>
      <FormAlert message={error} />
      {rejecting ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              commerceApi.rejectShop(shop.id, reason),
              t('commerce.approvals.rejected', { shop: shop.name }),
            );
          }}
        >
          <label className="field-label" htmlFor={reasonId}>
            {t('commerce.approvals.reason')}
          </label>
          <textarea
            id={reasonId}
            className="field-input"
            value={reason}
            maxLength={500}
            required
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="approval-actions">
            <button type="submit" className="button button-small" disabled={busy}>
              {t('commerce.approvals.confirmReject')}
            </button>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setRejecting(false)}
            >
              {t('commerce.approvals.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="approval-actions">
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() =>
              run(commerceApi.approveShop(shop.id), t('commerce.approvals.approved', { shop: shop.name }))
            }
          >
            {t('commerce.approvals.approve')}
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={busy}
            onClick={() => setRejecting(true)}
          >
            {t('commerce.approvals.reject')}
          </button>
        </div>
      )}
    </li>
  );
}
