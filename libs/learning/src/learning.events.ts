import type { DomainEvent } from '@app/database';

/** Hours, a lesson, a quiz or a practical changed for an enrolment: time to evaluate certificates. */
export class LearningProgressChanged implements DomainEvent {
  readonly type = 'LearningProgressChanged';
  constructor(readonly enrollmentId: string) {}
}

export class CertificateIssued implements DomainEvent {
  readonly type = 'CertificateIssued';
  constructor(
    readonly certificateId: string,
    readonly enrollmentId: string,
    readonly courseId: string,
  ) {}
}

export class CertificateRevoked implements DomainEvent {
  readonly type = 'CertificateRevoked';
  constructor(
    readonly certificateId: string,
    readonly enrollmentId: string,
  ) {}
}
