import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CourseView, DomainError, LessonView, ModuleView } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { UploadService } from '@app/storage';
import { assertStaff } from '../common/access';
import { LearningProgressChanged } from '../learning.events';
import { LiveReadModel } from '../progress/live-read-model';
import { assertCanAuthor, findEvaluatingAgency, findLesson, findModule, lockCourse } from './course-access';
import { CourseModule } from './course-module.entity';
import { closesCycle, invalidField, placeAt, renumber } from './course-outline';
import { courseView, toLessonView, toModuleView } from './course-view';
import { Course } from './course.entity';
import {
  MoveLessonDto,
  MoveModuleDto,
  UpdateCourseDto,
  UpdateLessonDto,
  UpdateModuleDto,
} from './dto/course.dto';
import { Lesson } from './lesson.entity';

/**
 * Editing and reordering a course that trainees may already be studying. The rule for their
 * progress: what was earned stays earned, and nothing is recomputed backwards.
 *
 * - Hours live in the append-only ledger under the course and lesson they were earned in. No edit
 *   writes to it, and a lesson moves only between modules of its own course, so its hours never
 *   change course. Reordering changes what trainees see first, nothing else.
 * - Credits a lesson gave are kept on the completion (`lesson_completions.credits`). A new value
 *   for a lesson's credits counts for completions from then on; a new video, live class, body or
 *   prerequisite list never takes a completion back.
 * - A course's required hours and credits are targets, read when a certificate is considered.
 *   Certificates already issued keep the title, level, hours and credits they were issued with. A
 *   raised target applies to everyone not yet certified; a lowered one is evaluated at once for
 *   them (certificates follow for those who now meet it).
 */
