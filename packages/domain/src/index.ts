/**
 * Bottega's pure rules, shared by the server and the browser.
 *
 * @packageDocumentation
 */
export * from './money';
export * from './stock';
export * from './drop-lifecycle';
export * from './schemas/common';
export * from './schemas/storefront';
export * from './schemas/maker';
