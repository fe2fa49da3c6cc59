import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

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

  @CreateDateColumn({ type: 'timestamptz' })
  completedAt: Date;
}
