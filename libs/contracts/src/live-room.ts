/**
 * The live room socket (socket.io namespace `/live` on the api): chat, likes, viewer counts and the
 * selling events. Every event is declared here once, for the gateway and the browser alike.
 */
import type { Currency, FlashSaleEndReason } from './commerce';
import type { Ack, ErrorCode } from './errors';
import type { LiveSessionStatus } from './live';

export const LIVE_ROOM_NAMESPACE = '/live';
export const CHAT_MAX_LENGTH = 200;

export interface ChatMessageView {
  id: string;
  sessionId: string;
  user: { id: string; displayName: string };
  text: string;
  sentAt: string;
}

export interface RoomSnapshot {
  sessionId: string;
  status: LiveSessionStatus;
  viewers: number;
  likes: number;
  recentChat: ChatMessageView[];
  /** the joining socket is the session's host (it also gets `orderReceived`) */
  isHost: boolean;
  /** what the host has pinned now, so late joiners see the card */
  pinnedProduct: PinnedProductCard | null;
  /** the session's running flash sale, if any */
  flashSale: LiveFlashSale | null;
}

/** A flash sale tied to a live session, as the room shows it (countdown to `endsAt`). */
export interface LiveFlashSale {
  id: string;
  productId: string;
  variantId: string;
  priceMinor: number;
  currency: Currency;
  quantity: number;
  available: number;
  perBuyerLimit: number;
  endsAt: string;
}

export interface PinnedVariant {
  id: string;
  label: string;
  priceMinor: number;
  available: number;
}

/** The product card pinned over the video. */
export interface PinnedProductCard {
  sessionId: string;
  productId: string;
  shopId: string;
  title: string;
  /** same-origin URL of the first photo's thumbnail, or null when the product has no photo */
  thumbnailUrl: string | null;
  currency: Currency;
  /** lowest variant price, minor units */
  priceMinor: number;
  variants: PinnedVariant[];
  /** units on the shelf across variants */
  stock: number;
  /** running flash sale on this product, with its price and end time */
  flashSale: LiveFlashSale | null;
  pinnedAt: string;
}

/** Latest stock of a pinned product's variant or of the session's flash sale; coalesced. */
export interface LiveStockChanged {
  sessionId: string;
  productId: string;
  variantId: string;
  /** set when the number is the flash sale's own quantity */
  flashSaleId: string | null;
  available: number;
}

/** "王**  bought 2 bags": no ids, the buyer's name masked. */
export interface PurchaseTickerItem {
  sessionId: string;
  buyer: string;
  quantity: number;
  productTitle: string;
  at: string;
}

/** Host only: one order arriving from the stream. */
export interface LiveOrderSummary {
  sessionId: string;
  orderId: string;
  buyerName: string;
  quantity: number;
  productTitle: string;
  totalMinor: number;
  currency: Currency;
  flashSaleId: string | null;
  placedAt: string;
}

/** GET /api/live-sessions/:id/sales-stats (host only). */
export interface LiveSalesStats {
  sessionId: string;
  orders: number;
  units: number;
  salesMinor: number;
  currency: Currency;
  buyers: number;
  viewersNow: number;
  peakViewers: number;
  /** buyers / peak viewers, 0..1 (0 when nobody was counted watching) */
  conversion: number;
}

/** POST /api/live-sessions/:id/pinned-product */
export interface PinProductRequest {
  productId: string;
}

/** POST /api/live-sessions/:id/flash-sales: starts now, pins the product. */
export interface StartLiveFlashSaleRequest {
  variantId: string;
  priceMinor: number;
  quantity: number;
  perBuyerLimit: number;
  durationSeconds: number;
}

export const NoticeKinds = ['live_started', 'sale_scheduled'] as const;
export type NoticeKind = (typeof NoticeKinds)[number];

/** An in-app notice (GET /api/notices), also pushed as `notice` to the person's open sockets. */
export interface NoticeView {
  id: string;
  kind: NoticeKind;
  shop: { id: string; name: string };
  session: { id: string; title: string; scheduledStart: string | null };
  createdAt: string;
  readAt: string | null;
}

export interface NoticeList {
  items: NoticeView[];
  unread: number;
}

/** POST /api/shops/:id/follow (DELETE to unfollow) */
export interface FollowShopRequest {
  /** "remind me": also tell me when this shop schedules a sale */
  remind?: boolean;
}

export interface FollowView {
  shopId: string;
  following: boolean;
  remind: boolean;
  followers: number;
}

/** Server → client. Viewer counts are one periodic number per room, never per-viewer join/leave. */
export interface LiveRoomServerEvents {
  viewerCount: (e: { sessionId: string; viewers: number }) => void;
  likes: (e: { sessionId: string; total: number }) => void;
  chatMessage: (e: ChatMessageView) => void;
  sessionStatus: (e: { sessionId: string; status: LiveSessionStatus }) => void;
  /** also sent again when the card changes (a flash sale starts on it) */
  productPinned: (e: PinnedProductCard) => void;
  productUnpinned: (e: { sessionId: string }) => void;
  stockChanged: (e: LiveStockChanged) => void;
  purchaseTicker: (e: PurchaseTickerItem) => void;
  flashSaleEnded: (e: {
    sessionId: string;
    flashSaleId: string;
    variantId: string;
    reason: FlashSaleEndReason;
  }) => void;
  /** to the host's own room only (see liveHostRoomName) */
  orderReceived: (e: LiveOrderSummary) => void;
  /** to one signed-in person's sockets (see userRoomName) */
  notice: (e: NoticeView) => void;
  /**
   * to one socket whose handshake access token was refused (expired, forged): it stays connected
   * as an anonymous watcher; the client renews its token and connects again to chat
   */
  authError: (e: { code: ErrorCode }) => void;
}

export interface LiveRoomClientRequests {
  joinRoom: { request: { sessionId: string }; response: RoomSnapshot };
  leaveRoom: { request: { sessionId: string }; response: Record<string, never> };
  sendChat: { request: { sessionId: string; text: string }; response: ChatMessageView };
  /** taps are batched by the client; `count` is how many since the last send */
  like: { request: { sessionId: string; count: number }; response: Record<string, never> };
}

/** Client → server, each answered through the socket.io acknowledgement. */
export type LiveRoomClientEvents = {
  [K in keyof LiveRoomClientRequests]: (
    req: LiveRoomClientRequests[K]['request'],
    ack: (res: Ack<LiveRoomClientRequests[K]['response']>) => void,
  ) => void;
};

/** socket.io room name of a live session */
export function liveRoomName(sessionId: string): string {
  return `live:${sessionId}`;
}

/** socket.io room of the host's sockets in a live session (orders, stats) */
export function liveHostRoomName(sessionId: string): string {
  return `live-host:${sessionId}`;
}

/** socket.io room of one signed-in person's sockets (notices) */
export function userRoomName(userId: string): string {
  return `user:${userId}`;
}
