import { ValueTransformer } from 'typeorm';

/** PostgreSQL hands `numeric` and `bigint` back as strings; these values stay far below 2^53. */
export const numericAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

export const MS_PER_HOUR = 3_600_000;

/** Hours shown to people: two decimals are plenty for a training record. */
export function msToHours(ms: number): number {
  return Math.round((ms / MS_PER_HOUR) * 100) / 100;
}
