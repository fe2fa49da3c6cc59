import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Kept for moderation and for grading practice sessions (chat activity); text stored verbatim. */
@Entity('live_chat_messages')
@Index('ix_live_chat_session_created', ['sessionId', 'createdAt'])
export class LiveChatMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  @Column('uuid')
  userId: string;

  /** the name as shown when the message was sent */
  @Column({ type: 'varchar', length: 40 })
  displayName: string;

  @Column({ type: 'varchar', length: 200 })
  text: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
