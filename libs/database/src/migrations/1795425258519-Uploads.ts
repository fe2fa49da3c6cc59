import { MigrationInterface, QueryRunner } from 'typeorm';

export class Uploads1795425258519 implements MigrationInterface {
  name = 'Uploads1795425258519';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "uploads" ("id" uuid NOT NULL, "owner_id" uuid NOT NULL, "purpose" character varying(32) NOT NULL, "object_key" character varying(300) NOT NULL, "content_type" character varying(100) NOT NULL, "declared_size" bigint NOT NULL, "file_name" character varying(255), "status" character varying(16) NOT NULL DEFAULT 'pending', "reject_reason" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "verified_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d1781d1eedd7459314f60f39bd3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_uploads_object_key" ON "uploads" ("object_key") `);
    await queryRunner.query(
      `CREATE INDEX "ix_uploads_owner_created" ON "uploads" ("owner_id", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_uploads_owner_created"`);
    await queryRunner.query(`DROP INDEX "public"."uq_uploads_object_key"`);
    await queryRunner.query(`DROP TABLE "uploads"`);
  }
}
