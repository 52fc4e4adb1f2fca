import type { Program } from '../core/types.js';
/** PLACEHOLDER: minikube (replaced by the real one). */
export const minikube: Program = (argv, io) => {
  io.err(`minikube: '${argv[0] ?? ''}' is not implemented yet\n`);
  return 1;
};
