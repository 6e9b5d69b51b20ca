/** The formats of `rules list` and `rules test`: kept apart so that --help loads nothing else. */
export const LIST_FORMATS = ['table', 'json'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];
