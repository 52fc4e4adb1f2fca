import type { Program } from '../core/types.js';
/** PLACEHOLDER: the docker CLI (replaced by the real grammar). */
export const docker: Program = (argv, io) => {
  io.err(`docker: '${argv[0] ?? ''}' is not implemented yet\n`);
  return 1;
};
