import { useId, useState } from 'react';
import {
  LessonKinds,
  type CreateLessonRequest,
  type LessonKind,
  type LessonView,
  type UpdateLessonRequest,
} from '@app/contracts';
import { TextField } from '../../components/text-field';
import { useI18n, type PlainKey } from '../../i18n';
import { EditorForm, SelectField } from './form-parts';
import { learningApi } from './learning-api';
import { LiveClassPicker } from './live-class-picker';
import { VideoUploadField, type UploadedVideo } from './video-upload-field';
import { PrerequisitePicker } from './prerequisite-picker';
import { useSaving } from './use-saving';

/** What is still missing before the api would take the lesson, as a message key; null when ready. */
function missing(
  kind: LessonKind,
  video: UploadedVideo | null,
  duration: string,
  session: string | null,
  hasVideo: boolean,
) {
  switch (kind) {
    case 'video':
      if (!video && !hasVideo) return 'learning.lessonForm.needVideo' satisfies PlainKey;
      return Number(duration) >= 1 ? null : ('learning.lessonForm.needDuration' satisfies PlainKey);
    case 'live_class':
      return session ? null : ('learning.lessonForm.needSession' satisfies PlainKey);
    case 'text':
    case 'practice':
      return null;
  }
}

/** The fields of an edit: only what differs from the lesson, and only its own kind's content. */
function changesOf(
  lesson: LessonView,
  next: { title: string; credits: number; body: string; prereqs: string[] },
  video: UploadedVideo | null,
  duration: number,
  session: string | null,
): UpdateLessonRequest {
  const request: UpdateLessonRequest = {};
  if (next.title !== lesson.title) request.title = next.title;
  if (next.credits !== lesson.credits) request.credits = next.credits;
  const samePrereqs =
    next.prereqs.length === lesson.prerequisiteLessonIds.length &&
    next.prereqs.every((id) => lesson.prerequisiteLessonIds.includes(id));
  if (!samePrereqs) request.prerequisiteLessonIds = next.prereqs;
  if ((lesson.kind === 'text' || lesson.kind === 'practice') && next.body !== lesson.body) {
    request.body = next.body;
  }
  if (lesson.kind === 'video') {
    if (video) request.videoUploadId = video.uploadId;
    if (video || duration !== lesson.videoDurationSec) request.videoDurationSec = duration;
  }
  if (lesson.kind === 'live_class' && session && session !== lesson.liveSessionId) {
    request.liveSessionId = session;
  }
  return request;
}

/**
 * The lessons `lesson` may require: not itself, nor any lesson that already needs it (directly or
 * through others), which would leave both out of every trainee's reach.
 */
function possiblePrerequisites(courseLessons: LessonView[], lesson: LessonView | undefined): LessonView[] {
  if (!lesson) return courseLessons;
  const needsIt = (l: LessonView, seen: Set<string>): boolean =>
    l.prerequisiteLessonIds.some((id) => {
      if (id === lesson.id) return true;
      if (seen.has(id)) return false;
      seen.add(id);
      const next = courseLessons.find((c) => c.id === id);
      return next ? needsIt(next, seen) : false;
    });
  return courseLessons.filter((l) => l.id !== lesson.id && !needsIt(l, new Set()));
}

/**
 * A new lesson of any kind in one module, or, given `lesson`, an edit of that lesson: each kind asks
 * for its own content, and an edited lesson keeps its kind.
 */
