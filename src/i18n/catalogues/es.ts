import type { Catalogue } from '../shape.ts';
import { en } from './en.ts';

export const es = { ...en } satisfies Catalogue;
