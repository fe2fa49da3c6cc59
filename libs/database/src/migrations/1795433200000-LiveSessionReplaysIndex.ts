import { MigrationInterface, QueryRunner } from 'typeorm';

export class LiveSessionReplaysIndex1795433200000 implements MigrationInterface {
  name = 'LiveSessionReplaysIndex1795433200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_live_sessions_replays" ON "live_sessions" ("ended_at") WHERE replay_status = 'ready'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_live_sessions_replays"`);
  }
}
