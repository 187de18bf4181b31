/** Edit and "propose a note" links per git host, derived from the repository URL or an explicit pattern. */
import { describe, expect, it } from 'vitest';
import { editUrlOf, hostKindOf, newFileUrlOf, webOf, type HostKind } from '../../../src/garden/settings/hosts.ts';

describe('webOf', () => {
  it.each<[string, string | undefined]>([
    // https, with and without .git and trailing slashes
    ['https://github.com/acme/notes.git', 'https://github.com/acme/notes'],
    ['https://github.com/acme/notes', 'https://github.com/acme/notes'],
    ['https://github.com/acme/notes/', 'https://github.com/acme/notes'],
    ['https://github.com/acme/notes.git/', 'https://github.com/acme/notes'],
    ['https://github.com/acme/acme.github.io.git', 'https://github.com/acme/acme.github.io'],
    ['http://git.corp.example/team/notes.git', 'http://git.corp.example/team/notes'],
    // an https port is part of the web address; credentials never are
    ['https://git.corp.example:8443/team/notes.git', 'https://git.corp.example:8443/team/notes'],
    ['https://ci-bot:s3cret@git.corp.example/team/notes.git', 'https://git.corp.example/team/notes'],
    // scp-like ssh, with and without a user, on an intranet host
    ['git@git.corp.example:team/notes.git', 'https://git.corp.example/team/notes'],
    ['git@github.com:acme/notes.git', 'https://github.com/acme/notes'],
    ['git.corp.example:team/sub/notes', 'https://git.corp.example/team/sub/notes'],
    // ssh:// and git://: the ssh port says nothing about the web server, so it is dropped
    ['ssh://git@host:2222/team/notes.git', 'https://host/team/notes'],
    ['ssh://git@git.corp.example/team/notes.git', 'https://git.corp.example/team/notes'],
    ['git://git.corp.example/team/notes.git', 'https://git.corp.example/team/notes'],
    // nothing on the web
    ['file:///srv/git/notes.git', undefined],
    ['/srv/git/notes.git', undefined],
    ['./notes', undefined],
    ['../notes.git', undefined],
  ])('%j → %j', (repo, web) => {
    expect(webOf(repo)).toBe(web);
  });

  // BUG: webOf('git@git.corp.example:/team/notes.git') (scp-like with an absolute path, which git accepts)
  // returns "https://git.corp.example//team/notes" with a double slash; expected "https://git.corp.example/team/notes".
  it('scp-like with an absolute path has no double slash', () => {
    expect(webOf('git@git.corp.example:/team/notes.git')).toBe('https://git.corp.example/team/notes');
  });
});

describe('hostKindOf', () => {
  it.each<[string | undefined, HostKind | undefined, HostKind | undefined]>([
    ['https://github.com/acme/notes', undefined, 'github'],
    ['https://gitlab.com/acme/notes', undefined, 'gitlab'],
    ['https://bitbucket.org/acme/notes', undefined, 'bitbucket'],
    ['https://codeberg.org/acme/notes', undefined, 'gitea'],
    ['https://gitea.com/acme/notes', undefined, 'gitea'],
    ['https://GitHub.com/acme/notes', undefined, 'github'],
    // an intranet host is unknown unless declared: no public host name is assumed
    ['https://git.corp.example/team/notes', undefined, undefined],
    ['https://gitlab.corp.example/team/notes', undefined, undefined],
    ['https://github.corp.example/team/notes', undefined, undefined],
    ['https://git.corp.example/team/notes', 'gitlab', 'gitlab'],
    ['https://git.corp.example/team/notes', 'gitea', 'gitea'],
    // a declaration wins even over a known host name
    ['https://github.com/acme/notes', 'gitea', 'gitea'],
    [undefined, undefined, undefined],
    [undefined, 'bitbucket', 'bitbucket'],
    ['not a url', undefined, undefined],
  ])('%j declared %j → %j', (web, declared, kind) => {
    expect(hostKindOf(web, declared)).toBe(kind);
  });
});

