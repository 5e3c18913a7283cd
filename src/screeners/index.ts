import type { Screener } from '../types';
import { citations } from './citations';
import { commercial } from './commercial';
import { confidentiality } from './confidentiality';
import { credentials } from './credentials';
import { harassment } from './harassment';
import { judgement } from './judgement';
import { links } from './links';
import { personalData } from './personal-data';
import { political } from './political';
import { publicSafety } from './public-safety';

/** The one place screeners are registered. Order is the report's order for findings at the same position. */
export const screeners: Screener[] = [harassment, confidentiality, personalData, credentials, political, publicSafety, citations, commercial, links, judgement];
