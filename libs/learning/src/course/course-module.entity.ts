import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Course } from './course.entity';

/**
 * Positions are 0…n-1 within a course, dense and unique. The uniqueness is checked at commit, so
 * a reorder rewrites the positions it changes in any order inside one transaction.
 */
@Entity('course_modules')
@Unique('uq_course_modules_position', ['courseId', 'position'], { deferrable: 'INITIALLY DEFERRED' })
export class CourseModule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column('integer')
  position: number;
}
