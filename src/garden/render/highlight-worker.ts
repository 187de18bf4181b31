/**
 * A thread that highlights code blocks for ./highlight-pool.ts: the same highlighter as the site's
 * Markdown (./highlight.ts), made from the settings the pool passes, answering
 * one block per message with its hast element.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { siteHighlighter } from './highlight.ts';
import type { HighlightRequest, HighlightReply, HighlightSettings } from './highlight-pool.ts';

const { syntaxHighlight, shikiConfig } = workerData as HighlightSettings;
const highlight = await siteHighlighter(syntaxHighlight as Parameters<typeof siteHighlighter>[0], shikiConfig as Parameters<typeof siteHighlighter>[1]);

parentPort!.on('message', ({ id, code, lang, meta }: HighlightRequest) => {
  const reply = (r: HighlightReply) => parentPort!.postMessage(r);
  if (!highlight) return reply({ id, node: undefined });
  Promise.resolve(highlight(code, lang, meta)).then(
    (node) => reply({ id, node }),
    (err: unknown) => reply({ id, error: err instanceof Error ? err.message : String(err) }),
  );
});
