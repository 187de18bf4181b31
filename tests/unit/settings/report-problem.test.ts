/** "Report a problem": the new-issue form of each git host, prefilled with the page where the host allows it. */
import { describe, expect, it } from 'vitest';
import { newIssueUrlOf, problemReportOf } from '../../../src/garden/settings/hosts.ts';

const report = problemReportOf({ title: 'Rebasing safely', address: 'https://intranet.example/learning/notes/rebase-safely/', file: 'content/notes/rebase-safely.md' });

describe('newIssueUrlOf', () => {
  it.each([
    [{ repo: 'git@github.com:acme/garden.git' }, 'https://github.com/acme/garden/issues/new', 'title', 'body'],
    [{ repo: 'https://gitlab.com/acme/garden.git' }, 'https://gitlab.com/acme/garden/-/issues/new', 'issue[title]', 'issue[description]'],
    [{ web: 'https://git.acme.example/learning/garden', host: 'gitea' as const }, 'https://git.acme.example/learning/garden/issues/new', 'title', 'body'],
  ])('%j → %s, prefilled', (source, base, titleKey, bodyKey) => {
    const url = new URL(newIssueUrlOf(source, report.title, report.body)!);
    expect(`${url.origin}${url.pathname}`).toBe(base);
    expect(url.searchParams.get(titleKey)).toBe('Problem on "Rebasing safely"');
    expect(url.searchParams.get(bodyKey)).toBe(report.body);
  });

  it('Bitbucket opens its empty form (it takes nothing from the address); an unknown host gives no link', () => {
    expect(newIssueUrlOf({ repo: 'https://bitbucket.org/acme/garden.git' }, report.title, report.body)).toBe('https://bitbucket.org/acme/garden/issues/new');
    expect(newIssueUrlOf({ repo: 'file:///srv/git/garden.git' }, report.title, report.body)).toBeUndefined();
    expect(newIssueUrlOf({ web: 'https://git.unknown.example/garden' }, report.title, report.body)).toBeUndefined();
  });

  it('the report names the page and its file, and asks what is wrong', () => {
    expect(report.body).toMatchInlineSnapshot(`
      "Page: https://intranet.example/learning/notes/rebase-safely/
      File: content/notes/rebase-safely.md

      What is wrong, missing or out of date?


      What should it say instead (a link to a source helps)?
      "
    `);
  });
});
