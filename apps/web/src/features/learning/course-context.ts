import type {
  AssessmentView,
  CertificateView,
  CourseProgressView,
  CourseView,
  EnrollmentView,
  Role,
} from '@app/contracts';
import { learningApi } from './learning-api';

/** Staff read every course and record (as the api's `isStaff`); admins pass every role check. */
export const isStaff = (roles: readonly Role[]): boolean =>
  roles.some((r) => r === 'instructor' || r === 'program_admin' || r === 'admin');

export const isInstructor = (roles: readonly Role[]): boolean =>
  roles.some((r) => r === 'instructor' || r === 'admin');

/** What a course page needs: the course, and for a trainee their enrolment, standing and certificate. */
export interface CourseContext {
  course: CourseView;
  assessments: AssessmentView[];
  enrollment: EnrollmentView | null;
  progress: CourseProgressView | null;
  certificate: CertificateView | null;
}

export async function loadCourseContext(courseId: string, signal: AbortSignal): Promise<CourseContext> {
  const [course, assessments, enrollments] = await Promise.all([
    learningApi.course(courseId, signal),
    learningApi.assessments(courseId, signal),
    learningApi.myEnrollments(signal),
  ]);
  const enrollment =
    enrollments.find((e) => e.programId === course.programId && e.status !== 'withdrawn') ?? null;
  if (!enrollment) return { course, assessments, enrollment, progress: null, certificate: null };
  const [progress, certificates] = await Promise.all([
    learningApi.progress(enrollment.id, signal),
    learningApi.certificates(enrollment.id, signal),
  ]);
  return {
    course,
    assessments,
    enrollment,
    progress: progress.courses.find((c) => c.courseId === course.id) ?? null,
    certificate: certificates.find((c) => c.courseId === course.id) ?? null,
  };
}

export interface MyCourse {
  course: CourseView;
  progress: CourseProgressView | null;
  certificate: CertificateView | null;
}

/** A trainee's courses, across every program they are enrolled in, with their standing. */
export async function loadMyCourses(signal: AbortSignal): Promise<MyCourse[]> {
  const enrollments = (await learningApi.myEnrollments(signal)).filter((e) => e.status !== 'withdrawn');
  const perProgram = await Promise.all(
    enrollments.map(async (e) => {
      const [courses, progress, certificates] = await Promise.all([
        learningApi.programCourses(e.programId, signal),
        learningApi.progress(e.id, signal),
        learningApi.certificates(e.id, signal),
      ]);
      return courses.map((course) => ({
        course,
        progress: progress.courses.find((p) => p.courseId === course.id) ?? null,
        certificate: certificates.find((c) => c.courseId === course.id) ?? null,
      }));
    }),
  );
  return perProgram.flat();
}

export interface ProgramCourses {
  programId: string;
  programName: string;
  courses: CourseView[];
}

/** Every program's courses, for staff. */
export async function loadCatalogue(signal: AbortSignal): Promise<ProgramCourses[]> {
  const programs = await learningApi.programs(signal);
  return Promise.all(
    programs.map(async (p) => ({
      programId: p.id,
      programName: p.name,
      courses: await learningApi.programCourses(p.id, signal),
    })),
  );
}

export const lessonsDone = (progress: CourseProgressView | null): number =>
  progress?.lessons.filter((l) => l.completed).length ?? 0;
