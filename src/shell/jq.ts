import type { Program } from '../core/types.js';
export const jq: Program = (_argv, io) => {
  io.err('jq: not implemented yet\n');
  return 1;
};
