/**
 * What the soak measured: every operation's outcome and latency, summarised per operation and per
 * time bucket for the report and its plots.
 */
export interface Sample {
  op: string;
  /** Milliseconds since the run started, when the operation began. */
  at: number;
  ms: number;
  /** Undefined when it succeeded; else the kind of error (`GraphQL: UserInputError`, `HTTP 502`, ...). */
  error?: string;
}

/** The `p`-th percentile (0-100) by the nearest-rank method; NaN for no values. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new Error(`a percentile is between 0 and 100, not ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
};

export interface OpSummary {
  op: string;
  count: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export const summarise = (samples: readonly Sample[]): OpSummary[] => {
  const byOp = new Map<string, Sample[]>();
  for (const s of samples) {
    const list = byOp.get(s.op) ?? [];
    list.push(s);
    byOp.set(s.op, list);
  }
  return [...byOp.entries()]
    .map(([op, list]) => {
      const ms = list.map((s) => s.ms);
      return {
        op,
        count: list.length,
        errors: list.filter((s) => s.error).length,
        p50: percentile(ms, 50),
        p90: percentile(ms, 90),
        p99: percentile(ms, 99),
        max: ms.reduce((a, b) => Math.max(a, b), 0),
      };
    })
    .sort((a, b) => b.count - a.count || a.op.localeCompare(b.op));
};

/** How many errors of each kind, most frequent first. */
export const errorsByKind = (samples: readonly Sample[]): [string, number][] => {
  const counts = new Map<string, number>();
  for (const s of samples) if (s.error) counts.set(s.error, (counts.get(s.error) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
};

export interface Bucket {
  /** Seconds since the start, at the bucket's start. */
  t: number;
  /** Operations per second in this bucket. */
  rate: number;
  errors: number;
  p50: number;
  p99: number;
}

/** Samples grouped into `seconds`-wide buckets (by start time), from 0 to the last sample. */
export const buckets = (samples: readonly Sample[], seconds: number, op?: string): Bucket[] => {
  const chosen = op ? samples.filter((s) => s.op === op) : samples;
  if (chosen.length === 0) return [];
  const width = seconds * 1000;
  const last = chosen.reduce((a, s) => Math.max(a, s.at), 0);
  const out: Bucket[] = [];
  for (let start = 0; start <= last; start += width) {
    const inside = chosen.filter((s) => s.at >= start && s.at < start + width);
    const ms = inside.map((s) => s.ms);
    out.push({
      t: start / 1000,
      rate: inside.length / seconds,
      errors: inside.filter((s) => s.error).length,
      p50: percentile(ms, 50),
      p99: percentile(ms, 99),
    });
  }
  return out;
};
