import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { API_CONFIG, ApiConfig } from '@app/config';
import { DomainError } from '@app/contracts';

export const INTERNAL_SECRET_HEADER = 'x-internal-secret';

/** Server-to-server routes (media → api): a shared secret, compared in constant time. */
@Injectable()
export class InternalGuard implements CanActivate {
  constructor(@Inject(API_CONFIG) private readonly cfg: ApiConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const got = ctx.switchToHttp().getRequest<Request>().headers[INTERNAL_SECRET_HEADER];
    const want = Buffer.from(this.cfg.internalSecret);
    const given = Buffer.from(typeof got === 'string' ? got : '');
    if (given.length !== want.length || !timingSafeEqual(given, want)) {
      throw new DomainError('UNAUTHENTICATED', 'Internal route: missing or wrong secret.');
    }
    return true;
  }
}
