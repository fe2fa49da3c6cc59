import request from 'supertest';
import { Client } from 'pg';
import type {
  CertificateView,
  CourseView,
  EnrollmentProgressView,
  EnrollTraineeResponse,
  LessonView,
  ModuleView,
} from '@app/contracts';
import { TestApp } from '@app/testing';
import {
  addLesson,
  assignInstructor,
  authoringCast,
  bearer,
  courseBody,
  eventually,
  fakeMp4,
  Person,
  person,
  post,
  ProgramSetup,
  startLearningApi,
  stopLearningApi,
  uploadVideo,
} from './learning-support';

/**
 * Editing and reordering courses, modules and lessons: who may, what is refused (and leaves nothing
 * changed), positions that stay 0…n-1, and what an edit means for trainees' earned progress.
 */
describe('learning: course editing and reordering', () => {
  let t: TestApp;
  let pg: Client;
  let admin: Person;
  let assigned: Person;
  let outsider: Person;
  let trainee: Person;
  let setup: ProgramSetup;
  let other: ProgramSetup;

  beforeAll(async () => {
    ({ t, pg } = await startLearningApi());
    ({ admin, assigned, outsider, trainee, setup, other } = await authoringCast(t, pg));
    // the outsider authors the other program's courses: the foreign courses these tests refer to
    await assignInstructor(t, admin, other.program.id, outsider);
  });
  afterAll(() => stopLearningApi(t, pg));

  const send = (who: Person, method: 'patch' | 'post', path: string, body: object) =>
    request(t.url)
      [method](path)
      .set(...bearer(who))
      .send(body);
  const getCourse = async (id: string): Promise<CourseView> => {
    const res = await request(t.url)
      .get(`/api/courses/${id}`)
      .set(...bearer(admin));
    expect(res.status).toBe(200);
    return res.body as CourseView;
  };
  const titles = (c: CourseView) => c.modules.map((m) => [m.title, m.lessons.map((l) => l.title)]);

  /** Every module and lesson position as stored: what a refused request must leave alone. */
  const storedOutline = async (courseId: string) =>
    (
      await pg.query(
        `SELECT m.id, m.title, m.position, l.id AS lesson, l.title AS lesson_title, l.position AS lp,
                l.credits, l.body, l.module_id
           FROM course_modules m LEFT JOIN lessons l ON l.module_id = m.id
          WHERE m.course_id = $1 ORDER BY m.id, l.id`,
        [courseId],
      )
    ).rows;

  /** Positions are 0…n-1 in every module of the course and in the course itself. */
  async function expectDense(courseId: string): Promise<void> {
    const mods = await pg.query(
      `SELECT position FROM course_modules WHERE course_id = $1 ORDER BY position`,
      [courseId],
    );
    expect(mods.rows.map((r: { position: number }) => r.position)).toEqual(mods.rows.map((_, i) => i));
    const lessons = await pg.query(
      `SELECT module_id, array_agg(position ORDER BY position) AS ps FROM lessons WHERE course_id = $1 GROUP BY module_id`,
      [courseId],
    );
    for (const r of lessons.rows as Array<{ ps: number[] }>) expect(r.ps).toEqual(r.ps.map((_, i) => i));
  }

  /** A course with modules `mods`, each with text lessons named `${module}-${n}`. */
  async function buildCourse(
    who: Person,
    s: ProgramSetup,
    title: string,
    mods: Record<string, number>,
    extra: Partial<{ credits: number; requiredHours: number }> = {},
  ): Promise<CourseView> {
    const course = await post<CourseView>(t, who, `/api/programs/${s.program.id}/courses`, {
      ...courseBody(s, title),
      ...extra,
    });
    for (const [name, count] of Object.entries(mods)) {
      const m = await post<ModuleView>(t, who, `/api/courses/${course.id}/modules`, { title: name });
      for (let i = 1; i <= count; i++) {
        await addLesson(t, who, m.id, { title: `${name}-${i}`, kind: 'text', credits: 1, body: '正文' });
      }
    }
    return getCourse(course.id);
  }

  it('the assigned instructor edits the course, a module and a lesson; a program admin may too', async () => {
    const course = await buildCourse(assigned, setup, '短视频拍摄', { 第一单元: 1 });
    const mod = course.modules[0]!;
    const lesson = mod.lessons[0]!;

    const edited = await send(assigned, 'patch', `/api/courses/${course.id}`, {
      title: '  短视频拍摄（修订版） ',
      occupationCategory: '互联网营销师（直播销售员）',
      credits: 3.5,
      requiredHours: 6.25,
      skillLevel: 'intermediate',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      id: course.id,
      title: '短视频拍摄（修订版）',
      occupationCategory: '互联网营销师（直播销售员）',
      credits: 3.5,
      requiredHours: 6.25,
      skillLevel: 'intermediate',
      modules: [{ id: mod.id, lessons: [{ id: lesson.id }] }],
    });

    const renamed = await send(assigned, 'patch', `/api/modules/${mod.id}`, { title: '第一单元 拍摄准备' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: mod.id, title: '第一单元 拍摄准备', position: 0 });
    expect((renamed.body as ModuleView).lessons.map((l) => l.id)).toEqual([lesson.id]);

    const lessonEdit = await send(assigned, 'patch', `/api/lessons/${lesson.id}`, {
      title: '布光',
      body: '顺光拍，别逆光。',
      credits: 1.5,
    });
    expect(lessonEdit.status).toBe(200);
    expect(lessonEdit.body).toMatchObject({ id: lesson.id, title: '布光', kind: 'text', credits: 1.5 });

    // a program admin edits any program's course
    const byAdmin = await send(admin, 'patch', `/api/courses/${course.id}`, { title: '短视频拍摄入门' });
    expect(byAdmin.status).toBe(200);

    const stored = await getCourse(course.id);
    expect(stored).toMatchObject({ title: '短视频拍摄入门', credits: 3.5, skillLevel: 'intermediate' });
    expect(stored.modules[0]).toMatchObject({ title: '第一单元 拍摄准备' });
    expect(stored.modules[0]?.lessons[0]).toMatchObject({
      title: '布光',
      body: '顺光拍，别逆光。',
      credits: 1.5,
      kind: 'text',
    });
  });

  it('moves modules and lessons; positions stay 0…n-1, also between modules of the course', async () => {
    const course = await buildCourse(assigned, setup, '直播话术', { A: 3, B: 2, C: 0 });
    const [a, b, c] = course.modules;
    const move = (path: string, body: object) => send(assigned, 'post', path, body);

    // module C to the top, then A down one
    let res = await move(`/api/modules/${c!.id}/move`, { position: 0 });
    expect(res.status).toBe(200);
    expect((res.body as CourseView).modules.map((m) => [m.title, m.position])).toEqual([
      ['C', 0],
      ['A', 1],
      ['B', 2],
    ]);
    res = await move(`/api/modules/${a!.id}/move`, { position: 2 });
    expect((res.body as CourseView).modules.map((m) => m.title)).toEqual(['C', 'B', 'A']);

    // A-3 up to the top of A, A-1 down one
    const [a1, , a3] = a!.lessons;
    res = await move(`/api/lessons/${a3!.id}/move`, { position: 0 });
    expect(res.status).toBe(200);
    const inA = (v: CourseView) => v.modules.find((m) => m.id === a!.id)!.lessons;
    expect(inA(res.body as CourseView).map((l) => [l.title, l.position])).toEqual([
      ['A-3', 0],
      ['A-1', 1],
      ['A-2', 2],
    ]);
    res = await move(`/api/lessons/${a1!.id}/move`, { position: 2 });
    expect(inA(res.body as CourseView).map((l) => l.title)).toEqual(['A-3', 'A-2', 'A-1']);

    // B-1 into the empty module C, then A-2 into the middle of B
    res = await move(`/api/lessons/${b!.lessons[0]!.id}/move`, { moduleId: c!.id, position: 0 });
    expect(res.status).toBe(200);
    res = await move(`/api/lessons/${a!.lessons[1]!.id}/move`, { moduleId: b!.id, position: 1 });
    expect(res.status).toBe(200);
    const after = await getCourse(course.id);
    expect(titles(after)).toEqual([
      ['C', ['B-1']],
      ['B', ['B-2', 'A-2']],
      ['A', ['A-3', 'A-1']],
    ]);
    for (const m of after.modules) {
      expect(m.lessons.map((l) => l.position)).toEqual(m.lessons.map((_, i) => i));
      expect(m.lessons.every((l) => l.moduleId === m.id)).toBe(true);
    }
    await expectDense(course.id);
    // the order is what trainees see too: the module list and the lesson order per module
    expect(after.modules.map((m) => m.position)).toEqual([0, 1, 2]);
  });

  it('trainees and the program office read lessons module by module after lessons and modules move', async () => {
    const course = await buildCourse(assigned, setup, '课程顺序', { 甲: 3, 乙: 2, 丙: 1 });
    const [jia, yi, bing] = course.modules;
    const move = async (path: string, body: object) =>
      expect((await send(assigned, 'post', path, body)).status).toBe(200);
    // 甲-1 to the end of 乙, 乙-2 to the top of 甲; then 丙 first and 甲 last
    await move(`/api/lessons/${jia!.lessons[0]!.id}/move`, { moduleId: yi!.id, position: 2 });
    await move(`/api/lessons/${yi!.lessons[1]!.id}/move`, { moduleId: jia!.id, position: 0 });
    await move(`/api/modules/${bing!.id}/move`, { position: 0 });
    await move(`/api/modules/${jia!.id}/move`, { position: 2 });
    // lesson positions alone (0,0,0,1,1,2) would interleave the modules
    const expected = ['丙-1', '乙-1', '甲-1', '乙-2', '甲-2', '甲-3'];

    const learner = await person(t, pg, ['trainee'], '顺序学员');
    const { enrollment } = await post<EnrollTraineeResponse>(
      t,
      admin,
      `/api/programs/${setup.program.id}/enrollments`,
      {
        name: '顺序学员',
        mobile: learner.phone,
        category: 'returning_migrant',
        cohortId: setup.cohortIds['一班'],
      },
    );
    const read = async <T>(who: Person, path: string): Promise<T> => {
      const res = await request(t.url)
        .get(path)
        .set(...bearer(who));
      expect([path, res.status]).toEqual([path, 200]);
      return res.body as T;
    };
    const byId = new Map(
      (await getCourse(course.id)).modules.flatMap((m) => m.lessons).map((l) => [l.id, l.title]),
    );
    const flat = (c: CourseView) => c.modules.flatMap((m) => m.lessons.map((l) => l.title));

    // the course as the trainee reads it, alone and in the program's list
    const mine = await read<CourseView>(learner, `/api/courses/${course.id}`);
    expect(mine.modules.map((m) => m.title)).toEqual(['丙', '乙', '甲']);
    expect(flat(mine)).toEqual(expected);
    const listed = await read<CourseView[]>(learner, `/api/programs/${setup.program.id}/courses`);
    expect(flat(listed.find((c) => c.id === course.id)!)).toEqual(expected);

    // the progress list, for the trainee and for the program office
    for (const who of [learner, admin]) {
      const progress = await read<EnrollmentProgressView>(who, `/api/enrollments/${enrollment.id}/progress`);
      const lessons = progress.courses.find((c) => c.courseId === course.id)!.lessons;
      expect(lessons.map((l) => byId.get(l.lessonId))).toEqual(expected);
    }
  });

  it('keeps positions dense and unique when many moves race', async () => {
    const course = await buildCourse(assigned, setup, '并发排序', { X: 6, Y: 2 });
    const [x, y] = course.modules;
    const moves = x!.lessons.map((l, i) =>
      send(assigned, 'post', `/api/lessons/${l.id}/move`, {
        position: (i * 7) % 3,
        ...(i % 2 ? { moduleId: y!.id } : {}),
      }),
    );
    moves.push(send(assigned, 'post', `/api/modules/${y!.id}/move`, { position: 0 }));
    const answers = await Promise.all(moves);
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    const after = await getCourse(course.id);
    expect(after.modules.flatMap((m) => m.lessons).length).toBe(8);
    await expectDense(course.id);
  });

  it('refuses everyone but the program’s instructors and program admins, changing nothing', async () => {
    const course = await buildCourse(assigned, setup, '选品', { 单元: 2 });
    const mod = course.modules[0]!;
    const [first, second] = mod.lessons;
    const before = await storedOutline(course.id);
    const attempts: Array<['patch' | 'post', string, object]> = [
      ['patch', `/api/courses/${course.id}`, { title: '改名' }],
      ['patch', `/api/modules/${mod.id}`, { title: '改名' }],
      ['patch', `/api/lessons/${first!.id}`, { title: '改名' }],
      ['post', `/api/modules/${mod.id}/move`, { position: 0 }],
      ['post', `/api/lessons/${first!.id}/move`, { position: 1 }],
    ];
    // an instructor of another program, and a trainee
    for (const who of [outsider, trainee]) {
      for (const [method, path, body] of attempts) {
        const res = await send(who, method, path, body);
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'FORBIDDEN']);
      }
    }
    // an outsider cannot pull a lesson into a module of their own course either
    const theirs = await buildCourse(outsider, other, '外聘课', { 外: 0 });
    const pulled = await send(outsider, 'post', `/api/lessons/${second!.id}/move`, {
      moduleId: theirs.modules[0]!.id,
      position: 0,
    });
    expect(pulled.status).toBe(403);
    const unauthenticated = await request(t.url).patch(`/api/courses/${course.id}`).send({ title: '改名' });
    expect(unauthenticated.status).toBe(401);
    expect(await storedOutline(course.id)).toEqual(before);
    expect((await getCourse(course.id)).title).toBe('选品');
  });

  it('answers bad input with stable codes and leaves the course as it was', async () => {
    const course = await buildCourse(assigned, setup, '售后', { 一: 2, 二: 1 });
    const [one, two] = course.modules;
    const [l1, l2] = one!.lessons;
    const foreign = await buildCourse(outsider, other, '别的课', { 别: 1 });
    const before = await storedOutline(course.id);
    const courseBefore = await getCourse(course.id);
    const missing = '00000000-0000-4000-8000-000000000000';

    const cases: Array<{
      what: string;
      call: ['patch' | 'post', string, object];
      status: number;
      code: string;
      field?: string;
      reason?: string;
    }> = [
      {
        what: 'empty course title',
        call: ['patch', `/api/courses/${course.id}`, { title: '' }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'title',
        reason: 'isLength',
      },
      {
        what: 'blank module title',
        call: ['patch', `/api/modules/${one!.id}`, { title: '    ' }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'title',
        reason: 'isLength',
      },
      {
        what: 'lesson title too long',
        call: ['patch', `/api/lessons/${l1!.id}`, { title: '长'.repeat(121) }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'title',
        reason: 'isLength',
      },
      {
        what: 'null title',
        call: ['patch', `/api/courses/${course.id}`, { title: null }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'title',
      },
      {
        what: 'negative credits',
        call: ['patch', `/api/courses/${course.id}`, { credits: -1 }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'credits',
        reason: 'min',
      },
      {
        what: 'a new kind',
        call: ['patch', `/api/lessons/${l1!.id}`, { kind: 'video' }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'kind',
        reason: 'unknownField',
      },
      {
        what: 'a video for a text lesson',
        call: ['patch', `/api/lessons/${l1!.id}`, { videoDurationSec: 60 }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'videoDurationSec',
        reason: 'lessonKind',
      },
      {
        what: 'a lesson needing another (accepted)',
        call: ['patch', `/api/lessons/${l1!.id}`, { prerequisiteLessonIds: [l2!.id] }],
        status: 200,
        code: '',
      },
      {
        what: 'the cycle closed',
        call: ['patch', `/api/lessons/${l2!.id}`, { title: '不该保存', prerequisiteLessonIds: [l1!.id] }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'prerequisiteLessonIds',
        reason: 'cycle',
      },
      {
        what: 'a prerequisite from another course',
        call: [
          'patch',
          `/api/lessons/${l2!.id}`,
          { prerequisiteLessonIds: [foreign.modules[0]!.lessons[0]!.id] },
        ],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'prerequisiteLessonIds',
        reason: 'notInCourse',
      },
      {
        what: 'a course as its own prerequisite',
        call: [
          'patch',
          `/api/courses/${course.id}`,
          { title: '不该保存', prerequisiteCourseIds: [course.id] },
        ],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'prerequisiteCourseIds',
        reason: 'cycle',
      },
      {
        what: 'an evaluator that is not an agency',
        call: ['patch', `/api/courses/${course.id}`, { evaluatingOrganizationId: missing }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'evaluatingOrganizationId',
        reason: 'notEvaluator',
      },
      {
        what: 'unknown course',
        call: ['patch', `/api/courses/${missing}`, { title: '改名' }],
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        what: 'unknown module',
        call: ['post', `/api/modules/${missing}/move`, { position: 0 }],
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        what: 'unknown lesson',
        call: ['patch', `/api/lessons/${missing}`, { title: '改名' }],
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        what: 'not a uuid',
        call: ['patch', `/api/lessons/not-a-uuid`, { title: '改名' }],
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        what: 'module position past the end',
        call: ['post', `/api/modules/${one!.id}/move`, { position: 2 }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'position',
        reason: 'outOfRange',
      },
      {
        what: 'negative position',
        call: ['post', `/api/lessons/${l1!.id}/move`, { position: -1 }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'position',
        reason: 'min',
      },
      {
        what: 'fractional position',
        call: ['post', `/api/lessons/${l1!.id}/move`, { position: 0.5 }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'position',
        reason: 'isInt',
      },
      {
        what: 'lesson position past the end of its module',
        call: ['post', `/api/lessons/${l1!.id}/move`, { position: 2 }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'position',
        reason: 'outOfRange',
      },
      {
        what: 'lesson position past the end of another module',
        call: ['post', `/api/lessons/${l1!.id}/move`, { moduleId: two!.id, position: 2 }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'position',
        reason: 'outOfRange',
      },
      {
        what: "a lesson moved to another course's module",
        call: ['post', `/api/lessons/${l1!.id}/move`, { moduleId: foreign.modules[0]!.id, position: 0 }],
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'moduleId',
        reason: 'otherCourse',
      },
      {
        what: 'a lesson moved to an unknown module',
        call: ['post', `/api/lessons/${l1!.id}/move`, { moduleId: missing, position: 0 }],
        status: 404,
        code: 'NOT_FOUND',
        field: 'moduleId',
        reason: 'unknownModule',
      },
    ];
    for (const c of cases) {
      const res = await send(assigned, ...c.call);
      expect([c.what, res.status, res.body.code ?? '']).toEqual([c.what, c.status, c.code]);
      if (c.field) {
        expect([c.what, res.body.details]).toEqual([
          c.what,
          expect.arrayContaining([
            expect.objectContaining({ field: c.field, ...(c.reason ? { reason: c.reason } : {}) }),
          ]),
        ]);
      }
      if (c.status >= 400) expect(typeof res.body.message).toBe('string');
    }
    // only the one accepted prerequisite changed
    const after = await getCourse(course.id);
    expect(after.title).toBe(courseBefore.title);
    expect(after.modules.map((m) => m.lessons.map((l) => [l.id, l.title, l.position]))).toEqual(
      courseBefore.modules.map((m) => m.lessons.map((l) => [l.id, l.title, l.position])),
    );
    expect(after.modules[0]?.lessons[0]?.prerequisiteLessonIds).toEqual([l2!.id]);
    expect(after.modules[0]?.lessons[1]?.prerequisiteLessonIds).toEqual([]);
    expect(await storedOutline(course.id)).toEqual(before);
    expect(foreign.modules[0]?.lessons.length).toBe((await getCourse(foreign.id)).modules[0]?.lessons.length);
  });

  it('refuses a new course or lesson with the same stable reasons an edit gives', async () => {
    const course = await buildCourse(assigned, setup, '新课的理由', { 单元: 1 });
    const foreign = await buildCourse(outsider, other, '别人的课', { 别: 1 });
    const lessons = `/api/modules/${course.modules[0]!.id}/lessons`;
    const courses = `/api/programs/${setup.program.id}/courses`;
    const newCourse = {
      title: '新课',
      occupationCategory: '互联网营销师',
      credits: 1,
      requiredHours: 1,
      skillLevel: 'junior',
      evaluatingOrganizationId: setup.org.id,
    };
    const cases: Array<[string, object, string, string]> = [
      [lessons, { title: '缺正文', kind: 'text', credits: 1 }, 'body', 'required'],
      [lessons, { title: '缺视频', kind: 'video', credits: 1 }, 'videoUploadId', 'required'],
      [lessons, { title: '没有直播', kind: 'live_class', credits: 1 }, 'liveSessionId', 'notClass'],
      [
        lessons,
        {
          title: '别课先修',
          kind: 'text',
          credits: 1,
          body: '正文',
          prerequisiteLessonIds: [foreign.modules[0]!.lessons[0]!.id],
        },
        'prerequisiteLessonIds',
        'notInCourse',
      ],
      [
        courses,
        { ...newCourse, evaluatingOrganizationId: '00000000-0000-4000-8000-000000000000' },
        'evaluatingOrganizationId',
        'notEvaluator',
      ],
      [
        courses,
        { ...newCourse, prerequisiteCourseIds: [foreign.id] },
        'prerequisiteCourseIds',
        'notInProgram',
      ],
    ];
    for (const [path, body, field, reason] of cases) {
      const res = await send(assigned, 'post', path, body);
      expect([field, reason, res.status, res.body.code, res.body.details]).toEqual([
        field,
        reason,
        400,
        'VALIDATION_FAILED',
        [expect.objectContaining({ field, reason })],
      ]);
    }
    expect(titles(await getCourse(course.id))).toEqual([['单元', ['单元-1']]]);
  });

  it('edits a video lesson: a new video needs its length, checked like a new lesson', async () => {
    const course = await buildCourse(assigned, setup, '视频课', { 单元: 0 });
    const up = await uploadVideo(t, assigned, fakeMp4());
    const lesson = await addLesson(t, assigned, course.modules[0]!.id, {
      title: '演示',
      kind: 'video',
      credits: 1,
      videoUploadId: up.body.id,
      videoDurationSec: 30,
    });
    const replacement = await uploadVideo(t, assigned, fakeMp4(8192));
    const noLength = await send(assigned, 'patch', `/api/lessons/${lesson.id}`, {
      videoUploadId: replacement.body.id,
    });
    expect(noLength.status).toBe(400);
    expect(noLength.body.details).toEqual([
      expect.objectContaining({ field: 'videoDurationSec', reason: 'required' }),
    ]);
    const body = await send(assigned, 'patch', `/api/lessons/${lesson.id}`, { body: '视频课没有正文' });
    expect(body.body.details).toEqual([expect.objectContaining({ field: 'body', reason: 'lessonKind' })]);
    const unknownUpload = await send(assigned, 'patch', `/api/lessons/${lesson.id}`, {
      videoUploadId: '00000000-0000-4000-8000-000000000000',
      videoDurationSec: 45,
    });
    expect(unknownUpload.status).toBe(404);
    expect(unknownUpload.body.code).toBe('UPLOAD_NOT_FOUND');
    const replaced = await send(assigned, 'patch', `/api/lessons/${lesson.id}`, {
      videoUploadId: replacement.body.id,
      videoDurationSec: 45,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ kind: 'video', hasVideo: true, videoDurationSec: 45 });
    const stored = await pg.query(`SELECT video_upload_id FROM lessons WHERE id = $1`, [lesson.id]);
    expect(stored.rows[0].video_upload_id).toBe(replacement.body.id);
  });

  it('documents the routes and the progress rule in the OpenAPI document', async () => {
    const res = await request(t.url).get('/api/docs.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, { description?: string }>>;
    expect(paths['/api/courses/{id}']?.patch?.description).toContain('Trainees keep what they earned');
    expect(paths['/api/lessons/{id}']?.patch?.description).toContain('keeps the credits it was worth');
    expect(paths['/api/modules/{id}']?.patch).toBeDefined();
    expect(paths['/api/modules/{id}/move']?.post).toBeDefined();
    expect(paths['/api/lessons/{id}/move']?.post?.description).toContain('otherCourse');
  });

  describe('what an edit means for trainees who already studied', () => {
    let course: CourseView;
    let lesson: LessonView;
    let early: { who: Person; enrollmentId: string };
    let late: { who: Person; enrollmentId: string };

    async function enrol(name: string): Promise<{ who: Person; enrollmentId: string }> {
      const who = await person(t, pg, ['trainee'], name);
      const res = await post<EnrollTraineeResponse>(
        t,
        admin,
        `/api/programs/${setup.program.id}/enrollments`,
        {
          name,
          mobile: who.phone,
          category: 'returning_migrant',
          cohortId: setup.cohortIds['一班'],
        },
      );
      return { who, enrollmentId: res.enrollment.id };
    }
    const progress = async (who: Person, enrollmentId: string) => {
      const res = await request(t.url)
        .get(`/api/enrollments/${enrollmentId}/progress`)
        .set(...bearer(who));
      expect(res.status).toBe(200);
      return (res.body as EnrollmentProgressView).courses.find((c) => c.courseId === course.id)!;
    };
    const certificates = async (who: Person, enrollmentId: string): Promise<CertificateView[]> => {
      const res = await request(t.url)
        .get(`/api/enrollments/${enrollmentId}/certificates`)
        .set(...bearer(who));
      expect(res.status).toBe(200);
      return (res.body as CertificateView[]).filter((c) => c.courseId === course.id);
    };
    const complete = async (who: Person) => {
      const res = await request(t.url)
        .post(`/api/lessons/${lesson.id}/complete`)
        .set(...bearer(who));
      expect(res.status).toBe(204);
    };

    beforeAll(async () => {
      course = await buildCourse(assigned, setup, '学分规则', { 单元: 0 }, { credits: 3, requiredHours: 0 });
      lesson = await addLesson(t, assigned, course.modules[0]!.id, {
        title: '规则',
        kind: 'text',
        credits: 2,
        body: '先读规则。',
      });
    });

    it('keeps earned credits when a lesson is re-valued, and counts the new value for later completions', async () => {
      early = await enrol('早学员');
      await complete(early.who);
      expect(await progress(early.who, early.enrollmentId)).toMatchObject({ credits: 2, requiredCredits: 3 });

      // renamed, re-valued and moved: the earned 2 credits stay
      await send(assigned, 'patch', `/api/lessons/${lesson.id}`, {
        title: '规则（新）',
        credits: 0.5,
      }).expect(200);
      const earlyAfter = await progress(early.who, early.enrollmentId);
      expect(earlyAfter).toMatchObject({ credits: 2 });
      expect(earlyAfter.lessons).toEqual([
        expect.objectContaining({ lessonId: lesson.id, completed: true, credits: 2 }),
      ]);

      late = await enrol('晚学员');
      await complete(late.who);
      expect(await progress(late.who, late.enrollmentId)).toMatchObject({ credits: 0.5 });
    });

    it('issues certificates at once when a target is lowered, and a raised target leaves them valid', async () => {
      const earlyId = early.enrollmentId;
      // 2 earned < 3 required: nothing yet
      expect(await certificates(admin, earlyId)).toEqual([]);

      const lowered = await send(assigned, 'patch', `/api/courses/${course.id}`, { credits: 2 });
      expect(lowered.status).toBe(200);
      const [cert] = await eventually(async () => {
        const held = await certificates(admin, earlyId);
        return held.length ? held : null;
      });
      expect(cert).toMatchObject({ credits: 2, status: 'valid', courseTitle: '学分规则' });

      // the later trainee earned 0.5: still short
      expect(await certificates(admin, late.enrollmentId)).toEqual([]);

      // raising the target and renaming the course leave the issued certificate as it was
      await send(assigned, 'patch', `/api/courses/${course.id}`, {
        credits: 5,
        title: '学分规则（新）',
      }).expect(200);
      const [still] = await certificates(admin, earlyId);
      expect(still).toMatchObject({ id: cert!.id, credits: 2, status: 'valid', courseTitle: '学分规则' });
    });
  });
});
