import request from 'supertest';
import type { AuthResponse } from '@app/contracts';
import { createTestApp, TestApp } from '@app/testing';
import { createApiApp } from '../src/bootstrap';

/** The real api on a fresh database (see libs/testing). */
export function startApi(overrides: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp(createApiApp, overrides);
}

let counter = 0;
/** A unique, valid mainland mobile number per call (per process). */
export function uniquePhone(): string {
  counter += 1;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(counter).padStart(4, '0')}`;
}

export async function signUp(
  t: TestApp,
  body: Partial<{ identifier: string; password: string; displayName: string; roles: string[] }> = {},
): Promise<AuthResponse> {
  const res = await request(t.url)
    .post('/api/auth/sign-up')
    .send({ identifier: uniquePhone(), password: 'correct horse battery', displayName: '测试用户', ...body });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as AuthResponse;
}
