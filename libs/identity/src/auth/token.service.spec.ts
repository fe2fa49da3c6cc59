import jwt from 'jsonwebtoken';
import { ApiConfig } from '@app/config';
import { DomainError } from '@app/contracts';
import { TokenService } from './token.service';

const secret = 'a'.repeat(64);
const cfg = { auth: { jwtSecret: secret, accessTokenTtl: 900 } } as unknown as ApiConfig;
const tokens = new TokenService(cfg);
const claims = { sub: 'u-1', roles: ['viewer' as const], sid: 's-1' };

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a domain error';
  }
  return undefined;
}

describe('TokenService.verifyAccess', () => {
  it('verifies its own tokens', () => {
    expect(tokens.verifyAccess(tokens.signAccess(claims))).toEqual({
      id: 'u-1',
      roles: ['viewer'],
      sessionId: 's-1',
    });
  });

  it('answers as jsonwebtoken did: expired, tampered, foreign, wrong audience', () => {
    const sign = (payload: object, opts: jwt.SignOptions, key = secret): string =>
      jwt.sign(payload, key, opts);
    const base: jwt.SignOptions = { algorithm: 'HS256', subject: 'u-1', audience: 'anchor-academy:api' };
    const expired = sign({ roles: ['viewer'], sid: 's', exp: Math.floor(Date.now() / 1000) - 10 }, base);
    expect(codeOf(() => tokens.verifyAccess(expired))).toBe('AUTH_TOKEN_EXPIRED');
    const own = tokens.signAccess(claims);
    const tampered = own.slice(0, -2) + (own.endsWith('AA') ? 'BB' : 'AA');
    expect(codeOf(() => tokens.verifyAccess(tampered))).toBe('AUTH_TOKEN_INVALID');
    const [h, p, s] = own.split('.');
    const otherPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), roles: ['admin'] }),
    ).toString('base64url');
    expect(codeOf(() => tokens.verifyAccess(`${h}.${otherPayload}.${s}`))).toBe('AUTH_TOKEN_INVALID');
    const otherKey = sign({ roles: ['viewer'], sid: 's' }, { ...base, expiresIn: 60 }, 'b'.repeat(64));
    expect(codeOf(() => tokens.verifyAccess(otherKey))).toBe('AUTH_TOKEN_INVALID');
    const otherAud = sign({ roles: ['viewer'], sid: 's' }, { ...base, expiresIn: 60, audience: 'media' });
    expect(codeOf(() => tokens.verifyAccess(otherAud))).toBe('AUTH_TOKEN_INVALID');
    const hs512 = sign({ roles: ['viewer'], sid: 's' }, { ...base, expiresIn: 60, algorithm: 'HS512' });
    expect(codeOf(() => tokens.verifyAccess(hs512))).toBe('AUTH_TOKEN_INVALID');
    const noRoles = sign({ sid: 's' }, { ...base, expiresIn: 60 });
    expect(codeOf(() => tokens.verifyAccess(noRoles))).toBe('AUTH_TOKEN_INVALID');
    expect(codeOf(() => tokens.verifyAccess('garbage'))).toBe('AUTH_TOKEN_INVALID');
  });

  it('still accepts a valid token of another shape through jsonwebtoken', () => {
    const withKid = jwt.sign({ roles: ['anchor'], sid: 's' }, secret, {
      algorithm: 'HS256',
      subject: 'u-2',
      audience: 'anchor-academy:api',
      expiresIn: 60,
      keyid: 'k1',
    });
    expect(tokens.verifyAccess(withKid)).toEqual({ id: 'u-2', roles: ['anchor'], sessionId: 's' });
  });
});
