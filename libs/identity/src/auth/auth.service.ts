import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { API_CONFIG, ApiConfig } from '@app/config';
import { AuthResponse, AuthTokens, DomainError, Role, SelfServiceRoles } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { RefreshSession } from '../session/refresh-session.entity';
import { User } from '../user/user.entity';
import { toUserView, UserService } from '../user/user.service';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { parseIdentifier } from './identifier';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { Actor, TokenService } from './token.service';
import { SignInDto, SignUpDto } from './dto/auth.dto';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
    private readonly uow: UnitOfWork,
    private readonly tokens: TokenService,
    private readonly users: UserService,
    private readonly limiter: RateLimiter,
  ) {}

  async signUp(dto: SignUpDto, client: ClientInfo): Promise<AuthResponse> {
    const id = parseIdentifier(dto.identifier);
    const roles: Role[] = dto.roles?.length ? dto.roles : ['trainee'];
    const privileged = roles.filter((r) => !SelfServiceRoles.includes(r));
    if (privileged.length)
      throw new DomainError('ROLE_GRANT_FORBIDDEN', `Only an admin may grant ${privileged.join(', ')}.`);
    const displayName = dto.displayName.trim();
    if (!displayName) {
      throw new DomainError('VALIDATION_FAILED', 'Enter a name.', [
        { field: 'displayName', reason: 'isNotEmpty', message: 'Enter a name.' },
      ]);
    }
    const passwordHash = await hashPassword(dto.password);
    return this.uow.run(async ({ em, publish }) => {
      const existing = await em.findOne(User, {
        where: id.kind === 'phone' ? { phone: id.phone } : { email: id.email },
      });
      if (existing) throw taken();
      const user = em.create(User, {
        phone: id.kind === 'phone' ? id.phone : null,
        email: id.kind === 'email' ? id.email : null,
        passwordHash,
        displayName,
        locale: dto.locale ?? 'zh-CN',
        roles: roles.map((role) => ({ role, grantedBy: null })),
      });
      try {
        await em.save(user);
      } catch (e) {
        // a concurrent sign-up with the same identifier lost the race on the unique index
        if ((e as { code?: string }).code === '23505') throw taken();
        throw e;
      }
      publish({ type: 'UserSignedUp', userId: user.id } as { type: string });
      const fresh = await this.users.findById(em, user.id);
      return { user: toUserView(fresh), tokens: await this.issue(em, fresh, randomUUID(), client) };
    });
  }

  async signIn(dto: SignInDto, client: ClientInfo): Promise<AuthResponse> {
    const id = parseIdentifier(dto.identifier);
    const accountKey = `signin:acct:${id.kind === 'phone' ? id.phone : id.email}`;
    const { auth } = this.cfg;
    const perAddress = await this.limiter.hit(
      `signin:ip:${client.ip ?? 'unknown'}`,
      auth.signInWindowSeconds,
    );
    if (perAddress.count > auth.signInMaxPerAddress) throw RateLimiter.tooMany(perAddress.resetAt);
    const failures = await this.limiter.peek(accountKey);
    if (failures && failures.count >= auth.signInMaxPerAccount) throw RateLimiter.tooMany(failures.resetAt);

    const user = await this.uow.run(({ em }) =>
      em.findOne(User, {
        where: id.kind === 'phone' ? { phone: id.phone } : { email: id.email },
        relations: { roles: true },
      }),
    );
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), dto.password);
    if (!user || !ok) {
      await this.limiter.hit(accountKey, auth.signInWindowSeconds);
      throw new DomainError('AUTH_INVALID_CREDENTIALS', 'The account or password is wrong.');
    }
    await this.limiter.reset(accountKey);
    return this.uow.run(async ({ em }) => ({
      user: toUserView(user),
      tokens: await this.issue(em, user, randomUUID(), client),
    }));
  }

  async refresh(refreshToken: string, client: ClientInfo): Promise<AuthResponse> {
    const [rowId, secret] = refreshToken.split('.');
    if (!rowId || !secret || !/^[0-9a-f-]{36}$/.test(rowId)) throw invalidRefresh();
    const outcome = await this.uow.run(async ({ em }) => {
      const row = await em.findOne(RefreshSession, { where: { id: rowId } });
      if (!row || row.tokenHash !== TokenService.hash(secret)) throw invalidRefresh();
      if (row.revokedAt)
        throw new DomainError('AUTH_SESSION_REVOKED', 'This session was signed out. Please sign in again.');
      if (row.expiresAt.getTime() <= Date.now())
        throw new DomainError('AUTH_TOKEN_EXPIRED', 'Your session has expired. Please sign in again.');
      // Conditional update: of two requests racing with the same token, exactly one rotates it.
      const rotated = await em.update(
        RefreshSession,
        { id: row.id, rotatedAt: IsNull() },
        { rotatedAt: new Date() },
      );
      if (!rotated.affected) return { reused: row };
      const user = await this.users.findById(em, row.userId);
      return {
        response: { user: toUserView(user), tokens: await this.issue(em, user, row.familyId, client) },
      };
    });
    if ('reused' in outcome && outcome.reused) {
      // Re-use of a rotated token: someone else holds a copy. End the whole family, committed
      // on its own so the revocation sticks even though this request fails.
      await this.revokeFamily(outcome.reused.familyId, 'reuse');
      throw new DomainError(
        'AUTH_REFRESH_REUSED',
        'This sign-in was used from elsewhere and has been ended for your safety. Please sign in again.',
      );
    }
    return (outcome as { response: AuthResponse }).response;
  }

  async signOut(actor: Actor, refreshToken?: string): Promise<void> {
    let family = actor.sessionId;
    if (refreshToken) {
      const [rowId] = refreshToken.split('.');
      const row = /^[0-9a-f-]{36}$/.test(rowId ?? '')
        ? await this.uow.run(({ em }) =>
            em.findOne(RefreshSession, { where: { id: rowId, userId: actor.id } }),
          )
        : null;
      if (row) family = row.familyId;
    }
    await this.revokeFamily(family, 'sign_out', actor.id);
  }

  private async revokeFamily(familyId: string, reason: string, userId?: string): Promise<void> {
    await this.uow.run(({ em }) =>
      em.update(
        RefreshSession,
        { familyId, revokedAt: IsNull(), ...(userId ? { userId } : {}) },
        { revokedAt: new Date(), revokeReason: reason },
      ),
    );
  }

  private async issue(
    em: EntityManager,
    user: User,
    familyId: string,
    client: ClientInfo,
  ): Promise<AuthTokens> {
    const { secret, hash } = this.tokens.newRefreshSecret();
    const expiresAt = new Date(Date.now() + this.cfg.auth.refreshTokenTtl * 1000);
    const row = await em.save(
      em.create(RefreshSession, {
        userId: user.id,
        familyId,
        tokenHash: hash,
        expiresAt,
        ip: client.ip?.slice(0, 64) ?? null,
        userAgent: client.userAgent?.slice(0, 200) ?? null,
      }),
    );
    return {
      accessToken: this.tokens.signAccess({
        sub: user.id,
        roles: user.roles.map((r) => r.role),
        sid: familyId,
      }),
      expiresIn: this.cfg.auth.accessTokenTtl,
      refreshToken: `${row.id}.${secret}`,
      refreshExpiresAt: expiresAt.toISOString(),
    };
  }
}

function taken(): DomainError {
  return new DomainError(
    'AUTH_IDENTIFIER_TAKEN',
    'An account with this mobile number or e-mail already exists.',
    [{ field: 'identifier', reason: 'taken', message: 'Already registered.' }],
  );
}

function invalidRefresh(): DomainError {
  return new DomainError('AUTH_TOKEN_INVALID', 'The refresh token is not valid.');
}
