import type { AttendanceRole, RoomReport } from '@app/contracts';

export type AttendanceInterval = RoomReport['attendance'][number];

interface Present {
  userId: string;
  role: AttendanceRole;
  joinedAt: Date;
}

interface Pending {
  seq: number;
  interval: AttendanceInterval;
}

/** A report ready to send, and what to acknowledge once the api has it. */
export interface ReportDraft {
  report: RoomReport;
  /** the highest interval sequence number in the report (0: none) */
  upToSeq: number;
}

/**
 * Who is in one room and which attendance intervals the api has not received yet. Pure
 * bookkeeping: the reporter decides when to send.
 *
 * A viewer is a joined peer with the viewer role; host and cohosts are on stage, not audience.
 * An interval runs from `join` to the peer's departure (or the room's end); a peer that never
 * joined received no media and leaves no interval.
 *
 * Undelivered intervals are kept (a transient api failure loses nothing) up to `maxPending`; past
 * that the oldest are dropped and counted, so a long api outage cannot exhaust memory.
 */
export class AttendanceBook {
  private readonly present = new Map<string, Present>();
  private pending: Pending[] = [];
  private seq = 0;
  private peak = 0;
  private droppedCount = 0;

  constructor(private readonly maxPending = 50_000) {}

  get viewersNow(): number {
    let n = 0;
    for (const p of this.present.values()) if (p.role === 'viewer') n++;
    return n;
  }

  get peakViewers(): number {
    return this.peak;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** intervals dropped because too many were undelivered */
  get dropped(): number {
    return this.droppedCount;
  }

  join(key: string, userId: string, role: AttendanceRole, at = new Date()): void {
    if (this.present.has(key)) return;
    this.present.set(key, { userId, role, joinedAt: at });
    this.peak = Math.max(this.peak, this.viewersNow);
  }

  leave(key: string, at = new Date()): void {
    const p = this.present.get(key);
    if (!p) return;
    this.present.delete(key);
    this.push({
      userId: p.userId,
      role: p.role,
      joinedAt: p.joinedAt.toISOString(),
      leftAt: (at < p.joinedAt ? p.joinedAt : at).toISOString(),
    });
  }

  /** The room ended: everyone still present leaves now. */
  leaveAll(at = new Date()): void {
    for (const key of [...this.present.keys()]) this.leave(key, at);
  }

  /** The next report: current numbers and up to `maxIntervals` of the oldest undelivered intervals. */
  draft(maxIntervals: number): ReportDraft {
    const batch = this.pending.slice(0, maxIntervals);
    return {
      report: {
        viewersNow: this.viewersNow,
        peakViewers: this.peak,
        attendance: batch.map((p) => p.interval),
      },
      upToSeq: batch.length ? batch[batch.length - 1].seq : 0,
    };
  }

  /** The api has (or refused for good) every interval up to `upToSeq`. */
  acknowledge(upToSeq: number): void {
    // by sequence, not by count: intervals may have been dropped while the report was in flight
    this.pending = this.pending.filter((p) => p.seq > upToSeq);
  }

  private push(interval: AttendanceInterval): void {
    this.pending.push({ seq: ++this.seq, interval });
    if (this.pending.length > this.maxPending) {
      const excess = this.pending.length - this.maxPending;
      this.pending.splice(0, excess);
      this.droppedCount += excess;
    }
  }
}
