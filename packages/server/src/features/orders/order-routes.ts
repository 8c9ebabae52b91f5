import type { RoutePlugin } from '../../http/route';

/** Maker routes; being written. */
export const orderRoutes: RoutePlugin = () => Promise.resolve();
