/** Shell prompts inside containers. */
import type { Flavor } from './osfs.js';

/** Shell prompt inside a container of this image: `/ # ` (busybox, alpine) or `root@HOST:/# ` (debian family). */
export function shellPrompt(flavor: Flavor, hostname: string, cwd = '/', user = 'root'): string {
  if (flavor === 'debian') {
    const home = user === 'root' ? '/root' : `/home/${user}`;
    const shown = cwd === home ? '~' : cwd.startsWith(home + '/') ? '~' + cwd.slice(home.length) : cwd;
    return `${user}@${hostname}:${shown}${user === 'root' ? '#' : '$'} `;
  }
  return `${cwd} ${user === 'root' ? '#' : '$'} `;
}

/** `docker exec` on a missing executable (the message after "OCI runtime exec failed: " is included). */
export function ociExecFailed(argv0: string): string {
  return `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv0}": executable file not found in $PATH: unknown`;
}
