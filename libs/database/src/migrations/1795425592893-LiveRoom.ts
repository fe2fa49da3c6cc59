import { MigrationInterface, QueryRunner } from 'typeorm';

export class LiveRoom1795425592893 implements MigrationInterface {
  name = 'LiveRoom1795425592893';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "live_chat_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "user_id" uuid NOT NULL, "display_name" character varying(40) NOT NULL, "text" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_047ed9c3e891fec34b953bea1c3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_live_chat_session_created" ON "live_chat_messages" ("session_id", "created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "live_sessions" ADD "likes" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "live_sessions" DROP COLUMN "likes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_live_chat_session_created"`);
    await queryRunner.query(`DROP TABLE "live_chat_messages"`);
  }
}