export function LessonForm({
  moduleId,
  moduleTitle,
  lesson,
  courseLessons,
  onSaved,
  onCancel,
}: {
  moduleId: string;
  moduleTitle: string;
  /** the lesson to edit; a new one is added without it */
  lesson?: LessonView;
  /** lessons already in the course, offered as prerequisites */
  courseLessons: LessonView[];
  onSaved(lesson: LessonView): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const bodyId = useId();
  const [title, setTitle] = useState(lesson?.title ?? '');
  const [kind, setKind] = useState<LessonKind>(lesson?.kind ?? 'video');
  const [credits, setCredits] = useState(String(lesson?.credits ?? 1));
  const [body, setBody] = useState(lesson?.body ?? '');
  const [video, setVideo] = useState<UploadedVideo | null>(null);
  const [duration, setDuration] = useState(lesson?.videoDurationSec ? String(lesson.videoDurationSec) : '');
  const [session, setSession] = useState<string | null>(lesson?.liveSessionId ?? null);
  const [prereqs, setPrereqs] = useState<string[]>(lesson?.prerequisiteLessonIds ?? []);
  const { busy, error, setError, save } = useSaving();
  const heading = lesson
    ? t('learning.lessonForm.editTitle', { lesson: lesson.title })
    : t('learning.lessonForm.title', { module: moduleTitle });

  const send = (): Promise<LessonView> => {
    if (lesson) {
      const next = { title: title.trim(), credits: Number(credits), body, prereqs };
      return learningApi.updateLesson(lesson.id, changesOf(lesson, next, video, Number(duration), session));
    }
    const request: CreateLessonRequest = {
      title: title.trim(),
      kind,
      credits: Number(credits),
      prerequisiteLessonIds: prereqs,
      ...(kind === 'video' && video
        ? { videoUploadId: video.uploadId, videoDurationSec: Number(duration) }
        : {}),
      ...(kind === 'text' || kind === 'practice' ? { body } : {}),
      ...(kind === 'live_class' && session ? { liveSessionId: session } : {}),
    };
    return learningApi.addLesson(moduleId, request);
  };

  const submit = async () => {
    const gap = missing(kind, video, duration, session, lesson?.hasVideo ?? false);
    if (gap) return setError(t(gap));
    await save(async () => onSaved(await send()));
  };

  const practice = kind === 'practice';
  return (
    <EditorForm
      label={heading}
      saveLabel={t('learning.lessonForm.save')}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <h3>{heading}</h3>
      <TextField
        label={t('learning.lessonForm.lessonTitle')}
        value={title}
        onChange={setTitle}
        required
        maxLength={120}
      />
      {lesson ? (
        <p className="learn-note">
          {t('learning.lessonForm.kindFixed', { kind: t(`learning.lessonKind.${lesson.kind}`) })}
        </p>
      ) : (
        <SelectField
          label={t('learning.lessonForm.kind')}
          value={kind}
          onChange={(next) => {
            setKind(next);
            setError(null);
          }}
          options={LessonKinds.map((k) => ({ value: k, text: t(`learning.lessonKind.${k}`) }))}
        />
      )}
      <TextField
        label={t('learning.lessonForm.credits')}
        hint={lesson ? t('learning.lessonForm.creditsEditHint') : undefined}
        value={credits}
        onChange={setCredits}
        type="number"
        inputMode="decimal"
        min={0}
        max={100}
        step={0.1}
        required
      />
      {kind === 'video' && (
        <>
          {lesson?.hasVideo && <p className="learn-note">{t('learning.lessonForm.keepVideo')}</p>}
          <VideoUploadField onUploaded={setVideo} onDuration={(s) => setDuration(String(s))} />
          <TextField
            label={t('learning.video.duration')}
            hint={t('learning.video.durationHint')}
            value={duration}
            onChange={setDuration}
            type="number"
            inputMode="numeric"
            min={1}
            max={36000}
            step={1}
          />
        </>
      )}
      {(kind === 'text' || practice) && (
        <div className="field">
          <label className="field-label" htmlFor={bodyId}>
            {t(practice ? 'learning.lessonForm.practiceBody' : 'learning.lessonForm.body')}
          </label>
          <textarea
            id={bodyId}
            className="learn-textarea"
            rows={8}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            required
            maxLength={50000}
            aria-describedby={`${bodyId}-hint`}
          />
          <p id={`${bodyId}-hint`} className="field-hint">
            {t(practice ? 'learning.lessonForm.practiceHint' : 'learning.lessonForm.bodyHint')}
          </p>
        </div>
      )}
      {kind === 'live_class' && <LiveClassPicker value={session} onChange={setSession} />}
      <PrerequisitePicker
        legend={t('learning.lessonForm.prerequisites')}
        items={possiblePrerequisites(courseLessons, lesson)}
        value={prereqs}
        onChange={setPrereqs}
      />
    </EditorForm>
  );
}
