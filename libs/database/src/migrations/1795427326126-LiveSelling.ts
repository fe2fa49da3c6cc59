import { MigrationInterface, QueryRunner } from 'typeorm';

export class LiveSelling1795427326126 implements MigrationInterface {
  name = 'LiveSelling1795427326126';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "live_pinned_products" ("session_id" uuid NOT NULL, "product_id" uuid NOT NULL, "pinned_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_30c63bd4bdc69722610c61f1b3e" PRIMARY KEY ("session_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_live_pinned_products_product" ON "live_pinned_products" ("product_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "shop_id" uuid NOT NULL, "session_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notices_user_session_kind" ON "notices" ("user_id", "session_id", "kind") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_notices_user_created" ON "notices" ("user_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "shop_follows" ("user_id" uuid NOT NULL, "shop_id" uuid NOT NULL, "remind" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9889180ad500c6b01e22df57125" PRIMARY KEY ("user_id", "shop_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_shop_follows_shop" ON "shop_follows" ("shop_id") `);
    await queryRunner.query(
      `ALTER TABLE "live_pinned_products" ADD CONSTRAINT "FK_30c63bd4bdc69722610c61f1b3e" FOREIGN KEY ("session_id") REFERENCES "live_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "live_pinned_products" ADD CONSTRAINT "FK_34fa8a6796ee9f5c97eeaf44d89" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "FK_b63e8dcd3d13a55e8099bfee902" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "FK_6cdaacc4b11b83ea7d2b68b423c" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "FK_2cc934775e83fc9bc5206a3c3d0" FOREIGN KEY ("session_id") REFERENCES "live_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shop_follows" ADD CONSTRAINT "FK_6e86e74bd2eb0cb9d4f37f71e1b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shop_follows" ADD CONSTRAINT "FK_a14449637075fecc1aa160d7264" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "shop_follows" DROP CONSTRAINT "FK_a14449637075fecc1aa160d7264"`);
    await queryRunner.query(`ALTER TABLE "shop_follows" DROP CONSTRAINT "FK_6e86e74bd2eb0cb9d4f37f71e1b"`);
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "FK_2cc934775e83fc9bc5206a3c3d0"`);
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "FK_6cdaacc4b11b83ea7d2b68b423c"`);
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "FK_b63e8dcd3d13a55e8099bfee902"`);
    await queryRunner.query(
      `ALTER TABLE "live_pinned_products" DROP CONSTRAINT "FK_34fa8a6796ee9f5c97eeaf44d89"`,
    );
    await queryRunner.query(
      `ALTER TABLE "live_pinned_products" DROP CONSTRAINT "FK_30c63bd4bdc69722610c61f1b3e"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_shop_follows_shop"`);
    await queryRunner.query(`DROP TABLE "shop_follows"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notices_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notices_user_session_kind"`);
    await queryRunner.query(`DROP TABLE "notices"`);
    await queryRunner.query(`DROP INDEX "public"."ix_live_pinned_products_product"`);
    await queryRunner.query(`DROP TABLE "live_pinned_products"`);
  }
}
