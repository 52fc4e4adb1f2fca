#!/usr/bin/env bash
# Records real kubectl 1.33 client-side output into fixtures/kubectl/client-side.json and the --help texts
# into fixtures/kubectl/help.json. Commands come from fixtures/kubectl/commands.json (argv arrays), run with
# fixtures/kubectl/files as the working folder and a temp kubeconfig pointing at scripts/kubectl-stub-server.mjs
# (a discovery-only API server on 127.0.0.1, needed by `run`, `create role` and `expose -f`).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
KUBECTL="${KUBECTL:-kubectl.1.33}"
command -v "$KUBECTL" >/dev/null || KUBECTL=/usr/lib/google-cloud-sdk/bin/kubectl.1.33
PORT="${PORT:-18443}"
TMP="$(mktemp -d)"
node "$ROOT/scripts/kubectl-stub-server.mjs" "$PORT" > "$TMP/stub.log" &
STUB=$!
trap 'kill $STUB 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do grep -q listening "$TMP/stub.log" 2>/dev/null && break; sleep 0.1; done
cat > "$TMP/config" <<CFG
apiVersion: v1
kind: Config
clusters:
- cluster:
    server: http://127.0.0.1:$PORT
  name: minikube
contexts:
- context:
    cluster: minikube
    namespace: default
    user: minikube
  name: minikube
current-context: minikube
users:
- name: minikube
  user: {}
CFG
export KUBECTL TMP ROOT
HOME="$TMP" KUBECONFIG="$TMP/config" node --input-type=module <<'JS'
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
const { KUBECTL, ROOT } = process.env;
const run = (args) => {
  const r = spawnSync(KUBECTL, args, { cwd: `${ROOT}/fixtures/kubectl/files`, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { args, stdout: r.stdout, stderr: r.stderr, code: r.status };
};
const cmds = JSON.parse(readFileSync(`${ROOT}/fixtures/kubectl/commands.json`, 'utf8'));
writeFileSync(`${ROOT}/fixtures/kubectl/client-side.json`, JSON.stringify(cmds.map(run), null, 1) + '\n');
const helps = JSON.parse(readFileSync(`${ROOT}/fixtures/kubectl/help-commands.json`, 'utf8'));
const help = {};
for (const h of helps) help[h.join(" ")] = run([...h, "--help"]).stdout;
help["#options"] = run(["options"]).stdout;
writeFileSync(`${ROOT}/fixtures/kubectl/help.json`, JSON.stringify(help, null, 1).split(process.env.TMP).join("@HOME@") + "\n");
console.log(`recorded ${cmds.length} commands, ${helps.length} help texts`);
JS
