import { useState } from 'react';
import { useI18n } from '../../i18n';
import { HeartIcon } from './live-icons';
import { formatCount } from './live-text';

/** A big heart to tap as often as one likes; taps are counted at once and sent in batches. */
export function LikeButton({ likes, onLike }: { likes: number; onLike(): void }) {
  const { t, locale } = useI18n();
  const [bursts, setBursts] = useState<number[]>([]);
  const tap = () => {
    onLike();
    const id = Date.now() + Math.random();
    // a few floating hearts at most: cheap phones should not animate dozens
    setBursts((b) => [...b.slice(-4), id]);
    window.setTimeout(() => setBursts((b) => b.filter((x) => x !== id)), 900);
  };
  return (
    <button type="button" className="live-like" onClick={tap} aria-label={t('live.like')}>
      <HeartIcon />
      <span className="live-like-count" aria-live="off">
        {formatCount(likes, locale)}
      </span>
      <span className="visually-hidden">{t('live.likes', { count: likes })}</span>
      {bursts.map((id) => (
        <span key={id} className="live-like-burst" aria-hidden="true">
          <HeartIcon size={20} />
        </span>
      ))}
    </button>
  );
}
