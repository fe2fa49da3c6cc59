import * as jwt from 'jsonwebtoken';
import { DomainError, ErrorFieldDetail, RoomTokenClaims } from '@app/contracts';
import { roomTokenClaims } from './signaling-validators';

/**
 * Verifies a room token (HS256 with ROOM_TOKEN_SECRET, short-lived, issued by the api) and returns
 * its claims. Anything else — missing, expired, another algorithm, a malformed payload — is
 * ROOM_TOKEN_INVALID.
 */
export function verifyRoomToken(token: unknown, secret: string): RoomTokenClaims {
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
    throw new DomainError('ROOM_TOKEN_INVALID', 'A room token is required (socket.io auth: { token })');
  }
  let payload: unknown;
  try {
    payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
  } catch (error) {
    const expired = error instanceof jwt.TokenExpiredError;
    throw new DomainError(
      'ROOM_TOKEN_INVALID',
      expired ? 'The room token has expired' : 'The room token is not valid',
    );
  }
  const problems: ErrorFieldDetail[] = [];
  const claims = roomTokenClaims(payload, '', problems);
  if (problems.length > 0)
    throw new DomainError('ROOM_TOKEN_INVALID', 'The room token payload is malformed', problems);
  const { sub, room, role, name } = claims;
  // only a host's media is recorded, only a viewer is invited on stage: the claims mean nothing
  // on another role's token
  if (role === 'host' && claims.record === true) return { sub, room, role, name, record: true };
  if (role === 'viewer' && claims.stage === true) return { sub, room, role, name, stage: true };
  return { sub, room, role, name };
}
