import request from 'supertest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import type { AssessmentView, CertificateView, CourseView, DashboardView, LessonView } from '@app/contracts';
import {
  collectPageErrors,
  launchBrowser,
  newContext,
  screenshot,
  SCREENSHOT_DIR,
  type TestApp,
} from '@app/testing';
import {
  bearer,
  eventually,
  person,
  setupProgram,
  type Person,
  type ProgramSetup,
} from '../../api/test/learning-support';
import { startApi } from '../../api/test/support';
import { attendLiveClass, seedCourse, seedTrainee, type Trainee } from './learning-seed';

// The real api on a fresh database serving the real web build, driven through headless Chromium at
// a phone's size. The program, course and everything a trainee does outside these pages (watching
// the video, attending the live class, the practice stream) are seeded over HTTP as in the api's
// learning walk; the quiz, the grading, the certificate and the program office go through the pages.
const WEB_DIST = resolve(__dirname, '../../../dist/web');
const PASSWORD = 'correct horse battery'; // what support.signUp gives every account

type Lang = 'zh-CN' | 'en';

/** The seeded course's one module's lessons, in the order they were added (learning-seed.ts). */
const SEEDED_LESSONS = ['选品与讲解', '平台规则', '直播课'];

const TEXT = {
  'zh-CN': {
    identifier: '手机号或邮箱',
    password: '密码',
    signIn: '登录',
    courses: '课程学习',
    moduleNumber: '第 1 单元',
    moduleDone: /^已学完 [0-3] \/ 3 节课$/,
    submit: '交卷',
    passed: '恭喜，通过了！',
    attemptsLeft: '还可以答 1 次',
    viewCertificate: '查看我的证书',
    download: '下载证书（PDF 文件）',
    valid: '证书有效',
    notFound: '查不到这张证书',
    dashboard: '项目办公室',
    grading: '直播实操评分',
    gradePassed: '已评分：通过',
    save: '提交评分',
    rubric: (c: string) => `${c}得分`,
    criteria: ['产品讲解', '互动', '诚信合规', '促成交易'],
    rejected: '没有导入任何人',
    badRow: '第 3 行 · 手机号：不是有效的大陆手机号',
    export: '导出补贴名单（CSV 表格）',
    salesTitle: '学员店铺每月销售额',
    salesLabel: /学员店铺每月销售额的柱状图，按班级叠加：共 3 单，¥100\.00$/,
  },
  en: {
    identifier: 'Mobile number or e-mail',
    password: 'Password',
    signIn: 'Sign in',
    courses: 'Courses',
    moduleNumber: 'Module 1',
    moduleDone: /^[0-3] of 3 lessons done$/,
    submit: 'Submit answers',
    passed: 'Well done, you passed!',
    attemptsLeft: 'Attempts left: 1',
    viewCertificate: 'See my certificate',
    download: 'Download certificate (PDF)',
    valid: 'Certificate is valid',
    notFound: 'No such certificate',
    dashboard: 'Program office',
    grading: 'Grade a live-selling practical',
    gradePassed: 'Graded: passed',
    save: 'Submit grade',
    rubric: (c: string) => `Points for ${c}`,
    criteria: ['Product presentation', 'Viewer engagement', 'Honesty and compliance', 'Closing the sale'],
    rejected: 'Nobody was imported',
    badRow: 'Row 3 · mobile: not a valid mainland mobile number',
    export: 'Export the subsidy list (CSV)',
    salesTitle: 'Trainees’ shop sales per month',
    salesLabel:
      /^Bar chart of trainees’ shop sales per month from .+, stacked by cohort: 3 orders, CN¥100\.00$/,
  },
} as const;

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('learning in the browser: quiz, grading, certificate, verification, program office', () => {
  let t: TestApp;
  let pg: Client;
  let browser: Browser;
  let admin: Person;
  let instructor: Person;
  let setup: ProgramSetup;
  let course: CourseView;
  let video: LessonView;
  let quiz: AssessmentView;
  const trainees = {} as Record<Lang, Trainee>;
  const contexts: BrowserContext[] = [];
  // one list per page, filled as errors happen
  const pageErrors: string[][] = [];
  let downloads: string;

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html')))
      throw new Error(`No web build at ${WEB_DIST}. Run \`npm run build:web\` first.`);
    downloads = mkdtempSync(join(tmpdir(), 'learning-browser-'));
    t = await startApi({ WEB_DIST_DIR: WEB_DIST, S3_PUBLIC_URL: '/s3' });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    browser = await launchBrowser();
    admin = await person(t, pg, ['program_admin'], '项目管理员');
    instructor = await person(t, pg, ['instructor'], '李老师');
    setup = await setupProgram(t, admin, {
      cohorts: ['2026春季一班', '2026春季二班'],
      instructors: [instructor],
    });
    const seeded = await seedCourse(t, admin, instructor, setup);
    ({ course, video, quiz } = seeded);
    const [zh, en] = await Promise.all([
      seedTrainee(t, admin, setup, seeded, '王小明', '2026春季一班'),
      seedTrainee(t, admin, setup, seeded, '李秀英', '2026春季二班'),
    ]);
    trainees['zh-CN'] = zh;
    trainees.en = en;
    await attendLiveClass(t, seeded.classSessionId, [zh, en]);
    // each trainee runs an open real shop; paid orders written straight in: this month for both,
    // last month (China time) for the first, and a refunded one that does not count
    const DAY = 86_400_000;
    for (const [trainee, orders] of [
      [
        zh,
        [
          [4500, 'paid', 60_000],
          [2500, 'completed', 32 * DAY],
          [9900, 'refunded', 60_000],
        ],
      ],
      [en, [[3000, 'shipped', 60_000]]],
    ] as const) {
      const shop = await pg.query<{ id: string }>(
        `INSERT INTO shops (owner_id, kind, status, name, category, region)
         VALUES ($1, 'live', 'open', '学员小店', 'tea', '贵州 黔东南') RETURNING id`,
        [trainee.id],
      );
      for (const [total, status, ago] of orders) {
        await pg.query(
          `INSERT INTO orders (id, buyer_id, shop_id, status, payment_method, total_minor, currency, ship_to,
                               idempotency_key, request_hash, paid_at)
           VALUES (gen_random_uuid(), $1, $2, $3, 'sandbox', $4, 'CNY', '{}'::jsonb, gen_random_uuid()::text, 'x', $5)`,
          [admin.id, shop.rows[0].id, status, total, new Date(Date.now() - ago)],
        );
      }
    }
  });

  // every page of every test so far: an uncaught error fails the test it happened in
  afterEach(() => expect(pageErrors.flat()).toEqual([]));

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await pg?.end();
    await t?.close();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  /** A phone-sized browser profile in `lang` (switched with the page's own switcher), signed in. */
  async function signedIn(lang: Lang, who: Person, next: string): Promise<Page> {
    const context = await newContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    pageErrors.push(collectPageErrors(page));
    await page.goto(`${t.url}/sign-in?next=${encodeURIComponent(next)}`);
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
    const text = TEXT[lang];
    await page.getByRole('textbox', { name: text.identifier }).fill(who.phone);
    await page.getByLabel(text.password, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: text.signIn, exact: true }).click();
    await page.waitForURL(`${t.url}${next}`);
    return page;
  }

  async function publicPage(lang: Lang, path: string): Promise<Page> {
    const context = await newContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${t.url}${path}`);
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
    return page;
  }

  describe.each(['zh-CN', 'en'] as const)('in %s', (lang) => {
    const text = TEXT[lang];

    it('a trainee finds the course, watches through the ranged video link, and passes the quiz', async () => {
      const trainee = trainees[lang];
      const page = await signedIn(lang, trainee, '/courses');
      await heading(page, text.courses).waitFor();
      await page.getByRole('progressbar').first().waitFor();
      await screenshot(page, `learning-courses-${lang}`);
      await page.getByRole('link', { name: new RegExp(course.title) }).click();
      await heading(page, course.title).waitFor();
      // the lessons under their module's number and title, in the instructor's order
      const unit = page.getByRole('region', { name: '第一单元' });
      await unit.getByText(text.moduleNumber).waitFor();
      await unit.getByText(text.moduleDone).waitFor();
      expect(await unit.locator('li .learn-row-title').allInnerTexts()).toEqual(SEEDED_LESSONS);
      await screenshot(page, `learning-course-${lang}`);

      // the <video> fetches the api's ranged endpoint itself, through the short-lived link
      const videoAnswer = page.waitForResponse((r) =>
        r.url().includes(`/api/lessons/${video.id}/video?ticket=`),
      );
      await page.getByRole('link', { name: /选品与讲解/ }).click();
      expect([200, 206]).toContain((await videoAnswer).status());
      await page.getByText(lang === 'en' ? /h counted for this lesson/ : /本节已计学时/).waitFor();
      await screenshot(page, `learning-lesson-video-${lang}`);
      await page.goBack();

      await page.getByRole('link', { name: /规则测验/ }).click();
      await heading(page, quiz.title).waitFor();
      await screenshot(page, `learning-quiz-${lang}`);
      await page.getByRole('radio', { name: '不可以' }).check();
      await page.getByRole('checkbox', { name: '如实介绍' }).check();
      await page.getByRole('checkbox', { name: '明示价格' }).check();
      await page.getByRole('radio', { name: '对', exact: true }).check();
      await page.getByRole('button', { name: text.submit }).click();
      const result = page.getByRole('status').filter({ hasText: text.passed });
      await result.waitFor();
      expect(await result.innerText()).toContain('100%');
      expect(await result.innerText()).toContain(text.attemptsLeft);
      await screenshot(page, `learning-quiz-result-${lang}`);
    });

    it('an instructor grades the practice sale on the rubric, next to its figures', async () => {
      const page = await signedIn(lang, instructor, `/grading/${trainees[lang].submissionId}`);
      await heading(page, text.grading).waitFor();
      const scores = [20, 18, 25, 17];
      for (const [i, criterion] of text.criteria.entries())
        await page.getByRole('spinbutton', { name: text.rubric(criterion) }).fill(String(scores[i]));
      expect(await page.getByRole('status').first().innerText()).toContain('80 / 100');
      await screenshot(page, `learning-grading-${lang}`);
      await page.getByRole('button', { name: text.save }).click();
      await page.getByText(text.gradePassed).waitFor();
    });

    it('the trainee downloads the certificate PDF, and anyone can verify it', async () => {
      const trainee = trainees[lang];
      const [cert] = await eventually(async () => {
        const res = await request(t.url)
          .get(`/api/enrollments/${trainee.enrollmentId}/certificates`)
          .set(...bearer(trainee));
        return (res.body as CertificateView[]).length ? (res.body as CertificateView[]) : null;
      });
      if (!cert) throw new Error('no certificate');

      const page = await signedIn(lang, trainee, `/courses/${course.id}`);
      await page.getByRole('link', { name: text.viewCertificate }).click();
      await heading(page, course.title).waitFor();
      expect(await page.locator('body').innerText()).toContain(cert.code);
      await page.locator('svg.learn-qr path').waitFor();
      await screenshot(page, `learning-certificate-${lang}`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: text.download }).click(),
      ]);
      const pdf = await saveDownload(download, `certificate-${lang}.pdf`);
      expectRenderablePdf(pdf, `certificate-${lang}`);
      // its QR and printed link lead people to the verify page, not to the api's JSON
      expect(execFileSync('pdftotext', [pdf, '-']).toString()).toContain(`${t.url}/verify/${cert.code}`);

      const verify = await publicPage(lang, `/verify/${cert.code.toLowerCase()}`);
      const verdict = verify.getByRole('status').filter({ hasText: text.valid });
      await verdict.waitFor();
      const masked = `${[...trainee.name][0]}*${[...trainee.name][2]}`;
      expect(await verdict.innerText()).toContain(masked);
      expect(await verdict.innerText()).not.toContain(trainee.name);
      await screenshot(verify, `learning-verify-${lang}`);
      await verify.goto(`${t.url}/verify/0000-0000-0000-0000`);
      await verify.getByText(text.notFound).waitFor();
    });

    it('the program office sees the cohort chart match the api, exports CSV, and is told every bad row', async () => {
      const page = await signedIn(lang, admin, '/program');
      await heading(page, text.dashboard).waitFor();
      const dashboard = (
        await request(t.url)
          .get(`/api/programs/${setup.program.id}/dashboard`)
          .set(...bearer(admin))
      ).body as DashboardView;
      await page.locator('svg[role="img"] rect[data-metric]').first().waitFor();
      const bars = await page.locator('svg[role="img"] g[data-cohort]').evaluateAll((groups) =>
        groups.map((g) => ({
          cohort: g.getAttribute('data-cohort'),
          bars: Array.from(g.querySelectorAll('rect[data-metric]'), (r) => ({
            metric: r.getAttribute('data-metric'),
            value: Number(r.getAttribute('data-value')),
            width: Number(r.getAttribute('width')),
          })),
        })),
      );
      expect(bars.map((b) => b.cohort)).toEqual(dashboard.byCohort.map((c) => c.cohortName));
      const max = Math.max(...dashboard.byCohort.map((c) => c.enrolled));
      const fullWidth = bars[0]?.bars.find((b) => b.metric === 'enrolled' && b.value === max)?.width ?? 0;
      expect(fullWidth).toBeGreaterThan(0);
      for (const [i, c] of dashboard.byCohort.entries()) {
        const drawn = Object.fromEntries((bars[i]?.bars ?? []).map((b) => [b.metric, b]));
        expect({ enrolled: drawn.enrolled?.value, certified: drawn.certified?.value }).toEqual({
          enrolled: c.enrolled,
          certified: c.certified,
        });
        expect(drawn.certified?.width).toBeCloseTo((fullWidth * c.certified) / max, 3);
      }
      // by now this language's trainee is certified, in their own cohort
      const mine = dashboard.byCohort.find((c) => c.cohortName === trainees[lang].cohort);
      expect(mine).toMatchObject({ enrolled: 1, certified: 1 });
      await screenshot(page, `learning-dashboard-${lang}`);

      // the trainees' shops' sales: six months as bars, stacked by cohort, named in words
      const sales = page.locator('.learn-sales');
      await sales.getByRole('heading', { level: 2, name: text.salesTitle }).waitFor();
      const months = await sales.locator('svg[role="img"] g[data-bar]').evaluateAll((gs) =>
        gs.map((g) => ({
          month: g.getAttribute('data-bar'),
          value: Number(g.getAttribute('data-value')),
          segments: Array.from(g.querySelectorAll('rect[data-series]'), (r) =>
            Number(r.getAttribute('data-value')),
          ),
        })),
      );
      expect(months.map((m) => m.month)).toEqual(dashboard.salesByMonth.map((m) => m.month));
      expect(months).toHaveLength(6);
      expect(months.map((m) => m.value)).toEqual(dashboard.salesByMonth.map((m) => m.salesMinor));
      // this month both cohorts sold (4500 and 3000), each its own segment
      expect(months[5]).toMatchObject({ value: 7500 });
      expect([...months[5].segments].sort()).toEqual([3000, 4500]);
      expect(months.reduce((n, m) => n + m.value, 0)).toBe(10000);
      await sales.getByRole('img', { name: text.salesLabel }).waitFor();
      for (const c of dashboard.byCohort)
        await sales.locator('.chart-legend').getByText(c.cohortName).waitFor();
      await sales.screenshot({ path: join(SCREENSHOT_DIR, `learning-dashboard-sales-${lang}.png`) });

      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: text.export }).click(),
      ]);
      const exported = readFileSync(await saveDownload(csv, `subsidy-${lang}.csv`), 'utf8');
      expect(exported).toContain(trainees[lang].name);

      const bad = `姓名,手机号,类别,班级\r\n张三,13800138000,返乡农民工,2026春季一班\r\n李四,12345,返乡农民工,不存在的班\r\n`;
      await page.locator('input[type="file"]').setInputFiles({
        name: 'trainees.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(bad, 'utf8'),
      });
      const problems = page.getByRole('alert').filter({ hasText: text.rejected });
      await problems.waitFor();
      expect(await problems.innerText()).toContain(text.badRow);
      await page
        .locator('section', { has: problems })
        .screenshot({ path: join(SCREENSHOT_DIR, `learning-dashboard-import-${lang}.png`) });
    });
  });

  async function saveDownload(download: Download, name: string): Promise<string> {
    const path = join(downloads, name);
    await download.saveAs(path);
    return path;
  }
});

/** Starts like a PDF and renders to a non-empty image with poppler's pdftoppm. */
function expectRenderablePdf(path: string, name: string): void {
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
  const out = join(SCREENSHOT_DIR, `learning-${name}-pdf`);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, out]);
  const dir = resolve(out, '..');
  const png = readdirSync(dir).find((f) => f.startsWith(`learning-${name}-pdf`) && f.endsWith('.png'));
  expect(png).toBeDefined();
  expect(statSync(join(dir, png ?? '')).size).toBeGreaterThan(2000);
}
