import { MigrationInterface, QueryRunner } from 'typeorm';

export class Commerce1795425924996 implements MigrationInterface {
  name = 'Commerce1795425924996';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "shops" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "status" character varying(16) NOT NULL, "name" character varying(60) NOT NULL, "description" character varying(2000), "category" character varying(16) NOT NULL, "region" character varying(60) NOT NULL, "currency" character varying(3) NOT NULL DEFAULT 'CNY', "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3c6aaa6607d287de99815e60b96" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_shops_owner" ON "shops" ("owner_id") `);
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "shop_id" uuid NOT NULL, "status" character varying(20) NOT NULL, "payment_method" character varying(16) NOT NULL, "total_minor" bigint NOT NULL, "currency" character varying(3) NOT NULL, "flash_sale_id" uuid, "live_session_id" uuid, "ship_to" jsonb NOT NULL, "idempotency_key" character varying(64) NOT NULL, "request_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "carrier" character varying(40), "tracking_number" character varying(60), "shipped_at" TIMESTAMP WITH TIME ZONE, "paid_at" TIMESTAMP WITH TIME ZONE, "payment_provider" character varying(16), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_orders_total" CHECK ("total_minor" > 0), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_orders_pending_expiry" ON "orders" ("expires_at") WHERE status = 'pending_payment'`,
    );
    await queryRunner.query(`CREATE INDEX "ix_orders_shop_created" ON "orders" ("shop_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_orders_buyer_created" ON "orders" ("buyer_id", "created_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_orders_buyer_idempotency_key" ON "orders" ("buyer_id", "idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reviews" ("order_id" uuid NOT NULL, "shop_id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "rating" smallint NOT NULL, "text" character varying(1000) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_reviews_rating" CHECK ("rating" BETWEEN 1 AND 5), CONSTRAINT "PK_e4b0ed40bdd0f318108612c2851" PRIMARY KEY ("order_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_reviews_shop" ON "reviews" ("shop_id") `);
    await queryRunner.query(
      `CREATE TABLE "products" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "shop_id" uuid NOT NULL, "title" character varying(80) NOT NULL, "description" character varying(2000), "category" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_products_shop" ON "products" ("shop_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_products_category_created" ON "products" ("category", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "product_variants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "label" character varying(40) NOT NULL, "price_minor" integer NOT NULL, "currency" character varying(3) NOT NULL, "position" smallint NOT NULL, CONSTRAINT "ck_product_variants_price" CHECK ("price_minor" > 0), CONSTRAINT "PK_281e3f2c55652d6a22c0aa59fd7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_product_variants_product" ON "product_variants" ("product_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "product_photos" ("product_id" uuid NOT NULL, "upload_id" uuid NOT NULL, "object_key" character varying(300) NOT NULL, "thumbnail_key" character varying(320), "position" smallint NOT NULL, CONSTRAINT "PK_97c36ab695907c6efec8c2287fa" PRIMARY KEY ("product_id", "upload_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "payment_events" ("provider" character varying(16) NOT NULL, "event_id" character varying(100) NOT NULL, "order_id" uuid, "type" character varying(40) NOT NULL, "outcome" character varying(40) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cdb38f647e394ea5717c7ebb4f9" PRIMARY KEY ("provider", "event_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "order_items" ("order_id" uuid NOT NULL, "variant_id" uuid NOT NULL, "product_id" uuid NOT NULL, "title" character varying(80) NOT NULL, "label" character varying(40) NOT NULL, "quantity" integer NOT NULL, "unit_price_minor" integer NOT NULL, CONSTRAINT "ck_order_items_numbers" CHECK ("quantity" > 0 AND "unit_price_minor" > 0), CONSTRAINT "PK_6f54af2c91fc10585ef177505c7" PRIMARY KEY ("order_id", "variant_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "order_history" ("id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, "order_id" uuid NOT NULL, "from_status" character varying(20), "to_status" character varying(20) NOT NULL, "actor_id" uuid, "reason" character varying(200), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cc71513680d03ecb01b96655b0c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_order_history_order" ON "order_history" ("order_id", "at") `);
    await queryRunner.query(
      `CREATE TABLE "flash_sales" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "shop_id" uuid NOT NULL, "variant_id" uuid NOT NULL, "live_session_id" uuid, "price_minor" integer NOT NULL, "currency" character varying(3) NOT NULL, "quantity" integer NOT NULL, "per_buyer_limit" integer NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" character varying(12), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_flash_sales_numbers" CHECK ("price_minor" > 0 AND "quantity" > 0 AND "per_buyer_limit" > 0), CONSTRAINT "ck_flash_sales_window" CHECK ("ends_at" > "starts_at"), CONSTRAINT "PK_70299593044ffcba05cc30b97dc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_flash_sales_variant" ON "flash_sales" ("variant_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_flash_sales_live_session" ON "flash_sales" ("live_session_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_flash_sales_open" ON "flash_sales" ("ends_at") WHERE ended_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "variant_stock_slots" ("variant_id" uuid NOT NULL, "slot" smallint NOT NULL, "qty" integer NOT NULL, CONSTRAINT "ck_variant_stock_slots_qty" CHECK ("qty" >= 0), CONSTRAINT "PK_4ad0afb7d8ea8b63379c5f3651e" PRIMARY KEY ("variant_id", "slot"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "flash_sale_stock_slots" ("flash_sale_id" uuid NOT NULL, "slot" smallint NOT NULL, "qty" integer NOT NULL, CONSTRAINT "ck_flash_sale_stock_slots_qty" CHECK ("qty" >= 0), CONSTRAINT "PK_1dcdf91fa1267198bbe817fc10c" PRIMARY KEY ("flash_sale_id", "slot"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "flash_sale_buyers" ("flash_sale_id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "quantity" integer NOT NULL, CONSTRAINT "ck_flash_sale_buyers_quantity" CHECK ("quantity" >= 0), CONSTRAINT "PK_9669b7676444b01ce7410119939" PRIMARY KEY ("flash_sale_id", "buyer_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "addresses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "recipient" character varying(40) NOT NULL, "phone" character varying(20) NOT NULL, "region" character varying(60) NOT NULL, "detail" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_745d8f43d3af10ab8247465e450" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_addresses_owner" ON "addresses" ("owner_id") `);
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "FK_33f20db82908f7685a5c0c58ac6" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reviews" ADD CONSTRAINT "FK_e4b0ed40bdd0f318108612c2851" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "products" ADD CONSTRAINT "FK_9e952e93f369f16e27dd786c33f" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_variants" ADD CONSTRAINT "FK_6343513e20e2deab45edfce1316" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_photos" ADD CONSTRAINT "FK_ef0be6cd13fe604b1e7ae5987b8" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_items" ADD CONSTRAINT "FK_145532db85752b29c57d2b7b1f1" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_history" ADD CONSTRAINT "FK_3e8ecdec907bbf6d4cceb3ab2a4" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "flash_sales" ADD CONSTRAINT "FK_502ff7a21844a8cece95683f4d7" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "flash_sales" ADD CONSTRAINT "FK_8a8bec68916f25497b308000065" FOREIGN KEY ("variant_id") REFERENCES "product_variants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "variant_stock_slots" ADD CONSTRAINT "FK_71162da5c0c05f8689d5e8bb8b6" FOREIGN KEY ("variant_id") REFERENCES "product_variants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "flash_sale_stock_slots" ADD CONSTRAINT "FK_e495241ea205d2e3eea50350028" FOREIGN KEY ("flash_sale_id") REFERENCES "flash_sales"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "flash_sale_buyers" ADD CONSTRAINT "FK_fe3abe8b94651257b25f35fd982" FOREIGN KEY ("flash_sale_id") REFERENCES "flash_sales"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "flash_sale_buyers" DROP CONSTRAINT "FK_fe3abe8b94651257b25f35fd982"`,
    );
    await queryRunner.query(
      `ALTER TABLE "flash_sale_stock_slots" DROP CONSTRAINT "FK_e495241ea205d2e3eea50350028"`,
    );
    await queryRunner.query(
      `ALTER TABLE "variant_stock_slots" DROP CONSTRAINT "FK_71162da5c0c05f8689d5e8bb8b6"`,
    );
    await queryRunner.query(`ALTER TABLE "flash_sales" DROP CONSTRAINT "FK_8a8bec68916f25497b308000065"`);
    await queryRunner.query(`ALTER TABLE "flash_sales" DROP CONSTRAINT "FK_502ff7a21844a8cece95683f4d7"`);
    await queryRunner.query(`ALTER TABLE "order_history" DROP CONSTRAINT "FK_3e8ecdec907bbf6d4cceb3ab2a4"`);
    await queryRunner.query(`ALTER TABLE "order_items" DROP CONSTRAINT "FK_145532db85752b29c57d2b7b1f1"`);
    await queryRunner.query(`ALTER TABLE "product_photos" DROP CONSTRAINT "FK_ef0be6cd13fe604b1e7ae5987b8"`);
    await queryRunner.query(
      `ALTER TABLE "product_variants" DROP CONSTRAINT "FK_6343513e20e2deab45edfce1316"`,
    );
    await queryRunner.query(`ALTER TABLE "products" DROP CONSTRAINT "FK_9e952e93f369f16e27dd786c33f"`);
    await queryRunner.query(`ALTER TABLE "reviews" DROP CONSTRAINT "FK_e4b0ed40bdd0f318108612c2851"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "FK_33f20db82908f7685a5c0c58ac6"`);
    await queryRunner.query(`DROP INDEX "public"."ix_addresses_owner"`);
    await queryRunner.query(`DROP TABLE "addresses"`);
    await queryRunner.query(`DROP TABLE "flash_sale_buyers"`);
    await queryRunner.query(`DROP TABLE "flash_sale_stock_slots"`);
    await queryRunner.query(`DROP TABLE "variant_stock_slots"`);
    await queryRunner.query(`DROP INDEX "public"."ix_flash_sales_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_flash_sales_live_session"`);
    await queryRunner.query(`DROP INDEX "public"."ix_flash_sales_variant"`);
    await queryRunner.query(`DROP TABLE "flash_sales"`);
    await queryRunner.query(`DROP INDEX "public"."ix_order_history_order"`);
    await queryRunner.query(`DROP TABLE "order_history"`);
    await queryRunner.query(`DROP TABLE "order_items"`);
    await queryRunner.query(`DROP TABLE "payment_events"`);
    await queryRunner.query(`DROP TABLE "product_photos"`);
    await queryRunner.query(`DROP INDEX "public"."ix_product_variants_product"`);
    await queryRunner.query(`DROP TABLE "product_variants"`);
    await queryRunner.query(`DROP INDEX "public"."ix_products_category_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_products_shop"`);
    await queryRunner.query(`DROP TABLE "products"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reviews_shop"`);
    await queryRunner.query(`DROP TABLE "reviews"`);
    await queryRunner.query(`DROP INDEX "public"."uq_orders_buyer_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_orders_buyer_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_orders_shop_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_orders_pending_expiry"`);
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`DROP INDEX "public"."ix_shops_owner"`);
    await queryRunner.query(`DROP TABLE "shops"`);
  }
}
