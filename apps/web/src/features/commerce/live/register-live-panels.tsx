import { LIVE_PANELS, type LivePanelProps } from '../../live/live-panels';
import { StudioCommerce, WatchCommerce } from './live-commerce';

/**
 * Mounts the selling panels into the live pages' slots (features/live/live-panels.tsx): the
 * pinned card and ticker under the video for viewers of a sale, the selling console for its host.
 * Imported once by the commerce routes; the guard keeps hot reloads from adding twice.
 */
if (!LIVE_PANELS.some((p) => p.id.startsWith('commerce.'))) {
  LIVE_PANELS.push(
    {
      id: 'commerce.watch',
      area: 'stage',
      audience: ['viewer'],
      kinds: ['sale'],
      Component: ({ session }: LivePanelProps) => <WatchCommerce sessionId={session.id} />,
    },
    {
      id: 'commerce.studio',
      area: 'side',
      audience: ['host'],
      kinds: ['sale'],
      Component: ({ session }: LivePanelProps) => <StudioCommerce sessionId={session.id} />,
    },
  );
}
