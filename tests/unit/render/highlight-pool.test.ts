import { describe, expect, it, vi } from 'vitest';
import { satteriCreateHighlightFn as createHighlightFn } from '@astrojs/markdown-satteri';
import { highlightPool, poolSize, type HighlightFn } from '../../../src/garden/render/highlight-pool.ts';
import { SHIKI_CONFIG } from '../../../src/garden/render/hast-plugins.ts';

const settings = { syntaxHighlight: 'shiki', shikiConfig: SHIKI_CONFIG };
const blocks: Array<[string, string, string?]> = [
  ['const a = 1;\nconsole.log(a);', 'ts'],
  ['git rebase -i HEAD~3', 'bash', 'title="Rebase"'],
  ['{ "a": [1, 2] }', 'json'],
  ['no such language here', 'klingon'],
  ['', 'python'],
];

describe('highlightPool', () => {
  it('highlights on its threads exactly what the main thread would, without calling it', async () => {
    const local = (await createHighlightFn('shiki', SHIKI_CONFIG)) as HighlightFn;
    const spy = vi.fn(local);
    const pool = highlightPool(settings, spy, 2);
    try {
      const threaded = await Promise.all(blocks.map(([code, lang, meta]) => pool.highlight(code, lang, meta)));
      const here = await Promise.all(blocks.map(([code, lang, meta]) => local(code, lang, meta)));
      expect(threaded).toEqual(here);
      expect(spy).not.toHaveBeenCalled();
      expect([pool.threads, pool.threaded, pool.local]).toEqual([2, blocks.length, 0]);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('highlights on the main thread when a thread cannot start, or the settings cannot be sent to one', async () => {
    const local = vi.fn<HighlightFn>((code) => ({ type: 'text', value: code }));
    const missing = highlightPool(settings, local, 1, new URL('./no-such-worker.ts', import.meta.url));
    expect(await missing.highlight('x', 'ts')).toEqual({ type: 'text', value: 'x' });
    expect([missing.threaded, missing.local]).toEqual([0, 1]);
    await missing.close();
    const functions = highlightPool({ syntaxHighlight: 'shiki', shikiConfig: { transformers: [{ pre: () => {} }] } }, local, 1);
    expect(await functions.highlight('y', 'ts')).toEqual({ type: 'text', value: 'y' });
    await functions.close();
    expect(local).toHaveBeenCalledTimes(2);
  }, 60_000);

  it('leaves a core to the main thread and starts at most four threads', () => {
    expect([1, 2, 3, 8, 64].map((n) => poolSize(n))).toEqual([1, 1, 2, 4, 4]);
  });
});