describe('editUrlOf', () => {
  const gh = { repo: 'https://github.com/acme/notes.git', branch: 'main' };
  it.each<[string, Parameters<typeof editUrlOf>[0], string, string | undefined]>([
    ['GitHub', gh, 'notes/rebase.md', 'https://github.com/acme/notes/edit/main/notes/rebase.md'],
    ['GitHub over ssh', { repo: 'git@github.com:acme/notes.git', branch: 'main' }, 'notes/rebase.md', 'https://github.com/acme/notes/edit/main/notes/rebase.md'],
    ['GitLab', { repo: 'https://gitlab.com/acme/notes.git', branch: 'main' }, 'notes/rebase.md', 'https://gitlab.com/acme/notes/-/edit/main/notes/rebase.md'],
    [
      'self-hosted GitLab, declared',
      { repo: 'git@git.corp.example:team/handbook.git', branch: 'trunk', host: 'gitlab' },
      'docs/notes/rebase.md',
      'https://git.corp.example/team/handbook/-/edit/trunk/docs/notes/rebase.md',
    ],
    ['self-hosted, not declared: no link', { repo: 'git@git.corp.example:team/handbook.git', branch: 'main' }, 'notes/x.md', undefined],
    ['Codeberg (Gitea/Forgejo)', { repo: 'https://codeberg.org/acme/notes.git', branch: 'main' }, 'notes/rebase.md', 'https://codeberg.org/acme/notes/_edit/main/notes/rebase.md'],
    [
      'self-hosted Gitea, declared',
      { repo: 'ssh://git@gitea.corp.example:2222/team/notes.git', branch: 'main', host: 'gitea' },
      'notes/x.md',
      'https://gitea.corp.example/team/notes/_edit/main/notes/x.md',
    ],
    ['Bitbucket', { repo: 'https://bitbucket.org/acme/notes.git', branch: 'main' }, 'notes/rebase.md', 'https://bitbucket.org/acme/notes/src/main/notes/rebase.md?mode=edit'],
    ['a space is encoded', gh, 'notes/Git Cheat Sheet.md', 'https://github.com/acme/notes/edit/main/notes/Git%20Cheat%20Sheet.md'],
    ['non-ASCII is encoded', gh, 'notes/Überblick Deployments.md', 'https://github.com/acme/notes/edit/main/notes/%C3%9Cberblick%20Deployments.md'],
    ['Hebrew is encoded', gh, 'notes/ברוכים.md', 'https://github.com/acme/notes/edit/main/notes/%D7%91%D7%A8%D7%95%D7%9B%D7%99%D7%9D.md'],
    ['# and ? are encoded', gh, 'notes/C# tips?.md', 'https://github.com/acme/notes/edit/main/notes/C%23%20tips%3F.md'],
    // a local source: the web address is given, the host kind known from it or declared
    ['web given', { web: 'https://github.com/acme/site/', branch: 'main' }, 'content/notes/x.md', 'https://github.com/acme/site/edit/main/content/notes/x.md'],
    ['web given, intranet GitLab', { web: 'https://git.corp.example/team/site', host: 'gitlab', branch: 'main' }, 'content/x.md', 'https://git.corp.example/team/site/-/edit/main/content/x.md'],
    ['web wins over repo', { repo: 'file:///srv/git/notes.git', web: 'https://gitlab.com/acme/notes', branch: 'main' }, 'x.md', 'https://gitlab.com/acme/notes/-/edit/main/x.md'],
    ['file:// repo: no link', { repo: 'file:///srv/git/notes.git', branch: 'main' }, 'notes/x.md', undefined],
    ['file:// repo, host declared but no web: no link', { repo: 'file:///srv/git/notes.git', branch: 'main', host: 'github' }, 'notes/x.md', undefined],
  ])('%s', (_why, source, path, url) => {
    expect(editUrlOf(source, path)).toBe(url);
  });

  it('takes an explicit pattern with {path}, {branch} and {commit}, encoding the path', () => {
    const source = { repo: 'file:///srv/git/notes.git', branch: 'main', editUrl: 'https://cms.corp.example/edit?b={branch}&c={commit}&p={path}' };
    expect(editUrlOf(source, 'notes/Überblick Deployments.md', '0123456789abcdef0123456789abcdef01234567')).toBe(
      'https://cms.corp.example/edit?b=main&c=0123456789abcdef0123456789abcdef01234567&p=notes/%C3%9Cberblick%20Deployments.md',
    );
  });

  // Defence in depth for #12: the settings refuse these, and links built from them are refused again.
  it.each([
    [{ branch: 'main', editUrl: 'javascript:alert(1)//{path}' }],
    [{ branch: 'main', editUrl: '{branch}:alert(1)' }],
    [{ branch: 'javascript', editUrl: '{commit}:alert(1)' }],
    [{ branch: 'main', web: 'javascript:alert(1)//', host: 'github' as const }],
  ])('a pattern or web address that is not http(s) makes no link: %j', (source) => {
    expect(editUrlOf(source, 'notes/x.md')).toBeUndefined();
    expect(newFileUrlOf(source, 'notes', 'x.md', '# X')).toBeUndefined();
  });

  it('an explicit pattern wins over the host kind, and {commit} falls back to the branch', () => {
    const source = { repo: 'https://github.com/acme/notes.git', branch: 'main', editUrl: 'https://review.corp.example/{commit}/{path}' };
    expect(editUrlOf(source, 'notes/x.md')).toBe('https://review.corp.example/main/notes/x.md');
    expect(editUrlOf(source, 'notes/x.md', 'abc123')).toBe('https://review.corp.example/abc123/notes/x.md');
  });

  it('repeats every placeholder', () => {
    const source = { branch: 'main', editUrl: 'https://e.example/{path}?again={path}' };
    expect(editUrlOf(source, 'a b.md')).toBe('https://e.example/a%20b.md?again=a%20b.md');
  });
});

