import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { MEDIA_CONFIG, MediaAppConfig } from '@app/config';
import { MEDIA_LIMITS, MediaLimits } from '../sfu/media-limits';
import { Room, RoomCloseCause } from '../sfu/room';
import { SfuService } from '../sfu/sfu.service';
import { InternalApi } from './internal-api';
import { RoomReporter } from './room-reporter';

/** Whether a close ends the live session (the api then ends it), or the room may come back. */
export function roomEnded(cause: RoomCloseCause): boolean {
  switch (cause) {
    case 'ended': // the host ended it
    case 'hostLeft': // the host's grace period ran out
      return true;
    case 'empty': // everyone left; the host may still come back
    case 'mediaFailure': // peers reconnect to a new room
    case 'shutdown': // this media server is going away, not the session
      return false;
  }
}

/**
 * Gives every room a RoomReporter for its lifetime, and keeps a closed room's reporter until its
 * last report is delivered (or given up). Watches rooms through their observers: the SFU does not
 * know reporting exists.
 */
@Injectable()
export class RoomReportingService implements OnApplicationShutdown {
  private readonly logger = new Logger('RoomReporting');
  private readonly api: InternalApi;
  private readonly finishing = new Set<Promise<void>>();
  private readonly shuttingDown = new AbortController();

  constructor(
    private readonly sfu: SfuService,
    @Inject(MEDIA_CONFIG) config: MediaAppConfig,
    @Inject(MEDIA_LIMITS) private readonly limits: MediaLimits,
  ) {
    this.api = new InternalApi(config.media.apiInternalUrl, config.media.internalSecret, limits.apiTimeoutMs);
    sfu.rooms.observer.on('newroom', (room) => this.watch(room));
  }

  /** Reports of closed rooms still being delivered (tests wait on it). */
  get pending(): number {
    return this.finishing.size;
  }

  async onApplicationShutdown(): Promise<void> {
    // whichever shutdown hook runs first closes the rooms (idempotent); their last reports get one
    // attempt each and no retries, so a missing api cannot hold the process up
    this.sfu.rooms.closeAll();
    this.shuttingDown.abort();
    await Promise.all(this.finishing);
  }

  private watch(room: Room): void {
    const reporter = new RoomReporter(
      room.id,
      this.api,
      { intervalMs: this.limits.reportIntervalMs, giveUpMs: this.limits.reportGiveUpMs },
      this.logger,
    );
    room.observer.on('peerjoined', (peer) => {
      reporter.joined(peer);
      peer.onClose(() => reporter.left(peer));
    });
    room.observer.once('close', (cause) => {
      const done: Promise<void> = reporter
        .finish(roomEnded(cause), this.shuttingDown.signal)
        .finally(() => this.finishing.delete(done));
      this.finishing.add(done);
    });
  }
}
