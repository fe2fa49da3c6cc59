import { useId, useState } from 'react';
import { isApiError } from '../../api';
import { errorText, useI18n } from '../../i18n';
import { probeDuration, uploadLessonVideo, type UploadStage } from './video-upload';

export interface UploadedVideo {
  uploadId: string;
  fileName: string;
}

/**
 * A video file input that uploads as soon as a file is chosen, with a bar and a percentage, and
 * reports the verified upload (or null while there is none) and the length the browser read.
 */
export function VideoUploadField({
  onUploaded,
  onDuration,
}: {
  onUploaded(video: UploadedVideo | null): void;
  onDuration(seconds: number): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [stage, setStage] = useState<UploadStage | null>(null);
  const [done, setDone] = useState<UploadedVideo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);

  const choose = async (file: File | undefined) => {
    if (!file) return; // the picker was closed: keep what was there
    setChosen(file.name);
    setError(null);
    setStage(null);
    setDone(null);
    onUploaded(null);
    void probeDuration(file).then((s) => s !== null && onDuration(s));
    try {
      const uploadId = await uploadLessonVideo(file, setStage);
      const video = { uploadId, fileName: file.name };
      setDone(video);
      onUploaded(video);
    } catch (e) {
      setStage(null);
      // the api judges the bytes, not the name: a renamed document lands here
      const notAVideo =
        isApiError(e) && (e.code === 'UPLOAD_CONTENT_MISMATCH' || e.code === 'UPLOAD_TYPE_NOT_ALLOWED');
      setError(notAVideo ? t('learning.video.notAVideo') : errorText(e, t));
    }
  };

  const percent = stage?.kind === 'sending' ? Math.round(stage.fraction * 100) : 100;
  const busy = stage !== null && !done;
  return (
    <div className="field">
      <span className="field-label" id={`${id}-label`}>
        {t('learning.video.file')}
      </span>
      {/* the native button speaks the browser's language, not the page's: a styled label instead */}
      <label
        className={
          busy
            ? 'button button-secondary file-button file-button-busy'
            : 'button button-secondary file-button'
        }
      >
        <input
          id={id}
          type="file"
          accept="video/mp4,video/webm"
          className="file-button-input"
          disabled={busy}
          aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            // cleared so that choosing the same file again, after a refusal, uploads it again
            e.target.value = '';
            void choose(file);
          }}
        />
        {t('learning.video.choose')}
      </label>
      {chosen && <span className="learn-file-name">{chosen}</span>}
      <p id={`${id}-hint`} className="field-hint">
        {t('learning.video.fileHint')}
      </p>
      {stage && (
        <div className="learn-upload">
          <progress
            className="learn-upload-bar"
            value={percent}
            max={100}
            aria-label={t('learning.video.uploadProgress')}
            aria-valuetext={`${percent}%`}
          />
          <p className="learn-upload-text" aria-live="polite">
            {done
              ? t('learning.video.verified', { name: done.fileName })
              : stage.kind === 'checking'
                ? t('learning.video.checking', { percent })
                : t('learning.video.uploading', { percent })}
          </p>
        </div>
      )}
      {error && (
        <p className="form-alert" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
