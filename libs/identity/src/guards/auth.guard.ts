import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, Role } from '@app/contracts';
import { TokenService } from '../auth/token.service';
import { PUBLIC_KEY, RequestWithActor, ROLES_KEY } from './decorators';

interface RouteAccess {
  isPublic: boolean;
  needed: Role[] | undefined;
}

/** Global guard: every route needs a bearer token unless marked @Public(), then role checks. */
@Injectable()
export class AuthGuard implements CanActivate {
  /** A route's decorators do not change once the app runs: read once per route, not per request. */
  private readonly access = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const { isPublic, needed } = this.accessOf(ctx);
    const req = ctx.switchToHttp().getRequest<RequestWithActor>();
    const header = req.headers.authorization;
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      try {
        req.actor = this.tokens.verifyAccess(header.slice(7).trim());
      } catch (e) {
        if (!isPublic) throw e;
      }
    }
    if (isPublic) return true;
    if (!req.actor) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
    if (needed?.length && !hasAnyRole(req.actor.roles, needed)) {
      throw new DomainError('FORBIDDEN', `This needs one of the roles: ${needed.join(', ')}.`);
    }
    return true;
  }

  private accessOf(ctx: ExecutionContext): RouteAccess {
    const handler = ctx.getHandler();
    const cls = ctx.getClass();
    let byClass = this.access.get(handler);
    if (!byClass) this.access.set(handler, (byClass = new WeakMap()));
    let access = byClass.get(cls);
    if (!access) {
      const targets = [handler, cls];
      access = {
        isPublic: Boolean(this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)),
        needed: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
      };
      byClass.set(cls, access);
    }
    return access;
  }
}

export function hasAnyRole(held: readonly Role[], needed: readonly Role[]): boolean {
  return held.includes('admin') || needed.some((r) => held.includes(r));
}
