/** A learner's own app (built from the corpus contexts): its start-up line and HTTP answer come from its source. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { memorySession } from '../helpers/memory.js';

const CONTEXTS = '/work/shared/corpus/contexts';

function load(files: Map<string, string>, dir: string, to: string): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) load(files, p, `${to}/${name}`);
    else files.set(`${to}/${name}`, readFileSync(p, 'utf8'));
  }
}

describe('apps built from a context', () => {
  test('bmuschko node app: its console.log line and its res.end body', async () => {
    const s = memorySession();
    load(s.files, join(CONTEXTS, 'bmuschko-01-app'), '/work/app');
    expect((await s.run('docker build -t nodejs-hello-world:1.0.0 app')).code).toBe(0);
    expect((await s.run('docker run -d -p 80:3000 --name nodejs-hello-world nodejs-hello-world:1.0.0')).code).toBe(0);
    s.advance(2000);
    expect((await s.run('docker logs nodejs-hello-world')).stdout).toBe('Magic happens on port 3000\n');
    const r = await s.run('curl -si localhost:80');
    expect(r.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\nContent-Type: text\/plain\r\nDate: .* GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 12\r\n\r\nHello World\n$/);
  });

  test('a node script without console.log prints nothing; a template with a constant is filled', async () => {
    const s = memorySession();
    s.files.set('/work/a/Dockerfile', 'FROM node:20-alpine\nWORKDIR /srv\nCOPY . .\nCMD ["node", "server.js"]\n');
    s.files.set('/work/a/server.js', "const express = require('express');\nconst app = express();\nconst PORT = 8080;\nconst HOST = '0.0.0.0';\napp.get('/', (req, res) => res.send('Hi from express'));\napp.listen(PORT, HOST, () => { console.log(`Running on http://${HOST}:${PORT}`); });\n");
    await s.run('docker build -t a a');
    await s.run('docker run -d -p 8081:8080 --name app-a a');
    expect((await s.run('docker logs app-a')).stdout).toBe('Running on http://0.0.0.0:8080\n');
    expect((await s.run('curl -s localhost:8081')).stdout).toBe('Hi from express');
    const nf = await s.run('curl -si localhost:8081/nope');
    expect(nf.stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(nf.stdout).toContain('<pre>Cannot GET /nope</pre>');
    s.files.set('/work/b/Dockerfile', 'FROM node:20-alpine\nCOPY s.js /s.js\nCMD ["node", "/s.js"]\n');
    s.files.set('/work/b/s.js', "require('http').createServer((q, r) => r.end('x')).listen(3000);\n");
    await s.run('docker build -t b b');
    await s.run('docker run -d --name app-b b');
    expect((await s.run('docker logs app-b')).stdout).toBe('');
  });

  test('docker-curriculum flask app: Flask start-up lines and the rendered template', async () => {
    const s = memorySession();
    load(s.files, join(CONTEXTS, 'docker-curriculum-flask-app'), '/work/flask-app');
    expect((await s.run('docker build -t catnip flask-app')).code).toBe(0);
    expect((await s.run('docker run -d -p 8888:5000 --name cat catnip')).code).toBe(0);
    const logs = await s.run('docker logs cat');
    expect(logs.stderr.split('\n').slice(0, 7)).toEqual([
      " * Serving Flask app 'app'",
      ' * Debug mode: off',
      'WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.',
      ' * Running on all addresses (0.0.0.0)',
      ' * Running on http://127.0.0.1:5000',
      expect.stringMatching(/^ \* Running on http:\/\/172\.17\.0\.\d+:5000$/),
      'Press CTRL+C to quit',
    ]);
    const page = await s.run('curl -s localhost:8888');
    expect(page.stdout).toContain('<h4>Cat Gif of the day</h4>');
    expect(page.stdout).toMatch(/<img src="https:\/\/firebasestorage\.googleapis\.com\/v0\/b\/docker-curriculum\.appspot\.com\/o\/catnip%2F\d+\.gif\?alt=media&token=[0-9a-f-]+" \/>/);
    expect((await s.run('curl -si localhost:8888')).stdout).toMatch(/\r\nServer: Werkzeug\/2\.2\.2 Python\/3\.12\.\d+\r\n/);
  });

  test('flask with debug=True and a literal route', async () => {
    const s = memorySession();
    s.files.set('/work/f/Dockerfile', 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "hello.py"]\n');
    s.files.set('/work/f/hello.py', 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/")\ndef hello():\n    return "Hello, Docker!"\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=8000, debug=True)\n');
    await s.run('docker build -t f f');
    await s.run('docker run -d -p 8000:8000 --name app-f f');
    const l = (await s.run('docker logs app-f')).stderr.split('\n');
    expect(l[0]).toBe(" * Serving Flask app 'hello'");
    expect(l[1]).toBe(' * Debug mode: on');
    expect(l.slice(7, 10)).toEqual([' * Restarting with stat', ' * Debugger is active!', expect.stringMatching(/^ \* Debugger PIN: \d{3}-\d{3}-\d{3}$/)]);
    expect((await s.run('curl -s localhost:8000')).stdout).toBe('Hello, Docker!');
  });
});
