// Dev harness: drives the interactive UI with a fake shell (echoes lines, a toy goal panel), for checking in tmux:
//   tmux new-session -d -s ui -x 100 -y 30 'node src/ui/dev/harness.mjs'
// `fail` prints to stderr, `done` ticks the first goal, `ns NAME` changes the prompt, `ask` asks y/N, `exit` exits.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const outdir = '/tmp/k8s-drill-ui-harness';
await build({
  absWorkingDir: root,
  stdin: {
    resolveDir: root,
    loader: 'ts',
    contents: `
      import { startInteractive } from './src/ui/index.ts';
      let ns = 'default', done = false;
      const code = await startInteractive({
        color: !process.env.NO_COLOR,
        banner: 'k8s-drill UI harness: fake shell\\n',
        history: ['kubectl get pods', 'docker ps'],
        needsMoreInput: (t) => /<<EOF/.test(t) && !/\\nEOF$/.test(t),
        prompt: () => '(minikube:' + ns + ') $ ',
        complete: (line, cursor) => {
          const start = line.lastIndexOf(' ', cursor - 1) + 1;
          const w = line.slice(start, cursor);
          return { start, candidates: ['kubectl', 'docker', 'web-7d4b9c-abcde', 'web-7d4b9c-fghij', 'db-0'].filter((c) => c.startsWith(w)) };
        },
        panel: () => ({ title: 'Practice: first deployment', items: [
          { label: 'a Deployment web with 2 replicas', done },
          { label: 'image nginx:1.27', done: false, indent: 1 },
        ] }),
        execute: async (text, ask) => {
          if (text === 'exit') return { stdout: '', stderr: '', code: 0, exit: true };
          if (text === 'clear') return { stdout: '', stderr: '', code: 0, clear: true };
          if (text === 'fail') return { stdout: '', stderr: 'error: something failed\\n', code: 1 };
          if (text === 'done') { done = true; return { stdout: 'ok\\n', stderr: '', code: 0 }; }
          if (text.startsWith('ns ')) { ns = text.slice(3); return { stdout: '', stderr: '', code: 0 }; }
          if (text === 'ask') { const a = await ask('Are you sure? [y/N] '); return { stdout: 'answer=' + a + '\\n', stderr: '', code: 0 }; }
          return { stdout: 'you ran: ' + JSON.stringify(text) + '\\n', stderr: '', code: 0 };
        },
      });
      process.exit(code);
    `,
  },
  outdir,
  splitting: true,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['react-devtools-core'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});
await import(`${outdir}/stdin.mjs`);
