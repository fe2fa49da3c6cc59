import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { numericAsNumber } from '../common/columns';

/**
 * A lesson a trainee finished. Video and live-class lessons are completed by the server from the
 * verified hours; text and practice lessons when the trainee marks them done.
 */
@Entity('lesson_completions')
export class LessonCompletion {
  @PrimaryColumn('uuid')
  enrollmentId: string;

  @PrimaryColumn('uuid')
  lessonId: string;

  /**
   * What the lesson was worth when it was finished. Earned credits stay earned: an instructor who
   * later changes the lesson's credits changes what it is worth to those who finish it after.
   */
  @Column({ type: 'numeric', precision: 5, scale: 1, transformer: numericAsNumber })
  credits: number;

  @CreateDateColumn({ type: 'timestamptz' })
  completedAt: Date;
}
