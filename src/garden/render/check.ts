/**
 * Knowledge checks at build time: the one HTML shape of a question, shared by a lesson's frontmatter
 * `check:` (src/components/KnowledgeCheck.astro) and the `<Question>` MDX component (components.ts).
 *
 * Without JavaScript the markup is the whole experience: a fieldset with its options and the answer
 * behind "Show answer". The browser script (src/client/check.ts) finds `[data-question]`, hides the
 * "Show answer" fold, shows the "Check answer" button and grades with `data-answer`; the attributes
 * below are the contract between the two.
 */
import { escapeHtml } from './html-runtime.ts';
import type { Question } from '../content/schemas.ts';

/** The question's answers as a list (a single-choice question has one). */
export function answersOf(q: Pick<Question, 'answer'>): string[] {
  return Array.isArray(q.answer) ? q.answer : [q.answer];
}

/** True when the reader may pick several options: the author wrote `answer` as a list. */
export function isMultiple(q: Pick<Question, 'answer'>): boolean {
  return Array.isArray(q.answer);
}

/**
 * A stable key for a question, under which the reader's attempts are stored: FNV-1a over its text
 * and options, so reordering the questions keeps the attempts, and changing a question or its
 * options starts it afresh (an old answer index would point at a different option).
 */
export function questionKey(q: Pick<Question, 'question' | 'options'>): string {
  let h = 0x811c9dc5;
  const s = `${q.question}\u0000${q.options.join('\u0000')}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The words of a question's markup that are not the author's. */
export interface QuestionLabels {
  hint: string;
  show: string;
  answer: string;
  answers: string;
  check: string;
}

/** English, as the UI catalogue has it (src/i18n/catalogues/en.ts `check.*`). */
export const ENGLISH_LABELS: QuestionLabels = { hint: '(choose all that apply)', show: 'Show answer', answer: 'Answer:', answers: 'Answers:', check: 'Check answer' };

/** Question and option text as HTML: escaped, with `code` spans, as authors write them in YAML. */
export function inlineMarkdown(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) => (/^`[^`]+`$/.test(part) ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : escapeHtml(part)))
    .join('');
}

/** Options for rendering one question. */
export interface QuestionRender {
  /** The `name` of its radio group or checkboxes, unique on the page (`check-1`, `inline-2`). */
  name: string;
  /** The words around the question, in the site's language (the UI catalogue's `check.*`); English by default. */
  labels?: QuestionLabels;
  /** Extra content shown between the question and its options (an MDX question's children), as HTML. */
  body?: string;
}

/** One question as HTML: readable and answerable on paper without JavaScript, graded with it. */
export function renderQuestion(q: Question, { name, body = '', labels = ENGLISH_LABELS }: QuestionRender): string {
  const answers = answersOf(q);
  const multiple = isMultiple(q);
  const correct = q.options.flatMap((o, i) => (answers.includes(o) ? [i] : []));
  const type = multiple ? 'checkbox' : 'radio';
  const hint = multiple ? ` <span class="question-hint">${escapeHtml(labels.hint)}</span>` : '';
  const options = q.options.map((o, i) => `<li><label><input type="${type}" name="${escapeHtml(name)}" value="${i}"> <span dir="auto">${inlineMarkdown(o)}</span></label></li>`).join('');
  const shown = answers.map((a) => `<strong>${inlineMarkdown(a)}</strong>`).join(', ');
  const explanation = q.explanation ? `<p class="explanation">${inlineMarkdown(q.explanation)}</p>` : '';
  return (
    `<fieldset class="question" data-question="${questionKey(q)}" data-answer="${correct.join(' ')}">` +
    `<legend><span dir="auto">${inlineMarkdown(q.question)}</span>${hint}</legend>${body}` +
    `<ul class="options">${options}</ul>` +
    `<details class="answer"><summary>${escapeHtml(labels.show)}</summary><p>${escapeHtml(multiple ? labels.answers : labels.answer)} ${shown}</p>${explanation}</details>` +
    `<div class="question-actions"><button type="button" class="button secondary" data-check-answer>${escapeHtml(labels.check)}</button></div>` +
    `<div class="feedback" role="status" data-feedback></div>` +
    `</fieldset>`
  );
}
