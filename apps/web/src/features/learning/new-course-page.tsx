import { useId, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { SkillLevels, type OrganizationView, type SkillLevel, type TeachingView } from '@app/contracts';
import { FormAlert } from '../../components/form-alert';
import { TextField } from '../../components/text-field';
import { errorText, useI18n } from '../../i18n';
import { learningApi } from './learning-api';
import { BackLink, Loaded } from './page-parts';
import { useApiData } from './use-api-data';
import { PrerequisitePicker } from './prerequisite-picker';

interface NewCourseData {
  teaching: TeachingView;
  evaluators: OrganizationView[];
}

/** `/teach/new`: a course in one of the programs the instructor teaches in. */
export function NewCoursePage() {
  const { t } = useI18n();
  const data = useApiData<NewCourseData>('new-course', async (signal) => {
    const [teaching, organizations] = await Promise.all([
      learningApi.teaching(signal),
      learningApi.organizations(signal),
    ]);
    return { teaching, evaluators: organizations.filter((o) => o.kind === 'skill_evaluation_agency') };
  });
  return (
    <div className="learn-page learn-authoring">
      <BackLink to="/teach">{t('learning.teach.title')}</BackLink>
      <h1>{t('learning.newCourse.title')}</h1>
      <Loaded data={data}>
        {(d) =>
          d.teaching.programs.length === 0 ? (
            <p className="learn-empty">{t('learning.teach.noPrograms')}</p>
          ) : (
            <NewCourseForm {...d} />
          )
        }
      </Loaded>
    </div>
  );
}

function NewCourseForm({ teaching, evaluators }: NewCourseData) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const ids = { program: useId(), level: useId(), evaluator: useId() };
  const wanted = params.get('program');
  const [programId, setProgramId] = useState(
    teaching.programs.find((p) => p.id === wanted)?.id ?? teaching.programs[0]?.id ?? '',
  );
  const [title, setTitle] = useState('');
  const [occupation, setOccupation] = useState('');
  const [level, setLevel] = useState<SkillLevel>('junior');
  const [evaluatorId, setEvaluatorId] = useState(evaluators[0]?.id ?? '');
  const [credits, setCredits] = useState('');
  const [hours, setHours] = useState('');
  const [prereqs, setPrereqs] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const siblings = teaching.courses.filter((c) => c.programId === programId);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const course = await learningApi.createCourse(programId, {
        title: title.trim(),
        occupationCategory: occupation.trim(),
        skillLevel: level,
        evaluatingOrganizationId: evaluatorId,
        credits: Number(credits),
        requiredHours: Number(hours),
        prerequisiteCourseIds: prereqs,
      });
      void navigate(`/teach/courses/${course.id}`);
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor={ids.program}>
          {t('learning.newCourse.program')}
        </label>
        <select
          id={ids.program}
          className="learn-select"
          value={programId}
          onChange={(e) => {
            setProgramId(e.target.value);
            setPrereqs([]);
          }}
        >
          {teaching.programs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label={t('learning.newCourse.courseTitle')}
        hint={t('learning.newCourse.courseTitleHint')}
        value={title}
        onChange={setTitle}
        required
        maxLength={120}
      />
      <TextField
        label={t('learning.newCourse.occupation')}
        hint={t('learning.newCourse.occupationHint')}
        value={occupation}
        onChange={setOccupation}
        required
        maxLength={80}
      />
      <div className="field">
        <label className="field-label" htmlFor={ids.level}>
          {t('learning.newCourse.level')}
        </label>
        <select
          id={ids.level}
          className="learn-select"
          value={level}
          onChange={(e) => setLevel(e.target.value as SkillLevel)}
        >
          {SkillLevels.map((l) => (
            <option key={l} value={l}>
              {t(`learning.level.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={ids.evaluator}>
          {t('learning.newCourse.evaluator')}
        </label>
        {evaluators.length === 0 ? (
          <p className="learn-note">{t('learning.newCourse.noEvaluator')}</p>
        ) : (
          <select
            id={ids.evaluator}
            className="learn-select"
            value={evaluatorId}
            onChange={(e) => setEvaluatorId(e.target.value)}
          >
            {evaluators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="learn-pair">
        <TextField
          label={t('learning.newCourse.credits')}
          value={credits}
          onChange={setCredits}
          type="number"
          inputMode="decimal"
          min={0}
          max={1000}
          step={0.5}
          required
        />
        <TextField
          label={t('learning.newCourse.requiredHours')}
          value={hours}
          onChange={setHours}
          type="number"
          inputMode="decimal"
          min={0}
          max={2000}
          step={0.5}
          required
        />
      </div>
      <PrerequisitePicker
        legend={t('learning.newCourse.prerequisites')}
        items={siblings}
        value={prereqs}
        onChange={setPrereqs}
        emptyText={t('learning.newCourse.noPrerequisites')}
      />
      <FormAlert message={error} />
      <button type="submit" className="button button-block" disabled={busy || evaluators.length === 0}>
        {busy ? t('learning.newCourse.saving') : t('learning.newCourse.save')}
      </button>
    </form>
  );
}
