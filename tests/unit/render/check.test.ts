import { describe, expect, it } from 'vitest';
import { grade, parseAnswer } from '../../../src/client/check.ts';
import { inlineMarkdown, questionKey, renderQuestion } from '../../../src/garden/render/check.ts';
import { componentProblems } from '../../../src/garden/render/components.ts';
import { renderMdx } from '../../../src/garden/render/mdx.ts';
import { formatProblem } from '../../../src/garden/core/problems.ts';
import { countInlineQuestions } from '../../../src/garden/content/syntax.ts';

describe('a question as HTML', () => {
  it('single choice: a fieldset of radios, the answer behind "Show answer", the check button hidden until the script', () => {
    expect(
      renderQuestion({ question: 'What does `git add` do?', options: ['Uploads', 'Stages <changes>'], answer: 'Stages <changes>', explanation: 'Nothing leaves your machine.' }, { name: 'check-1' }),
    ).toMatchInlineSnapshot(
      `"<fieldset class="question" data-question="99cc04d5" data-answer="1"><legend><span dir="auto">What does <code>git add</code> do?</span></legend><ul class="options"><li><label><input type="radio" name="check-1" value="0"> <span dir="auto">Uploads</span></label></li><li><label><input type="radio" name="check-1" value="1"> <span dir="auto">Stages &lt;changes&gt;</span></label></li></ul><details class="answer"><summary>Show answer</summary><p>Answer: <strong>Stages &lt;changes&gt;</strong></p><p class="explanation">Nothing leaves your machine.</p></details><div class="question-actions"><button type="button" class="button secondary" data-check-answer>Check answer</button></div><div class="feedback" role="status" data-feedback></div></fieldset>"`,
    );
  });

  it('multiple choice: checkboxes, every correct index, and a hint in the legend', () => {
    const html = renderQuestion({ question: 'Which are safe?', options: ['a', 'b', 'c'], answer: ['a', 'c'] }, { name: 'inline-2', body: '<p>Given:</p>' });
    expect(html).toContain('data-answer="0 2"');
    expect(html).toContain('<legend><span dir="auto">Which are safe?</span> <span class="question-hint">(choose all that apply)</span></legend><p>Given:</p>');
    expect(html.match(/type="checkbox" name="inline-2"/g)).toHaveLength(3);
    expect(html).toContain('<p>Answers: <strong>a</strong>, <strong>c</strong></p>');
    expect(html).not.toContain('class="explanation"');
  });

  it('the key follows the question and its options, not its place', () => {
    const q = { question: 'Q?', options: ['a', 'b'] };
    expect(questionKey(q)).toMatch(/^[0-9a-f]{8}$/);
    expect(questionKey({ ...q })).toBe(questionKey(q));
    expect(questionKey({ ...q, options: ['b', 'a'] })).not.toBe(questionKey(q));
    expect(questionKey({ ...q, question: 'Q!' })).not.toBe(questionKey(q));
  });

  it.each([
    ['plain & <b>', 'plain &amp; &lt;b&gt;'],
    ['use `git <cmd>` here', 'use <code>git &lt;cmd&gt;</code> here'],
    ['an odd ` backtick', 'an odd ` backtick'],
    ['`a` and `b`', '<code>a</code> and <code>b</code>'],
  ])('inline text %j → %j', (text, html) => {
    expect(inlineMarkdown(text)).toBe(html);
  });
});

describe('counting <Question> in an MDX body', () => {
  it.each<[string, string, number]>([
    ['none', 'Just text.', 0],
    ['two', '<Question question="a" options={["x","y"]} answer="x" />\n\ntext\n\n<Question\n  question="b"\n/>', 2],
    ['not in a code fence', '```mdx\n<Question question="a" />\n```\n\n<Question question="b" />', 1],
    ['not in a tilde fence, nor inline code', '~~~\n<Question />\n~~~\nWrite `<Question>` like this.', 0],
    ['not a longer name', '<QuestionBank />', 0],
  ])('%s', (_why, body, n) => {
    expect(countInlineQuestions(body)).toBe(n);
  });
});

