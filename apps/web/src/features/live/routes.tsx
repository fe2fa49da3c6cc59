import type { RouteObject } from 'react-router-dom';

/** Pages of the live feature, mounted inside the app shell. */
export const liveRoutes: RouteObject[] = [];
