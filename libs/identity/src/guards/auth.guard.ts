import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, Role } from '@app/contracts';
import { TokenService } from '../auth/token.service';
import { PUBLIC_KEY, RequestWithActor, ROLES_KEY } from './decorators';

/** Global guard: every route needs a bearer token unless marked @Public(), then role checks. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<RequestWithActor>();
    const header = req.headers.authorization;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      try {
        req.actor = this.tokens.verifyAccess(header.slice(7).trim());
      } catch (e) {
        if (!isPublic) throw e;
      }
    }
    if (isPublic) return true;
    if (!req.actor) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
    const needed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (needed?.length && !hasAnyRole(req.actor.roles, needed)) {
      throw new DomainError('FORBIDDEN', `This needs one of the roles: ${needed.join(', ')}.`);
    }
    return true;
  }
}

export function hasAnyRole(held: readonly Role[], needed: readonly Role[]): boolean {
  return held.includes('admin') || needed.some((r) => held.includes(r));
}
