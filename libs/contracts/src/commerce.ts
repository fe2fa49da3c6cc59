/** Commerce REST payloads and the domain events a live-room gateway turns into socket messages. */

export const ShopKinds = ['practice', 'live'] as const;
export type ShopKind = (typeof ShopKinds)[number];
/** A live shop waits for the program office, which opens or rejects it (with a reason). */
export const ShopStatuses = ['open', 'pending_approval', 'rejected'] as const;
export type ShopStatus = (typeof ShopStatuses)[number];
export const ShopCategories = ['noodles', 'tea', 'produce', 'handicraft', 'other'] as const;
export type ShopCategory = (typeof ShopCategories)[number];
/** ISO 4217; one currency per shop */
export const Currencies = ['CNY'] as const;
export type Currency = (typeof Currencies)[number];

export interface CreateShopRequest {
  kind: ShopKind;
  name: string;
  description?: string;
  category: ShopCategory;
  region: string;
}

export interface ShopView {
  id: string;
  ownerId: string;
  kind: ShopKind;
  status: ShopStatus;
  name: string;
  description: string | null;
  category: ShopCategory;
  region: string;
  currency: Currency;
  /** why the program office rejected it; null unless `rejected` */
  rejectionReason: string | null;
  createdAt: string;
}

/** GET /api/shops?status=…: what the program office sees of a shop and its owner. */
export interface ShopApplicationView {
  shop: ShopView;
  owner: {
    id: string;
    displayName: string;
    /** partly masked, e.g. 138****8000; null when the account has no mobile number */
    maskedPhone: string | null;
  };
}

/** POST /api/shops/:id/reject */
export interface RejectShopRequest {
  /** shown to the owner */
  reason: string;
}

export interface CreateVariantRequest {
  label: string;
  /** integer minor units (fen) in the shop's currency */
  priceMinor: number;
  stock: number;
}

export interface CreateProductRequest {
  title: string;
  description?: string;
  category?: ShopCategory;
  /** verified uploads with purpose `product-photo`, owned by the caller */
  photoUploadIds?: string[];
  variants: CreateVariantRequest[];
}

export interface VariantView {
  id: string;
  label: string;
  priceMinor: number;
  currency: Currency;
  /** committed stock at read time; purchases are checked again when placed */
  available: number;
}

export interface ProductPhotoView {
  uploadId: string;
  objectKey: string;
  thumbnailKey: string | null;
}

export interface ProductView {
  id: string;
  shopId: string;
  title: string;
  description: string | null;
  category: ShopCategory;
  photos: ProductPhotoView[];
  variants: VariantView[];
}

export interface ShopPage {
  shop: ShopView;
  products: ProductView[];
}

/** GET /api/products (the market): open shops only, newest first. */
export interface ProductSearchRequest {
  category?: ShopCategory;
  /** words in the title or description, matched as plain text */
  q?: string;
  /** `nextCursor` of the previous page */
  cursor?: string;
  /** 1–50, default 20 */
  limit?: number;
}

export interface MarketProductView extends ProductView {
  shop: { id: string; ownerId: string; name: string; region: string };
}

