/** The report formats; kept free of imports so the CLI can list them at start-up without loading any. */
export const FORMATS = ['stylish', 'json', 'jsonl', 'sarif', 'junit', 'markdown', 'html', 'github'] as const;
export type Format = (typeof FORMATS)[number];
