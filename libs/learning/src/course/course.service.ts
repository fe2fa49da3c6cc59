import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { CourseView, DomainError, LessonView, ModuleView, TeachingView } from '@app/contracts';
import { mapInSequence, UnitOfWork } from '@app/database';
import { Actor, hasAnyRole } from '@app/identity';
import { UploadService } from '@app/storage';
import { assertStaff } from '../common/access';
import { LearningProgressChanged } from '../learning.events';
import { LiveReadModel } from '../progress/live-read-model';
import { ProgramInstructor } from '../program/program-instructor.entity';
import { Program } from '../program/program.entity';
import { Cohort } from '../program/cohort.entity';
import { findProgram, toProgramView } from '../program/program.service';
import {
  assertCanAuthor,
  assertCanRead,
  assertPrerequisites,
  findCourse,
  findEvaluatingAgency,
  findLesson,
  findModule,
  lockCourse,
  requireEnrollment,
} from './course-access';
import { CourseModule } from './course-module.entity';
import { invalidField } from './course-outline';
import { courseView, toLessonView } from './course-view';
import { Course } from './course.entity';
import { CreateCourseDto, CreateLessonDto, CreateModuleDto } from './dto/course.dto';
import { LessonCompletion } from './lesson-completion.entity';
import { Lesson } from './lesson.entity';

