import { MigrationInterface, QueryRunner } from 'typeorm';

export class Learning1795425948514 implements MigrationInterface {
  name = 'Learning1795425948514';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "video_viewers" ("user_id" uuid NOT NULL, "credited_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_dc358e30e25c4d5dece497aadca" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "video_viewer_tabs" ("user_id" uuid NOT NULL, "tab_id" character varying(64) NOT NULL, "lesson_id" uuid NOT NULL, "last_seq" integer NOT NULL, "last_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_position_ms" integer NOT NULL, CONSTRAINT "PK_4eb658d00286fa153cc51892c97" PRIMARY KEY ("user_id", "tab_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "video_progress" ("user_id" uuid NOT NULL, "lesson_id" uuid NOT NULL, "watched" jsonb NOT NULL DEFAULT '[]', "watched_ms" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_d094399882b3d78f3e139848f58" PRIMARY KEY ("user_id", "lesson_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "hours_ledger" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "enrollment_id" uuid NOT NULL, "course_id" uuid NOT NULL, "lesson_id" uuid, "source" character varying(12) NOT NULL, "credited_ms" integer NOT NULL, "ref" character varying(64), "reason" character varying(500), "author_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cd69bbca0b2977fa3b8a648bf66" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_hours_ledger_seq" ON "hours_ledger" ("seq") `);
    await queryRunner.query(
      `CREATE INDEX "ix_hours_ledger_enrollment_course" ON "hours_ledger" ("enrollment_id", "course_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "programs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "region" character varying(80) NOT NULL, "funding_body" character varying(120) NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "eligible_categories" character varying(32) array NOT NULL, "subsidy_requires_certificate" boolean NOT NULL DEFAULT true, "subsidy_min_hours" numeric(7,2) NOT NULL DEFAULT '0', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d43c664bcaafc0e8a06dfd34e05" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "kind" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "cohorts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "name" character varying(60) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fd38f76b135e907b834fda1e752" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_cohorts_program_name" ON "cohorts" ("program_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "trainee_invites" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "code_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_889cb5b3d7c0410a8209b5d2498" UNIQUE ("user_id"), CONSTRAINT "PK_25d641989a0ef0e434d440d0cd4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "enrollments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "cohort_id" uuid NOT NULL, "user_id" uuid NOT NULL, "trainee_name" character varying(40) NOT NULL, "category" character varying(32) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'active', "enrolled_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7c0f752f9fb68bf6ed7367ab00f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_enrollments_cohort" ON "enrollments" ("cohort_id") `);
    await queryRunner.query(`CREATE INDEX "ix_enrollments_user" ON "enrollments" ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_enrollments_program_user" ON "enrollments" ("program_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "courses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "occupation_category" character varying(80) NOT NULL, "credits" numeric(6,1) NOT NULL, "required_hours" numeric(7,2) NOT NULL, "skill_level" character varying(16) NOT NULL, "evaluating_organization_id" uuid NOT NULL, "prerequisite_course_ids" uuid array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3f70a487cc718ad8eda4e6d58c9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_courses_program" ON "courses" ("program_id") `);
    await queryRunner.query(
      `CREATE TABLE "course_modules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_4c195db0718e8845a6e09075ebc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_course_modules_course" ON "course_modules" ("course_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "lessons" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "module_id" uuid NOT NULL, "course_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "kind" character varying(12) NOT NULL, "position" integer NOT NULL, "credits" numeric(5,1) NOT NULL DEFAULT '0', "video_upload_id" uuid, "video_duration_sec" integer, "body" text, "live_session_id" uuid, "prerequisite_lesson_ids" uuid array NOT NULL DEFAULT '{}', CONSTRAINT "PK_9b9a8d455cac672d262d7275730" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_lessons_course" ON "lessons" ("course_id") `);
    await queryRunner.query(`CREATE INDEX "ix_lessons_live_session" ON "lessons" ("live_session_id") `);
    await queryRunner.query(`CREATE INDEX "ix_lessons_module" ON "lessons" ("module_id", "position") `);
    await queryRunner.query(
      `CREATE TABLE "lesson_completions" ("enrollment_id" uuid NOT NULL, "lesson_id" uuid NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6820da9499934ab87d200746fbd" PRIMARY KEY ("enrollment_id", "lesson_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "certificates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(19) NOT NULL, "enrollment_id" uuid NOT NULL, "program_id" uuid NOT NULL, "course_id" uuid NOT NULL, "user_id" uuid NOT NULL, "holder_name" character varying(40) NOT NULL, "course_title" character varying(120) NOT NULL, "program_name" character varying(120) NOT NULL, "skill_level" character varying(16) NOT NULL, "evaluating_organization_id" uuid NOT NULL, "evaluating_organization_name" character varying(120) NOT NULL, "hours_ms" bigint NOT NULL, "credits" numeric(6,1) NOT NULL, "ledger_seq" bigint NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'valid', "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, "revoke_reason" character varying(500), CONSTRAINT "PK_e4c7e31e2144300bea7d89eb165" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_certificates_code" ON "certificates" ("code") `);
    await queryRunner.query(`CREATE INDEX "ix_certificates_program" ON "certificates" ("program_id") `);
    await queryRunner.query(`CREATE INDEX "ix_certificates_user" ON "certificates" ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_certificates_enrollment_course" ON "certificates" ("enrollment_id", "course_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "quiz_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "enrollment_id" uuid NOT NULL, "attempt_no" integer NOT NULL, "answers" jsonb NOT NULL, "score_percent" integer NOT NULL, "passed" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a84a93fb092359516dc5b325b90" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_quiz_attempts_no" ON "quiz_attempts" ("assessment_id", "enrollment_id", "attempt_no") `,
    );
    await queryRunner.query(
      `CREATE TABLE "practical_submissions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "enrollment_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "attempt_no" integer NOT NULL, "live_session_id" uuid NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'submitted', "rubric" jsonb, "total" integer, "passed" boolean, "comment" character varying(1000), "graded_by" uuid, "graded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_32c154fa1beecd42f254a787b8e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_practical_submissions_session" ON "practical_submissions" ("live_session_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_practical_submissions_no" ON "practical_submissions" ("assessment_id", "enrollment_id", "attempt_no") `,
    );
    await queryRunner.query(
      `CREATE TABLE "assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "kind" character varying(12) NOT NULL, "title" character varying(120) NOT NULL, "pass_mark" integer NOT NULL, "max_attempts" integer NOT NULL, CONSTRAINT "PK_a3442bd80a00e9111cefca57f6c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_assessments_course" ON "assessments" ("course_id") `);
    await queryRunner.query(
      `CREATE TABLE "quiz_questions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "position" integer NOT NULL, "kind" character varying(12) NOT NULL, "prompt" character varying(1000) NOT NULL, "options" jsonb NOT NULL, "correct" jsonb NOT NULL, "points" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_ec0447fd30d9f5c182e7653bfd3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_quiz_questions_assessment" ON "quiz_questions" ("assessment_id", "position") `,
    );
    await queryRunner.query(
      `ALTER TABLE "cohorts" ADD CONSTRAINT "FK_d8e49c656a43855ec1b0f1ff1b5" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrollments" ADD CONSTRAINT "FK_46cbd5f5fcd422a898bfdf8aabb" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrollments" ADD CONSTRAINT "FK_66dbba19e66e25c3814f80b6478" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrollments" ADD CONSTRAINT "FK_ff997f5a39cd24a491b9aca45c9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "courses" ADD CONSTRAINT "FK_ef3a23e394203eb11b06b77f695" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "courses" ADD CONSTRAINT "FK_146437f22c1c3f06cbf5b244664" FOREIGN KEY ("evaluating_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_modules" ADD CONSTRAINT "FK_81644557c2401f37fe9e884e884" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lessons" ADD CONSTRAINT "FK_35fb2307535d90a6ed290af1f4a" FOREIGN KEY ("module_id") REFERENCES "course_modules"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "FK_2d76c87300726d247589833f63f" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "quiz_questions" ADD CONSTRAINT "FK_73791735510266c913c64815970" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The hours ledger is append-only: corrections are new rows, never edits or deletions.
    await queryRunner.query(
      `CREATE FUNCTION hours_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hours_ledger is append-only: add a correction instead' USING ERRCODE = 'restrict_violation'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER hours_ledger_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "hours_ledger" FOR EACH STATEMENT EXECUTE FUNCTION hours_ledger_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER hours_ledger_append_only ON "hours_ledger"`);
    await queryRunner.query(`DROP FUNCTION hours_ledger_append_only()`);
    await queryRunner.query(`ALTER TABLE "quiz_questions" DROP CONSTRAINT "FK_73791735510266c913c64815970"`);
    await queryRunner.query(`ALTER TABLE "assessments" DROP CONSTRAINT "FK_2d76c87300726d247589833f63f"`);
    await queryRunner.query(`ALTER TABLE "lessons" DROP CONSTRAINT "FK_35fb2307535d90a6ed290af1f4a"`);
    await queryRunner.query(`ALTER TABLE "course_modules" DROP CONSTRAINT "FK_81644557c2401f37fe9e884e884"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP CONSTRAINT "FK_146437f22c1c3f06cbf5b244664"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP CONSTRAINT "FK_ef3a23e394203eb11b06b77f695"`);
    await queryRunner.query(`ALTER TABLE "enrollments" DROP CONSTRAINT "FK_ff997f5a39cd24a491b9aca45c9"`);
    await queryRunner.query(`ALTER TABLE "enrollments" DROP CONSTRAINT "FK_66dbba19e66e25c3814f80b6478"`);
    await queryRunner.query(`ALTER TABLE "enrollments" DROP CONSTRAINT "FK_46cbd5f5fcd422a898bfdf8aabb"`);
    await queryRunner.query(`ALTER TABLE "cohorts" DROP CONSTRAINT "FK_d8e49c656a43855ec1b0f1ff1b5"`);
    await queryRunner.query(`DROP INDEX "public"."ix_quiz_questions_assessment"`);
    await queryRunner.query(`DROP TABLE "quiz_questions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessments_course"`);
    await queryRunner.query(`DROP TABLE "assessments"`);
    await queryRunner.query(`DROP INDEX "public"."uq_practical_submissions_no"`);
    await queryRunner.query(`DROP INDEX "public"."uq_practical_submissions_session"`);
    await queryRunner.query(`DROP TABLE "practical_submissions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_quiz_attempts_no"`);
    await queryRunner.query(`DROP TABLE "quiz_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_certificates_enrollment_course"`);
    await queryRunner.query(`DROP INDEX "public"."ix_certificates_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_certificates_program"`);
    await queryRunner.query(`DROP INDEX "public"."uq_certificates_code"`);
    await queryRunner.query(`DROP TABLE "certificates"`);
    await queryRunner.query(`DROP TABLE "lesson_completions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lessons_module"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lessons_live_session"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lessons_course"`);
    await queryRunner.query(`DROP TABLE "lessons"`);
    await queryRunner.query(`DROP INDEX "public"."ix_course_modules_course"`);
    await queryRunner.query(`DROP TABLE "course_modules"`);
    await queryRunner.query(`DROP INDEX "public"."ix_courses_program"`);
    await queryRunner.query(`DROP TABLE "courses"`);
    await queryRunner.query(`DROP INDEX "public"."uq_enrollments_program_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enrollments_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enrollments_cohort"`);
    await queryRunner.query(`DROP TABLE "enrollments"`);
    await queryRunner.query(`DROP TABLE "trainee_invites"`);
    await queryRunner.query(`DROP INDEX "public"."uq_cohorts_program_name"`);
    await queryRunner.query(`DROP TABLE "cohorts"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP TABLE "programs"`);
    await queryRunner.query(`DROP INDEX "public"."ix_hours_ledger_enrollment_course"`);
    await queryRunner.query(`DROP INDEX "public"."uq_hours_ledger_seq"`);
    await queryRunner.query(`DROP TABLE "hours_ledger"`);
    await queryRunner.query(`DROP TABLE "video_progress"`);
    await queryRunner.query(`DROP TABLE "video_viewer_tabs"`);
    await queryRunner.query(`DROP TABLE "video_viewers"`);
  }
}
