/**
 * `npm run bench -- storefront [--url <storefront>] [--runs <n>]`: what a shopper's phone gets from
 * the storefront's catalog pages (home, a search, a product page).
 *
 * Builds the production site and serves it against a throwaway local cloud (or measures the
 * storefront already running at `--url`), then for each page: the Lighthouse 12 scores
 * (performance, accessibility, best practices, SEO; mobile, Lighthouse's default, with its
 * simulated throttling), the median of three runs; and the gzip size of the JavaScript the page
 * loads first, that is the scripts its HTML names, each body fetched and gzip-compressed here (the
 * figure does not depend on how the server compresses). The JavaScript fetched until the page is
 * idle (lazy chunks too) is shown beside it. Prints a table against the targets, what pulls each
 * page's scores down, and writes the figures to bench/results/storefront.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../local/chromium';
import { BENCH_PORTS, TEST_PORTS } from '../local/ports';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The storefront issue's targets: scores out of 100, and KB (1,024 bytes) of gzip JavaScript. */
export const TARGETS: Record<Category, number> & { firstLoadJsKb: number } = {
  performance: 95,
  accessibility: 100,
  'best-practices': 100,
  seo: 100,
  firstLoadJsKb: 150,
};

export interface BenchPage {
  page: string;
  path: string;
}

export interface Script {
  url: string;
  gzipBytes: number;
}

export interface PageFigures extends BenchPage {
  /** The median of the runs, out of 100. */
  scores: Record<Category, number>;
  /** Every run's score, out of 100. */
  runs: Record<Category, number[]>;
  /** The scripts the page's HTML names, in its order. */
  firstLoadJs: Script[];
  /** Every script the page fetched until Lighthouse saw it idle. */
  allJs: Script[];
  /** What pulls the scores down, in the median performance run. */
  findings: string[];
  /**
   * Lighthouse's measure of this machine's CPU in each run: its phone is this machine slowed 4×, so
   * a busy or slow machine lowers the performance score.
   */
  benchmarkIndex: number[];
}

/** The middle value (the mean of the two middle ones for an even count). */
export const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new RangeError('the median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const decodeEntities = (value: string) =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<');

/**
 * The absolute URLs of the scripts `html` loads, once each, in its order; `nomodule` scripts (legacy
 * polyfills a modern browser never fetches) are left out.
 */
export const scriptSources = (html: string, pageUrl: string): string[] => {
  const urls: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = /\ssrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    if (!src || /\snomodule\b/i.test(tag)) continue;
    const url = new URL(decodeEntities(src[1] ?? src[2] ?? src[3]), pageUrl).href;
    if (!urls.includes(url)) urls.push(url);
  }
  return urls;
};

export const kb = (bytes: number) => bytes / 1024;
export const totalKb = (scripts: readonly Script[]) => kb(scripts.reduce((sum, s) => sum + s.gzipBytes, 0));

/** Where a page misses a target, in words: `performance 91 < 95`, `first-load JS 160.2 KB > 150 KB`. */
export const misses = (figures: Pick<PageFigures, 'scores' | 'firstLoadJs'>): string[] => {
  const missed = CATEGORIES.filter((c) => figures.scores[c] < TARGETS[c]).map(
    (c) => `${c} ${figures.scores[c]} < ${TARGETS[c]}`,
  );
  const js = totalKb(figures.firstLoadJs);
  if (js > TARGETS.firstLoadJsKb) missed.push(`first-load JS ${js.toFixed(1)} KB > ${TARGETS.firstLoadJsKb} KB`);
  return missed;
};

/** The table the bench prints: a row per page, the targets, and a ✗ beside every miss. */
export const formatStorefrontTable = (rows: readonly PageFigures[], runs: number): string => {
  const header = ['page', 'path', 'perf', 'a11y', 'BP', 'SEO', 'first-load JS gzip', 'all JS gzip'];
  const mark = (ok: boolean) => (ok ? '  ' : ' ✗');
  const body = rows.map((row) => {
    const js = totalKb(row.firstLoadJs);
    return [
      row.page,
      row.path,
      ...CATEGORIES.map((c) => `${row.scores[c]}${mark(row.scores[c] >= TARGETS[c])}`),
      `${js.toFixed(1)} KB${mark(js <= TARGETS.firstLoadJsKb)}`,
      `${totalKb(row.allJs).toFixed(1)} KB`,
    ];
  });
  const target = ['target', '', ...CATEGORIES.map((c) => `≥ ${TARGETS[c]}`), `≤ ${TARGETS.firstLoadJsKb} KB`, ''];
  const table = [header, ...body, target];
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const rule = '-'.repeat(line(header).length);
  return [
    `storefront on a phone: Lighthouse mobile, median of ${runs} runs; JS in KB of gzip`,
    rule,
    line(header),
    rule,
    ...body.map(line),
    rule,
    line(target),
  ].join('\n');
};

