import type { Screener } from '../types';
import { citations } from './citations';
import { commercial } from './commercial';
import { confidentiality } from './confidentiality';
import { links } from './links';
import { political } from './political';
import { publicSafety } from './public-safety';

/** The one place screeners are registered. Order is the report's order for findings at the same position. */
export const screeners: Screener[] = [confidentiality, political, publicSafety, citations, commercial, links];
