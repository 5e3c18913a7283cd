import type { Screener } from '../types';
import { confidentiality } from './confidentiality';

/** The one place screeners are registered. Order is the report's order for findings at the same position. */
export const screeners: Screener[] = [confidentiality];
