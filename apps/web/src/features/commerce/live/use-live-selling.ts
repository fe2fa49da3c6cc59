import { useEffect, useState } from 'react';
import type {
  LiveFlashSale,
  LiveOrderSummary,
  LiveRoomServerEvents,
  LiveStockChanged,
  PinnedProductCard,
  PurchaseTickerItem,
} from '@app/contracts';
import { acquireLiveRoom } from '../../live/live-room-connection';

const TICKER_KEEP = 5;
const ORDERS_KEEP = 100;

export interface LiveSellingState {
  connected: boolean;
  isHost: boolean;
  card: PinnedProductCard | null;
  flashSale: LiveFlashSale | null;
  ticker: PurchaseTickerItem[];
  /** host only: orders as they arrive, newest first */
  orders: LiveOrderSummary[];
}

const INITIAL: LiveSellingState = {
  connected: false,
  isHost: false,
  card: null,
  flashSale: null,
  ticker: [],
  orders: [],
};

/** Applies one coalesced stock number to the card and the running flash sale. */
function applyStock(s: LiveSellingState, e: LiveStockChanged): LiveSellingState {
  if (e.flashSaleId) {
    if (s.flashSale?.id !== e.flashSaleId) return s;
    const flashSale = { ...s.flashSale, available: e.available };
    const card = s.card?.flashSale?.id === e.flashSaleId ? { ...s.card, flashSale } : s.card;
    return { ...s, flashSale, card };
  }
  if (!s.card || s.card.productId !== e.productId) return s;
  const variants = s.card.variants.map((v) => (v.id === e.variantId ? { ...v, available: e.available } : v));
  return { ...s, card: { ...s.card, variants, stock: variants.reduce((n, v) => n + v.available, 0) } };
}

/**
 * The selling side of a live room (on the page's one live-room socket): the pinned
 * card with live stock and flash sale, the purchase ticker, and for the host the incoming orders.
 * Re-joins after a reconnect and takes the snapshot as the truth again.
 */
export function useLiveSelling(sessionId: string | undefined): LiveSellingState {
  const [state, setState] = useState<LiveSellingState>(INITIAL);

  useEffect(() => {
    if (!sessionId) return;
    setState(INITIAL);
    const { connection, release } = acquireLiveRoom(sessionId);
    const socket = connection.socket;
    const mine = (e: { sessionId: string }) => e.sessionId === sessionId;
    const offSnapshot = connection.onSnapshot((snap) =>
      setState((s) => ({
        ...s,
        connected: true,
        isHost: snap.isHost,
        card: snap.pinnedProduct,
        flashSale: snap.flashSale,
      })),
    );
    const offDisconnect = connection.onDisconnect(() => setState((s) => ({ ...s, connected: false })));
    const handlers: Partial<LiveRoomServerEvents> = {
      productPinned: (card) => {
        if (mine(card)) setState((s) => ({ ...s, card, flashSale: card.flashSale ?? s.flashSale }));
      },
      productUnpinned: (e) => {
        if (mine(e)) setState((s) => ({ ...s, card: null }));
      },
      stockChanged: (e) => {
        if (mine(e)) setState((s) => applyStock(s, e));
      },
      flashSaleEnded: (e) => {
        if (!mine(e)) return;
        setState((s) => ({
          ...s,
          flashSale: s.flashSale?.id === e.flashSaleId ? null : s.flashSale,
          card: s.card?.flashSale?.id === e.flashSaleId ? { ...s.card, flashSale: null } : s.card,
        }));
      },
      purchaseTicker: (item) => {
        if (mine(item)) setState((s) => ({ ...s, ticker: [...s.ticker, item].slice(-TICKER_KEEP) }));
      },
      orderReceived: (o) => {
        if (!mine(o)) return;
        setState((s) =>
          s.orders.some((x) => x.orderId === o.orderId)
            ? s
            : { ...s, orders: [o, ...s.orders].slice(0, ORDERS_KEEP) },
        );
      },
    };
    const events = Object.entries(handlers) as Array<
      [keyof LiveRoomServerEvents, (...args: never[]) => void]
    >;
    for (const [event, handler] of events) socket.on(event, handler as never);
    return () => {
      offSnapshot();
      offDisconnect();
      for (const [event, handler] of events) socket.off(event, handler as never);
      release();
    };
  }, [sessionId]);

  return state;
}
