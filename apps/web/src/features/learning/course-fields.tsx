import { SkillLevels, type CourseView, type OrganizationView, type SkillLevel } from '@app/contracts';
import { TextField } from '../../components/text-field';
import { useI18n } from '../../i18n';
import { SelectField } from './form-parts';
import { PrerequisitePicker } from './prerequisite-picker';

/** What the new-course form and the course editor's details form both ask for. */
export interface CourseFieldValues {
  title: string;
  occupation: string;
  level: SkillLevel;
  evaluatorId: string;
  credits: string;
  hours: string;
  prereqs: string[];
}

export const courseFieldsOf = (c: CourseView): CourseFieldValues => ({
  title: c.title,
  occupation: c.occupationCategory,
  level: c.skillLevel,
  evaluatorId: c.evaluatingOrganization.id,
  credits: String(c.credits),
  hours: String(c.requiredHours),
  prereqs: c.prerequisiteCourseIds,
});

/** A course's own fields: title, occupation, level, evaluator, credits, hours and prerequisites. */
export function CourseFields({
  value,
  onChange,
  evaluators,
  siblings,
}: {
  value: CourseFieldValues;
  onChange(next: CourseFieldValues): void;
  evaluators: OrganizationView[];
  /** the program's other courses, offered as prerequisites */
  siblings: ReadonlyArray<{ id: string; title: string }>;
}) {
  const { t } = useI18n();
  const set =
    <K extends keyof CourseFieldValues>(key: K) =>
    (v: CourseFieldValues[K]) =>
      onChange({ ...value, [key]: v });
  return (
    <>
      <TextField
        label={t('learning.newCourse.courseTitle')}
        hint={t('learning.newCourse.courseTitleHint')}
        value={value.title}
        onChange={set('title')}
        required
        maxLength={120}
      />
      <TextField
        label={t('learning.newCourse.occupation')}
        hint={t('learning.newCourse.occupationHint')}
        value={value.occupation}
        onChange={set('occupation')}
        required
        maxLength={80}
      />
      <SelectField
        label={t('learning.newCourse.level')}
        value={value.level}
        onChange={set('level')}
        options={SkillLevels.map((l) => ({ value: l, text: t(`learning.level.${l}`) }))}
      />
      <SelectField
        label={t('learning.newCourse.evaluator')}
        value={value.evaluatorId}
        onChange={set('evaluatorId')}
        options={evaluators.map((o) => ({ value: o.id, text: o.name }))}
        emptyText={t('learning.newCourse.noEvaluator')}
      />
      <div className="learn-pair">
        <TextField
          label={t('learning.newCourse.credits')}
          value={value.credits}
          onChange={set('credits')}
          type="number"
          inputMode="decimal"
          min={0}
          max={1000}
          // the api keeps one decimal of credits and two of hours; a coarser step would block saving
          // a course created with finer values
          step={0.1}
          required
        />
        <TextField
          label={t('learning.newCourse.requiredHours')}
          value={value.hours}
          onChange={set('hours')}
          type="number"
          inputMode="decimal"
          min={0}
          max={2000}
          step={0.01}
          required
        />
      </div>
      <PrerequisitePicker
        legend={t('learning.newCourse.prerequisites')}
        items={siblings}
        value={value.prereqs}
        onChange={set('prereqs')}
        emptyText={t('learning.newCourse.noPrerequisites')}
      />
    </>
  );
}
