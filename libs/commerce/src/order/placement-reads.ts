import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import type { AddressRequest, Currency, ShopKind, ShopStatus } from '@app/contracts';
import { Batcher } from '@app/database';

/** What one placement asks for: listed variants, or a flash sale (whose variant is read with it). */
export interface PlacementQuestion {
  buyerId: string;
  addressId: string;
  variantIds: string[];
  flashSaleId: string | null;
}

export interface VariantFacts {
  variantId: string;
  productId: string;
  title: string;
  label: string;
  priceMinor: number;
  currency: Currency;
  shopId: string;
  shopKind: ShopKind;
  shopStatus: ShopStatus;
}

export interface SaleFacts {
  id: string;
  priceMinor: number;
  perBuyerLimit: number;
  liveSessionId: string | null;
  startsAt: Date;
  endsAt: Date;
  endedAt: Date | null;
}

/** The answer: the address only when it is the buyer's; variants that do not exist are missing. */
export interface PlacementFacts {
  address: AddressRequest | null;
  variants: Map<string, VariantFacts>;
  sale: SaleFacts | null;
}

interface Row {
  n: number;
  variant_id: string | null;
  product_id: string;
  title: string;
  label: string;
  price_minor: number;
  currency: Currency;
  shop_id: string;
  shop_kind: ShopKind;
  shop_status: ShopStatus;
  recipient: string | null;
  phone: string;
  region: string;
  detail: string;
  sale_id: string | null;
  sale_price_minor: number;
  per_buyer_limit: number;
  sale_live_session_id: string | null;
  starts_at: Date;
  ends_at: Date;
  ended_at: Date | null;
}

/** One row per (question, variant); every join is outer, so a question always gets its rows back. */
const SQL = `
SELECT r.n, v.id AS variant_id, p.id AS product_id, p.title, v.label, v.price_minor, v.currency,
       s.id AS shop_id, s.kind AS shop_kind, s.status AS shop_status,
       a.recipient, a.phone, a.region, a.detail,
       fs.id AS sale_id, fs.price_minor AS sale_price_minor, fs.per_buyer_limit,
       fs.live_session_id AS sale_live_session_id, fs.starts_at, fs.ends_at, fs.ended_at
  FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[]) AS r(n, variant_id, flash_sale_id, address_id, owner_id)
  LEFT JOIN flash_sales fs ON fs.id = r.flash_sale_id
  LEFT JOIN (product_variants v JOIN products p ON p.id = v.product_id JOIN shops s ON s.id = p.shop_id)
         ON v.id = coalesce(r.variant_id, fs.variant_id)
  LEFT JOIN addresses a ON a.id = r.address_id AND a.owner_id = r.owner_id`;

/**
 * The reads an order placement needs before anything is written (prices, shop, address, flash
 * sale), for every placement that arrives at the same moment in one statement: during a rush the
 * api's cost is round trips, not rows.
 */
@Injectable()
export class PlacementReads {
  /** One read in flight, so the placements that arrive meanwhile share the next (see OrderCommitter). */
  private readonly batches = new Batcher<PlacementQuestion, PlacementFacts>((qs) => this.readAll(qs), {
    maxBatch: 256,
    maxInFlight: 1,
  });

  constructor(@InjectEntityManager() private readonly reader: EntityManager) {}

  read(question: PlacementQuestion): Promise<PlacementFacts> {
    return this.batches.submit(question);
  }

  private async readAll(questions: PlacementQuestion[]): Promise<PlacementFacts[]> {
    const n: number[] = [];
    const variantIds: (string | null)[] = [];
    const saleIds: (string | null)[] = [];
    const addressIds: string[] = [];
    const owners: string[] = [];
    questions.forEach((q, i) => {
      for (const v of q.flashSaleId ? [null] : q.variantIds) {
        n.push(i);
        variantIds.push(v);
        saleIds.push(q.flashSaleId);
        addressIds.push(q.addressId);
        owners.push(q.buyerId);
      }
    });
    const rows = (await this.reader.query(SQL, [n, variantIds, saleIds, addressIds, owners])) as Row[];
    const facts = questions.map((): PlacementFacts => ({ address: null, variants: new Map(), sale: null }));
    for (const r of rows) {
      const f = facts[r.n];
      if (r.recipient !== null)
        f.address = { recipient: r.recipient, phone: r.phone, region: r.region, detail: r.detail };
      if (r.sale_id !== null) {
        f.sale = {
          id: r.sale_id,
          priceMinor: r.sale_price_minor,
          perBuyerLimit: r.per_buyer_limit,
          liveSessionId: r.sale_live_session_id,
          startsAt: r.starts_at,
          endsAt: r.ends_at,
          endedAt: r.ended_at,
        };
      }
      if (r.variant_id !== null) {
        f.variants.set(r.variant_id, {
          variantId: r.variant_id,
          productId: r.product_id,
          title: r.title,
          label: r.label,
          priceMinor: r.price_minor,
          currency: r.currency,
          shopId: r.shop_id,
          shopKind: r.shop_kind,
          shopStatus: r.shop_status,
        });
      }
    }
    return facts;
  }
}
