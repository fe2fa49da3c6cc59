import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Course editing: module and lesson positions become dense and unique (checked at commit, so a
 * reorder can rewrite them in any order), and a lesson completion keeps the credits the lesson was
 * worth when it was finished, so editing a lesson's credits never takes earned credits away.
 */
export class CourseEditing1795436600000 implements MigrationInterface {
  name = 'CourseEditing1795436600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // two adds that raced could share a position: renumber 0…n-1 in the order shown until now
    await queryRunner.query(
      `UPDATE "course_modules" m SET "position" = r.p FROM (
         SELECT "id", ROW_NUMBER() OVER (PARTITION BY "course_id" ORDER BY "position", "id") - 1 AS p
           FROM "course_modules") r
        WHERE m."id" = r."id" AND m."position" <> r.p`,
    );
    await queryRunner.query(
      `UPDATE "lessons" l SET "position" = r.p FROM (
         SELECT "id", ROW_NUMBER() OVER (PARTITION BY "module_id" ORDER BY "position", "id") - 1 AS p
           FROM "lessons") r
        WHERE l."id" = r."id" AND l."position" <> r.p`,
    );
    // the unique constraints' indexes serve the same lookups as the plain ones they replace
    await queryRunner.query(`DROP INDEX "public"."ix_course_modules_course"`);
    await queryRunner.query(`DROP INDEX "public"."ix_lessons_module"`);
    await queryRunner.query(
      `ALTER TABLE "course_modules" ADD CONSTRAINT "uq_course_modules_position" UNIQUE ("course_id", "position") DEFERRABLE INITIALLY DEFERRED`,
    );
    await queryRunner.query(
      `ALTER TABLE "lessons" ADD CONSTRAINT "uq_lessons_position" UNIQUE ("module_id", "position") DEFERRABLE INITIALLY DEFERRED`,
    );

    await queryRunner.query(`ALTER TABLE "lesson_completions" ADD "credits" numeric(5,1)`);
    // lessons could not be edited before this migration, so today's credits are those earned
    await queryRunner.query(
      `UPDATE "lesson_completions" c SET "credits" = l."credits" FROM "lessons" l WHERE l."id" = c."lesson_id"`,
    );
    await queryRunner.query(`UPDATE "lesson_completions" SET "credits" = 0 WHERE "credits" IS NULL`);
    await queryRunner.query(`ALTER TABLE "lesson_completions" ALTER COLUMN "credits" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lesson_completions" DROP COLUMN "credits"`);
    await queryRunner.query(`ALTER TABLE "lessons" DROP CONSTRAINT "uq_lessons_position"`);
    await queryRunner.query(`ALTER TABLE "course_modules" DROP CONSTRAINT "uq_course_modules_position"`);
    await queryRunner.query(`CREATE INDEX "ix_lessons_module" ON "lessons" ("module_id", "position") `);
    await queryRunner.query(
      `CREATE INDEX "ix_course_modules_course" ON "course_modules" ("course_id", "position") `,
    );
  }
}