/** The parts of a Lighthouse result the findings read. */
export interface LighthouseReport {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<
    string,
    {
      title: string;
      score: number | null;
      scoreDisplayMode: string;
      displayValue?: string;
      metricSavings?: Record<string, number | undefined>;
      details?: { type?: string; overallSavingsMs?: number; overallSavingsBytes?: number };
    }
  >;
}

const SCORED = new Set(['binary', 'numeric', 'metricSavings']);

/**
 * What costs a page points, most first: each category's failing audits by the weight Lighthouse
 * gives them, then performance's opportunities by the time they would save.
 */
export const findings = (report: LighthouseReport): string[] => {
  const out: { text: string; rank: number }[] = [];
  const seen = new Set<string>();
  for (const category of CATEGORIES) {
    for (const ref of report.categories[category]?.auditRefs ?? []) {
      const audit = report.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= 0.9 || !SCORED.has(audit.scoreDisplayMode)) continue;
      if (category !== 'performance' && audit.score >= 1) continue;
      if (ref.weight === 0 && category !== 'performance') continue;
      seen.add(ref.id);
      const value = audit.displayValue ? ` (${audit.displayValue})` : '';
      out.push({
        text: `${category}: ${audit.title}${value}, score ${audit.score}`,
        rank: 1000 + ref.weight * (1 - audit.score),
      });
    }
  }
  for (const [id, audit] of Object.entries(report.audits)) {
    if (seen.has(id) || audit.details?.type !== 'opportunity') continue;
    const ms = audit.details.overallSavingsMs ?? 0;
    const bytes = audit.details.overallSavingsBytes ?? 0;
    if (ms < 50 && bytes < 4096) continue;
    const saving = [ms ? `${Math.round(ms)} ms` : '', bytes ? `${kb(bytes).toFixed(0)} KB` : ''].filter(Boolean);
    out.push({ text: `performance opportunity: ${audit.title} (saves ${saving.join(', ')})`, rank: ms / 10 });
  }
  return out.sort((a, b) => b.rank - a.rank).map((f) => f.text);
};

/** The pages the bench measures: a search and a product the seed catalog always has. */
export const benchPages = async (): Promise<BenchPage[]> => {
  const { products } = await import('../local/seed/catalog');
  const product = products[0];
  const word = product.name.split(/\s+/).at(-1)!.toLowerCase();
  return [
    { page: 'home', path: '/' },
    { page: 'search', path: `/search?q=${encodeURIComponent(word)}` },
    { page: 'product', path: `/product/${product.slug}` },
  ];
};

const gzipBytesOf = async (url: string, cache: Map<string, number>): Promise<number> => {
  let bytes = cache.get(url);
  if (bytes === undefined) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
    bytes = gzipSync(Buffer.from(await response.arrayBuffer())).length;
    cache.set(url, bytes);
  }
  return bytes;
};

/** components/catalog-unavailable.tsx: what a catalog page shows when the API did not answer it. */
const UNAVAILABLE = 'id="catalog-unavailable-title"';

/**
 * Warms the server (its first render of a route, the functions behind it), and waits for a page that
 * was cached while the catalog was unavailable (under load the build's own render can time out) to
 * be made again: otherwise the bench would measure the notice, not the page.
 */
const warmUp = async (url: string, patienceMs = 150_000) => {
  const deadline = Date.now() + patienceMs;
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url).catch((error: Error) => {
      throw new Error(`${url} did not answer (${error.message}): is the storefront running?`);
    });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    const unavailable = (await response.text()).includes(UNAVAILABLE);
    if (!unavailable && attempt >= 1) return;
    if (unavailable && Date.now() > deadline) {
      throw new Error(`${url} still says the catalog is unavailable after ${patienceMs / 1000} s`);
    }
    if (unavailable) await new Promise((r) => setTimeout(r, 5000));
  }
};

