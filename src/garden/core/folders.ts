/** Where a path is among folders, on any platform. */
import { isAbsolute, relative, sep } from 'node:path';

/** True when `path` is `folder` or inside it (both absolute, or both relative to one folder). */
export function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