@Injectable()
export class CourseEditingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly uploads: UploadService,
    private readonly live: LiveReadModel,
  ) {}

  async updateCourse(actor: Actor, courseId: string, dto: UpdateCourseDto): Promise<CourseView> {
    assertStaff(actor);
    return this.uow.run(async ({ em, publish }) => {
      const course = await lockCourse(em, courseId);
      await assertCanAuthor(em, actor, course.programId);
      const changes: Partial<Course> = {};
      if (dto.title !== undefined) changes.title = dto.title;
      if (dto.occupationCategory !== undefined) changes.occupationCategory = dto.occupationCategory;
      if (dto.credits !== undefined) changes.credits = dto.credits;
      if (dto.requiredHours !== undefined) changes.requiredHours = dto.requiredHours;
      if (dto.skillLevel !== undefined) changes.skillLevel = dto.skillLevel;
      if (dto.evaluatingOrganizationId !== undefined) {
        changes.evaluatingOrganizationId = (await findEvaluatingAgency(em, dto.evaluatingOrganizationId)).id;
      }
      if (dto.prerequisiteCourseIds !== undefined) {
        changes.prerequisiteCourseIds = await this.coursePrerequisites(em, course, dto.prerequisiteCourseIds);
      }
      const lowered =
        (changes.credits ?? course.credits) < course.credits ||
        (changes.requiredHours ?? course.requiredHours) < course.requiredHours;
      if (Object.keys(changes).length) await em.update(Course, { id: course.id }, changes);
      if (lowered) {
        for (const id of await this.uncertified(em, course)) publish(new LearningProgressChanged(id));
      }
      return courseView(em, Object.assign(course, changes));
    });
  }

  async updateModule(actor: Actor, moduleId: string, dto: UpdateModuleDto): Promise<ModuleView> {
    assertStaff(actor);
    return this.uow.run(async ({ em }) => {
      const mod = await findModule(em, moduleId);
      await assertCanAuthor(em, actor, (await lockCourse(em, mod.courseId)).programId);
      await em.update(CourseModule, { id: mod.id }, { title: dto.title });
      const lessons = await em.find(Lesson, { where: { moduleId }, order: { position: 'ASC' } });
      return toModuleView({ ...mod, title: dto.title }, lessons);
    });
  }

  /** Title, credits and the content of the lesson's own kind; the kind never changes. */
  async updateLesson(actor: Actor, lessonId: string, dto: UpdateLessonDto): Promise<LessonView> {
    assertStaff(actor);
    return this.uow.run(async ({ em }) => {
      const { courseId } = await findLesson(em, lessonId);
      await assertCanAuthor(em, actor, (await lockCourse(em, courseId)).programId);
      const lesson = await findLesson(em, lessonId);
      const changes = await this.lessonChanges(em, lesson, dto);
      if (Object.keys(changes).length) await em.update(Lesson, { id: lesson.id }, changes);
      return toLessonView(Object.assign(lesson, changes));
    });
  }

  /** Puts a module at `position` (0-based) among its course's modules; answers the whole course. */
  async moveModule(actor: Actor, moduleId: string, dto: MoveModuleDto): Promise<CourseView> {
    assertStaff(actor);
    return this.uow.run(async ({ em }) => {
      const { courseId } = await findModule(em, moduleId);
      const course = await lockCourse(em, courseId);
      await assertCanAuthor(em, actor, course.programId);
      const modules = await em.find(CourseModule, { where: { courseId }, order: { position: 'ASC' } });
      const moved = modules.find((m) => m.id === moduleId)!;
      for (const m of renumber(placeAt(modules, moved, dto.position))) {
        await em.update(CourseModule, { id: m.id }, { position: m.position });
      }
      return courseView(em, course);
    });
  }

  /**
   * Puts a lesson at `position` in its module, or in `moduleId`, another module of the same course
   * (both modules stay numbered 0…n-1). Answers the whole course.
   */
  async moveLesson(actor: Actor, lessonId: string, dto: MoveLessonDto): Promise<CourseView> {
    assertStaff(actor);
    return this.uow.run(async ({ em }) => {
      const { courseId } = await findLesson(em, lessonId);
      const course = await lockCourse(em, courseId);
      await assertCanAuthor(em, actor, course.programId);
      const lesson = await findLesson(em, lessonId);
      const from = lesson.moduleId;
      const to = dto.moduleId ?? from;
      if (to !== from) await this.assertModuleOf(em, to, courseId);
      const byPosition = { position: 'ASC' } as const;
      const target = await em.find(Lesson, { where: { moduleId: to }, order: byPosition });
      const changed = renumber(placeAt(target, lesson, dto.position));
      if (to !== from) {
        const left = await em.find(Lesson, { where: { moduleId: from }, order: byPosition });
        changed.push(...renumber(left.filter((l) => l.id !== lesson.id)));
        await em.update(Lesson, { id: lesson.id }, { moduleId: to, position: lesson.position });
      }
      for (const l of changed) await em.update(Lesson, { id: l.id }, { position: l.position });
      return courseView(em, course);
    });
  }

  private async assertModuleOf(em: EntityManager, moduleId: string, courseId: string): Promise<void> {
    const target = await em.findOneBy(CourseModule, { id: moduleId });
    if (!target) {
      const message = 'No such module.';
      throw new DomainError('NOT_FOUND', message, [{ field: 'moduleId', reason: 'unknownModule', message }]);
    }
    if (target.courseId !== courseId) {
      throw invalidField('moduleId', 'otherCourse', 'A lesson can only move to a module of its own course.');
    }
  }

  private async lessonChanges(
    em: EntityManager,
    lesson: Lesson,
    dto: UpdateLessonDto,
  ): Promise<Partial<Lesson>> {
    const changes: Partial<Lesson> = {};
    const notThisKind = (field: string) =>
      invalidField(field, 'lessonKind', `A ${lesson.kind} lesson has no ${field}.`);
    if (dto.title !== undefined) changes.title = dto.title;
    if (dto.credits !== undefined) changes.credits = dto.credits;
    if (dto.body !== undefined) {
      if (lesson.kind !== 'text' && lesson.kind !== 'practice') throw notThisKind('body');
      changes.body = dto.body;
    }
    if (dto.videoUploadId !== undefined || dto.videoDurationSec !== undefined) {
      if (lesson.kind !== 'video')
        throw notThisKind(dto.videoUploadId ? 'videoUploadId' : 'videoDurationSec');
      if (dto.videoUploadId !== undefined) {
        if (dto.videoDurationSec === undefined) {
          throw invalidField('videoDurationSec', 'required', 'A new video needs its videoDurationSec.');
        }
        await this.uploads.requireVerified(dto.videoUploadId, null, ['lesson-video'], em);
        changes.videoUploadId = dto.videoUploadId;
      }
      changes.videoDurationSec = dto.videoDurationSec;
    }
    if (dto.liveSessionId !== undefined) {
      if (lesson.kind !== 'live_class') throw notThisKind('liveSessionId');
      if ((await this.live.session(em, dto.liveSessionId))?.kind !== 'class') {
        throw invalidField('liveSessionId', 'notClass', 'A live-class lesson needs a class live session.');
      }
      changes.liveSessionId = dto.liveSessionId;
    }
    if (dto.prerequisiteLessonIds !== undefined) {
      changes.prerequisiteLessonIds = await this.lessonPrerequisites(em, lesson, dto.prerequisiteLessonIds);
    }
    return changes;
  }

  /** Lessons of the same course that do not, through their own prerequisites, need this one. */
  private async lessonPrerequisites(em: EntityManager, lesson: Lesson, ids: string[]): Promise<string[]> {
    const wanted = [...new Set(ids)];
    const course = await em.find(Lesson, {
      where: { courseId: lesson.courseId },
      select: { id: true, prerequisiteLessonIds: true },
    });
    const graph = new Map(course.map((l) => [l.id, l.prerequisiteLessonIds]));
    if (wanted.some((id) => !graph.has(id))) {
      throw invalidField(
        'prerequisiteLessonIds',
        'notInCourse',
        'Prerequisites must be lessons of the same course.',
      );
    }
    if (closesCycle(graph, lesson.id, wanted)) {
      throw invalidField(
        'prerequisiteLessonIds',
        'cycle',
        'A lesson cannot need itself, even through others.',
      );
    }
    return wanted;
  }

  /** Courses of the same program that do not, through their own prerequisites, need this one. */
  private async coursePrerequisites(em: EntityManager, course: Course, ids: string[]): Promise<string[]> {
    const wanted = [...new Set(ids)];
    // two courses of a program edited at once could otherwise each add the other
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `course-prerequisites:${course.programId}`,
    ]);
    const siblings = await em.find(Course, {
      where: { programId: course.programId },
      select: { id: true, prerequisiteCourseIds: true },
    });
    const graph = new Map(siblings.map((c) => [c.id, c.prerequisiteCourseIds]));
    if (wanted.some((id) => !graph.has(id))) {
      throw invalidField(
        'prerequisiteCourseIds',
        'notInProgram',
        'Prerequisites must be courses of the same program.',
      );
    }
    if (closesCycle(graph, course.id, wanted)) {
      throw invalidField(
        'prerequisiteCourseIds',
        'cycle',
        'A course cannot need itself, even through others.',
      );
    }
    return wanted;
  }

  /** Enrolments still studying the course: no certificate for it yet, not withdrawn. */
  private async uncertified(em: EntityManager, course: Course): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT e.id FROM enrollments e
        WHERE e.program_id = $1 AND e.status <> 'withdrawn'
          AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.enrollment_id = e.id AND c.course_id = $2)`,
      [course.programId, course.id],
    );
    return rows.map((r) => r.id);
  }
}
