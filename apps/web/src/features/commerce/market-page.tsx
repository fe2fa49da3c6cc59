import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { MarketProductView, ShopCategory } from '@app/contracts';
import { ShopCategories } from '@app/contracts';
import { TextField } from '../../components/text-field';
import { formatMoney } from '../../format/format';
import { errorText, useI18n, type PlainKey } from '../../i18n';
import { commerceApi, photoUrl } from './commerce-api';
import { initial, Loading } from './page-bits';

const PAGE_SIZE = 20;
/** typing pauses this long before the search runs: one request per word, not per key */
const DEBOUNCE_MS = 350;
/** the api's bound on `q` */
const MAX_WORDS = 60;

interface Results {
  items: MarketProductView[];
  nextCursor: string | null;
}

/**
 * `/market`: every open shop's products, newest first, by category chip and search words. The
 * filters live in the address (`?category=tea&q=古树`) so back and a shared link keep them.
 */
export function MarketPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const category = ShopCategories.find((c) => c === params.get('category')) ?? null;
  const q = (params.get('q') ?? '').trim();
  const [text, setText] = useState(q);
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [round, setRound] = useState(0);
  const liveShops = useLiveShops();
  // a page of "more" that arrives after the filters changed belongs to the old list
  const generation = useRef(0);

  const applyWords = (words: string) => {
    const next = new URLSearchParams(params);
    if (words) next.set('q', words);
    else next.delete('q');
    setParams(next, { replace: true });
  };
  const pickCategory = (c: ShopCategory | null) => {
    const next = new URLSearchParams(params);
    if (c) next.set('category', c);
    else next.delete('category');
    setParams(next, { replace: true });
  };

  useEffect(() => {
    const words = text.trim();
    if (words === q) return;
    const timer = setTimeout(() => applyWords(words), DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // applyWords reads `params`, which changes whenever the filters do
  }, [text, q, params]);

  useEffect(() => {
    const abort = new AbortController();
    generation.current += 1;
    setResults(null);
    setError(null);
    setMoreError(null);
    commerceApi
      .search({ category: category ?? undefined, q: q || undefined, limit: PAGE_SIZE }, abort.signal)
      .then(setResults, (e: unknown) => abort.signal.aborted || setError(e));
    return () => abort.abort();
  }, [category, q, round]);

  const more = () => {
    if (!results?.nextCursor) return;
    const mine = generation.current;
    setLoadingMore(true);
    setMoreError(null);
    commerceApi
      .search({
        category: category ?? undefined,
        q: q || undefined,
        limit: PAGE_SIZE,
        cursor: results.nextCursor,
      })
      .then(
        (page) => {
          if (mine !== generation.current) return;
          setResults((prev) => ({
            items: [...(prev?.items ?? []), ...page.items],
            nextCursor: page.nextCursor,
          }));
        },
        (e: unknown) => mine === generation.current && setMoreError(e),
      )
      .finally(() => setLoadingMore(false));
  };

  return (
    <div className="commerce-page">
      <h1>{t('commerce.market.title')}</h1>
      <form
        role="search"
        className="market-search"
        onSubmit={(e) => {
          e.preventDefault();
          applyWords(text.trim());
        }}
      >
        <TextField
          label={t('commerce.market.search')}
          type="search"
          enterKeyHint="search"
          placeholder={t('commerce.market.searchHint')}
          maxLength={MAX_WORDS}
          value={text}
          onChange={setText}
        />
      </form>
      <div className="chip-row" role="group" aria-label={t('commerce.market.categories')}>
        <button
          type="button"
          className="chip"
          aria-pressed={category === null}
          onClick={() => pickCategory(null)}
        >
          {t('commerce.market.all')}
        </button>
        {ShopCategories.map((c) => (
          <button
            key={c}
            type="button"
            className="chip"
            aria-pressed={category === c}
            onClick={() => pickCategory(c)}
          >
            {t(`commerce.category.${c}` as PlainKey)}
          </button>
        ))}
      </div>

      {error ? (
        <div className="page-status" role="alert">
          <p>{errorText(error, t)}</p>
          <button type="button" className="button button-small" onClick={() => setRound((n) => n + 1)}>
            {t('app.retry')}
          </button>
        </div>
      ) : !results ? (
        <Loading />
      ) : results.items.length === 0 ? (
        <p className="muted" role="status">
          {q ? t('commerce.market.noMatch', { q }) : t('commerce.market.empty')}
        </p>
      ) : (
        <>
          <ul className="product-grid" aria-label={t('commerce.market.title')}>
            {results.items.map((p) => (
              <li key={p.id}>
                <MarketTile product={p} live={liveShops.has(p.shop.ownerId)} />
              </li>
            ))}
          </ul>
          {moreError ? (
            <p className="field-error" role="alert">
              {errorText(moreError, t)}
            </p>
          ) : null}
          {results.nextCursor ? (
            <button type="button" className="button button-secondary" disabled={loadingMore} onClick={more}>
              {loadingMore ? t('app.loading') : t('commerce.market.more')}
            </button>
          ) : (
            <p className="muted market-end">{t('commerce.market.end')}</p>
          )}
        </>
      )}
    </div>
  );
}

function MarketTile({ product: p, live }: { product: MarketProductView; live: boolean }) {
  const { t, locale } = useI18n();
  const prices = p.variants.map((v) => v.priceMinor);
  const lowest = Math.min(...prices);
  const price = p.variants[0] ? formatMoney(lowest, p.variants[0].currency, locale) : '';
  const soldOut = p.variants.every((v) => v.available === 0);
  return (
    <Link to={`/shops/${p.shopId}/products/${p.id}`} className="product-tile">
      <span className="product-tile-photo">
        {p.photos[0] ? (
          <img src={photoUrl(p.photos[0].uploadId)} alt="" loading="lazy" />
        ) : (
          <span className="product-tile-empty" aria-hidden="true">
            {initial(p.title)}
          </span>
        )}
        {live && <span className="live-badge">{t('commerce.shop.liveNow')}</span>}
      </span>
      <span className="product-tile-title">{p.title}</span>
      <span className="product-tile-shop muted">{p.shop.name}</span>
      <span className="product-tile-price">
        {new Set(prices).size > 1 ? t('commerce.market.from', { price }) : price}
        {soldOut && <small> · {t('commerce.live.soldOut')}</small>}
      </span>
    </Link>
  );
}

/** Owners of shops selling live right now (one request; without it the market just shows no badge). */
function useLiveShops(): ReadonlySet<string> {
  const [hosts, setHosts] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const abort = new AbortController();
    commerceApi.liveSales(abort.signal).then(
      (sessions) => setHosts(new Set(sessions.map((s) => s.host.id))),
      () => undefined,
    );
    return () => abort.abort();
  }, []);
  return hosts;
}
