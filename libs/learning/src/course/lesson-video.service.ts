import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, LessonVideoLink } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { RangeRead, UploadService, VerifiedUpload } from '@app/storage';
import { parseRange } from './byte-range';
import { assertCanRead, assertPrerequisites, findCourse, findLesson } from './course-access';
import { VideoLinks } from './video-link';

export type VideoResponse =
  { kind: 'full' | 'partial'; read: RangeRead } | { kind: 'unsatisfiable'; size: number };

/** Streams a lesson's video through the api, so only people allowed to study it can fetch it. */
@Injectable()
export class LessonVideoService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly uploads: UploadService,
    private readonly links: VideoLinks,
  ) {}

  /** Checked like the video itself, so a link is only handed to someone who may watch now. */
  async link(actor: Actor, lessonId: string): Promise<LessonVideoLink> {
    await this.uow.run(({ em }) => this.readable(em, actor, lessonId));
    return this.links.issue(actor, lessonId);
  }

  async open(actor: Actor | null, lessonId: string, rangeHeader: string | undefined): Promise<VideoResponse> {
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
    const file = await this.uow.run(({ em }) => this.readable(em, actor, lessonId));
    const span = parseRange(rangeHeader, file.size);
    if (span === 'unsatisfiable') return { kind: 'unsatisfiable', size: file.size };
    const read = await this.uploads.readRange(file, span ?? undefined);
    return { kind: span ? 'partial' : 'full', read };
  }

  private async readable(em: EntityManager, actor: Actor, lessonId: string): Promise<VerifiedUpload> {
    const lesson = await findLesson(em, lessonId);
    const course = await findCourse(em, lesson.courseId);
    const enrollment = await assertCanRead(em, actor, course);
    if (enrollment) await assertPrerequisites(em, enrollment, course, lesson);
    if (!lesson.videoUploadId) throw new DomainError('NOT_FOUND', 'This lesson has no video.');
    return this.uploads.requireVerified(lesson.videoUploadId, null, ['lesson-video'], em);
  }
}
