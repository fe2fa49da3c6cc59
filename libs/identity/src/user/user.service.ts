import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, Role, SelfServiceRoles, UserView } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor } from '../auth/token.service';
import { User } from './user.entity';
import { UserRole } from './user-role.entity';

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    displayName: u.displayName,
    phone: u.phone,
    email: u.email,
    roles: (u.roles ?? []).map((r) => r.role).sort(),
    locale: u.locale,
    createdAt: u.createdAt.toISOString(),
  };
}

@Injectable()
export class UserService {
  constructor(private readonly uow: UnitOfWork) {}

  async findById(em: EntityManager, id: string): Promise<User> {
    const user = await em.findOne(User, { where: { id }, relations: { roles: true } });
    if (!user) throw new DomainError('NOT_FOUND', 'No such user.');
    return user;
  }

  async me(actor: Actor): Promise<UserView> {
    return this.uow.run(async ({ em }) => toUserView(await this.findById(em, actor.id)));
  }

  /** Admins grant any role; people may add the self-service ones to themselves. */
  async grantRoles(actor: Actor, userId: string, roles: Role[]): Promise<UserView> {
    const isAdmin = actor.roles.includes('admin');
    const privileged = roles.filter((r) => !SelfServiceRoles.includes(r));
    if (!isAdmin && (actor.id !== userId || privileged.length > 0)) {
      throw new DomainError(
        'ROLE_GRANT_FORBIDDEN',
        privileged.length
          ? `Only an admin may grant ${privileged.join(', ')}.`
          : 'You may only change your own roles.',
      );
    }
    return this.uow.run(async ({ em, publish }) => {
      const user = await this.findById(em, userId);
      const held = new Set(user.roles.map((r) => r.role));
      const added = roles.filter((r) => !held.has(r));
      if (added.length) {
        await em.insert(
          UserRole,
          added.map((role) => ({ userId, role, grantedBy: actor.id })),
        );
        publish({ type: 'RolesGranted', userId, roles: added } as { type: string });
      }
      return toUserView(await this.findById(em, userId));
    });
  }

  async revokeRole(actor: Actor, userId: string, role: Role): Promise<UserView> {
    if (!actor.roles.includes('admin'))
      throw new DomainError('ROLE_GRANT_FORBIDDEN', 'Only an admin may remove roles.');
    return this.uow.run(async ({ em }) => {
      await this.findById(em, userId);
      await em.delete(UserRole, { userId, role });
      return toUserView(await this.findById(em, userId));
    });
  }
}
