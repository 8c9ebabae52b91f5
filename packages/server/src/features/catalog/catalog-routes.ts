import type { RoutePlugin } from '../../http/route';

/** Maker routes; being written. */
export const catalogRoutes: RoutePlugin = () => Promise.resolve();
