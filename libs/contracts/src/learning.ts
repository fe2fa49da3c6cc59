/** REST payloads of the training side: programs, enrolment, courses, hours, assessments, certificates. */

export const EligibilityCategories = [
  'poor_household',
  'returning_migrant',
  'unemployed_graduate',
  'disability',
  'full_time_mother',
  'veteran',
] as const;
export type EligibilityCategory = (typeof EligibilityCategories)[number];

export const OrganizationKinds = ['training_institution', 'skill_evaluation_agency', 'enterprise'] as const;
export type OrganizationKind = (typeof OrganizationKinds)[number];

export const LessonKinds = ['video', 'text', 'live_class', 'practice'] as const;
export type LessonKind = (typeof LessonKinds)[number];

export const SkillLevels = ['junior', 'intermediate', 'senior'] as const;
export type SkillLevel = (typeof SkillLevels)[number];

export const EnrollmentStatuses = ['active', 'completed', 'withdrawn'] as const;
export type EnrollmentStatus = (typeof EnrollmentStatuses)[number];

export const HoursSources = ['video', 'live_class', 'correction'] as const;
export type HoursSource = (typeof HoursSources)[number];

export const QuestionKinds = ['single', 'multiple', 'true_false'] as const;
export type QuestionKind = (typeof QuestionKinds)[number];

export const AssessmentKinds = ['quiz', 'practical'] as const;
export type AssessmentKind = (typeof AssessmentKinds)[number];

export type CertificateStatus = 'valid' | 'revoked';

// ---- programs and organizations ----

export interface CreateOrganizationRequest {
  name: string;
  kind: OrganizationKind;
}
export interface OrganizationView {
  id: string;
  name: string;
  kind: OrganizationKind;
}

/** Who counts for a subsidy: a valid certificate (when required) and at least `minHours` verified hours. */
export interface SubsidyRule {
  requireCertificate: boolean;
  minHours: number;
}

export interface CreateProgramRequest {
  name: string;
  region: string;
  fundingBody: string;
  /** calendar dates, YYYY-MM-DD */
  startsOn: string;
  endsOn: string;
  eligibleCategories: EligibilityCategory[];
  subsidyRule: SubsidyRule;
}
export interface ProgramView extends CreateProgramRequest {
  id: string;
  cohorts: CohortView[];
  createdAt: string;
}
export interface CreateCohortRequest {
  name: string;
}
export interface CohortView {
  id: string;
  name: string;
}

// ---- enrolment ----

export interface EnrollTraineeRequest {
  name: string;
  /** mainland mobile number */
  mobile: string;
  category: EligibilityCategory;
  cohortId: string;
}
export interface EnrollmentView {
  id: string;
  programId: string;
  cohortId: string;
  userId: string;
  traineeName: string;
  category: EligibilityCategory;
  status: EnrollmentStatus;
  createdAt: string;
}
/** A new account's one-time invite code, shown once (the program office sends it by SMS). */
export interface TraineeInvite {
  mobile: string;
  code: string;
  expiresAt: string;
}
export interface EnrollTraineeResponse {
  enrollment: EnrollmentView;
  invite: TraineeInvite | null;
}
export interface ImportEnrollmentsRequest {
  /** UTF-8 CSV with a header row: name, mobile, category, cohort (Chinese headers are accepted too) */
  csv: string;
}
export interface ImportEnrollmentsResponse {
  enrolled: number;
  accountsCreated: number;
  invites: TraineeInvite[];
}
export interface ClaimInviteRequest {
  mobile: string;
  code: string;
  password: string;
}

// ---- courses ----

export interface CreateCourseRequest {
  title: string;
  occupationCategory: string;
  credits: number;
  requiredHours: number;
  skillLevel: SkillLevel;
  evaluatingOrganizationId: string;
  prerequisiteCourseIds?: string[];
}
export interface CreateModuleRequest {
  title: string;
}
export interface CreateLessonRequest {
  title: string;
  kind: LessonKind;
  credits: number;
  /** video: a verified `lesson-video` upload and its length in seconds */
  videoUploadId?: string;
  videoDurationSec?: number;
  /** text and practice lessons */
  body?: string;
  /** live_class: a `class` live session */
  liveSessionId?: string;
  prerequisiteLessonIds?: string[];
}
/**
 * PATCH /api/courses/:id: any of the fields a course is created with; at least one. Certificates
 * already issued keep what they were issued with (the progress rule: CourseEditingService).
 */
