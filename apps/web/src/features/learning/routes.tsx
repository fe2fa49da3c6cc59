import type { RouteObject } from 'react-router-dom';

/** Pages of the learning feature, mounted inside the app shell. */
export const learningRoutes: RouteObject[] = [];
