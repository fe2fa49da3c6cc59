import request from 'supertest';
import { Client } from 'pg';
import type {
  DashboardView,
  EnrollTraineeResponse,
  HeartbeatResponse,
  LessonView,
  SubsidyEligibleTrainee,
} from '@app/contracts';
import { TestApp } from '@app/testing';
import {
  addLesson,
  bearer,
  createCourse,
  fakeMp4,
  Person,
  person,
  post,
  ProgramSetup,
  setupProgram,
  sleep,
  startLearningApi,
  stopLearningApi,
  uploadVideo,
} from './learning-support';
import { uniquePhone } from './support';

/** Anti-cheat rules of verified hours, refused input, and the program office's figures. */
describe('learning: verified-hours rules, bad input, dashboard', () => {
  let t: TestApp;
  let pg: Client;
  let admin: Person;
  let instructor: Person;
  let setup: ProgramSetup;
  let courseId: string;
  let video: LessonView;

  beforeAll(async () => {
    ({ t, pg } = await startLearningApi());
    admin = await person(t, pg, ['program_admin']);
    instructor = await person(t, pg, ['instructor']);
    setup = await setupProgram(t, admin, {
      cohorts: ['一班', '二班'],
      minHours: 1,
      requireCertificate: true,
      instructors: [instructor],
    });
    const c = await createCourse(t, admin, setup, { credits: 0, requiredHours: 1 });
    courseId = c.course.id;
    const up = await uploadVideo(t, instructor, fakeMp4());
    video = await addLesson(t, instructor, c.moduleId, {
      title: '长视频',
      kind: 'video',
      credits: 0,
      videoUploadId: up.body.id,
      videoDurationSec: 3600,
    });
  });
  afterAll(() => stopLearningApi(t, pg));

  async function enrol(
    name: string,
    cohort: string,
    category: string,
  ): Promise<{ who: Person; enrollmentId: string }> {
    const who = await person(t, pg, ['trainee'], name);
    const res = await post<EnrollTraineeResponse>(t, admin, `/api/programs/${setup.program.id}/enrollments`, {
      name,
      mobile: who.phone,
      category,
      cohortId: setup.cohortIds[cohort],
    });
    return { who, enrollmentId: res.enrollment.id };
  }

  const beat = async (
    who: Person,
    tabId: string,
    seq: number,
    positionSec: number,
    playbackRate = 1,
  ): Promise<HeartbeatResponse> => {
    const res = await request(t.url)
      .post(`/api/lessons/${video.id}/heartbeats`)
      .set(...bearer(who))
      .send({ tabId, seq, positionSec, playbackRate });
    expect(res.status).toBe(200);
    return res.body as HeartbeatResponse;
  };

  const ledgerMs = async (enrollmentId: string): Promise<number> =>
    Number(
      (
        await pg.query(
          `SELECT COALESCE(SUM(credited_ms), 0) AS s FROM hours_ledger WHERE enrollment_id = $1`,
          [enrollmentId],
        )
      ).rows[0].s,
    );

  it('two tabs playing the same part count once; two tabs on different parts never beat the wall clock', async () => {
    const { who, enrollmentId } = await enrol('两个标签', '一班', 'veteran');
    const started = Date.now();
    await Promise.all([beat(who, 'tab-aaaaaaaa', 1, 0), beat(who, 'tab-bbbbbbbb', 1, 0)]);
    await sleep(1000);
    await beat(who, 'tab-aaaaaaaa', 2, 1);
    const second = await beat(who, 'tab-bbbbbbbb', 2, 1);
    expect(second.creditedMs).toBe(0);
    // now different parts of the video at the same time
    await Promise.all([beat(who, 'tab-aaaaaaaa', 3, 100), beat(who, 'tab-bbbbbbbb', 3, 200)]);
    await sleep(1000);
    await Promise.all([beat(who, 'tab-aaaaaaaa', 4, 101), beat(who, 'tab-bbbbbbbb', 4, 201)]);
    const total = await ledgerMs(enrollmentId);
    expect(total).toBeGreaterThan(900);
    expect(total).toBeLessThanOrEqual(Date.now() - started);
    expect(total).toBeLessThan(2600); // two tabs alone would claim ~4 s
  });

  it('caps heartbeats that claim more than real time, ignores >2x playback and replayed heartbeats', async () => {
    const { who, enrollmentId } = await enrol('快进者', '一班', 'veteran');
    // the server times the gap between the two heartbeats when it handles them: somewhere between
    // just before the first was sent and just after the second came back
    const sent = Date.now();
    await beat(who, 'tab-fastfast', 1, 300);
    await sleep(1000);
    const jump = await beat(who, 'tab-fastfast', 2, 360); // claims 60 s of video after ~1 s
    expect(jump.creditedMs).toBeGreaterThan(900);
    expect(jump.creditedMs).toBeLessThanOrEqual(Date.now() - sent);
    const before = await ledgerMs(enrollmentId);
    const replay = await beat(who, 'tab-fastfast', 2, 360);
    expect(replay).toMatchObject({ accepted: false, creditedMs: 0, note: 'replayed' });
    await sleep(500);
    const tooFast = await beat(who, 'tab-fastfast', 3, 362, 3);
    expect(tooFast).toMatchObject({ creditedMs: 0, note: 'too_fast_playback' });
    expect(await ledgerMs(enrollmentId)).toBe(before);
  });

  it('refuses a CSV with broken rows as a whole, listing every problem and writing nothing', async () => {
    const count = async (): Promise<[number, number]> => [
      Number((await pg.query(`SELECT COUNT(*) AS n FROM enrollments`)).rows[0].n),
      Number((await pg.query(`SELECT COUNT(*) AS n FROM users`)).rows[0].n),
    ];
    const before = await count();
    const csv = [
      'name,mobile,category,cohort',
      `好人一,${uniquePhone()},veteran,一班`,
      `坏行,12345,veteran,一班`,
      `好人二,${uniquePhone()},astronaut,三班`,
      `不合格,${uniquePhone()},disability,一班`, // the program does not admit this category
      `好人三,${uniquePhone()},poor_household,二班`,
    ].join('\n');
    const res = await request(t.url)
      .post(`/api/programs/${setup.program.id}/enrollments/import`)
      .set(...bearer(admin))
      .send({ csv });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ENROLLMENT_IMPORT_REJECTED');
    expect((res.body.details as Array<{ field: string }>).map((d) => d.field)).toEqual([
      'line 3: mobile',
      'line 4: category',
      'line 4: cohort',
      'line 5: category',
    ]);
    expect(await count()).toEqual(before);
  });

  it('refuses a lesson video whose bytes are not a video', async () => {
    const up = await uploadVideo(
      t,
      instructor,
      Buffer.from('this is plain text pretending to be an mp4 file'),
    );
    expect(up.status).toBe(400);
    expect(up.body.code).toBe('UPLOAD_CONTENT_MISMATCH');
    const mod = await post<{ id: string }>(t, admin, `/api/courses/${courseId}/modules`, { title: '坏视频' });
    const lesson = await request(t.url)
      .post(`/api/modules/${mod.id}/lessons`)
      .set(...bearer(instructor))
      .send({
        title: 'x',
        kind: 'video',
        credits: 0,
        videoUploadId: (await pg.query(`SELECT id FROM uploads WHERE status = 'rejected' LIMIT 1`)).rows[0]
          .id,
        videoDurationSec: 10,
      });
    expect(lesson.status).toBe(404);
    expect(lesson.body.code).toBe('UPLOAD_NOT_FOUND');
  });

  it('dashboard and subsidy list equal the figures computed from the seed', async () => {
    // seed: hours by correction (the program office's paper records); ≥1 h earns the certificate
    const seed = [
      { name: '甲', cohort: '一班', category: 'veteran', hours: 2 },
      { name: '乙', cohort: '一班', category: 'returning_migrant', hours: 0.5 },
      { name: '丙', cohort: '二班', category: 'returning_migrant', hours: 1.25 },
      { name: '丁', cohort: '二班', category: 'full_time_mother', hours: 0 },
    ];
    const prior = await request(t.url)
      .get(`/api/programs/${setup.program.id}/dashboard`)
      .set(...bearer(admin));
    const people = [];
    for (const s of seed) {
      const e = await enrol(s.name, s.cohort, s.category);
      if (s.hours) {
        await post(t, admin, `/api/enrollments/${e.enrollmentId}/hours-corrections`, {
          courseId,
          hours: s.hours,
          reason: '线下集中授课补录',
        });
      }
      await post(t, admin, `/api/enrollments/${e.enrollmentId}/evaluate`, {}, 200);
      people.push({ ...s, ...e, earlierMs: 0 });
    }
    const res = await request(t.url)
      .get(`/api/programs/${setup.program.id}/dashboard`)
      .set(...bearer(admin));
    const d = res.body as DashboardView;
    const p = prior.body as DashboardView;
    // the earlier tests' two trainees sit in 一班 (veteran) with seconds of hours and no certificate
    const priorOne = p.byCohort.find((c) => c.cohortName === '一班')!;
    const one = d.byCohort.find((c) => c.cohortName === '一班')!;
    const two = d.byCohort.find((c) => c.cohortName === '二班')!;
    expect(one.enrolled - priorOne.enrolled).toBe(2);
    expect(one.certified - priorOne.certified).toBe(1);
    expect(one.hours - priorOne.hours).toBeCloseTo(2.5, 2);
    expect(two).toMatchObject({
      enrolled: 2,
      certified: 1,
      hours: 1.25,
      shopsOpened: 0,
      orders: 0,
      salesMinor: 0,
    });
    const cat = (k: string) => d.byCategory.find((c) => c.category === k)!;
    expect(cat('returning_migrant')).toMatchObject({ enrolled: 2, certified: 1, hours: 1.75 });
    expect(cat('full_time_mother')).toMatchObject({ enrolled: 1, certified: 0, hours: 0 });
    expect(d.total.enrolled).toBe(p.total.enrolled + 4);
    expect(d.total.certified).toBe(2);
    expect(d.commerceAvailable).toBe(true);

    const eligible = (
      await request(t.url)
        .get(`/api/programs/${setup.program.id}/subsidy-eligible`)
        .set(...bearer(admin))
    ).body as SubsidyEligibleTrainee[];
    expect(eligible.map((e) => e.name).sort()).toEqual(['丙', '甲']);
    const csv = await request(t.url)
      .get(`/api/programs/${setup.program.id}/subsidy-eligible.csv`)
      .set(...bearer(admin))
      .buffer(true);
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(csv.text, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.slice(1).split('\r\n')[0]).toBe('姓名,手机号,班级,人员类别,学时,证书编号');
    expect(csv.text).toContain('丙,');
    const asTrainee = await request(t.url)
      .get(`/api/programs/${setup.program.id}/dashboard`)
      .set(...bearer(people[0].who));
    expect(asTrainee.status).toBe(403);
  });
});
