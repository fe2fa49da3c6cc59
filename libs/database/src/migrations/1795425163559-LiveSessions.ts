import { MigrationInterface, QueryRunner } from 'typeorm';

export class LiveSessions1795425163559 implements MigrationInterface {
  name = 'LiveSessions1795425163559';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "live_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(8) NOT NULL, "host_id" uuid NOT NULL, "title" character varying(80) NOT NULL, "description" character varying(2000), "status" character varying(12) NOT NULL DEFAULT 'scheduled', "scheduled_start" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "record" boolean NOT NULL DEFAULT false, "viewers_now" integer NOT NULL DEFAULT '0', "peak_viewers" integer NOT NULL DEFAULT '0', "replay_status" character varying(12) NOT NULL DEFAULT 'none', "replay_object_key" character varying(300), "replay_duration_ms" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cc3225418b55b1e022dbfb6dca5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_live_sessions_host" ON "live_sessions" ("host_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_live_sessions_status_start" ON "live_sessions" ("status", "scheduled_start") `,
    );
    await queryRunner.query(
      `CREATE TABLE "live_attendance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "user_id" character varying(64) NOT NULL, "role" character varying(8) NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, "left_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1b60333fa4106c23d70e7dd8a5c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_live_attendance_session_user" ON "live_attendance" ("session_id", "user_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_live_attendance_session_user"`);
    await queryRunner.query(`DROP TABLE "live_attendance"`);
    await queryRunner.query(`DROP INDEX "public"."ix_live_sessions_status_start"`);
    await queryRunner.query(`DROP INDEX "public"."ix_live_sessions_host"`);
    await queryRunner.query(`DROP TABLE "live_sessions"`);
  }
}
