import { useState } from 'react';
import { useI18n } from '../../i18n';
import { codeText } from './live-text';
import type { StagePhase } from './use-stage-publisher';

interface StageInviteProps {
  hostName: string;
  invited: boolean;
  phase: StagePhase;
  error: string | null;
  removed: boolean;
  onJoin(): void;
  onLeave(): void;
}

/** The invited viewer's bar: accept or decline; once on stage, a way off it. */
export function StageInvite({ hostName, invited, phase, error, removed, onJoin, onLeave }: StageInviteProps) {
  const { t } = useI18n();
  const [declined, setDeclined] = useState(false);
  const problem = error && (error === 'MEDIA_DEVICES' ? t('live.devices.denied') : codeText(error, t));

  if (removed && !invited) {
    return (
      <p className="live-banner" role="status">
        {t('live.watch.removed')}
      </p>
    );
  }
  if (!invited) return null;
  if (phase === 'on') {
    return (
      <div className="live-banner live-banner-on" role="status">
        <p>{t('live.watch.onStage')}</p>
        <button type="button" className="button button-secondary button-small" onClick={onLeave}>
          {t('live.watch.leaveStage')}
        </button>
      </div>
    );
  }
  if (declined && !problem) return null;
  return (
    <div
      className="live-banner live-banner-invite"
      role="region"
      aria-live="assertive"
      aria-labelledby="live-invite-title"
    >
      <p id="live-invite-title" className="live-banner-title">
        {t('live.watch.invited', { name: hostName })}
      </p>
      <p>{t('live.watch.invitedBody')}</p>
      {problem && (
        <p className="live-chat-error" role="alert">
          {problem}
        </p>
      )}
      <div className="live-banner-actions">
        <button type="button" className="button" disabled={phase === 'joining'} onClick={onJoin}>
          {t(phase === 'joining' ? 'live.watch.joining' : 'live.watch.accept')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setDeclined(true)}>
          {t('live.watch.decline')}
        </button>
      </div>
    </div>
  );
}