const measurePage = async (
  base: string,
  { page, path }: BenchPage,
  port: number,
  runs: number,
  sizes: Map<string, number>,
) => {
  const { default: lighthouse } = await import('lighthouse');
  const url = new URL(path, base).href;
  await warmUp(url);

  const reports: NonNullable<Awaited<ReturnType<typeof lighthouse>>>[] = [];
  for (let run = 0; run < runs; run++) {
    const result = await lighthouse(url, {
      port,
      output: 'html',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (result.lhr.runtimeError)
      throw new Error(`Lighthouse could not load ${url}: ${result.lhr.runtimeError.message}`);
    reports.push(result);
    process.stdout.write('.');
  }
  const score = (report: (typeof reports)[number], c: Category) =>
    Math.round((report.lhr.categories[c]?.score ?? 0) * 100);
  const runScores = Object.fromEntries(CATEGORIES.map((c) => [c, reports.map((r) => score(r, c))])) as Record<
    Category,
    number[]
  >;
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(runScores[c])])) as Record<Category, number>;
  const typical = reports.find((r) => score(r, 'performance') === scores.performance) ?? reports[0];

  const html = await (await fetch(url)).text();
  const firstLoadJs = await Promise.all(
    scriptSources(html, url).map(async (src) => ({ url: src, gzipBytes: await gzipBytesOf(src, sizes) })),
  );
  const requests = (
    typical.lhr.audits['network-requests']?.details as { items?: { url: string; resourceType?: string }[] }
  )?.items;
  const allJs = await Promise.all(
    [...new Set((requests ?? []).filter((r) => r.resourceType === 'Script').map((r) => r.url))].map(async (src) => ({
      url: src,
      gzipBytes: await gzipBytesOf(src, sizes),
    })),
  );
  return {
    figures: {
      page,
      path,
      scores,
      runs: runScores,
      firstLoadJs,
      allJs,
      findings: findings(typical.lhr as unknown as LighthouseReport),
      benchmarkIndex: reports.map((r) => Math.round(r.lhr.environment.benchmarkIndex)),
    } satisfies PageFigures,
    html: typical.report as string,
  };
};

const argument = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
};

const main = async () => {
  const runs = Number(argument('runs') ?? 3);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a whole number from 1, got ${argument('runs')}`);
  let base = argument('url');
  let cloud: import('../local/cloud').LocalCloud | undefined;
  if (!base) {
    const { startThrowawayCloud } = await import('../local/cloud');
    const ports = process.env.CLOUDSHOP_TEST_PORTS ? TEST_PORTS : BENCH_PORTS;
    console.log('starting a throwaway local cloud and the production storefront (next build, a few minutes)...');
    cloud = await startThrowawayCloud({ ports, storefront: 'production' });
    base = cloud.urls.storefront;
  }
  const { launch } = await import('chrome-launcher');
  const chrome = await launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    logLevel: 'error',
  });
  const stop = () => {
    chrome.kill();
    void (cloud?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const pages = await benchPages();
    const sizes = new Map<string, number>();
    const rows: PageFigures[] = [];
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    for (const page of pages) {
      process.stdout.write(`measuring ${page.page} (${page.path}) `);
      const { figures, html } = await measurePage(base, page, chrome.port, runs, sizes);
      writeFileSync(join(dir, `storefront-${page.page}.html`), html);
      rows.push(figures);
      console.log(
        ` performance runs ${figures.runs.performance.join(', ')}; CPU benchmark ${figures.benchmarkIndex.join(', ')}`,
      );
    }

    console.log(`\n${formatStorefrontTable(rows, runs)}`);
    const cpu = rows.flatMap((row) => row.benchmarkIndex);
    console.log(
      `Lighthouse's CPU benchmark of this machine: ${Math.min(...cpu)} to ${Math.max(...cpu)} (its phone is this machine ` +
        'slowed 4×: on a busy machine blocking time is overstated and the performance score understated)',
    );
    const missed = rows.flatMap((row) => misses(row).map((m) => `${row.page}: ${m}`));
    console.log(missed.length ? `\nmisses:\n${missed.map((m) => `  ✗ ${m}`).join('\n')}` : '\nevery target met');
    for (const row of rows) {
      console.log(`\n${row.page}: what pulls the scores down`);
      console.log(row.findings.length ? row.findings.map((f) => `  - ${f}`).join('\n') : '  nothing');
      console.log(
        `  first-load scripts: ${row.firstLoadJs.map((s) => `${new URL(s.url).pathname} ${kb(s.gzipBytes).toFixed(1)} KB`).join(', ')}`,
      );
    }
    const file = join(dir, 'storefront.json');
    writeFileSync(
      file,
      JSON.stringify(
        {
          measuredAt: new Date().toISOString(),
          storefront: base,
          lighthouse: { formFactor: 'mobile', throttling: 'simulated', runs },
          targets: TARGETS,
          pages: rows.map((row) => ({
            ...row,
            firstLoadJsKb: Number(totalKb(row.firstLoadJs).toFixed(1)),
            allJsKb: Number(totalKb(row.allJs).toFixed(1)),
            misses: misses(row),
          })),
        },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nfigures in ${file}; each page's median Lighthouse report beside it (storefront-<page>.html)`);
  } finally {
    chrome.kill();
    await cloud?.stop();
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
