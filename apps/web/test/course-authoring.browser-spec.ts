import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { CourseView, EnrollTraineeResponse, ProgramInstructorView, TeachingView } from '@app/contracts';
import { collectPageErrors, launchBrowser, newContext, screenshot, type TestApp } from '@app/testing';
import request from 'supertest';
import {
  bearer,
  person,
  post,
  setupProgram,
  type Person,
  type ProgramSetup,
} from '../../api/test/learning-support';
import { startApi } from '../../api/test/support';

// The real api on a fresh database serving the real web build, driven through headless Chromium at
// a phone's size. The program office adds an instructor to the program by mobile number; the
// instructor then writes a course through the pages, uploading a real MP4 made by ffmpeg straight
// to the S3-protocol server; a trainee of the program then plays it.
const WEB_DIST = resolve(__dirname, '../../../dist/web');
const PASSWORD = 'correct horse battery'; // what support.signUp gives every account

type Lang = 'zh-CN' | 'en';

const COURSE = '短视频拍摄入门';
const MODULE = '第一单元 拍摄准备';
const TEXT_LESSON = '手机拍摄布光';
const VIDEO_LESSON = '拍摄演示';
const LIVE_LESSON = '直播答疑';
const NEW_COURSE_TITLE = '短视频拍摄入门（修订版）';
const NEW_TEXT_LESSON = '手机拍摄布光与收音';
const MODULE_2 = '第二单元 开播实战';

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** The lesson titles a module's region lists, top to bottom (editor and trainee page alike). */
const lessonTitles = (region: Locator): Promise<string[]> =>
  region.locator('li .learn-row-title').allInnerTexts();

/** The module titles of a course page, top to bottom. */
const moduleTitles = (page: Page): Promise<string[]> =>
  page.locator('section[aria-labelledby^="module-"] h2').allInnerTexts();

/** Phone first: nothing on the page is wider than the phone's screen. */
async function expectNoSideScroll(page: Page): Promise<void> {
  const { scroll, screen } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    screen: window.innerWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(screen);
}

