import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { randomUUID } from 'node:crypto';
import {
  DomainError,
  LiveSessionStateResponse,
  LiveSessionView,
  RoomReport,
  RoomTokenRequest,
  RoomTokenResponse,
} from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor, hasAnyRole, User } from '@app/identity';
import { RoomTokenService } from '../room/room-token.service';
import { CreateLiveSessionDto, ListLiveSessionsQuery } from './dto/live-session.dto';
import { LiveAttendance } from './live-attendance.entity';
import { LiveSession } from './live-session.entity';
import { assertTransition } from './live-session.state';

export interface LiveSessionStarted {
  type: 'LiveSessionStarted';
  sessionId: string;
  hostId: string;
  kind: LiveSession['kind'];
}
/** A sale or class announced for later (created with a start time). */
export interface LiveSessionScheduled {
  type: 'LiveSessionScheduled';
  sessionId: string;
  hostId: string;
  kind: LiveSession['kind'];
}
export interface LiveSessionEnded {
  type: 'LiveSessionEnded';
  sessionId: string;
}
export interface LiveViewersReported {
  type: 'LiveViewersReported';
  sessionId: string;
  viewers: number;
}

@Injectable()
export class LiveSessionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly roomTokens: RoomTokenService,
  ) {}

  async create(actor: Actor, dto: CreateLiveSessionDto): Promise<LiveSessionView> {
    // a sale is an anchor's (or a trainee's practice) stream; a class is an instructor's
    const needed = dto.kind === 'sale' ? (['anchor', 'trainee'] as const) : (['instructor'] as const);
    if (!hasAnyRole(actor.roles, needed)) {
      throw new DomainError(
        'FORBIDDEN',
        `Only ${needed.join(' or ')} accounts can create a ${dto.kind} session.`,
      );
    }
    const scheduledStart = dto.scheduledStart ? new Date(dto.scheduledStart) : null;
    if (scheduledStart && scheduledStart.getTime() < Date.now() - 5 * 60_000) {
      throw new DomainError('VALIDATION_FAILED', 'The start time is in the past.', [
        { field: 'scheduledStart', reason: 'past', message: 'The start time is in the past.' },
      ]);
    }
    return this.uow.run(async ({ em, publish }) => {
      const session = await em.save(
        em.create(LiveSession, {
          kind: dto.kind,
          hostId: actor.id,
          title: dto.title.trim(),
          description: dto.description?.trim() || null,
          scheduledStart,
          record: dto.record ?? false,
        }),
      );
      if (scheduledStart) {
        const { id: sessionId, hostId, kind } = session;
        publish({ type: 'LiveSessionScheduled', sessionId, hostId, kind } as LiveSessionScheduled);
      }
      return this.view(em, session);
    });
  }

  async get(id: string): Promise<LiveSessionView> {
    return this.uow.run(async ({ em }) => this.view(em, await this.find(em, id)));
  }

  /**
   * Without a status: what is on and coming up, live first, then by start time. Ended ones come
   * newest first (replays: `replay: 'ready'`, served by a partial index). At most 100.
   */
  async list(q: ListLiveSessionsQuery): Promise<LiveSessionView[]> {
    return this.uow.run(async ({ em }) => {
      const rows = await em.find(LiveSession, {
        where: {
          ...(q.status ? { status: q.status } : { status: In(['scheduled', 'live']) }),
          ...(q.kind ? { kind: q.kind } : {}),
          ...(q.replay ? { replayStatus: q.replay } : {}),
        },
        order:
          q.status === 'ended'
            ? { endedAt: 'DESC', id: 'ASC' }
            : { status: 'ASC', scheduledStart: 'ASC', createdAt: 'DESC' },
        take: Math.min(q.limit ?? 100, 100),
      });
      return this.views(em, rows);
    });
  }

  /** Where a session stands, for the media server's recorder (it records only while `live`). */
  async state(id: string): Promise<LiveSessionStateResponse> {
    const s = await this.uow.run(({ em }) => this.find(em, id));
    return {
      status: s.status,
      startedAt: s.startedAt?.toISOString() ?? null,
      endedAt: s.endedAt?.toISOString() ?? null,
    };
  }

  /** A host's upcoming and running sessions of one kind, soonest first (e.g. a shop's sales). */
  async forHost(hostId: string, kind: LiveSession['kind']): Promise<LiveSessionView[]> {
    return this.uow.run(async ({ em }) => {
      const rows = await em.find(LiveSession, {
        where: { hostId, kind, status: In(['scheduled', 'live']) },
        order: { status: 'ASC', scheduledStart: 'ASC', createdAt: 'DESC' },
        take: 20,
      });
      return this.views(em, rows);
    });
  }

  async start(actor: Actor, id: string): Promise<LiveSessionView> {
    return this.uow.run(async ({ em, publish }) => {
      const s = await this.findForUpdate(em, id);
      this.assertHost(actor, s);
      assertTransition(s.status, 'live');
      s.status = 'live';
      s.startedAt = new Date();
      if (s.record) s.replayStatus = 'recording';
      await em.save(s);
      publish({
        type: 'LiveSessionStarted',
        sessionId: s.id,
        hostId: s.hostId,
        kind: s.kind,
      } as LiveSessionStarted);
      return this.view(em, s);
    });
  }

  async end(actor: Actor | null, id: string): Promise<LiveSessionView> {
    return this.uow.run(async ({ em, publish }) => {
      const s = await this.findForUpdate(em, id);
      if (actor) this.assertHost(actor, s);
      if (s.status === 'ended') return this.view(em, s);
      if (s.status === 'scheduled') {
        assertTransition(s.status, 'cancelled');
        s.status = 'cancelled';
      } else {
        assertTransition(s.status, 'ended');
        s.status = 'ended';
        s.endedAt = new Date();
        s.viewersNow = 0;
        if (s.replayStatus === 'recording') s.replayStatus = 'processing';
      }
      await em.save(s);
      publish({ type: 'LiveSessionEnded', sessionId: s.id } as LiveSessionEnded);
      return this.view(em, s);
    });
  }

  /**
   * Host: any time before the end (to preview); anyone else: only while live. A signed-in viewer
   * may be invited on stage (`stage`); an anonymous one may not. Observing is asked for, never
   * implied: program admins and admins, live classes only.
   */
  async roomToken(actor: Actor | null, id: string, req: RoomTokenRequest = {}): Promise<RoomTokenResponse> {
    return this.uow.run(async ({ em }) => {
      const s = await this.find(em, id);
      if (actor && actor.id === s.hostId && !req.observe) {
        if (s.status === 'ended' || s.status === 'cancelled')
          throw new DomainError('ROOM_CLOSED', 'This live session has ended.');
        const host = await em.findOneByOrFail(User, { id: actor.id });
        return this.roomTokens.issue({
          sub: actor.id,
          room: s.id,
          role: 'host',
          name: host.displayName,
          record: s.record,
        });
      }
      if (req.observe) this.assertMayObserve(actor, s);
      if (s.status !== 'live') {
        throw new DomainError(
          'ROOM_CLOSED',
          s.status === 'scheduled'
            ? 'This live session has not started yet.'
            : 'This live session has ended.',
        );
      }
      if (!actor) {
        if (s.kind === 'class') throw new DomainError('UNAUTHENTICATED', 'Sign in to join a live class.');
        return this.roomTokens.issue({ sub: `anon:${randomUUID()}`, room: s.id, role: 'viewer', name: '' });
      }
      const me = await em.findOneByOrFail(User, { id: actor.id });
      if (req.observe)
        return this.roomTokens.issue({ sub: actor.id, room: s.id, role: 'observer', name: me.displayName });
      return this.roomTokens.issue({
        sub: actor.id,
        room: s.id,
        role: 'viewer',
        name: me.displayName,
        stage: true,
      });
    });
  }

  private assertMayObserve(actor: Actor | null, s: LiveSession): void {
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in to observe a live class.');
    if (!hasAnyRole(actor.roles, ['program_admin', 'admin']))
      throw new DomainError('FORBIDDEN', 'Only program admins can observe a live class.');
    if (s.kind !== 'class') throw new DomainError('FORBIDDEN', 'Only live classes can be observed.');
    if (actor.id === s.hostId)
      throw new DomainError('FORBIDDEN', 'You host this class: open it in the studio.');
  }

  /**
   * The media server's periodic report: viewer numbers, closed attendance intervals, room end. A
   * room's end ends the session only while it is live: a studio preview's room (the host checking
   * the camera before going live) closing leaves the session scheduled, and a late report after
   * the end changes nothing.
   */
  async applyReport(id: string, report: RoomReport): Promise<void> {
    let liveRoomEnded = false;
    await this.uow.run(async ({ em, publish }) => {
      const s = await this.findForUpdate(em, id);
      liveRoomEnded = report.ended === true && s.status === 'live';
      if (s.status === 'live') {
        s.viewersNow = report.viewersNow;
        s.peakViewers = Math.max(s.peakViewers, report.peakViewers);
        await em.save(s);
        publish({
          type: 'LiveViewersReported',
          sessionId: id,
          viewers: report.viewersNow,
        } as LiveViewersReported);
      }
      const rows = report.attendance
        .map((a) => ({
          sessionId: id,
          userId: a.userId,
          role: a.role,
          joinedAt: new Date(a.joinedAt),
          leftAt: new Date(a.leftAt),
        }))
        .filter((a) => a.leftAt.getTime() >= a.joinedAt.getTime());
      if (rows.length) await em.insert(LiveAttendance, rows);
    });
    if (liveRoomEnded) await this.end(null, id);
  }

  private assertHost(actor: Actor, s: LiveSession): void {
    if (actor.id !== s.hostId && !actor.roles.includes('admin')) {
      throw new DomainError('FORBIDDEN', 'Only the host can do this.');
    }
  }

  async find(em: EntityManager, id: string): Promise<LiveSession> {
    const s = await em.findOneBy(LiveSession, { id });
    if (!s) throw new DomainError('NOT_FOUND', 'No such live session.');
    return s;
  }

  /** The session row locked until the transaction ends (status changes, replay outcomes). */
  async findForUpdate(em: EntityManager, id: string): Promise<LiveSession> {
    const s = await em.findOne(LiveSession, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!s) throw new DomainError('NOT_FOUND', 'No such live session.');
    return s;
  }

  private async view(em: EntityManager, s: LiveSession): Promise<LiveSessionView> {
    return (await this.views(em, [s]))[0];
  }

  private async views(em: EntityManager, rows: LiveSession[]): Promise<LiveSessionView[]> {
    const hosts = rows.length
      ? await em.findBy(User, { id: In([...new Set(rows.map((r) => r.hostId))]) })
      : [];
    const names = new Map(hosts.map((h) => [h.id, h.displayName]));
    return rows.map((s) => ({
      id: s.id,
      kind: s.kind,
      title: s.title,
      description: s.description,
      status: s.status,
      host: { id: s.hostId, displayName: names.get(s.hostId) ?? '' },
      scheduledStart: s.scheduledStart?.toISOString() ?? null,
      startedAt: s.startedAt?.toISOString() ?? null,
      endedAt: s.endedAt?.toISOString() ?? null,
      record: s.record,
      viewersNow: s.viewersNow,
      peakViewers: s.peakViewers,
      replay: {
        available: s.replayStatus === 'ready',
        durationMs: s.replayDurationMs,
        status: s.replayStatus,
      },
      createdAt: s.createdAt.toISOString(),
    }));
  }
}
