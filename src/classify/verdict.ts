/** What a rule says of one record. Filled in by the classification stage. */
export interface Verdict {
  readonly cause: string;
  readonly rule: string;
}
