import type { Program } from '../core/types.js';
export const sed: Program = (_argv, io) => {
  io.err('sed: not implemented yet\n');
  return 1;
};
