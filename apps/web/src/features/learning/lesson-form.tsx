import { useId, useState } from 'react';
import { LessonKinds, type CreateLessonRequest, type LessonKind, type LessonView } from '@app/contracts';
import { FormAlert } from '../../components/form-alert';
import { TextField } from '../../components/text-field';
import { errorText, useI18n, type PlainKey } from '../../i18n';
import { learningApi } from './learning-api';
import { LiveClassPicker } from './live-class-picker';
import { VideoUploadField, type UploadedVideo } from './video-upload-field';
import { PrerequisitePicker } from './prerequisite-picker';

/** What is still missing before the api would take the lesson, as a message key; null when ready. */
function missing(kind: LessonKind, video: UploadedVideo | null, duration: string, session: string | null) {
  switch (kind) {
    case 'video':
      if (!video) return 'learning.lessonForm.needVideo' satisfies PlainKey;
      return Number(duration) >= 1 ? null : ('learning.lessonForm.needDuration' satisfies PlainKey);
    case 'live_class':
      return session ? null : ('learning.lessonForm.needSession' satisfies PlainKey);
    case 'text':
    case 'practice':
      return null;
  }
}

/** A new lesson of any kind in one module; each kind asks for its own content. */
export function LessonForm({
  moduleId,
  moduleTitle,
  courseLessons,
  onSaved,
  onCancel,
}: {
  moduleId: string;
  moduleTitle: string;
  /** lessons already in the course, offered as prerequisites */
  courseLessons: LessonView[];
  onSaved(lesson: LessonView): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const kindId = useId();
  const bodyId = useId();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<LessonKind>('video');
  const [credits, setCredits] = useState('1');
  const [body, setBody] = useState('');
  const [video, setVideo] = useState<UploadedVideo | null>(null);
  const [duration, setDuration] = useState('');
  const [session, setSession] = useState<string | null>(null);
  const [prereqs, setPrereqs] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const gap = missing(kind, video, duration, session);
    if (gap) return setError(t(gap));
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
    setBusy(true);
    setError(null);
    try {
      onSaved(await learningApi.addLesson(moduleId, request));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const practice = kind === 'practice';
  return (
    <form
      className="form learn-subform"
      aria-label={t('learning.lessonForm.title', { module: moduleTitle })}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t('learning.lessonForm.title', { module: moduleTitle })}</h3>
      <TextField
        label={t('learning.lessonForm.lessonTitle')}
        value={title}
        onChange={setTitle}
        required
        maxLength={120}
      />
      <div className="field">
        <label className="field-label" htmlFor={kindId}>
          {t('learning.lessonForm.kind')}
        </label>
        <select
          id={kindId}
          className="learn-select"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as LessonKind);
            setError(null);
          }}
        >
          {LessonKinds.map((k) => (
            <option key={k} value={k}>
              {t(`learning.lessonKind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label={t('learning.lessonForm.credits')}
        value={credits}
        onChange={setCredits}
        type="number"
        inputMode="decimal"
        min={0}
        max={100}
        step={0.5}
        required
      />
      {kind === 'video' && (
        <>
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
        items={courseLessons}
        value={prereqs}
        onChange={setPrereqs}
      />
      <FormAlert message={error} />
      <div className="learn-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('learning.lessonForm.saving') : t('learning.lessonForm.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('learning.lessonForm.cancel')}
        </button>
      </div>
    </form>
  );
}
