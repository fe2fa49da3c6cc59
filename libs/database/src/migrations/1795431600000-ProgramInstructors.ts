import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgramInstructors1795431600000 implements MigrationInterface {
  name = 'ProgramInstructors1795431600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "program_instructors" ("program_id" uuid NOT NULL, "user_id" uuid NOT NULL, "assigned_by" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_60e850d187e805f13e335cf85f9" PRIMARY KEY ("program_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_program_instructors_user" ON "program_instructors" ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "program_instructors" ADD CONSTRAINT "FK_5f9b1a19a02da3a940985d8ad1c" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "program_instructors" DROP CONSTRAINT "FK_5f9b1a19a02da3a940985d8ad1c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_program_instructors_user"`);
    await queryRunner.query(`DROP TABLE "program_instructors"`);
  }
}
