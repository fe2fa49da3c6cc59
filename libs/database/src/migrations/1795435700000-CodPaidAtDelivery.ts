import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cash-on-delivery order's money is taken when the courier hands the goods over, so from now on
 * its `paid_at` is set as it becomes `delivered` (OrderService.applyTransition) and it counts as
 * sales from then. Orders delivered before that get the time of their `delivered` history row.
 */
export class CodPaidAtDelivery1795435700000 implements MigrationInterface {
  name = 'CodPaidAtDelivery1795435700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "orders" o SET "paid_at" = h.at
         FROM (SELECT "order_id", min("at") AS at FROM "order_history"
                WHERE "to_status" = 'delivered' GROUP BY "order_id") h
        WHERE o."id" = h."order_id" AND o."payment_method" = 'cod' AND o."paid_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // before this migration no cash-on-delivery order had a paid time
    await queryRunner.query(`UPDATE "orders" SET "paid_at" = NULL WHERE "payment_method" = 'cod'`);
  }
}
