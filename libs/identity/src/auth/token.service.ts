import { Inject, Injectable } from '@nestjs/common';
import { createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { API_CONFIG, ApiConfig } from '@app/config';
import { DomainError, Role } from '@app/contracts';

export interface AccessClaims {
  sub: string;
  roles: Role[];
  /** refresh family: lets sign-out name the session */
  sid: string;
}

export interface Actor {
  id: string;
  roles: Role[];
  sessionId: string;
}

@Injectable()
export class TokenService {
  /**
   * Built once: given a string, jsonwebtoken first tries (and fails) to parse it as a public key
   * on every verify, which was a large share of the api's CPU under load.
   */
  private readonly key: KeyObject;

  constructor(@Inject(API_CONFIG) private readonly cfg: ApiConfig) {
    this.key = createSecretKey(Buffer.from(cfg.auth.jwtSecret, 'utf8'));
  }

  signAccess(claims: AccessClaims): string {
    return jwt.sign({ roles: claims.roles, sid: claims.sid }, this.key, {
      algorithm: 'HS256',
      subject: claims.sub,
      expiresIn: this.cfg.auth.accessTokenTtl,
      audience: 'anchor-academy:api',
    });
  }

  verifyAccess(token: string): Actor {
    try {
      const p = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        audience: 'anchor-academy:api',
      }) as jwt.JwtPayload;
      if (typeof p.sub !== 'string' || !Array.isArray(p.roles) || typeof p.sid !== 'string')
        throw new Error('claims');
      return { id: p.sub, roles: p.roles as Role[], sessionId: p.sid };
    } catch (e) {
      if (e instanceof jwt.TokenExpiredError)
        throw new DomainError('AUTH_TOKEN_EXPIRED', 'Your session has expired. Please sign in again.');
      throw new DomainError('AUTH_TOKEN_INVALID', 'The access token is not valid.');
    }
  }

  /** A refresh token is `<row id>.<secret>`; only sha256(secret) is stored. */
  newRefreshSecret(): { secret: string; hash: string } {
    const secret = randomBytes(32).toString('base64url');
    return { secret, hash: TokenService.hash(secret) };
  }

  static hash(secret: string): string {
    return createHash('sha256').update(secret).digest('hex');
  }
}