export type UpdateCourseRequest = Partial<CreateCourseRequest>;
/** PATCH /api/modules/:id */
export interface UpdateModuleRequest {
  title: string;
}
/**
 * PATCH /api/lessons/:id: title, credits and the content of the lesson's own kind; the kind itself
 * never changes. A video is replaced by giving both `videoUploadId` and `videoDurationSec`.
 */
export type UpdateLessonRequest = Partial<Omit<CreateLessonRequest, 'kind'>>;
/** POST /api/modules/:id/move: the module's new 0-based place among its course's modules. */
export interface MoveModuleRequest {
  position: number;
}
/**
 * POST /api/lessons/:id/move: the lesson's new 0-based place in its module, or in `moduleId`, another
 * module of the same course (there `position` may also be one past the last lesson).
 */
export interface MoveLessonRequest {
  position: number;
  moduleId?: string;
}
export interface LessonView {
  id: string;
  moduleId: string;
  title: string;
  kind: LessonKind;
  /** 0-based place within its module (see `ModuleView.lessons`) */
  position: number;
  credits: number;
  videoDurationSec: number | null;
  hasVideo: boolean;
  body: string | null;
  liveSessionId: string | null;
  prerequisiteLessonIds: string[];
}
/**
 * Where a `<video>` element can fetch a lesson's video (with Range) without an Authorization
 * header: a same-origin path carrying a ticket for this lesson and person, valid until `expiresAt`.
 */
export interface LessonVideoLink {
  url: string;
  expiresAt: string;
}
export interface ModuleView {
  id: string;
  title: string;
  /** 0-based place among the course's modules */
  position: number;
  /** in order; a lesson's `position` is its 0-based place in this module, not in the course */
  lessons: LessonView[];
}
export interface CourseView {
  id: string;
  programId: string;
  title: string;
  occupationCategory: string;
  credits: number;
  requiredHours: number;
  skillLevel: SkillLevel;
  evaluatingOrganization: OrganizationView;
  prerequisiteCourseIds: string[];
  /** in the course's order */
  modules: ModuleView[];
}

// ---- authoring ----

/**
 * POST /api/programs/:id/instructors: a program admin lets an instructor author the program's
 * courses. Give exactly one of the two: the office knows people by the mobile number or e-mail they
 * sign in with, scripts by their account id. Assigning twice answers the same row.
 */
export interface AssignInstructorRequest {
  userId?: string;
  /** what the instructor signs in with, typed any way sign-in accepts (`138 0013 8000`, `+86…`) */
  identifier?: string;
}
/** GET /api/programs/:id/instructors: who may author the program's courses, first assigned first. */
export interface ProgramInstructorView {
  userId: string;
  displayName: string;
  /** partly masked, e.g. 138****8000; null when the account has no mobile number */
  maskedPhone: string | null;
  /** partly masked, e.g. w***@example.com; null when the account has no e-mail */
  maskedEmail: string | null;
  assignedAt: string;
}
/** GET /api/me/teaching: where the signed-in instructor (or program admin) may author courses. */
export interface TeachingView {
  programs: ProgramView[];
  /** every course of those programs, oldest first */
  courses: CourseView[];
}

// ---- verified hours ----

export interface HeartbeatRequest {
  /** one per browser tab, chosen by the client */
  tabId: string;
  /** increases by one per heartbeat within a tab */
  seq: number;
  /** playback position in seconds */
  positionSec: number;
  playbackRate: number;
}
export interface HeartbeatResponse {
  accepted: boolean;
  creditedMs: number;
  /** seconds of this lesson's video watched at least once */
  watchedSec: number;
  /** why nothing was credited, when so */
  note:
    | 'replayed'
    | 'first_in_tab'
    | 'too_fast_playback'
    | 'gap_too_long'
    | 'no_new_range'
    /** another tab already used this stretch of real time */
    | 'parallel_tab'
    | null;
}
export interface HoursCorrectionRequest {
  courseId: string;
  lessonId?: string;
  /** signed: negative takes hours away */
  hours: number;
  reason: string;
}
export interface HoursEntryView {
  id: string;
  seq: number;
  courseId: string;
  lessonId: string | null;
  source: HoursSource;
  creditedMs: number;
  reason: string | null;
  authorId: string | null;
  createdAt: string;
}
export interface LessonProgressView {
  lessonId: string;
  kind: LessonKind;
  hours: number;
  completed: boolean;
  credits: number;
}
export interface CourseProgressView {
  courseId: string;
  hours: number;
  requiredHours: number;
  credits: number;
  requiredCredits: number;
  assessmentsPassed: number;
  assessmentsTotal: number;
  /** in the course's order: module by module (as `CourseView.modules`), then by place in the module */
  lessons: LessonProgressView[];
}
export interface EnrollmentProgressView {
  enrollmentId: string;
  hours: number;
  credits: number;
  courses: CourseProgressView[];
}

