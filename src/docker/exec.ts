/** docker exec / docker cp: run through the container runtime. */
import type { Invocation } from './index.js';
import * as E from '../world/docker/engine.js';

export async function cmdExec(inv: Invocation): Promise<number> {
  const { io, p } = inv;
  const r = E.findContainer(io.world, p.args[0]!);
  if (!r.ok) {
    io.err(r.error + '\n');
    return 1;
  }
  const c = r.value;
  if (!c.State.Running) {
    io.err(`Error response from daemon: container ${c.Id} is not running\n`);
    return 1;
  }
  if (c.State.Paused) {
    io.err(`Error response from daemon: container ${c.Id} is paused, unpause the container before exec\n`);
    return 1;
  }
  io.err('exec: not available yet\n');
  return 1;
}

export async function cmdCp(inv: Invocation): Promise<number> {
  inv.io.err('cp: not available yet\n');
  return 1;
}