/** Polls `check` until it holds (a page updates after the event that causes it). */
async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('course authoring in the browser: an instructor writes a course, a trainee plays it', () => {
  let t: TestApp;
  let pg: Client;
  let browser: Browser;
  let admin: Person;
  let instructor: Person;
  let guest: Person;
  let trainee: Person;
  let setup: ProgramSetup;
  let files: string;
  let mp4: string;
  let notVideo: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[][] = [];

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html')))
      throw new Error(`No web build at ${WEB_DIST}. Run \`npm run build:web\` first.`);
    files = mkdtempSync(join(tmpdir(), 'course-authoring-'));
    mp4 = join(files, 'lesson.mp4');
    // a real H.264 video, moov first so the player can start from the first ranged answer
    execFileSync('ffmpeg', [
      ...['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=4:size=320x240:rate=15'],
      ...['-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-movflags', '+faststart', mp4],
    ]);
    expect(statSync(mp4).size).toBeGreaterThan(10_000);
    notVideo = join(files, 'notes.mp4');
    writeFileSync(notVideo, '这不是视频，只是一段改了扩展名的文字。\n'.repeat(200));

    t = await startApi({ WEB_DIST_DIR: WEB_DIST, S3_PUBLIC_URL: '/s3' });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    browser = await launchBrowser();
    admin = await person(t, pg, ['program_admin'], '项目管理员');
    instructor = await person(t, pg, ['instructor'], '李老师');
    guest = await person(t, pg, ['instructor'], '赵老师');
    // no instructors yet: the office adds them through the page in the first test
    setup = await setupProgram(t, admin, { cohorts: ['2026春季一班'] });
    trainee = await person(t, pg, ['trainee'], '王小明');
    await post<EnrollTraineeResponse>(t, admin, `/api/programs/${setup.program.id}/enrollments`, {
      name: '王小明',
      mobile: trainee.phone,
      category: 'returning_migrant',
      cohortId: setup.cohortIds['2026春季一班'],
    });
  });

  // every page of every test so far: an uncaught error fails the test it happened in
  afterEach(() => expect(pageErrors.flat()).toEqual([]));

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await pg?.end();
    await t?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  /** A phone-sized browser profile in `lang` (switched with the page's own switcher), signed in. */
  async function signedIn(lang: Lang, who: Person, next: string): Promise<Page> {
    const context = await newContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    pageErrors.push(collectPageErrors(page));
    await page.goto(`${t.url}/sign-in?next=${encodeURIComponent(next)}`);
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
    await page
      .getByRole('textbox', { name: lang === 'en' ? 'Mobile number or e-mail' : '手机号或邮箱' })
      .fill(who.phone);
    await page.getByLabel(lang === 'en' ? 'Password' : '密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: lang === 'en' ? 'Sign in' : '登录', exact: true }).click();
    await page.waitForURL(`${t.url}${next}`);
    return page;
  }

  /** Every value the upload bar shows, sampled each frame from now on (read back by `shownPercents`). */
  async function watchUploadBar(page: Page): Promise<void> {
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { uploadPercents: number[] }).uploadPercents = seen;
      const sample = () => {
        const bar = document.querySelector<HTMLProgressElement>('progress.learn-upload-bar');
        if (bar && seen[seen.length - 1] !== bar.value) seen.push(bar.value);
        requestAnimationFrame(sample);
      };
      sample();
    });
  }
  const shownPercents = (page: Page): Promise<number[]> =>
    page.evaluate(() => (window as unknown as { uploadPercents: number[] }).uploadPercents);

  it('in zh-CN the program office adds the instructor by mobile number, and removes one with a confirmation', async () => {
    const page = await signedIn('zh-CN', admin, '/program');
    await heading(page, '项目办公室').waitFor();
    const section = page.getByRole('region', { name: /^项目讲师/ });
    await section.getByText('还没有讲师。').waitFor();
    const form = section.getByRole('form', { name: '添加讲师' });
    const field = form.getByRole('textbox', { name: '讲师的手机号或邮箱' });
    const add = form.getByRole('button', { name: '添加讲师' });

    // refusals in the office's words: a trainee's number, a number nobody signed up with
    await field.fill(trainee.phone);
    await add.click();
    await form.getByRole('alert').filter({ hasText: '这个账户还不是讲师。' }).waitFor();
    await field.fill('133 1234 5678');
    await add.click();
    await form.getByRole('alert').filter({ hasText: '没有用这个手机号或邮箱注册的账户。' }).waitFor();

    // the instructor's number as people write it down
    const p = instructor.phone;
    await field.fill(`+86 ${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`);
    await add.click();
    const row = section.getByRole('listitem', { name: '李老师' });
    await row.waitFor();
    await section.getByRole('status').filter({ hasText: '已添加李老师' }).waitFor();
    expect(await field.inputValue()).toBe('');
    const shown = await row.innerText();
    expect(shown).toContain(`${p.slice(0, 3)}****${p.slice(7)}`);
    expect(shown).not.toContain(p);

    // a second one added by mistake, removed after confirming
    await field.fill(guest.phone);
    await add.click();
    const mistake = section.getByRole('listitem', { name: '赵老师' });
    await mistake.getByRole('button', { name: '移除赵老师' }).click();
    await mistake.getByText('确定不再让赵老师编辑本项目的课程吗？').waitFor();
    await screenshot(page, 'program-instructors-confirm-zh-CN');
    await expectNoSideScroll(page);
    await mistake.getByRole('button', { name: '确定移除' }).click();
    await mistake.waitFor({ state: 'detached' });
    await section.getByRole('status').filter({ hasText: '已移除赵老师。' }).waitFor();
    await section.getByRole('heading', { name: '项目讲师（1 人）' }).waitFor();
    await screenshot(page, 'program-instructors-zh-CN');

    const listed = (await request(t.url)
      .get(`/api/programs/${setup.program.id}/instructors`)
      .set(...bearer(admin))
      .then((r) => r.body)) as ProgramInstructorView[];
    expect(listed.map((i) => i.userId)).toEqual([instructor.id]);
  });

  it('in zh-CN an instructor creates a course with a module, a text, a video and a live-class lesson', async () => {
    const page = await signedIn('zh-CN', instructor, '/teach');
    await heading(page, '我的授课').waitFor();
    await page.getByText(setup.program.name).waitFor();
    await screenshot(page, 'authoring-teach-zh-CN');
    await page.getByRole('link', { name: '新建课程' }).click();
    await heading(page, '新建课程').waitFor();
    await page.getByRole('textbox', { name: '课程名称' }).fill(COURSE);
    await page.getByRole('textbox', { name: '职业类别' }).fill('互联网营销师');
    await page.getByRole('combobox', { name: '技能等级' }).selectOption({ label: '初级' });
    await page.getByRole('spinbutton', { name: '学分' }).fill('2');
    await page.getByRole('spinbutton', { name: '要求学时（小时）' }).fill('1');
    await screenshot(page, 'authoring-new-course-zh-CN');
    await expectNoSideScroll(page);
    await page.getByRole('button', { name: '创建课程' }).click();
    await page.waitForURL(/\/teach\/courses\/[0-9a-f-]{36}$/);
    await heading(page, COURSE).waitFor();

    await page.getByRole('textbox', { name: '单元名称' }).fill(MODULE);
    await page.getByRole('button', { name: '添加单元' }).click();
    const module = page.getByRole('region', { name: MODULE });
    await module.getByRole('heading', { name: MODULE }).waitFor();

    // a text lesson
    await module.getByRole('button', { name: '添加一节课' }).click();
    let form = page.getByRole('form', { name: `在“${MODULE}”里添加一节课` });
    await form.getByRole('textbox', { name: '课名', exact: true }).fill(TEXT_LESSON);
    await form.getByRole('combobox', { name: '课的类型' }).selectOption({ label: '图文课' });
    await form.getByRole('textbox', { name: '课文内容' }).fill('靠窗拍，顺光拍，别逆光。');
    await form.getByRole('button', { name: '保存这节课' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已保存“${TEXT_LESSON}”。` })
      .waitFor();
    await module.getByRole('link', { name: new RegExp(TEXT_LESSON) }).waitFor();

    // a video lesson: a renamed text file is refused by its bytes, the real video uploads with progress
    await module.getByRole('button', { name: '添加一节课' }).click();
    form = page.getByRole('form', { name: `在“${MODULE}”里添加一节课` });
    await form.getByRole('textbox', { name: '课名', exact: true }).fill(VIDEO_LESSON);
    await form.getByLabel('视频文件（MP4 或 WebM）').setInputFiles(notVideo);
    const refused = form.getByRole('alert').filter({ hasText: '这个文件不是视频' });
    await refused.waitFor();
    expect(await refused.innerText()).toBe('这个文件不是视频，没法使用。请选择 MP4 或 WebM 格式的视频文件。');
    await screenshot(page, 'authoring-not-a-video-zh-CN');

    // slow the upload so the bar has something to show between 0 and 100
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: Math.ceil(statSync(mp4).size / 2),
    });
    await watchUploadBar(page);
    await form.getByLabel('视频文件（MP4 或 WebM）').setInputFiles(mp4);
    await form.getByText(/正在上传 \d+%/).waitFor();
    await screenshot(page, 'authoring-video-uploading-zh-CN');
    await form.getByText('视频已上传并通过检查：lesson.mp4').waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const bar = form.getByRole('progressbar', { name: '视频上传进度' });
    expect(await bar.evaluate((el) => (el as HTMLProgressElement).value)).toBe(100);
    expect(await bar.getAttribute('aria-valuetext')).toBe('100%');
    const percents = await shownPercents(page);
    expect(percents[0]).toBe(0);
    expect(percents[percents.length - 1]).toBe(100);
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(await form.getByRole('alert').count()).toBe(0);
    // the browser read the length from the file itself
    const duration = form.getByRole('spinbutton', { name: '视频时长（秒）' });
    await until(async () => (await duration.inputValue()) === '4');
    await screenshot(page, 'authoring-video-uploaded-zh-CN');
    await expectNoSideScroll(page);
    await form.getByRole('button', { name: '保存这节课' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已保存“${VIDEO_LESSON}”。` })
      .waitFor();

    // a live-class lesson on a class scheduled right here
    await module.getByRole('button', { name: '添加一节课' }).click();
    form = page.getByRole('form', { name: `在“${MODULE}”里添加一节课` });
    await form.getByRole('textbox', { name: '课名', exact: true }).fill(LIVE_LESSON);
    await form.getByRole('combobox', { name: '课的类型' }).selectOption({ label: '直播课' });
    await form.getByText('您还没有安排好的直播课').waitFor();
    await form.getByRole('textbox', { name: '直播课名称' }).fill('周五晚答疑');
    await form.getByRole('button', { name: '安排这场直播课' }).click();
    const session = form.getByRole('radio', { name: /周五晚答疑/ });
    await until(() => session.isChecked());
    // the reading comes first
    await form
      .getByRole('group', { name: '先学完这些课才能学这一节（可不选）' })
      .getByRole('checkbox', { name: TEXT_LESSON })
      .check();
    await screenshot(page, 'authoring-live-class-zh-CN');
    await expectNoSideScroll(page);
    await form.getByRole('button', { name: '保存这节课' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已保存“${LIVE_LESSON}”。` })
      .waitFor();
    await screenshot(page, 'authoring-editor-zh-CN');

    // what the api now holds
    const teaching = (await request(t.url)
      .get('/api/me/teaching')
      .set(...bearer(instructor))
      .then((r) => r.body)) as TeachingView;
    const course = teaching.courses.find((c) => c.title === COURSE);
    expect(course?.modules.map((m) => m.title)).toEqual([MODULE]);
    expect(
      course?.modules[0]?.lessons.map((l) => ({ title: l.title, kind: l.kind, hasVideo: l.hasVideo })),
    ).toEqual([
      { title: TEXT_LESSON, kind: 'text', hasVideo: false },
      { title: VIDEO_LESSON, kind: 'video', hasVideo: true },
      { title: LIVE_LESSON, kind: 'live_class', hasVideo: false },
    ]);
    expect(course?.modules[0]?.lessons[1]?.videoDurationSec).toBe(4);
    const [reading, , liveLesson] = course?.modules[0]?.lessons ?? [];
    expect(liveLesson?.prerequisiteLessonIds).toEqual([reading?.id]);
  });

  it('in zh-CN a trainee of the program finds the course and plays the video lesson', async () => {
    const page = await signedIn('zh-CN', trainee, '/courses');
    await heading(page, '课程学习').waitFor();
    await page.getByRole('link', { name: new RegExp(COURSE) }).click();
    await heading(page, COURSE).waitFor();
    await page.getByRole('link', { name: new RegExp(TEXT_LESSON) }).waitFor();
    const videoAnswer = page.waitForResponse((r) => r.url().includes('/video?ticket='));
    await page.getByRole('link', { name: new RegExp(VIDEO_LESSON) }).click();
    expect([200, 206]).toContain((await videoAnswer).status());
    const video = page.locator('video');
    await video.waitFor();
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 1, undefined, {
      timeout: 15_000,
    });
    await screenshot(page, 'authoring-trainee-plays-zh-CN');
  });

  it('in English the teach page, the editor and the refusal of a non-video read in English', async () => {
    const page = await signedIn('en', instructor, '/teach');
    await heading(page, 'My teaching').waitFor();
    await page.getByRole('link', { name: new RegExp(COURSE) }).click();
    await page.getByText('Editing course').waitFor();
    await heading(page, COURSE).waitFor();
    const module = page.getByRole('region', { name: MODULE });
    await module.getByText('Video · credits 1').waitFor();
    await module.getByRole('button', { name: `Move “${VIDEO_LESSON}” up` }).waitFor();
    await page.getByRole('button', { name: 'Edit course details' }).waitFor();
    await module.getByRole('button', { name: 'Add a lesson' }).click();
    const form = page.getByRole('form', { name: `Add a lesson to “${MODULE}”` });
    await form.getByLabel('Video file (MP4 or WebM)').setInputFiles(notVideo);
    await form
      .getByRole('alert')
      .filter({ hasText: 'This file is not a video and cannot be used.' })
      .waitFor();
    await screenshot(page, 'authoring-editor-en');
    await expectNoSideScroll(page);
  });
  it('in English the program office reads its instructors and a refusal in English', async () => {
    const page = await signedIn('en', admin, '/program');
    const section = page.getByRole('region', { name: 'Instructors (1)' });
    await section.getByRole('listitem', { name: '李老师' }).waitFor();
    const form = section.getByRole('form', { name: 'Add instructor' });
    await form
      .getByRole('textbox', { name: "Instructor's mobile number or e-mail" })
      .fill('nobody@example.com');
    await form.getByRole('button', { name: 'Add instructor' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: 'No account signs in with this mobile number or e-mail.' })
      .waitFor();
    await screenshot(page, 'program-instructors-en');
    await expectNoSideScroll(page);
  });
  it('in zh-CN the instructor renames the course and a lesson and moves a lesson; the order stays after reload', async () => {
    const page = await signedIn('zh-CN', instructor, '/teach');
    await page.getByRole('link', { name: new RegExp(COURSE) }).click();
    await heading(page, COURSE).waitFor();

    // the course's own fields, with what an edit means for trainees said up front
    await page.getByRole('button', { name: '编辑课程信息' }).click();
    const details = page.getByRole('form', { name: '编辑课程信息' });
    await details.getByText('学员已经得到的学时和学分不会减少').waitFor();
    const title = details.getByRole('textbox', { name: '课程名称' });
    expect(await title.inputValue()).toBe(COURSE);
    await title.fill(NEW_COURSE_TITLE);
    await screenshot(page, 'authoring-edit-details-zh-CN');
    await expectNoSideScroll(page);
    await details.getByRole('button', { name: '保存课程信息' }).click();
    await heading(page, NEW_COURSE_TITLE).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: `已保存“${NEW_COURSE_TITLE}”。` })
      .waitFor();

    // a lesson's title, its kind shown but fixed
    const module = page.getByRole('region', { name: MODULE });
    await module.getByRole('button', { name: `编辑“${TEXT_LESSON}”` }).click();
    const form = module.getByRole('form', { name: `修改“${TEXT_LESSON}”` });
    await form.getByText('课的类型：图文课（不能更改）').waitFor();
    expect(await form.getByRole('combobox', { name: '课的类型' }).count()).toBe(0);
    await form.getByRole('textbox', { name: '课名', exact: true }).fill(NEW_TEXT_LESSON);
    await form.getByRole('button', { name: '保存这节课' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已保存“${NEW_TEXT_LESSON}”。` })
      .waitFor();

    // the live class up one, above the video
    const lessonLinks = async () =>
      (await module.getByRole('link').allInnerTexts()).map((text) => text.split('\n')[0]?.trim());
    expect(await module.getByRole('button', { name: `上移“${NEW_TEXT_LESSON}”` }).isDisabled()).toBe(true);
    expect(await module.getByRole('button', { name: `下移“${LIVE_LESSON}”` }).isDisabled()).toBe(true);
    await module.getByRole('button', { name: `上移“${LIVE_LESSON}”` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已把“${LIVE_LESSON}”移到第 2 位。` })
      .waitFor();
    const moved = [NEW_TEXT_LESSON, LIVE_LESSON, VIDEO_LESSON];
    expect(await lessonLinks()).toEqual(moved);
    await screenshot(page, 'authoring-moved-zh-CN');
    await expectNoSideScroll(page);

    // what the page shows after a reload is what was stored
    await page.reload();
    await heading(page, NEW_COURSE_TITLE).waitFor();
    await module.getByRole('link', { name: new RegExp(VIDEO_LESSON) }).waitFor();
    expect(await lessonLinks()).toEqual(moved);
    expect(await module.getByRole('button', { name: `下移“${VIDEO_LESSON}”` }).isDisabled()).toBe(true);
    const teaching = (await request(t.url)
      .get('/api/me/teaching')
      .set(...bearer(instructor))
      .then((r) => r.body)) as TeachingView;
    const course = teaching.courses.find((c) => c.title === NEW_COURSE_TITLE);
    expect(course?.modules[0]?.lessons.map((l) => [l.title, l.position])).toEqual(
      moved.map((name, i) => [name, i]),
    );
  });
  it('in zh-CN the instructor moves a lesson to a new module and puts that module first; a refused rename says why', async () => {
    const page = await signedIn('zh-CN', instructor, '/teach');
    await page.getByRole('link', { name: new RegExp(NEW_COURSE_TITLE) }).click();
    await heading(page, NEW_COURSE_TITLE).waitFor();
    const first = page.getByRole('region', { name: MODULE });
    await first.getByRole('link', { name: new RegExp(VIDEO_LESSON) }).waitFor();
    // one module: nowhere to move a lesson to
    expect(await first.getByRole('combobox', { name: `把“${LIVE_LESSON}”移到别的单元` }).count()).toBe(0);

    // a name of spaces only is refused by the api, and the page says why rather than "something is wrong"
    await first.getByRole('button', { name: `给“${MODULE}”改名` }).click();
    const rename = first.getByRole('form', { name: `给“${MODULE}”改名` });
    await rename.getByRole('textbox', { name: '单元名称' }).fill('   ');
    await rename.getByRole('button', { name: '保存名称' }).click();
    const refusal = rename.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe('长度不对：不能为空（只有空格也算空），也不能超过字数上限。');
    await screenshot(page, 'authoring-refused-reason-zh-CN');
    await rename.getByRole('button', { name: '取消' }).click();

    const add = page.getByRole('form', { name: '添加单元' });
    await add.getByRole('textbox', { name: '单元名称' }).fill(MODULE_2);
    await add.getByRole('button', { name: '添加单元' }).click();
    const second = page.getByRole('region', { name: MODULE_2 });
    await second.getByText('这个单元还没有课。').waitFor();

    // the live class to the end of the new module, picked from the lesson's own row
    const picker = first.getByRole('combobox', { name: `把“${LIVE_LESSON}”移到别的单元` });
    const go = first.getByRole('button', { name: `把“${LIVE_LESSON}”移过去` });
    expect(await go.isDisabled()).toBe(true);
    expect(await picker.locator('option:not([disabled])').allInnerTexts()).toEqual([MODULE_2]);
    await picker.selectOption({ label: MODULE_2 });
    await screenshot(page, 'authoring-move-to-module-zh-CN');
    await expectNoSideScroll(page);
    await go.click();
    await page
      .getByRole('status')
      .filter({ hasText: `已把“${LIVE_LESSON}”移到“${MODULE_2}”的最后。` })
      .waitFor();
    await second.getByRole('link', { name: new RegExp(LIVE_LESSON) }).waitFor();
    expect(await lessonTitles(first)).toEqual([NEW_TEXT_LESSON, VIDEO_LESSON]);
    expect(await lessonTitles(second)).toEqual([LIVE_LESSON]);

    // the new module first
    await second.getByRole('button', { name: `上移“${MODULE_2}”` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已把“${MODULE_2}”移到第 1 位。` })
      .waitFor();
    expect(await moduleTitles(page)).toEqual([MODULE_2, MODULE]);
    await page.reload();
    await second.getByRole('link', { name: new RegExp(LIVE_LESSON) }).waitFor();
    expect(await moduleTitles(page)).toEqual([MODULE_2, MODULE]);
    expect(await lessonTitles(first)).toEqual([NEW_TEXT_LESSON, VIDEO_LESSON]);
  });

  it('in zh-CN the trainee sees the lessons under their modules in the new order, and "next" crosses modules', async () => {
    const page = await signedIn('zh-CN', trainee, '/courses');
    await page.getByRole('link', { name: new RegExp(NEW_COURSE_TITLE) }).click();
    await heading(page, NEW_COURSE_TITLE).waitFor();
    const first = page.getByRole('region', { name: MODULE_2 });
    const second = page.getByRole('region', { name: MODULE });
    await first.getByRole('link', { name: new RegExp(LIVE_LESSON) }).waitFor();
    expect(await moduleTitles(page)).toEqual([MODULE_2, MODULE]);
    await first.getByText('第 1 单元').waitFor();
    await first.getByText('已学完 0 / 1 节课').waitFor();
    expect(await lessonTitles(first)).toEqual([LIVE_LESSON]);
    await second.getByText('第 2 单元').waitFor();
    await second.getByText(/^已学完 [0-2] \/ 2 节课$/).waitFor();
    expect(await lessonTitles(second)).toEqual([NEW_TEXT_LESSON, VIDEO_LESSON]);
    await screenshot(page, 'authoring-trainee-modules-zh-CN');
    await expectNoSideScroll(page);

    await first.getByRole('link', { name: new RegExp(LIVE_LESSON) }).click();
    await heading(page, LIVE_LESSON).waitFor();
    await page.getByRole('link', { name: `下一节：${NEW_TEXT_LESSON}` }).waitFor();
  });

  it('in English a lesson edit refused for a prerequisite circle says so; the trainee page reads in English', async () => {
    const page = await signedIn('en', instructor, '/teach');
    await page.getByRole('link', { name: new RegExp(NEW_COURSE_TITLE) }).click();
    await heading(page, NEW_COURSE_TITLE).waitFor();
    const module = page.getByRole('region', { name: MODULE });
    await module.getByRole('combobox', { name: `Move “${NEW_TEXT_LESSON}” to another module` }).waitFor();

    // meanwhile, in another tab, the video is made to need the reading first
    const course = (await request(t.url)
      .get('/api/me/teaching')
      .set(...bearer(instructor))
      .then((r) => (r.body as TeachingView).courses.find((c) => c.title === NEW_COURSE_TITLE))) as CourseView;
    const byTitle = new Map(course.modules.flatMap((m) => m.lessons).map((l) => [l.title, l.id]));
    await request(t.url)
      .patch(`/api/lessons/${byTitle.get(VIDEO_LESSON)}`)
      .set(...bearer(instructor))
      .send({ prerequisiteLessonIds: [byTitle.get(NEW_TEXT_LESSON)] })
      .expect(200);

    // this page still offers the video as the reading's prerequisite: the api refuses the circle
    await module.getByRole('button', { name: `Edit “${NEW_TEXT_LESSON}”` }).click();
    const form = module.getByRole('form', { name: `Change “${NEW_TEXT_LESSON}”` });
    await form
      .getByRole('group', { name: 'Lessons to finish before this one (optional)' })
      .getByRole('checkbox', { name: VIDEO_LESSON })
      .check();
    await form.getByRole('button', { name: 'Save lesson' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe(
      'Prerequisites cannot go round in a circle: what you chose already needs this one first, directly or through others.',
    );
    await screenshot(page, 'authoring-refused-cycle-en');
    await expectNoSideScroll(page);
    const stored = (await request(t.url)
      .get(`/api/courses/${course.id}`)
      .set(...bearer(instructor))
      .then((r) => r.body)) as CourseView;
    const reading = stored.modules.flatMap((m) => m.lessons).find((l) => l.title === NEW_TEXT_LESSON);
    expect(reading?.prerequisiteLessonIds).toEqual([]);

    const learner = await signedIn('en', trainee, `/courses/${course.id}`);
    await heading(learner, NEW_COURSE_TITLE).waitFor();
    const unit = learner.getByRole('region', { name: MODULE_2 });
    await unit.getByText('Module 1').waitFor();
    await unit.getByText('0 of 1 lessons done').waitFor();
    expect(await moduleTitles(learner)).toEqual([MODULE_2, MODULE]);
    await screenshot(learner, 'authoring-trainee-modules-en');
    await expectNoSideScroll(learner);
  });
});
