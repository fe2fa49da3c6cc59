import { MigrationInterface, QueryRunner } from 'typeorm';

export class ShopRejections1795432400000 implements MigrationInterface {
  name = 'ShopRejections1795432400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "shops" ADD "rejected_by" uuid`);
    await queryRunner.query(`ALTER TABLE "shops" ADD "rejected_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "shops" ADD "rejection_reason" character varying(500)`);
    await queryRunner.query(`CREATE INDEX "ix_shops_status_created" ON "shops" ("status", "created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_shops_status_created"`);
    await queryRunner.query(`ALTER TABLE "shops" DROP COLUMN "rejection_reason"`);
    await queryRunner.query(`ALTER TABLE "shops" DROP COLUMN "rejected_at"`);
    await queryRunner.query(`ALTER TABLE "shops" DROP COLUMN "rejected_by"`);
  }
}
