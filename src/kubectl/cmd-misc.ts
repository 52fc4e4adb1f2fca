import type { K } from './context.js';
export const handlers: Record<string, (k: K) => number | Promise<number>> = {};
