import type { CourseView, LessonView, ModuleView } from '@app/contracts';

const byPosition = (a: { position: number }, b: { position: number }): number => a.position - b.position;

/**
 * The course's modules in course order, each with its lessons in module order. A lesson's position
 * counts within its module, so lessons sorted by position alone would interleave the modules.
 */
export function courseOutline(course: CourseView): ModuleView[] {
  return [...course.modules]
    .sort(byPosition)
    .map((m) => ({ ...m, lessons: [...m.lessons].sort(byPosition) }));
}

/** Every lesson of the course in the order a trainee meets them: module by module. */
export function lessonsInOrder(course: CourseView): LessonView[] {
  return courseOutline(course).flatMap((m) => m.lessons);
}

/** How many of the module's lessons are among `done`. */
export function lessonsDoneIn(module: ModuleView, done: ReadonlySet<string>): number {
  return module.lessons.filter((l) => done.has(l.id)).length;
}
