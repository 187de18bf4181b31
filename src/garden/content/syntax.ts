/**
 * Grove's Markdown dialect as source text, before anything renders: the parser's features, what an
 * MDX body holds (ESM statements, inline questions) and an MDX syntax error as a problem on its line.
 * The trust policy, the model (question counts) and the renderer all read a page through these.
 */
import { mdxToMdast } from 'satteri';
import type { AnyEntry } from './entries.ts';
import type { Problem } from '../core/problems.ts';

/**
 * Sätteri's features for every garden page: wikilinks on; frontmatter off, because Grove hands it
 * the body it has already split from its frontmatter, and a body that starts with a `---` thematic
 * break would otherwise be read as a second frontmatter and its text up to the next `---` dropped.
 */
export const MARKDOWN_FEATURES = { wikilinks: true, frontmatter: false } as const;

/** True when the MDX has `import` or `export` statements (it must then be bundled by Astro). */
export function hasEsm(body: string): boolean {
  // `[ \t]`, not `\s`: `\s*` ran across line breaks from every line start, quadratic on 100,000 blank lines.
  if (!/^[ \t]*(import|export)\b/m.test(body)) return false;
  const tree = mdxToMdast(body, { position: false, features: MARKDOWN_FEATURES }) as { children?: Array<{ type: string }> };
  return (tree.children ?? []).some((n) => n.type === 'mdxjsEsm');
}

/**
 * Counts `<Question` elements in an MDX body, outside code fences (a lesson that shows how to write
 * one in a code block asks nothing), for the time estimate and to know a page needs the check script.
 */
export function countInlineQuestions(body: string): number {
  let n = 0;
  let fence: string | undefined;
  for (const line of body.split(/\r?\n/)) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1]!;
      else if (f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence) continue;
    // Inline code spans (`<Question>` in prose) are not elements either.
    n += (line.replace(/`[^`]*`/g, '').match(/<Question\b/g) ?? []).length;
  }
  return n;
}

/** An MDX compile error (`components`: the names a page may use, for the hint) as a problem naming the line and column on disk, or the component that is not allowed. */
export function mdxProblem(e: Pick<AnyEntry, 'file' | 'bodyOffset'>, err: unknown, components: readonly string[]): Problem {
  const error = err as { message?: string; line?: number; column?: number; position?: { start?: { line?: number; column?: number } } };
  // Sätteri puts the place at the start of the message (`2:11: Unexpected …`) when the error has no position.
  const first = (error.message ?? String(err)).split('\n')[0]!;
  const at = /^(\d+):(\d+)(?:-\d+:\d+)?: /.exec(first);
  const line = error.line ?? error.position?.start?.line ?? (at ? Number(at[1]) : undefined);
  const message = at ? first.slice(at[0].length) : first;
  const missing = /Expected component `([^`]+)` to be defined/.exec(message);
  if (missing) {
    return {
      file: e.file,
      message: `uses <${missing[1]}>, which is not a garden component`,
      hint: `use one of ${components.map((c) => `<${c}>`).join(', ')}, or import it (trusted sources only)`,
      severity: 'error',
    };
  }
  return {
    file: e.file,
    line: line ? line + e.bodyOffset : undefined,
    column: line ? (error.column ?? error.position?.start?.column ?? (at ? Number(at[2]) : undefined)) : undefined,
    message: `this MDX does not compile: ${message}`,
    hint: 'in .mdx, `{`, `<` and HTML comments are code; escape them, or rename the file to .md',
    severity: 'error',
  };
}
