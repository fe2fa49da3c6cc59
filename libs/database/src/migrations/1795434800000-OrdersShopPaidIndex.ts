import { MigrationInterface, QueryRunner } from 'typeorm';

/** A shop's takings per day read its paid orders by `paid_at`. */
export class OrdersShopPaidIndex1795434800000 implements MigrationInterface {
  name = 'OrdersShopPaidIndex1795434800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_orders_shop_paid" ON "orders" ("shop_id", "paid_at") WHERE paid_at IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_orders_shop_paid"`);
  }
}