@Injectable()
export class CourseService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly uploads: UploadService,
    private readonly live: LiveReadModel,
  ) {}

  async createCourse(actor: Actor, programId: string, dto: CreateCourseDto): Promise<CourseView> {
    assertStaff(actor);
    return this.uow.run(async ({ em }) => {
      await findProgram(em, programId);
      await assertCanAuthor(em, actor, programId);
      const org = await findEvaluatingAgency(em, dto.evaluatingOrganizationId);
      const prereqs = [...new Set(dto.prerequisiteCourseIds ?? [])];
      if (prereqs.length && (await em.countBy(Course, { id: In(prereqs), programId })) !== prereqs.length) {
        throw invalidField(
          'prerequisiteCourseIds',
          'notInProgram',
          'Prerequisites must be courses of the same program.',
        );
      }
      const course = await em.save(
        em.create(Course, {
          programId,
          title: dto.title.trim(),
          occupationCategory: dto.occupationCategory.trim(),
          credits: dto.credits,
          requiredHours: dto.requiredHours,
          skillLevel: dto.skillLevel,
          evaluatingOrganizationId: org.id,
          prerequisiteCourseIds: prereqs,
        }),
      );
      return courseView(em, course);
    });
  }

  async addModule(actor: Actor, courseId: string, dto: CreateModuleDto): Promise<ModuleView> {
    assertStaff(actor);
    return this.uow.run(async ({ em }) => {
      const course = await lockCourse(em, courseId);
      await assertCanAuthor(em, actor, course.programId);
      const position = await em.countBy(CourseModule, { courseId });
      const m = await em.save(em.create(CourseModule, { courseId, title: dto.title.trim(), position }));
      return { id: m.id, title: m.title, position: m.position, lessons: [] };
    });
  }

  async addLesson(actor: Actor, moduleId: string, dto: CreateLessonDto): Promise<LessonView> {
    assertStaff(actor);
    return this.uow.run(async ({ em }) => {
      const mod = await findModule(em, moduleId);
      await assertCanAuthor(em, actor, (await lockCourse(em, mod.courseId)).programId);
      await this.checkLessonContent(em, dto);
      const prereqs = [...new Set(dto.prerequisiteLessonIds ?? [])];
      if (
        prereqs.length &&
        (await em.countBy(Lesson, { id: In(prereqs), courseId: mod.courseId })) !== prereqs.length
      ) {
        throw invalidField(
          'prerequisiteLessonIds',
          'notInCourse',
          'Prerequisites must be lessons of the same course.',
        );
      }
      const lesson = await em.save(
        em.create(Lesson, {
          moduleId,
          courseId: mod.courseId,
          title: dto.title.trim(),
          kind: dto.kind,
          position: await em.countBy(Lesson, { moduleId }),
          credits: dto.credits,
          videoUploadId: dto.kind === 'video' ? dto.videoUploadId : null,
          videoDurationSec: dto.kind === 'video' ? dto.videoDurationSec : null,
          body: dto.body ?? null,
          liveSessionId: dto.kind === 'live_class' ? dto.liveSessionId : null,
          prerequisiteLessonIds: prereqs,
        }),
      );
      return toLessonView(lesson);
    });
  }

  /** Each kind needs its own content; a video must be a checked `lesson-video` upload. */
  private async checkLessonContent(em: EntityManager, dto: CreateLessonDto): Promise<void> {
    switch (dto.kind) {
      case 'video':
        if (!dto.videoUploadId || !dto.videoDurationSec) {
          throw invalidField(
            'videoUploadId',
            'required',
            'A video lesson needs videoUploadId and videoDurationSec.',
          );
        }
        await this.uploads.requireVerified(dto.videoUploadId, null, ['lesson-video'], em);
        return;
      case 'live_class': {
        const s = dto.liveSessionId ? await this.live.session(em, dto.liveSessionId) : null;
        if (s?.kind !== 'class')
          throw invalidField('liveSessionId', 'notClass', 'A live-class lesson needs a class live session.');
        return;
      }
      case 'text':
      case 'practice':
        if (!dto.body) throw invalidField('body', 'required', `A ${dto.kind} lesson needs a body.`);
        return;
    }
  }

  async get(actor: Actor, id: string): Promise<CourseView> {
    return this.uow.run(async ({ em }) => {
      const course = await findCourse(em, id);
      await assertCanRead(em, actor, course);
      return courseView(em, course);
    });
  }

  async listForProgram(actor: Actor, programId: string): Promise<CourseView[]> {
    return this.uow.run(async ({ em }) => {
      const courses = await em.find(Course, { where: { programId }, order: { createdAt: 'ASC' } });
      if (courses[0]) await assertCanRead(em, actor, courses[0]);
      return mapInSequence(courses, (c) => courseView(em, c));
    });
  }

  /** The programs the actor may author courses in (see `canAuthor`), with their courses. */
  async teaching(actor: Actor): Promise<TeachingView> {
    assertStaff(actor);
    return this.uow.run(async ({ em }) => {
      const everyProgram = hasAnyRole(actor.roles, ['program_admin']);
      const programIds = everyProgram
        ? null
        : (await em.findBy(ProgramInstructor, { userId: actor.id })).map((a) => a.programId);
      if (programIds?.length === 0) return { programs: [], courses: [] };
      const programs = await em.find(Program, {
        where: programIds ? { id: In(programIds) } : {},
        order: { startsOn: 'DESC' },
      });
      if (!programs.length) return { programs: [], courses: [] };
      const ids = programs.map((p) => p.id);
      const cohorts = await em.find(Cohort, { where: { programId: In(ids) }, order: { name: 'ASC' } });
      const courses = await em.find(Course, { where: { programId: In(ids) }, order: { createdAt: 'ASC' } });
      return {
        programs: programs.map((p) =>
          toProgramView(
            p,
            cohorts.filter((c) => c.programId === p.id),
          ),
        ),
        courses: await mapInSequence(courses, (c) => courseView(em, c)),
      };
    });
  }

  /** Text and practice lessons are done when the trainee says so; others the server decides. */
  async completeLesson(actor: Actor, lessonId: string): Promise<void> {
    await this.uow.run(async ({ em, publish }) => {
      const lesson = await findLesson(em, lessonId);
      if (lesson.kind !== 'text' && lesson.kind !== 'practice') {
        throw new DomainError('CONFLICT', 'Video and live-class lessons are completed from verified hours.');
      }
      const course = await findCourse(em, lesson.courseId);
      const enrollment = await requireEnrollment(em, actor, course);
      await assertPrerequisites(em, enrollment, course, lesson);
      await em
        .createQueryBuilder()
        .insert()
        .into(LessonCompletion)
        .values({ enrollmentId: enrollment.id, lessonId, credits: lesson.credits })
        .orIgnore()
        .execute();
      publish(new LearningProgressChanged(enrollment.id));
    });
  }
}
