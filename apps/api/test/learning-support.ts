import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type {
  AssessmentView,
  CourseView,
  CreateUploadResponse,
  LessonView,
  LiveSessionView,
  OrganizationView,
  ProgramInstructorView,
  ProgramView,
  Role,
} from '@app/contracts';
import { TokenService } from '@app/identity';
import { TestApp } from '@app/testing';
import { signUp, startApi, uniquePhone } from './support';

export interface Person {
  id: string;
  phone: string;
  token: string;
}

export const bearer = (p: { token: string }): [string, string] => ['Authorization', `Bearer ${p.token}`];
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The api, serving uploads through its /s3 proxy as the web client uses them, and a client of its
 * database (for roles and for what a test checks as stored).
 */
export async function startLearningApi(): Promise<{ t: TestApp; pg: Client }> {
  const t = await startApi({ S3_PUBLIC_URL: '/s3' });
  const pg = new Client({ connectionString: t.db.url });
  await pg.connect();
  return { t, pg };
}

export async function stopLearningApi(t: TestApp, pg: Client): Promise<void> {
  await pg.end();
  await t.close();
}

/** A signed-up person holding privileged roles (granted in the database, as an admin would). */
export async function person(
  t: TestApp,
  pg: Client,
  roles: Role[],
  displayName = '测试用户',
): Promise<Person> {
  const phone = uniquePhone();
  const res = await signUp(t, { identifier: phone, displayName });
  const extra = roles.filter((r) => r !== 'trainee');
  if (extra.length) {
    await pg.query(
      `INSERT INTO user_roles (user_id, role) SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING`,
      [res.user.id, extra],
    );
  }
  const token = t.app
    .get(TokenService)
    .signAccess({ sub: res.user.id, roles: [...new Set<Role>(['trainee', ...roles])], sid: randomUUID() });
  return { id: res.user.id, phone, token };
}

/** A minimal valid MP4 head (ftyp box) padded to `size` bytes: passes the storage sniffer. */
export function fakeMp4(size = 4096): Buffer {
  const buf = Buffer.alloc(size, 7);
  buf.writeUInt32BE(24, 0);
  buf.write('ftypisom', 4, 'latin1');
  buf.writeUInt32BE(512, 12);
  buf.write('isomiso2', 16, 'latin1');
  return buf;
}

/** Creates, uploads and completes a lesson-video upload; returns the completion response. */
export async function uploadVideo(t: TestApp, who: Person, body: Buffer): Promise<request.Response> {
  const created = await request(t.url)
    .post('/api/uploads')
    .set(...bearer(who))
    .send({ purpose: 'lesson-video', contentType: 'video/mp4', size: body.length, fileName: 'lesson.mp4' });
  if (created.status !== 201)
    throw new Error(`upload create: ${created.status} ${JSON.stringify(created.body)}`);
  const c = created.body as CreateUploadResponse;
  const put = await fetch(c.url.startsWith('/') ? `${t.url}${c.url}` : c.url, {
    method: 'PUT',
    headers: c.headers,
    body: new Uint8Array(body),
  });
  if (!put.ok) throw new Error(`upload PUT: ${put.status}`);
  return request(t.url)
    .post(`/api/uploads/${c.uploadId}/complete`)
    .set(...bearer(who));
}

