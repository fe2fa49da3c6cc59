import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  LIVE_ROOM_NAMESPACE,
  type LiveFlashSale,
  type LiveOrderSummary,
  type LiveRoomClientEvents,
  type LiveRoomServerEvents,
  type LiveStockChanged,
  type PinnedProductCard,
  type PurchaseTickerItem,
} from '@app/contracts';
import { storageTokenStore } from '../../../api';

type SellingSocket = Socket<LiveRoomServerEvents, LiveRoomClientEvents>;

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

function accessToken(): string | undefined {
  try {
    return storageTokenStore(window.localStorage).get()?.accessToken;
  } catch {
    return undefined;
  }
}

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
 * The selling side of a live room (its own socket on the api's `/live` namespace): the pinned
 * card with live stock and flash sale, the purchase ticker, and for the host the incoming orders.
 * Re-joins after a reconnect and takes the snapshot as the truth again.
 */
export function useLiveSelling(sessionId: string | undefined): LiveSellingState {
  const [state, setState] = useState<LiveSellingState>(INITIAL);

  useEffect(() => {
    if (!sessionId) return;
    setState(INITIAL);
    const socket: SellingSocket = io(LIVE_ROOM_NAMESPACE, {
      path: '/socket.io',
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      auth: (cb) => {
        const token = accessToken();
        cb(token ? { token } : {});
      },
    });
    const mine = (e: { sessionId: string }) => e.sessionId === sessionId;
    const join = async () => {
      const ack = await socket
        .timeout(10_000)
        .emitWithAck('joinRoom', { sessionId })
        .catch(() => null);
      if (!ack?.ok) return;
      const snap = ack.data;
      setState((s) => ({
        ...s,
        connected: true,
        isHost: snap.isHost,
        card: snap.pinnedProduct,
        flashSale: snap.flashSale,
      }));
    };
    socket.on('connect', () => void join());
    socket.on('disconnect', () => setState((s) => ({ ...s, connected: false })));
    socket.on('productPinned', (card) => {
      if (mine(card)) setState((s) => ({ ...s, card, flashSale: card.flashSale ?? s.flashSale }));
    });
    socket.on('productUnpinned', (e) => mine(e) && setState((s) => ({ ...s, card: null })));
    socket.on('stockChanged', (e) => mine(e) && setState((s) => applyStock(s, e)));
    socket.on('flashSaleEnded', (e) => {
      if (!mine(e)) return;
      setState((s) => ({
        ...s,
        flashSale: s.flashSale?.id === e.flashSaleId ? null : s.flashSale,
        card: s.card?.flashSale?.id === e.flashSaleId ? { ...s.card, flashSale: null } : s.card,
      }));
    });
    socket.on('purchaseTicker', (item) => {
      if (mine(item)) setState((s) => ({ ...s, ticker: [...s.ticker, item].slice(-TICKER_KEEP) }));
    });
    socket.on('orderReceived', (o) => {
      if (!mine(o)) return;
      setState((s) =>
        s.orders.some((x) => x.orderId === o.orderId)
          ? s
          : { ...s, orders: [o, ...s.orders].slice(0, ORDERS_KEEP) },
      );
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [sessionId]);

  return state;
}
