/** The scenario file format (see docs/scenarios.md and schema/scenario.schema.json). Plain data. */

export type Step = string | { apply: string };

export interface ImageSpec {
  cmd?: string[];
  entrypoint?: string[];
  env?: string[];
  workdir?: string;
  ports?: number[];
  logs?: string[];
  exitCode?: number;
  exitAfter?: string;
  files?: Record<string, string>;
  size?: number;
}

export interface Goal {
  description?: string;
  kubernetes?: Record<string, unknown>;
  docker?: Record<string, unknown>;
  count?: number | Record<string, unknown>;
  not?: Goal;
  anyOf?: Goal[];
  allOf?: Goal[];
  run?: string;
  expect?: { stdout?: string; stdoutMatches?: string; stderrMatches?: string; exitCode?: number };
  used?: string;
  answer?: string | number | boolean | { regex: string } | { run: string };
}

export type Hint = string | { text: string; when?: Goal };

export interface Task {
  id: string;
  title: string;
  description?: string;
  points?: number;
  needs?: string[];
  hints?: Hint[];
  goals: Goal[];
  solution?: Step[];
}

export interface Scenario {
  apiVersion: 'k8s-drill/v1';
  kind: 'Scenario';
  metadata: {
    name: string;
    title: string;
    difficulty?: 'beginner' | 'intermediate' | 'advanced';
    tags?: string[];
    timeLimit?: string;
    order?: number;
  };
  description?: string;
  environment?: {
    cluster?: { nodes?: { name: string; labels?: Record<string, string> }[] };
    images?: Record<string, ImageSpec>;
    docker?: { daemon?: 'running' | 'stopped' };
  };
  files?: Record<string, string>;
  setup?: Step[];
  tasks: Task[];
  failWhen?: Goal[];
}

/** A path inside the scenario document: keys and list indexes. */
export type DocPath = (string | number)[];

export interface ScenarioError {
  file: string;
  line: number;
  col: number;
  /** tasks[0].goals[1] ('' for the whole document) */
  where: string;
  message: string;
}

export interface LoadedScenario {
  file: string;
  source: string;
  /** sha256 of the source text, hex. */
  hash: string;
  scenario: Scenario;
  /** Position of a path in the document (nearest existing ancestor when the path is missing). */
  posOf(path: DocPath): { line: number; col: number };
}

export function formatPath(path: DocPath): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(p)) s += s ? `.${p}` : p;
    else s += `[${JSON.stringify(p)}]`;
  }
  return s;
}

export function formatError(e: ScenarioError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.where ? e.where + ': ' : ''}${e.message}`;
}
