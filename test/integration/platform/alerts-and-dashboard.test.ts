import { readFileSync } from 'node:fs';
import request from 'supertest';
import { parse } from 'yaml';
import { REASONS } from '../../../src/transfer/reasons';
import { buildTestApp, type TestApp } from '../../helpers/app';

// The alert rules and the dashboard shipped for operators (deploy/) may only name metrics that the
// connector exports: the names are read from a real receiver's GET /metrics (createApp on a real
// Redis, wired as src/server.ts wires it), and every rule has its runbook paragraph.
interface AlertRule {
  alert: string;
  expr: string;
  annotations: { summary: string; runbook_url: string };
}
interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string }[];
}

const RULES = (
  parse(readFileSync('deploy/prometheus/alerts.yml', 'utf8')) as { groups: { rules: AlertRule[] }[] }
).groups.flatMap((group) => group.rules);
const PANELS = (
  JSON.parse(readFileSync('deploy/grafana/dit-checks-connector.json', 'utf8')) as { panels: Panel[] }
).panels;
const OPERATIONS = readFileSync('docs/operations.md', 'utf8');

const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression reads: every name that is not a function, keyword or label. */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""') // label values and strings
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' '); // label lists
  const names = [...bare.matchAll(/(?<![\w.])[A-Za-z_:][\w:]*(?!\w*\s*\()/g)].map(([name]) => name);
  return [...new Set(names.filter((name) => !PROMQL_WORDS.has(name.toLowerCase())))];
}

let t: TestApp;
let exported: Set<string>;

beforeAll(async () => {
  t = await buildTestApp();
  const text = (await request(t.server).get('/metrics')).text;
  exported = new Set();
  for (const [, name = '', type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    exported.add(name);
    const parts =
      type === 'histogram' ? ['_bucket', '_sum', '_count'] : type === 'summary' ? ['_sum', '_count'] : [];
    for (const suffix of parts) exported.add(`${name}${suffix}`);
  }
});

afterAll(() => t.close());

const unexported = (exprs: string[]) => exprs.flatMap(metricNamesIn).filter((name) => !exported.has(name));

describe('the alert rules (deploy/prometheus/alerts.yml) and the dashboard (deploy/grafana/)', () => {
  it('when a PromQL expression is read, then its metric names are found and nothing else', () => {
    const expr =
      'sum by (reason) (max without (instance) (increase(dit_a_total{state="failed",x=~"b|c"}[30m]))) > 1e3 ' +
      'and on() histogram_quantile(0.95, rate(dit_b_bucket[5m] offset 1h)) / absent(dit_c)';

    expect(metricNamesIn(expr).sort()).toEqual(['dit_a_total', 'dit_b_bucket', 'dit_c']);
    expect(unexported([expr])).toEqual(['dit_a_total', 'dit_b_bucket', 'dit_c']); // the check can fail
  });

  it('when the rules are read, then every metric they name is one the connector exports', () => {
    const named = RULES.flatMap((rule) => metricNamesIn(rule.expr));

    expect(new Set(named).size).toBeGreaterThanOrEqual(8);
    expect(unexported(RULES.map((rule) => rule.expr))).toEqual([]);
  });

  it("when the dashboard is read, then every panel's query names only exported metrics and uses the chosen Prometheus", () => {
    const queried = PANELS.filter((panel) => panel.type !== 'row');
    const exprs = queried.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));

    expect(queried.every((panel) => (panel.targets ?? []).length > 0)).toBe(true);
    expect(queried.every((panel) => panel.datasource?.uid === '${datasource}')).toBe(true);
    expect(new Set(exprs.flatMap(metricNamesIn)).size).toBeGreaterThanOrEqual(10);
    expect(unexported(exprs)).toEqual([]);
  });

  it('when an alert fires, then its runbook paragraph is in docs/operations.md where its runbook_url points', () => {
    const missing = RULES.filter((rule) => {
      const heading = new RegExp(`^#### ${rule.alert}\\n\\n\\S`, 'm');
      return (
        rule.annotations.runbook_url !== `docs/operations.md#${rule.alert.toLowerCase()}` ||
        !heading.test(OPERATIONS)
      );
    });

    expect(missing.map((rule) => rule.alert)).toEqual([]);
  });

  it("when transfers fail for a reason whose fix is the operators', then the operators' rule names exactly those reasons", () => {
    const rule = RULES.find((candidate) => candidate.alert === 'DitOperatorReasonAppeared');
    const listed = /reason=~"([^"]+)"/.exec(rule?.expr ?? '')?.[1]?.split('|') ?? [];
    const operators = Object.entries(REASONS)
      .filter(([, reason]) => reason.state === 'failed' && /operators/.test(reason.fix))
      .map(([code]) => code);

    expect(listed.sort()).toEqual(operators.sort());
    expect(operators).toEqual(expect.arrayContaining(['RETRIES_EXHAUSTED', 'TRAC_REJECTED']));
  });
});
