import request from 'supertest';
import { Client } from 'pg';
import type { AuthResponse, ErrorBody, ShopApplicationView, ShopView } from '@app/contracts';
import { TestApp } from '@app/testing';
import { auth, openShop } from './commerce-support';
import { signUp, startApi } from './support';

describe('shop approvals: the program office opens or rejects live shops', () => {
  let t: TestApp;
  let pg: Client;
  let anchor: AuthResponse;
  let otherAnchor: AuthResponse;
  let trainee: AuthResponse;
  let officer: AuthResponse;
  let admin: AuthResponse;
  let waiting: ShopView;
  let doomed: ShopView;
  let practice: ShopView;

  /** grants a role the sign-up cannot, then refreshes so the access token carries it */
  async function promote(role: string, displayName: string): Promise<AuthResponse> {
    const who = await signUp(t, { roles: ['viewer'], displayName });
    await pg.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [who.user.id, role]);
    return (await request(t.url).post('/api/auth/refresh').send({ refreshToken: who.tokens.refreshToken }))
      .body as AuthResponse;
  }
  const pending = (who: AuthResponse) =>
    request(t.url)
      .get('/api/shops')
      .query({ status: 'pending_approval' })
      .set(...auth(who));
  const post = (who: AuthResponse, path: string, body: Record<string, unknown> = {}) =>
    request(t.url)
      .post(path)
      .set(...auth(who))
      .send(body);

  beforeAll(async () => {
    t = await startApi();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    anchor = await signUp(t, { roles: ['anchor'], displayName: '面条王阿姨', identifier: '13800138000' });
    otherAnchor = await signUp(t, { roles: ['anchor'], displayName: '茶农李叔', identifier: 'li@tea.test' });
    trainee = await signUp(t, { roles: ['trainee'] });
    officer = await promote('program_admin', '项目办小张');
    admin = await promote('admin', '管理员');
    waiting = await openShop(t, anchor, 'live');
    doomed = (
      await post(otherAnchor, '/api/shops', {
        kind: 'live',
        name: '李叔的古树茶',
        category: 'tea',
        region: '云南 普洱',
      }).expect(201)
    ).body as ShopView;
    practice = await openShop(t, trainee, 'practice');
  });
  afterAll(async () => {
    await pg?.end();
    await t?.close();
  });

  it('only program admins and admins may list shops', async () => {
    expect((await request(t.url).get('/api/shops').query({ status: 'pending_approval' })).status).toBe(401);
    for (const who of [anchor, trainee]) {
      const res = await pending(who);
      expect(res.status).toBe(403);
      expect((res.body as ErrorBody).code).toBe('FORBIDDEN');
    }
    expect((await pending(admin)).status).toBe(200);
  });

  it('lists the waiting live shops, oldest first, with the owner’s name and a masked phone', async () => {
    const res = await pending(officer).expect(200);
    const list = res.body as ShopApplicationView[];
    expect(list.map((a) => a.shop.id)).toEqual([waiting.id, doomed.id]);
    expect(list[0]).toEqual({
      shop: expect.objectContaining({
        id: waiting.id,
        status: 'pending_approval',
        name: '阿姨手工挂面',
        category: 'noodles',
        region: '甘肃 定西',
        rejectionReason: null,
        createdAt: waiting.createdAt,
      }) as unknown,
      owner: { id: anchor.user.id, displayName: '面条王阿姨', maskedPhone: '138****8000' },
    });
    // an e-mail account has no phone to show; the full number is never sent
    expect(list[1].owner).toEqual({ id: otherAnchor.user.id, displayName: '茶农李叔', maskedPhone: null });
    expect(JSON.stringify(res.body)).not.toContain('13800138000');
    // the practice shop opened at once: it is in the open list, not the waiting one
    const open = (
      await request(t.url)
        .get('/api/shops')
        .query({ status: 'open' })
        .set(...auth(officer))
        .expect(200)
    ).body as ShopApplicationView[];
    expect(open.map((a) => a.shop.id)).toEqual([practice.id]);
  });

  it('refuses a missing or unknown status, and unknown query fields', async () => {
    for (const query of [{}, { status: 'closed' }, { status: 'pending_approval', owner: 'x' }]) {
      const res = await request(t.url)
        .get('/api/shops')
        .query(query)
        .set(...auth(officer));
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).code).toBe('VALIDATION_FAILED');
    }
  });

  it('a rejection needs a program admin, a shop that exists, and a reason', async () => {
    const reason = { reason: '营业执照照片看不清，请重新上传后再申请。' };
    expect((await request(t.url).post(`/api/shops/${doomed.id}/reject`).send(reason)).status).toBe(401);
    expect((await post(otherAnchor, `/api/shops/${doomed.id}/reject`, reason)).status).toBe(403);
    expect((await post(anchor, `/api/shops/${doomed.id}/reject`, reason)).status).toBe(403);
    const unknown = await post(officer, '/api/shops/00000000-0000-4000-8000-000000000000/reject', reason);
    expect([unknown.status, (unknown.body as ErrorBody).code]).toEqual([404, 'NOT_FOUND']);
    const badId = await post(officer, '/api/shops/not-a-uuid/reject', reason);
    expect([badId.status, (badId.body as ErrorBody).code]).toEqual([400, 'VALIDATION_FAILED']);
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 42 }]) {
      const res = await post(officer, `/api/shops/${doomed.id}/reject`, body);
      expect(res.status).toBe(400);
      const error = res.body as ErrorBody;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details?.[0].field).toBe('reason');
    }
    // nothing changed
    expect((await pending(officer)).body).toHaveLength(2);
  });

  it('approves one and rejects the other with a reason; each decision is final', async () => {
    const opened = (await post(officer, `/api/shops/${waiting.id}/approve`).expect(200)).body as ShopView;
    expect(opened.status).toBe('open');

    const reason = '  营业执照照片看不清，请重新上传后再申请。 ';
    const rejected = (await post(admin, `/api/shops/${doomed.id}/reject`, { reason }).expect(200))
      .body as ShopView;
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: reason.trim() });

    const again = await post(officer, `/api/shops/${doomed.id}/reject`, { reason: '再拒一次' });
    expect(again.status).toBe(409);
    expect(again.body as ErrorBody).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('only shops waiting for approval can be rejected') as unknown,
    });
    const approveRejected = await post(officer, `/api/shops/${doomed.id}/approve`);
    expect([approveRejected.status, (approveRejected.body as ErrorBody).code]).toEqual([409, 'CONFLICT']);
    const rejectOpen = await post(officer, `/api/shops/${waiting.id}/reject`, { reason: '改主意了' });
    expect([rejectOpen.status, (rejectOpen.body as ErrorBody).code]).toEqual([409, 'CONFLICT']);

    expect((await pending(officer)).body).toEqual([]);
    const rows = await pg.query<{ status: string; rejected_by: string; rejection_reason: string }>(
      'SELECT status, rejected_by, rejection_reason FROM shops WHERE id = $1',
      [doomed.id],
    );
    expect(rows.rows[0]).toEqual({
      status: 'rejected',
      rejected_by: admin.user.id,
      rejection_reason: reason.trim(),
    });
  });

  it('the owners see the outcome; a rejected shop stays hidden from everyone else', async () => {
    const mine = (
      await request(t.url)
        .get('/api/shops/mine')
        .set(...auth(otherAnchor))
        .expect(200)
    ).body as ShopView[];
    expect(mine[0]).toMatchObject({
      id: doomed.id,
      status: 'rejected',
      rejectionReason: '营业执照照片看不清，请重新上传后再申请。',
    });
    const opened = (
      await request(t.url)
        .get('/api/shops/mine')
        .set(...auth(anchor))
        .expect(200)
    ).body as ShopView[];
    expect(opened[0]).toMatchObject({ id: waiting.id, status: 'open', rejectionReason: null });

    expect((await request(t.url).get(`/api/shops/${doomed.id}`)).status).toBe(404);
    expect(
      (
        await request(t.url)
          .get(`/api/shops/${doomed.id}`)
          .set(...auth(trainee))
      ).status,
    ).toBe(404);
    expect(
      (
        await request(t.url)
          .get(`/api/shops/${doomed.id}`)
          .set(...auth(otherAnchor))
      ).status,
    ).toBe(200);
    expect((await request(t.url).get(`/api/shops/${waiting.id}`)).status).toBe(200);

    const rejectedList = (
      await request(t.url)
        .get('/api/shops')
        .query({ status: 'rejected' })
        .set(...auth(officer))
        .expect(200)
    ).body as ShopApplicationView[];
    expect(rejectedList.map((a) => [a.shop.id, a.shop.rejectionReason])).toEqual([
      [doomed.id, '营业执照照片看不清，请重新上传后再申请。'],
    ]);
  });
});
