/**
 * Bottega's forecasting and planning engine: pure functions that run in
 * Node, in a browser and in a service worker. No I/O, no clock reads, and
 * every random draw comes from a seeded generator.
 *
 * @packageDocumentation
 */
export * from './random/index';
export * from './metrics/index';
export * from './preorder/index';
export * from './demand/index';
export * from './plan/index';
export * from './allocation/index';
export * from './series/index';
export * from './backtest/index';