async function post<T>(t: TestApp, who: Person, path: string, body: object, status = 201): Promise<T> {
  const res = await request(t.url)
    .post(path)
    .set(...bearer(who))
    .send(body);
  if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export interface ProgramSetup {
  program: ProgramView;
  cohortIds: Record<string, string>;
  org: OrganizationView;
}

export async function setupProgram(
  t: TestApp,
  admin: Person,
  opts: { cohorts: string[]; minHours?: number; requireCertificate?: boolean; instructors?: Person[] },
): Promise<ProgramSetup> {
  const org = await post<OrganizationView>(t, admin, '/api/organizations', {
    name: '省职业技能鉴定中心',
    kind: 'skill_evaluation_agency',
  });
  const program = await post<ProgramView>(t, admin, '/api/programs', {
    name: '2026年乡村直播电商技能培训',
    region: '贵州省黔东南州',
    fundingBody: '省人力资源和社会保障厅',
    startsOn: '2026-03-01',
    endsOn: '2026-12-31',
    eligibleCategories: ['poor_household', 'returning_migrant', 'full_time_mother', 'veteran'],
    subsidyRule: { requireCertificate: opts.requireCertificate ?? true, minHours: opts.minHours ?? 1 },
  });
  const cohortIds: Record<string, string> = {};
  for (const name of opts.cohorts) {
    cohortIds[name] = (
      await post<{ id: string }>(t, admin, `/api/programs/${program.id}/cohorts`, { name })
    ).id;
  }
  for (const instructor of opts.instructors ?? []) await assignInstructor(t, admin, program.id, instructor);
  return { program, cohortIds, org };
}

/** Lets `instructor` author the program's courses. */
export async function assignInstructor(
  t: TestApp,
  admin: Person,
  programId: string,
  instructor: Person,
): Promise<ProgramInstructorView> {
  return post(t, admin, `/api/programs/${programId}/instructors`, { userId: instructor.id }, 200);
}

/** Who may and may not author courses: see `authoringCast`. */
export interface AuthoringCast {
  admin: Person;
  assigned: Person;
  outsider: Person;
  trainee: Person;
  setup: ProgramSetup;
  other: ProgramSetup;
}

/**
 * A program admin; `setup`, a program with one class whose courses `assigned` may author;
 * `other`, a second program with no instructor yet; `outsider`, an instructor of neither; a trainee.
 */
export async function authoringCast(t: TestApp, pg: Client): Promise<AuthoringCast> {
  const admin = await person(t, pg, ['program_admin']);
  const assigned = await person(t, pg, ['instructor'], '王老师');
  const outsider = await person(t, pg, ['instructor'], '外聘老师');
  const trainee = await person(t, pg, ['trainee']);
  const setup = await setupProgram(t, admin, { cohorts: ['一班'], instructors: [assigned] });
  const other = await setupProgram(t, admin, { cohorts: ['一班'] });
  return { admin, assigned, outsider, trainee, setup, other };
}

/** A valid new course of `s`, evaluated by its agency: 2 credits, 4 required hours. */
export const courseBody = (s: ProgramSetup, title: string) => ({
  title,
  occupationCategory: '互联网营销师',
  credits: 2,
  requiredHours: 4,
  skillLevel: 'junior',
  evaluatingOrganizationId: s.org.id,
});

export async function createCourse(
  t: TestApp,
  admin: Person,
  setup: ProgramSetup,
  body: { credits: number; requiredHours: number },
): Promise<{ course: CourseView; moduleId: string }> {
  const course = await post<CourseView>(t, admin, `/api/programs/${setup.program.id}/courses`, {
    ...courseBody(setup, '农产品直播带货（初级）'),
    ...body,
  });
  const mod = await post<{ id: string }>(t, admin, `/api/courses/${course.id}/modules`, {
    title: '第一单元',
  });
  return { course, moduleId: mod.id };
}

export const addLesson = (t: TestApp, who: Person, moduleId: string, body: object): Promise<LessonView> =>
  post<LessonView>(t, who, `/api/modules/${moduleId}/lessons`, body);

export const addAssessment = (
  t: TestApp,
  who: Person,
  courseId: string,
  body: object,
): Promise<AssessmentView> => post<AssessmentView>(t, who, `/api/courses/${courseId}/assessments`, body);

export { post };

/** Polls until `check` returns a value (events run after the response). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  ms = 10_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(100);
  }
}

/** The three-question rules quiz both walks use (answers: 1; 0 and 2; 1), pass mark 60, two attempts. */
export const RULES_QUIZ = {
  kind: 'quiz',
  title: '规则测验',
  passMark: 60,
  maxAttempts: 2,
  questions: [
    { kind: 'single', prompt: '直播中可以夸大产品功效吗？', options: ['可以', '不可以'], correct: [1] },
    {
      kind: 'multiple',
      prompt: '哪些是合规做法？',
      options: ['如实介绍', '虚构销量', '明示价格'],
      correct: [0, 2],
    },
    { kind: 'true_false', prompt: '退货政策需要提前说明。', options: ['错', '对'], correct: [1] },
  ],
};

/** A practice sale as a trainee runs one: scheduled, live for a little over a second, ended. */
export async function runPracticeSale(t: TestApp, who: Person): Promise<LiveSessionView> {
  const sale = await post<LiveSessionView>(t, who, '/api/live-sessions', {
    kind: 'sale',
    title: '练习：高山茶叶',
  });
  await post(t, who, `/api/live-sessions/${sale.id}/start`, {}, 200);
  await sleep(1100);
  return post<LiveSessionView>(t, who, `/api/live-sessions/${sale.id}/end`, {}, 200);
}
