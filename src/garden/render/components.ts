/**
 * Components an `.mdx` page may use without importing them. They render to HTML strings (see
 * html-runtime.ts), need no client JavaScript to be read, and are the allowlist for untrusted sources.
 * `<Question>` is made interactive in the browser by src/client/check.ts (see check.ts for the markup).
 */
import { renderQuestion } from './check.ts';
import { escapeHtml, Html, renderChild } from './html-runtime.ts';
import { QuestionSchema, type Question as QuestionData } from '../content/schemas.ts';
import { validate } from '../core/validate.ts';
import type { Problem } from '../core/problems.ts';

type Props = Record<string, unknown> & { children?: unknown };

const CALLOUT_TYPES = ['note', 'tip', 'important', 'warning', 'caution'];

/** `<Callout type="tip" title="Before you push">…</Callout>`: a highlighted aside. */
function Callout(props: Props): Html {
  const type = CALLOUT_TYPES.includes(String(props.type)) ? String(props.type) : 'note';
  const title = props.title ? String(props.title) : type[0]!.toUpperCase() + type.slice(1);
  return new Html(`<aside class="callout callout-${type}" aria-label="${escapeHtml(title)}"><p class="callout-title">${escapeHtml(title)}</p>${renderChild(props.children)}</aside>`);
}

/** `<Details summary="Show the answer">…</Details>`: content folded until the reader opens it. */
function Details(props: Props): Html {
  return new Html(`<details><summary>${escapeHtml(String(props.summary ?? 'Details'))}</summary>${renderChild(props.children)}</details>`);
}

/** A mistake in a component's props, found while a page renders. */
export interface ComponentIssue {
  /** Line in the MDX body (not the file), when known. */
  line?: number;
  /** `Question 2`: the component and its number on the page. */
  where: string;
  field?: string;
  message: string;
  hint?: string;
}

/** What one page's render shares with its components: where each `<Question>` is, and what went wrong. */
export interface RenderContext {
  /** Body lines of the page's `<Question>` elements, in document order (the order they render in). */
  questionLines: number[];
  /** Questions rendered so far. */
  questions: number;
  /** Bad props found; the render fails with all of them at the end. */
  issues: ComponentIssue[];
}

/** A fresh context for one page. */
export function renderContext(questionLines: number[] = []): RenderContext {
  return { questionLines, questions: 0, issues: [] };
}

/**
 * `<Question question="…" options={[…]} answer="…" explanation="…">optional text or code</Question>`:
 * one knowledge-check question inside the text, validated like a frontmatter `check:` item.
 */
function questionComponent(ctx: RenderContext) {
  return function Question(props: Props): Html {
    const n = ++ctx.questions;
    const { children, ...data } = props;
    const result = validate(QuestionSchema, data, '');
    if (!result.ok) {
      for (const p of result.problems) {
        // `add \`answer:\`` is how to fix frontmatter; a component takes a prop.
        const hint = p.hint?.replace(/^add `(\w+):`$/, 'add the `$1` prop');
        ctx.issues.push({ line: ctx.questionLines[n - 1], where: `<Question> ${n}`, field: p.field, message: p.message, hint });
      }
      return new Html('');
    }
    const q: QuestionData = result.value;
    const body = children === undefined ? '' : `<div class="question-body">${renderChild(children)}</div>`;
    return new Html(`<div class="box check check-inline">${renderQuestion(q, { name: `inline-${n}`, body })}</div>`);
  };
}

/** The garden components for one page's render, by the name used in MDX. */
export function gardenComponents(ctx: RenderContext = renderContext()): Record<string, (p: Props) => Html> {
  return { Callout, Details, Question: questionComponent(ctx) };
}

/** The names of the garden components, for messages. */
export const GARDEN_COMPONENT_NAMES: readonly string[] = Object.keys(gardenComponents());

/** The garden components (a context of their own: for their names, or a one-off render). */
export const GARDEN_COMPONENTS: Record<string, (p: Props) => Html> = gardenComponents();

/** Thrown by a render whose components had bad props: every issue of the page at once. */
export class ComponentError extends Error {
  readonly issues: ComponentIssue[];
  constructor(issues: ComponentIssue[]) {
    super(issues.map((i) => `${i.where}: ${i.field ? `${i.field}: ` : ''}${i.message}`).join('; '));
    this.name = 'ComponentError';
    this.issues = issues;
  }
}

/** The problems of a ComponentError for a file whose body starts after `bodyOffset` lines; undefined for other errors. */
export function componentProblems(file: string, bodyOffset: number, err: unknown): Problem[] | undefined {
  if (!(err instanceof ComponentError)) return undefined;
  return err.issues.map((i) => ({
    file,
    line: i.line === undefined ? undefined : i.line + bodyOffset,
    field: i.field ? `${i.where}, ${i.field}` : i.where,
    message: i.message,
    hint: i.hint,
    severity: 'error' as const,
  }));
}
