import { useId } from 'react';
import type { PracticalRubric } from '@app/contracts';
import { useI18n } from '../../i18n';

export const RUBRIC_MAX = 25;
export const CRITERIA = [
  'productPresentation',
  'viewerEngagement',
  'honestyCompliance',
  'closingSale',
] as const satisfies ReadonlyArray<keyof PracticalRubric>;
export type Criterion = (typeof CRITERIA)[number];

const clamp = (n: number): number => Math.max(0, Math.min(RUBRIC_MAX, Math.round(n)));

/** One rubric line: a slider for the thumb and a number box for exact entry, kept in step. */
export function RubricInput({
  criterion,
  value,
  onChange,
}: {
  criterion: Criterion;
  value: number;
  onChange(value: number): void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="learn-rubric">
      <div className="learn-rubric-head">
        <label htmlFor={id} className="field-label">
          {t(`learning.rubric.${criterion}`)}
        </label>
        <input
          className="learn-rubric-number"
          type="number"
          inputMode="numeric"
          min={0}
          max={RUBRIC_MAX}
          value={value}
          aria-label={t('learning.rubric.points', { criterion: t(`learning.rubric.${criterion}`) })}
          onChange={(e) => onChange(clamp(Number(e.target.value) || 0))}
        />
      </div>
      <input
        id={id}
        className="learn-rubric-slider"
        type="range"
        min={0}
        max={RUBRIC_MAX}
        step={1}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(clamp(Number(e.target.value)))}
      />
      <p id={`${id}-hint`} className="field-hint">
        {t(`learning.rubric.${criterion}.hint`)}
      </p>
    </div>
  );
}
