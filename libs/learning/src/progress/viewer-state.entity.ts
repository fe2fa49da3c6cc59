import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Range } from './ranges';

/**
 * One row per viewer: the wall-clock watermark every credit lies before. Its row lock also
 * serialises the viewer's heartbeats, so parallel tabs are judged one after the other.
 */
@Entity('video_viewers')
export class VideoViewer {
  @PrimaryColumn('uuid')
  userId: string;

  @Column({ type: 'timestamptz', nullable: true })
  creditedUntil: Date | null;
}

/** The last accepted heartbeat of one browser tab. */
@Entity('video_viewer_tabs')
export class VideoViewerTab {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  tabId: string;

  @Column('uuid')
  lessonId: string;

  @Column('integer')
  lastSeq: number;

  @Column({ type: 'timestamptz' })
  lastAt: Date;

  @Column('integer')
  lastPositionMs: number;
}

/** The parts of a lesson's video one viewer has watched: merged `[start, end)` ms ranges. */
@Entity('video_progress')
export class VideoProgress {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('uuid')
  lessonId: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  watched: Range[];

  @Column({ type: 'integer', default: 0 })
  watchedMs: number;
}
