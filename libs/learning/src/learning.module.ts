import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { UploadModule } from '@app/storage';
import { AssessmentController } from './assessment/assessment.controller';
import { AssessmentService } from './assessment/assessment.service';
import { PracticalService } from './assessment/practical.service';
import { CertificateIssuer } from './certificate/certificate-issuer';
import { CertificateController } from './certificate/certificate.controller';
import { CertificateService } from './certificate/certificate.service';
import { CourseController } from './course/course.controller';
import { CourseEditingService } from './course/course-editing.service';
import { CourseService } from './course/course.service';
import { LessonVideoService } from './course/lesson-video.service';
import { VideoLinks } from './course/video-link';
import { EnrollmentService } from './enrollment/enrollment.service';
import { LearningListeners } from './learning.listeners';
import { HeartbeatService } from './progress/heartbeat.service';
import { HoursLedgerService } from './progress/hours-ledger.service';
import { LiveReadModel } from './progress/live-read-model';
import { ProgressService } from './progress/progress.service';
import { ProgramController } from './program/program.controller';
import { ProgramInstructorService } from './program/program-instructor.service';
import { ProgramService } from './program/program.service';
import { CommerceReadModel } from './report/commerce-read-model';
import { ReportService } from './report/report.service';

/** Programs, enrolment, courses, verified hours, assessments, certificates, program-office reports. */
@Module({
  imports: [IdentityModule, UploadModule],
  controllers: [ProgramController, CourseController, AssessmentController, CertificateController],
  providers: [
    ProgramService,
    ProgramInstructorService,
    EnrollmentService,
    CourseService,
    CourseEditingService,
    LessonVideoService,
    VideoLinks,
    HeartbeatService,
    HoursLedgerService,
    ProgressService,
    AssessmentService,
    PracticalService,
    CertificateService,
    CertificateIssuer,
    ReportService,
    LiveReadModel,
    CommerceReadModel,
    LearningListeners,
  ],
  exports: [CertificateIssuer, ProgressService],
})
export class LearningModule {}
