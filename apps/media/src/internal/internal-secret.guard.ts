import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { MEDIA_CONFIG, MediaAppConfig } from '@app/config';

/** The header the api and the media server authenticate each other's internal calls with. */
export const INTERNAL_SECRET_HEADER = 'x-internal-secret';

/** api → media routes: the shared INTERNAL_SECRET, compared in constant time. */
@Injectable()
export class InternalSecretGuard implements CanActivate {
  constructor(@Inject(MEDIA_CONFIG) private readonly config: MediaAppConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const got = ctx.switchToHttp().getRequest<Request>().headers[INTERNAL_SECRET_HEADER];
    const want = Buffer.from(this.config.media.internalSecret);
    const given = Buffer.from(typeof got === 'string' ? got : '');
    if (given.length !== want.length || !timingSafeEqual(given, want))
      throw new UnauthorizedException('Internal route: missing or wrong secret.');
    return true;
  }
}
