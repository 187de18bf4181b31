import type { Catalogue } from '../shape.ts';
import { en } from './en.ts';

export const ar = { ...en } satisfies Catalogue;
