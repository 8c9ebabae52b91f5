import type { RoutePlugin } from '../../http/route';

/** Maker routes; being written. */
export const coopRoutes: RoutePlugin = () => Promise.resolve();
