import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { API_CONFIG, ApiConfig } from '@app/config';
import { DomainError, LessonVideoLink, Role } from '@app/contracts';
import { Actor } from '@app/identity';

/** Long enough for a lesson with pauses; the player asks for a new link when one runs out. */
const LINK_TTL_SEC = 2 * 60 * 60;
const AUDIENCE = 'anchor-academy:lesson-video';

/**
 * A `<video>` element cannot send a bearer token, so the player gets an address carrying a ticket
 * instead: it names one lesson and one person, expires, and reads nothing else. Access (enrolment,
 * prerequisites) is still checked on every request the element makes.
 */
@Injectable()
export class VideoLinks {
  constructor(@Inject(API_CONFIG) private readonly cfg: ApiConfig) {}

  issue(actor: Actor, lessonId: string): LessonVideoLink {
    const ticket = jwt.sign({ lid: lessonId, roles: actor.roles }, this.cfg.auth.jwtSecret, {
      algorithm: 'HS256',
      subject: actor.id,
      audience: AUDIENCE,
      expiresIn: LINK_TTL_SEC,
    });
    return {
      url: `/api/lessons/${lessonId}/video?ticket=${encodeURIComponent(ticket)}`,
      expiresAt: new Date(Date.now() + LINK_TTL_SEC * 1000).toISOString(),
    };
  }

  /** The person a ticket was issued to, if it is valid for this lesson. */
  actorFor(ticket: string, lessonId: string): Actor {
    try {
      const p = jwt.verify(ticket, this.cfg.auth.jwtSecret, {
        algorithms: ['HS256'],
        audience: AUDIENCE,
      }) as jwt.JwtPayload;
      if (typeof p.sub !== 'string' || p.lid !== lessonId || !Array.isArray(p.roles))
        throw new Error('claims');
      return { id: p.sub, roles: p.roles as Role[], sessionId: 'video-link' };
    } catch (e) {
      if (e instanceof jwt.TokenExpiredError)
        throw new DomainError('AUTH_TOKEN_EXPIRED', 'This video link has expired.');
      throw new DomainError('AUTH_TOKEN_INVALID', 'This video link is not valid.');
    }
  }
}