describe('grading in the browser', () => {
  it.each<[string | null, number[]]>([
    ['1', [1]],
    ['0 2', [0, 2]],
    ['', []],
    [null, []],
    ['x -1 3', [3]],
  ])('data-answer %j → %j', (attr, expected) => {
    expect(parseAnswer(attr)).toEqual(expected);
  });

  it.each<[number[], number[], boolean]>([
    [[1], [1], true],
    [[0], [1], false],
    [[0, 2], [2, 0], true],
    [[0], [0, 2], false],
    [[0, 1, 2], [0, 2], false],
    [[], [0], false],
    [[], [], false],
  ])('chose %j, correct %j → %s', (chosen, correct, right) => {
    expect(grade(chosen, correct)).toBe(right);
  });
});

describe('the <Question> MDX component', () => {
  const render = (body: string) => renderMdx(body, { fileURL: new URL('file:///garden/content/courses/sql/02-joins.mdx'), mdastPlugins: [], hastPlugins: [] });
  /** The build's report for a page with this body, 4 lines of frontmatter above it. */
  const report = async (body: string) => {
    try {
      await render(body);
      return '';
    } catch (err) {
      const problems = componentProblems('content/courses/sql/02-joins.mdx', 4, err);
      if (!problems) throw err;
      return problems.map(formatProblem).join('\n');
    }
  };

  it('renders the shared markup in a box, with its children between the question and the options', async () => {
    const { html } = await render('<Question question="Which join?" options={["inner", "left"]} answer="left">\n\nKeeps **every** booking.\n\n</Question>');
    expect(html).toMatch(/^<div class="box check check-inline"><fieldset class="question" data-question="[0-9a-f]{8}" data-answer="1">/);
    expect(html).toContain('<legend><span dir="auto">Which join?</span></legend><div class="question-body"><p>Keeps <strong>every</strong> booking.</p>');
    expect(html).toContain('name="inline-1"');
  });

  it('numbers the questions of a page, for unique radio groups', async () => {
    const { html } = await render('<Question question="A" options={["x", "y"]} answer="x" />\n\n<Question question="B" options={["x", "y"]} answer="y" />');
    expect(html.match(/name="inline-\d"/g)?.filter((v, i, a) => a.indexOf(v) === i)).toEqual(['name="inline-1"', 'name="inline-2"']);
  });

  it('bad props fail the build: every problem, with the file, the line and the question number', async () => {
    const body = [
      'Intro.', // 1
      '', // 2
      '<Question question="Fine" options={["a", "b"]} answer="a" />', // 3
      '', // 4
      '<Question', // 5
      '  question="Which?"',
      '  options={["merge", "rebase", "merge"]}',
      '  answer="rebse"',
      '/>',
      '',
      '<Callout><Question question="Q" options={["x"]} answers="x" /></Callout>', // 11
      '',
      '<Question options={["x", "y"]} answer={[]} />', // 13
    ].join('\n');
    expect(await report(body)).toMatchInlineSnapshot(`
      "content/courses/sql/02-joins.mdx:9 → <Question> 2, options: lists "merge" twice; remove the second one
      content/courses/sql/02-joins.mdx:9 → <Question> 2, answer: "rebse" is not one of the options (did you mean "rebase"? options: "merge", "rebase", "merge")
      content/courses/sql/02-joins.mdx:15 → <Question> 3, options: needs at least two options
      content/courses/sql/02-joins.mdx:15 → <Question> 3, answer: is required (add the \`answer\` prop)
      content/courses/sql/02-joins.mdx:15 → <Question> 3, answers: unknown field (did you mean "answer"?)
      content/courses/sql/02-joins.mdx:17 → <Question> 4, question: is required (add the \`question\` prop)
      content/courses/sql/02-joins.mdx:17 → <Question> 4, answer: needs at least one correct answer"
    `);
  });

  it('a good page reports nothing', async () => {
    expect(await report('<Question question="Q" options={["a", "b"]} answer={["a", "b"]} explanation="Both." />')).toBe('');
  });
});
