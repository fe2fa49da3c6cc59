import type { RouteObject } from 'react-router-dom';
import { RequireAuth } from '../../auth/require-auth';
import { LiveListPage } from './live-list-page';
import './live.css';

// The studio and the watch page carry the WebRTC client (mediasoup-client, socket.io): loaded
// when one opens them, so the rest of the app stays light on a slow phone connection.
const studio = () => import('./studio-page');

/** Pages of the live feature, mounted inside the app shell. */
export const liveRoutes: RouteObject[] = [
  { path: 'live', element: <LiveListPage /> },
  {
    path: 'live/studio',
    lazy: async () => {
      const { StudioHomePage } = await studio();
      return {
        element: (
          <RequireAuth>
            <StudioHomePage />
          </RequireAuth>
        ),
      };
    },
  },
  {
    path: 'live/studio/:id',
    lazy: async () => {
      const { StudioSessionPage } = await studio();
      return {
        element: (
          <RequireAuth>
            <StudioSessionPage />
          </RequireAuth>
        ),
      };
    },
  },
  {
    path: 'live/:id',
    lazy: async () => ({ Component: (await import('./watch-page')).WatchPage }),
  },
];
