/**
 * Links into the git host's web interface: "Edit this page" and "Propose a note". Derived from the
 * repository URL for GitHub, GitLab, Gitea/Forgejo and Bitbucket, self-hosted included (declare the
 * `host` kind), or taken from an explicit `editUrl` pattern. No public host name is assumed.
 */
import { isHttpUrl, type Source } from './config.ts';

/** A git host kind. */
export type HostKind = 'github' | 'gitlab' | 'gitea' | 'bitbucket';

const KNOWN: Record<string, HostKind> = {
  'github.com': 'github',
  'gitlab.com': 'gitlab',
  'bitbucket.org': 'bitbucket',
  'codeberg.org': 'gitea',
  'gitea.com': 'gitea',
};

/** The web address of a repository from its clone URL (https, ssh or scp-like); undefined for file:// and paths. */
export function webOf(repo: string): string | undefined {
  const strip = (p: string) => p.replace(/\.git\/?$/, '').replace(/\/+$/, '');
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(repo);
  if (scp && !/^[a-z]+:\/\//i.test(repo)) return `https://${scp[1]}/${strip(scp[2]!).replace(/^\/+/, '')}`;
  try {
    const u = new URL(repo);
    if (u.protocol === 'http:' || u.protocol === 'https:') return `${u.protocol}//${u.host}${strip(u.pathname)}`;
    if (u.protocol === 'ssh:' || u.protocol === 'git:') return `https://${u.hostname}${strip(u.pathname)}`;
  } catch {
    /* not a URL */
  }
  return undefined;
}

/** The host kind: declared, or known from the host name. */
export function hostKindOf(web: string | undefined, declared?: HostKind): HostKind | undefined {
  if (declared) return declared;
  if (!web) return undefined;
  try {
    return KNOWN[new URL(web).hostname.toLowerCase()];
  } catch {
    return undefined;
  }
}

const enc = (p: string) => p.split('/').map(encodeURIComponent).join('/');

/** The web address and host kind of a source, if it has them. */
function webAndKind(source: Pick<Source, 'repo' | 'web' | 'host'>): { web: string; kind: HostKind } | undefined {
  const web = source.web?.replace(/\/+$/, '') ?? (source.repo ? webOf(source.repo) : undefined);
  const kind = hostKindOf(web, source.host);
  // Every link built from `web` is clicked by readers: only an http(s) one makes any.
  return web && kind && isHttpUrl(web) ? { web, kind } : undefined;
}

/** "Edit this page": the host's editor for `path` (relative to the repository root). */
export function editUrlOf(source: Pick<Source, 'repo' | 'web' | 'host' | 'editUrl' | 'branch'>, path: string, commit?: string): string | undefined {
  if (source.editUrl) {
    const url = source.editUrl
      .replaceAll('{path}', enc(path))
      .replaceAll('{branch}', encodeURIComponent(source.branch))
      .replaceAll('{commit}', encodeURIComponent(commit ?? source.branch));
    // The settings allow only http(s) patterns; checked again here, since this address is clicked.
    return isHttpUrl(url) ? url : undefined;
  }
  const w = webAndKind(source);
  if (!w) return undefined;
  const b = encodeURIComponent(source.branch);
  switch (w.kind) {
    case 'github':
      return `${w.web}/edit/${b}/${enc(path)}`;
    case 'gitlab':
      return `${w.web}/-/edit/${b}/${enc(path)}`;
    case 'gitea':
      return `${w.web}/_edit/${b}/${enc(path)}`;
    case 'bitbucket':
      return `${w.web}/src/${b}/${enc(path)}?mode=edit`;
  }
}

/**
 * "Propose a note": the host's new-file editor in `folder`, prefilled with `fileName` and `content`
 * where the host supports it (GitHub, GitLab), else the folder view.
 */
export function newFileUrlOf(source: Pick<Source, 'repo' | 'web' | 'host' | 'branch'>, folder: string, fileName: string, content: string): string | undefined {
  const w = webAndKind(source);
  if (!w) return undefined;
  const b = encodeURIComponent(source.branch);
  const dir = enc(folder.replace(/^\.?\/?|\/$/g, ''));
  const q = (pairs: Record<string, string>) => new URLSearchParams(pairs).toString();
  switch (w.kind) {
    case 'github':
      return `${w.web}/new/${b}/${dir}?${q({ filename: fileName, value: content })}`;
    case 'gitlab':
      return `${w.web}/-/new/${b}/${dir}?${q({ file_name: fileName, content })}`;
    case 'gitea':
      return `${w.web}/_new/${b}/${dir}`;
    case 'bitbucket':
      return `${w.web}/src/${b}/${dir}`;
  }
}

/**
 * "Report a problem": the host's new-issue form, prefilled with `title` and `body` where the host
 * takes them from the address (GitHub, GitLab, Gitea/Forgejo), else the empty form (Bitbucket).
 * Undefined when the host is not known (a bare `editUrl` pattern gives no issue tracker).
 */
export function newIssueUrlOf(source: Pick<Source, 'repo' | 'web' | 'host'>, title: string, body: string): string | undefined {
  const w = webAndKind(source);
  if (!w) return undefined;
  const q = (pairs: Record<string, string>) => new URLSearchParams(pairs).toString();
  switch (w.kind) {
    case 'github':
      return `${w.web}/issues/new?${q({ title, body })}`;
    case 'gitlab':
      return `${w.web}/-/issues/new?${q({ 'issue[title]': title, 'issue[description]': body })}`;
    case 'gitea':
      return `${w.web}/issues/new?${q({ title, body })}`;
    case 'bitbucket':
      return `${w.web}/issues/new`;
  }
}

/** The title and text of a problem report about one page: which page, which file, and what to say. */
export function problemReportOf(page: { title: string; address: string; file: string }): { title: string; body: string } {
  return {
    title: `Problem on "${page.title}"`,
    body: [`Page: ${page.address}`, `File: ${page.file}`, '', 'What is wrong, missing or out of date?', '', '', 'What should it say instead (a link to a source helps)?', ''].join('\n'),
  };
}
