import request from 'supertest';
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';
import type {
  AssessmentView,
  CertificateView,
  CourseView,
  EnrollmentView,
  HoursEntryView,
  ImportEnrollmentsResponse,
  LessonVideoLink,
  LessonView,
  LiveSessionView,
  PracticalSubmissionView,
} from '@app/contracts';
import { TestApp } from '@app/testing';
import {
  addAssessment,
  addLesson,
  bearer,
  createCourse,
  eventually,
  fakeMp4,
  Person,
  person,
  post,
  ProgramSetup,
  RULES_QUIZ,
  runPracticeSale,
  setupProgram,
  sleep,
  startLearningApi,
  stopLearningApi,
  uploadVideo,
} from './learning-support';
import { uniquePhone } from './support';

/**
 * One trainee from enrolment to certificate, through the real api over HTTP on a real database.
 * The media server's attendance report is simulated on its internal route (it is wired in later).
 */
describe('learning: one trainee from CSV enrolment to a verified certificate', () => {
  let t: TestApp;
  let pg: Client;
  let admin: Person;
  let instructor: Person;
  let setup: ProgramSetup;
  let course: CourseView;
  let video: LessonView;
  let text: LessonView;
  let quiz: AssessmentView;
  let practical: AssessmentView;
  let classSession: LiveSessionView;
  let trainee: Person;
  let enrollment: EnrollmentView;
  const videoBytes = fakeMp4(8192);

  beforeAll(async () => {
    ({ t, pg } = await startLearningApi());
    admin = await person(t, pg, ['program_admin'], '项目管理员');
    instructor = await person(t, pg, ['instructor'], '李老师');
    setup = await setupProgram(t, admin, { cohorts: ['2026春季一班'], instructors: [instructor] });
    ({ course } = await createCourse(t, admin, setup, { credits: 3, requiredHours: 1 }).then(async (c) => {
      const done = await uploadVideo(t, instructor, videoBytes);
      expect(done.status).toBe(200);
      video = await addLesson(t, instructor, c.moduleId, {
        title: '选品与讲解',
        kind: 'video',
        credits: 1,
        videoUploadId: done.body.id,
        videoDurationSec: 2,
      });
      text = await addLesson(t, instructor, c.moduleId, {
        title: '平台规则',
        kind: 'text',
        credits: 1,
        body: '不得虚假宣传。',
      });
      classSession = await post<LiveSessionView>(t, instructor, '/api/live-sessions', {
        kind: 'class',
        title: '直播实操课',
      });
      await post(t, instructor, `/api/live-sessions/${classSession.id}/start`, {}, 200);
      await addLesson(t, instructor, c.moduleId, {
        title: '直播课',
        kind: 'live_class',
        credits: 1,
        liveSessionId: classSession.id,
      });
      return c;
    }));
    quiz = await addAssessment(t, instructor, course.id, RULES_QUIZ);
    practical = await addAssessment(t, instructor, course.id, {
      kind: 'practical',
      title: '直播带货实操',
      passMark: 60,
      maxAttempts: 1,
    });
  });
  afterAll(() => stopLearningApi(t, pg));

  it('is enrolled by CSV and claims the account with the invite code', async () => {
    const phone = uniquePhone();
    const csv = `\uFEFF姓名,手机号,类别,班级\r\n王小明,${phone},返乡农民工,2026春季一班\r\n`;
    const imported = await post<ImportEnrollmentsResponse>(
      t,
      admin,
      `/api/programs/${setup.program.id}/enrollments/import`,
      { csv },
    );
    expect(imported).toMatchObject({ enrolled: 1, accountsCreated: 1 });
    const invite = imported.invites[0];
    // the account cannot be used before the invite is claimed
    const early = await request(t.url)
      .post('/api/auth/sign-in')
      .send({ identifier: phone, password: 'anything-at-all' });
    expect(early.status).toBe(401);
    const wrong = await request(t.url)
      .post('/api/invites/claim')
      .send({ mobile: phone, code: 'AAAA-BBBB-CCCC', password: 'my own password' });
    expect(wrong.body.code).toBe('AUTH_INVALID_CREDENTIALS');
    await request(t.url)
      .post('/api/invites/claim')
      .send({ mobile: phone, code: invite.code.toLowerCase(), password: 'my own password' })
      .expect(204);
    const signIn = await request(t.url)
      .post('/api/auth/sign-in')
      .send({ identifier: phone, password: 'my own password' });
    expect(signIn.status).toBe(200);
    trainee = { id: signIn.body.user.id, phone, token: signIn.body.tokens.accessToken };
    const mine = await request(t.url)
      .get('/api/me/enrollments')
      .set(...bearer(trainee));
    enrollment = (mine.body as EnrollmentView[])[0];
    expect(enrollment).toMatchObject({
      traineeName: '王小明',
      category: 'returning_migrant',
      status: 'active',
    });
  });

  it('streams the lesson video with ranges, only to people allowed to study it', async () => {
    const part = await request(t.url)
      .get(`/api/lessons/${video.id}/video`)
      .set(...bearer(trainee))
      .set('Range', 'bytes=100-199');
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${videoBytes.length}`);
    expect(Buffer.compare(part.body as Buffer, videoBytes.subarray(100, 200))).toBe(0);
    const whole = await request(t.url)
      .get(`/api/lessons/${video.id}/video`)
      .set(...bearer(instructor));
    expect(whole.status).toBe(200);
    expect(whole.headers['content-length']).toBe(String(videoBytes.length));
    const past = await request(t.url)
      .get(`/api/lessons/${video.id}/video`)
      .set(...bearer(trainee))
      .set('Range', 'bytes=99999-');
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${videoBytes.length}`);
    const stranger = await person(t, pg, ['trainee']);
    const refused = await request(t.url)
      .get(`/api/lessons/${video.id}/video`)
      .set(...bearer(stranger));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('NOT_ENROLLED');
    expect((await request(t.url).get(`/api/lessons/${video.id}/video`)).status).toBe(401);
  });

  it('hands a <video> element a short-lived link that works without headers, for that lesson only', async () => {
    const link = await post<LessonVideoLink>(t, trainee, `/api/lessons/${video.id}/video-link`, {}, 200);
    expect(Date.parse(link.expiresAt)).toBeGreaterThan(Date.now());
    const part = await request(t.url).get(link.url).set('Range', 'bytes=0-99');
    expect(part.status).toBe(206);
    expect(Buffer.compare(part.body as Buffer, videoBytes.subarray(0, 100))).toBe(0);
    // the ticket names one lesson; it opens no other
    const ticket = new URL(link.url, t.url).searchParams.get('ticket') ?? '';
    const other = await request(t.url).get(`/api/lessons/${text.id}/video?ticket=${ticket}`);
    expect(other.body.code).toBe('AUTH_TOKEN_INVALID');
    const forged = await request(t.url).get(`/api/lessons/${video.id}/video?ticket=${ticket.slice(0, -2)}xx`);
    expect(forged.body.code).toBe('AUTH_TOKEN_INVALID');
    // and nobody gets a link to a lesson they may not watch
    const stranger = await person(t, pg, ['trainee']);
    const denied = await request(t.url)
      .post(`/api/lessons/${video.id}/video-link`)
      .set(...bearer(stranger));
    expect(denied.body.code).toBe('NOT_ENROLLED');
  });

  it('watches the video (heartbeats) and reads the text lesson', async () => {
    const beat = (seq: number, positionSec: number): Promise<request.Response> =>
      request(t.url)
        .post(`/api/lessons/${video.id}/heartbeats`)
        .set(...bearer(trainee))
        .send({ tabId: 'tab-walk-1', seq, positionSec, playbackRate: 1 });
    expect((await beat(1, 0)).body).toMatchObject({ accepted: true, creditedMs: 0, note: 'first_in_tab' });
    await sleep(1050);
    expect((await beat(2, 1)).body.creditedMs).toBeGreaterThanOrEqual(990);
    await sleep(1050);
    const last = await beat(3, 2);
    expect(last.body).toMatchObject({ accepted: true, watchedSec: 2 });
    await request(t.url)
      .post(`/api/lessons/${text.id}/complete`)
      .set(...bearer(trainee))
      .expect(204);
  });

  it('attends the live class: the media server’s overlapping intervals count once', async () => {
    const now = Date.now(); // one clock reading: the intervals' union must be exactly 2.5 h
    const h = (n: number): string => new Date(now - n * 3_600_000).toISOString();
    await request(t.url)
      .post(`/api/internal/live-sessions/${classSession.id}/report`)
      .set('x-internal-secret', t.cfg.internalSecret)
      .send({
        viewersNow: 0,
        peakViewers: 12,
        attendance: [
          { userId: trainee.id, role: 'viewer', joinedAt: h(3), leftAt: h(1) },
          { userId: trainee.id, role: 'viewer', joinedAt: h(2), leftAt: h(0.5) }, // second device
        ],
        ended: true,
      })
      .expect(204);
    const entries = await eventually(async () => {
      const res = await request(t.url)
        .get(`/api/enrollments/${enrollment.id}/hours`)
        .set(...bearer(trainee));
      const live = (res.body as HoursEntryView[]).filter((e) => e.source === 'live_class');
      return live.length ? live : null;
    });
    expect(entries.reduce((s, e) => s + e.creditedMs, 0)).toBe(2.5 * 3_600_000);
  });

  it('passes the quiz after an answer for another quiz is refused', async () => {
    const [q1, q2, q3] = quiz.questions;
    const foreign = await request(t.url)
      .post(`/api/assessments/${quiz.id}/attempts`)
      .set(...bearer(trainee))
      .send({ answers: [{ questionId: practical.id, choices: [0] }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe('QUIZ_ANSWER_FOREIGN');
    const attempt = await post(t, trainee, `/api/assessments/${quiz.id}/attempts`, {
      answers: [
        { questionId: q1.id, choices: [1] },
        { questionId: q2.id, choices: [2, 0] },
        { questionId: q3.id, choices: [1] },
      ],
    });
    expect(attempt).toMatchObject({ attemptNo: 1, scorePercent: 100, passed: true, attemptsLeft: 1 });
  });

  it('runs a practice sale that an instructor grades, and receives the certificate', async () => {
    const sale = await runPracticeSale(t, trainee);
    const sub = await post<PracticalSubmissionView>(
      t,
      trainee,
      `/api/assessments/${practical.id}/practical-submissions`,
      {
        liveSessionId: sale.id,
      },
    );
    expect(sub.status).toBe('submitted');
    expect(sub.figures.durationSec).toBeGreaterThanOrEqual(1);
    expect(sub.figures).toMatchObject({ chatMessages: 0, orders: 0 });
    const graded = await post<PracticalSubmissionView>(
      t,
      instructor,
      `/api/practical-submissions/${sub.id}/grade`,
      {
        productPresentation: 20,
        viewerEngagement: 18,
        honestyCompliance: 25,
        closingSale: 17,
        comment: '讲解清楚，成交话术还可加强',
      },
      200,
    );
    expect(graded).toMatchObject({ status: 'graded', total: 80, passed: true });

    const [cert] = await eventually(async () => {
      const res = await request(t.url)
        .get(`/api/enrollments/${enrollment.id}/certificates`)
        .set(...bearer(trainee));
      return (res.body as CertificateView[]).length ? (res.body as CertificateView[]) : null;
    });
    expect(cert).toMatchObject({ holderName: '王小明', skillLevel: 'junior', status: 'valid', credits: 3 });
    expect(cert.hours).toBeGreaterThanOrEqual(2.5);
    expect(cert.evaluatingOrganization).toBe('省职业技能鉴定中心');
    // evaluating again issues nothing new
    expect(
      (await post<CertificateView[]>(t, trainee, `/api/enrollments/${enrollment.id}/evaluate`, {}, 200))
        .length,
    ).toBe(0);
    const behind = await request(t.url)
      .get(`/api/certificates/${cert.id}/hours`)
      .set(...bearer(trainee));
    expect(new Set((behind.body as HoursEntryView[]).map((e) => e.source))).toEqual(
      new Set(['video', 'live_class']),
    );

    const verify = await request(t.url).get(`/api/certificates/verify/${cert.code.toLowerCase()}`);
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({
      code: cert.code,
      status: 'valid',
      holderName: '王*明',
      courseTitle: course.title,
    });

    const pdf = await request(t.url)
      .get(`/api/certificates/${cert.id}/pdf`)
      .set(...bearer(trainee))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.LEARNING_PDF_OUT) writeFileSync(process.env.LEARNING_PDF_OUT, pdf.body as Buffer);
    const other = await person(t, pg, ['trainee']);
    expect(
      (
        await request(t.url)
          .get(`/api/certificates/${cert.id}/pdf`)
          .set(...bearer(other))
      ).status,
    ).toBe(404);

    const notAdmin = await request(t.url)
      .post(`/api/certificates/${cert.id}/revoke`)
      .set(...bearer(instructor))
      .send({ reason: '测试撤销权限' });
    expect(notAdmin.status).toBe(403);
    await post(t, admin, `/api/certificates/${cert.id}/revoke`, { reason: '核查发现实操考核代考' }, 200);
    const after = await request(t.url).get(`/api/certificates/verify/${cert.code}`);
    expect(after.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
  });

  it('keeps the ledger append-only: corrections are new entries; edits are refused by the database', async () => {
    const entry = await post<HoursEntryView>(
      t,
      admin,
      `/api/enrollments/${enrollment.id}/hours-corrections`,
      {
        courseId: course.id,
        hours: -0.5,
        reason: '直播课签到重复，扣减 0.5 学时',
      },
    );
    expect(entry).toMatchObject({ source: 'correction', creditedMs: -1_800_000, authorId: admin.id });
    await expect(pg.query(`UPDATE hours_ledger SET credited_ms = 0`)).rejects.toThrow(/append-only/);
    await expect(pg.query(`DELETE FROM hours_ledger`)).rejects.toThrow(/append-only/);
    const asTrainee = await request(t.url)
      .post(`/api/enrollments/${enrollment.id}/hours-corrections`)
      .set(...bearer(trainee))
      .send({ courseId: course.id, hours: 10, reason: '给自己加学时' });
    expect(asTrainee.status).toBe(403);
  });

  it('answers CERTIFICATE_NOT_FOUND for codes that do not exist', async () => {
    for (const code of ['0000-0000-0000-0000', 'not-a-code']) {
      const res = await request(t.url).get(`/api/certificates/verify/${code}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('CERTIFICATE_NOT_FOUND');
    }
  });
});
