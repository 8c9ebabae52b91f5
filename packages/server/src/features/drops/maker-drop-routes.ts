import type { RoutePlugin } from '../../http/route';

/** Maker routes; being written. */
export const makerDropRoutes: RoutePlugin = () => Promise.resolve();
