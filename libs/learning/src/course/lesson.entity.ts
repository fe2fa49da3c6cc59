import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LessonKind } from '@app/contracts';
import { numericAsNumber } from '../common/columns';
import { CourseModule } from './course-module.entity';

/** Positions are 0…n-1 within a module, dense and unique (checked at commit, as for modules). */
@Entity('lessons')
@Unique('uq_lessons_position', ['moduleId', 'position'], { deferrable: 'INITIALLY DEFERRED' })
export class Lesson {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  moduleId: string;

  @ManyToOne(() => CourseModule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id' })
  module?: CourseModule;

  /** kept next to the module for the roll-ups, which group by course */
  @Index('ix_lessons_course')
  @Column('uuid')
  courseId: string;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'varchar', length: 12 })
  kind: LessonKind;

  @Column('integer')
  position: number;

  @Column({ type: 'numeric', precision: 5, scale: 1, default: 0, transformer: numericAsNumber })
  credits: number;

  /** a verified `lesson-video` upload (libs/storage); no foreign key across the storage boundary */
  @Column({ type: 'uuid', nullable: true })
  videoUploadId: string | null;

  @Column({ type: 'integer', nullable: true })
  videoDurationSec: number | null;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  /** a `class` live session (libs/live); referenced by id only, live sits above learning */
  @Index('ix_lessons_live_session')
  @Column({ type: 'uuid', nullable: true })
  liveSessionId: string | null;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  prerequisiteLessonIds: string[];
}
