import { EntityManager } from 'typeorm';
import { CourseView, LessonView, ModuleView } from '@app/contracts';
import { Organization } from '../program/organization.entity';
import { toOrganizationView } from '../program/program.service';
import { CourseModule } from './course-module.entity';
import { Course } from './course.entity';
import { Lesson } from './lesson.entity';

export function toLessonView(l: Lesson): LessonView {
  return {
    id: l.id,
    moduleId: l.moduleId,
    title: l.title,
    kind: l.kind,
    position: l.position,
    credits: l.credits,
    videoDurationSec: l.videoDurationSec,
    hasVideo: l.videoUploadId !== null,
    body: l.body,
    liveSessionId: l.liveSessionId,
    prerequisiteLessonIds: l.prerequisiteLessonIds,
  };
}

/** A module and its lessons (given in position order). */
export function toModuleView(m: CourseModule, lessons: readonly Lesson[]): ModuleView {
  return {
    id: m.id,
    title: m.title,
    position: m.position,
    lessons: lessons.filter((l) => l.moduleId === m.id).map(toLessonView),
  };
}

/**
 * The whole course as authors and trainees read it: modules in course order, each with its lessons
 * in module order (lesson positions count within their module, so the course's lessons read module
 * by module; progress-rollup lists them the same way).
 */
export async function courseView(em: EntityManager, course: Course): Promise<CourseView> {
  const modules = await em.find(CourseModule, {
    where: { courseId: course.id },
    order: { position: 'ASC' },
  });
  const lessons = await em.find(Lesson, { where: { courseId: course.id }, order: { position: 'ASC' } });
  const org = await em.findOneByOrFail(Organization, { id: course.evaluatingOrganizationId });
  return {
    id: course.id,
    programId: course.programId,
    title: course.title,
    occupationCategory: course.occupationCategory,
    credits: course.credits,
    requiredHours: course.requiredHours,
    skillLevel: course.skillLevel,
    evaluatingOrganization: toOrganizationView(org),
    prerequisiteCourseIds: course.prerequisiteCourseIds,
    modules: modules.map((m) => toModuleView(m, lessons)),
  };
}
