import type { RouteObject } from 'react-router-dom';

/** Pages of the commerce feature, mounted inside the app shell. */
export const commerceRoutes: RouteObject[] = [];
