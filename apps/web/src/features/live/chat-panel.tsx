import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { CHAT_MAX_LENGTH, type ChatMessageView } from '@app/contracts';
import { Link } from 'react-router-dom';
import { useUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n';
import { SendIcon } from './live-icons';
import { codeText } from './live-text';
import type { SendChatResult } from './use-live-room';

interface ChatPanelProps {
  sessionId: string;
  hostId: string;
  chat: ChatMessageView[];
  /** absent: read only (an observer) */
  sendChat?: (text: string) => Promise<SendChatResult>;
  /** shown at the end of the input row (the like button on the watch page) */
  children?: React.ReactNode;
}

/** The room's chat: newest at the bottom, a sign-in link instead of the input for guests. */
export function ChatPanel({ sessionId, hostId, chat, sendChat, children }: ChatPanelProps) {
  const { t } = useI18n();
  const user = useUser();
  const inputId = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // follow new messages, unless the person scrolled up to read older ones
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    if (nearBottom || chat.at(-1)?.user.id === user?.id) list.scrollTop = list.scrollHeight;
  }, [chat, user?.id]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const message = text.trim();
    if (!message || busy || !sendChat) return;
    setBusy(true);
    setError(null);
    void sendChat(message).then((result) => {
      setBusy(false);
      if (result.ok) setText('');
      else setError(codeText(result.code, t));
    });
  };

  return (
    <section className="live-chat" aria-label={t('live.chat.title')}>
      <ol ref={listRef} className="live-chat-list" aria-live="polite" aria-relevant="additions">
        {chat.length === 0 && <li className="live-chat-empty">{t('live.chat.empty')}</li>}
        {chat.map((m) => (
          <li key={m.id} className="live-chat-message">
            <span className={m.user.id === hostId ? 'live-chat-name live-chat-host' : 'live-chat-name'}>
              {m.user.id === hostId ? `${m.user.displayName} · ${t('live.chat.host')}` : m.user.displayName}
            </span>{' '}
            <span className="live-chat-text">{m.text}</span>
          </li>
        ))}
      </ol>
      {error && (
        <p className="live-chat-error" role="alert">
          {error}
        </p>
      )}
      <div className="live-chat-bar">
        {!sendChat ? null : user ? (
          <form className="live-chat-form" onSubmit={onSubmit}>
            <label htmlFor={inputId} className="visually-hidden">
              {t('live.chat.label')}
            </label>
            <input
              id={inputId}
              className="live-chat-input"
              value={text}
              maxLength={CHAT_MAX_LENGTH}
              placeholder={t('live.chat.placeholder')}
              enterKeyHint="send"
              autoComplete="off"
              onChange={(e) => setText(e.target.value)}
            />
            <button
              type="submit"
              className="live-icon-button live-send"
              disabled={busy || !text.trim()}
              aria-label={t('live.chat.send')}
            >
              <SendIcon />
            </button>
          </form>
        ) : (
          <Link className="live-chat-signin" to={`/sign-in?next=${encodeURIComponent(`/live/${sessionId}`)}`}>
            {t('live.chat.signIn')}
          </Link>
        )}
        {children}
      </div>
    </section>
  );
}
