import request from 'supertest';
import { Client } from 'pg';
import type {
  CourseView,
  LessonView,
  LiveSessionView,
  ModuleView,
  ProgramInstructorView,
  TeachingView,
} from '@app/contracts';
import { TestApp } from '@app/testing';
import {
  assignInstructor,
  authoringCast,
  bearer,
  courseBody,
  Person,
  person,
  post,
  ProgramSetup,
  startLearningApi,
  stopLearningApi,
} from './learning-support';
import { signUp } from './support';

/** Who may author a program's courses: its assigned instructors and program admins, nobody else. */
describe('learning: course authoring rights', () => {
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
  });
  afterAll(() => stopLearningApi(t, pg));

  it('an assigned instructor builds a course; one from outside the program is refused at every step', async () => {
    const refused = await request(t.url)
      .post(`/api/programs/${setup.program.id}/courses`)
      .set(...bearer(outsider))
      .send(courseBody(setup, '外聘课'));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');

    const course = await post<CourseView>(
      t,
      assigned,
      `/api/programs/${setup.program.id}/courses`,
      courseBody(setup, '短视频拍摄'),
    );
    const next = await post<CourseView>(t, assigned, `/api/programs/${setup.program.id}/courses`, {
      ...courseBody(setup, '直播话术'),
      prerequisiteCourseIds: [course.id],
    });
    expect(next.prerequisiteCourseIds).toEqual([course.id]);

    const asOutsider = (path: string, body: object) =>
      request(t.url)
        .post(path)
        .set(...bearer(outsider))
        .send(body);
    expect((await asOutsider(`/api/courses/${course.id}/modules`, { title: '第一单元' })).status).toBe(403);
    const mod = await post<ModuleView>(t, assigned, `/api/courses/${course.id}/modules`, {
      title: '第一单元',
    });
    const text = { title: '拍摄前准备', kind: 'text', credits: 1, body: '检查光线和收音。' };
    expect((await asOutsider(`/api/modules/${mod.id}/lessons`, text)).status).toBe(403);
    const lesson = await post<LessonView>(t, assigned, `/api/modules/${mod.id}/lessons`, text);
    expect(lesson).toMatchObject({ kind: 'text', position: 0 });

    // a live-class lesson is linked to a class session, and refuses a sale
    const session = await post<LiveSessionView>(t, assigned, '/api/live-sessions', {
      kind: 'class',
      title: '直播答疑课',
      scheduledStart: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const live = await post<LessonView>(t, assigned, `/api/modules/${mod.id}/lessons`, {
      title: '答疑',
      kind: 'live_class',
      credits: 1,
      liveSessionId: session.id,
    });
    expect(live.liveSessionId).toBe(session.id);
  });

  it('lists where each person may author', async () => {
    const teaching = async (who: Person): Promise<request.Response> =>
      request(t.url)
        .get('/api/me/teaching')
        .set(...bearer(who));
    const mine = (await teaching(assigned)).body as TeachingView;
    expect(mine.programs.map((p) => p.id)).toEqual([setup.program.id]);
    expect(mine.courses.map((c) => c.title)).toEqual(['短视频拍摄', '直播话术']);
    expect(mine.courses[0]?.modules[0]?.lessons.map((l) => l.kind)).toEqual(['text', 'live_class']);

    expect(((await teaching(outsider)).body as TeachingView).programs).toEqual([]);
    const all = (await teaching(admin)).body as TeachingView;
    expect(all.programs.map((p) => p.id).sort()).toEqual([setup.program.id, other.program.id].sort());
    expect((await teaching(trainee)).status).toBe(403);

    // once assigned (twice: idempotent), the outsider sees the other program
    await assignInstructor(t, admin, other.program.id, outsider);
    await assignInstructor(t, admin, other.program.id, outsider);
    expect(((await teaching(outsider)).body as TeachingView).programs.map((p) => p.id)).toEqual([
      other.program.id,
    ]);
  });

  it('assigns only instructors, and only by a program admin', async () => {
    const byInstructor = await request(t.url)
      .post(`/api/programs/${setup.program.id}/instructors`)
      .set(...bearer(assigned))
      .send({ userId: outsider.id });
    expect(byInstructor.status).toBe(403);
    const notInstructor = await request(t.url)
      .post(`/api/programs/${setup.program.id}/instructors`)
      .set(...bearer(admin))
      .send({ userId: trainee.id });
    expect(notInstructor.status).toBe(400);
    expect(notInstructor.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'userId', reason: 'notInstructor' }],
    });
  });
  describe('the program office assigns instructors by what they sign in with', () => {
    const instructorsPath = () => `/api/programs/${setup.program.id}/instructors`;
    const assign = (who: Person, body: object) =>
      request(t.url)
        .post(instructorsPath())
        .set(...bearer(who))
        .send(body);
    const list = async (): Promise<ProgramInstructorView[]> => {
      const res = await request(t.url)
        .get(instructorsPath())
        .set(...bearer(admin));
      expect(res.status).toBe(200);
      return res.body as ProgramInstructorView[];
    };

    it('assigns by mobile (as typed) or e-mail, idempotently, lists masked, and removes', async () => {
      const zhao = await person(t, pg, ['instructor'], '赵老师');
      const typed = `+86 ${zhao.phone.slice(0, 3)}-${zhao.phone.slice(3, 7)}-${zhao.phone.slice(7)}`;
      const first = await assign(admin, { identifier: typed });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        userId: zhao.id,
        displayName: '赵老师',
        maskedPhone: `${zhao.phone.slice(0, 3)}****${zhao.phone.slice(7)}`,
        maskedEmail: null,
        assignedAt: expect.any(String) as string,
      });
      // twice, and by account id: the same row, not a second one
      const again = await assign(admin, { userId: zhao.id });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);

      const qian = await signUp(t, { identifier: 'Qian.Laoshi@Example.com', displayName: '钱老师' });
      await pg.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'instructor')`, [qian.user.id]);
      const byEmail = await assign(admin, { identifier: '  qian.laoshi@EXAMPLE.COM ' });
      expect(byEmail.status).toBe(200);
      expect(byEmail.body).toMatchObject({
        userId: qian.user.id,
        maskedPhone: null,
        maskedEmail: 'q***@example.com',
      });

      const listed = await list();
      expect(listed.map((i) => i.displayName)).toEqual(['王老师', '赵老师', '钱老师']);
      expect(listed.find((i) => i.userId === zhao.id)).toEqual(first.body);
      const wire = JSON.stringify(listed);
      expect(wire).not.toContain(zhao.phone.slice(3));
      expect(wire).not.toContain('qian.laoshi');

      // while assigned, 赵老师 writes a lesson
      const course = await post<CourseView>(
        t,
        zhao,
        `/api/programs/${setup.program.id}/courses`,
        courseBody(setup, '农产品拍图'),
      );
      const mod = await post<ModuleView>(t, zhao, `/api/courses/${course.id}/modules`, { title: '单元一' });
      const lesson = { title: '自然光', kind: 'text', credits: 1, body: '上午十点前拍。' };
      await post<LessonView>(t, zhao, `/api/modules/${mod.id}/lessons`, lesson);

      const removed = await request(t.url)
        .delete(`${instructorsPath()}/${zhao.id}`)
        .set(...bearer(admin));
      expect(removed.status).toBe(204);
      expect((await list()).map((i) => i.displayName)).toEqual(['王老师', '钱老师']);
      const refused = await request(t.url)
        .post(`/api/modules/${mod.id}/lessons`)
        .set(...bearer(zhao))
        .send({ ...lesson, title: '侧光' });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      const teaching = await request(t.url)
        .get('/api/me/teaching')
        .set(...bearer(zhao));
      expect((teaching.body as TeachingView).programs).toEqual([]);
      // the course stays with the program
      const courses = await request(t.url)
        .get(`/api/programs/${setup.program.id}/courses`)
        .set(...bearer(admin));
      expect((courses.body as CourseView[]).map((c) => c.title)).toContain('农产品拍图');
      // removing again is harmless
      const twice = await request(t.url)
        .delete(`${instructorsPath()}/${zhao.id}`)
        .set(...bearer(admin));
      expect(twice.status).toBe(204);
    });

    it('answers unknown, invalid, non-instructor and ambiguous requests with stable codes', async () => {
      const unknown = await assign(admin, { identifier: '133 1234 5678' });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({
        code: 'NOT_FOUND',
        details: [{ field: 'identifier', reason: 'unknownAccount' }],
      });
      const unknownId = await assign(admin, { userId: '00000000-0000-4000-8000-000000000000' });
      expect(unknownId.status).toBe(404);
      expect(unknownId.body).toMatchObject({ code: 'NOT_FOUND', details: [{ field: 'userId' }] });

      const invalid = await assign(admin, { identifier: '12345' });
      expect(invalid.status).toBe(400);
      expect(invalid.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'identifier', reason: 'identifier' }],
      });

      const notInstructor = await assign(admin, { identifier: trainee.phone });
      expect(notInstructor.status).toBe(400);
      expect(notInstructor.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'identifier', reason: 'notInstructor' }],
      });

      const both = await assign(admin, { userId: assigned.id, identifier: assigned.phone });
      expect(both.status).toBe(400);
      expect(both.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ reason: 'oneOf' }] });
      const neither = await assign(admin, {});
      expect(neither.status).toBe(400);
      expect(neither.body.code).toBe('VALIDATION_FAILED');

      const noProgram = await request(t.url)
        .get('/api/programs/00000000-0000-4000-8000-000000000000/instructors')
        .set(...bearer(admin));
      expect(noProgram.status).toBe(404);
      expect(noProgram.body.code).toBe('NOT_FOUND');
    });

    it('lets only program admins list, assign and remove', async () => {
      for (const who of [assigned, trainee]) {
        const listed = await request(t.url)
          .get(instructorsPath())
          .set(...bearer(who));
        expect(listed.status).toBe(403);
        expect((await assign(who, { identifier: outsider.phone })).status).toBe(403);
        const removed = await request(t.url)
          .delete(`${instructorsPath()}/${assigned.id}`)
          .set(...bearer(who));
        expect(removed.status).toBe(403);
      }
      expect((await list()).map((i) => i.userId)).toContain(assigned.id);
    });
  });
});
