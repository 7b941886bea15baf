/**
 * Tiny pure rules shared by the pages, capture and the store, each written once. No zod, no DOM, no extension APIs:
 * anything may import this module, and it imports nothing outside itself.
 */
export * from './text';
export * from './campaign';
export * from './email';
export * from './link';
export * from './touchpoint';
export * from './identity';
export * from './company';
export * from './followup';
export * from './typed';
