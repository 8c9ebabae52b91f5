import type { RoutePlugin } from '../../http/route';

/** Maker routes; being written. */
export const popupRoutes: RoutePlugin = () => Promise.resolve();
