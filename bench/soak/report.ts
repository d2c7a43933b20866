/**
 * The soak's report: Markdown with its figures and three SVG plots (latency over time, throughput,
 * errors), written side by side so that the Markdown links them by file name.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { HostileOutcome, Verdict } from './invariants';
import { buckets, errorsByKind, summarise, type Sample } from './stats';
import { lineChart } from './svg';

export interface SoakResult {
  startedAt: string;
  seed: string;
  minutes: number;
  users: number;
  /** Shoppers by the end: those who signed up during the run joined it. */
  usersAtEnd?: number;
  /** Wall time of the traffic, in seconds. */
  seconds: number;
  faults: string[];
  faultHits: { byMode: Record<string, number>; duplicateEvents: number; duplicateBatches: number };
  dynamodbDownMs?: number;
  /** Seconds into the run when DynamoDB Local was killed. */
  dynamodbRestartAt?: number;
  samples: Sample[];
  /** Orders by card and final status. */
  orders: { card: string; status: string; count: number }[];
  hostile: HostileOutcome[];
  verdicts: Verdict[];
  settledSeconds: number;
  settled: boolean;
  /** Dead letters sent back to their consumers once the faults were off, and those the console kept. */
  redriven: { redriven: number; kept: number };
  machine: string;
  command: string;
}

