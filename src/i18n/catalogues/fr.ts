import type { Catalogue } from '../shape.ts';
import { en } from './en.ts';

export const fr = { ...en } satisfies Catalogue;
