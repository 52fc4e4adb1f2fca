import { expect, test } from 'vitest';
import { renderTemplate, TemplateError } from '../../src/docker/gotemplate.js';
import { humanDuration, humanSize, humanSizeWithPrecision, tabwrite } from '../../src/docker/units.js';

test('fields, nested fields, json, range, index, lower/upper, join, println, if/else, with', () => {
  const d = { Name: '/web', State: { Status: 'running', Running: true }, Config: { Env: ['A=1', 'B=2'], Labels: { tier: 'web' } }, Ports: {} };
  expect(renderTemplate('{{.State.Status}}', d)).toBe('running');
  expect(renderTemplate('{{json .Config.Labels}}', d)).toBe('{"tier":"web"}');
  expect(renderTemplate('{{range .Config.Env}}[{{.}}]{{end}}', d)).toBe('[A=1][B=2]');
  expect(renderTemplate('{{index .Config.Labels "tier"}}', d)).toBe('web');
  expect(renderTemplate('{{upper .Name}} {{lower "ABC"}}', d)).toBe('/WEB abc');
  expect(renderTemplate('{{join .Config.Env ","}}', d)).toBe('A=1,B=2');
  expect(renderTemplate('{{println .Name}}', d)).toBe('/web\n');
  expect(renderTemplate('{{if .State.Running}}up{{else}}down{{end}}', d)).toBe('up');
  expect(renderTemplate('{{with .State}}{{.Status}}{{end}}', d)).toBe('running');
  expect(renderTemplate('{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}{{end}}', d)).toBe('tier=web');
  expect(renderTemplate('{{.Ports}} {{.Config.Labels}}', d)).toBe('map[] map[tier:web]');
  expect(renderTemplate('{{.Missing}}', d)).toBe('<no value>');
  expect(renderTemplate('{{.Label "tier"}}', { Label: (n: string) => ({ tier: 'web' } as any)[n] })).toBe('web');
  expect(() => renderTemplate('{{nosuch .Name}}', d)).toThrow(TemplateError);
  expect(() => renderTemplate('{{nosuch .Name}}', d)).toThrow('template: :1: function "nosuch" not defined');
});

test('go-units durations and sizes', () => {
  expect(humanDuration(500)).toBe('Less than a second');
  expect(humanDuration(1000)).toBe('1 second');
  expect(humanDuration(59_000)).toBe('59 seconds');
  expect(humanDuration(60_000)).toBe('About a minute');
  expect(humanDuration(5 * 60_000)).toBe('5 minutes');
  expect(humanDuration(3600_000)).toBe('About an hour');
  expect(humanDuration(47 * 3600_000)).toBe('47 hours');
  expect(humanDuration(3 * 86400_000)).toBe('3 days');
  expect(humanDuration(20 * 86400_000)).toBe('2 weeks');
  expect(humanDuration(90 * 86400_000)).toBe('3 months');
  expect(humanDuration(800 * 86400_000)).toBe('2 years');
  expect(humanSizeWithPrecision(187_000_000, 3)).toBe('187MB');
  expect(humanSizeWithPrecision(7_800_000, 3)).toBe('7.8MB');
  expect(humanSizeWithPrecision(1240, 3)).toBe('1.24kB');
  expect(humanSizeWithPrecision(0, 3)).toBe('0B');
  expect(humanSize(12_345_678)).toBe('12.35MB');
  expect(humanSizeWithPrecision(999_999, 3)).toBe('1e+03kB');
});

test('tabwriter: min width 10, padding 3, last cell unpadded', () => {
  expect(tabwrite('CONTAINER ID\tIMAGE\tNAMES\nabc\tnginx\tweb\n')).toBe('CONTAINER ID   IMAGE     NAMES\nabc            nginx     web\n');
});
