import type { Program } from '../core/types.js';
export const awk: Program = (_argv, io) => {
  io.err('awk: not implemented yet\n');
  return 1;
};
