import { ValueTransformer } from 'typeorm';

/** Totals are bigint in PostgreSQL, which hands them back as strings; they stay far below 2^53. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
