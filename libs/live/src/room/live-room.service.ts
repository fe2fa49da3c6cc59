import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CHAT_MAX_LENGTH, ChatMessageView, DomainError, RoomSnapshot } from '@app/contracts';
import { DomainEventBus, UnitOfWork } from '@app/database';
import { Actor, RateLimiter, User } from '@app/identity';
import { LiveSession } from '../live-session/live-session.entity';
import { LiveSellingService } from '../selling/live-selling.service';
import { LiveChatMessage } from './live-chat-message.entity';

export interface LiveChatPosted {
  type: 'LiveChatPosted';
  message: ChatMessageView;
}
export interface LiveLikesChanged {
  type: 'LiveLikesChanged';
  sessionId: string;
  total: number;
}

const CHAT_BURST = 5;
const CHAT_WINDOW_SECONDS = 10;
const LIKE_FLUSH_MS = 1000;
const MAX_LIKES_PER_SEND = 100;

function view(m: LiveChatMessage): ChatMessageView {
  return {
    id: m.id,
    sessionId: m.sessionId,
    user: { id: m.userId, displayName: m.displayName },
    text: m.text,
    sentAt: m.createdAt.toISOString(),
  };
}

/**
 * Chat and likes of a live room. Likes arrive by the thousand during a flash sale: each node adds
 * them up in memory for a second and writes one increment, then everyone gets one total.
 */
@Injectable()
export class LiveRoomService implements OnModuleDestroy {
  private readonly logger = new Logger(LiveRoomService.name);
  private pendingLikes = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly limiter: RateLimiter,
    private readonly events: DomainEventBus,
    private readonly selling: LiveSellingService,
  ) {
    this.timer = setInterval(() => {
      this.flushLikes().catch((e: unknown) => this.logger.warn(`likes not flushed: ${String(e)}`));
    }, LIKE_FLUSH_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flushLikes();
  }

  /** What a joining socket is shown; `isHost` tells the gateway to add it to the host's room. */
  async snapshot(sessionId: string, actor: Actor | null = null): Promise<RoomSnapshot> {
    return this.uow.run(async ({ em }) => {
      const s = await em.findOneBy(LiveSession, { id: sessionId });
      if (!s) throw new DomainError('ROOM_NOT_FOUND', 'No such live session.');
      const recent = await em.find(LiveChatMessage, {
        where: { sessionId },
        order: { createdAt: 'DESC' },
        take: 30,
      });
      return {
        sessionId,
        status: s.status,
        viewers: s.viewersNow,
        likes: s.likes + (this.pendingLikes.get(sessionId) ?? 0),
        recentChat: recent.reverse().map(view),
        isHost: actor?.id === s.hostId,
        ...(await this.selling.roomState(em, sessionId)),
      };
    });
  }

  async postChat(actor: Actor | null, sessionId: string, raw: string): Promise<ChatMessageView> {
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in to chat.');
    const text = raw.trim();
    if (!text || text.length > CHAT_MAX_LENGTH) {
      throw new DomainError('VALIDATION_FAILED', `A message has 1 to ${CHAT_MAX_LENGTH} characters.`, [
        { field: 'text', reason: 'length', message: `1 to ${CHAT_MAX_LENGTH} characters` },
      ]);
    }
    const hit = await this.limiter.hit(`chat:${actor.id}`, CHAT_WINDOW_SECONDS);
    if (hit.count > CHAT_BURST) throw RateLimiter.tooMany(hit.resetAt);
    return this.uow.run(async ({ em, publish }) => {
      const s = await em.findOneBy(LiveSession, { id: sessionId });
      if (!s) throw new DomainError('ROOM_NOT_FOUND', 'No such live session.');
      if (s.status !== 'live')
        throw new DomainError('ROOM_CLOSED', 'Chat is open only while the session is live.');
      const user = await em.findOneByOrFail(User, { id: actor.id });
      const saved = await em.save(
        em.create(LiveChatMessage, { sessionId, userId: actor.id, displayName: user.displayName, text }),
      );
      const message = view(saved);
      publish({ type: 'LiveChatPosted', message } as LiveChatPosted);
      return message;
    });
  }

  addLikes(sessionId: string, count: number): void {
    const n = Math.max(0, Math.min(MAX_LIKES_PER_SEND, Math.floor(count)));
    if (n > 0) this.pendingLikes.set(sessionId, (this.pendingLikes.get(sessionId) ?? 0) + n);
  }

  async flushLikes(): Promise<void> {
    if (this.pendingLikes.size === 0) return;
    const batch = this.pendingLikes;
    this.pendingLikes = new Map();
    for (const [sessionId, n] of batch) {
      const result = await this.ds
        .createQueryBuilder()
        .update(LiveSession)
        .set({ likes: () => `likes + ${n}` })
        .where('id = :sessionId AND status = :live', { sessionId, live: 'live' })
        .returning(['likes'])
        .execute();
      const row = (result.raw as Array<{ likes: number }>)[0];
      if (row)
        this.events.emit({ type: 'LiveLikesChanged', sessionId, total: row.likes } as LiveLikesChanged);
    }
  }
}
