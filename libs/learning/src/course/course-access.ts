import { EntityManager, In } from 'typeorm';
import { DomainError } from '@app/contracts';
import { Actor, hasAnyRole } from '@app/identity';
import { isStaff } from '../common/access';
import { Certificate } from '../certificate/certificate.entity';
import { Enrollment } from '../enrollment/enrollment.entity';
import { Organization } from '../program/organization.entity';
import { ProgramInstructor } from '../program/program-instructor.entity';
import { CourseModule } from './course-module.entity';
import { invalidField } from './course-outline';
import { Course } from './course.entity';
import { LessonCompletion } from './lesson-completion.entity';
import { Lesson } from './lesson.entity';

export async function findCourse(em: EntityManager, id: string): Promise<Course> {
  const c = await em.findOneBy(Course, { id });
  if (!c) throw new DomainError('NOT_FOUND', 'No such course.');
  return c;
}

/**
 * The course, locked until the transaction ends: every change to a course's outline (adding,
 * editing, moving modules and lessons) takes this lock first, so positions are counted and
 * rewritten one change at a time. FOR NO KEY UPDATE leaves rows that merely reference the course
 * (hours, certificates) free to be written meanwhile.
 */
export async function lockCourse(em: EntityManager, id: string): Promise<Course> {
  const c = await em.findOne(Course, { where: { id }, lock: { mode: 'for_no_key_update' } });
  if (!c) throw new DomainError('NOT_FOUND', 'No such course.');
  return c;
}

export async function findModule(em: EntityManager, id: string): Promise<CourseModule> {
  const m = await em.findOneBy(CourseModule, { id });
  if (!m) throw new DomainError('NOT_FOUND', 'No such module.');
  return m;
}

export async function findLesson(em: EntityManager, id: string): Promise<Lesson> {
  const l = await em.findOneBy(Lesson, { id });
  if (!l) throw new DomainError('NOT_FOUND', 'No such lesson.');
  return l;
}

/** The organization to evaluate a new or edited course: only a skill evaluation agency will do. */
export async function findEvaluatingAgency(em: EntityManager, id: string): Promise<Organization> {
  const org = await em.findOneBy(Organization, { id });
  if (org?.kind !== 'skill_evaluation_agency') {
    throw invalidField(
      'evaluatingOrganizationId',
      'notEvaluator',
      'The evaluating organization must be a skill evaluation agency.',
    );
  }
  return org;
}

/** The actor's enrolment in the program a course belongs to; withdrawn trainees are out. */
export async function requireEnrollment(
  em: EntityManager,
  actor: Actor,
  course: Course,
): Promise<Enrollment> {
  const e = await em.findOneBy(Enrollment, { programId: course.programId, userId: actor.id });
  if (!e || e.status === 'withdrawn') {
    throw new DomainError('NOT_ENROLLED', 'You are not enrolled in the program of this course.');
  }
  return e;
}

/** Staff see every course; trainees only those of their programs. Returns the trainee's enrolment. */
export async function assertCanRead(
  em: EntityManager,
  actor: Actor,
  course: Course,
): Promise<Enrollment | null> {
  if (isStaff(actor)) return null;
  return requireEnrollment(em, actor, course);
}

/** Program admins (and admins) author every program's courses; an instructor those of their programs. */
export async function canAuthor(em: EntityManager, actor: Actor, programId: string): Promise<boolean> {
  if (hasAnyRole(actor.roles, ['program_admin'])) return true;
  if (!hasAnyRole(actor.roles, ['instructor'])) return false;
  return em.existsBy(ProgramInstructor, { programId, userId: actor.id });
}

export async function assertCanAuthor(em: EntityManager, actor: Actor, programId: string): Promise<void> {
  if (!(await canAuthor(em, actor, programId))) {
    throw new DomainError(
      'FORBIDDEN',
      "Only the program's instructors and program admins can edit its courses.",
    );
  }
}

/**
 * Prerequisites: each prerequisite course needs a valid certificate, each prerequisite lesson a
 * completion, before a trainee may study the course or lesson.
 */
export async function assertPrerequisites(
  em: EntityManager,
  enrollment: Enrollment,
  course: Course,
  lesson?: Lesson,
): Promise<void> {
  if (course.prerequisiteCourseIds.length) {
    const held = await em.countBy(Certificate, {
      enrollmentId: enrollment.id,
      courseId: In(course.prerequisiteCourseIds),
      status: 'valid',
    });
    if (held < course.prerequisiteCourseIds.length) {
      throw new DomainError('PREREQUISITE_NOT_MET', 'Finish the prerequisite courses first.');
    }
  }
  if (lesson?.prerequisiteLessonIds.length) {
    const done = await em.countBy(LessonCompletion, {
      enrollmentId: enrollment.id,
      lessonId: In(lesson.prerequisiteLessonIds),
    });
    if (done < lesson.prerequisiteLessonIds.length) {
      throw new DomainError('PREREQUISITE_NOT_MET', 'Finish the prerequisite lessons first.');
    }
  }
}
