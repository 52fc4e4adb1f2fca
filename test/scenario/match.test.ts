import { describe, expect, it } from 'vitest';
import { match, mismatchText } from '../../src/scenario/match.js';

const m = (e: unknown, a: unknown) => {
  const r = match(e, a);
  return r ? mismatchText(r) : null;
};

describe('matcher', () => {
  it('scalars: numbers equal their decimal strings, booleans their words', () => {
    expect(m(5, '5')).toBeNull();
    expect(m('5', 5)).toBeNull();
    expect(m('5.0', 5)).toBeNull();
    expect(m(true, 'true')).toBeNull();
    expect(m(5, '5x')).toBe('is "5x", expected 5');
    expect(m('a', 'b')).toBe('is "b", expected "a"');
    expect(m(null, undefined)).toBeNull();
  });

  it('maps are subsets and report the path of the first difference', () => {
    const dep = { kind: 'Deployment', spec: { replicas: 3, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } };
    expect(m({ spec: { replicas: 3 } }, dep)).toBeNull();
    expect(m({ spec: { replicas: 5 } }, dep)).toBe('spec.replicas is 3, expected 5');
    expect(m({ status: { readyReplicas: 5 } }, dep)).toBe('status.readyReplicas is missing, expected 5');
    expect(m({ spec: { template: { spec: { containers: [{ image: 'nginx:1.26' }] } } } }, dep)).toBe(
      'spec.template.spec.containers[0].image is "nginx:1.25", expected "nginx:1.26"',
    );
    expect(m({ metadata: { labels: { 'app.kubernetes.io/name': 'x' } } }, { metadata: { labels: {} } })).toBe(
      'metadata.labels["app.kubernetes.io/name"] is missing, expected "x"',
    );
  });

  it('lists: unordered subsets, each expected element needs its own actual element', () => {
    expect(m([2, 1], [1, 2, 3])).toBeNull();
    expect(m([{ name: 'a' }, { name: 'a' }], [{ name: 'a' }, { name: 'b' }])).toBe(
      'has too few elements matching {"name":"a"} (each expected element needs its own match)',
    );
    expect(m([{ name: 'a' }, { name: 'a' }], [{ name: 'a' }, { name: 'a', x: 1 }])).toBeNull();
    // assignment needs backtracking: first expected could take either
    expect(m([{ a: 1 }, { a: 1, b: 2 }], [{ a: 1, b: 2 }, { a: 1 }])).toBeNull();
    expect(m([4], [1, 2])).toBe('has no element matching 4');
    expect(m([4], [])).toBe('is empty, expected an element matching 4');
  });

  it('operators', () => {
    expect(m({ $gt: 5 }, 6)).toBeNull();
    expect(m({ $gt: 5 }, 5)).toBe('is 5, expected more than 5');
    expect(m({ $gte: 5, $lte: 7 }, '6')).toBeNull();
    expect(m({ $lt: 2 }, 3)).toBe('is 3, expected less than 2');
    expect(m({ $ne: 'Running' }, 'Pending')).toBeNull();
    expect(m({ $ne: 'Running' }, 'Running')).toBe('is "Running", expected not "Running"');
    expect(m({ $in: ['a', 'b'] }, 'b')).toBeNull();
    expect(m({ $in: ['a', 'b'] }, 'c')).toBe('is "c", expected one of "a", "b"');
    expect(m({ $regex: '^nginx:1\\.2[0-9]$' }, 'nginx:1.25')).toBeNull();
    expect(m({ $regex: '^nginx' }, 'redis')).toBe('is "redis", expected matching /^nginx/');
    expect(m({ x: { $exists: false } }, {})).toBeNull();
    expect(m({ x: { $exists: false } }, { x: 1 })).toBe('x is 1, expected it to be absent');
    expect(m({ x: { $exists: true } }, {})).toBe('x is missing, expected it to be present');
    expect(m({ $length: 3 }, [1, 2, 3])).toBeNull();
    expect(m({ $length: { $gte: 2 } }, 'a')).toBe('has length 1, expected at least 2');
    expect(m({ $exactly: [1, 2] }, [1, 2])).toBeNull();
    expect(m({ $exactly: [1, 2] }, [2, 1])).toBe('[0] is 2, expected 1');
    expect(m({ $exactly: [1, 2] }, [1, 2, 3])).toBe('has 3 elements, expected exactly 2: [1,2]');
  });
});
