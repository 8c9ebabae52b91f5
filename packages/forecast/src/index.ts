/**
 * Bottega's forecasting and planning engine: pure functions that run in
 * Node, in a browser and in a service worker.
 *
 * @packageDocumentation
 */
export {};
