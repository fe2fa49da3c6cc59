import request from 'supertest';
import type {
  AssessmentView,
  CourseView,
  EnrollTraineeResponse,
  LessonView,
  LiveSessionView,
  PracticalSubmissionView,
} from '@app/contracts';
import type { TestApp } from '@app/testing';
import {
  addAssessment,
  addLesson,
  bearer,
  createCourse,
  fakeMp4,
  post,
  RULES_QUIZ,
  runPracticeSale,
  sleep,
  uploadVideo,
  type Person,
  type ProgramSetup,
} from '../../api/test/learning-support';
import { signUp, uniquePhone } from '../../api/test/support';

// What the browser test needs before a trainee opens a page, seeded over HTTP as the api's
// learning walk (apps/api/test/learning-walk.e2e-spec.ts) does it.

export interface SeededCourse {
  course: CourseView;
  video: LessonView;
  reading: LessonView;
  quiz: AssessmentView;
  practical: AssessmentView;
  classSessionId: string;
}

export interface Trainee extends Person {
  name: string;
  cohort: string;
  enrollmentId: string;
  submissionId: string;
}

/** The course of the api's learning walk: video, reading and live-class lessons, a quiz and a practical. */
export async function seedCourse(
  t: TestApp,
  admin: Person,
  instructor: Person,
  setup: ProgramSetup,
): Promise<SeededCourse> {
  const c = await createCourse(t, admin, setup, { credits: 3, requiredHours: 1 });
  const course = c.course;
  const upload = await uploadVideo(t, instructor, fakeMp4(8192));
  const video = await addLesson(t, instructor, c.moduleId, {
    title: '选品与讲解',
    kind: 'video',
    credits: 1,
    videoUploadId: upload.body.id,
    videoDurationSec: 2,
  });
  const reading = await addLesson(t, instructor, c.moduleId, {
    title: '平台规则',
    kind: 'text',
    credits: 1,
    body: '不得虚假宣传。',
  });
  const liveClass = await post<LiveSessionView>(t, instructor, '/api/live-sessions', {
    kind: 'class',
    title: '直播实操课',
  });
  await post(t, instructor, `/api/live-sessions/${liveClass.id}/start`, {}, 200);
  await addLesson(t, instructor, c.moduleId, {
    title: '直播课',
    kind: 'live_class',
    credits: 1,
    liveSessionId: liveClass.id,
  });
  const quiz = await addAssessment(t, instructor, course.id, RULES_QUIZ);
  const practical = await addAssessment(t, instructor, course.id, {
    kind: 'practical',
    title: '直播带货实操',
    passMark: 60,
    maxAttempts: 1,
  });
  return { course, video, reading, quiz, practical, classSessionId: liveClass.id };
}

/** Enrolled, the video watched, the reading done, the live class attended, a practice sale handed in. */
export async function seedTrainee(
  t: TestApp,
  admin: Person,
  setup: ProgramSetup,
  { video, reading, practical }: SeededCourse,
  name: string,
  cohort: string,
): Promise<Trainee> {
  const phone = uniquePhone();
  const account = await signUp(t, { identifier: phone, displayName: name });
  const me: Person = { id: account.user.id, phone, token: account.tokens.accessToken };
  const { enrollment } = await post<EnrollTraineeResponse>(
    t,
    admin,
    `/api/programs/${setup.program.id}/enrollments`,
    {
      name,
      mobile: phone,
      category: 'returning_migrant',
      cohortId: setup.cohortIds[cohort],
    },
  );
  const tabId = `seed-${me.id}`;
  for (const [seq, positionSec] of [
    [1, 0],
    [2, 1],
    [3, 2],
  ]) {
    if (seq > 1) await sleep(1050);
    await post(
      t,
      me,
      `/api/lessons/${video.id}/heartbeats`,
      { tabId, seq, positionSec, playbackRate: 1 },
      200,
    );
  }
  await request(t.url)
    .post(`/api/lessons/${reading.id}/complete`)
    .set(...bearer(me))
    .expect(204);
  const sale = await runPracticeSale(t, me);
  const submission = await post<PracticalSubmissionView>(
    t,
    me,
    `/api/assessments/${practical.id}/practical-submissions`,
    { liveSessionId: sale.id },
  );
  return { ...me, name, cohort, enrollmentId: enrollment.id, submissionId: submission.id };
}

/** The media server's report of a live class that every one of `trainees` attended for 2.5 hours. */
export async function attendLiveClass(t: TestApp, classSessionId: string, trainees: Person[]): Promise<void> {
  const h = (n: number): string => new Date(Date.now() - n * 3_600_000).toISOString();
  await request(t.url)
    .post(`/api/internal/live-sessions/${classSessionId}/report`)
    .set('x-internal-secret', t.cfg.internalSecret)
    .send({
      viewersNow: 0,
      peakViewers: 12,
      attendance: trainees.map((p) => ({
        userId: p.id,
        role: 'viewer',
        joinedAt: h(3),
        leftAt: h(0.5),
      })),
      ended: true,
    })
    .expect(204);
}
