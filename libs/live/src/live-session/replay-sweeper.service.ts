import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { API_CONFIG, ApiConfig } from '@app/config';
import { UnitOfWork } from '@app/database';
import { ReplayService } from './replay.service';

const INTERVAL_MS = 60_000;

/**
 * Gives up on replays nobody will deliver: a recorded session that ended long ago while its
 * replay is still `recording` or `processing` (the media server lost the room, or the host never
 * joined it, so no completion or failure report will come). Such a replay becomes `failed`, so the
 * watch page stops saying "being prepared", and a file uploaded for it (the media server could tell
 * neither `replay-complete` nor `replay-failed`) is removed. One UPDATE, so every api node may run
 * it; a removal checks the status again with the row locked (ReplayService.discardObject).
 */
@Injectable()
export class ReplaySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReplaySweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
    private readonly replays: ReplayService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; tests call it directly. Returns the ids of the replays it gave up on. */
  async sweep(): Promise<string[]> {
    const rows = (await this.uow.run(({ em }) =>
      em.query(
        `WITH gone AS (
           UPDATE live_sessions
              SET replay_status = 'failed', replay_object_key = NULL, replay_duration_ms = NULL,
                  updated_at = now()
            WHERE replay_status IN ('recording', 'processing')
              AND status = 'ended'
              AND ended_at < now() - make_interval(mins => $1)
           RETURNING id)
         SELECT id FROM gone`,
        [this.cfg.live.replayGiveUpMinutes],
      ),
    )) as { id: string }[];
    if (rows.length) this.logger.warn(`gave up on ${rows.length} replay(s) nobody delivered`);
    for (const { id } of rows) await this.replays.discardObject(id);
    return rows.map((r) => r.id);
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sweep()
      .catch((e: unknown) => this.logger.error(`replay sweep failed: ${String(e)}`))
      .finally(() => (this.running = null));
  }
}
