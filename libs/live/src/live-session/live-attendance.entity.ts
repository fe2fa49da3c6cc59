import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AttendanceRole } from '@app/contracts';

/**
 * One connected interval of one person in one live session, as the media server saw it.
 * Append-only: attendance hours for training and viewing statistics are derived from these rows.
 */
@Entity('live_attendance')
@Index('ix_live_attendance_session_user', ['sessionId', 'userId'])
export class LiveAttendance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  /** a user id, or `anon:<id>` for a viewer who did not sign in */
  @Column({ type: 'varchar', length: 64 })
  userId: string;

  @Column({ type: 'varchar', length: 8 })
  role: AttendanceRole;

  @Column({ type: 'timestamptz' })
  joinedAt: Date;

  @Column({ type: 'timestamptz' })
  leftAt: Date;
}
