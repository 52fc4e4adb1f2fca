import type { Program } from '../core/types.js';
/** PLACEHOLDER: the kubectl CLI (replaced by the real grammar). */
export const kubectl: Program = (argv, io) => {
  io.err(`kubectl: '${argv[0] ?? ''}' is not implemented yet\n`);
  return 1;
};
