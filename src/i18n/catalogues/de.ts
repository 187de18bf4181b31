import type { Catalogue } from '../shape.ts';
import { en } from './en.ts';

export const de = { ...en } satisfies Catalogue;
