#!/usr/bin/env bash
# Records the real docker CLI (client only, no daemon) into fixtures/docker/ and src/docker/spec.json:
#   - for every command path: its --help text, usage line, flags (from --help) and argument-count rule
#     (probed by running it with 0 and with 12 arguments);
#   - fixtures/docker/errors.json: stdout, stderr and exit code of flag/usage error lines (see CASES below).
# Usage: scripts/record-docker-fixtures.sh   (needs `docker` on PATH; never needs a daemon)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v docker >/dev/null || { echo "docker not on PATH" >&2; exit 1; }
node --input-type=module - <<'NODE'
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
const sh = (args) => {
  const r = spawnSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_CLI_HINTS: 'false' } });
  const strip = (s) => s.replace(/^DEPRECATED: The legacy builder[^\n]*\n[^\n]*\n[^\n]*\n\n/, '');
  return { stdout: strip(r.stdout), stderr: strip(r.stderr), code: r.status };
};
const groups = { container: [], image: [], network: [], volume: [], system: [], builder: [], context: [] };
const top = [];
const rootHelp = sh(['--help']).stdout;
let section = '';
for (const line of rootHelp.split('\n')) {
  if (/^\S.*:$/.test(line)) { section = line; continue; }
  const m = /^  ([a-z][\w-]*)\*?\s{2,}/.exec(line);
  if (m && /Commands:$/.test(section) && !/Swarm/.test(section)) top.push(m[1]);
}
for (const g of Object.keys(groups)) {
  const h = sh([g, '--help']).stdout + sh([g, '--help']).stderr;
  let on = false;
  for (const line of h.split('\n')) {
    if (line === 'Commands:') { on = true; continue; }
    if (on && line === '') break;
    const m = /^  ([a-z][\w-]*)\s{2,}/.exec(line);
    if (on && m) groups[g].push(m[1]);
  }
}
const aliasSubs = { container: ['list', 'ps', 'remove'], image: ['list', 'remove'], network: ['list', 'remove'], volume: ['list', 'remove'] };
const paths = [[]];
for (const t of top) paths.push([t]);
for (const [g, subs] of Object.entries(groups)) for (const s of [...subs, ...(aliasSubs[g] ?? [])]) paths.push([g, s]);
const spec = {};
const help = {};
for (const p of paths) {
  const h = sh([...p, '--help']);
  const text = h.stdout || h.stderr;
  const um = /^Usage:  (.*(?:\n\t.*)*)$/m.exec(text);
  const usage = um ? um[1] : '';
  const flags = [];
  let inOpts = false;
  for (const line of text.split('\n')) {
    if (/^(Options|Global Options):$/.test(line)) { inOpts = true; continue; }
    if (/^\S/.test(line)) inOpts = false;
    if (!inOpts) continue;
    const m = /^  (?:-(\w), )?\s{0,4}--([\w-]+)(?: (\w+))?(?:\s{2,}|$)/.exec(line);
    if (m) flags.push([m[1] ?? '', m[2], m[3] ?? 'bool']);
  }
  let rule = null;
  if (p.length > 0 && !(p.length === 1 && groups[p[0]])) {
    const z = sh(p).stderr;
    const many = sh([...p, ...Array.from({ length: 12 }, (_, i) => `x${i}`)]).stderr;
    let m;
    if ((m = /requires at least (\d+) and at most (\d+) argument/.exec(z + many))) rule = { min: +m[1], max: +m[2] };
    else if ((m = /requires at least (\d+) argument/.exec(z))) rule = { min: +m[1] };
    else if ((m = /requires (\d+) argument/.exec(z + many))) rule = { min: +m[1], max: +m[1] };
    else if ((m = /requires at most (\d+) argument/.exec(many))) rule = { max: +m[1] };
    else if (/accepts no arguments/.test(z + many)) rule = { max: 0 };
  }
  const key = p.join(' ');
  spec[key] = { usage, flags, ...(rule ? { args: rule } : {}) };
  help[key] = text;
}
spec['__groups'] = groups;
const unknownSub = {};
for (const g of [...Object.keys(groups), 'context', 'manifest', 'plugin', 'trust', 'checkpoint']) unknownSub[g] = sh([g, 'zzz']).stderr.replaceAll('zzz', '%s');
spec['__unknownSub'] = unknownSub;
mkdirSync('src/docker', { recursive: true });
writeFileSync('src/docker/spec.json', JSON.stringify(spec) + '\n');
writeFileSync('src/docker/help.json', JSON.stringify(help) + '\n');
// Error cases: each is an argv; the real output is recorded as it is.
const CASES = [
  'run --badflag', 'run', 'psx', 'rm', 'run -p 99999:80 nginx', 'run -p abc:80 nginx', 'run -z', 'run --name',
  'run -p', 'run -e', 'stop -t abc x', 'ps --badflag', 'ps extra', '--badflag', 'images a b', 'rename a', 'logs',
  'exec x', 'network foo', 'volume badsub', 'container lsx', 'pull', 'tag a', 'inspect', 'ps -n x', 'run -d -it',
  'stop', 'start', 'kill', 'restart', 'pause', 'unpause', 'rmi', 'image rm', 'volume create a b', 'volume rm',
  'network create', 'network connect x', 'cp a', 'commit', 'port', 'top', 'wait', 'attach', 'history', 'save',
  'push', 'image inspect', 'volume inspect', 'network inspect', 'logs --tail', 'logs -n', 'exec', 'create',
  'image tag x', 'ps -a -q --badflag', 'run --rm -itd', 'stop --badflag x', 'rm -x', 'image ls --foo',
  'network ls x', 'volume ls x', 'system prune x', 'container prune x', 'diff', 'rename', 'stats --badflag',
  'run -m 1x nginx', 'run -m abc nginx', 'run --cpus abc nginx', 'run --shm-size q nginx', 'run --health-interval x nginx',
  'run --env-file nosuch.env nginx', 'run --pull x nginx', 'create --pull x nginx', 'run --rm --restart always nginx', 'create --rm --restart=on-failure nginx', 'run -p 8080:abc nginx', 'run -p 8080:99999 nginx', 'run -p 1.2.3:80:80 nginx', 'run -p 80/xyz nginx', 'run -v :/x nginx',
];
const out = [];
for (const c of CASES) {
  const r = sh(c.split(' '));
  out.push({ argv: c.split(' '), ...r });
}
mkdirSync('fixtures/docker', { recursive: true });
writeFileSync('fixtures/docker/errors.json', JSON.stringify(out, null, 1) + '\n');
// With no daemon, commands that reach it print the daemon error: that is the simulator's "daemon stopped".
const STOPPED = ['ps', 'ps -a', 'images', 'image ls', 'run nginx', 'run -d -p 8080:80 nginx', 'create nginx', 'pull nginx',
  'push a/b:1', 'stop x', 'start x', 'rm x', 'rm -f x', 'rmi x', 'logs x', 'exec x ls', 'inspect x', 'volume ls',
  'volume create v', 'network ls', 'info', 'version', 'system prune -f', 'tag a b', 'kill x', 'restart x', 'top x',
  'port x', 'stats --no-stream', 'history x', 'container prune -f', 'image prune -f', 'system df', 'search nginx', 'logout'];
// client-only commands the simulator answers the same way (the default context)
const CLIENT = ['context ls', 'context show', 'context use default', 'context inspect', 'context use nosuch', 'context ls -q'];
writeFileSync('fixtures/docker/client.json', JSON.stringify(CLIENT.map((c) => ({ argv: c.split(' '), ...sh(c.split(' ')) })), null, 1) + '\n');
const stopped = STOPPED.map((c) => ({ argv: c.split(' '), ...sh(c.split(' ')) }));
writeFileSync('fixtures/docker/daemon-stopped.json', JSON.stringify(stopped, null, 1) + '\n');
console.log(`recorded ${Object.keys(spec).length - 1} command paths, ${out.length} error cases`);
NODE
