import request from 'supertest';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import type { AuthResponse } from '@app/contracts';
import { TestApp } from '@app/testing';
import { signUp, startApi, uniquePhone } from './support';

describe('accounts: sign-up, sign-in, refresh rotation, sign-out, roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApi({ SIGNIN_MAX_PER_ACCOUNT: '3', SIGNIN_MAX_PER_ADDRESS: '1000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs up by mobile number, stores the password as argon2id, and signs in', async () => {
    const phone = uniquePhone();
    const res = await request(t.url)
      .post('/api/auth/sign-up')
      .send({
        identifier: `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
        password: 'noodles-2026',
        displayName: '王阿姨',
      });
    expect(res.status).toBe(201);
    const body = res.body as AuthResponse;
    expect(body.user).toMatchObject({
      phone: `86${phone}`,
      email: null,
      displayName: '王阿姨',
      roles: ['trainee'],
      locale: 'zh-CN',
    });
    expect(body.tokens.accessToken.split('.')).toHaveLength(3);

    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    const rows = await pg.query('SELECT password_hash FROM users WHERE id = $1', [body.user.id]);
    const sessions = await pg.query('SELECT token_hash FROM refresh_sessions WHERE user_id = $1', [
      body.user.id,
    ]);
    await pg.end();
    expect(rows.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    // refresh tokens are stored hashed only
    expect(sessions.rows[0].token_hash).not.toContain(body.tokens.refreshToken.split('.')[1]);

    const signIn = await request(t.url)
      .post('/api/auth/sign-in')
      .send({ identifier: phone, password: 'noodles-2026' });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user.id).toBe(body.user.id);

    const me = await request(t.url)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${signIn.body.tokens.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.displayName).toBe('王阿姨');
  });

  it('signs up by e-mail, case-insensitively unique', async () => {
    const email = `Anchor.${Date.now()}@Example.com`;
    const first = await request(t.url)
      .post('/api/auth/sign-up')
      .send({ identifier: email, password: 'tea-leaves-1', displayName: 'Li' });
    expect(first.status).toBe(201);
    expect(first.body.user.email).toBe(email.toLowerCase());
    const again = await request(t.url)
      .post('/api/auth/sign-up')
      .send({ identifier: email.toUpperCase(), password: 'tea-leaves-1', displayName: 'Li' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('AUTH_IDENTIFIER_TAKEN');
  });

  it('refuses a wrong password with a stable code', async () => {
    const { user } = await signUp(t);
    const res = await request(t.url)
      .post('/api/auth/sign-in')
      .send({ identifier: user.phone, password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: expect.any(String) });
  });

  it('rotates refresh tokens, and re-use of a rotated one revokes the whole family', async () => {
    const { tokens } = await signUp(t);
    const r1 = await request(t.url).post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body.tokens.refreshToken).not.toBe(tokens.refreshToken);

    const r2 = await request(t.url)
      .post('/api/auth/refresh')
      .send({ refreshToken: r1.body.tokens.refreshToken });
    expect(r2.status).toBe(200);

    // the first token was already rotated: someone replays it
    const replay = await request(t.url).post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('AUTH_REFRESH_REUSED');

    // the newest token of that family no longer works either
    const after = await request(t.url)
      .post('/api/auth/refresh')
      .send({ refreshToken: r2.body.tokens.refreshToken });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('AUTH_SESSION_REVOKED');
  });

  it('two concurrent refreshes with one token: exactly one succeeds', async () => {
    const { tokens } = await signUp(t);
    const results = await Promise.all(
      [0, 1].map(() => request(t.url).post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('refuses forged and tampered tokens', async () => {
    const { tokens, user } = await signUp(t);
    const forged = jwt.sign({ roles: ['admin'], sid: 'x' }, 'not-the-secret-not-the-secret-xx', {
      subject: user.id,
      audience: 'anchor-academy:api',
    });
    const res = await request(t.url).get('/api/auth/me').set('Authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_TOKEN_INVALID');
    const badRefresh = await request(t.url)
      .post('/api/auth/refresh')
      .send({ refreshToken: tokens.refreshToken.slice(0, -2) + 'xx' });
    expect(badRefresh.status).toBe(401);
    expect(badRefresh.body.code).toBe('AUTH_TOKEN_INVALID');
  });

  it('signs out: the refresh token of that sign-in stops working', async () => {
    const { tokens } = await signUp(t);
    const out = await request(t.url)
      .post('/api/auth/sign-out')
      .set('Authorization', `Bearer ${tokens.accessToken}`)
      .send({ refreshToken: tokens.refreshToken });
    expect(out.status).toBe(204);
    const res = await request(t.url).post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_SESSION_REVOKED');
  });

  it('needs a token for private routes', async () => {
    const res = await request(t.url).get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('only an admin grants instructor, program_admin or admin (403 otherwise)', async () => {
    const viewer = await signUp(t, { roles: ['viewer'] });
    const selfPromote = await request(t.url)
      .post(`/api/users/${viewer.user.id}/roles`)
      .set('Authorization', `Bearer ${viewer.tokens.accessToken}`)
      .send({ roles: ['instructor'] });
    expect(selfPromote.status).toBe(403);
    expect(selfPromote.body.code).toBe('ROLE_GRANT_FORBIDDEN');

    const atSignUp = await request(t.url)
      .post('/api/auth/sign-up')
      .send({ identifier: uniquePhone(), password: 'abcdefgh1', displayName: 'x', roles: ['admin'] });
    expect(atSignUp.status).toBe(403);

    const selfService = await request(t.url)
      .post(`/api/users/${viewer.user.id}/roles`)
      .set('Authorization', `Bearer ${viewer.tokens.accessToken}`)
      .send({ roles: ['anchor'] });
    expect(selfService.status).toBe(201);
    expect(selfService.body.roles).toEqual(['anchor', 'viewer']);

    // an admin (made directly in the database: there is no way to become one over HTTP)
    const admin = await signUp(t);
    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    await pg.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'admin')`, [admin.user.id]);
    await pg.end();
    const adminSignIn = await request(t.url)
      .post('/api/auth/sign-in')
      .send({ identifier: admin.user.phone, password: 'correct horse battery' });
    const granted = await request(t.url)
      .post(`/api/users/${viewer.user.id}/roles`)
      .set('Authorization', `Bearer ${adminSignIn.body.tokens.accessToken}`)
      .send({ roles: ['instructor'] });
    expect(granted.status).toBe(201);
    expect(granted.body.roles).toEqual(['anchor', 'instructor', 'viewer']);
  });

  it('rate-limits sign-in attempts per account (429 with Retry-After), even with the right password', async () => {
    const { user } = await signUp(t);
    for (let i = 0; i < 3; i++) {
      const r = await request(t.url)
        .post('/api/auth/sign-in')
        .send({ identifier: user.phone, password: 'wrong-password' });
      expect(r.status).toBe(401);
    }
    const blocked = await request(t.url)
      .post('/api/auth/sign-in')
      .send({ identifier: user.phone, password: 'correct horse battery' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('sign-in rate limit per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApi({ SIGNIN_MAX_PER_ADDRESS: '4' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('limits attempts from one address across accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await request(t.url)
        .post('/api/auth/sign-in')
        .send({ identifier: uniquePhone(), password: 'whatever-1' });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