export interface ProductSearchPage {
  items: MarketProductView[];
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export interface AddressRequest {
  recipient: string;
  phone: string;
  region: string;
  detail: string;
}

export interface AddressView extends AddressRequest {
  id: string;
}

export const PaymentMethods = ['sandbox', 'cod'] as const;
export type PaymentMethod = (typeof PaymentMethods)[number];

export interface OrderLineRequest {
  variantId: string;
  quantity: number;
}

/** POST /api/orders, with an `Idempotency-Key` header. Prices are never sent: the server's apply. */
export interface PlaceOrderRequest {
  items: OrderLineRequest[];
  addressId: string;
  paymentMethod: PaymentMethod;
}

/** POST /api/flash-sales/:id/orders, with an `Idempotency-Key` header. */
export interface FlashSaleOrderRequest {
  quantity: number;
  addressId: string;
  paymentMethod: PaymentMethod;
}

export const OrderStatuses = [
  'pending_payment',
  /** cash on delivery: confirmed without prepayment, collected on delivery */
  'confirmed',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refund_requested',
  'refunded',
] as const;
export type OrderStatus = (typeof OrderStatuses)[number];

export interface OrderItemView {
  variantId: string;
  productId: string;
  title: string;
  label: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface ShipmentView {
  carrier: string;
  trackingNumber: string;
  shippedAt: string;
}

export interface OrderView {
  id: string;
  shopId: string;
  buyerId: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  totalMinor: number;
  currency: Currency;
  flashSaleId: string | null;
  items: OrderItemView[];
  shipTo: AddressRequest;
  shipment: ShipmentView | null;
  expiresAt: string | null;
  createdAt: string;
}

/** GET /api/shops/:id/sales-daily: the shop's takings per day in the viewer's time zone. */
export interface ShopSalesDailyRequest {
  /** 1 to SALES_DAILY_MAX_DAYS; 14 when left out */
  days?: number;
  /** an IANA zone, e.g. `Asia/Shanghai` (the default); days start at midnight there */
  tz?: string;
}
export const SALES_DAILY_MAX_DAYS = 90;
export const SALES_DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface ShopSalesDay {
  /** `YYYY-MM-DD` in the asked time zone */
  date: string;
  orders: number;
  salesMinor: number;
}

/**
 * Paid orders that were not called off (paid, shipped, delivered, completed), by the day the money
 * was taken: a prepaid order's payment, a cash-on-delivery order's delivery.
 */
export interface ShopSalesDaily {
  shopId: string;
  currency: Currency;
  timeZone: string;
  /** oldest first, today last, days without sales as zeros */
  days: ShopSalesDay[];
  total: { orders: number; salesMinor: number };
}

export interface OrderHistoryView {
  from: OrderStatus | null;
  to: OrderStatus;
  actorId: string | null;
  reason: string | null;
  at: string;
}

export interface ShipOrderRequest {
  carrier: string;
  trackingNumber: string;
}

export interface ReasonRequest {
  reason?: string;
}

export interface ReviewRequest {
  rating: number;
  text: string;
}

export interface ReviewView {
  orderId: string;
  rating: number;
  text: string;
  createdAt: string;
}

export interface CreateFlashSaleRequest {
  variantId: string;
  priceMinor: number;
  quantity: number;
  perBuyerLimit: number;
  startsAt: string;
  endsAt: string;
  liveSessionId?: string;
}

export interface FlashSaleView {
  id: string;
  shopId: string;
  variantId: string;
  liveSessionId: string | null;
  priceMinor: number;
  currency: Currency;
  quantity: number;
  available: number;
  perBuyerLimit: number;
  startsAt: string;
  endsAt: string;
  endedAt: string | null;
  endReason: FlashSaleEndReason | null;
}

export type FlashSaleEndReason = 'sold_out' | 'time_up';

/** Body of `POST /api/payments/webhook/:provider`, signed with HMAC-SHA256 in `X-Signature`. */
export interface PaymentWebhookEvent {
  eventId: string;
  type: 'payment.succeeded';
  orderId: string;
  amountMinor: number;
  currency: Currency;
}

// ---- domain events, published after commit through the DomainEventBus ----

export interface OrderPlaced {
  type: 'OrderPlaced';
  orderId: string;
  shopId: string;
  buyerId: string;
  totalMinor: number;
  currency: Currency;
  flashSaleId: string | null;
  liveSessionId: string | null;
  quantity: number;
}

export interface OrderPaid {
  type: 'OrderPaid';
  orderId: string;
  shopId: string;
  buyerId: string;
  totalMinor: number;
  currency: Currency;
  provider: string;
}

export interface OrderStatusChanged {
  type: 'OrderStatusChanged';
  orderId: string;
  shopId: string;
  buyerId: string;
  from: OrderStatus;
  to: OrderStatus;
}

export interface StockChanged {
  type: 'StockChanged';
  variantId: string;
  /** set when the change is to a flash sale's own quantity */
  flashSaleId: string | null;
  liveSessionId: string | null;
  /** units left right after the change (a snapshot: concurrent orders move it on) */
  available: number;
}

export interface FlashSaleEnded {
  type: 'FlashSaleEnded';
  flashSaleId: string;
  variantId: string;
  liveSessionId: string | null;
  reason: FlashSaleEndReason;
}

export type CommerceEvent = OrderPlaced | OrderPaid | OrderStatusChanged | StockChanged | FlashSaleEnded;
