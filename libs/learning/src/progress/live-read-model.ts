import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { LiveSessionKind, LiveSessionStatus } from '@app/contracts';
import type { ConnectedInterval } from './attendance';

export interface LiveSessionFacts {
  id: string;
  kind: LiveSessionKind;
  hostId: string;
  status: LiveSessionStatus;
  startedAt: Date | null;
  endedAt: Date | null;
  peakViewers: number;
}

/** The event libs/live publishes after a session ended; matched by its type name only. */
export interface LiveSessionEndedEvent {
  type: 'LiveSessionEnded';
  sessionId: string;
}

/**
 * Read-only view of libs/live's tables. `live` sits above `learning` in the module graph (it may
 * import learning, never the reverse), so learning reads the two tables it needs with plain SQL
 * here, in one place, instead of importing live's entities. The columns read are the contract;
 * live's migrations own them.
 */
@Injectable()
export class LiveReadModel {
  async session(em: EntityManager, id: string): Promise<LiveSessionFacts | null> {
    const rows: Array<{
      id: string;
      kind: LiveSessionKind;
      host_id: string;
      status: LiveSessionStatus;
      started_at: Date | null;
      ended_at: Date | null;
      peak_viewers: number;
    }> = await em.query(
      `SELECT id, kind, host_id, status, started_at, ended_at, peak_viewers FROM live_sessions WHERE id = $1`,
      [id],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          kind: r.kind,
          hostId: r.host_id,
          status: r.status,
          startedAt: r.started_at,
          endedAt: r.ended_at,
          peakViewers: r.peak_viewers,
        }
      : null;
  }

  /** Chat messages viewers sent during a session (the live room's chat store). */
  async chatMessages(em: EntityManager, sessionId: string): Promise<number> {
    const rows: Array<{ n: string }> = await em.query(
      'SELECT count(*) AS n FROM live_chat_messages WHERE session_id = $1',
      [sessionId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Connected intervals of signed-in people in a session, as the media server reported them. */
  async intervals(em: EntityManager, sessionId: string): Promise<Map<string, ConnectedInterval[]>> {
    const rows: Array<{ user_id: string; joined_at: Date; left_at: Date }> = await em.query(
      `SELECT user_id, joined_at, left_at FROM live_attendance
        WHERE session_id = $1 AND user_id NOT LIKE 'anon:%' ORDER BY joined_at`,
      [sessionId],
    );
    const out = new Map<string, ConnectedInterval[]>();
    for (const r of rows) {
      const list = out.get(r.user_id) ?? [];
      list.push({ joinedAt: r.joined_at, leftAt: r.left_at });
      out.set(r.user_id, list);
    }
    return out;
  }
}
