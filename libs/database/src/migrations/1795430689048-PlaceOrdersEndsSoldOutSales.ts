import { MigrationInterface, QueryRunner } from 'typeorm';
import { PlaceOrdersFunction1795428064510 } from './1795428064510-PlaceOrdersFunction';

/**
 * `commerce_place_orders` ends a flash sale itself when one of its orders takes the sale's last
 * unit (`ended_flash_sale` on that order's row), in the same transaction and from the units it has
 * just counted under the slot locks. Ending it afterwards in a second transaction read the stock
 * again and could lose the sell-out: a concurrent restock, or a deadlock with a batch still
 * holding the slots, left the sale open with nothing to sell. The batch now locks the rows of the
 * flash sales it draws on before their slots, the same order ending and restocking use.
 * Everything else is as in `PlaceOrdersFunction`.
 */
export class PlaceOrdersEndsSoldOutSales1795430689048 implements MigrationInterface {
  name = 'PlaceOrdersEndsSoldOutSales1795430689048';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION commerce_place_orders(jsonb, integer)`);
    await queryRunner.query(`
CREATE FUNCTION commerce_place_orders(batch jsonb, payment_timeout_seconds integer)
RETURNS TABLE (ord integer, outcome text, order_created_at timestamptz, order_expires_at timestamptz, available integer[],
               ended_flash_sale boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
  pool_keys text[];
  pool_left integer[];
  pool_start integer[];
  pool_count integer;
  pool_table text;
  pool_column text;
  inserted_ids uuid[];
  inserted_created timestamptz[];
  inserted_expires timestamptz[];
  refused uuid[] := '{}';
  placed uuid[] := '{}';
  o record;
  l jsonb;
  p integer;
  pos integer;
  units integer;
  fits boolean;
BEGIN
  -- 1. lock the pools (kind:id, then slot) and count their units; from here on stock is counted in memory
  SELECT array_agg(k ORDER BY k COLLATE "C") INTO pool_keys
    FROM (SELECT DISTINCT (bl->>'poolKind') || ':' || (bl->>'poolId') AS k
            FROM jsonb_array_elements(batch) b, jsonb_array_elements(b->'lines') bl) keys;
  pool_count := coalesce(array_length(pool_keys, 1), 0);
  pool_left := array_fill(0, ARRAY[pool_count]);
  -- the sales first (their rows before any slot, as ending and restocking take them), so the order
  -- that takes a sale's last unit can end it here without waiting on anyone holding its slots
  PERFORM 1 FROM flash_sales
    WHERE id IN (SELECT split_part(k, ':', 2)::uuid FROM unnest(pool_keys) k WHERE split_part(k, ':', 1) = 'flash_sale')
    ORDER BY id FOR NO KEY UPDATE;
  FOR p IN 1 .. pool_count LOOP
    IF split_part(pool_keys[p], ':', 1) = 'variant' THEN
      SELECT coalesce(sum(s.qty), 0) INTO units FROM (
        SELECT qty FROM variant_stock_slots
         WHERE variant_id = split_part(pool_keys[p], ':', 2)::uuid ORDER BY slot FOR UPDATE) s;
    ELSE
      SELECT coalesce(sum(s.qty), 0) INTO units FROM (
        SELECT qty FROM flash_sale_stock_slots
         WHERE flash_sale_id = split_part(pool_keys[p], ':', 2)::uuid ORDER BY slot FOR UPDATE) s;
    END IF;
    pool_left[p] := units;
  END LOOP;
  pool_start := pool_left;

  -- 2. the orders, all at once; a used key inserts nothing (and waits for a concurrent insert of it)
  WITH ins AS (
    INSERT INTO orders (id, buyer_id, shop_id, status, payment_method, total_minor, currency, flash_sale_id,
                        live_session_id, ship_to, idempotency_key, request_hash, expires_at)
    SELECT (b->>'id')::uuid, (b->>'buyerId')::uuid, (b->>'shopId')::uuid, b->>'status', b->>'paymentMethod',
           (b->>'totalMinor')::bigint, b->>'currency', (b->>'flashSaleId')::uuid, (b->>'liveSessionId')::uuid,
           b->'shipTo', b->>'key', b->>'hash',
           CASE WHEN b->>'status' = 'pending_payment' THEN now() + make_interval(secs => payment_timeout_seconds) END
      FROM jsonb_array_elements(batch) WITH ORDINALITY AS e(b, i) ORDER BY e.i
    ON CONFLICT (buyer_id, idempotency_key) DO NOTHING
    RETURNING orders.id, orders.created_at, orders.expires_at)
  SELECT array_agg(ins.id), array_agg(ins.created_at), array_agg(ins.expires_at)
    INTO inserted_ids, inserted_created, inserted_expires FROM ins;

  -- 3. each inserted order in turn: all its lines fit, the buyer's limit holds, then the units go
  FOR o IN SELECT e.i::integer AS i, e.b FROM jsonb_array_elements(batch) WITH ORDINALITY AS e(b, i) ORDER BY e.i LOOP
    ord := o.i;
    outcome := NULL;
    order_created_at := NULL;
    order_expires_at := NULL;
    available := NULL;
    ended_flash_sale := false;
    pos := array_position(inserted_ids, (o.b->>'id')::uuid);
    IF pos IS NULL THEN
      outcome := 'replayed';
      RETURN NEXT;
      CONTINUE;
    END IF;
    fits := true;
    FOR l IN SELECT * FROM jsonb_array_elements(o.b->'lines') LOOP
      p := array_position(pool_keys, (l->>'poolKind') || ':' || (l->>'poolId'));
      IF pool_left[p] < (l->>'quantity')::integer THEN
        fits := false;
      END IF;
    END LOOP;
    IF NOT fits THEN
      outcome := 'out_of_stock';
    ELSIF o.b->>'perBuyerLimit' IS NOT NULL THEN
      INSERT INTO flash_sale_buyers AS f (flash_sale_id, buyer_id, quantity)
      VALUES ((o.b->>'flashSaleId')::uuid, (o.b->>'buyerId')::uuid, (o.b->'lines'->0->>'quantity')::integer)
      ON CONFLICT (flash_sale_id, buyer_id) DO UPDATE SET quantity = f.quantity + EXCLUDED.quantity
      WHERE f.quantity + EXCLUDED.quantity <= (o.b->>'perBuyerLimit')::integer
      RETURNING f.quantity INTO units;
      IF NOT FOUND THEN
        outcome := 'limit_exceeded';
      END IF;
    END IF;
    IF outcome IS NOT NULL THEN
      refused := refused || (o.b->>'id')::uuid;
    ELSE
      available := '{}';
      FOR l IN SELECT * FROM jsonb_array_elements(o.b->'lines') LOOP
        p := array_position(pool_keys, (l->>'poolKind') || ':' || (l->>'poolId'));
        pool_left[p] := pool_left[p] - (l->>'quantity')::integer;
        available := available || pool_left[p];
        -- the last unit of a flash sale ends it, in this transaction: from the count just taken
        IF pool_left[p] = 0 AND l->>'poolKind' = 'flash_sale' THEN
          UPDATE flash_sales SET ended_at = now(), end_reason = 'sold_out'
           WHERE id = (l->>'poolId')::uuid AND ended_at IS NULL;
          ended_flash_sale := ended_flash_sale OR FOUND;
        END IF;
      END LOOP;
      outcome := 'placed';
      order_created_at := inserted_created[pos];
      order_expires_at := inserted_expires[pos];
      placed := placed || (o.b->>'id')::uuid;
    END IF;
    RETURN NEXT;
  END LOOP;

  -- 4. refused orders leave nothing behind; placed ones get their lines and first history row
  IF cardinality(refused) > 0 THEN
    DELETE FROM orders WHERE id = ANY(refused);
  END IF;
  INSERT INTO order_items (order_id, variant_id, product_id, title, label, quantity, unit_price_minor)
  SELECT (b->>'id')::uuid, (bl->>'variantId')::uuid, (bl->>'productId')::uuid, bl->>'title', bl->>'label',
         (bl->>'quantity')::integer, (bl->>'unitPriceMinor')::integer
    FROM jsonb_array_elements(batch) b, jsonb_array_elements(b->'lines') bl
   WHERE (b->>'id')::uuid = ANY(placed);
  INSERT INTO order_history (order_id, from_status, to_status, actor_id, reason)
  SELECT (b->>'id')::uuid, NULL, b->>'status', (b->>'buyerId')::uuid, 'placed'
    FROM jsonb_array_elements(batch) b
   WHERE (b->>'id')::uuid = ANY(placed);

  -- 5. the units taken from each pool come off its slots in proportion to what each holds
  --    (largest remainders first), so the slots stay even for the buyers that use one slot each
  FOR p IN 1 .. pool_count LOOP
    CONTINUE WHEN pool_left[p] = pool_start[p];
    IF split_part(pool_keys[p], ':', 1) = 'variant' THEN
      pool_table := 'variant_stock_slots';
      pool_column := 'variant_id';
    ELSE
      pool_table := 'flash_sale_stock_slots';
      pool_column := 'flash_sale_id';
    END IF;
    EXECUTE format(
      'UPDATE %1$I s SET qty = s.qty - t.take
         FROM (SELECT slot, base + CASE WHEN rn <= $2 - sum(base) OVER () THEN 1 ELSE 0 END AS take
                 FROM (SELECT slot, ($2::bigint * qty / $3)::integer AS base,
                              row_number() OVER (ORDER BY ($2::bigint * qty) %% $3 DESC, qty DESC, slot) AS rn
                         FROM %1$I WHERE %2$I = $1 AND qty > 0) shares) t
        WHERE s.%2$I = $1 AND s.slot = t.slot AND t.take > 0',
      pool_table, pool_column)
    USING split_part(pool_keys[p], ':', 2)::uuid, pool_start[p] - pool_left[p], pool_start[p];
  END LOOP;
  RETURN;
END
$fn$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION commerce_place_orders(jsonb, integer)`);
    await new PlaceOrdersFunction1795428064510().up(queryRunner);
  }
}
