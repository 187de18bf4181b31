/**
 * The benchmark's command line, checked: what `npm run bench` builds and how. Every message names the
 * option, what it got and what it takes.
 */

/** The pages the benchmark builds. */
export type Corpus = 'garden' | 'peer';

/** What `npm run bench` was asked to do. */
export interface BenchOptions {
  /** `garden`: the synthetic garden (src/bench/generate.ts); `peer`: the peer corpus as a `notes` source. */
  corpus: Corpus;
  pages: number;
  runs: number;
  /** The generator's seed: 1 for the garden, 42 (the peers' figures) for the peer corpus. */
  seed: number;
  /** Share of MDX pages (garden corpus only). */
  mdxShare: number;
  /** Also build the peer corpus with Hugo + Pagefind, in the same run. */
  withHugo: boolean;
  /** After the cold builds, time a rebuild after a one-sentence edit of one note. */
  edit: boolean;
  /** Also build the site as this many partitions in separate processes and merge them (0: not). */
  split: number;
  /** Then start `astro dev` on the pages: time to the first page served, and to an edit served. */
  dev: boolean;
  out?: string;
  compare?: string;
}

export const BENCH_USAGE =
  'usage: npm run bench -- [--corpus garden|peer] [--pages N] [--runs R] [--with-hugo] [--edit] [--split N] [--dev] [--out report.json] [--compare old.json] [--seed S] [--mdx share]\n' +
  '  --corpus garden (default): the synthetic garden, at least 60 pages; peer: the peer corpus (../shared/bench) as a notes source, at least 10 pages\n' +
  '  --with-hugo: also build the peer corpus with Hugo + Pagefind and report Grove / Hugo (needs --corpus peer and `hugo`)\n' +
  '  --edit: after the cold builds, rebuild after changing one sentence of one note\n' +
  '  --split N: then build it as N partitions in separate processes (as N CI runners), merge them, and compare with the single build\n' +
  '  --dev: then start `astro dev` on the same pages with an empty cache: time to the first note page served, and to an edit of it served';

/** Smallest corpora: the garden needs room for every kind; the peer generator links each page to 3–6 others. */
export const MIN_PAGES: Record<Corpus, number> = { garden: 60, peer: 10 };

/** The options as `parseArgs` gives them. */
export type RawBenchOptions = Record<string, string | boolean | undefined>;

const whole = (name: string, raw: string | boolean | undefined, fallback: string, min: number): number => {
  const text = typeof raw === 'string' ? raw : fallback;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min} (got ${text})`);
  return n;
};

/** Checks the command line; throws an Error whose message says which option is wrong and how to fix it. */
export function benchOptions(values: RawBenchOptions): BenchOptions {
  const corpusText = typeof values.corpus === 'string' ? values.corpus : 'garden';
  if (corpusText !== 'garden' && corpusText !== 'peer') throw new Error(`--corpus must be "garden" or "peer" (got ${corpusText})`);
  const corpus: Corpus = corpusText;
  const pages = whole('pages', values.pages, '1000', MIN_PAGES[corpus]);
  const runs = whole('runs', values.runs, '1', 1);
  const seed = whole('seed', values.seed, corpus === 'peer' ? '42' : '1', 0);
  if (values.mdx !== undefined && corpus === 'peer') throw new Error('--mdx applies to the garden corpus only: the peer corpus is plain Markdown, as its peers built it (drop --mdx)');
  const mdxShare = Number(values.mdx ?? '0.1');
  if (!(mdxShare >= 0 && mdxShare <= 1)) throw new Error(`--mdx must be a share between 0 and 1 (got ${String(values.mdx)})`);
  const withHugo = values['with-hugo'] === true;
  if (withHugo && corpus !== 'peer') throw new Error('--with-hugo builds the peer corpus with Hugo: add --corpus peer');
  const out = typeof values.out === 'string' ? values.out : undefined;
  const split = values.split === undefined ? 0 : whole('split', values.split, '0', 2);
  if (split > 64) throw new Error(`--split must be at most 64 partitions (got ${split})`);
  return { corpus, pages, runs, seed, mdxShare, withHugo, edit: values.edit === true, split, dev: values.dev === true, out, compare: typeof values.compare === 'string' ? values.compare : undefined };
}
