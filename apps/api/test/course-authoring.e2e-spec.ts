import request from 'supertest';
import { Client } from 'pg';
import type { CourseView, LessonView, LiveSessionView, ModuleView, TeachingView } from '@app/contracts';
import { TestApp } from '@app/testing';
import {
  assignInstructor,
  bearer,
  Person,
  person,
  post,
  ProgramSetup,
  setupProgram,
} from './learning-support';
import { startApi } from './support';

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

  const courseBody = (s: ProgramSetup, title: string) => ({
    title,
    occupationCategory: '互联网营销师',
    credits: 2,
    requiredHours: 4,
    skillLevel: 'junior',
    evaluatingOrganizationId: s.org.id,
  });

  beforeAll(async () => {
    t = await startApi({ S3_PUBLIC_URL: '/s3' });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    admin = await person(t, pg, ['program_admin']);
    assigned = await person(t, pg, ['instructor'], '王老师');
    outsider = await person(t, pg, ['instructor'], '外聘老师');
    trainee = await person(t, pg, ['trainee']);
    setup = await setupProgram(t, admin, { cohorts: ['一班'], instructors: [assigned] });
    other = await setupProgram(t, admin, { cohorts: ['一班'] });
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

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
});
