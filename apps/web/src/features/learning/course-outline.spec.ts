import type { CourseView, LessonView, ModuleView } from '@app/contracts';
import { courseOutline, lessonsDoneIn, lessonsInOrder } from './course-outline';

const lesson = (id: string, moduleId: string, position: number): LessonView => ({
  id,
  moduleId,
  title: id,
  kind: 'text',
  position,
  credits: 1,
  videoDurationSec: null,
  hasVideo: false,
  body: '正文',
  liveSessionId: null,
  prerequisiteLessonIds: [],
});
const mod = (id: string, position: number, lessons: LessonView[]): ModuleView => ({
  id,
  title: id,
  position,
  lessons,
});
const course = (modules: ModuleView[]): CourseView => ({
  id: 'c',
  programId: 'p',
  title: '课程',
  occupationCategory: '互联网营销师',
  credits: 2,
  requiredHours: 4,
  skillLevel: 'junior',
  evaluatingOrganization: { id: 'o', name: '评价机构', kind: 'skill_evaluation_agency' },
  prerequisiteCourseIds: [],
  modules,
});

describe('course order', () => {
  // given out of order on purpose: module B (place 1) before A (place 0), lessons shuffled
  const shuffled = course([
    mod('B', 1, [lesson('b2', 'B', 1), lesson('b1', 'B', 0)]),
    mod('A', 0, [lesson('a3', 'A', 2), lesson('a1', 'A', 0), lesson('a2', 'A', 1)]),
    mod('C', 2, []),
  ]);

  it('orders modules by their place in the course, lessons by their place in the module', () => {
    expect(courseOutline(shuffled).map((m) => [m.id, m.lessons.map((l) => l.id)])).toEqual([
      ['A', ['a1', 'a2', 'a3']],
      ['B', ['b1', 'b2']],
      ['C', []],
    ]);
  });

  it('lists the lessons module by module, never interleaved by their per-module positions', () => {
    expect(lessonsInOrder(shuffled).map((l) => l.id)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
  });

  it('leaves the course it was given as it was', () => {
    courseOutline(shuffled);
    expect(shuffled.modules.map((m) => m.id)).toEqual(['B', 'A', 'C']);
    expect(shuffled.modules[0]?.lessons.map((l) => l.id)).toEqual(['b2', 'b1']);
  });

  it('counts the lessons done in one module', () => {
    const [a] = courseOutline(shuffled);
    expect(lessonsDoneIn(a!, new Set(['a1', 'a3', 'b1']))).toBe(2);
    expect(lessonsDoneIn(a!, new Set())).toBe(0);
  });
});
