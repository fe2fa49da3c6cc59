import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { DomainError, NoticeKind, NoticeList, NoticeView } from '@app/contracts';
import { Shop } from '@app/commerce';
import { DomainEventBus, UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { LiveSession } from '../live-session/live-session.entity';
import type { LiveSessionScheduled, LiveSessionStarted } from '../live-session/live-session.service';
import { NoticeCreated } from '../selling/live-selling.events';
import { Notice } from './notice.entity';

const PAGE = 50;

/**
 * In-app notices. When a shop owner schedules a sale or goes live, each follower gets one notice
 * (followers with "remind me" also hear of scheduled sales), written after the session's own
 * transaction committed, and then pushed to their open sockets by the api's notifier.
 */
@Injectable()
export class NoticeService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NoticeService.name);
  private readonly off: Array<() => void> = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly bus: DomainEventBus,
  ) {}

  onModuleInit(): void {
    this.off.push(
      this.bus.on<LiveSessionStarted>('LiveSessionStarted', (e) => {
        if (e.kind === 'sale') this.track(this.fanOut(e.sessionId, 'live_started'));
      }),
      this.bus.on<LiveSessionScheduled>('LiveSessionScheduled', (e) => {
        if (e.kind === 'sale') this.track(this.fanOut(e.sessionId, 'sale_scheduled'));
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.off.forEach((f) => f());
    await Promise.allSettled([...this.running]);
  }

  async list(actor: Actor): Promise<NoticeList> {
    return this.uow.run(async ({ em }) => {
      // one after the other: both run on the transaction's one connection
      const rows = await em.find(Notice, {
        where: { userId: actor.id },
        order: { createdAt: 'DESC' },
        take: PAGE,
      });
      const unread = await em.count(Notice, { where: { userId: actor.id, readAt: IsNull() } });
      const shops = await em.find(Shop, { where: { id: In([...new Set(rows.map((r) => r.shopId))]) } });
      const sessions = await em.find(LiveSession, {
        where: { id: In([...new Set(rows.map((r) => r.sessionId))]) },
      });
      const shopOf = new Map(shops.map((s) => [s.id, s]));
      const sessionOf = new Map(sessions.map((s) => [s.id, s]));
      return {
        items: rows.flatMap((n) => {
          const shop = shopOf.get(n.shopId);
          const session = sessionOf.get(n.sessionId);
          return shop && session ? [toView(n, shop, session)] : [];
        }),
        unread,
      };
    });
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    await this.uow.run(async ({ em }) => {
      const n = await em.findOne(Notice, { where: { id, userId: actor.id } });
      if (!n) throw new DomainError('NOT_FOUND', 'No such notice.');
      if (!n.readAt) await em.update(Notice, { id }, { readAt: new Date() });
    });
  }

  async markAllRead(actor: Actor): Promise<void> {
    await this.uow.run(({ em }) =>
      em
        .createQueryBuilder()
        .update(Notice)
        .set({ readAt: () => 'now()' })
        .where('user_id = :userId AND read_at IS NULL', { userId: actor.id })
        .execute(),
    );
  }

  /** One notice per follower and session; running it twice adds nothing (unique index). */
  async fanOut(sessionId: string, kind: NoticeKind): Promise<number> {
    return this.uow.run(async ({ em, publish }) => {
      const session = await em.findOne(LiveSession, { where: { id: sessionId } });
      if (!session) return 0;
      const shops = await em.find(Shop, { where: { ownerId: session.hostId }, order: { createdAt: 'ASC' } });
      if (!shops.length) return 0;
      const rows = (await em.query(
        `INSERT INTO notices (user_id, kind, shop_id, session_id)
         SELECT DISTINCT ON (f.user_id) f.user_id, $2, f.shop_id, $1
           FROM shop_follows f
          WHERE f.shop_id = ANY($3::uuid[]) AND ($4::boolean OR f.remind)
          ORDER BY f.user_id, f.created_at
         ON CONFLICT (user_id, session_id, kind) DO NOTHING
         RETURNING id, user_id, shop_id, created_at`,
        [sessionId, kind, shops.map((s) => s.id), kind === 'live_started'],
      )) as { id: string; user_id: string; shop_id: string; created_at: Date }[];
      const shopOf = new Map(shops.map((s) => [s.id, s]));
      for (const r of rows) {
        const notice = toView(
          { id: r.id, kind, createdAt: r.created_at, readAt: null } as Notice,
          shopOf.get(r.shop_id)!,
          session,
        );
        publish({ type: 'NoticeCreated', userId: r.user_id, notice } as NoticeCreated);
      }
      return rows.length;
    });
  }

  private track(work: Promise<unknown>): void {
    const p = work
      .catch((e: unknown) => this.logger.error(`notices not sent: ${String(e)}`))
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }
}

function toView(
  n: Pick<Notice, 'id' | 'kind' | 'createdAt' | 'readAt'>,
  shop: Shop,
  s: LiveSession,
): NoticeView {
  return {
    id: n.id,
    kind: n.kind,
    shop: { id: shop.id, name: shop.name },
    session: { id: s.id, title: s.title, scheduledStart: s.scheduledStart?.toISOString() ?? null },
    createdAt: new Date(n.createdAt).toISOString(),
    readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
  };
}
