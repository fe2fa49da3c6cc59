import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AssessmentKind, QuestionKind } from '@app/contracts';
import { Course } from '../course/course.entity';

/** A course's quiz or practical test; a certificate needs every one of them passed. */
@Entity('assessments')
export class Assessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_assessments_course')
  @Column('uuid')
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  @Column({ type: 'varchar', length: 12 })
  kind: AssessmentKind;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  /** quiz: percent of points; practical: rubric total out of 100 */
  @Column('integer')
  passMark: number;

  @Column('integer')
  maxAttempts: number;
}

@Entity('quiz_questions')
@Index('ix_quiz_questions_assessment', ['assessmentId', 'position'])
export class QuizQuestion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  assessmentId: string;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Assessment;

  @Column('integer')
  position: number;

  @Column({ type: 'varchar', length: 12 })
  kind: QuestionKind;

  @Column({ type: 'varchar', length: 1000 })
  prompt: string;

  @Column({ type: 'jsonb' })
  options: string[];

  /** indexes into `options`; never sent to trainees */
  @Column({ type: 'jsonb' })
  correct: number[];

  @Column({ type: 'integer', default: 1 })
  points: number;
}
