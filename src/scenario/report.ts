/** Text, JSON, JUnit XML and GitHub annotation renderings of check reports. */
import type { CheckReport } from './goals.js';
import type { Scenario, ScenarioError } from './types.js';
import { formatError } from './types.js';

const paint = (on: boolean, code: number, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

export function percent(score: number, max: number): number {
  return max > 0 ? Math.round((score / max) * 100) : 100;
}

/** The full report a learner sees with `check` (and a teacher with `grade`). */
export function formatCheckText(s: Scenario, r: CheckReport, opts: { color?: boolean } = {}): string {
  const c = !!opts.color;
  const lines: string[] = [];
  lines.push(`${s.metadata.title}: ${r.score}/${r.maxScore} points (${percent(r.score, r.maxScore)}%)`);
  for (const t of r.tasks) {
    const mark = t.passed ? paint(c, 32, '✔') : t.waitingFor.length ? paint(c, 90, '·') : paint(c, 31, '✘');
    lines.push(`${mark} ${t.id}: ${t.title} (${t.points}/${t.maxPoints})`);
    if (t.waitingFor.length) {
      lines.push(`    waiting for ${t.waitingFor.map((w) => `"${w}"`).join(', ')}`);
      continue;
    }
    for (const g of t.goals) {
      const gm = g.passed ? paint(c, 32, '✔') : paint(c, 31, '✘');
      lines.push(`    ${gm} ${g.description}${g.passed ? '' : `\n        ${g.reason}`}`);
    }
  }
  if (r.failed.length) lines.push(paint(c, 31, `Unrecoverable: ${r.failed.join('; ')}`));
  return lines.join('\n') + '\n';
}

/** The contract's JSON object for one scenario. */
export function reportJson(r: CheckReport): Record<string, unknown> {
  return {
    scenario: r.scenario,
    passed: r.passed,
    score: r.score,
    maxScore: r.maxScore,
    tasks: r.tasks.map((t) => ({
      id: t.id,
      title: t.title,
      passed: t.passed,
      points: t.points,
      maxPoints: t.maxPoints,
      goals: t.goals.map((g) => ({ description: g.description, passed: g.passed, reason: g.reason })),
    })),
  };
}

export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface JunitSuite {
  name: string;
  file?: string;
  timeSec?: number;
  cases: { name: string; classname: string; failures: string[]; timeSec?: number }[];
}

export function suiteFromReport(r: CheckReport, file?: string, extraFailures: string[] = []): JunitSuite {
  const cases = r.tasks.map((t) => ({
    name: `${t.id}: ${t.title}`,
    classname: r.scenario,
    failures: t.passed ? [] : t.waitingFor.length ? [`waiting for ${t.waitingFor.join(', ')}`] : t.goals.filter((g) => !g.passed).map((g) => `${g.description}: ${g.reason}`),
  }));
  if (extraFailures.length) cases.unshift({ name: 'scenario', classname: r.scenario, failures: extraFailures });
  return { name: r.scenario, file, cases };
}

export function junitXml(suites: JunitSuite[], name = 'k8s-drill'): string {
  const tests = suites.reduce((a, s) => a + s.cases.length, 0);
  const failures = suites.reduce((a, s) => a + s.cases.filter((c) => c.failures.length).length, 0);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="${xmlEscape(name)}" tests="${tests}" failures="${failures}">`);
  for (const s of suites) {
    const f = s.cases.filter((c) => c.failures.length).length;
    out.push(
      `  <testsuite name="${xmlEscape(s.name)}" tests="${s.cases.length}" failures="${f}" errors="0"${s.file ? ` file="${xmlEscape(s.file)}"` : ''}${s.timeSec !== undefined ? ` time="${s.timeSec.toFixed(3)}"` : ''}>`,
    );
    for (const c of s.cases) {
      const open = `    <testcase name="${xmlEscape(c.name)}" classname="${xmlEscape(c.classname)}"${s.file ? ` file="${xmlEscape(s.file)}"` : ''}`;
      if (!c.failures.length) out.push(open + '/>');
      else {
        out.push(open + '>');
        for (const m of c.failures) out.push(`      <failure message="${xmlEscape(m.split('\n')[0]!)}">${xmlEscape(m)}</failure>`);
        out.push('    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

function ghEscapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function ghEscapeProp(s: string): string {
  return ghEscapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A GitHub Actions workflow command that annotates the file at the line. */
export function githubAnnotation(e: ScenarioError): string {
  const msg = `${e.where ? e.where + ': ' : ''}${e.message}`;
  return `::error file=${ghEscapeProp(e.file)},line=${e.line},col=${e.col}::${ghEscapeData(msg)}`;
}

/** The little Markdown scenario descriptions use: **bold** and `code`, drawn for a terminal. */
export function renderMarkdown(text: string, color: boolean): string {
  return text
    .replace(/\*\*([^*\n]+)\*\*/g, (_m, x: string) => (color ? `\x1b[1m${x}\x1b[22m` : x))
    .replace(/`([^`\n]+)`/g, (_m, x: string) => (color ? `\x1b[36m${x}\x1b[39m` : `'${x}'`));
}

export { formatError };