const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)}` : '–');

/** The SVG plots of a run, by file name. */
export const plots = (result: SoakResult, prefix: string): Record<string, string> => {
  const width = Math.max(5, Math.round(result.seconds / 40));
  const all = buckets(result.samples, width);
  const checkout = buckets(result.samples, width, 'checkout to final status');
  const place = buckets(result.samples, width, 'placeOrder');
  const browse = buckets(result.samples, width, 'browse');
  const points = (list: typeof all, pick: (b: (typeof all)[number]) => number) =>
    list.map((b) => [b.t, pick(b)] as const);
  return {
    [`${prefix}-latency.svg`]: lineChart({
      title: `Latency over time (${width} s buckets)`,
      xLabel: 'seconds into the run',
      yLabel: 'ms',
      series: [
        { name: 'checkout to final status p99', points: points(checkout, (b) => b.p99) },
        { name: 'checkout to final status p50', points: points(checkout, (b) => b.p50) },
        { name: 'placeOrder p99', points: points(place, (b) => b.p99) },
        { name: 'browse p99', points: points(browse, (b) => b.p99) },
      ],
    }),
    [`${prefix}-throughput.svg`]: lineChart({
      title: `Throughput (${width} s buckets)`,
      xLabel: 'seconds into the run',
      yLabel: 'per second',
      series: [
        { name: 'all requests', points: points(all, (b) => b.rate) },
        { name: 'orders placed', points: points(place, (b) => b.rate) },
        { name: 'orders finished', points: points(checkout, (b) => b.rate) },
      ],
    }),
    [`${prefix}-errors.svg`]: lineChart({
      title: `Errors (${width} s buckets)`,
      xLabel: 'seconds into the run',
      yLabel: 'errors per bucket',
      series: [{ name: 'errors, all operations', points: points(all, (b) => b.errors), color: '#d62728' }],
    }),
  };
};

export const markdown = (r: SoakResult, plotFiles: string[]): string => {
  const passed = r.verdicts.every((v) => v.ok);
  const ops = summarise(r.samples);
  const total = r.samples.length;
  const placed = r.samples.filter((s) => s.op === 'placeOrder' && !s.error).length;
  const lines = [
    `# Soak: ${passed ? 'every invariant held' : 'INVARIANTS BROKEN'}`,
    '',
    `${r.startedAt} · ${r.minutes} min of traffic from ${r.users} simulated users${r.usersAtEnd && r.usersAtEnd !== r.users ? ` (${r.usersAtEnd} by the end: sign-ups join)` : ''} · seed \`${r.seed}\` · ${r.machine}`,
    '',
    `Command: \`${r.command}\``,
    '',
    `Faults: ${r.faults.length ? r.faults.join('; ') : 'none'}.`,
    r.faults.length
      ? `Fault hits: ${
          Object.entries(r.faultHits.byMode)
            .map(([m, n]) => `${n} ${m}`)
            .join(', ') || 'no Lambda faults'
        }; ${r.faultHits.duplicateEvents} events and ${r.faultHits.duplicateBatches} stream batches delivered twice${r.dynamodbDownMs !== undefined ? `; DynamoDB Local killed ${Math.round(r.dynamodbRestartAt ?? 0)} s into the run and back ${r.dynamodbDownMs} ms later (the errors then are requests it could not serve)` : ''}.`
      : '',
    '',
    '## Invariants',
    '',
    `Checked after the system settled (${r.settled ? `quiet after ${r.settledSeconds.toFixed(0)} s` : `NOT quiet after ${r.settledSeconds.toFixed(0)} s`}), with the faults off and every dead letter redriven from the console as an operator would: ${r.redriven.redriven} sent back to their consumers, ${r.redriven.kept} kept (stream failure records).`,
    '',
    '| invariant | held | figures |',
    '| --- | --- | --- |',
    ...r.verdicts.map((v) => `| ${v.name} | ${v.ok ? 'yes' : '**no**'} | ${v.figures} |`),
    '',
    ...r.verdicts
      .filter((v) => !v.ok)
      .flatMap((v) => [`**${v.name}** broke:`, '', ...v.problems.map((p) => `- ${p}`), '']),
    '## Throughput',
    '',
    `${total} requests in ${r.seconds.toFixed(0)} s (${(total / r.seconds).toFixed(1)}/s); ${placed} orders placed (${((placed / r.seconds) * 60).toFixed(1)}/min).`,
    '',
    '| card | final status | orders |',
    '| --- | --- | --- |',
    ...r.orders.map((o) => `| ${o.card} | ${o.status} | ${o.count} |`),
    '',
    '## Latency per operation (ms)',
    '',
    '| operation | count | errors | p50 | p90 | p99 | max |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...ops.map(
      (o) => `| ${o.op} | ${o.count} | ${o.errors} | ${ms(o.p50)} | ${ms(o.p90)} | ${ms(o.p99)} | ${ms(o.max)} |`,
    ),
    '',
    '`checkout to final status` is from `placeOrder` to the status the shopper saw (polled every 150 ms).',
    '',
    '## Errors by kind',
    '',
    '| kind | count |',
    '| --- | ---: |',
    ...(errorsByKind(r.samples).map(([k, n]) => `| ${k.replace(/\|/g, '\\|')} | ${n} |`) ?? []),
    ...(errorsByKind(r.samples).length ? [] : ['| none | 0 |']),
    '',
    '## Hostile requests',
    '',
    '| kind | refused | answer |',
    '| --- | --- | --- |',
    ...hostileTable(r.hostile),
    '',
    '## Plots',
    '',
    ...plotFiles.map((f) => `![${f}](${f})`),
    '',
  ];
  return `${lines.filter((l, i) => !(l === '' && lines[i - 1] === '')).join('\n')}\n`;
};

/** One row per kind: how often it was sent and refused, and one answer. */
const hostileTable = (outcomes: readonly HostileOutcome[]) => {
  const byKind = new Map<string, HostileOutcome[]>();
  for (const o of outcomes) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o]);
  return [...byKind.entries()].map(([kind, list]) => {
    const refused = list.filter((o) => o.refused).length;
    const shown = list.find((o) => !o.refused) ?? list[0];
    return `| ${kind} | ${refused}/${list.length} | ${shown.answer.replace(/\|/g, '\\|')} |`;
  });
};

/** Writes `<out>.md` and its plots beside it; answers the Markdown's path. */
export const writeReport = (result: SoakResult, out: string): string => {
  mkdirSync(dirname(out), { recursive: true });
  const prefix = basename(out);
  const files = plots(result, prefix);
  for (const [name, svg] of Object.entries(files)) writeFileSync(join(dirname(out), name), svg);
  const path = `${out}.md`;
  writeFileSync(path, markdown(result, Object.keys(files)));
  writeFileSync(
    `${out}.json`,
    `${JSON.stringify({ ...result, samples: undefined, ops: summarise(result.samples) }, null, 2)}\n`,
  );
  return path;
};