describe('newFileUrlOf', () => {
  const template = '---\ntitle: "Your note"\n---\n\nWrite here & keep it short.\n';
  it.each<[string, Parameters<typeof newFileUrlOf>[0], string, string | undefined]>([
    [
      'GitHub: new/<branch>/<folder> with filename and value',
      { repo: 'https://github.com/acme/notes.git', branch: 'main' },
      'notes',
      'https://github.com/acme/notes/new/main/notes?filename=my-note.md&value=---%0Atitle%3A+%22Your+note%22%0A---%0A%0AWrite+here+%26+keep+it+short.%0A',
    ],
    [
      'GitLab: -/new/<branch>/<folder> with file_name and content',
      { repo: 'https://gitlab.com/acme/notes.git', branch: 'main' },
      'garden/notes',
      'https://gitlab.com/acme/notes/-/new/main/garden/notes?file_name=my-note.md&content=---%0Atitle%3A+%22Your+note%22%0A---%0A%0AWrite+here+%26+keep+it+short.%0A',
    ],
    [
      'self-hosted GitLab, declared',
      { repo: 'git@git.corp.example:team/handbook.git', branch: 'trunk', host: 'gitlab' },
      'notes/',
      'https://git.corp.example/team/handbook/-/new/trunk/notes?file_name=my-note.md&content=---%0Atitle%3A+%22Your+note%22%0A---%0A%0AWrite+here+%26+keep+it+short.%0A',
    ],
    // Gitea/Forgejo cannot prefill: its new-file editor in the folder, with nothing in the query
    ['Gitea: the folder, no prefill', { repo: 'https://codeberg.org/acme/notes.git', branch: 'main' }, 'notes', 'https://codeberg.org/acme/notes/_new/main/notes'],
    ['Bitbucket: the folder view', { repo: 'https://bitbucket.org/acme/notes.git', branch: 'main' }, 'notes', 'https://bitbucket.org/acme/notes/src/main/notes'],
    ['a leading ./ and a folder with a space', { repo: 'https://bitbucket.org/acme/notes.git', branch: 'main' }, './team notes/', 'https://bitbucket.org/acme/notes/src/main/team%20notes'],
    ['an intranet host not declared: no link', { repo: 'https://git.corp.example/team/notes.git', branch: 'main' }, 'notes', undefined],
    ['file://: no link', { repo: 'file:///srv/git/notes.git', branch: 'main' }, 'notes', undefined],
  ])('%s', (_why, source, folder, url) => {
    expect(newFileUrlOf(source, folder, 'my-note.md', template)).toBe(url);
  });

  it('the prefilled content reads back exactly', () => {
    const url = new URL(newFileUrlOf({ repo: 'https://github.com/acme/notes', branch: 'main' }, 'notes', 'Überblick.md', template)!);
    expect([url.pathname, url.searchParams.get('filename'), url.searchParams.get('value')]).toEqual(['/acme/notes/new/main/notes', 'Überblick.md', template]);
  });
});
