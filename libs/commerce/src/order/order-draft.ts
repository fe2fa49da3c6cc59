import type { AddressRequest, Currency, OrderStatus, PaymentMethod } from '@app/contracts';
import type { StockPool } from '../inventory/inventory.service';

export interface Line {
  variantId: string;
  productId: string;
  title: string;
  label: string;
  quantity: number;
  unitPriceMinor: number;
  pool: StockPool;
}

/** Everything one order needs, priced by the server, before anything is written. */
export interface Draft {
  id: string;
  buyerId: string;
  shopId: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  currency: Currency;
  lines: Line[];
  shipTo: AddressRequest;
  key: string;
  hash: string;
  flashSale: { id: string; perBuyerLimit: number; liveSessionId: string | null } | null;
}

export const totalOf = (d: Draft): number =>
  d.lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