// ---- assessments ----

export interface QuizQuestionInput {
  kind: QuestionKind;
  prompt: string;
  /** true_false questions have exactly two options */
  options: string[];
  /** indexes into `options` */
  correct: number[];
  points?: number;
}
export interface CreateAssessmentRequest {
  kind: AssessmentKind;
  title: string;
  /** quiz: percent of points; practical: rubric total out of 100 */
  passMark: number;
  maxAttempts: number;
  questions?: QuizQuestionInput[];
}
export interface QuizQuestionView {
  id: string;
  kind: QuestionKind;
  prompt: string;
  options: string[];
  points: number;
}
export interface AssessmentView {
  id: string;
  courseId: string;
  kind: AssessmentKind;
  title: string;
  passMark: number;
  maxAttempts: number;
  questions: QuizQuestionView[];
}
export interface QuizAnswer {
  questionId: string;
  choices: number[];
}
export interface SubmitQuizRequest {
  answers: QuizAnswer[];
}
export interface QuizAttemptView {
  id: string;
  attemptNo: number;
  scorePercent: number;
  passed: boolean;
  attemptsLeft: number;
}
export interface SubmitPracticalRequest {
  /** a `sale` live session the trainee hosted and ended */
  liveSessionId: string;
}
export interface PracticalRubric {
  productPresentation: number;
  viewerEngagement: number;
  honestyCompliance: number;
  closingSale: number;
}
export interface GradePracticalRequest extends PracticalRubric {
  comment?: string;
}
/** The practice session's own figures, shown next to the rubric. */
export interface PracticalFigures {
  durationSec: number;
  peakViewers: number;
  chatMessages: number;
  orders: number;
  sandboxSalesMinor: number;
  /** false when the commerce tables do not exist yet: orders and sales then read 0 */
  commerceAvailable: boolean;
}
export interface PracticalSubmissionView {
  id: string;
  assessmentId: string;
  traineeId: string;
  liveSessionId: string;
  status: 'submitted' | 'graded';
  figures: PracticalFigures;
  rubric: PracticalRubric | null;
  total: number | null;
  passed: boolean | null;
  comment: string | null;
  gradedBy: string | null;
}

// ---- certificates ----

export interface CertificateView {
  id: string;
  code: string;
  enrollmentId: string;
  courseId: string;
  courseTitle: string;
  holderName: string;
  skillLevel: SkillLevel;
  evaluatingOrganization: string;
  hours: number;
  credits: number;
  status: CertificateStatus;
  issuedAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
}
export interface CertificateVerification {
  code: string;
  status: CertificateStatus;
  /** partly masked, e.g. 王*明 */
  holderName: string;
  courseTitle: string;
  skillLevel: SkillLevel;
  evaluatingOrganization: string;
  programName: string;
  issuedAt: string;
  revokedAt: string | null;
}
export interface RevokeCertificateRequest {
  reason: string;
}

// ---- program office ----

export interface DashboardFigures {
  enrolled: number;
  hours: number;
  certified: number;
  shopsOpened: number;
  orders: number;
  salesMinor: number;
}
export interface DashboardView {
  programId: string;
  /** false when the commerce tables do not exist yet: shop, order and sales figures read 0 */
  commerceAvailable: boolean;
  total: DashboardFigures;
  byCohort: Array<DashboardFigures & { cohortId: string; cohortName: string }>;
  byCategory: Array<DashboardFigures & { category: EligibilityCategory }>;
  /** sales of the trainees' open live shops per calendar month, oldest first, zero-filled */
  salesByMonth: DashboardSalesMonth[];
  /** the zone the months are cut in: the program office's own (China time) */
  salesTimeZone: string;
}
export interface DashboardSalesMonth {
  /** `YYYY-MM` */
  month: string;
  orders: number;
  /** CNY fen */
  salesMinor: number;
  /** every cohort of `byCohort`, in the same order, with zeros where nothing sold */
  byCohort: Array<{ cohortId: string; orders: number; salesMinor: number }>;
}
export interface SubsidyEligibleTrainee {
  enrollmentId: string;
  userId: string;
  name: string;
  mobile: string | null;
  cohortName: string;
  category: EligibilityCategory;
  hours: number;
  certificateCodes: string[];
}
