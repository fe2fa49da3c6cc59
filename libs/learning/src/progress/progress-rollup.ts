import { EntityManager } from 'typeorm';
import { CourseProgressView, EnrollmentProgressView } from '@app/contracts';
import { msToHours } from '../common/columns';
import { CourseModule } from '../course/course-module.entity';
import { Course } from '../course/course.entity';
import { LessonCompletion } from '../course/lesson-completion.entity';
import { Lesson } from '../course/lesson.entity';
import { Enrollment } from '../enrollment/enrollment.entity';

export interface CourseStanding {
  course: Course;
  hoursMs: number;
  credits: number;
  assessmentsPassed: number;
  assessmentsTotal: number;
  /** hours, credits and every assessment met */
  met: boolean;
  view: CourseProgressView;
}

/** Hours per course and lesson from the ledger, in one query. */
async function ledgerSums(em: EntityManager, enrollmentId: string): Promise<Map<string, number>> {
  const rows: Array<{ course_id: string; lesson_id: string | null; ms: string }> = await em.query(
    `SELECT course_id, lesson_id, SUM(credited_ms) AS ms FROM hours_ledger
      WHERE enrollment_id = $1 GROUP BY course_id, lesson_id`,
    [enrollmentId],
  );
  const sums = new Map<string, number>();
  for (const r of rows) {
    const ms = Number(r.ms);
    sums.set(r.course_id, (sums.get(r.course_id) ?? 0) + ms);
    if (r.lesson_id) sums.set(r.lesson_id, ms);
  }
  return sums;
}

/** Assessments per course, and how many of them this enrolment passed (best attempt counts). */
async function assessmentStanding(
  em: EntityManager,
  enrollmentId: string,
  programId: string,
): Promise<Map<string, { total: number; passed: number }>> {
  const rows: Array<{ course_id: string; total: string; passed: string }> = await em.query(
    `SELECT a.course_id, COUNT(*) AS total,
            COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM quiz_attempts q
                                 WHERE q.assessment_id = a.id AND q.enrollment_id = $1 AND q.passed)
                            OR EXISTS (SELECT 1 FROM practical_submissions p
                                 WHERE p.assessment_id = a.id AND p.enrollment_id = $1 AND p.passed)) AS passed
       FROM assessments a JOIN courses c ON c.id = a.course_id
      WHERE c.program_id = $2 GROUP BY a.course_id`,
    [enrollmentId, programId],
  );
  return new Map(rows.map((r) => [r.course_id, { total: Number(r.total), passed: Number(r.passed) }]));
}

/** Where an enrolment stands in every course of its program: the roll-up lesson → course → program. */
export async function computeStanding(em: EntityManager, enrollment: Enrollment): Promise<CourseStanding[]> {
  const courses = await em.find(Course, {
    where: { programId: enrollment.programId },
    order: { createdAt: 'ASC' },
  });
  const lessons = courses.length
    ? await em
        .createQueryBuilder(Lesson, 'l')
        // as trainees meet them: module by module, then by place in the module (positions are per module)
        .innerJoin(CourseModule, 'm', 'm.id = l.module_id')
        .where('l.course_id IN (:...ids)', { ids: courses.map((c) => c.id) })
        .orderBy('m.position')
        .addOrderBy('l.position')
        .getMany()
    : [];
  // credits as earned (kept on the completion), not what the lesson is worth after an edit
  const done = new Map(
    (await em.findBy(LessonCompletion, { enrollmentId: enrollment.id })).map((c) => [c.lessonId, c.credits]),
  );
  const sums = await ledgerSums(em, enrollment.id);
  const tests = await assessmentStanding(em, enrollment.id, enrollment.programId);
  return courses.map((course) => {
    const mine = lessons.filter((l) => l.courseId === course.id);
    const credits = mine.reduce((s, l) => s + (done.get(l.id) ?? 0), 0);
    const hoursMs = Math.max(0, sums.get(course.id) ?? 0);
    const t = tests.get(course.id) ?? { total: 0, passed: 0 };
    const met =
      hoursMs >= Math.round(course.requiredHours * 3_600_000) &&
      credits >= course.credits &&
      t.passed >= t.total;
    return {
      course,
      hoursMs,
      credits,
      assessmentsPassed: t.passed,
      assessmentsTotal: t.total,
      met,
      view: {
        courseId: course.id,
        hours: msToHours(hoursMs),
        requiredHours: course.requiredHours,
        credits,
        requiredCredits: course.credits,
        assessmentsPassed: t.passed,
        assessmentsTotal: t.total,
        lessons: mine.map((l) => ({
          lessonId: l.id,
          kind: l.kind,
          hours: msToHours(sums.get(l.id) ?? 0),
          completed: done.has(l.id),
          credits: done.get(l.id) ?? 0,
        })),
      },
    };
  });
}

export function toProgressView(enrollmentId: string, standing: CourseStanding[]): EnrollmentProgressView {
  return {
    enrollmentId,
    hours: msToHours(standing.reduce((s, c) => s + c.hoursMs, 0)),
    credits: standing.reduce((s, c) => s + c.credits, 0),
    courses: standing.map((c) => c.view),
  };
}
