import { Injectable } from '@nestjs/common';
import { EnrollmentProgressView } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { assertCanSeeEnrollment, findEnrollment } from './hours-ledger.service';
import { computeStanding, toProgressView } from './progress-rollup';

@Injectable()
export class ProgressService {
  constructor(private readonly uow: UnitOfWork) {}

  /** Hours and credits rolled up per lesson, course and program, with assessments passed. */
  async progress(actor: Actor, enrollmentId: string): Promise<EnrollmentProgressView> {
    return this.uow.run(async ({ em }) => {
      const enrollment = await findEnrollment(em, enrollmentId);
      assertCanSeeEnrollment(actor, enrollment);
      return toProgressView(enrollment.id, await computeStanding(em, enrollment));
    });
  }
}
