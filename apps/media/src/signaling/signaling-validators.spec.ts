import * as jwt from 'jsonwebtoken';
import { DomainError, MediaRequestNames } from '@app/contracts';
import { requestValidators, validateRequest } from './signaling-validators';
import { verifyRoomToken } from './room-token';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
};

describe('signaling validators', () => {
  it('has a validator for every request the contracts declare', () => {
    expect(Object.keys(requestValidators).sort()).toEqual([...MediaRequestNames].sort());
  });

  it('accepts a well-formed request and treats a missing body as {}', () => {
    expect(validateRequest('createWebRtcTransport', { direction: 'recv' }, 1000)).toEqual({
      direction: 'recv',
    });
    expect(validateRequest('endRoom', undefined, 1000)).toEqual({});
  });

  it('names every bad field, including unknown ones', () => {
    let error: DomainError | undefined;
    try {
      validateRequest('setConsumerPreferredLayers', { consumerId: '', spatialLayer: 1.5, extra: 1 }, 1000);
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(error?.details?.map((d) => `${d.field}:${d.reason}`).sort()).toEqual([
      'consumerId:isString',
      'extra:unknownField',
      'spatialLayer:isInt',
    ]);
  });

  it('refuses oversized and non-JSON messages', () => {
    expect(codeOf(() => validateRequest('restartIce', { transportId: 'x'.repeat(200) }, 100))).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(codeOf(() => validateRequest('restartIce', cyclic, 100))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => validateRequest('restartIce', [1], 100))).toBe('VALIDATION_FAILED');
  });
});

describe('room token', () => {
  const secret = 's'.repeat(40);
  const claims = { sub: 'u1', room: 'r1', role: 'viewer', name: 'Ann' };

  it('returns the claims of a valid HS256 token', () => {
    expect(verifyRoomToken(jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: 60 }), secret)).toEqual(
      claims,
    );
  });

  it('accepts an anonymous viewer as the api issues it: no display name, an anon: subject', () => {
    const anon = {
      sub: 'anon:6f1c2d9e-0000-4000-8000-000000000000',
      room: '3b0e8c1a-1111-4222-8333-444444444444',
      role: 'viewer',
      name: '',
    };
    expect(verifyRoomToken(jwt.sign(anon, secret, { algorithm: 'HS256', expiresIn: 60 }), secret)).toEqual(
      anon,
    );
  });

  it('keeps `record` on a host token only, and refuses a non-boolean one', () => {
    const sign = (c: object): string => jwt.sign(c, secret, { algorithm: 'HS256', expiresIn: 60 });
    expect(verifyRoomToken(sign({ ...claims, role: 'host', record: true }), secret)).toEqual({
      ...claims,
      role: 'host',
      record: true,
    });
    expect(verifyRoomToken(sign({ ...claims, record: true }), secret)).toEqual(claims);
    expect(codeOf(() => verifyRoomToken(sign({ ...claims, record: 'yes' }), secret))).toBe(
      'ROOM_TOKEN_INVALID',
    );
  });

  it('keeps `stage` on a viewer token only, and refuses a cohost token', () => {
    const sign = (c: object): string => jwt.sign(c, secret, { algorithm: 'HS256', expiresIn: 60 });
    expect(verifyRoomToken(sign({ ...claims, stage: true }), secret)).toEqual({ ...claims, stage: true });
    expect(verifyRoomToken(sign({ ...claims, role: 'observer', stage: true }), secret)).toEqual({
      ...claims,
      role: 'observer',
    });
    expect(codeOf(() => verifyRoomToken(sign({ ...claims, stage: 1 }), secret))).toBe('ROOM_TOKEN_INVALID');
    expect(codeOf(() => verifyRoomToken(sign({ ...claims, role: 'cohost' }), secret))).toBe(
      'ROOM_TOKEN_INVALID',
    );
  });

  it('refuses other algorithms, bad payloads and expired tokens', () => {
    const none = jwt.sign(claims, '', { algorithm: 'none' });
    expect(codeOf(() => verifyRoomToken(none, secret))).toBe('ROOM_TOKEN_INVALID');
    const hs512 = jwt.sign(claims, secret, { algorithm: 'HS512' });
    expect(codeOf(() => verifyRoomToken(hs512, secret))).toBe('ROOM_TOKEN_INVALID');
    const noRoom = jwt.sign({ ...claims, room: undefined }, secret, { algorithm: 'HS256' });
    expect(codeOf(() => verifyRoomToken(noRoom, secret))).toBe('ROOM_TOKEN_INVALID');
    const expired = jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: -1 });
    expect(codeOf(() => verifyRoomToken(expired, secret))).toBe('ROOM_TOKEN_INVALID');
    expect(codeOf(() => verifyRoomToken(42, secret))).toBe('ROOM_TOKEN_INVALID');
  });
});
