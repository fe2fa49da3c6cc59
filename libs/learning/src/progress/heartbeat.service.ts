import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, HeartbeatResponse } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { assertPrerequisites, findCourse, findLesson, requireEnrollment } from '../course/course-access';
import { LessonCompletion } from '../course/lesson-completion.entity';
import { LearningProgressChanged } from '../learning.events';
import { HeartbeatDto } from './dto/progress.dto';
import { creditHeartbeat } from './heartbeat-credit';
import { HoursEntry } from './hours-entry.entity';
import { totalLength } from './ranges';
import { VideoProgress, VideoViewer, VideoViewerTab } from './viewer-state.entity';

/** Watching at least this share of a video (each part counted once) completes the lesson. */
const VIDEO_COMPLETION_SHARE = 0.9;

@Injectable()
export class HeartbeatService {
  constructor(private readonly uow: UnitOfWork) {}

  async beat(actor: Actor, lessonId: string, dto: HeartbeatDto): Promise<HeartbeatResponse> {
    return this.uow.run(async ({ em, publish }) => {
      const lesson = await findLesson(em, lessonId);
      if (lesson.kind !== 'video' || !lesson.videoDurationSec) {
        throw new DomainError('CONFLICT', 'Heartbeats are for video lessons.');
      }
      const course = await findCourse(em, lesson.courseId);
      const enrollment = await requireEnrollment(em, actor, course);
      await assertPrerequisites(em, enrollment, course, lesson);

      const viewer = await this.lockViewer(em, actor.id);
      const nowMs = Date.now();
      const tab = await em.findOneBy(VideoViewerTab, { userId: actor.id, tabId: dto.tabId });
      const progress =
        (await em.findOneBy(VideoProgress, { userId: actor.id, lessonId })) ??
        em.create(VideoProgress, { userId: actor.id, lessonId, watched: [], watchedMs: 0 });
      const durationMs = lesson.videoDurationSec * 1000;
      const out = creditHeartbeat({
        nowMs,
        beat: { lessonId, seq: dto.seq, positionMs: dto.positionSec * 1000, rate: dto.playbackRate },
        tab: tab && {
          lessonId: tab.lessonId,
          lastSeq: tab.lastSeq,
          lastAtMs: tab.lastAt.getTime(),
          lastPositionMs: tab.lastPositionMs,
        },
        creditedUntilMs: viewer.creditedUntil?.getTime() ?? null,
        watched: progress.watched,
        videoDurationMs: durationMs,
      });
      const response = (): HeartbeatResponse => ({
        accepted: out.accepted,
        creditedMs: out.creditedMs,
        watchedSec: Math.round(totalLength(out.watched) / 1000),
        note: out.note,
      });
      if (!out.accepted || !out.tab) return response();

      await em.save(
        em.create(VideoViewerTab, {
          userId: actor.id,
          tabId: dto.tabId,
          lessonId,
          lastSeq: out.tab.lastSeq,
          lastAt: new Date(out.tab.lastAtMs),
          lastPositionMs: out.tab.lastPositionMs,
        }),
      );
      if (out.creditedMs > 0) {
        await em.update(
          VideoViewer,
          { userId: actor.id },
          { creditedUntil: new Date(out.creditedUntilMs ?? nowMs) },
        );
        progress.watched = out.watched;
        progress.watchedMs = totalLength(out.watched);
        await em.save(progress);
        await em.insert(HoursEntry, {
          enrollmentId: enrollment.id,
          courseId: course.id,
          lessonId,
          source: 'video',
          creditedMs: out.creditedMs,
          ref: dto.tabId,
        });
        if (progress.watchedMs >= durationMs * VIDEO_COMPLETION_SHARE) {
          await em
            .createQueryBuilder()
            .insert()
            .into(LessonCompletion)
            .values({ enrollmentId: enrollment.id, lessonId, credits: lesson.credits })
            .orIgnore()
            .execute();
        }
        publish(new LearningProgressChanged(enrollment.id));
      }
      return response();
    });
  }

  /** One viewer's heartbeats (any tab, any lesson) are judged one at a time. */
  private async lockViewer(em: EntityManager, userId: string): Promise<VideoViewer> {
    await em
      .createQueryBuilder()
      .insert()
      .into(VideoViewer)
      .values({ userId, creditedUntil: null })
      .orIgnore()
      .execute();
    return em.findOneOrFail(VideoViewer, { where: { userId }, lock: { mode: 'pessimistic_write' } });
  }
}
